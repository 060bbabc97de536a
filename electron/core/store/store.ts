/**
 * Holds the user's state and tells subscribers about every change. Applying
 * the same message twice (a redelivery after a reconnect) changes nothing: the
 * message's fingerprint is remembered, and the reducer itself is idempotent.
 */
import type { ConnectionState, Snapshot } from '../../shared/snapshot.js';
import { Emitter } from '../emitter.js';
import type { WazoEvent } from '../events/catalog.js';
import { LIMITS } from './limits.js';
import { reduce } from './reducer.js';
import { initialState, type CoreState } from './state.js';

export class StateStore extends Emitter<{ change: Snapshot }> {
  private state: CoreState;
  private readonly seen = new Set<string>();

  constructor(
    userUuid: string,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.state = initialState(userUuid);
  }

  /** The current snapshot; a new object after every change, the same one otherwise. */
  get snapshot(): Snapshot {
    return this.state.snapshot;
  }

  /** True when `callId` is one of the user's calls in progress. */
  isLiveCall(callId: string): boolean {
    return this.state.snapshot.calls.some((c) => c.call_id === callId);
  }

  /** True when a message with this fingerprint was applied recently (a redelivery). */
  isDuplicate(fingerprint: string): boolean {
    return this.seen.has(fingerprint);
  }

  /**
   * Applies an accepted event; `fingerprint` identifies the message bytes, and
   * a message already applied is ignored. Returns whether anything changed.
   */
  apply(event: WazoEvent, fingerprint?: string): boolean {
    if (fingerprint !== undefined) {
      if (this.seen.has(fingerprint)) return false;
      this.seen.add(fingerprint);
      if (this.seen.size > LIMITS.fingerprints) this.seen.delete(this.seen.values().next().value!);
    }
    return this.commit(reduce(this.state, event, this.now()));
  }

  /** Records the bus connection state. */
  setConnection(connection: ConnectionState): boolean {
    const prev = this.state.snapshot.connection;
    if (JSON.stringify(prev) === JSON.stringify(connection)) return false;
    return this.commit({ ...this.state, snapshot: { ...this.state.snapshot, connection } });
  }

  private commit(next: CoreState): boolean {
    if (next === this.state) return false;
    this.state = { ...next, snapshot: { ...next.snapshot, seq: this.state.snapshot.seq + 1 } };
    this.emit('change', this.state.snapshot);
    return true;
  }
}
