/**
 * Decides which accepted events deserve a toast, from the snapshot before and
 * after the event: a call starting to ring here, a call answered, a new miss,
 * a new unread voicemail, a forward or service switched. A repeat that changed
 * nothing never toasts.
 */
import { FORWARD_NAMES, SERVICE_NAMES, remoteParty, type Snapshot } from '../../shared/snapshot.js';
import type { Toast } from '../../shared/toast.js';
import type { WazoEvent } from '../events/catalog.js';

type Draft = Toast extends infer T ? (T extends Toast ? Omit<T, 'id' | 'at'> : never) : never;

/** The toast an event calls for, if any (without its id and time). */
export function toastFor(event: WazoEvent, before: Snapshot, after: Snapshot): Draft | null {
  if (before === after) return null;
  switch (event.name) {
    case 'call_created':
    case 'call_updated':
    case 'call_answered': {
      const call = after.calls.find((c) => c.call_id === event.data.call_id);
      const prev = before.calls.find((c) => c.call_id === event.data.call_id);
      if (!call) return null;
      const who = remoteParty(call);
      if (call.status === 'Ringing' && prev?.status !== 'Ringing') {
        return { kind: 'incoming_call', call_id: call.call_id, name: who.name, number: who.number };
      }
      if (call.status === 'Up' && prev !== undefined && prev.status !== 'Up') {
        return { kind: 'call_answered', call_id: call.call_id, name: who.name, number: who.number };
      }
      return null;
    }
    case 'call_ended':
    case 'user_missed_call': {
      // A new miss goes first and pushes the others down; a report merged into
      // an entry (the other source of the same miss) replaces it in place: no second toast.
      const miss = after.missed_calls[0];
      if (!miss || before.missed_calls.includes(miss)) return null;
      if (before.missed_calls.length > 0 && after.missed_calls[1] !== before.missed_calls[0]) return null;
      return { kind: 'missed_call', name: miss.caller_id_name, number: miss.caller_id_number };
    }
    case 'user_voicemail_message_created': {
      const known = new Set(before.voicemail.messages.map((m) => m.id));
      const fresh = after.voicemail.messages.find((m) => !known.has(m.id) && m.unread);
      return fresh
        ? { kind: 'voicemail', message_id: fresh.id, name: fresh.caller_id_name, number: fresh.caller_id_num }
        : null;
    }
    default:
      break;
  }
  for (const f of FORWARD_NAMES) {
    const next = after.forwards[f];
    if (next && next !== before.forwards[f]) {
      return { kind: 'forward', forward: f, enabled: next.enabled, destination: next.destination };
    }
  }
  for (const s of SERVICE_NAMES) {
    const next = after.services[s];
    if (next && next !== before.services[s]) return { kind: 'service', service: s, enabled: next.enabled };
  }
  return null;
}
