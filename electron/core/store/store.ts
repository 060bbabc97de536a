/**
 * Holds the user's state and tells subscribers about every change. Applying
 * the same message twice (a redelivery after a reconnect) changes nothing: the
 * message's fingerprint is remembered, and the reducer itself is idempotent.
 */
import type { ConnectionState, MissedMarks, Snapshot } from '../../shared/snapshot.js';
import { withoutCleared } from './missed-calls.js';
import { Emitter } from '../emitter.js';
import { LIMITS } from './limits.js';
import { reduce, type StoreEvent } from './reducer.js';
import { mergeResync, type Replayed, type RestSlices } from './resync.js';
import { initialState, type CoreState } from './state.js';
import { sameJson } from '../../shared/same-json.js';

export class StateStore extends Emitter<{ change: Snapshot }> {
  private state: CoreState;
  private readonly seen = new Set<string>();
  /** Events applied since a REST read began, to replay over its answer; `null` when no read is in flight. */
  private replay: Replayed[] | null = null;

  constructor(
    userUuid: string,
    private readonly now: () => number = Date.now,
    connection?: ConnectionState,
  ) {
    super();
    const state = initialState(userUuid);
    this.state = connection ? { ...state, snapshot: { ...state.snapshot, connection } } : state;
  }

  /** The current snapshot; a new object after every change, the same one otherwise. */
  get snapshot(): Snapshot {
    return this.state.snapshot;
  }

  /** True when `callId` is one of the user's calls in progress. */
  isLiveCall(callId: string): boolean {
    return this.state.snapshot.calls.some((c) => c.call_id === callId);
  }

  /**
   * The one redelivery check: remembers a message's fingerprint and says
   * whether it is seen for the first time (false: applied recently, a redelivery).
   */
  firstSight(fingerprint: string): boolean {
    if (this.seen.has(fingerprint)) return false;
    this.seen.add(fingerprint);
    if (this.seen.size > LIMITS.fingerprints) this.seen.delete(this.seen.values().next().value!);
    return true;
  }

  /**
   * Applies an accepted event; `fingerprint`, when given, identifies the
   * message bytes, and a message already applied is ignored (see `firstSight`);
   * `at` is when the event happened (epoch ms, as the server clock judged it),
   * now when not given. Returns whether anything changed.
   */
  apply(event: StoreEvent, fingerprint?: string, at?: number): boolean {
    if (fingerprint !== undefined && !this.firstSight(fingerprint)) return false;
    const when = at ?? this.now();
    if (this.replay) {
      if (this.replay.length < LIMITS.resyncReplay) this.replay.push({ event, at: when });
      else this.replay = null; // too much happened meanwhile: this read is abandoned (completeResync says so)
    }
    return this.commit(reduce(this.state, event, when));
  }

  /** A REST read of the state begins: from now on applied events are kept to replay over its answer. */
  beginResync(): void {
    this.replay = [];
  }

  /**
   * Merges the REST answer (see resync.ts for the rule). Returns false, changing
   * nothing, when the read was abandoned (too many events meanwhile, or never begun).
   */
  completeResync(rest: RestSlices): boolean {
    const replay = this.replay;
    this.replay = null;
    if (!replay) return false;
    this.commit(mergeResync(this.state, rest, replay));
    return true;
  }

  /** Forgets a read that failed. */
  abortResync(): void {
    this.replay = null;
  }

  /** Records the bus connection state. */
  setConnection(connection: ConnectionState): boolean {
    return this.setSlice('connection', connection);
  }

  /** Records who is logged in. */
  setAccount(account: Snapshot['account']): boolean {
    return this.setSlice('account', account);
  }

  /** Records what the user has seen and cleared of their missed calls; the cleared ones leave the list. */
  setMissedMarks(marks: MissedMarks): boolean {
    const snap = this.state.snapshot;
    if (sameJson(snap.missed_marks, marks)) return false;
    const missed_calls = withoutCleared(snap.missed_calls, marks);
    return this.commit({ ...this.state, snapshot: { ...snap, missed_marks: marks, missed_calls } });
  }

  /** Records where reading the state from the server stands. */
  setSync(sync: Snapshot['sync']): boolean {
    return this.setSlice('sync', sync);
  }

  private setSlice<K extends 'connection' | 'account' | 'sync'>(key: K, value: Snapshot[K]): boolean {
    if (sameJson(this.state.snapshot[key], value)) return false;
    return this.commit({ ...this.state, snapshot: { ...this.state.snapshot, [key]: value } });
  }

  private commit(next: CoreState): boolean {
    if (next === this.state) return false;
    this.state = { ...next, snapshot: { ...next.snapshot, seq: this.state.snapshot.seq + 1 } };
    this.emit('change', this.state.snapshot);
    return true;
  }
}
