/**
 * Keeps a copy of the core's snapshot from numbered changes: changes older
 * than the copy are dropped, the next one is applied, and a gap means some
 * were missed, so the whole snapshot must be fetched again.
 */
import { applyVoicemailDelta, type SnapshotChange } from '../../../electron/shared/snapshot-change';
import type { Snapshot } from '../../../electron/shared/snapshot';

export interface Applied {
  snapshot: Snapshot;
  /** True when a change was missing: fetch the snapshot again. */
  gap: boolean;
}

/** Applies queued changes, in order, to a snapshot. */
export function applyChanges(snapshot: Snapshot, changes: readonly SnapshotChange[]): Applied {
  let s = snapshot;
  for (const c of changes) {
    if (c.seq <= s.seq) continue;
    if (c.seq !== s.seq + 1) return { snapshot: s, gap: true };
    s = { ...s, ...c.patch, seq: c.seq };
    if (c.voicemail_delta) s.voicemail = applyVoicemailDelta(s.voicemail, c.voicemail_delta);
  }
  return { snapshot: s, gap: false };
}

/** Picks the newer of a fetched snapshot and the one held. */
export function newer(held: Snapshot | null, fetched: Snapshot): Snapshot {
  return held && held.seq > fetched.seq ? held : fetched;
}
