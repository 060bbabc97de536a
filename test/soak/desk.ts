/**
 * A user at their desk for the soak: signed in to the fake Wazo, events over
 * its websocketd stand-in (consuming from the real RabbitMQ, on an exchange of
 * this run's own), the app's own composition (NotifierService) with the
 * production timings unless a scenario says otherwise, and a server
 * simulator whose steps change the REST state and publish the matching event.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../../electron/core/config.js';
import type { NotifierDeps } from '../../electron/core/notifier.js';
import { NotifierService } from '../../electron/core/service/notifier-service.js';
import { login } from '../../electron/core/wazo/login.js';
import { NO_USER } from '../../electron/shared/settings.js';
import type { Toast } from '../../electron/shared/toast.js';
import { queueName } from '../../electron/core/bus/topology.js';
import { BROKER_URL, deleteExchange, deleteQueue, uniqueExchange } from '../support/broker.js';
import { ResilientPublisher } from './resilient-publisher.js';
import { sampleUser, startFakeWazo, type FakeWazo, type FakeWazoOptions } from '../support/fake-wazo.js';
import { StatusLog, sleep, until } from './common.js';
import { WazoServerSim } from './wazo-server.js';

export interface Desk {
  uuid: string;
  fake: FakeWazo;
  publisher: ResilientPublisher;
  service: NotifierService;
  sim: WazoServerSim;
  statuses: StatusLog;
  toasts: Toast[];
  /** Runs server steps every `everyMs` until stopped; `pause` holds them (for a quiet comparison). */
  stream(everyMs: number): { pause(on: boolean): void; stop(): Promise<void> };
  /** Waits for a REST read that ended after `since` (performance.now()); true when one did. */
  syncedAfter(since: number, ms: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function openDesk(
  opts: {
    timings?: NotifierDeps['websocketdTimings'];
    resyncRetryMs?: number;
    /** Events over the direct bus (the desk's exchange, headers layout) instead of websocketd. */
    amqp?: boolean;
    websocketd?: FakeWazoOptions['websocketd'];
    /** Where the app reaches the server (a proxy in front of the fake), given the fake's URL. */
    via?: (url: string) => Promise<string>;
  } = {},
): Promise<Desk> {
  const uuid = randomUUID();
  const exchange = uniqueExchange('soak-wsd');
  const publisher = new ResilientPublisher(exchange);
  await publisher.open();
  const base = sampleUser(uuid);
  const fake = await startFakeWazo({
    users: [{ ...base, calls: [], voicemail: [], favorites: [] }],
    // The contacts the server simulator makes favorites of: dird lists a favorite only with its source's entry.
    directory: Array.from({ length: 5 }, (_, i) => ({
      source: 'internal',
      id: String(i),
      firstname: 'Contact',
      lastname: String(i),
      number: `20${i}0`,
    })),
    echo: (p) => publisher.publish(p),
    websocketd: { exchange, authCheckMs: 200, ...opts.websocketd },
  });
  const server = opts.via ? await opts.via(fake.url) : fake.url;
  const link = await login({ server, username: 'alice', password: 'pa55-word' });
  const installId = `soak${randomBytes(4).toString('hex')}`;
  const parsed = parseConfig({
    userUuid: NO_USER,
    installId,
    ...(opts.amqp ? { transport: 'amqp', url: BROKER_URL, mode: 'headers', exchange } : {}),
  });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const service = new NotifierService(parsed.config, {
    ...(opts.timings ? { websocketdTimings: opts.timings } : {}),
    ...(opts.resyncRetryMs ? { resyncRetryMs: opts.resyncRetryMs } : {}),
  });
  const statuses = new StatusLog();
  const toasts: Toast[] = [];
  const syncs: number[] = [];
  service.on('status', statuses.record);
  service.on('toast', (t) => toasts.push(t));
  let lastSync = '';
  service.on('state', (s) => {
    if (s.sync.status === 'synced' && s.sync.at && s.sync.at !== lastSync) {
      lastSync = s.sync.at;
      syncs.push(performance.now());
    }
  });
  await service.useLink(link, false);
  await service.start();
  await until(() => service.snapshot.sync.status === 'synced', 15_000);
  const sim = new WazoServerSim(fake.users[0]!, (p) => publisher.publish(p));
  return {
    uuid,
    fake,
    publisher,
    service,
    sim,
    statuses,
    toasts,
    stream(everyMs) {
      let paused = false;
      let running = true;
      const loop = (async () => {
        while (running) {
          if (!paused) await sim.step();
          await sleep(everyMs);
        }
      })();
      return {
        pause: (on) => (paused = on),
        stop: async () => {
          running = false;
          await loop;
        },
      };
    },
    syncedAfter: (since, ms) => until(() => syncs.some((t) => t >= since), ms),
    async close() {
      await service.close();
      await fake.close();
      await publisher.close();
      if (opts.amqp) await deleteQueue(queueName(uuid, installId));
      await deleteExchange(exchange);
    },
  };
}

/** Toasts shown twice for the same thing (a call ringing, answered or missed; a voicemail). */
export function duplicateToasts(toasts: readonly Toast[]): number {
  const seen = new Set<string>();
  let dup = 0;
  for (const t of toasts) {
    const key =
      t.kind === 'incoming_call' || t.kind === 'call_answered'
        ? `${t.kind}:${t.call_id}`
        : t.kind === 'voicemail'
          ? `${t.kind}:${t.message_id}`
          : t.kind === 'missed_call'
            ? `${t.kind}:${t.name}:${t.number}`
            : undefined;
    if (!key) continue;
    if (seen.has(key)) dup++;
    seen.add(key);
  }
  return dup;
}
