/**
 * The network stalls without closing (a TCP proxy that stops forwarding, on
 * 127.0.0.1), over each transport in turn: the AMQP heartbeat or the
 * websocketd ping must notice it within its stated bound, and the app must
 * come back once the path is open again, with events flowing.
 */
import { performance } from 'node:perf_hooks';
import { publication } from '../../../electron/sim/envelope.js';
import { startTcpProxy } from '../../support/tcp-proxy.js';
import { openBusUser } from '../bus-user.js';
import { StatusLog, sleep, spread, until, type Scale, type Scenario } from '../common.js';
import { openDesk } from '../desk.js';

/**
 * The full run uses the production settings (AMQP heartbeat 10 s; websocketd
 * ping every 30 s, pong within 10 s); the short one shortens them.
 */
const SCALE = {
  full: { stalls: 3, heartbeatS: 10, pingMs: 30_000, pongMs: 10_000 },
  short: { stalls: 2, heartbeatS: 1, pingMs: 1_000, pongMs: 1_000 },
};

interface Round {
  detectMs: number[];
  recoverMs: number[];
  failures: string[];
}

/** Stalls the path `stalls` times: detection (left `connected`) and recovery (connected, an event through) timed. */
async function stallRounds(
  stalls: number,
  boundMs: number,
  proxy: { stall(on: boolean): void },
  statuses: StatusLog,
  flows: (n: number) => Promise<boolean>,
  what: string,
): Promise<Round> {
  const r: Round = { detectMs: [], recoverMs: [], failures: [] };
  for (let i = 0; i < stalls; i++) {
    if (!(await flows(i * 2))) r.failures.push(`${what} ${i + 1}: no event before the stall`);
    await sleep(200);
    const t0 = performance.now();
    proxy.stall(true);
    const noticed = await until(() => statuses.lostAfter(t0) !== undefined, boundMs * 2 + 5_000, 50);
    const lostAt = statuses.lostAfter(t0);
    if (!noticed || lostAt === undefined) {
      r.failures.push(`${what} ${i + 1}: stall not noticed in ${boundMs * 2 + 5_000} ms`);
      proxy.stall(false);
      continue;
    }
    r.detectMs.push(lostAt - t0);
    if (lostAt - t0 > boundMs)
      r.failures.push(`${what} ${i + 1}: noticed in ${Math.round(lostAt - t0)} ms, not within ${boundMs} ms`);
    proxy.stall(false);
    const back = await until(() => statuses.connectedAfter(lostAt) !== undefined, 60_000);
    if (!back || !(await flows(i * 2 + 1))) r.failures.push(`${what} ${i + 1}: not back with events after the stall`);
    else r.recoverMs.push(statuses.connectedAfter(lostAt)! - lostAt);
  }
  return r;
}

async function amqp(scale: Scale): Promise<Round> {
  const { stalls, heartbeatS } = SCALE[scale];
  const user = await openBusUser('soak-stall', { proxy: { heartbeatS } });
  const { me, notifier, publisher } = user;
  const proxy = user.proxy!;
  const statuses = new StatusLog();
  notifier.on('status', statuses.record);
  try {
    await user.start();
    const flows = async (n: number): Promise<boolean> => {
      const enabled = n % 2 === 0;
      await publisher.publish(publication('users_services_dnd_updated', { user_uuid: me, enabled }, { userUuid: me }));
      return until(() => notifier.snapshot.services.dnd?.enabled === enabled, 10_000);
    };
    // amqplib notices a silent peer between two and three heartbeat intervals.
    return await stallRounds(stalls, 3 * heartbeatS * 1000 + 500, proxy, statuses, flows, 'AMQP stall');
  } finally {
    await user.close();
  }
}

async function websocketd(scale: Scale): Promise<Round> {
  const { stalls, pingMs, pongMs } = SCALE[scale];
  let proxy: Awaited<ReturnType<typeof startTcpProxy>> | undefined;
  const desk = await openDesk({
    timings: { pingIntervalMs: pingMs, pongTimeoutMs: pongMs, maxReconnectDelayMs: 2_000 },
    via: async (url) => {
      const u = new URL(url);
      proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port) });
      return `http://127.0.0.1:${proxy.port}`;
    },
  });
  try {
    const flows = async (n: number): Promise<boolean> => {
      const enabled = n % 2 === 0;
      const u = desk.fake.users[0]!;
      u.services.dnd = { enabled };
      await desk.sim.publish(
        publication('users_services_dnd_updated', { user_uuid: u.uuid, enabled }, { userUuid: u.uuid }),
      );
      return until(() => desk.service.snapshot.services.dnd?.enabled === enabled, 10_000);
    };
    // A ping goes out every `pingMs`; the first one after the stall finds no pong within `pongMs`.
    return await stallRounds(stalls, pingMs + pongMs + 500, proxy!, desk.statuses, flows, 'websocketd stall');
  } finally {
    await desk.close();
    await proxy?.close();
  }
}

export const stallScenario: Scenario = {
  id: 'stall',
  title: 'the network stalls without closing (TCP proxy on 127.0.0.1), AMQP then websocketd',
  criterion: 'detected by heartbeat/ping within its stated bound, then recovered',
  async run(scale) {
    const a = await amqp(scale);
    const w = await websocketd(scale);
    const { heartbeatS, pingMs, pongMs } = SCALE[scale];
    const fig = (xs: number[]) => spread(xs);
    return {
      pass: a.failures.length + w.failures.length === 0,
      figures: {
        stalls: a.detectMs.length + w.detectMs.length,
        amqp_bound_ms: 3 * heartbeatS * 1000,
        amqp_detect_max_ms: fig(a.detectMs).max,
        amqp_recover_max_ms: fig(a.recoverMs).max,
        websocketd_bound_ms: pingMs + pongMs,
        websocketd_detect_max_ms: fig(w.detectMs).max,
        websocketd_recover_max_ms: fig(w.recoverMs).max,
      },
      failures: [...a.failures, ...w.failures],
    };
  },
};
