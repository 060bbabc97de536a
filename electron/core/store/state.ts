/** The reducer's state: the public snapshot plus the bookkeeping the reducer needs. */
import type { Snapshot } from '../../shared/snapshot.js';

export interface CallMeta {
  /** Seen `Ringing` on the user's channel: an incoming call to the user. */
  rang: boolean;
  /** Seen talking (`Up` or an answer time). */
  up: boolean;
}

export interface CoreState {
  snapshot: Snapshot;
  callMeta: Readonly<Record<string, CallMeta>>;
  /** Recently ended call ids, oldest first. */
  ended: readonly string[];
}

/** The state of a user before any event. */
export function initialState(userUuid: string): CoreState {
  return {
    snapshot: {
      user_uuid: userUuid,
      seq: 0,
      connection: { status: 'connecting' },
      account: null,
      sync: { status: 'none' },
      calls: [],
      missed_calls: [],
      voicemail: { unread: 0, messages: [] },
      forwards: { busy: null, noanswer: null, unconditional: null },
      services: { dnd: null, incallfilter: null },
      favorites: [],
    },
    callMeta: {},
    ended: [],
  };
}

/** The moment an event happened: its envelope timestamp when valid, else now. */
export function eventTime(timestamp: string | null | undefined, now: number): string {
  if (timestamp) {
    const t = Date.parse(timestamp);
    if (Number.isFinite(t)) return new Date(t).toISOString();
  }
  return new Date(now).toISOString();
}
