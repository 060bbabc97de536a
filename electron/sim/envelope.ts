/**
 * Builds events the way a current Wazo publishes them (envelope keys, headers,
 * routing key, and the server's own way of writing times), for the simulator,
 * the tests and the benchmark. A test can play a server in any zone.
 */
import { performance } from 'node:perf_hooks';
import { catalogEntry, type EventName } from '../core/events/catalog.js';
import { WAZO_FOLDERS, type WazoFolderType } from '../shared/voicemail-folder.js';

export interface Publication {
  name: EventName;
  routingKey: string;
  /** AMQP headers: every envelope key but `data`, as Wazo sets them. */
  headers: Record<string, unknown>;
  body: Record<string, unknown>;
}

export interface Origin {
  userUuid: string;
  tenantUuid?: string;
  originUuid?: string;
  /** The event time; defaults to now. */
  at?: Date;
  /** The server's zone, as its offset from UTC in minutes (UTC+01:00 is 60); default 0, a server on UTC. */
  utcOffsetMinutes?: number;
}

export const SIM_TENANT = '1b2b0c2e-0c3c-4f57-9e7e-5b1f6d9b9a00';
export const SIM_ORIGIN = '08c56466-8f29-45c7-9856-92bf1ba89b82';

const MINUTE = 60_000;

/** Microsecond digits past the millisecond: what a real clock shows, so that two events stamped alike are rare. */
const subMillisecond = (): number => Math.floor((performance.now() % 1) * 1000);

/**
 * The envelope's `timestamp` as wazo-bus writes it (Python's
 * `datetime.now().isoformat()`): the server's wall clock, microseconds, no zone,
 * e.g. `2026-11-27T14:55:18.758052`.
 */
export function wallClockStamp(at: Date, utcOffsetMinutes = 0, micros = 0): string {
  const wall = new Date(at.getTime() + utcOffsetMinutes * MINUTE).toISOString().slice(0, 23);
  return `${wall}${String(micros).padStart(3, '0')}`;
}

const zone = (minutes: number, colon: boolean): string => {
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}${colon ? ':' : ''}${mm}`;
};

/** A call's `creation_time` as Asterisk gives it to wazo-calld: server wall clock, milliseconds, `+HHMM`. */
export function asteriskTime(at: Date, utcOffsetMinutes = 0): string {
  const wall = new Date(at.getTime() + utcOffsetMinutes * MINUTE).toISOString().slice(0, 23);
  return `${wall}${zone(utcOffsetMinutes, false)}`;
}

/** A call's `answer_time`/`hangup_time` as wazo-calld writes them: UTC, microseconds, `+00:00`. */
export function calldUtcTime(at: Date, micros = 0): string {
  return `${at.toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}+00:00`;
}

/** One event of `name` for the user, with the envelope and headers of Wazo 23.01+. */
export function publication(name: EventName, data: Record<string, unknown>, origin: Origin): Publication {
  const entry = catalogEntry(name);
  const headers: Record<string, unknown> = {
    name,
    origin_uuid: origin.originUuid ?? SIM_ORIGIN,
    timestamp: origin.at
      ? wallClockStamp(origin.at, origin.utcOffsetMinutes)
      : wallClockStamp(new Date(), origin.utcOffsetMinutes, subMillisecond()),
    tenant_uuid: origin.tenantUuid ?? SIM_TENANT,
    required_acl: entry.requiredAcl(origin.userUuid),
    required_access: `event.${name}`,
    [`user_uuid:${origin.userUuid}`]: true,
  };
  return { name, routingKey: entry.routingKey(origin.userUuid), headers, body: { ...headers, data } };
}

export interface VoicemailFields {
  id: string;
  name: string | null;
  number: string | null;
  /** Seconds. */
  duration: number;
  /** Epoch seconds. */
  timestamp: number;
  folder: WazoFolderType;
}

/** A voicemail message event as wazo-calld publishes it, message model included. */
export function voicemailPublication(
  action: 'created' | 'updated' | 'deleted',
  m: VoicemailFields,
  origin: Origin,
): Publication {
  return publication(
    `user_voicemail_message_${action}`,
    {
      user_uuid: origin.userUuid,
      voicemail_id: 1,
      message_id: m.id,
      message: {
        id: m.id,
        caller_id_name: m.name,
        caller_id_num: m.number,
        duration: m.duration,
        timestamp: m.timestamp,
        folder: WAZO_FOLDERS[m.folder],
      },
    },
    origin,
  );
}
