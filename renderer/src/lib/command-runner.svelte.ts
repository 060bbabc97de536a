/**
 * Runs the window's commands to the Wazo server: which are in flight (their
 * controls wait) and the last refusal, worded for the user. The core has
 * already shown the change (optimistic) and undoes it itself when refused.
 */
import type { WazoCommandResult } from '../../../electron/shared/contract';
import { refusalWords, thrownWords, type ErrorWords, type Reason } from './error-words';
import type { Translator } from './i18n';

export class CommandRunner {
  pending = $state<Record<string, boolean>>({});
  error = $state('');
  /** The technical reason behind `error`, for whoever asks. */
  detail = $state('');

  /** `tr` is read at each use, so the runner follows the component's current props. */
  constructor(private readonly tr: () => Translator) {}

  /** Runs `call` under `key`; resolves to whether the server accepted it. */
  async run(key: string, call: () => Promise<WazoCommandResult>): Promise<boolean> {
    // Its control keeps the focus while it waits (aria-disabled), so a second press must do nothing.
    if (this.pending[key]) return false;
    this.pending[key] = true;
    this.error = '';
    this.detail = '';
    try {
      const result = await call();
      if (!result.ok) this.say(refusalWords(this.tr(), result));
      return result.ok;
    } catch (err) {
      this.say(thrownWords(this.tr(), err));
      return false;
    } finally {
      delete this.pending[key];
    }
  }

  /** Says why a change was not made (the window's own check refused it): in words, with the reason on demand. */
  refuse(reason: Reason, detail: string): void {
    this.say(refusalWords(this.tr(), { reason, error: detail }));
  }

  private say(words: ErrorWords): void {
    this.error = this.tr().t('command.refused', { error: words.text });
    this.detail = words.detail;
  }
}
