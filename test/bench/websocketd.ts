/**
 * The websocketd path beside the AMQP one, in one run: the same user's events
 * published on the real RabbitMQ (headers exchange, as a current Wazo does),
 * followed by a notifier over AMQP and by one over websocketd, whose
 * stand-in runs in a process of its own. Measures publish-to-snapshot
 * latency at a steady rate and the consume rate of a burst.
 */
import * as amqplib from 'amqplib';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureExchange } from '../../electron/core/bus/exchange.js';
import { queueName } from '../../electron/core/bus/topology.js';
import { parseConfig } from '../../electron/core/config.js';
import { Notifier, type NotifierDeps } from '../../electron/core/notifier.js';
import { closeLink, login } from '../../electron/core/wazo/login.js';
import { websocketdLink } from '../../electron/core/wazo/websocketd-link.js';
import { percentile } from './stats.js';
import { encode, userEvent, type Encoded } from './workload.js';

const URL_ = process.env.BENCH_URL ?? 'amqp://guest:guest@127.0.0.1:5672/';

export interface TransportFigures {
  latency_ms: { samples: number; p50: number; p99: number; max: number };
  burst: { events: number; msg_s: number };
}

export interface WebsocketdBench {
  rate_per_s: number;
  seconds: number;
  amqp: TransportFigures;
  websocketd: TransportFigures;
  p99_difference_ms: number;
  target: string;
}

/** Starts the fake Wazo with its websocketd stand-in in a child process; resolves with its URL and a stop. */
async function startServer(user: string, exchange: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const script = fileURLToPath(new URL('./websocketd-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, user, exchange], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the websocketd stand-in exited with ${code}`)));
  });
  const { url } = JSON.parse(first) as { url: string };
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The user's events, each tagged with its index so that the receiver can time it; every one changes the state. */
function taggedEvents(user: string, total: number, offset: number): Encoded[] {
  return Array.from({ length: total }, (_, k) => {
    const i = offset + k;
    const e = encode(userEvent(user, i));
    const body = JSON.parse(e.content.toString()) as Record<string, unknown>;
    body['bench_seq'] = k;
    if (i % 3 === 2) (body['data'] as Record<string, unknown>)['status'] = i % 2 ? 'Up' : 'Ringing';
    return { ...e, content: Buffer.from(JSON.stringify(body)) };
  });
}

/** Follows the user until connected; `sample` gets each applied event's index. */
async function follow(notifier: Notifier, sample: (seq: number) => void): Promise<() => number> {
  let current = -1;
  let applied = 0;
  notifier.on('event', (raw) => (current = Number(raw['bench_seq'])));
  notifier.on('state', () => {
    if (current >= 0) {
      applied++;
      sample(current);
    }
    current = -1;
  });
  await notifier.start();
  while (notifier.snapshot.connection.status !== 'connected') await new Promise((r) => setTimeout(r, 20));
  // The REST read after connecting (websocketd) must not be counted: let it settle.
  await new Promise((r) => setTimeout(r, 300));
  return () => applied;
}

async function measure(
  make: () => Notifier,
  publish: (events: Encoded[], sentAt: Float64Array, rate: number) => Promise<void>,
  user: string,
  rate: number,
  seconds: number,
): Promise<TransportFigures> {
  const notifier = make();
  const events = taggedEvents(user, rate * seconds, 0);
  const sentAt = new Float64Array(events.length);
  const samples: number[] = [];
  let recording = true;
  const applied = await follow(notifier, (seq) => {
    if (recording) samples.push(performance.now() - sentAt[seq]!);
  });
  await publish(events, sentAt, rate);
  while (applied() < events.length * 0.99) await new Promise((r) => setTimeout(r, 20));
  recording = false;
  // A burst, as fast as the broker takes it.
  const burst = taggedEvents(user, 10_000, rate * seconds);
  const base = applied();
  const t0 = performance.now();
  await publish(burst, new Float64Array(burst.length), 0);
  while (applied() - base < burst.length * 0.99) await new Promise((r) => setTimeout(r, 5));
  const msgS = Math.round(((applied() - base) / (performance.now() - t0)) * 1000);
  await notifier.stop();
  samples.sort((a, b) => a - b);
  const r3 = (x: number) => +x.toFixed(3);
  return {
    latency_ms: {
      samples: samples.length,
      p50: r3(percentile(samples, 50)),
      p99: r3(percentile(samples, 99)),
      max: r3(samples.at(-1)!),
    },
    burst: { events: burst.length, msg_s: msgS },
  };
}

/** Runs the comparison; `rate` events per second for `seconds`. */
export async function websocketdBench(rate = 1_000, seconds = 5): Promise<WebsocketdBench> {
  const tag = randomBytes(4).toString('hex');
  const exchange = `bench-wsd-${tag}`;
  const user = randomUUID();
  const conn = await amqplib.connect(URL_, { noDelay: true });
  await ensureExchange(conn, exchange, 'headers');
  const pub = await conn.createConfirmChannel();
  const server = await startServer(user, exchange);
  const link = await login({ server: server.url, username: 'alice', password: 'pa55-word' });
  /** Publishes at `rate` per second (0: as fast as possible), stamping each send time. */
  const publish = async (events: Encoded[], sentAt: Float64Array, r: number): Promise<void> => {
    const start = performance.now();
    let sent = 0;
    while (sent < events.length) {
      const due =
        r === 0 ? events.length : Math.min(events.length, Math.floor(((performance.now() - start) / 1000) * r));
      for (; sent < due; sent++) {
        const m = events[sent]!;
        sentAt[sent] = performance.now();
        if (!pub.publish(exchange, '', m.content, { headers: m.headers, deliveryMode: 2 })) {
          await new Promise((res) => pub.once('drain', res));
        }
      }
      await new Promise((res) => setTimeout(res, 1));
    }
    await pub.waitForConfirms();
  };
  const config = (transport: 'amqp' | 'auto', installId: string) => {
    const parsed = parseConfig({ transport, url: URL_, mode: 'headers', exchange, userUuid: user, installId });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    return parsed.config;
  };
  const deps = (extra: NotifierDeps = {}): NotifierDeps => ({ connectionName: `bench-wsd-${tag}`, ...extra });
  try {
    const amqp = await measure(() => new Notifier(config('amqp', `bwa${tag}`), deps()), publish, user, rate, seconds);
    const wsd = await measure(
      () => new Notifier(config('auto', `bww${tag}`), deps({ websocketd: websocketdLink(link) })),
      publish,
      user,
      rate,
      seconds,
    );
    return {
      rate_per_s: rate,
      seconds,
      amqp,
      websocketd: wsd,
      p99_difference_ms: +(wsd.latency_ms.p99 - amqp.latency_ms.p99).toFixed(3),
      target: 'websocketd p99 <= AMQP p99 + 2 ms',
    };
  } finally {
    await closeLink(link, true);
    await server.stop();
    const ch = await conn.createChannel();
    await ch.deleteQueue(queueName(user, `bwa${tag}`)).catch(() => {});
    await ch.deleteExchange(exchange).catch(() => {});
    await conn.close().catch(() => {});
  }
}
