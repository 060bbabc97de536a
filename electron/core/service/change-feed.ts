/**
 * The snapshot as a stream of numbered changes, across notifiers: each
 * notifier counts its own `seq` from 0, and a restart (new settings, a login)
 * replaces it, so the feed adds a base that keeps the numbers growing. A window
 * never mistakes new for old, and after a restart it gets every slice anew.
 */
import { diffSnapshot, type SnapshotChange } from '../../shared/snapshot-change.js';
import type { Snapshot } from '../../shared/snapshot.js';

export class ChangeFeed {
  private base = 0;
  private last: Snapshot | undefined;

  /** A notifier's snapshot in the feed's numbering. */
  numbered(snapshot: Snapshot): Snapshot {
    return { ...snapshot, seq: this.base + snapshot.seq };
  }

  /** A new notifier takes over from `previous` (the feed's last snapshot): numbers go on after it. */
  restart(previous: Snapshot, first: Snapshot): void {
    this.base = previous.seq + 1;
    this.last = first;
  }

  /** The first notifier, before anything was published. */
  begin(first: Snapshot): void {
    this.last = first;
  }

  /** What changed since the last snapshot, numbered in the feed. */
  change(snapshot: Snapshot): SnapshotChange {
    const prev = this.last ?? snapshot;
    this.last = snapshot;
    const change = diffSnapshot(prev, snapshot);
    return { ...change, seq: this.base + change.seq };
  }

  /** Every slice of `snapshot` (numbered), for a window to replace what it showed. */
  whole(snapshot: Snapshot): SnapshotChange {
    const { seq, ...slices } = this.numbered(snapshot);
    return { seq, patch: slices };
  }
}
