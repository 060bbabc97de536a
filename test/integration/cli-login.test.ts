/** `wazo-notifier watch --server … --username … --password-file …`, spawned as a user would, against the fake Wazo. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { queueName } from '../../electron/core/bus/topology.js';
import { publication } from '../../electron/sim/envelope.js';
import {
  BROKER_URL,
  TestPublisher,
  closeConnections,
  deleteExchange,
  deleteQueue,
  uniqueExchange,
  waitFor,
} from '../support/broker.js';
import { lineWhere, runCli, type CliRun } from '../support/cli.js';
import { freePort } from '../support/net.js';
import { startFakeWazo, type FakeWazo } from '../support/fake-wazo.js';

const PASSWORD = 'correct horse battery staple';
const dir = mkdtempSync(join(tmpdir(), 'wazo-cli-login-'));
const passwordFile = join(dir, 'password');
writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
const wrongFile = join(dir, 'wrong');
writeFileSync(wrongFile, 'not-the-password\n', { mode: 0o600 });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const running: CliRun[] = [];
const queues: string[] = [];
let fake: FakeWazo | undefined;
const exchanges: string[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  for (const q of queues.splice(0)) await deleteQueue(q);
  await fake?.close();
  fake = undefined;
  for (const e of exchanges.splice(0)) await deleteExchange(e);
});

/** The fake Wazo with its websocketd stand-in on an exchange of this test's own. */
async function wazoWithWebsocketd(): Promise<{ fake: FakeWazo; exchange: string }> {
  const exchange = uniqueExchange('clilogin');
  exchanges.push(exchange);
  fake = await startFakeWazo({ users: [alice()], websocketd: { exchange, authCheckMs: 200 } });
  return { fake, exchange };
}

const uuid = randomUUID();
const alice = () => ({
  username: 'alice',
  password: PASSWORD,
  uuid,
  tenantUuid: randomUUID(),
  services: { dnd: { enabled: true }, incallfilter: { enabled: false } },
});

function watch(server: string, file = passwordFile, extra: string[] = []): CliRun {
  const installId = `clilogin-${randomUUID().slice(0, 8)}`;
  queues.push(queueName(uuid, installId));
  const r = runCli([
    'watch',
    '--server',
    server,
    '--username',
    'alice',
    '--password-file',
    file,
    '--install-id',
    installId,
    ...extra,
  ]);
  running.push(r);
  return r;
}

/** stderr lines, without the informational ones. */
const problems = (r: CliRun) =>
  r
    .stderr()
    .split('\n')
    .filter((l) => l && !l.startsWith('wazo-notifier: info:'));

/** Every stderr line: a failed login must be exactly one. */
const stderrLines = (r: CliRun) => r.stderr().split('\n').filter(Boolean);

describe('wazo-notifier watch with a login', () => {
  it('logs in, prints the initial state read over REST, then follows the user over websocketd; exits 0 on SIGTERM', async () => {
    const { fake, exchange } = await wazoWithWebsocketd();
    const run = watch(fake.url, passwordFile, ['--tenant', 'example.com']);
    const login = await lineWhere(run, (l) => l.type === 'login', 15_000, 'login line');
    expect(JSON.parse(fake.requests[0]!.body)).toMatchObject({ domain_name: 'example.com' });
    expect(login).toMatchObject({ type: 'login', username: 'alice', user_uuid: uuid, server: fake.url });
    expect(Date.parse(String(login.expires_at))).toBeGreaterThan(Date.now());
    const initial = await lineWhere(run, (l) => l.type === 'state' && l.initial === true, 15_000, 'initial state');
    const state = initial.state as { user_uuid: string; services: unknown; sync: { status: string } };
    expect(state.user_uuid).toBe(uuid);
    expect(state.services).toEqual({ dnd: { enabled: true }, incallfilter: { enabled: false } });
    expect(state.sync.status).toBe('synced');
    expect(run.lines.find((l) => l.type === 'sync')).toMatchObject({ status: 'synced' });
    const connected = await lineWhere(run, (l) => l.type === 'status' && l.status === 'connected', 15_000, 'connected');
    expect(connected.source).toEqual({ transport: 'websocketd', server: fake.url });
    // An event published on the server's bus reaches the command through websocketd.
    const publisher = await TestPublisher.open(exchange, 'headers');
    await publisher.publish(
      publication('users_services_dnd_updated', { user_uuid: uuid, enabled: false }, { userUuid: uuid }),
    );
    await lineWhere(run, (l) => l.type === 'event', 10_000, 'event over websocketd');
    await publisher.close();
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.junk).toEqual([]);
    // Logout is not a quit: the token stays for its lifetime, but the password never shows.
    expect(run.stderr() + JSON.stringify(run.lines)).not.toContain(PASSWORD);
    // The plain-http warning is said once the login worked.
    expect(run.stderr()).toMatch(/plain http/);
  });

  it('web logs in the same way, then serves the window', async () => {
    const { fake } = await wazoWithWebsocketd();
    const installId = `clilogin-${randomUUID().slice(0, 8)}`;
    queues.push(queueName(uuid, installId));
    const run = runCli([
      'web',
      '--server',
      fake.url,
      '--username',
      'alice',
      '--password-file',
      passwordFile,
      '--install-id',
      installId,
    ]);
    running.push(run);
    await lineWhere(run, (l) => l.type === 'login' && l.user_uuid === uuid, 15_000, 'login line');
    const listening = await lineWhere(run, (l) => l.type === 'listening', 15_000, 'listening');
    const state = await lineWhere(run, (l) => l.type === 'state' && l.initial === true, 15_000, 'initial state');
    expect((state.state as { account: unknown }).account).toMatchObject({ username: 'alice', server: fake.url });
    expect((await fetch(String(listening.url))).status).toBe(200);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
  });

  it('exits 3 when the server ends the session for good (refresh and password refused)', async () => {
    const { fake } = await wazoWithWebsocketd();
    const run = watch(fake.url);
    await lineWhere(run, (l) => l.type === 'state' && l.initial === true, 15_000, 'initial state');
    fake.revokeSessions('alice');
    fake.users[0]!.password = 'changed-by-the-admin';
    // websocketd closes 4003 at its next check of the token; renewing fails both ways.
    expect(await run.exit).toBe(3);
    expect(problems(run).at(-1)).toMatch(/^wazo-notifier: error: the Wazo session ended: .*wrong username or password/);
  });

  it('with --url, follows the bus beside the login, and exits 3 when the session ends for good', async () => {
    fake = await startFakeWazo({ users: [alice()] });
    const run = watch(fake.url, passwordFile, ['--url', BROKER_URL]);
    const connected = await lineWhere(run, (l) => l.type === 'status' && l.status === 'connected', 15_000, 'connected');
    expect(connected.source).toMatchObject({ transport: 'amqp', broker: '127.0.0.1:5672' });
    await lineWhere(run, (l) => l.type === 'state' && l.initial === true, 15_000, 'initial state');
    fake.revokeSessions('alice');
    fake.users[0]!.password = 'changed-by-the-admin';
    // The next REST read (after a bus reconnect) meets a 401; renewing fails both ways.
    const installId = queues.at(-1)!.split('.').at(-1)!;
    await waitFor(async () => (await closeConnections(installId)) > 0, 10_000, 'connection killed');
    expect(await run.exit).toBe(3);
    expect(problems(run).at(-1)).toMatch(/^wazo-notifier: error: the Wazo session ended: .*wrong username or password/);
  });

  it('exits 3 with one clear line on a wrong password', async () => {
    fake = await startFakeWazo({ users: [alice()] });
    const run = watch(fake.url, wrongFile);
    expect(await run.exit).toBe(3);
    expect(stderrLines(run)).toEqual([
      `wazo-notifier: error: cannot log in to ${fake.url}: login: wrong username or password`,
    ]);
    expect(run.lines).toEqual([]);
  });

  it('exits 3 with one clear line when the server cannot be reached', async () => {
    const port = await freePort();
    const run = watch(`http://127.0.0.1:${port}`);
    expect(await run.exit).toBe(3);
    const lines = stderrLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^wazo-notifier: error: cannot log in to .*: login: cannot reach 127\.0\.0\.1:\d+ \(.*ECONNREFUSED/,
    );
  });

  it('exits 3 with one clear line when the server answers garbage', async () => {
    fake = await startFakeWazo({ users: [alice()] });
    fake.fault({ match: 'POST /api/auth', status: 200, body: '<html>Welcome to nginx!</html>', times: 5 });
    const run = watch(fake.url);
    expect(await run.exit).toBe(3);
    const lines = stderrLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cannot log in to .*: login: the server answered 200 with something that is not JSON/);
  });

  it('exits 3 when the server keeps failing (5xx) after its retries', async () => {
    fake = await startFakeWazo({ users: [alice()] });
    fake.fault({ match: 'POST /api/auth', status: 503, body: 'down', times: 10 });
    const run = watch(fake.url);
    expect(await run.exit).toBe(3);
    expect(stderrLines(run)).toHaveLength(1);
    expect(fake.requests).toHaveLength(3);
  });

  it.each([
    ['--user with --server', ['--user', uuid]],
    ['a bad fingerprint', ['--tls-fingerprint', 'abc']],
  ])('exits 2 on %s', async (_, extra) => {
    fake = await startFakeWazo({ users: [alice()] });
    const run = watch(fake.url, passwordFile, extra);
    expect(await run.exit).toBe(2);
    expect(fake.requests).toHaveLength(0);
  });

  it('exits 2 when the password file cannot be read', async () => {
    fake = await startFakeWazo({ users: [alice()] });
    const run = watch(fake.url, join(dir, 'missing'));
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toMatch(/cannot read the password file/);
  });
});
