/**
 * The broker force-closes our connection (found by its connection name) again
 * and again while the user's events stream in, on a durable queue: nothing may
 * be lost or applied twice, and the final state must be the truth's.
 *
 * The schedule is counted in events, not in seconds, so that it is the same on
 * a fast machine and a slow one: the stream is cut in `closes + 1` slices and
 * close i is made once the app has applied i slices (the publisher never gets
 * more than half a slice past that). So that every close finds messages the
 * app applied but the broker still holds unacknowledged, the app's path to the
 * broker (a TCP proxy) loses what the app sends from the close's event on:
 * that event's ack, and those of the events still in the app's ack batch and
 * prefetch window, never arrive, so those messages come again after the
 * reconnection and must be ignored, not applied twice.
 */
import { performance } from 'node:perf_hooks';
import { forceClose } from '../broker-control.js';
import { openBusUser } from '../bus-user.js';
import { StatusLog, differences, model, sleep, spread, tally, until, userStream, type Scenario } from '../common.js';

const SCALE = { full: { events: 20_000, closes: 50 }, short: { events: 2_000, closes: 5 } };
/** How far the publisher may run ahead of what the app has applied. */
const BACKLOG = 500;

export const forceCloseScenario: Scenario = {
  id: 'force-close',
  title: 'broker force-closes our connection during a stream (AMQP, durable queue)',
  criterion: '0 lost, 0 applied twice, state = truth; recovery p95 ≤ 1 s',
  async run(scale, log) {
    const { events: total, closes } = SCALE[scale];
    const user = await openBusUser('soak-close', { proxy: {} });
    const { me, notifier, publisher, connectionName, applied } = user;
    const proxy = user.proxy!;
    const statuses = new StatusLog();
    notifier.on('status', statuses.record);
    const failures: string[] = [];
    const recoveries: number[] = [];
    /** The app's progress when each close was made, in events applied. */
    const closedAt: number[] = [];
    const stream = userStream(me, total);
    const slice = Math.floor(total / (closes + 1));
    // The publisher may publish events [0, allowed): half a slice past the next close.
    let allowed = slice + Math.floor(slice / 2);
    // Counted where the app applies them, so that no speed of either side can move the moment.
    let muteAt = slice;
    notifier.on('event', () => {
      if (applied.size === muteAt) proxy.muteClients();
    });
    let stopPublishing = async (): Promise<void> => {};
    try {
      await user.start();
      let stop = false;
      const publishing$ = (async () => {
        let sent = 0;
        for (const p of stream) {
          while (!stop && (sent >= allowed || sent - applied.size >= BACKLOG)) await sleep(2);
          if (stop) break;
          await publisher.publish(p);
          sent++;
        }
      })();
      stopPublishing = async () => {
        stop = true;
        await publishing$.catch(() => {});
      };
      for (let i = 0; i < closes; i++) {
        const due = (i + 1) * slice;
        if (!(await until(() => applied.size >= due, 60_000, 5)))
          failures.push(`close ${i + 1}: the app never applied ${due} events (${applied.size})`);
        closedAt.push(applied.size);
        // The next close's; none after the last (a muted path would hold the rest of the stream).
        muteAt = i < closes - 1 ? due + slice : -1;
        const before = performance.now();
        // One retry: the broker's CLI can fail on a busy shared node.
        const n = await forceClose(connectionName).catch(() => forceClose(connectionName));
        if (n !== 1) failures.push(`close ${i + 1}: ${n} connections closed, not 1`);
        const back = await until(
          () => statuses.connectedAfter(statuses.lostAfter(before) ?? Infinity) !== undefined,
          15_000,
        );
        const lost = statuses.lostAfter(before);
        const again = lost === undefined ? undefined : statuses.connectedAfter(lost);
        if (!back || lost === undefined || again === undefined) failures.push(`close ${i + 1}: not recovered in 15 s`);
        else recoveries.push(again - lost);
        allowed = i === closes - 1 ? total : due + slice + Math.floor(slice / 2);
      }
      await publishing$;
      await until(() => applied.size >= total, 30_000);
      await sleep(500); // late redeliveries, if any, would show now
      log(`closes made with the app at events ${closedAt.join(', ')}`);
      const { lost, twice, lostKeys } = tally(stream, applied);
      const diff = differences(notifier.snapshot, model(me, stream));
      if (lost) failures.push(`${lost} lost (e.g. ${lostKeys.join(', ')})`);
      if (twice) failures.push(`${twice} applied twice`);
      failures.push(...diff);
      const r = spread(recoveries);
      if (!(r.p95 <= 1_000)) failures.push(`recovery p95 ${r.p95} ms > 1000 ms`);
      return {
        pass: failures.length === 0,
        figures: {
          events: total,
          closes: recoveries.length,
          close_every_events: slice,
          lost,
          applied_twice: twice,
          redelivered_ignored: notifier.stats.duplicates,
          state_equal: diff.length === 0 ? 'yes' : 'no',
          recovery_p50_ms: r.p50,
          recovery_p95_ms: r.p95,
          recovery_max_ms: r.max,
        },
        failures,
      };
    } finally {
      await stopPublishing();
      await user.close();
    }
  },
};
