/**
 * Builds events the way a current Wazo publishes them (envelope keys, headers,
 * routing key), for the simulator, the tests and the benchmark.
 */
import { catalogEntry, type EventName } from '../events/catalog.js';

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
}

export const SIM_TENANT = '1b2b0c2e-0c3c-4f57-9e7e-5b1f6d9b9a00';
export const SIM_ORIGIN = '08c56466-8f29-45c7-9856-92bf1ba89b82';

/** One event of `name` for the user, with the envelope and headers of Wazo 23.01+. */
export function publication(name: EventName, data: Record<string, unknown>, origin: Origin): Publication {
  const entry = catalogEntry(name);
  const headers: Record<string, unknown> = {
    name,
    origin_uuid: origin.originUuid ?? SIM_ORIGIN,
    timestamp: (origin.at ?? new Date()).toISOString(),
    tenant_uuid: origin.tenantUuid ?? SIM_TENANT,
    required_acl: entry.requiredAcl(origin.userUuid),
    required_access: `event.${name}`,
    [`user_uuid:${origin.userUuid}`]: true,
  };
  return { name, routingKey: entry.routingKey(origin.userUuid), headers, body: { ...headers, data } };
}

export type FolderType = 'new' | 'old' | 'urgent';
const FOLDERS: Record<FolderType, { id: number; name: string; type: FolderType }> = {
  new: { id: 1, name: 'inbox', type: 'new' },
  old: { id: 2, name: 'old', type: 'old' },
  urgent: { id: 3, name: 'urgent', type: 'urgent' },
};

export interface VoicemailFields {
  id: string;
  name: string | null;
  number: string | null;
  /** Seconds. */
  duration: number;
  /** Epoch seconds. */
  timestamp: number;
  folder: FolderType;
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
        folder: FOLDERS[m.folder],
      },
    },
    origin,
  );
}
