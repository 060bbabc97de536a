/**
 * REST faults while the state is read again (after each reconnection) and the
 * user's events keep flowing over websocketd: 500s beyond the client's
 * retries, a read slower than its deadline, and a 401 in the middle of a read
 * (the token expired while in use). Once REST answers again, the app must
 * come to the server's state by itself.
 */
import { performance } from 'node:perf_hooks';
import { differences, sleep, spread, until, type Scenario } from '../common.js';
import { openDesk } from '../desk.js';
import { REST_SLICES, serverTruth } from '../wazo-server.js';

type Fault = 'server_errors' | 'timeout' | 'unauthorized';
const SCALE = {
  full: { rounds: 6, retryMs: 30_000 },
  short: { rounds: 3, retryMs: 2_000 },
};
const KINDS: Fault[] = ['server_errors', 'unauthorized', 'timeout'];

export const restFaultsScenario: Scenario = {
  id: 'rest-faults',
  title: 'REST faults during resyncs (500s, timeouts, a 401 mid-read) while events flow (websocketd)',
  criterion: 'converges to the truth once REST answers again',
  async run(scale, log) {
    const { rounds, retryMs } = SCALE[scale];
    const desk = await openDesk({ resyncRetryMs: retryMs });
    const wsd = desk.fake.websocketd!;
    let failedReads = 0;
    desk.service.on('state', (s) => {
      if (s.sync.status === 'failed' || (s.sync.status === 'synced' && s.sync.error)) failedReads++;
    });
    const failures: string[] = [];
    const converge: number[] = [];
    const stream = desk.stream(15);
    try {
      for (let i = 0; i < rounds; i++) {
        const kind = KINDS[i % KINDS.length]!;
        await sleep(1_000);
        const t0 = performance.now();
        if (kind === 'server_errors') {
          // More 500s than the HTTP client's retries: the read fails, slice by slice.
          desk.fake.fault({ match: 'GET /api/confd', status: 500, body: { message: 'Internal' }, times: 12 });
          desk.fake.fault({ match: 'GET /api/calld', status: 503, body: 'upstream down', times: 12 });
        } else if (kind === 'timeout') {
          // Slower than the client's 10 s deadline, once: retried.
          desk.fake.fault({ match: 'GET /api/calld/1.0/users/me/voicemails', delayMs: 11_000, times: 1 });
        } else {
          // A read held up, and the token gone meanwhile: the rest of the read answers 401.
          desk.fake.fault({ match: 'GET /api/confd', delayMs: 400, times: 2 });
          setTimeout(() => desk.fake.expireTokens('alice'), 150);
        }
        await wsd.closeAll(1011, 'bus connection lost');
        const back = await until(() => desk.statuses.connectedAfter(t0) !== undefined, 30_000);
        if (!back) failures.push(`round ${i + 1} (${kind}): not reconnected`);
        // The faults run out; then the app must reach the server's state on its own (its retry, its next read).
        stream.pause(true);
        const ok = await until(
          () =>
            differences(desk.service.snapshot, serverTruth(desk.fake.users[0]!, desk.service.snapshot), REST_SLICES)
              .length === 0 &&
            desk.service.snapshot.sync.status === 'synced' &&
            !desk.service.snapshot.sync.error,
          retryMs + 40_000,
          50,
        );
        if (ok) converge.push(performance.now() - t0);
        else {
          const diff = differences(
            desk.service.snapshot,
            serverTruth(desk.fake.users[0]!, desk.service.snapshot),
            REST_SLICES,
          );
          failures.push(
            `round ${i + 1} (${kind}): no convergence (sync ${JSON.stringify(desk.service.snapshot.sync)}; ${diff.join('; ')})`,
          );
        }
        stream.pause(false);
        log(`round ${i + 1}/${rounds} (${kind}) ${ok ? 'converged' : 'DID NOT CONVERGE'}`);
      }
      await stream.stop();
      const c = spread(converge);
      return {
        pass: failures.length === 0,
        figures: {
          rounds,
          events: desk.sim.published.length,
          sync_error_states: failedReads,
          converged: `${converge.length}/${rounds}`,
          resync_retry_ms: retryMs,
          converge_p50_ms: c.p50,
          converge_max_ms: c.max,
        },
        failures,
      };
    } finally {
      await stream.stop();
      await desk.close();
    }
  },
};
