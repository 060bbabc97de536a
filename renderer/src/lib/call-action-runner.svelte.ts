/**
 * Runs the window's call actions (call back, answer, decline, hang up): which
 * are in flight (their buttons wait), the last refusal in the user's words
 * (with the technical reason on demand), and, after a call back, that the
 * user's own phone rings first (calld calls it before dialling the number,
 * which surprises whoever expects the number to ring at once).
 */
import type { CallActionResult } from '../../../electron/shared/call-actions';
import { reasonText, thrownWords } from './error-words';
import type { MessageKey, Translator } from './i18n';

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

/** A refused call action in words, never the server's text (that stays in the details). */
function callActionError(tr: Translator, result: CallRefusal): string {
  const key = REASON_KEYS[result.reason];
  return key ? tr.t(key) : tr.t('action.error.other', { error: reasonText(tr, result.reason) });
}

export class CallActionRunner {
  pending = $state<Record<string, boolean>>({});
  error = $state('');
  /** The technical reason behind `error`, for whoever asks. */
  detail = $state('');
  /** What the user should expect now (after a call back: their phone rings first). */
  notice = $state('');

  /** `tr` is read at each use, so the runner follows the component's current props. */
  constructor(private readonly tr: () => Translator) {}

  /** Runs `call` under `key`; on success shows `done` (if any). Resolves to whether it was done. */
  async run(key: string, call: () => Promise<CallActionResult>, done?: string): Promise<boolean> {
    // Its button keeps the focus while it waits (aria-disabled), so a second press must do nothing.
    if (this.pending[key]) return false;
    this.pending[key] = true;
    this.error = '';
    this.detail = '';
    this.notice = '';
    try {
      const result = await call();
      if (result.ok) this.notice = done ?? '';
      else {
        this.error = callActionError(this.tr(), result);
        this.detail = result.error;
      }
      return result.ok;
    } catch (err) {
      const words = thrownWords(this.tr(), err);
      this.error = this.tr().t('action.error.other', { error: words.text });
      this.detail = words.detail;
      return false;
    } finally {
      delete this.pending[key];
    }
  }
}
