/**
 * The user's live phone state as every port (window, tray, notifications, CLI)
 * sees it. Plain data only: this file is shared with the renderer, so it imports
 * nothing from Node, Electron or the DOM.
 */
import type { ErrorReason } from './error-reason.js';
import type { BusMode } from './settings.js';

/**
 * Where the event source stands. `connected` means events flow: the AMQP queue
 * is bound and consuming, or websocketd answered `start`. `idle`: nothing to
 * follow yet (nobody signed in and no direct bus configured).
 */
type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** Which transport feeds the events, and for AMQP which exchange and layout (once detected). */
export type ConnectionSource =
  | {
      transport: 'websocketd';
      /** The Wazo server's origin, e.g. `https://wazo.example.com`. */
      server: string;
    }
  | {
      transport: 'amqp';
      /** The broker as `host:port` (never its credentials). */
      broker: string;
      /** Set once known: given by the settings, or detected at the first connection. */
      exchange?: string;
      mode?: BusMode;
    };

export type ConnectionState = {
  status: ConnectionStatus;
  /** What feeds the events (absent while `idle`). */
  source?: ConnectionSource;
  /** Reconnect attempt number, from 1, while `reconnecting`. */
  attempt?: number;
  /** Milliseconds until the next attempt, while `reconnecting`. */
  delay_ms?: number;
  /** While `connected`: the last thing the server sent that was ignored (a bad frame), in words. */
  warning?: string;
} & ConnectionFailure;

/** Why the last attempt or the connection failed (while `reconnecting`, or `closed` for good): both or neither. */
type ConnectionFailure =
  | { error?: undefined; reason?: undefined }
  | {
      /** In words, for the log and the window's technical details. */
      error: string;
      /** As the code the window words: set by the source that saw the failure, never read from `error`. */
      reason: ErrorReason;
    };

/** A call of the user's, as wazo-calld describes it (every field but `call_id` may be absent on older servers). */
export interface CallView {
  call_id: string;
  conversation_id: string | null;
  /** Asterisk channel state: `Ringing` (ringing here), `Ring` (ringing there), `Up` (talking), `Down`. */
  status: string | null;
  on_hold: boolean;
  muted: boolean;
  direction: string | null;
  is_caller: boolean | null;
  caller_id_name: string | null;
  caller_id_number: string | null;
  peer_caller_id_name: string | null;
  peer_caller_id_number: string | null;
  dialed_extension: string | null;
  creation_time: string | null;
  answer_time: string | null;
  talking_to: Record<string, string | null>;
}

export interface MissedCallView {
  call_id?: string;
  conversation_id?: string;
  caller_id_name: string | null;
  caller_id_number: string | null;
  /** When the call was missed, ISO 8601 (UTC). */
  at: string;
  /** Wazo's reason (since 21.04), e.g. `no-answer`, `busy`; absent when inferred from call events. */
  reason?: string;
  /**
   * `bus`: announced by `user_missed_call`; `inferred`: a ringing call that ended unanswered;
   * `history`: read from wazo-call-logd's call history (a CDR not answered, the user its destination).
   */
  source: 'bus' | 'inferred' | 'history';
  /** The call-logd CDR's id, once the miss is known to the history. */
  cdr_id?: number;
  /** From the history: when the call ended, ISO 8601 (UTC); `at` is then when it began. */
  end?: string;
}

/**
 * What the user has done with their missed calls, kept per user in the
 * profile: every miss up to `seen_until` was seen (it no longer counts in the
 * badge); up to `cleared_until` they were cleared (no longer listed). ISO 8601.
 */
export interface MissedMarks {
  seen_until: string | null;
  cleared_until: string | null;
}

export const NO_MISSED_MARKS: MissedMarks = { seen_until: null, cleared_until: null };

/** Whether a miss was seen by the user. */
export function isSeen(miss: MissedCallView, marks: MissedMarks): boolean {
  return marks.seen_until !== null && miss.at <= marks.seen_until;
}

/** The missed calls not seen yet: the badge's count. */
export function unseenMissed(snapshot: Pick<Snapshot, 'missed_calls' | 'missed_marks'>): number {
  let n = 0;
  for (const m of snapshot.missed_calls) if (!isSeen(m, snapshot.missed_marks)) n++;
  return n;
}

interface VoicemailFolder {
  id: number | null;
  name: string | null;
  /** A `VoicemailFolderType` as Wazo sent it (voicemail-folder.ts), kept as received: unread = `new` or `urgent`. */
  type: string | null;
}

export interface VoicemailMessageView {
  id: string;
  voicemail_id: number | string | null;
  folder: VoicemailFolder;
  caller_id_name: string | null;
  caller_id_num: string | null;
  /** Seconds. */
  duration: number | null;
  /** Epoch seconds. */
  timestamp: number | null;
  unread: boolean;
  transcription?: string | null;
}

export interface VoicemailState {
  unread: number;
  /** Newest first. */
  messages: VoicemailMessageView[];
}

export interface ForwardState {
  enabled: boolean;
  destination: string | null;
}

export interface ServiceState {
  enabled: boolean;
}

/** The user's call forwards and services, as wazo-confd names them (and its bus events after them). */
export const FORWARD_NAMES = ['busy', 'noanswer', 'unconditional'] as const;
export const SERVICE_NAMES = ['dnd', 'incallfilter'] as const;
export type ForwardName = (typeof FORWARD_NAMES)[number];
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface FavoriteView {
  source: string;
  source_entry_id: string;
  /** Read from dird's favorites (by `column_types`); absent while only the bus announced it. */
  name?: string | null;
  /** The numbers to call, main one first; absent while only the bus announced it. */
  numbers?: string[];
}

/** The Wazo user logged in (absent when following a user uuid given by hand). */
export interface AccountView {
  username: string;
  /** The Wazo server's origin, e.g. `https://wazo.example.com`. */
  server: string;
  tenant_uuid: string | null;
}

/** Who the signed-in user is, as wazo-confd describes them (`GET /users/{uuid}`): the header shows it. */
export interface IdentityView {
  /** `firstname lastname`, trimmed; null when both are empty. */
  name: string | null;
  /** The main line's first extension (`lines[0].extensions[0].exten`); null without a line. */
  extension: string | null;
}

/**
 * Where reading the state from the server stands: `none` without a login,
 * `syncing` while reading (after login and after every bus reconnect),
 * `synced` once merged, `failed` when it could not be read (retried later).
 */
interface SyncState {
  status: 'none' | 'syncing' | 'synced' | 'failed';
  /** When it was last merged, ISO 8601. */
  at?: string;
  /** Why the last read failed, or which slices could not be read. */
  error?: string;
  /** `error` as a code the window words (the first failure's, when several slices failed). */
  reason?: ErrorReason;
}

/** One immutable picture of the user's phone state; `seq` grows with every change. */
export interface Snapshot {
  user_uuid: string;
  seq: number;
  connection: ConnectionState;
  account: AccountView | null;
  /** The signed-in user's name and extension, once read from the server (null before, or without a login). */
  me: IdentityView | null;
  sync: SyncState;
  calls: CallView[];
  /** Newest first; the cleared ones are not listed. */
  missed_calls: MissedCallView[];
  missed_marks: MissedMarks;
  /**
   * Whether the missed calls include the call history: `unknown` until read
   * (or without a login), `read`, or `forbidden` (call-logd refused the
   * token: the list holds only what the events said since the app started).
   */
  missed_history: 'unknown' | 'read' | 'forbidden';
  voicemail: VoicemailState;
  /** Each `null` while the server never announced it. */
  forwards: Record<ForwardName, ForwardState | null>;
  /** Each `null` while the server never announced it. */
  services: Record<ServiceName, ServiceState | null>;
  favorites: FavoriteView[];
}

/** The other party of a call: wazo-calld's `peer_caller_id_*`, or on older servers the call's own caller id. */
export function remoteParty(call: CallView): { name: string | null; number: string | null } {
  return {
    name: call.peer_caller_id_name || call.caller_id_name,
    number: call.peer_caller_id_number || call.caller_id_number,
  };
}
