/**
 * The window's view of the snapshot: subscribe first, then fetch, then apply
 * numbered changes, at most once per animation frame however fast they come.
 */
import type { SnapshotChange, WazoBridge } from '../../../electron/shared/contract';
import type { Snapshot } from '../../../electron/shared/snapshot';
import { applyChanges, newer } from './snapshot-sync';

export class LiveSnapshot {
  /** Replaced whole on each change: never deeply proxied, so thousands of messages stay cheap. */
  current = $state.raw<Snapshot | null>(null);
  error = $state<string | null>(null);
  /** The notifier's process is gone (preview): what `current` shows may be out of date. */
  lost = $state(false);
  private queued: SnapshotChange[] = [];
  private frame = 0;
  private fetching = false;

  constructor(
    private readonly bridge: WazoBridge,
    private readonly nextFrame: (cb: () => void) => number = (cb) => requestAnimationFrame(cb),
  ) {}

  /** Subscribes, then loads the snapshot; returns the unsubscribe function. */
  start(): () => void {
    const off = this.bridge.on('change', (c) => {
      this.queued.push(c);
      if (!this.frame) this.frame = this.nextFrame(() => this.flush());
    });
    void this.refetch();
    return off;
  }

  /** Fetches the whole snapshot (at start, and when a change was missed). */
  async refetch(): Promise<void> {
    if (this.fetching) return;
    this.fetching = true;
    try {
      this.current = newer(this.current, await this.bridge.getSnapshot({}));
      this.error = null;
      this.flush();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.fetching = false;
    }
  }

  private flush(): void {
    this.frame = 0;
    if (!this.current || this.queued.length === 0) return;
    const { snapshot, gap } = applyChanges(this.current, this.queued);
    this.queued = [];
    if (snapshot !== this.current) this.current = snapshot;
    if (gap) void this.refetch();
  }
}
