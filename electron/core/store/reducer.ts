/**
 * The pure reducer of the user's accepted events. It returns the very same
 * state object when an event changes nothing, which is how the store knows a
 * redelivered or repeated event was a no-op.
 */
import type { FavoriteView, MissedCallView } from '../../shared/snapshot.js';
import { catalogEntry, type WazoEvent } from '../events/catalog.js';
import { endCall, setHold, upsertCall } from './calls.js';
import { isDeclined } from './declined-calls.js';
import { LIMITS } from './limits.js';
import { addMissedCall } from './missed-calls.js';
import type { CoreState } from './state.js';
import { reduceVoicemail } from './voicemail.js';

/**
 * A change made here rather than announced by the bus: a command's optimistic
 * result, or its rollback when the server refused. It goes through the store
 * like an event, so that a REST read in flight replays it too.
 */
export interface LocalChange {
  name: 'local';
  /** What it does, for diagnostics. */
  label: string;
  change: (state: CoreState) => CoreState;
}

/** What the store applies: the user's bus events and local changes. */
export type StoreEvent = WazoEvent | LocalChange;

/**
 * Applies one accepted event of the user. `at` is when it happened, in epoch
 * milliseconds: the notifier reads it from the server's clock (see
 * events/server-clock.ts); the reducer never reads the envelope's timestamp.
 */
export function reduce(state: CoreState, event: StoreEvent, at: number): CoreState {
  const snap = state.snapshot;
  switch (event.name) {
    case 'local':
      return event.change(state);
    case 'call_created':
    case 'call_updated':
    case 'call_answered':
      return upsertCall(state, event);
    case 'call_ended':
      return endCall(state, event, at);
    case 'call_held':
    case 'call_resumed':
      return setHold(state, event.data.call_id, event.name === 'call_held');
    case 'user_missed_call': {
      const d = event.data;
      const miss: MissedCallView = {
        ...(d.conversation_id ? { conversation_id: d.conversation_id } : {}),
        caller_id_name: d.caller_id_name ?? null,
        caller_id_number: d.caller_id_number ?? null,
        at: new Date(at).toISOString(),
        ...(d.reason ? { reason: d.reason } : {}),
        source: 'bus',
      };
      // Wazo reports a call the user declined as missed too: it is not (store/declined-calls.ts).
      if (isDeclined(state.declined, miss)) return state;
      const missed = addMissedCall(snap.missed_calls, miss);
      return missed === snap.missed_calls ? state : withSnapshot(state, { missed_calls: missed });
    }
    case 'user_voicemail_message_created':
    case 'user_voicemail_message_updated':
    case 'user_voicemail_message_deleted': {
      const voicemail = reduceVoicemail(snap.voicemail, event);
      return voicemail === snap.voicemail ? state : withSnapshot(state, { voicemail });
    }
    case 'favorite_added':
    case 'favorite_deleted':
      return reduceFavorite(state, event);
    default:
      return reduceToggle(state, event);
  }
}

function withSnapshot(state: CoreState, patch: Partial<CoreState['snapshot']>): CoreState {
  return { ...state, snapshot: { ...state.snapshot, ...patch } };
}

function reduceToggle(state: CoreState, event: Extract<WazoEvent, { name: `users_${string}_updated` }>): CoreState {
  const snap = state.snapshot;
  const toggle = catalogEntry(event.name).toggle;
  if (!toggle) return state;
  if (toggle.slice === 'forwards') {
    const forward = toggle.name;
    const d = event.data as { enabled: boolean; destination?: string | null };
    const next = { enabled: d.enabled, destination: d.destination ?? null };
    const prev = snap.forwards[forward];
    if (prev && prev.enabled === next.enabled && prev.destination === next.destination) return state;
    return withSnapshot(state, { forwards: { ...snap.forwards, [forward]: next } });
  }
  const service = toggle.name;
  if (snap.services[service]?.enabled === event.data.enabled) return state;
  return withSnapshot(state, { services: { ...snap.services, [service]: { enabled: event.data.enabled } } });
}

function reduceFavorite(state: CoreState, event: Extract<WazoEvent, { name: `favorite_${string}` }>): CoreState {
  const fav: FavoriteView = { source: event.data.source, source_entry_id: String(event.data.source_entry_id) };
  const list = state.snapshot.favorites;
  const i = list.findIndex((f) => f.source === fav.source && f.source_entry_id === fav.source_entry_id);
  if (event.name === 'favorite_added') {
    if (i !== -1) return state;
    return withSnapshot(state, { favorites: [...list, fav].slice(-LIMITS.favorites) });
  }
  if (i === -1) return state;
  return withSnapshot(state, { favorites: list.filter((_, j) => j !== i) });
}
