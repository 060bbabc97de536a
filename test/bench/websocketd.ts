/**
 * The websocketd path beside the AMQP one, in one run: the same user's events
 * published on the real RabbitMQ (headers exchange, as a current Wazo does),
 * followed by a notifier over AMQP or by one over websocketd, whose stand-in
 * runs in a process of its own. Measures publish-to-snapshot latency at a
 * steady rate and the consume rate of bursts, each transport alone, in rounds
 * alternating which transport goes first.
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
const BURST = 10_000;
const BURST_ROUNDS = 4;

interface TransportFigures {
  latency_ms: { samples: number; p50: number; p99: number; max: number };
  burst: { events: number; msg_s: number };
}

export interface WebsocketdBench {
  rate_per_s: number;
  seconds: number;
  amqp: TransportFigures;
  websocketd: TransportFigures;
  /** Over every round's samples pooled. */
  p99_difference_ms: number;
  /** Each round's own p99s: how much of the difference is the shared machine's noise. */
  rounds: LatencyRounds['rounds'];
  median_round_difference_ms: number;
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

/**
 * Latency: each transport alone, in rounds that alternate (AMQP, websocketd,
 * websocketd, AMQP, …) so that drifts in this shared machine's load fall on
 * both alike. Alone, because a user runs one transport: with both notifiers in
 * one process, each frame of the later path (websocketd, one hop longer) waits
 * behind the other's work on the same event, and the broker and the disk carry
 * both queues at once — a contention no desk has. After an AMQP round its
 * durable queue is deleted, so that the websocketd rounds do not carry its
 * persistent writes either.
 */
async function latencyAlternating(
  make: { amqp: () => Notifier; websocketd: () => Notifier },
  dropAmqpQueue: () => Promise<void>,
  publish: Publish,
  user: string,
  rate: number,
  seconds: number,
  pairs: number,
): Promise<LatencyRounds> {
  const pooled = { amqp: [] as number[], websocketd: [] as number[] };
  const perRound: LatencyRounds['rounds'] = [];
  for (let pair = 0; pair < pairs; pair++) {
    const order = pair % 2 ? (['websocketd', 'amqp'] as const) : (['amqp', 'websocketd'] as const);
    const p99 = { amqp: 0, websocketd: 0 };
    for (const [k, transport] of order.entries()) {
      // Each round: new events (new fingerprints), a notifier of its own.
      const events = taggedEvents(user, rate * seconds, 1_000_000 * (2 * pair + k + 1));
      const sentAt = new Float64Array(events.length);
      const samples: number[] = [];
      const notifier = make[transport]();
      const applied = await follow(notifier, (seq) => samples.push(performance.now() - sentAt[seq]!));
      const base = applied();
      await publish(events, sentAt, rate);
      while (applied() - base < events.length * 0.99) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      await notifier.stop();
      if (transport === 'amqp') await dropAmqpQueue();
      p99[transport] = figures(samples).p99;
      pooled[transport].push(...samples);
    }
    perRound.push({
      amqp_p99: p99.amqp,
      websocketd_p99: p99.websocketd,
      difference_ms: r3(p99.websocketd - p99.amqp),
    });
  }
  return { amqp: figures(pooled.amqp), websocketd: figures(pooled.websocketd), rounds: perRound };
}

const r3 = (x: number) => +x.toFixed(3);

function figures(xs: number[]): TransportFigures['latency_ms'] {
  const sorted = [...xs].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: r3(percentile(sorted, 50)),
    p99: r3(percentile(sorted, 99)),
    max: r3(sorted.at(-1)!),
  };
}

interface LatencyRounds {
  amqp: TransportFigures['latency_ms'];
  websocketd: TransportFigures['latency_ms'];
  rounds: { amqp_p99: number; websocketd_p99: number; difference_ms: number }[];
}

/** A burst of `n` events, as fast as the broker takes them, drained by one notifier: its consume rate. */
async function burstRate(
  make: () => Notifier,
  after: () => Promise<void>,
  publish: Publish,
  user: string,
  n: number,
  offset: number,
) {
  const notifier = make();
  const applied = await follow(notifier, () => {});
  const burst = taggedEvents(user, n, offset);
  const t0 = performance.now();
  await publish(burst, new Float64Array(burst.length), 0);
  while (applied() < burst.length * 0.99) await new Promise((r) => setTimeout(r, 5));
  const rate = (applied() / (performance.now() - t0)) * 1000;
  await notifier.stop();
  await after();
  return rate;
}

type Publish = (events: Encoded[], sentAt: Float64Array, rate: number) => Promise<void>;

/** Runs the comparison; `rate` events per second for `seconds`, `rounds` pairs of rounds (one per transport). */
export async function websocketdBench(rate = 1_000, seconds = 5, rounds = 3): Promise<WebsocketdBench> {
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
  const make = {
    amqp: () => new Notifier(config('amqp', `bwa${tag}`), deps()),
    websocketd: () => new Notifier(config('auto', `bww${tag}`), deps({ websocketd: websocketdLink(link) })),
  };
  const dropAmqpQueue = async () => {
    const ch = await conn.createChannel();
    await ch.deleteQueue(queueName(user, `bwa${tag}`)).catch(() => {});
    await ch.close().catch(() => {});
  };
  try {
    const latency = await latencyAlternating(make, dropAmqpQueue, publish, user, rate, seconds, rounds);
    // Burst rounds alternate which transport goes first; the median of each is kept.
    const rates = { amqp: [] as number[], websocketd: [] as number[] };
    for (let round = 0; round < BURST_ROUNDS; round++) {
      const order = round % 2 ? (['websocketd', 'amqp'] as const) : (['amqp', 'websocketd'] as const);
      for (const t of order) {
        const after = t === 'amqp' ? dropAmqpQueue : async () => {};
        rates[t].push(await burstRate(make[t], after, publish, user, BURST, (round + 1) * 100_000));
      }
    }
    const median = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const med = (xs: number[]) => Math.round(median(xs));
    return {
      rate_per_s: rate,
      seconds,
      amqp: { latency_ms: latency.amqp, burst: { events: BURST, msg_s: med(rates.amqp) } },
      websocketd: { latency_ms: latency.websocketd, burst: { events: BURST, msg_s: med(rates.websocketd) } },
      p99_difference_ms: r3(latency.websocketd.p99 - latency.amqp.p99),
      rounds: latency.rounds,
      median_round_difference_ms: r3(median(latency.rounds.map((x) => x.difference_ms))),
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
