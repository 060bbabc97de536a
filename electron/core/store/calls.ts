/** Reduces call events: the user's live calls, their hold state, and misses inferred from them. */
import { remoteParty, type CallView, type MissedCallView } from '../../shared/snapshot.js';
import type { CallData, EventOf } from '../events/catalog.js';
import { isDeclined, refusedByPhone, withDeclined } from './declined-calls.js';
import { addMissedCall } from './missed-calls.js';
import { LIMITS } from './limits.js';
import { instantIso, type CallMeta, type CoreState } from './state.js';
import { sameJson } from '../../shared/same-json.js';

type CallChange = EventOf<'call_created' | 'call_updated' | 'call_answered'>;

const pick = <T>(next: T | null | undefined, prev: T | null | undefined): T | null => next ?? prev ?? null;

function toView(d: CallData, prev: CallView | undefined, answered: boolean): CallView {
  return {
    call_id: d.call_id,
    conversation_id: pick(d.conversation_id, prev?.conversation_id),
    status: answered && !d.status ? 'Up' : pick(d.status, prev?.status),
    on_hold: d.on_hold ?? prev?.on_hold ?? false,
    muted: d.muted ?? prev?.muted ?? false,
    direction: pick(d.direction, prev?.direction),
    is_caller: pick(d.is_caller, prev?.is_caller),
    caller_id_name: pick(d.caller_id_name, prev?.caller_id_name),
    caller_id_number: pick(d.caller_id_number, prev?.caller_id_number),
    peer_caller_id_name: pick(d.peer_caller_id_name, prev?.peer_caller_id_name),
    peer_caller_id_number: pick(d.peer_caller_id_number, prev?.peer_caller_id_number),
    dialed_extension: pick(d.dialed_extension, prev?.dialed_extension),
    creation_time: pick(d.creation_time, prev?.creation_time),
    answer_time: pick(d.answer_time, prev?.answer_time),
    talking_to: normaliseTalkingTo(d.talking_to) ?? prev?.talking_to ?? {},
  };
}

function normaliseTalkingTo(t: CallData['talking_to']): Record<string, string | null> | undefined {
  if (!t) return undefined;
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(t)) out[k] = v ?? null;
  return out;
}

/** A call was created or changed: upsert it, unless it already ended. */
export function upsertCall(state: CoreState, event: CallChange): CoreState {
  const d = event.data;
  if (state.ended.includes(d.call_id)) return state;
  const calls = state.snapshot.calls;
  const i = calls.findIndex((c) => c.call_id === d.call_id);
  const prev = i === -1 ? undefined : calls[i];
  const view = toView(d, prev, event.name === 'call_answered');
  const meta = state.callMeta[d.call_id] ?? { rang: false, up: false };
  const nextMeta: CallMeta = {
    rang: meta.rang || view.status === 'Ringing',
    up: meta.up || view.status === 'Up' || Boolean(view.answer_time) || event.name === 'call_answered',
  };
  const metaChanged = nextMeta.rang !== meta.rang || nextMeta.up !== meta.up || i === -1;
  if (prev && sameJson(prev, view) && !metaChanged) return state;
  let nextCalls: CallView[];
  if (i === -1) nextCalls = [...calls, view].slice(-LIMITS.calls);
  else {
    nextCalls = calls.slice();
    nextCalls[i] = view;
  }
  return {
    ...state,
    snapshot: { ...state.snapshot, calls: nextCalls },
    callMeta: { ...prunedMeta(state.callMeta, nextCalls), [d.call_id]: nextMeta },
  };
}

function prunedMeta(meta: Readonly<Record<string, CallMeta>>, calls: readonly CallView[]): Record<string, CallMeta> {
  if (Object.keys(meta).length < LIMITS.calls) return meta;
  const live = new Set(calls.map((c) => c.call_id));
  return Object.fromEntries(Object.entries(meta).filter(([id]) => live.has(id)));
}

/**
 * A call ended: drop it, remember it ended, and list it as missed if it rang
 * here unanswered, at its `hangup_time` (else `at`, the event's instant) —
 * unless the user declined it, here or on the phone (store/declined-calls.ts).
 */
export function endCall(state: CoreState, event: EventOf<'call_ended'>, at: number): CoreState {
  const d = event.data;
  if (state.ended.includes(d.call_id)) return state;
  const prev = state.snapshot.calls.find((c) => c.call_id === d.call_id);
  const meta = state.callMeta[d.call_id];
  const { [d.call_id]: _gone, ...callMeta } = state.callMeta;
  const ended = [...state.ended, d.call_id].slice(-LIMITS.endedCalls);
  let missed = state.snapshot.missed_calls;
  const rang = meta?.rang || d.status === 'Ringing';
  const answered = meta?.up || Boolean(d.answer_time) || d.status === 'Up';
  let declined = state.declined;
  if (rang && !answered) {
    const conversation = d.conversation_id ?? prev?.conversation_id;
    // calld builds call_ended from the channel's last snapshot, caller and peer
    // swapped: its caller_id_* is the other party, its peer_caller_id_* the user.
    // The caller is the other party as seen while the call was live, else that caller_id_*.
    const live = prev ? remoteParty(prev) : { name: null, number: null };
    const miss: MissedCallView = {
      call_id: d.call_id,
      ...(conversation ? { conversation_id: conversation } : {}),
      caller_id_name: live.name || (d.caller_id_name ?? null),
      caller_id_number: live.number || (d.caller_id_number ?? null),
      at: instantIso(d.hangup_time, at),
      source: 'inferred',
    };
    if (refusedByPhone(d.reason_code)) {
      // Refused on the phone after ringing: declined, not missed (and a report of it already listed goes).
      const refused = withDeclined(
        { ...state, snapshot: { ...state.snapshot, missed_calls: missed } },
        { call_id: d.call_id, conversation_id: conversation ?? null, number: miss.caller_id_number, at },
      );
      missed = refused.snapshot.missed_calls;
      declined = refused.declined;
    } else if (!isDeclined(declined, miss)) {
      missed = addMissedCall(missed, miss);
    }
  }
  return {
    ...state,
    snapshot: {
      ...state.snapshot,
      calls: prev ? state.snapshot.calls.filter((c) => c !== prev) : state.snapshot.calls,
      missed_calls: missed,
    },
    callMeta,
    ended,
    declined,
  };
}

/** A call was put on hold or taken off it. */
export function setHold(state: CoreState, callId: string, onHold: boolean): CoreState {
  const calls = state.snapshot.calls;
  const i = calls.findIndex((c) => c.call_id === callId);
  if (i === -1 || calls[i]!.on_hold === onHold) return state;
  const next = calls.slice();
  next[i] = { ...calls[i]!, on_hold: onHold };
  return { ...state, snapshot: { ...state.snapshot, calls: next } };
}
