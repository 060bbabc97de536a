/**
 * The optimistic results of the user's commands, and their rollbacks. A
 * rollback undoes only what is still the optimistic value: if the bus said
 * something newer meanwhile, the bus wins.
 */
import {
  remoteParty,
  type FavoriteView,
  type ForwardName,
  type ForwardState,
  type ServiceName,
  type ServiceState,
  type VoicemailMessageView,
} from '../../shared/snapshot.js';
import type { EventOf } from '../events/catalog.js';
import { withDeclined } from './declined-calls.js';
import type { LocalChange } from './reducer.js';
import type { CoreState } from './state.js';
import { LIMITS } from './limits.js';
import { reduceVoicemail } from './voicemail.js';
import { sameJson } from '../../shared/same-json.js';

type Toggles = {
  services: Record<ServiceName, ServiceState | null>;
  forwards: Record<ForwardName, ForwardState | null>;
};

/** Sets a service or a forward to `value`; with `unless`, only while it still equals `unless`. */
export function setToggle<K extends keyof Toggles>(
  slice: K,
  name: keyof Toggles[K] & string,
  value: Toggles[K][keyof Toggles[K]],
  unless?: Toggles[K][keyof Toggles[K]],
): LocalChange {
  return {
    name: 'local',
    label: `${unless === undefined ? 'set' : 'roll back'} ${slice}.${name}`,
    change: (state: CoreState) => {
      const current = (state.snapshot[slice] as Record<string, unknown>)[name];
      if (sameJson(current, value)) return state;
      if (unless !== undefined && !sameJson(current, unless)) return state;
      return { ...state, snapshot: { ...state.snapshot, [slice]: { ...state.snapshot[slice], [name]: value } } };
    },
  };
}

type VoicemailEvent = EventOf<'user_voicemail_message_created' | 'user_voicemail_message_deleted'>;

function voicemailChange(label: string, event: (state: CoreState) => VoicemailEvent | null): LocalChange {
  return {
    name: 'local',
    label,
    change: (state) => {
      const e = event(state);
      if (!e) return state;
      const voicemail = reduceVoicemail(state.snapshot.voicemail, e);
      return voicemail === state.snapshot.voicemail ? state : { ...state, snapshot: { ...state.snapshot, voicemail } };
    },
  };
}

/** The message as an event would carry it, so that the inbox reducer rebuilds exactly this view. */
function asEvent(view: VoicemailMessageView): VoicemailEvent {
  const { id, voicemail_id, folder, caller_id_name, caller_id_num, duration, timestamp } = view;
  const message: Record<string, unknown> = { id, folder, caller_id_name, caller_id_num, duration, timestamp };
  if (view.transcription !== undefined) message.transcription = { text: view.transcription };
  return {
    name: 'user_voicemail_message_created',
    data: { voicemail_id, message_id: id, message },
  } as unknown as VoicemailEvent;
}

const find = (state: CoreState, id: string): VoicemailMessageView | undefined =>
  state.snapshot.voicemail.messages.find((m) => m.id === id);

/** Puts a message in `view` (a folder change); with `unless`, only while it still is `unless`. */
export function putVoicemail(view: VoicemailMessageView, unless?: VoicemailMessageView): LocalChange {
  return voicemailChange(`${unless ? 'roll back' : 'update'} voicemail ${view.id}`, (state) => {
    const current = find(state, view.id);
    if (unless && (!current || !sameJson(current, unless))) return null;
    if (!unless && !current) return null;
    return asEvent(view);
  });
}

/** Removes a message. */
export function removeVoicemail(id: string): LocalChange {
  return voicemailChange(
    `remove voicemail ${id}`,
    () =>
      ({
        name: 'user_voicemail_message_deleted',
        data: { message_id: id },
      }) as unknown as VoicemailEvent,
  );
}

/** Brings back a message whose deletion the server refused, unless the inbox has it again already. */
export function restoreVoicemail(view: VoicemailMessageView): LocalChange {
  return voicemailChange(`roll back removal of voicemail ${view.id}`, (state) =>
    find(state, view.id) ? null : asEvent(view),
  );
}

const sameFavorite = (a: FavoriteView, b: FavoriteView) =>
  a.source === b.source && a.source_entry_id === b.source_entry_id;

/** Lists a favorite (with what is known of it), unless it is listed already. */
export function addFavorite(fav: FavoriteView): LocalChange {
  return {
    name: 'local',
    label: `add favorite ${fav.source}/${fav.source_entry_id}`,
    change: (state) => {
      const list = state.snapshot.favorites;
      if (list.some((f) => sameFavorite(f, fav))) return state;
      return { ...state, snapshot: { ...state.snapshot, favorites: [...list, fav].slice(-LIMITS.favorites) } };
    },
  };
}

/** Unlists a favorite; with `unless`, only while it is still listed as `unless` (a rollback). */
export function removeFavorite(key: FavoriteView, unless?: FavoriteView): LocalChange {
  return {
    name: 'local',
    label: `${unless ? 'roll back' : 'remove'} favorite ${key.source}/${key.source_entry_id}`,
    change: (state) => {
      const list = state.snapshot.favorites;
      const i = list.findIndex((f) => sameFavorite(f, key));
      if (i === -1 || (unless && !sameJson(list[i], unless))) return state;
      return { ...state, snapshot: { ...state.snapshot, favorites: list.filter((_, j) => j !== i) } };
    },
  };
}

/**
 * Gives the favorites the bus announced (a source and an id, no name yet) the
 * name and numbers dird lists for them; the others, and those dird no longer
 * lists, are left as they are.
 */
export function nameFavorites(listed: readonly FavoriteView[]): LocalChange {
  return {
    name: 'local',
    label: `name ${listed.length} favorites from dird`,
    change: (state) => {
      const list = state.snapshot.favorites;
      let next: FavoriteView[] | undefined;
      list.forEach((f, i) => {
        if (f.name !== undefined) return;
        const known = listed.find((l) => sameFavorite(l, f));
        if (!known || known.name === undefined) return;
        next ??= list.slice();
        next[i] = { ...f, name: known.name, numbers: known.numbers ?? [] };
      });
      return next ? { ...state, snapshot: { ...state.snapshot, favorites: next } } : state;
    },
  };
}

/**
 * The user declines a call ringing here (store/declined-calls.ts, rule 1): it
 * is remembered as declined, so that no report of it lists it as missed. A
 * call not ringing here (talking, calling out, unknown) is only hung up:
 * nothing changes.
 */
export function declineCall(callId: string, at: number): LocalChange {
  return {
    name: 'local',
    label: `decline call ${callId}`,
    change: (state) => {
      const call = state.snapshot.calls.find((c) => c.call_id === callId);
      if (call?.status !== 'Ringing') return state;
      const { number } = remoteParty(call);
      return withDeclined(state, { call_id: callId, conversation_id: call.conversation_id, number, at });
    },
  };
}

/** Forgets a decline calld refused (the call goes on ringing: if it is then missed, it is listed). */
export function undeclineCall(callId: string): LocalChange {
  return {
    name: 'local',
    label: `roll back decline of call ${callId}`,
    change: (state) =>
      state.declined.some((d) => d.call_id === callId)
        ? { ...state, declined: state.declined.filter((d) => d.call_id !== callId) }
        : state,
  };
}
