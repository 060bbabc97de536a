/**
 * A user at their desk: logged in to the fake Wazo, the events come over its
 * websocketd stand-in, which consumes from the real RabbitMQ the way
 * wazo-websocketd does. Token renewal in place, a revoked token, the server's
 * close codes, a restart, a stalled path and bad frames, each ending with the
 * state right (the REST read after every reconnection) and the app going on.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../electron/core/config.js';
import type { RawEnvelope } from '../../electron/core/events/decode.js';
import type { Logger } from '../../electron/core/logger.js';
import type { NotifierDeps } from '../../electron/core/notifier.js';
import { NotifierService } from '../../electron/core/service/notifier-service.js';
import { publication } from '../../electron/sim/envelope.js';
import { login } from '../../electron/core/wazo/login.js';
import { EVENT_NAMES } from '../../electron/core/events/catalog.js';
import { NO_USER } from '../../electron/shared/settings.js';
import { TestPublisher, deleteExchange, uniqueExchange, waitFor } from '../support/broker.js';
import { sampleUser, startFakeWazo, type FakeUser, type FakeWazo } from '../support/fake-wazo.js';
import { selfSignedCert } from '../support/tls.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

interface Setup {
  uuid: string;
  fake: FakeWazo;
  service: NotifierService;
  events: RawEnvelope[];
  publisher: TestPublisher;
  logs: string[];
  reads: () => number;
}

async function setUp(
  timings: NonNullable<NotifierDeps['websocketdTimings']> = {},
  tls = false,
  user: Partial<FakeUser> = {},
  synced = true,
) {
  const uuid = randomUUID();
  const exchange = uniqueExchange('wsd');
  const publisher = await TestPublisher.open(exchange, 'headers');
  cleanup.push(async () => {
    await publisher.close();
    await deleteExchange(exchange);
  });
  const cert = tls ? selfSignedCert() : undefined;
  const fake = await startFakeWazo({
    users: [{ ...sampleUser(uuid), ...user }],
    echo: (p) => publisher.publish(p),
    websocketd: { exchange, authCheckMs: 200 },
    ...(cert ? { tls: cert } : {}),
  });
  cleanup.push(() => fake.close());
  const link = await login({
    server: fake.url,
    username: 'alice',
    password: 'pa55-word',
    ...(cert ? { tlsFingerprint: cert.fingerprint256 } : {}),
  });
  // As the desktop app at its first start: nobody followed until the sign-in names the user.
  const parsed = parseConfig({ userUuid: NO_USER, installId: `wsd${randomBytes(4).toString('hex')}` });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const logs: string[] = [];
  const log: Logger = { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };
  const service = new NotifierService(parsed.config, {
    log,
    websocketdTimings: { maxReconnectDelayMs: 300, ...timings },
  });
  const events: RawEnvelope[] = [];
  service.on('event', (e) => events.push(e));
  await service.useLink(link, false);
  cleanup.push(() => service.close());
  await service.start();
  if (synced) await waitFor(() => service.snapshot.sync.status === 'synced', 15_000, 'first REST read');
  const reads = () => fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/services')).length;
  return { uuid, fake, service, events, publisher, logs, reads } satisfies Setup;
}

const dnd = (uuid: string, enabled: boolean, tenantUuid?: string) =>
  publication(
    'users_services_dnd_updated',
    { user_uuid: uuid, enabled },
    { userUuid: uuid, ...(tenantUuid ? { tenantUuid } : {}) },
  );

/** Publishes a DND change and waits until the snapshot shows it: proof that events flow. */
async function flows(s: Setup, enabled: boolean): Promise<void> {
  await s.publisher.publish(dnd(s.uuid, enabled));
  await waitFor(() => s.service.snapshot.services.dnd?.enabled === enabled, 10_000, `DND ${enabled} over websocketd`);
}

const connected = (s: Setup) => s.service.snapshot.connection.status === 'connected';

describe('events over websocketd', () => {
  it('signs in, subscribes to every event in scope, starts, and receives only the user’s events', async () => {
    const s = await setUp();
    expect(s.service.snapshot.connection).toEqual({
      status: 'connected',
      source: { transport: 'websocketd', server: s.fake.url },
    });
    const [session] = await s.fake.websocketd!.waitForSessions(1);
    expect(session!.subscriptions).toEqual(EVENT_NAMES);
    const ops = s.fake.websocketd!.frames.map((f) => (f.json as { op: string }).op);
    expect(ops).toEqual([...EVENT_NAMES.map(() => 'subscribe'), 'start']);

    await s.publisher.publish(dnd(randomUUID(), false)); // another user's
    await flows(s, false);
    expect(s.events.map((e) => e.name)).toEqual(['users_services_dnd_updated']);
  });

  it('trusts the self-signed certificate pinned at login for the WebSocket too (wss)', async () => {
    const s = await setUp({}, true);
    expect(s.fake.url).toMatch(/^https:/);
    expect(s.service.snapshot.connection.source).toEqual({ transport: 'websocketd', server: s.fake.url });
    await flows(s, false);
  });

  it('sends each renewal of the token in place, and keeps receiving', async () => {
    const s = await setUp();
    const session = s.fake.websocketd!.sessions[0]!;
    const before = session.token;
    const renewed = await s.service.wazo!.auth.renew();
    await waitFor(() => s.fake.websocketd!.sessions[0]?.token === renewed.token, 5_000, 'token op');
    expect(renewed.token).not.toBe(before);
    const tokenFrames = s.fake.websocketd!.frames.filter((f) => (f.json as { op: string }).op === 'token');
    expect(tokenFrames.map((f) => f.json)).toEqual([{ op: 'token', data: { token: renewed.token } }]);
    // In place: the same session, never closed and reopened.
    expect(s.fake.websocketd!.connections).toBe(1);
    expect(s.fake.websocketd!.sessions[0]!.id).toBe(session.id);
    await flows(s, false);
  });

  it('renews a revoked token after the server closes 4003, and comes back with the state read again', async () => {
    const s = await setUp();
    const reads = s.reads();
    const revoked = s.service.wazo!.auth.token;
    s.fake.expireTokens('alice'); // the token is gone; the refresh token still works
    await waitFor(() => s.service.snapshot.connection.status === 'reconnecting', 5_000, '4003');
    expect(s.service.snapshot.connection.error).toMatch(/token expired or was revoked \(4003/);
    // Neither the old token nor the new one is in what the window and the CLI see.
    expect(JSON.stringify(s.service.snapshot)).not.toContain(revoked);
    await waitFor(() => connected(s) && s.reads() > reads, 10_000, 'back, read again');
    expect(s.service.wazo).toBeDefined();
    expect(JSON.stringify(s.service.snapshot)).not.toContain(s.service.wazo!.auth.token);
    await flows(s, false);
  });

  it('asks wazo-auth after a 4002: a refused token is renewed, a valid one just reconnects', async () => {
    const s = await setUp();
    const first = s.service.wazo!.auth.token;
    await s.fake.websocketd!.closeAll(4002, 'authentication failed'); // wazo-auth unreachable from websocketd
    await waitFor(() => connected(s) && s.fake.websocketd!.sessions.length === 1, 10_000, 'back after 4002');
    expect(s.service.wazo!.auth.token).toBe(first);
    s.fake.expireTokens('alice');
    await s.fake.websocketd!.closeAll(4002, 'authentication failed');
    await waitFor(() => connected(s) && s.service.wazo!.auth.token !== first, 10_000, 'renewed after 4002');
    await flows(s, false);
  });

  it('reconnects after 1011 and after a restart, and an event sent during the gap shows through the REST read', async () => {
    const s = await setUp();
    await s.fake.websocketd!.closeAll(1011, 'bus connection lost');
    await waitFor(() => s.service.snapshot.connection.status === 'reconnecting', 5_000, 'reconnecting');
    expect(s.service.snapshot.connection).toMatchObject({
      error: 'the server had a problem (1011 bus connection lost)',
      reason: 'server-down',
    });
    await waitFor(() => connected(s), 10_000, 'back after 1011');

    await s.fake.websocketd!.stop();
    await waitFor(() => s.service.snapshot.connection.error?.includes('502'), 10_000, '502 while down');
    expect(s.service.snapshot.connection.error).toMatch(/HTTP 502 .*down or restarting/);
    expect(s.service.snapshot.connection.reason).toBe('server-down');
    // DND turned off while nobody listened: the event is lost, the server's state is not.
    s.fake.users[0]!.services.dnd.enabled = false;
    await s.publisher.publish(dnd(s.uuid, false));
    s.fake.websocketd!.start();
    await waitFor(() => s.service.snapshot.services.dnd?.enabled === false, 15_000, 'DND off through the resync');
    expect(s.service.snapshot.sync.status).toBe('synced');
  });

  it('keeps growing the backoff while the server closes right after start, instead of hammering it', async () => {
    const s = await setUp();
    const attempts: number[] = [];
    s.service.on('status', (st) => {
      if (st.status === 'reconnecting') attempts.push(st.attempt!);
    });
    for (let i = 0; i < 3; i++) {
      await waitFor(() => connected(s), 10_000, 'connected');
      await s.fake.websocketd!.closeAll(1011);
      await waitFor(() => attempts.length === i + 1, 10_000, 'reconnecting');
    }
    expect(attempts).toEqual([1, 2, 3]);
    await waitFor(() => connected(s), 10_000, 'connected');
    await flows(s, false);
  });

  it('notices a stalled path by its ping and reconnects', async () => {
    const s = await setUp({ pingIntervalMs: 200, pongTimeoutMs: 300, handshakeTimeoutMs: 1000 });
    s.fake.websocketd!.silence(true);
    await waitFor(() => s.service.snapshot.connection.error?.includes('ping'), 10_000, 'ping timeout');
    expect(s.service.snapshot.connection).toMatchObject({
      error: 'no answer to a ping within 300 ms',
      reason: 'timeout',
    });
    s.fake.websocketd!.silence(false);
    await waitFor(() => connected(s), 10_000, 'back');
    await flows(s, false);
  });

  it('ends the session when the token can be renewed no more, and goes back to the sign-in', async () => {
    const s = await setUp();
    const expired = new Promise<string>((resolve) => s.service.on('expired', ({ reason }) => resolve(reason)));
    s.fake.revokeSessions('alice');
    expect(await expired).toMatch(/renew token/);
    await waitFor(() => s.service.snapshot.connection.status === 'idle', 10_000, 'idle');
    expect(s.service.snapshot.account).toBeNull();
    expect(s.service.snapshot.sync).toMatchObject({ status: 'failed', error: expect.stringMatching(/log in again/) });
  });
});

describe('bad input from the server', () => {
  it('ignores frames that are not events, each with one reason, and applies the next good event', async () => {
    const s = await setUp();
    const wsd = s.fake.websocketd!;
    const reads = s.reads();
    const bad: [string | Buffer, RegExp][] = [
      ['not json at all', /not JSON/],
      ['[1,2,3]', /not a JSON object/],
      ['{"code":0}', /no "op"/],
      ['{"op":"surprise","code":0,"data":null}', /unknown op "surprise"/],
      ['{"op":"event","code":0,"data":[1]}', /data is not an event envelope/],
      [Buffer.from([1, 2, 3]), /binary frame/],
    ];
    for (const [frame, reason] of bad) {
      expect(wsd.send(frame)).toBe(1);
      await waitFor(() => s.service.snapshot.connection.warning?.match(reason), 5_000, String(reason));
    }
    const half = { op: 'event', code: 0, data: { name: 'users_services_dnd_updated', data: { user_uuid: s.uuid } } };
    wsd.send(JSON.stringify(half)); // no `enabled`: rejected whole, never half-applied
    await flows(s, false);
    expect(s.service.snapshot.services.dnd).toEqual({ enabled: false });
    expect(s.service.notifier.stats.rejected.invalid).toBe(1);
    expect(wsd.connections).toBe(1);
    expect(s.logs.filter((l) => l.startsWith('websocketd: ignored'))).toHaveLength(bad.length);
    // A warning while connected is not a reconnection: the state is not read again.
    expect(s.reads()).toBe(reads);
  });

  it('drops a 2 MiB frame by reconnecting, and says why', async () => {
    const s = await setUp();
    s.fake.websocketd!.send(JSON.stringify({ op: 'event', code: 0, data: { name: 'x', pad: 'y'.repeat(2 << 20) } }));
    await waitFor(() => s.service.snapshot.connection.error?.includes('1009'), 10_000, '1009');
    expect(s.service.snapshot.connection.error).toMatch(/frame too large to be an event/);
    expect(s.service.snapshot.connection.reason).toBe('protocol');
    await waitFor(() => connected(s), 10_000, 'back');
    await flows(s, false);
  });

  it('says what an HTTP answer instead of the WebSocket means, and a server that never says init', async () => {
    const s = await setUp({ handshakeTimeoutMs: 500 });
    const wsd = s.fake.websocketd!;
    wsd.handshakeFault({ status: 404, times: 3 });
    wsd.noInit(1);
    await wsd.closeAll(1011);
    await waitFor(() => s.service.snapshot.connection.error?.includes('404'), 10_000, '404');
    expect(s.service.snapshot.connection).toMatchObject({
      error: 'the server answered HTTP 404 at /api/websocketd/: is wazo-websocketd installed on this server?',
      reason: 'no-websocketd',
    });
    await waitFor(() => s.service.snapshot.connection.error === 'the server never said init', 15_000, 'no init');
    expect(s.service.snapshot.connection.reason).toBe('timeout');
    await waitFor(() => connected(s), 10_000, 'back');
    await flows(s, false);
  });

  it('says so when the account may not use websocketd, and retries only slowly', async () => {
    const acl = ['events.calls.me', 'events.config.users.me.#', 'events.users.me.#']; // no "websocketd"
    const s = await setUp({ maxReconnectDelayMs: 5_000 }, false, { acl }, false);
    await waitFor(() => s.service.snapshot.connection.error?.includes('permission'), 10_000, 'refusal in words');
    expect(s.service.snapshot.connection).toMatchObject({
      status: 'reconnecting',
      error:
        'the server refused the WebSocket to this account: its token lacks the "websocketd" permission (ask the administrator)',
      reason: 'forbidden',
    });
    expect(s.service.snapshot.connection.delay_ms).toBeGreaterThanOrEqual(4_000);
  });

  it('logs a 4004 as a bug of ours and reconnects', async () => {
    const s = await setUp();
    await s.fake.websocketd!.closeAll(4004);
    await waitFor(() => connected(s) && s.logs.some((l) => /bug of Wazo Notifier/.test(l)), 10_000, '4004');
    await flows(s, false);
  });
});
