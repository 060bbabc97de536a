/** Starts a real Notifier against the test broker and records everything it says. */
import { randomBytes } from 'node:crypto';
import type { BusMode } from '../../electron/shared/settings.js';
import { parseConfig, type NotifierConfigInput } from '../../electron/core/config.js';
import type { RawEnvelope } from '../../electron/core/events/decode.js';
import { Notifier, type NotifierEvents } from '../../electron/core/notifier.js';
import type { ConnectionState } from '../../electron/shared/snapshot.js';
import { afterEach } from 'vitest';
import { queueName } from '../../electron/core/bus/topology.js';
import { BROKER_URL, type TestPublisher, deleteQueue, waitFor } from './broker.js';

export interface Harness {
  notifier: Notifier;
  connectionName: string;
  installId: string;
  statuses: ConnectionState[];
  events: RawEnvelope[];
  rejected: NotifierEvents['rejected'][];
  stop(): Promise<void>;
  /** Stops and deletes the queue: a finished test leaves no bindings behind. */
  dispose(): Promise<void>;
}

export async function startNotifier(
  mode: BusMode,
  userUuid: string,
  extra: Partial<NotifierConfigInput> = {},
  waitConnected = true,
): Promise<Harness> {
  const installId = `t${randomBytes(5).toString('hex')}`;
  const parsed = parseConfig({ url: BROKER_URL, mode, userUuid, installId, maxReconnectDelayMs: 500, ...extra });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const connectionName = `wazo-notifier-test-${installId}`;
  const notifier = new Notifier(parsed.config, { connectionName });
  const h: Harness = {
    notifier,
    connectionName,
    installId,
    statuses: [],
    events: [],
    rejected: [],
    stop: () => notifier.stop(),
    dispose: async () => {
      await notifier.stop();
      await deleteQueue(queueName(userUuid, installId));
    },
  };
  notifier.on('status', (s) => h.statuses.push(s));
  notifier.on('event', (e) => h.events.push(e));
  notifier.on('rejected', (r) => h.rejected.push(r));
  await notifier.start();
  if (waitConnected) await waitFor(() => notifier.snapshot.connection.status === 'connected', 15_000, 'connected');
  return h;
}

/** A test's notifier and publisher, stopped and closed after each test of the file. */
export function brokerFixtures(): { harness?: Harness; publisher?: TestPublisher } {
  const fx: { harness?: Harness; publisher?: TestPublisher } = {};
  afterEach(async () => {
    await fx.harness?.dispose();
    await fx.publisher?.close();
    delete fx.harness;
    delete fx.publisher;
  });
  return fx;
}
