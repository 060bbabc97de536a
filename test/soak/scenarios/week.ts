/**
 * A busy user's week in accelerated time: the events of seven days published
 * with their server times a few seconds apart, the laptop asleep every night
 * (the network gone for a while, the queue filling meanwhile, then back), the
 * app on the direct bus through a proxy that can cut the network. The process's
 * handles and the app's listeners must be what they were, and the store's caps
 * must hold: no voicemail is deleted, so the inbox reaches its cap (10,000).
 *
 * Memory, from the first hour's worth to the end, after a full GC each time:
 * RSS may grow ≤ 10 MB, V8's young generation aside, and the JS heap the app
 * keeps ≤ 10 MB (the inbox filling to its cap costs ~3 MB of it). The young
 * generation is a reserve V8 grows each time the bytes surviving its scavenges
 * since the last growth pass its size, up to a fixed ceiling (32 MB on
 * this Node), and never gives back: it measures how much the process has ever
 * kept, not what it keeps now. Its growth is measured (V8's own figure of the
 * memory it commits to it), taken out of the RSS growth, and reported beside
 * it with the plain RSS growth (in the full suite, earlier scenarios have
 * grown it part of the way: 17 and 22.9 MB at the hour in two full runs).
 * SOAK_HEAP_SNAPSHOTS=dir writes a heap snapshot at the hour and each day.
 */
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import type { EventEmitter } from 'node:events';
import type { Notifier } from '../../../electron/core/notifier.js';
import { LIMITS } from '../../../electron/core/store/limits.js';
import type { Publication } from '../../../electron/sim/envelope.js';
import { gcNow, mb } from '../../bench/stats.js';
import { openBusUser } from '../bus-user.js';
import { judged, publishPaced, sleep, until, userEvents, type Scenario } from '../common.js';

const SCALE = { full: { events: 200_000, nightMs: 3_000 }, short: { events: 20_000, nightMs: 1_000 } };
const WEEK_MS = 7 * 24 * 3600_000;

/** The process's active handles and requests, by kind (sockets, timers…). */
function handles(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) out[kind] = (out[kind] ?? 0) + 1;
  return out;
}

/** Listeners on the notifier, its store, its source and the source's AMQP connection (read through their privates). */
function listeners(n: Notifier): number {
  const count = (e: unknown): number => {
    const sets = (e as { listeners?: Record<string, Set<unknown>> } | undefined)?.listeners ?? {};
    return Object.values(sets).reduce((a, s) => a + s.size, 0);
  };
  const inside = n as unknown as { source: { conn?: EventEmitter }; store: unknown };
  const source = inside.source;
  const conn = source.conn;
  const amqp = conn ? conn.eventNames().reduce((a, name) => a + conn.listenerCount(name), 0) : 0;
  return count(n) + count(inside.store) + count(source) + amqp;
}

/** The process's memory after a full GC: RSS, the JS heap in use, and the memory V8 commits to its young generation. */
function memory(): { rss: number; heap: number; young: number } {
  gcNow();
  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.physical_space_size ?? 0;
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heap: heapUsed, young };
}

/** No kind of handle above its baseline (fewer is fine: an earlier scenario's last timer may have fired since). */
const within = (now: Record<string, number>, base: Record<string, number>): boolean =>
  Object.entries(now).every(([kind, n]) => n <= (base[kind] ?? 0));

const shown = (m: ReturnType<typeof memory>): string =>
  `rss ${mb(m.rss)} MB, heap used ${mb(m.heap)} MB, young generation ${mb(m.young)} MB`;

const same = (a: Record<string, number>, b: Record<string, number>): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export const weekScenario: Scenario = {
  id: 'week',
  title: "a simulated week of a busy user's traffic, asleep every night (AMQP, accelerated time)",
  criterion:
    "RSS growth ≤ 10 MB after the first hour's worth (V8's young generation reserve aside, reported), heap growth ≤ 10 MB; handles, timers, listeners at baseline; caps held",
  async run(scale, log) {
    const { events: total, nightMs } = SCALE[scale];
    const weekStart = Date.now() - WEEK_MS;
    let simNow = weekStart;
    const user = await openBusUser('soak-week', { proxy: {}, deps: { now: () => simNow }, tally: false });
    const { me, notifier, publisher } = user;
    const proxy = user.proxy!;
    const failures: string[] = [];
    let calls = 0;
    let voicemails = 0;
    let nights = 0;
    const counted = (p: Publication): Publication => {
      if (p.name === 'call_created') calls++;
      if (p.name === 'user_voicemail_message_created') voicemails++;
      simNow = Date.parse(`${String(p.body.timestamp)}Z`);
      return p;
    };
    await sleep(200);
    const before = handles();
    try {
      await user.start();
      // Every voicemail kept (none deleted): the inbox must hold at its cap.
      const stream = userEvents(me, weekStart, WEEK_MS / total / 1.6, Infinity);
      const take = function* (n: number): Generator<Publication> {
        for (let i = 0; i < n; i++) yield counted(stream.next().value as Publication);
      };
      const drained = async (sent: number): Promise<void> => {
        await until(() => judged(notifier.stats) >= sent, 120_000);
      };
      const hour = Math.ceil(total / 168);
      let sent = 0;
      // The backlog is counted from this call's first event: the app's count runs across the whole week.
      const paced = async (n: number, backlog = true): Promise<number> => {
        const base = sent;
        return publishPaced(
          take(n),
          (p) => publisher.publish(p),
          () => (backlog ? judged(notifier.stats) - base : Infinity),
        );
      };
      sent += await paced(hour);
      await drained(sent);
      await sleep(200);
      const hourMem = memory();
      const handlesHour = handles();
      log(`hour: ${sent} events, ${shown(hourMem)}`);
      if (process.env.SOAK_HEAP_SNAPSHOTS)
        writeHeapSnapshot(`${process.env.SOAK_HEAP_SNAPSHOTS}/week-hour.heapsnapshot`);
      const listenersHour = listeners(notifier);
      const day = Math.floor((total - hour) / 7);
      for (let d = 0; d < 7; d++) {
        // The day, then the night: the laptop asleep, the network gone while the server goes on publishing.
        sent += await paced(Math.floor(day * 0.8));
        await drained(sent);
        proxy.cut(true);
        nights++;
        const wake = sleep(nightMs).then(() => proxy.cut(false));
        // Asleep: the server goes on publishing, the queue holds it.
        sent += await paced(day - Math.floor(day * 0.8), false);
        await wake;
        await until(() => notifier.snapshot.connection.status === 'connected', 30_000);
        await drained(sent);
        const mem = memory();
        const snapDay = notifier.snapshot;
        log(
          `day ${d + 1}: ${sent} events, ${shown(mem)}, voicemails ${snapDay.voicemail.messages.length}, missed calls ${snapDay.missed_calls.length}`,
        );
        if (process.env.SOAK_HEAP_SNAPSHOTS)
          writeHeapSnapshot(`${process.env.SOAK_HEAP_SNAPSHOTS}/week-day${d + 1}.heapsnapshot`);
      }
      await drained(sent);
      await sleep(500);
      const endMem = memory();
      const handlesEnd = handles();
      const listenersEnd = listeners(notifier);
      const snap = notifier.snapshot;
      // From the first hour's worth: the process's memory (V8's young generation reserve aside) and what the app keeps.
      const youngGrowth = mb(endMem.young - hourMem.young);
      const rssGrowth = mb(endMem.rss - hourMem.rss - Math.max(0, endMem.young - hourMem.young));
      if (rssGrowth > 10)
        failures.push(
          `RSS grew ${rssGrowth} MB after the first hour, the young generation's ${youngGrowth} MB aside (> 10 MB)`,
        );
      const heapGrowth = mb(endMem.heap - hourMem.heap);
      if (heapGrowth > 10) failures.push(`heap grew ${heapGrowth} MB after the first hour (> 10 MB)`);
      if (!same(handlesHour, handlesEnd))
        failures.push(`handles ${JSON.stringify(handlesEnd)} ≠ ${JSON.stringify(handlesHour)} after the first hour`);
      if (listenersEnd !== listenersHour) failures.push(`listeners ${listenersEnd} ≠ ${listenersHour}`);
      if (snap.missed_calls.length > LIMITS.missedCalls) failures.push(`${snap.missed_calls.length} missed calls kept`);
      if (snap.voicemail.messages.length > LIMITS.voicemails)
        failures.push(`${snap.voicemail.messages.length} voicemails kept`);
      if (snap.calls.length > LIMITS.calls) failures.push(`${snap.calls.length} live calls kept`);
      if (judged(notifier.stats) < sent) failures.push(`${sent - judged(notifier.stats)} events never handled`);
      await notifier.stop();
      await until(() => proxy.connections === 0, 5_000);
      await sleep(200);
      const after = handles();
      if (!within(after, before))
        failures.push(
          `handles after stop ${JSON.stringify(after)} above what it was before start ${JSON.stringify(before)}`,
        );
      return {
        pass: failures.length === 0,
        figures: {
          events: sent,
          calls,
          voicemails,
          nights,
          rss_after_hour_mb: mb(hourMem.rss),
          rss_end_mb: mb(endMem.rss),
          rss_growth_after_hour_mb: rssGrowth,
          rss_growth_after_hour_young_generation_included_mb: mb(endMem.rss - hourMem.rss),
          young_generation_mb: `${mb(hourMem.young)}→${mb(endMem.young)}`,
          heap_growth_after_hour_mb: heapGrowth,
          handles_at_baseline: same(handlesHour, handlesEnd) && within(after, before) ? 'yes' : 'no',
          listeners: `${listenersHour}→${listenersEnd}`,
          missed_calls_kept: `${snap.missed_calls.length}/${LIMITS.missedCalls}`,
          voicemails_kept: `${snap.voicemail.messages.length}/${LIMITS.voicemails}`,
          handled: judged(notifier.stats),
        },
        failures,
      };
    } finally {
      await user.close();
    }
  },
};
