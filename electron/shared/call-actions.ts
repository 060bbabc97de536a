/**
 * The call actions the window asks of the Wazo server (call back, answer,
 * decline, hang up): what a request may hold and why one failed. The core
 * sorts wazo-calld's documented errors into a few reasons and the window words
 * each one in the user's language; the server's own text stays beside it for
 * the log. Shared with the renderer: imports nothing from Node or the DOM.
 */
import * as v from 'valibot';
import type { ErrorReason } from './error-reason.js';

/**
 * A number to call, as wazo-calld's `extension` takes it: it removes every
 * space itself, so they are removed here too; then 1 to 128 phone-like
 * characters (digits, letters and * # + . _ @ : -, as a forward's destination).
 */
export const ExtensionSchema = v.pipe(
  v.string(),
  v.transform((s) => s.replace(/\s+/g, '')),
  v.regex(
    /^[0-9A-Za-z*#+._@:-]{1,128}$/,
    'the number to call is digits, letters and * # + . _ @ : - (1 to 128, spaces ignored)',
  ),
);

/** Whether a caller's number can be called back (a withheld or odd caller id cannot). */
export function isCallable(number: string | null): number is string {
  return number !== null && v.is(ExtensionSchema, number);
}

/** An Asterisk channel id as wazo-calld names a call (`1724107131.42`), never a path of its own. */
export const CallIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9._-]{1,128}$/, 'a call id is 1 to 128 letters, digits and . _ -'),
);

/**
 * Why a call action failed, for the window to say in words: calld's own
 * reasons first, else the reason any request may fail for (`ErrorReason`:
 * `signed-out`, `unreachable`, `session`, `refused`, `other`…).
 */
export type CallActionReason =
  | ErrorReason
  /** The user has no line (`user-missing-main-line`, `invalid-user-line`). */
  | 'no-line'
  /** The number does not exist from the user's line (`invalid-extension`, `invalid-data`). */
  | 'invalid-extension'
  /** The user's SIP phone is not registered (`call-origin-unavailable`). */
  | 'phone-offline'
  /** The phone cannot be driven from here (503 `phoned-error`). */
  | 'phone-unsupported'
  /** The call is over, or not a call the server can act on (404 `no-such-call`). */
  | 'no-such-call'
  /** Another user's call (403 `user-permission-denied`). */
  | 'not-yours';

/** What a call action answers: done, or why not (`error` is the technical text, for the log). */
export type CallActionResult = { ok: true } | { ok: false; reason: CallActionReason; error: string };
