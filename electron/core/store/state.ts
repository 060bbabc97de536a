/** The reducer's state: the public snapshot plus the bookkeeping the reducer needs. */
import { NO_MISSED_MARKS, type Snapshot } from '../../shared/snapshot.js';
import { parseInstant } from '../events/server-clock.js';
import type { DeclinedCall } from './declined-calls.js';

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
  /** Calls the user declined, oldest first: never listed as missed (store/declined-calls.ts). */
  declined: readonly DeclinedCall[];
}

/** The state of a user before any event. */
export function initialState(userUuid: string): CoreState {
  return {
    snapshot: {
      user_uuid: userUuid,
      seq: 0,
      connection: { status: 'connecting' },
      account: null,
      me: null,
      sync: { status: 'none' },
      calls: [],
      missed_calls: [],
      missed_marks: NO_MISSED_MARKS,
      missed_history: 'unknown',
      voicemail: { unread: 0, messages: [] },
      forwards: { busy: null, noanswer: null, unconditional: null },
      services: { dnd: null, incallfilter: null },
      favorites: [],
    },
    callMeta: {},
    ended: [],
    declined: [],
  };
}

/**
 * An instant as ISO 8601 UTC: `zoned` when it is a time that carries its
 * offset (a call's `hangup_time`), else `at`, the event's instant. A zone-less
 * time is never read here: only the server clock knows what it means.
 */
export function instantIso(zoned: string | null | undefined, at: number): string {
  return new Date(parseInstant(zoned) ?? at).toISOString();
}
