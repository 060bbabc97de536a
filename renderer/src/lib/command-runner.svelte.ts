/**
 * Runs the window's commands to the Wazo server (toggles, voicemail, favorites).
 * The core has already shown the change (optimistic) and undoes it itself
 * when refused; a refusal reads "Not done: <why>".
 */
import type { WazoCommandResult } from '../../../electron/shared/contract';
import { ActionRunner } from './action-runner.svelte';
import { refusalWords, thrownWords, type ErrorWords } from './error-words';

export class CommandRunner extends ActionRunner<WazoCommandResult> {
  protected refused(result: Extract<WazoCommandResult, { ok: false }>): ErrorWords {
    return this.worded(refusalWords(this.tr(), result));
  }

  protected failed(err: unknown): ErrorWords {
    return this.worded(thrownWords(this.tr(), err));
  }

  private worded(words: ErrorWords): ErrorWords {
    return { ...words, text: this.tr().t('command.refused', { error: words.text }) };
  }
}
