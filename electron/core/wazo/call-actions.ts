/**
 * The user's call actions through wazo-calld: call back a number (the user's
 * own phone rings first, then calld dials the number), answer a ringing call
 * (calld asks the phone through wazo-phoned, which not every phone supports),
 * decline or hang up. Nothing here is optimistic: the bus's call events show
 * what really happened; a refusal comes back as a reason the window words.
 */
import type { CallActionReason, CallActionResult } from '../../shared/call-actions.js';
import { describeError, silentLogger, type Logger } from '../logger.js';
import { errorReason } from './error-reason.js';
import { WazoHttpError } from './http-client.js';
import type { WazoApi } from './wazo-api.js';

/** wazo-calld's `error_id`s, by the reason the window gives (shared/docs/wazo-rest-actions-facts.md §2). */
const REASONS: Record<string, CallActionReason> = {
  'user-missing-main-line': 'no-line',
  'invalid-user-line': 'no-line',
  'invalid-extension': 'invalid-extension',
  'invalid-data': 'invalid-extension',
  'call-origin-unavailable': 'phone-offline',
  'phoned-error': 'phone-unsupported',
  'no-such-call': 'no-such-call',
  'user-permission-denied': 'not-yours',
};

/**
 * Why a call action failed, from what the server answered: its `error_id`
 * first, then the status as a call action reads it, then what any request
 * may fail for (an expired session, a refusal, a certificate…).
 */
export function callActionReason(err: unknown): CallActionReason {
  if (!(err instanceof WazoHttpError)) return 'other';
  const known = err.errorId ? REASONS[err.errorId] : undefined;
  if (known) return known;
  if (err.kind === 'not_found') return 'no-such-call';
  if (err.kind === 'forbidden') return 'not-yours';
  if (err.transient) return 'unreachable';
  return errorReason(err);
}

/** Call back, answer and hang up with one logged-in user's session. */
export class CallActions {
  constructor(
    private readonly api: WazoApi,
    private readonly log: Logger = silentLogger,
  ) {}

  /** Places a call to `extension` from the user's own phone (it rings first). */
  callBack(extension: string): Promise<CallActionResult> {
    return this.run(() => this.api.placeCall(extension));
  }

  answer(callId: string): Promise<CallActionResult> {
    return this.run(() => this.api.answerCall(callId));
  }

  /** Ends a call; on a call still ringing here, declines it. */
  hangUp(callId: string): Promise<CallActionResult> {
    return this.run(() => this.api.hangUpCall(callId));
  }

  private async run(call: () => Promise<void>): Promise<CallActionResult> {
    try {
      await call();
      return { ok: true };
    } catch (err) {
      const error = describeError(err);
      this.log.warn(error);
      return { ok: false, reason: callActionReason(err), error };
    }
  }
}
