/**
 * RabbitMQ stopped and started (`stop_app`/`start_app`) again and again while
 * the server keeps changing the user's state and publishing it, the app
 * following over AMQP with a Wazo login (so that each reconnection reads the
 * state over REST): the process lives on, consumes again soon after the
 * broker is back, and shows the server's state after its read. Needs the
 * exclusive broker lock.
 */
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startApp, stopApp } from '../broker-control.js';
import { differences, sleep, spread, until, type Scenario } from '../common.js';
import { openDesk } from '../desk.js';
import { REST_SLICES, serverTruth } from '../wazo-server.js';

const SCALE = { full: { cycles: 10 }, short: { cycles: 2 } };

/** Resolves with the moment (performance.now()) 127.0.0.1:`port` first accepts a connection, polling every 10 ms. */
async function portOpenAt(port: number): Promise<number> {
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return performance.now();
    await sleep(10);
  }
}

export const brokerRestartScenario: Scenario = {
  id: 'broker-restart',
  title: 'RabbitMQ stop_app/start_app during the stream (AMQP, with a Wazo login)',
  criterion: 'alive throughout; consuming ≤ 2 s after the broker is back; state = truth after the resync',
  exclusive: true,
  async run(scale, log) {
    const { cycles } = SCALE[scale];
    const desk = await openDesk({ amqp: true });
    const failures: string[] = [];
    const backMs: number[] = [];
    let equalAfter = 0;
    const stream = desk.stream(15);
    try {
      if (desk.service.snapshot.connection.source?.transport !== 'amqp') failures.push('not on the direct bus');
      for (let i = 0; i < cycles; i++) {
        await sleep(1_500);
        const stopped = performance.now();
        await stopApp();
        await sleep(1_000);
        // The broker is back when its port accepts again (rabbitmqctl itself takes a second or two to return).
        const upAt = portOpenAt(5672);
        try {
          await startApp();
        } catch (err) {
          // Never leave the shared broker stopped.
          await startApp();
          log(`start_app retried after ${String(err)}`);
        }
        const up = await upAt;
        const back = await until(() => desk.service.snapshot.connection.status === 'connected', 30_000);
        if (!back) {
          failures.push(`cycle ${i + 1}: not consuming 30 s after the broker was back`);
          continue;
        }
        const at = desk.statuses.entries.findLast((e) => e.status === 'connected')!.at;
        backMs.push(Math.max(0, at - up));
        if (!(await desk.syncedAfter(stopped, 15_000))) failures.push(`cycle ${i + 1}: no REST read after`);
        stream.pause(true);
        const truth = () => serverTruth(desk.fake.users[0]!, desk.service.snapshot);
        const equal = await until(() => differences(desk.service.snapshot, truth(), REST_SLICES).length === 0, 8_000);
        if (equal) equalAfter++;
        else
          failures.push(
            `cycle ${i + 1}: state ≠ truth: ${differences(desk.service.snapshot, truth(), REST_SLICES).join('; ')}`,
          );
        stream.pause(false);
        log(
          `cycle ${i + 1}/${cycles}: back in ${Math.round(backMs.at(-1)!)} ms, ${equal ? 'state = truth' : 'STATE DIFFERS'}`,
        );
      }
      await stream.stop();
      const b = spread(backMs);
      if (!(b.max <= 2_000)) failures.push(`consuming again ${b.max} ms after the broker was back, not within 2 s`);
      return {
        pass: failures.length === 0,
        figures: {
          cycles,
          events: desk.sim.published.length,
          lost_while_down: desk.publisher.lost,
          state_equal_after_resync: `${equalAfter}/${cycles}`,
          consuming_again_p50_ms: b.p50,
          consuming_again_max_ms: b.max,
        },
        failures,
      };
    } finally {
      await stream.stop();
      await desk.close();
    }
  },
};
