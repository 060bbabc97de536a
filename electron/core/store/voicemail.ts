/** Reduces voicemail message events into the inbox: newest first, with its unread count. */
import type { VoicemailMessageView, VoicemailState } from '../../shared/snapshot.js';
import type { EventOf, VoicemailMessage } from '../events/catalog.js';
import { insertionPoint, newestFirst } from '../../shared/voicemail-order.js';
import { LIMITS } from './limits.js';
import { sameJson } from '../../shared/same-json.js';
import { isUnreadFolder } from '../../shared/voicemail-folder.js';

type VoicemailEvent = EventOf<
  'user_voicemail_message_created' | 'user_voicemail_message_updated' | 'user_voicemail_message_deleted'
>;

function toView(event: VoicemailEvent, prev: VoicemailMessageView | undefined): VoicemailMessageView | undefined {
  const { data } = event;
  const m = data.message;
  const id = data.message_id ?? m?.id;
  if (!id) return undefined;
  if (!m) return prev;
  const folder = {
    id: m.folder?.id ?? prev?.folder.id ?? null,
    name: m.folder?.name ?? prev?.folder.name ?? null,
    type: m.folder?.type ?? prev?.folder.type ?? null,
  };
  const view: VoicemailMessageView = {
    id,
    voicemail_id: data.voicemail_id ?? prev?.voicemail_id ?? null,
    folder,
    caller_id_name: m.caller_id_name ?? prev?.caller_id_name ?? null,
    caller_id_num: m.caller_id_num ?? prev?.caller_id_num ?? null,
    duration: m.duration ?? prev?.duration ?? null,
    timestamp: m.timestamp ?? prev?.timestamp ?? null,
    unread: isUnreadFolder(folder.type),
  };
  const transcription = m.transcription === undefined ? prev?.transcription : (m.transcription?.text ?? null);
  if (transcription !== undefined) view.transcription = transcription;
  return view;
}

/** Applies one voicemail event; returns the same inbox object when nothing changed. */
export function reduceVoicemail(inbox: VoicemailState, event: VoicemailEvent): VoicemailState {
  const id = event.data.message_id ?? event.data.message?.id;
  const i = inbox.messages.findIndex((m) => m.id === id);
  const prev = i === -1 ? undefined : inbox.messages[i];
  let messages: VoicemailMessageView[];
  if (event.name === 'user_voicemail_message_deleted') {
    if (i === -1) return inbox;
    messages = inbox.messages.filter((_, j) => j !== i);
  } else {
    const view = toView(event, prev);
    if (!view || (prev && sameJson(prev, view))) return inbox;
    messages = i === -1 ? [...inbox.messages] : inbox.messages.filter((_, j) => j !== i);
    const at = insertionPoint(messages, view);
    messages.splice(at, 0, view);
    if (messages.length > LIMITS.voicemails) messages.length = LIMITS.voicemails;
  }
  let unread = 0;
  for (const m of messages) if (m.unread) unread++;
  return { unread, messages };
}

/**
 * The inbox as wazo-calld lists it (`GET /users/me/voicemails`): each folder's
 * messages, in the same views and order as the bus events build.
 */
export function inboxFromFolders(
  voicemailId: number | string | null,
  folders: readonly {
    id?: number | null;
    name?: string | null;
    type?: string | null;
    messages: readonly VoicemailMessage[];
  }[],
): VoicemailState {
  const byId = new Map<string, VoicemailMessageView>();
  for (const f of folders) {
    const folder = { id: f.id ?? null, name: f.name ?? null, type: f.type ?? null };
    for (const m of f.messages) {
      // Only the fields a view reads: spreading the schema's output (a loose object) is slow.
      const message = {
        id: m.id,
        caller_id_name: m.caller_id_name,
        caller_id_num: m.caller_id_num,
        duration: m.duration,
        timestamp: m.timestamp,
        transcription: m.transcription,
        folder: m.folder ?? folder,
      };
      const view = toView(
        {
          name: 'user_voicemail_message_created',
          data: { voicemail_id: voicemailId, message_id: m.id, message },
        } as VoicemailEvent,
        undefined,
      );
      if (view) byId.set(view.id, view);
    }
  }
  const messages = [...byId.values()].sort(newestFirst).slice(0, LIMITS.voicemails);
  return { unread: messages.filter((m) => m.unread).length, messages };
}
