/**
 * The user of the scenarios on the direct bus: an exchange of this run's own
 * (Wazo's headers or topic layout), a publisher playing the server on it, and
 * the app's notifier on its own queue and connection name, optionally behind a
 * TCP proxy that can stall or cut the path. `close` takes it all down, queue
 * and exchange included, whatever the scenario did.
 */
import { randomUUID } from 'node:crypto';
import type { NotifierConfigInput } from '../../electron/core/config.js';
import type { Notifier, NotifierDeps } from '../../electron/core/notifier.js';
import { queueName } from '../../electron/core/bus/topology.js';
import { TestPublisher, deleteExchange, deleteQueue, uniqueExchange } from '../support/broker.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { amqpNotifier, eventKey, until } from './common.js';

export interface BusUser {
  me: string;
  exchange: string;
  publisher: TestPublisher;
  notifier: Notifier;
  connectionName: string;
  /** The proxy between the app and RabbitMQ, when asked for. */
  proxy: TcpProxy | undefined;
  /** How many times the app applied each event, by its key (see `eventKey`); empty with `tally: false`. */
  applied: Map<string, number>;
  /** Starts the app and waits until it consumes (15 s at most); true when it does. */
  start(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openBusUser(
  prefix: string,
  opts: {
    layout?: 'headers' | 'topic';
    /** Through a TCP proxy on 127.0.0.1, with this AMQP heartbeat (s) when given. */
    proxy?: { heartbeatS?: number };
    deps?: NotifierDeps;
    /** Count every event applied (default); a memory soak turns it off, as the map would be its own growth. */
    tally?: boolean;
  } = {},
): Promise<BusUser> {
  const me = randomUUID();
  const mode = opts.layout ?? 'headers';
  const exchange = uniqueExchange(prefix);
  const publisher = await TestPublisher.open(exchange, mode);
  const proxy = opts.proxy ? await startTcpProxy({ host: '127.0.0.1', port: 5672 }) : undefined;
  const extra: Partial<NotifierConfigInput> = { mode, exchange };
  if (proxy) {
    const heartbeat = opts.proxy?.heartbeatS === undefined ? '' : `?heartbeat=${opts.proxy.heartbeatS}`;
    extra.url = `amqp://guest:guest@127.0.0.1:${proxy.port}/${heartbeat}`;
  }
  const { notifier, connectionName, installId } = amqpNotifier(me, extra, opts.deps);
  const applied = new Map<string, number>();
  if (opts.tally !== false)
    notifier.on('event', (raw) => applied.set(eventKey(raw), (applied.get(eventKey(raw)) ?? 0) + 1));
  return {
    me,
    exchange,
    publisher,
    notifier,
    connectionName,
    proxy,
    applied,
    async start() {
      await notifier.start();
      return until(() => notifier.snapshot.connection.status === 'connected', 15_000);
    },
    async close() {
      await notifier.stop();
      await proxy?.close();
      await publisher.close();
      await deleteQueue(queueName(me, installId));
      await deleteExchange(exchange);
    },
  };
}
