/**
 * Merging the state read over REST (after login, after every bus reconnect)
 * with the events that arrive while it is being read.
 *
 * The rule: the read starts only once the bus queue is bound and consuming,
 * and the backlog it held at that moment is applied (the source's `ready`);
 * every event applied from then on is also kept aside. When the answers
 * arrive, each slice they cover is replaced by the server's value, and the
 * kept events are applied again, in order, on top. Because the queue is FIFO,
 * any change the server made after its answer was read reaches us as an event
 * after the read began, so it is replayed over the answer; an event older
 * than the answer but queued after the read began is followed in the queue by
 * the events of every later change, so the replay ends on the newest value
 * either way. The backlog is the exception that `ready` keeps out of the
 * replay: a later change's event may never have been published (the broker
 * was down), so a backlog event replayed over the answer could bring back a
 * call that has ended (found by the soak's broker restarts). Slices the server did not answer keep
 * what the bus said. Missed calls are the one slice the server's answer does not
 * replace: its history is merged with what the bus said (missed-calls.ts), and
 * calls already seen ending never come back.
 */
import type { FavoriteView, IdentityView, MissedCallView, Snapshot, VoicemailState } from '../../shared/snapshot.js';
import type { CallData, WazoEvent } from '../events/catalog.js';
import { upsertCall } from './calls.js';
import { isDeclined } from './declined-calls.js';
import { mergeHistory } from './missed-calls.js';
import { reduce, type StoreEvent } from './reducer.js';
import type { CallMeta, CoreState } from './state.js';

/** What the server answered, slice by slice (a slice it failed to answer is absent). */
export interface RestSlices {
  forwards?: Snapshot['forwards'];
  services?: Snapshot['services'];
  voicemail?: VoicemailState;
  calls?: readonly CallData[];
  favorites?: readonly FavoriteView[];
  me?: IdentityView;
  /** The misses read from call-logd's history (merged with the bus's, never replacing them). */
  missed?: readonly MissedCallView[];
  /** Whether the history could be read (`forbidden`: call-logd refused the token). */
  missedHistory?: Snapshot['missed_history'];
}

/** An event applied while the read was in flight, with its instant (epoch ms). */
export interface Replayed {
  event: StoreEvent;
  at: number;
}

/** The state after a read: the server's slices, then the events of the meantime replayed. */
export function mergeResync(state: CoreState, rest: RestSlices, replay: readonly Replayed[]): CoreState {
  let next: CoreState = state;
  const patch: Partial<Snapshot> = {};
  if (rest.forwards) patch.forwards = rest.forwards;
  if (rest.services) patch.services = rest.services;
  if (rest.voicemail) patch.voicemail = rest.voicemail;
  if (rest.favorites) patch.favorites = [...rest.favorites];
  if (rest.me) patch.me = rest.me;
  if (rest.missed) {
    // call-logd lists a call the user declined as one more unanswered call: it is not missed.
    const missed = state.declined.length ? rest.missed.filter((m) => !isDeclined(state.declined, m)) : rest.missed;
    patch.missed_calls = mergeHistory(state.snapshot.missed_calls, missed, state.snapshot.missed_marks);
  }
  if (rest.missedHistory) patch.missed_history = rest.missedHistory;
  next = { ...next, snapshot: { ...next.snapshot, ...patch } };
  if (rest.calls) next = withCalls(next, rest.calls);
  for (const { event, at } of replay) next = reduce(next, event, at);
  return next;
}

/** The live calls as the server lists them, keeping what we knew of each (it rang here, it was answered). */
function withCalls(state: CoreState, calls: readonly CallData[]): CoreState {
  let next: CoreState = { ...state, snapshot: { ...state.snapshot, calls: [] }, callMeta: {} };
  for (const data of calls) {
    next = upsertCall(next, { name: 'call_updated', data } as Extract<WazoEvent, { name: 'call_updated' }>);
  }
  const callMeta: Record<string, CallMeta> = {};
  for (const [id, meta] of Object.entries(next.callMeta)) {
    const known = state.callMeta[id];
    callMeta[id] = known ? { rang: known.rang || meta.rang, up: known.up || meta.up } : meta;
  }
  return { ...next, callMeta };
}
