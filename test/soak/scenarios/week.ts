/**
 * A busy user's week in accelerated time: the events of seven days published
 * with their server times a few seconds apart, the laptop asleep every night
 * (the network gone for a while, the queue filling meanwhile, then back), the
 * app on the direct bus through a proxy that can cut the network. Memory must
 * level off after the first hour's worth, the process's handles and the app's
 * listeners must be what they were, and the store's caps must hold.
 */
import { writeHeapSnapshot } from 'node:v8';
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

/** No kind of handle above its baseline (fewer is fine: an earlier scenario's last timer may have fired since). */
const within = (now: Record<string, number>, base: Record<string, number>): boolean =>
  Object.entries(now).every(([kind, n]) => n <= (base[kind] ?? 0));

const same = (a: Record<string, number>, b: Record<string, number>): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export const weekScenario: Scenario = {
  id: 'week',
  title: "a simulated week of a busy user's traffic, asleep every night (AMQP, accelerated time)",
  criterion: 'RSS growth ≤ 10 MB after the first hour; handles, timers, listeners at baseline; caps held',
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
      const stream = userEvents(me, weekStart, WEEK_MS / total / 1.6, Number.MAX_SAFE_INTEGER);
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
      gcNow();
      const rssHour = process.memoryUsage().rss;
      const heapHour = process.memoryUsage().heapUsed;
      const handlesHour = handles();
      log(
        `hour: ${sent} events, rss ${mb(rssHour)} MB, heap used ${mb(heapHour)} of ${mb(process.memoryUsage().heapTotal)} MB`,
      );
      if (process.env.SOAK_HEAP_SNAPSHOTS)
        writeHeapSnapshot(`${process.env.SOAK_HEAP_SNAPSHOTS}/week-hour.heapsnapshot`);
      const listenersHour = listeners(notifier);
      const day = Math.floor((total - hour) / 7);
      let rssDay1 = rssHour;
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
        gcNow();
        const u = process.memoryUsage();
        if (d === 0) rssDay1 = u.rss;
        log(
          `day ${d + 1}: ${sent} events, rss ${mb(u.rss)} MB, heap used ${mb(u.heapUsed)} of ${mb(u.heapTotal)} MB, external ${mb(u.external)} MB (array buffers ${mb(u.arrayBuffers)}), voicemails ${notifier.snapshot.voicemail.messages.length}, missed ${notifier.snapshot.missed_calls.length}`,
        );
        if (process.env.SOAK_HEAP_SNAPSHOTS)
          writeHeapSnapshot(`${process.env.SOAK_HEAP_SNAPSHOTS}/week-day${d + 1}.heapsnapshot`);
      }
      await drained(sent);
      await sleep(500);
      gcNow();
      const rssEnd = process.memoryUsage().rss;
      const heapEnd = process.memoryUsage().heapUsed;
      const handlesEnd = handles();
      const listenersEnd = listeners(notifier);
      const snap = notifier.snapshot;
      const growth = mb(rssEnd - rssHour);
      if (growth > 10) failures.push(`RSS grew ${growth} MB after the first hour (> 10 MB)`);
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
          rss_after_hour_mb: mb(rssHour),
          rss_end_mb: mb(rssEnd),
          rss_growth_mb: growth,
          rss_growth_after_day1_mb: mb(rssEnd - rssDay1),
          heap_growth_mb: mb(heapEnd - heapHour),
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
