/**
 * Missed calls come from three places: Wazo's `user_missed_call` (since
 * 21.04); for servers that never send it, a call that rang here and ended
 * without being answered; and, at sign-in and every resync, call-logd's
 * history (the misses from before the app started or while it was offline).
 * Whichever way, a missed call is listed once: a later report of the same
 * miss is merged into the first.
 *
 * The identity rule, first that applies:
 * 1. two reports known to the history are one when their CDR ids are equal;
 * 2. two with a conversation id (the call's Asterisk linkedid, which both the
 *    bus and the CDR carry) are one when those are equal;
 * 3. the same call id is the same call;
 * 4. two live reports from the same source are one only if they are the same report;
 * 5. a history entry and a live report are one when the caller's number is the
 *    same and the live report's instant falls within the CDR's call, from its
 *    start (less a few seconds of clock skew) to its end plus the match window;
 * 6. a bus report and an inferred one: the same number within the match window.
 */
import type { MissedCallView, MissedMarks } from '../../shared/snapshot.js';
import { LIMITS } from './limits.js';

/** How much earlier than a CDR's start a live report may be stamped (the two clocks are the server's, nearly). */
const SKEW_MS = 5_000;

/** Whether two reports are of the same missed call (the rule above). */
export function sameMiss(a: MissedCallView, b: MissedCallView): boolean {
  if (a.cdr_id !== undefined && b.cdr_id !== undefined) return a.cdr_id === b.cdr_id;
  if (a.conversation_id && b.conversation_id) return a.conversation_id === b.conversation_id;
  if (a.call_id && b.call_id && a.call_id === b.call_id) return true;
  // Two reports from the same source are one only if they are the same report.
  if (a.source === 'history' || b.source === 'history') {
    const [h, live] = a.source === 'history' ? [a, b] : [b, a];
    if (live.source === 'history' || !h.caller_id_number || h.caller_id_number !== live.caller_id_number) return false;
    const t = Date.parse(live.at);
    return t >= Date.parse(h.at) - SKEW_MS && t <= Date.parse(h.end ?? h.at) + LIMITS.missedMatchWindowMs;
  }
  if (a.source === b.source) return a.at === b.at && a.caller_id_number === b.caller_id_number;
  return (
    a.caller_id_number === b.caller_id_number &&
    Math.abs(Date.parse(a.at) - Date.parse(b.at)) <= LIMITS.missedMatchWindowMs
  );
}

/** Adds a missed call to the list (newest first), or merges it into the entry it repeats. */
export function addMissedCall(list: MissedCallView[], miss: MissedCallView): MissedCallView[] {
  const i = list.findIndex((m) => sameMiss(m, miss));
  if (i === -1) return [miss, ...list].slice(0, LIMITS.missedCalls);
  const existing = list[i]!;
  if (existing.source !== 'inferred' || miss.source === 'inferred') return list;
  // Wazo's own report wins over our inference, but keeps what we knew of the call.
  const merged: MissedCallView = {
    ...miss,
    call_id: miss.call_id ?? existing.call_id,
    conversation_id: miss.conversation_id ?? existing.conversation_id,
    caller_id_name: miss.caller_id_name ?? existing.caller_id_name,
    caller_id_number: miss.caller_id_number ?? existing.caller_id_number,
    at: existing.at,
  };
  const next = list.slice();
  next[i] = stripUndefined(merged);
  return next;
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * Merges the misses read from the history into the list: each one already
 * listed (rule above) only gains its CDR id, the others are added; the list
 * stays newest first, bounded, without what the user cleared. Returns the very
 * same list when nothing changed, so that reading the same history again
 * changes nothing.
 */
export function mergeHistory(
  list: MissedCallView[],
  history: readonly MissedCallView[],
  marks: MissedMarks,
): MissedCallView[] {
  let next: MissedCallView[] | undefined;
  for (const h of history) {
    if (marks.cleared_until !== null && h.at <= marks.cleared_until) continue;
    const current = next ?? list;
    const i = current.findIndex((m) => sameMiss(m, h));
    if (i === -1) {
      next = [...current, h];
      continue;
    }
    const existing = current[i]!;
    if (existing.cdr_id !== undefined) continue;
    next = current.slice();
    next[i] = stripUndefined({
      ...existing,
      cdr_id: h.cdr_id,
      end: existing.end ?? h.end,
      caller_id_name: existing.caller_id_name ?? h.caller_id_name,
      conversation_id: existing.conversation_id ?? h.conversation_id,
    });
  }
  if (!next) return list;
  return next.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, LIMITS.missedCalls);
}

/** The list without the misses the user cleared (same list when none is). */
export function withoutCleared(list: MissedCallView[], marks: MissedMarks): MissedCallView[] {
  const cleared = marks.cleared_until;
  if (cleared === null || !list.some((m) => m.at <= cleared)) return list;
  return list.filter((m) => m.at > cleared);
}
