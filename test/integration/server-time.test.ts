/**
 * Client and server in different zones, end to end on the real RabbitMQ: the
 * built CLI runs under another TZ than the publisher's, and so does a notifier
 * in this process. wazo-bus stamps events with the server's wall clock and no
 * zone; a missed call must still be listed at its real time, and a live call
 * must not be judged stale.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { queueName } from '../../electron/core/bus/topology.js';
import { NotificationPolicy } from '../../electron/core/notify/notification-policy.js';
import { missedCallPublication, SimCall, type Party } from '../../electron/sim/call-events.js';
import type { MissedCallView } from '../../electron/shared/snapshot.js';
import type { Toast } from '../../electron/shared/toast.js';
import { BROKER_URL, TestPublisher, deleteExchange, deleteQueue, uniqueExchange, waitFor } from '../support/broker.js';
import { lineWhere, runCli, type CliRun } from '../support/cli.js';
import { startFakeWazo, type FakeWazo } from '../support/fake-wazo.js';
import { brokerFixtures, startNotifier } from '../support/notifier-harness.js';

const ZONES = ['Europe/Paris', 'America/Montreal', 'Pacific/Auckland'];
const BOB: Party = { name: 'Bob Tremblay', number: '+15145550123' };
const CAROL: Party = { name: 'Carol Support', number: '1800' };
const MIN = 60_000;

const fx = brokerFixtures();
const running: CliRun[] = [];
const queues: string[] = [];
let publisher: TestPublisher | undefined;
let fake: FakeWazo | undefined;
const initialTz = process.env.TZ;
const dir = mkdtempSync(join(tmpdir(), 'wazo-server-time-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const onTeardown: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const t of onTeardown.splice(0)) await t();
  if (initialTz === undefined) delete process.env.TZ;
  else process.env.TZ = initialTz;
  for (const r of running.splice(0)) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  for (const q of queues.splice(0)) await deleteQueue(q);
  await publisher?.close();
  await fake?.close();
  publisher = undefined;
  fake = undefined;
});

/** `watch --state` for `user` under the client zone `tz`, on a queue deleted after the test. */
function watch(user: string, tz: string, args: string[]): CliRun {
  const installId = `tztest-${randomUUID().slice(0, 8)}`;
  queues.push(queueName(user, installId));
  const r = runCli(['watch', '--mode', 'headers', '--state', '--install-id', installId, ...args], { TZ: tz });
  running.push(r);
  return r;
}

const missedIn = (l: Record<string, unknown>): MissedCallView[] =>
  l.type === 'state' ? (l.state as { missed_calls: MissedCallView[] }).missed_calls : [];

describe.each(ZONES)('a client in %s, a server on UTC', (tz) => {
  it('the CLI lists missed calls at their real time, live or drained from a backlog', async () => {
    const me = randomUUID();
    const run = watch(me, tz, ['--user', me]);
    await lineWhere(run, (l) => l.type === 'status' && l.status === 'connected', 15_000, 'connected');
    publisher = await TestPublisher.open('wazo-headers', 'headers');
    const c = new SimCall({ userUuid: me }, { peer: BOB });
    const hangup = new Date();
    await publisher.publish(c.created(), c.ringing(), c.ended(19, hangup), c.missed('no-answer'));
    const old = new Date(Date.now() - 4 * MIN);
    await publisher.publish(missedCallPublication({ userUuid: me, at: old }, { peer: CAROL }));
    const line = await lineWhere(run, (l) => missedIn(l).length === 2, 15_000, 'two missed calls');
    expect(missedIn(line)).toEqual([
      expect.objectContaining({ caller_id_name: 'Carol Support', at: old.toISOString(), source: 'bus' }),
      expect.objectContaining({ caller_id_name: 'Bob Tremblay', at: hangup.toISOString(), source: 'bus' }),
    ]);
    expect(run.junk).toEqual([]);
  });

  it('a live incoming call is notified, not judged stale, by a notifier running in that zone', async () => {
    process.env.TZ = tz;
    const me = randomUUID();
    fx.harness = await startNotifier('headers', me);
    const toasts: Toast[] = [];
    fx.harness.notifier.on('toast', (t) => toasts.push(t));
    fx.publisher = await TestPublisher.open('wazo-headers', 'headers');
    const c = new SimCall({ userUuid: me }, { peer: BOB });
    await fx.publisher.publish(c.created(), c.ringing());
    const ring = await waitFor(() => toasts.find((t) => t.kind === 'incoming_call'), 10_000, 'incoming call toast');
    expect(Math.abs(Date.parse(ring.event_at!) - Date.now())).toBeLessThan(5_000);
    expect(new NotificationPolicy().decide(ring, fx.harness.notifier.snapshot)).toMatchObject({ show: true });
  });
});

describe('a client in Pacific/Auckland, logged in to a server in UTC−05:00', () => {
  it("reads a nine-minute-old miss exactly, with the server's offset from its login token", async () => {
    const uuid = randomUUID();
    const password = join(dir, 'password');
    writeFileSync(password, 'pa55-word\n', { mode: 0o600 });
    // The bus beside the login (--url): a durable queue can hold a backlog, which websocketd cannot.
    const exchange = uniqueExchange('server-time');
    fake = await startFakeWazo({
      users: [{ username: 'alice', password: 'pa55-word', uuid, tenantUuid: randomUUID() }],
      utcOffsetMinutes: -300,
    });
    const run = watch(uuid, 'Pacific/Auckland', [
      '--server',
      fake.url,
      '--username',
      'alice',
      '--password-file',
      password,
      '--url',
      BROKER_URL,
      '--exchange',
      exchange,
    ]);
    await lineWhere(run, (l) => l.type === 'state' && l.initial === true, 15_000, 'initial state');
    await lineWhere(run, (l) => l.type === 'status' && l.status === 'connected', 15_000, 'connected');
    publisher = await TestPublisher.open(exchange, 'headers');
    const opened = publisher;
    onTeardown.push(async () => {
      await opened.close();
      await deleteExchange(exchange);
    });
    publisher = undefined;
    // No call to learn from, and too old for an estimate to tell the zone: only the token can.
    const old = new Date(Date.now() - 9 * MIN);
    await opened.publish(missedCallPublication({ userUuid: uuid, utcOffsetMinutes: -300, at: old }, { peer: BOB }));
    const line = await lineWhere(run, (l) => missedIn(l).length === 1, 15_000, 'the missed call');
    expect(missedIn(line)[0]).toMatchObject({ caller_id_name: 'Bob Tremblay', at: old.toISOString() });
  });
});
