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
