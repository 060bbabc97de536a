/**
 * Missed calls come from two places: Wazo's `user_missed_call` (since 21.04)
 * and, for servers that never send it, a call that rang here and ended without
 * being answered. Either way a missed call is listed once: a later report of
 * the same miss from the other source is merged into the first.
 */
import type { MissedCallView } from '../../shared/snapshot.js';
import { LIMITS } from './limits.js';

function sameMiss(a: MissedCallView, b: MissedCallView): boolean {
  if (a.conversation_id && b.conversation_id) return a.conversation_id === b.conversation_id;
  if (a.call_id && b.call_id && a.call_id === b.call_id) return true;
  // Two reports from the same source are one only if they are the same report.
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
  if (existing.source === 'bus' || miss.source === 'inferred') return list;
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
