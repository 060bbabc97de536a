/**
 * What the client declares and binds on the broker for one user, in either of
 * Wazo's two publishing modes.
 */
import type { BusMode } from '../../shared/settings.js';
import { EVENT_NAMES, catalogEntry } from '../events/catalog.js';

export const DEFAULT_EXCHANGES: Record<BusMode, string> = { topic: 'xivo', headers: 'wazo-headers' };

/**
 * Queue arguments, chosen for a desktop notifier:
 * - `x-expires` 10 min: a queue nobody consumes (app quit, laptop asleep) is
 *   deleted by the broker, so nothing leaks; a disconnection shorter than
 *   that loses nothing.
 * - `x-message-ttl` 10 min: an event older than that is history, not news
 *   (the state is resynchronised after a reconnect), and never piles up.
 * - `x-max-length` 10,000 (oldest dropped first): bounds the broker's memory
 *   even if the client stalls during a storm.
 */
const QUEUE_ARGUMENTS = {
  'x-expires': 10 * 60_000,
  'x-message-ttl': 10 * 60_000,
  'x-max-length': 10_000,
} as const;

interface Binding {
  routingKey: string;
  arguments?: Record<string, unknown>;
}

export interface Topology {
  exchange: string;
  exchangeType: BusMode;
  queue: string;
  queueArguments: Record<string, unknown>;
  bindings: Binding[];
}

/** The queue name: one per user and per install, versioned with its arguments. */
export function queueName(userUuid: string, installId: string): string {
  return `wazo-notifier.v1.${userUuid}.${installId}`;
}

/** The exchange, queue and bindings for a user. */
export function topologyFor(opts: {
  mode: BusMode;
  exchange?: string | undefined;
  userUuid: string;
  installId: string;
}): Topology {
  const { mode, userUuid } = opts;
  const exchange = opts.exchange || DEFAULT_EXCHANGES[mode];
  const base = {
    exchange,
    exchangeType: mode,
    queue: queueName(userUuid, opts.installId),
    queueArguments: { ...QUEUE_ARGUMENTS },
  };
  if (mode === 'topic') {
    const keys = new Set(EVENT_NAMES.map((n) => catalogEntry(n).routingKey(userUuid)));
    return { ...base, bindings: [...keys].map((routingKey) => ({ routingKey })) };
  }
  return {
    ...base,
    bindings: EVENT_NAMES.map((name) => ({
      routingKey: '',
      arguments: { 'x-match': 'all', name, [`user_uuid:${userUuid}`]: true },
    })),
  };
}
