/**
 * Runs the window's call actions (call back, answer, decline, hang up), with
 * calld's own reasons in words, and, after a call back, the notice that the
 * user's own phone rings first (calld calls it before dialling the number,
 * which surprises whoever expects the number to ring at once).
 */
import type { CallActionResult } from '../../../electron/shared/call-actions';
import { ActionRunner } from './action-runner.svelte';
import { reasonText, thrownWords, type ErrorWords } from './error-words';
import type { MessageKey } from './i18n';

type CallRefusal = Extract<CallActionResult, { ok: false }>;

/** calld's own reasons, and those a call action words its own way; the others read as any refusal. */
const REASON_KEYS: Partial<Record<CallRefusal['reason'], MessageKey>> = {
  'signed-out': 'action.error.signed_out',
  'no-line': 'action.error.no_line',
  'invalid-extension': 'action.error.invalid_extension',
  'phone-offline': 'action.error.phone_offline',
  'phone-unsupported': 'action.error.phone_unsupported',
  'no-such-call': 'action.error.no_such_call',
  'not-yours': 'action.error.not_yours',
  unreachable: 'action.error.unreachable',
};

export class CallActionRunner extends ActionRunner<CallActionResult> {
  /** A refused call action in words, never the server's text (that stays in the details). */
  protected refused(result: CallRefusal): ErrorWords {
    const tr = this.tr();
    const key = REASON_KEYS[result.reason];
    const text = key ? tr.t(key) : tr.t('action.error.other', { error: reasonText(tr, result.reason) });
    return { text, detail: result.error, reason: result.reason };
  }

  protected failed(err: unknown): ErrorWords {
    const words = thrownWords(this.tr(), err);
    return { ...words, text: this.tr().t('action.error.other', { error: words.text }) };
  }
}
