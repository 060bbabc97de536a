/**
 * `npm run bench`: the core against a bare amqplib consumer, in one run, on the
 * real RabbitMQ. Prints a table and writes bench-results/core.json.
 *
 * 1. Consume rate: N queued events (1 % the user's, topic mode, so the client
 *    filters) drained by a bare consumer and by the full pipeline, with the
 *    same bindings, prefetch and batched acks; rounds alternate who goes first.
 * 2. Publish-to-snapshot latency of the user's events at 1,000 events/s.
 * 3. RSS and heap before and after 1M foreign events through the pipeline
 *    (run first, on a fresh heap).
 */
import * as amqplib from 'amqplib';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BatchAcker } from '../../electron/core/bus/batch-acker.js';
import { WAZO_MESSAGE_OPTIONS } from '../../electron/sim/publisher.js';
import { ensureExchange } from '../../electron/core/bus/exchange.js';
import { topologyFor } from '../../electron/core/bus/topology.js';
import { parseConfig } from '../../electron/core/config.js';
import { Notifier } from '../../electron/core/notifier.js';
import { encode, foreignEvent, mixedStream, userEvent, type Encoded } from './workload.js';
import { gcNow, mb, median, percentile } from './stats.js';
import { CHROMIUM_PATH } from '../support/chromium.js';
import { restBench } from './rest.js';
import { windowBench } from './window.js';
import { websocketdBench } from './websocketd.js';

const URL = process.env.BENCH_URL ?? 'amqp://guest:guest@127.0.0.1:5672/';
const N = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const RATE = 1_000;
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 5);
/** Pairs of latency rounds, bare consumer and pipeline (`BENCH_LATENCY_PAIRS`, 3 by default). */
const LATENCY_PAIRS = Number(process.env.BENCH_LATENCY_PAIRS ?? 3);
/** The websocketd comparison repeats its paced stream: one round alone is at the mercy of this shared machine. */
const WSD_ROUNDS = Number(process.env.BENCH_WSD_ROUNDS ?? 3);
const FOREIGN = Number(process.env.BENCH_FOREIGN ?? 1_000_000);
const PREFETCH = 100;
const BIG_QUEUE = { 'x-max-length': 10 * N };

const tag = randomBytes(4).toString('hex');
const exchange = `bench-xivo-${tag}`;
const user = randomUUID();

const cpuMicros = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return d.user + d.system;
};

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

async function publishAll(
  ch: amqplib.ConfirmChannel,
  msgs: Encoded[],
  extraHeaders?: (i: number) => Record<string, unknown>,
) {
  for (const [i, m] of msgs.entries()) {
    const ok = ch.publish(exchange, m.routingKey, m.content, {
      ...WAZO_MESSAGE_OPTIONS,
      headers: extraHeaders ? { ...m.headers, ...extraHeaders(i) } : m.headers,
    });
    if (!ok) await new Promise((r) => ch.once('drain', r));
  }
  await ch.waitForConfirms();
}

/**
 * Deletes a pipeline's durable queue once its phase is over: left bound, it
 * would take (and write to disk) every later phase's events, and a later
 * round on it would start on a stale backlog.
 */
async function dropPipelineQueue(conn: amqplib.ChannelModel, installId: string): Promise<void> {
  const ch = await conn.createChannel();
  await ch.deleteQueue(topologyFor({ mode: 'topic', exchange, userUuid: user, installId }).queue);
  await ch.close();
}

function pipeline(installId: string, queueArguments?: Record<string, unknown>) {
  const parsed = parseConfig({ url: URL, userUuid: user, mode: 'topic', exchange, installId, prefetch: PREFETCH });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const notifier = new Notifier(parsed.config, {
    connectionName: `bench-${installId}`,
    ...(queueArguments ? { queueArguments } : {}),
  });
  let handled = 0;
  let first = 0;
  let last = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const original = notifier.handle.bind(notifier);
  notifier.handle = (msg) => {
    const verdict = original(msg);
    last = performance.now();
    if (++handled === 1) first = last;
    for (let i = waiters.length - 1; i >= 0; i--) if (handled >= waiters[i]!.n) waiters.splice(i, 1)[0]!.resolve();
    return verdict;
  };
  return {
    notifier,
    get handled() {
      return handled;
    },
    span: () => last - first,
    reach: (n: number) =>
      handled >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
  };
}

/**
 * The baseline: a consumer that only acks (batched, like the pipeline), on a
 * fresh connection with the pipeline's socket options, like the pipeline.
 */
async function bareDrain(queue: string, n: number): Promise<number> {
  const conn = await amqplib.connect(`${URL}?heartbeat=10`, { noDelay: true });
  const ch = await conn.createChannel();
  await ch.prefetch(PREFETCH);
  let count = 0;
  let first = 0;
  let last = 0;
  const acker = new BatchAcker(ch);
  let tagName = '';
  await new Promise<void>((resolve, reject) => {
    ch.consume(queue, (msg) => {
      if (!msg) return;
      last = performance.now();
      if (++count === 1) first = last;
      acker.ack(msg);
      if (count === n) resolve();
    })
      .then((ok) => (tagName = ok.consumerTag))
      .catch(reject);
  });
  acker.flush();
  await ch.cancel(tagName);
  await conn.close();
  return n / ((last - first) / 1000);
}

async function throughput(pub: amqplib.ConfirmChannel, conn: amqplib.ChannelModel) {
  const stream = mixedStream(user, N);
  const bytes = stream.reduce((s, m) => s + m.content.length, 0);
  log(
    `${N} events, ${Math.round(bytes / N)} bytes on average, ${stream.filter((_, i) => i % 100 === 0).length} of them the user's`,
  );
  const installId = `bench-${tag}`;
  // The pipeline's queue: declared once by a short-lived notifier, then refilled each round while nobody consumes.
  const warm = pipeline(installId, BIG_QUEUE);
  await warm.notifier.start();
  while (warm.notifier.snapshot.connection.status !== 'connected') await new Promise((r) => setTimeout(r, 20));
  await warm.notifier.stop();
  const bare = await conn.createChannel();
  const bareQueue = `bench-bare-${tag}`;
  const t = topologyFor({ mode: 'topic', exchange, userUuid: user, installId: 'bare' });
  await bare.assertQueue(bareQueue, { durable: true, arguments: { ...t.queueArguments, ...BIG_QUEUE } });
  for (const b of t.bindings) await bare.bindQueue(bareQueue, exchange, b.routingKey);

  const bareRates: number[] = [];
  const pipeRates: number[] = [];
  const accepted: number[] = [];
  const bareCpu: number[] = [];
  const pipeCpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await publishAll(pub, stream);
    // Let the broker settle (queue processes finish writing) before either side drains.
    await new Promise((r) => setTimeout(r, 2_000));
    const runPipe = async () => {
      const p = pipeline(installId, BIG_QUEUE);
      const cpu0 = process.cpuUsage();
      await p.notifier.start();
      await p.reach(N);
      pipeCpu.push(cpuMicros(cpu0) / N);
      pipeRates.push(N / (p.span() / 1000));
      accepted.push(p.notifier.stats.accepted);
      await p.notifier.stop();
    };
    const runBare = async () => {
      const cpu0 = process.cpuUsage();
      bareRates.push(await bareDrain(bareQueue, N));
      bareCpu.push(cpuMicros(cpu0) / N);
    };
    if (round % 2 === 0) {
      await runBare();
      await runPipe();
    } else {
      await runPipe();
      await runBare();
    }
    log(
      `round ${round + 1}: bare ${Math.round(bareRates.at(-1)!)} msg/s (${bareCpu.at(-1)!.toFixed(1)} µs CPU/msg), ` +
        `pipeline ${Math.round(pipeRates.at(-1)!)} msg/s (${pipeCpu.at(-1)!.toFixed(1)} µs CPU/msg)`,
    );
  }
  await bare.deleteQueue(bareQueue);
  await dropPipelineQueue(conn, installId);
  return { bareRates, pipeRates, bareCpu, pipeCpu, accepted, bytes: Math.round(bytes / N) };
}

/** The user's events at RATE per second, each tagged with its index so the receiver can time it. */
function latencyEvents(total: number): Encoded[] {
  return Array.from({ length: total }, (_, i) => {
    const e = encode(userEvent(user, i));
    const body = JSON.parse(e.content.toString()) as Record<string, unknown>;
    body['bench_seq'] = i;
    // Every event changes the state (unique voicemails, alternating DND, a call changing status).
    if (i % 3 === 2) (body['data'] as Record<string, unknown>)['status'] = i % 2 ? 'Up' : 'Ringing';
    return { ...e, content: Buffer.from(JSON.stringify(body)) };
  });
}

/** Publishes `events` at RATE per second, stamping each send time. */
function paced(pub: amqplib.ConfirmChannel, events: Encoded[], sentAt: Float64Array): Promise<void> {
  const start = performance.now();
  let sent = 0;
  return new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(events.length, Math.floor(((performance.now() - start) / 1000) * RATE));
      for (; sent < due; sent++) {
        const m = events[sent]!;
        sentAt[sent] = performance.now();
        pub.publish(exchange, m.routingKey, m.content, { ...WAZO_MESSAGE_OPTIONS, headers: m.headers });
      }
      if (sent >= events.length) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
}

const summary = (samples: number[]) => {
  samples.sort((a, b) => a - b);
  return { samples: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.at(-1)! };
};

/** Publish-to-snapshot latency through the pipeline. */
async function pipelineLatency(pub: amqplib.ConfirmChannel, conn: amqplib.ChannelModel) {
  const p = pipeline(`bench-lat-${tag}`);
  await p.notifier.start();
  while (p.notifier.snapshot.connection.status !== 'connected') await new Promise((r) => setTimeout(r, 20));
  const events = latencyEvents(RATE * LATENCY_SECONDS);
  const sentAt = new Float64Array(events.length);
  const samples: number[] = [];
  let current = -1;
  p.notifier.on('event', (raw) => (current = Number(raw['bench_seq'])));
  p.notifier.on('state', () => {
    if (current >= 0) samples.push(performance.now() - sentAt[current]!);
    current = -1;
  });
  await paced(pub, events, sentAt);
  await p.reach(events.length);
  await p.notifier.stop();
  await dropPipelineQueue(conn, `bench-lat-${tag}`);
  return samples;
}

/** Publish-to-callback latency of a bare consumer on the same bindings: the floor set by broker and loopback. */
async function bareLatency(pub: amqplib.ConfirmChannel, conn: amqplib.ChannelModel) {
  const ch = await conn.createChannel();
  await ch.prefetch(PREFETCH);
  const queue = `bench-bare-lat-${tag}`;
  const t = topologyFor({ mode: 'topic', exchange, userUuid: user, installId: 'bare' });
  await ch.assertQueue(queue, { durable: true, arguments: t.queueArguments });
  for (const b of t.bindings) await ch.bindQueue(queue, exchange, b.routingKey);
  const events = latencyEvents(RATE * LATENCY_SECONDS);
  const sentAt = new Float64Array(events.length);
  const samples: number[] = [];
  const acker = new BatchAcker(ch);
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  await ch.consume(queue, (msg) => {
    if (!msg) return;
    // The index is the last key written: read it without parsing, as a bare consumer would do nothing else.
    const text = msg.content.toString('latin1');
    const seq = Number(text.slice(text.lastIndexOf('"bench_seq":') + 12, -1));
    samples.push(performance.now() - sentAt[seq]!);
    acker.ack(msg);
    if (samples.length === events.length) done();
  });
  await paced(pub, events, sentAt);
  await all;
  acker.flush();
  await ch.deleteQueue(queue);
  await ch.close();
  return samples;
}

/**
 * The bare consumer's and the pipeline's latency in pairs of rounds,
 * alternating which goes first: both queues are durable and the events
 * persistent, as Wazo's, and RabbitMQ's disk path then adds a tail of tens of
 * ms at moments of its own (see the README's Benchmark section); one round
 * each would judge whichever round met it.
 */
async function latencyPairs(pub: amqplib.ConfirmChannel, conn: amqplib.ChannelModel) {
  const pooled = { bare: [] as number[], pipeline: [] as number[] };
  const pairs: { bare_p99: number; pipeline_p99: number }[] = [];
  for (let i = 0; i < LATENCY_PAIRS; i++) {
    const order = i % 2 ? (['pipeline', 'bare'] as const) : (['bare', 'pipeline'] as const);
    const p99 = { bare: 0, pipeline: 0 };
    for (const k of order) {
      const samples = k === 'bare' ? await bareLatency(pub, conn) : await pipelineLatency(pub, conn);
      pooled[k].push(...samples);
      p99[k] = +summary(samples).p99.toFixed(3);
    }
    pairs.push({ bare_p99: p99.bare, pipeline_p99: p99.pipeline });
  }
  return { bare: summary(pooled.bare), pipeline: summary(pooled.pipeline), pairs };
}

async function memory(pub: amqplib.ConfirmChannel) {
  const pool = Array.from({ length: 10_000 }, (_, i) => encode(foreignEvent(i)));
  const p = pipeline(`bench-mem-${tag}`);
  await p.notifier.start();
  while (p.notifier.snapshot.connection.status !== 'connected') await new Promise((r) => setTimeout(r, 20));
  const chunk = 10_000;
  let target = 0;
  const feedTo = async (n: number) => {
    for (let done = 0; done < n; done += chunk) {
      await publishAll(pub, pool);
      target += chunk;
      await p.reach(target);
    }
  };
  await feedTo(20_000); // warm-up: JIT, buffers, caches
  gcNow();
  const before = process.memoryUsage();
  const t0 = performance.now();
  await feedTo(FOREIGN);
  const seconds = (performance.now() - t0) / 1000;
  gcNow();
  const after = process.memoryUsage();
  const stats = p.notifier.stats;
  await p.notifier.stop();
  return { before, after, seconds, foreign: stats.foreign };
}

async function main() {
  if (process.env.BENCH_ONLY === 'window') return benchWindow();
  if (process.env.BENCH_ONLY === 'rest') return benchRest();
  if (process.env.BENCH_ONLY === 'websocketd') return benchWebsocketd();
  const conn = await amqplib.connect(URL, { noDelay: true });
  await ensureExchange(conn, exchange, 'topic');
  const pub = await conn.createConfirmChannel();
  try {
    // Memory first, so that its RSS is not inflated by the other phases' buffers.
    const mem = await memory(pub);
    await dropPipelineQueue(conn, `bench-mem-${tag}`);
    const tp = await throughput(pub, conn);
    const latency = await latencyPairs(pub, conn);
    const { bare: bareLat, pipeline: lat } = latency;
    const pairDiffs = latency.pairs.map((x) => +(x.pipeline_p99 - x.bare_p99).toFixed(3));
    const bare = median(tp.bareRates);
    const pipe = median(tp.pipeRates);
    const pairRatios = tp.pipeRates.map((r, i) => r / tp.bareRates[i]!);
    // Rounds alternate who drains first; the geometric mean of the per-round
    // ratios cancels an advantage of going first or second.
    const geoRatio = Math.exp(pairRatios.reduce((s, r) => s + Math.log(r), 0) / pairRatios.length);
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      events: N,
      user_share: 0.01,
      avg_bytes: tp.bytes,
      rounds: ROUNDS,
      throughput: {
        bare_msg_s: Math.round(bare),
        pipeline_msg_s: Math.round(pipe),
        ratio: Math.round(geoRatio * 1000) / 1000,
        ratio_of_medians: Math.round((pipe / bare) * 1000) / 1000,
        round_ratios: pairRatios.map((r) => Math.round(r * 1000) / 1000),
        bare_cpu_us_per_msg: +median(tp.bareCpu).toFixed(2),
        pipeline_cpu_us_per_msg: +median(tp.pipeCpu).toFixed(2),
        cpu_ratio_bare_over_pipeline: Math.round((median(tp.bareCpu) / median(tp.pipeCpu)) * 1000) / 1000,
        bare_rounds: tp.bareRates.map(Math.round),
        pipeline_rounds: tp.pipeRates.map(Math.round),
        user_events_applied_per_round: tp.accepted,
        target_ratio: 0.9,
      },
      latency_ms: {
        rate_per_s: RATE,
        samples: lat.samples,
        p50: +lat.p50.toFixed(3),
        p99: +lat.p99.toFixed(3),
        max: +lat.max.toFixed(3),
        bare_p50: +bareLat.p50.toFixed(3),
        bare_p99: +bareLat.p99.toFixed(3),
        bare_max: +bareLat.max.toFixed(3),
        pairs: latency.pairs,
        median_pair_p99_difference_ms: median(pairDiffs),
        target_p99: 5,
      },
      memory: {
        foreign_events: FOREIGN,
        foreign_events_seen_in_total: mem.foreign,
        seconds: +mem.seconds.toFixed(1),
        rss_before_mb: mb(mem.before.rss),
        rss_after_mb: mb(mem.after.rss),
        rss_growth_mb: mb(mem.after.rss - mem.before.rss),
        heap_before_mb: mb(mem.before.heapUsed),
        heap_after_mb: mb(mem.after.heapUsed),
        target_growth_mb: 10,
      },
    };
    const rows: [string, string, string][] = [
      ['consume rate, bare amqplib consumer', `${result.throughput.bare_msg_s} msg/s`, ''],
      ['consume rate, full pipeline', `${result.throughput.pipeline_msg_s} msg/s`, ''],
      ['ratio pipeline / bare (geometric mean of rounds)', String(result.throughput.ratio), '>= 0.9'],
      ['ratio of the median rates', String(result.throughput.ratio_of_medians), ''],
      [
        'client CPU per message, bare / pipeline',
        `${result.throughput.bare_cpu_us_per_msg} / ${result.throughput.pipeline_cpu_us_per_msg} µs`,
        '',
      ],
      [
        `publish-to-callback p50 / p99, bare (${RATE}/s)`,
        `${result.latency_ms.bare_p50} / ${result.latency_ms.bare_p99} ms`,
        '',
      ],
      [`publish-to-snapshot p50, pipeline (${RATE}/s)`, `${result.latency_ms.p50} ms`, ''],
      [`publish-to-snapshot p99, pipeline (${RATE}/s)`, `${result.latency_ms.p99} ms`, '<= 5 ms'],
      [
        `p99 pipeline - bare, each pair of rounds (median)`,
        `${pairDiffs.join(', ')} (${result.latency_ms.median_pair_p99_difference_ms}) ms`,
        '',
      ],
      [
        `RSS before / after ${FOREIGN} foreign events`,
        `${result.memory.rss_before_mb} / ${result.memory.rss_after_mb} MB`,
        '',
      ],
      ['RSS growth', `${result.memory.rss_growth_mb} MB`, '<= 10 MB'],
      ['heap before / after', `${result.memory.heap_before_mb} / ${result.memory.heap_after_mb} MB`, ''],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write(
      `\nWazo Notifier core benchmark (${N} events x ${ROUNDS} rounds, median; ${tp.bytes} B/event)\n`,
    );
    for (const [k, v, target] of rows) process.stdout.write(`  ${k.padEnd(w)}  ${v.padEnd(18)} ${target}\n`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/core.json', `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write('\nwritten to bench-results/core.json\n');
    if (process.env.BENCH_ONLY === 'core') return;
    await benchWebsocketd();
    await benchRest();
    await benchWindow();
  } finally {
    const ch = await conn.createChannel();
    await ch.deleteExchange(exchange).catch(() => {});
    await conn.close().catch(() => {});
  }
}

/** The websocketd path beside AMQP: publish-to-snapshot latency at RATE/s and a burst's consume rate. */
async function benchWebsocketd(): Promise<void> {
  log(
    `websocketd: the same events over AMQP and over the websocketd stand-in, each alone, ${RATE}/s, ${WSD_ROUNDS} pairs of rounds of ${LATENCY_SECONDS} s`,
  );
  const r = await websocketdBench(RATE, LATENCY_SECONDS, WSD_ROUNDS);
  const rows: [string, string, string][] = [
    [`publish-to-snapshot p50 / p99, AMQP (${RATE}/s)`, `${r.amqp.latency_ms.p50} / ${r.amqp.latency_ms.p99} ms`, ''],
    [
      `publish-to-snapshot p50 / p99, websocketd (${RATE}/s)`,
      `${r.websocketd.latency_ms.p50} / ${r.websocketd.latency_ms.p99} ms`,
      '',
    ],
    ['p99 websocketd - AMQP, all rounds pooled', `${r.p99_difference_ms} ms`, '<= 2 ms'],
    [
      'p99 websocketd - AMQP, each pair of rounds (median)',
      `${r.rounds.map((x) => x.difference_ms).join(', ')} (${r.median_round_difference_ms}) ms`,
      '',
    ],
    [`consume rate of a burst of ${r.amqp.burst.events}, AMQP`, `${r.amqp.burst.msg_s} msg/s`, ''],
    [`consume rate of a burst of ${r.websocketd.burst.events}, websocketd`, `${r.websocketd.burst.msg_s} msg/s`, ''],
  ];
  const width = Math.max(...rows.map((x) => x[0].length));
  process.stdout.write('\nWazo Notifier websocketd benchmark (stand-in in its own process, real RabbitMQ)\n');
  for (const [k, v, t] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v.padEnd(20)} ${t}\n`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/websocketd.json',
    `${JSON.stringify({ date: new Date().toISOString(), ...r }, null, 2)}\n`,
  );
  process.stdout.write('\nwritten to bench-results/websocketd.json\n');
}

/** The REST read and merge of a large inbox, against a bare read of the same answer. */
async function benchRest(): Promise<void> {
  log('rest: read and merge of a 5,000-message inbox (fake Wazo on 127.0.0.1)');
  const r = await restBench();
  const rows: [string, string][] = [
    [
      `bare GET + JSON.parse (${Math.round(r.answer_bytes / 1024)} KB)  p50 / p99`,
      `${r.bare_ms.p50} / ${r.bare_ms.p99} ms`,
    ],
    [
      `read, check, build, merge (+${r.replayed_events} replayed)  p50 / p99`,
      `${r.pipeline_ms.p50} / ${r.pipeline_ms.p99} ms`,
    ],
    ['ratio pipeline / bare (median of rounds)', String(r.ratio)],
  ];
  const width = Math.max(...rows.map((x) => x[0].length));
  process.stdout.write(`\nWazo Notifier REST read benchmark (${r.messages} voicemails, ${r.rounds} rounds)\n`);
  for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/rest.json', `${JSON.stringify({ date: new Date().toISOString(), ...r }, null, 2)}\n`);
  process.stdout.write('\nwritten to bench-results/rest.json\n');
}

/** The window's figures, in Chromium; skipped with a reason where Chromium is absent. */
async function benchWindow(): Promise<void> {
  const chromiumPath = CHROMIUM_PATH;
  if (!existsSync(chromiumPath)) {
    process.stdout.write(`\nwindow benchmark skipped: no Chromium at ${chromiumPath} (apt-get install chromium)\n`);
    return;
  }
  log('window: publish-to-DOM latency, 5,000-message inbox, long tasks (Chromium)');
  const w = await windowBench();
  const rows: [string, string, string][] = [
    [
      `publish-to-DOM p50 / p99 (${w.latency_ms.rate_per_s} events/s)`,
      `${w.latency_ms.p50} / ${w.latency_ms.p99} ms`,
      '<= 50 ms',
    ],
    [
      `first render of ${w.inbox.messages} voicemails, ${w.inbox.missed_calls} missed, ${w.inbox.favorites} favorites (snapshot in -> shown)`,
      `${w.inbox.render_after_data_ms} ms`,
      '<= 300 ms',
    ],
    [`  a fresh page: navigation -> inbox shown`, `${w.inbox.first_render_ms} ms`, ''],
    [`  the same page with an empty inbox (baseline)`, `${w.inbox.empty_inbox_page_ms} ms`, ''],
    [`  the inbox's share of the page load (difference)`, `${w.inbox.inbox_cost_ms} ms`, ''],
    [
      `tasks over 50 ms at ${w.long_tasks.updates_per_s} updates/s`,
      `${w.long_tasks.count_over_50ms} (longest ${w.long_tasks.longest_ms} ms)`,
      'none',
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write('\nWazo Notifier window benchmark (Chromium, wazo-notifier web, RabbitMQ)\n');
  for (const [k, v, t] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v.padEnd(22)} ${t}\n`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/window.json', `${JSON.stringify({ date: new Date().toISOString(), ...w }, null, 2)}\n`);
  process.stdout.write('\nwritten to bench-results/window.json\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
