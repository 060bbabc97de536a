/**
 * A ringing call the user declined is not a missed call: they saw it and chose
 * not to take it, so it is neither listed nor toasted as missed, whichever
 * report of it arrives (the call's end, Wazo's `user_missed_call`, or
 * call-logd's history at the next read).
 *
 * How a decline looks (shared/docs/wazo-rest-actions-facts.md §2b, §3):
 * declining from here is calld's `DELETE /users/me/calls/{id}` on a call still
 * ringing, which ends it as any hang-up does; call-logd's CDR of it is one
 * more unanswered call (`answered: false`, `call_status` `unknown` or
 * `voicemail` — call-logd has no "declined"). Neither the events nor the
 * history tell a decline from a miss, so the core remembers the calls the
 * user declined. The rule:
 *
 * 1. Declined from this app: the call was ringing here (`Ringing`) when the
 *    user pressed Decline. It is remembered before calld is asked (its end may
 *    come over the bus before calld's answer), and forgotten again if calld
 *    refuses — except a refusal because the call is already over (the caller
 *    hung up at that moment): the user had chosen not to take it anyway.
 * 2. Declined on the phone itself: a call that rang here and ended unanswered
 *    with Q.850 cause 17 (user busy: SIP 486 Busy Here, the Reject key of most
 *    phones) or 21 (call rejected: SIP 603 Decline) was refused by the user's
 *    own phone after ringing. Causes 16 (normal: the caller hung up) and 19
 *    (no answer) remain misses.
 *
 * A report is of a declined call when it names the same call id or the same
 * conversation id (the linkedid the bus and the CDR both carry); failing
 * both, when it is from the same number within the match window of the
 * decline. The calls declined are kept in memory only (a restart forgets
 * them; the history then lists them as missed).
 */
import type { MissedCallView } from '../../shared/snapshot.js';
import { LIMITS } from './limits.js';
import type { CoreState } from './state.js';

export interface DeclinedCall {
  call_id: string;
  conversation_id: string | null;
  /** The caller's number, for reports that name neither the call nor the conversation. */
  number: string | null;
  /** When it was declined, epoch ms. */
  at: number;
}

/** Q.850 causes of a call the user's phone refused after ringing: 17 user busy (SIP 486), 21 call rejected (SIP 603). */
const REFUSED_BY_PHONE: ReadonlySet<number> = new Set([17, 21]);

/** Whether a call that rang here and ended unanswered with this cause was declined on the phone (rule 2). */
export function refusedByPhone(reasonCode: number | null | undefined): boolean {
  return reasonCode !== null && reasonCode !== undefined && REFUSED_BY_PHONE.has(reasonCode);
}

/** Whether a missed-call report is of a call the user declined. */
export function isDeclined(declined: readonly DeclinedCall[], miss: MissedCallView): boolean {
  return declined.some((d) => {
    if (miss.call_id && miss.call_id === d.call_id) return true;
    if (miss.conversation_id && d.conversation_id) return miss.conversation_id === d.conversation_id;
    if (!d.number || miss.caller_id_number !== d.number) return false;
    // The miss's instant: for the history, the call's span (it began before the decline).
    const from = Date.parse(miss.at) - LIMITS.missedMatchWindowMs;
    const to = Date.parse(miss.end ?? miss.at) + LIMITS.missedMatchWindowMs;
    return d.at >= from && d.at <= to;
  });
}

/** The state with `call` remembered as declined, and any miss already listed for it taken out. */
export function withDeclined(state: CoreState, call: DeclinedCall): CoreState {
  const known = state.declined.some((d) => d.call_id === call.call_id);
  const declined = known ? state.declined : [...state.declined, call].slice(-LIMITS.declinedCalls);
  const missed = state.snapshot.missed_calls;
  const kept = missed.filter((m) => !isDeclined([call], m));
  if (known && kept.length === missed.length) return state;
  return {
    ...state,
    declined,
    snapshot: kept.length === missed.length ? state.snapshot : { ...state.snapshot, missed_calls: kept },
  };
}
