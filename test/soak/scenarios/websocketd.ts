/**
 * websocketd faults during a stream of the user's events: the stand-in closes
 * 1011 (its bus lost), expires the token (4003 at its next check, unless a
 * REST call of the app renews it first and the session takes it in place), and
 * restarts (1011, then HTTP 502 for a second). After each, the app must be
 * back, read the state again, and show exactly the server's state; no toast
 * may be shown twice.
 */
import { performance } from 'node:perf_hooks';
import { differences, sleep, spread, until, type Scenario } from '../common.js';
import { duplicateToasts, openDesk } from '../desk.js';
import { REST_SLICES, serverTruth } from '../wazo-server.js';

type Fault = '1011' | 'token' | 'restart';
const SCALE: Record<'full' | 'short', Record<Fault, number>> = {
  full: { '1011': 20, token: 5, restart: 3 },
  short: { '1011': 2, token: 1, restart: 1 },
};
/** The client resets its backoff after a connection that lasted this long (MIN_UPTIME_MS): faults are spaced by it. */
const UPTIME_MS = 5_500;

export const websocketdScenario: Scenario = {
  id: 'websocketd',
  title: 'websocketd: the stand-in closes 1011, expires the token, restarts, during a stream',
  criterion: 'state = truth after each resync; no duplicate toasts; reconnect p95 ≤ 2 s',
  async run(scale, log) {
    const counts = SCALE[scale];
    // Interleaved: 1011s, with the token expiries and the restarts spread among them.
    const total = counts['1011'] + counts.token + counts.restart;
    const faults: Fault[] = Array.from({ length: total }, () => '1011');
    const place = (fault: Fault, n: number, phase: number): void => {
      for (let k = 0; k < n; k++) {
        let i = Math.floor(((k + phase) * total) / n);
        while (faults[i % total] !== '1011') i++;
        faults[i % total] = fault;
      }
    };
    place('token', counts.token, 0.33);
    place('restart', counts.restart, 0.66);
    const desk = await openDesk();
    const wsd = desk.fake.websocketd!;
    const failures: string[] = [];
    const times: Record<Fault, number[]> = { '1011': [], token: [], restart: [] };
    let mismatches = 0;
    let checks = 0;
    /** Token expiries met by a renewal in place (no drop, so no reconnect time). */
    let renewals = 0;
    const stream = desk.stream(10);
    try {
      for (const [i, fault] of faults.entries()) {
        await sleep(UPTIME_MS);
        const t0 = performance.now();
        let back = t0;
        const tokenBefore = wsd.sessions[0]?.token;
        if (fault === '1011') await wsd.closeAll(1011, 'bus connection lost');
        else if (fault === 'token') desk.fake.expireTokens('alice');
        else {
          await wsd.stop();
          await sleep(1_000);
          wsd.start();
          back = performance.now();
        }
        // An expired token is handled one of two ways: the stand-in's next check closes 4003 and the app
        // comes back with a new token, or a REST call of the app met the 401 first (a favorite_added has
        // dird read at once) and the renewed token reached the session over the `token` op: no drop at all.
        const renewedInPlace = () =>
          fault === 'token' &&
          desk.statuses.lostAfter(t0) === undefined &&
          wsd.sessions.some((s) => s.started && s.token !== tokenBefore);
        const lost = await until(() => desk.statuses.lostAfter(t0) !== undefined || renewedInPlace(), 5_000);
        if (lost && renewedInPlace()) {
          renewals++;
          log(`fault ${i + 1}/${faults.length} (${fault}): renewed in place, the session kept`);
        } else {
          const lostAt = desk.statuses.lostAfter(t0) ?? t0;
          const ok = await until(() => desk.statuses.connectedAfter(lostAt) !== undefined, 30_000);
          if (!lost || !ok) {
            failures.push(`fault ${i + 1} (${fault}): ${lost ? 'not back in 30 s' : 'never noticed'}`);
            continue;
          }
          times[fault].push(desk.statuses.connectedAfter(lostAt)! - (fault === 'restart' ? back : lostAt));
          if (!(await desk.syncedAfter(lostAt, 15_000))) failures.push(`fault ${i + 1} (${fault}): no REST read after`);
        }
        // A quiet moment: what the app shows must now be the server's state.
        stream.pause(true);
        checks++;
        const equal = await until(
          () =>
            differences(desk.service.snapshot, serverTruth(desk.fake.users[0]!, desk.service.snapshot), REST_SLICES)
              .length === 0,
          5_000,
        );
        if (!equal) {
          mismatches++;
          const diff = differences(
            desk.service.snapshot,
            serverTruth(desk.fake.users[0]!, desk.service.snapshot),
            REST_SLICES,
          );
          failures.push(`fault ${i + 1} (${fault}): state ≠ truth: ${diff.join('; ')}`);
        }
        stream.pause(false);
        log(`fault ${i + 1}/${faults.length} (${fault}) ${equal ? 'state = truth' : 'STATE DIFFERS'}`);
      }
      await stream.stop();
      const dup = duplicateToasts(desk.toasts);
      if (dup) failures.push(`${dup} duplicate toasts`);
      const all = spread([...times['1011'], ...times.token, ...times.restart]);
      if (!(all.p95 <= 2_000)) failures.push(`reconnect p95 ${all.p95} ms > 2000 ms`);
      return {
        pass: failures.length === 0,
        figures: {
          events: desk.sim.published.length,
          closes_1011: times['1011'].length,
          token_expiries: times.token.length + renewals,
          token_renewed_in_place: renewals,
          restarts: times.restart.length,
          checks_state_equal: `${checks - mismatches}/${checks}`,
          duplicate_toasts: dup,
          toasts: desk.toasts.length,
          reconnect_p50_ms: all.p50,
          reconnect_p95_ms: all.p95,
          reconnect_max_ms: all.max,
          after_1011_p95_ms: spread(times['1011']).p95,
          after_token_p95_ms: spread(times.token).p95,
          after_restart_p95_ms: spread(times.restart).p95,
        },
        failures,
      };
    } finally {
      await stream.stop();
      await desk.close();
    }
  },
};
