/**
 * How the snapshot travels after the first one: the slices that changed, and
 * a large inbox's voicemail changes as a delta. The core computes a change
 * (diffSnapshot), the window applies it (applyVoicemailDelta).
 */
import type { Snapshot, VoicemailMessageView, VoicemailState } from './snapshot.js';
import { insertionPoint } from './voicemail-order.js';

/**
 * A change of the snapshot: the slices whose value changed, and the `seq` it
 * brings the snapshot to. A voicemail change to a few messages of a large
 * inbox comes as `voicemail_delta` rather than the whole inbox.
 */
export interface SnapshotChange {
  seq: number;
  patch: Partial<Snapshot>;
  voicemail_delta?: VoicemailDelta;
}

/** The messages added or changed (`upsert`) and removed (`remove`, by id), and the new unread count. */
export interface VoicemailDelta {
  unread: number;
  upsert: VoicemailMessageView[];
  remove: string[];
}

/**
 * The slices of `next` that are not the very same objects as in `prev` (the
 * store shares what did not change, down to each voicemail message).
 */
export function diffSnapshot(prev: Snapshot, next: Snapshot): SnapshotChange {
  const patch: Record<string, unknown> = {};
  let voicemail_delta: VoicemailDelta | undefined;
  for (const key of Object.keys(next) as (keyof Snapshot)[]) {
    if (key === 'seq' || prev[key] === next[key]) continue;
    if (key === 'voicemail') {
      voicemail_delta = voicemailDelta(prev.voicemail, next.voicemail);
      if (voicemail_delta) continue;
    }
    patch[key] = next[key];
  }
  const change: SnapshotChange = { seq: next.seq, patch: patch as Partial<Snapshot> };
  if (voicemail_delta) change.voicemail_delta = voicemail_delta;
  return change;
}

/** A delta between two inboxes, or undefined when sending the whole inbox is as cheap. */
function voicemailDelta(prev: VoicemailState, next: VoicemailState): VoicemailDelta | undefined {
  const before = new Set(prev.messages);
  const upsert = next.messages.filter((m) => !before.has(m));
  const after = new Set(next.messages.map((m) => m.id));
  const upserted = new Set(upsert.map((m) => m.id));
  const remove = prev.messages.filter((m) => !after.has(m.id) && !upserted.has(m.id)).map((m) => m.id);
  if ((upsert.length + remove.length) * 2 >= next.messages.length) return undefined;
  return { unread: next.unread, upsert, remove };
}

/** Applies a voicemail delta to an inbox, keeping it newest first. */
export function applyVoicemailDelta(inbox: VoicemailState, delta: VoicemailDelta): VoicemailState {
  const drop = new Set([...delta.remove, ...delta.upsert.map((m) => m.id)]);
  const messages: VoicemailMessageView[] = inbox.messages.filter((m) => !drop.has(m.id));
  for (const m of delta.upsert) messages.splice(insertionPoint(messages, m), 0, m);
  return { unread: delta.unread, messages };
}
