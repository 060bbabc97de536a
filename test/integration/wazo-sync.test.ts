/**
 * A logged-in user end to end on the real RabbitMQ: the state read over REST
 * from the fake Wazo, commands that are optimistic, confirmed by the echo the
 * fake publishes on the bus like confd/calld do, rolled back when refused, and
 * a new read after a reconnect.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { queueName } from '../../electron/core/bus/topology.js';
import { parseConfig } from '../../electron/core/config.js';
import type { RawEnvelope } from '../../electron/core/events/decode.js';
import { NotifierService } from '../../electron/core/service/notifier-service.js';
import { SimCall } from '../../electron/sim/call-events.js';
import { publication, SIM_TENANT } from '../../electron/sim/envelope.js';
import { login } from '../../electron/core/wazo/login.js';
import {
  BROKER_URL,
  TestPublisher,
  closeConnections,
  deleteQueue,
  queueDepth,
  uniqueExchange,
  waitFor,
} from '../support/broker.js';
import { sampleUser, startFakeWazo, type FakeUser, type FakeWazo } from '../support/fake-wazo.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setUp(mode: 'topic' | 'headers' = 'topic', overrides: Partial<FakeUser> = {}) {
  const uuid = randomUUID();
  const exchange = uniqueExchange('account');
  const publisher = await TestPublisher.open(exchange, mode);
  cleanup.push(() => publisher.close());
  const fake: FakeWazo = await startFakeWazo({
    users: [{ ...sampleUser(uuid), ...overrides }],
    echo: (p) => publisher.publish(p),
  });
  cleanup.push(() => fake.close());
  const link = await login({ server: fake.url, username: 'alice', password: 'pa55-word' });
  const installId = `acct${randomBytes(4).toString('hex')}`;
  // The direct bus beside the login (as with --url): websocketd has its own tests.
  const parsed = parseConfig({
    transport: 'amqp',
    url: BROKER_URL,
    mode,
    exchange,
    userUuid: uuid,
    installId,
    maxReconnectDelayMs: 300,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const connectionName = `wazo-notifier-test-${installId}`;
  const service = new NotifierService(parsed.config, { connectionName });
  const events: RawEnvelope[] = [];
  service.on('event', (e) => events.push(e));
  await service.useLink(link, false);
  cleanup.push(async () => {
    await service.close();
    await deleteQueue(queueName(uuid, installId));
  });
  await service.start();
  await waitFor(() => service.snapshot.sync.status === 'synced', 15_000, 'first REST read');
  return { uuid, fake, service, events, connectionName, publisher, config: parsed.config, installId };
}

/** Another start of the app on the same install (the same queue), signed in again; not waited for. */
async function openService(s: Awaited<ReturnType<typeof setUp>>, installId: string): Promise<NotifierService> {
  const service = new NotifierService(s.config, { connectionName: `wazo-notifier-test-${installId}-again` });
  await service.useLink(await login({ server: s.fake.url, username: 'alice', password: 'pa55-word' }), false);
  cleanup.push(() => service.close());
  await service.start();
  return service;
}

const reads = (fake: FakeWazo, what: string) =>
  fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith(what)).length;

describe('a logged-in user', () => {
  it('starts from the state read over REST, scoped by the token’s uuid and ACLs', async () => {
    const { service, uuid } = await setUp();
    const s = service.snapshot;
    expect(s.user_uuid).toBe(uuid);
    expect(s.account).toMatchObject({ username: 'alice', tenant_uuid: SIM_TENANT });
    expect(s.services).toEqual({ dnd: { enabled: true }, incallfilter: { enabled: false } });
    expect(s.forwards.unconditional).toEqual({ enabled: true, destination: '1002' });
    expect(s.voicemail.unread).toBe(1);
    expect(s.voicemail.messages.map((m) => m.id)).toEqual(['m-new', 'm-old']);
    expect(s.calls).toMatchObject([{ call_id: 'live-1', on_hold: true, peer_caller_id_name: 'Dave' }]);
    expect(s.favorites).toEqual([
      { source: 'internal', source_entry_id: '42', name: 'Willy Wonka', numbers: ['1604'] },
    ]);
    expect(s.sync.status).toBe('synced');
  });

  it('takes a user without a voicemail box (404) as an empty inbox, in headers mode too', async () => {
    const { service, fake } = await setUp('headers', { voicemail: null });
    expect(service.snapshot.voicemail).toEqual({ unread: 0, messages: [] });
    expect(service.snapshot.sync).toEqual({ status: 'synced', at: expect.any(String) });
    expect(fake.requests.some((r) => r.path === '/api/calld/1.0/users/me/voicemails')).toBe(true);
  });

  it('never takes another user’s change', async () => {
    const { service, publisher, uuid } = await setUp();
    const other = randomUUID();
    await publisher.publish(
      publication('users_services_dnd_updated', { user_uuid: other, enabled: false }, { userUuid: other }),
      publication('favorite_added', { user_uuid: uuid, source: 'internal', source_entry_id: 9 }, { userUuid: uuid }),
    );
    await waitFor(() => service.snapshot.favorites.some((f) => f.source_entry_id === '9'), 10_000, 'own event');
    expect(service.snapshot.services.dnd).toEqual({ enabled: true });
  });

  it('turns DND off at once, and the echo arrives over the bus', async () => {
    const { service, events } = await setUp();
    const pending = service.setService({ service: 'dnd', enabled: false });
    expect(service.snapshot.services.dnd).toEqual({ enabled: false }); // optimistic, before the server answers
    expect(await pending).toEqual({ ok: true });
    const echo = await waitFor(() => events.find((e) => e.name === 'users_services_dnd_updated'), 10_000, 'echo');
    expect((echo.data as { enabled: boolean }).enabled).toBe(false);
    expect(service.snapshot.services.dnd).toEqual({ enabled: false });
  });

  it('rolls a refused toggle back, with the server’s reason', async () => {
    const { service, fake } = await setUp();
    fake.fault({ match: 'PUT /api/confd', status: 403, body: ['Forbidden: insufficient ACL'] });
    const pending = service.setService({ service: 'incallfilter', enabled: true });
    expect(service.snapshot.services.incallfilter).toEqual({ enabled: true });
    const result = await pending;
    expect(result).toEqual({
      ok: false,
      reason: 'forbidden',
      error: 'turn the incoming call filter on: the server answered 403 (Forbidden: insufficient ACL)',
    });
    expect(service.snapshot.services.incallfilter).toEqual({ enabled: false });
  });

  it('sets and clears a forward, refusing one without a destination', async () => {
    const { service, events } = await setUp();
    expect(await service.setForward({ forward: 'busy', enabled: true, destination: '1005' })).toEqual({ ok: true });
    await waitFor(() => events.find((e) => e.name === 'users_forwards_busy_updated'), 10_000, 'echo');
    expect(service.snapshot.forwards.busy).toEqual({ enabled: true, destination: '1005' });
    expect(await service.setForward({ forward: 'unconditional', enabled: false, destination: null })).toEqual({
      ok: true,
    });
    expect(service.snapshot.forwards.unconditional).toEqual({ enabled: false, destination: null });
  });

  it('marks a voicemail read and deletes one, each confirmed by the bus', async () => {
    const { service, events, fake } = await setUp();
    expect(await service.markVoicemailRead({ id: 'm-new' })).toEqual({ ok: true });
    expect(service.snapshot.voicemail.unread).toBe(0);
    // Read = moved to calld's `old` folder, id 2 (as calld numbers it, written here apart from the code's constant).
    const moved = fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/voicemails/messages/m-new'));
    expect(moved.map((r) => JSON.parse(r.body) as unknown)).toEqual([{ folder_id: 2 }]);
    expect(service.snapshot.voicemail.messages.find((m) => m.id === 'm-new')?.folder).toEqual({
      id: 2,
      name: 'old',
      type: 'old',
    });
    await waitFor(() => events.find((e) => e.name === 'user_voicemail_message_updated'), 10_000, 'echo');
    expect(await service.deleteVoicemail({ id: 'm-old' })).toEqual({ ok: true });
    await waitFor(() => events.find((e) => e.name === 'user_voicemail_message_deleted'), 10_000, 'echo');
    expect(service.snapshot.voicemail.messages.map((m) => m.id)).toEqual(['m-new']);
  });

  it('brings back a voicemail whose deletion the server refused', async () => {
    const { service, fake } = await setUp();
    fake.fault({
      match: 'DELETE /api/calld',
      status: 400,
      body: { message: 'Invalid data', error_id: 'invalid-data' },
    });
    const result = await service.deleteVoicemail({ id: 'm-old' });
    expect(result).toMatchObject({
      ok: false,
      reason: 'refused',
      error: expect.stringMatching(/delete the voicemail: .*400 \(Invalid data\)/),
    });
    expect(service.snapshot.voicemail.messages.map((m) => m.id)).toEqual(['m-new', 'm-old']);
  });

  it('reads the state again after the bus reconnects, catching what changed meanwhile', async () => {
    const { service, fake, connectionName } = await setUp();
    const before = reads(fake, '/services');
    // Changed on the server while the notifier cannot hear the bus: no echo.
    fake.users[0]!.services.dnd = { enabled: false };
    fake.users[0]!.voicemail!.push({
      id: 'm-3',
      caller_id_name: 'Eve',
      caller_id_num: '1006',
      duration: 1,
      timestamp: 1_700_000_300,
      folder: 'new',
    });
    await waitFor(async () => (await closeConnections(connectionName)) > 0, 10_000, 'connection killed');
    await waitFor(
      () => reads(fake, '/services') > before && service.snapshot.sync.status === 'synced',
      20_000,
      'second read',
    );
    expect(service.snapshot.services.dnd).toEqual({ enabled: false });
    expect(service.snapshot.voicemail.messages[0]!.id).toBe('m-3');
  });

  it('never brings back a call from the queue’s backlog that ended while its end could not be published', async () => {
    const first = await setUp();
    const { uuid, fake, publisher, installId } = first;
    await first.service.close();
    // Away (the app closed, the laptop asleep): the queue keeps what is published. A call rings and
    // ends on the server, whose call_ended never made it to the bus (RabbitMQ down at that moment).
    const ghost = new SimCall({ userUuid: uuid }, { peer: { name: 'Gone Caller', number: '1009' } });
    // Enough of the user's events to take a while to deliver, the last turning DND on, then the call:
    // the server turned DND off afterwards, and that event was lost too.
    const backlog = Array.from({ length: 300 }, (_, i) =>
      publication('users_services_dnd_updated', { user_uuid: uuid, enabled: i % 2 === 1 }, { userUuid: uuid }),
    );
    backlog.push(ghost.created(), ghost.ringing());
    for (const p of backlog) await publisher.publish(p);
    // All in the queue before the app is back (the publisher does not wait for the broker's confirms).
    await waitFor(async () => (await queueDepth(queueName(uuid, installId))) === backlog.length, 10_000, 'queued');
    fake.users[0]!.services.dnd = { enabled: false };
    // Back: the REST read (slow, as a real server can be) must not be overwritten by the older backlog.
    fake.fault({ match: 'GET /api/calld/1.0/users/me/calls', delayMs: 300 });
    const again = await openService(first, installId);
    await waitFor(
      () => again.notifier.stats.accepted >= backlog.length && again.snapshot.sync.status === 'synced',
      15_000,
      'backlog and read',
    );
    expect(again.snapshot.calls.map((c) => c.call_id)).toEqual(fake.users[0]!.calls.map((c) => c['call_id']));
    expect(again.snapshot.calls.map((c) => c.call_id)).not.toContain(ghost.callId);
    expect(again.snapshot.services.dnd).toEqual({ enabled: false });
  });

  it('renews a token that expires while in use and goes on', async () => {
    const { service, fake } = await setUp();
    fake.expireTokens('alice');
    expect(await service.setService({ service: 'dnd', enabled: false })).toEqual({ ok: true });
    const logins = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/auth/0.1/token');
    expect(JSON.parse(logins.at(-1)!.body)).toHaveProperty('refresh_token');
  });

  it('offers the login again when the server ends the session for good, and keeps following the bus', async () => {
    const { service, fake, publisher, uuid } = await setUp();
    const ended: string[] = [];
    service.on('expired', (e) => ended.push(e.reason));
    fake.revokeSessions('alice');
    const result = await service.setService({ service: 'dnd', enabled: false });
    expect(result.ok).toBe(false);
    expect(service.snapshot.services.dnd).toEqual({ enabled: true }); // rolled back
    await waitFor(() => service.snapshot.account === null, 10_000, 'account dropped');
    expect(service.snapshot.sync).toMatchObject({
      status: 'failed',
      reason: 'session',
      error: expect.stringMatching(/log in again$/),
    });
    expect(ended).toHaveLength(1);
    expect(await service.setService({ service: 'dnd', enabled: false })).toEqual({
      ok: false,
      reason: 'signed-out',
      error: 'log in to a Wazo server to change this',
    });
    await publisher.publish(
      publication('users_services_dnd_updated', { user_uuid: uuid, enabled: false }, { userUuid: uuid }),
    );
    await waitFor(() => service.snapshot.services.dnd?.enabled === false, 10_000, 'bus still followed');
  });

  it('keeps going when the server fails to answer a read, saying which part is missing', async () => {
    const { service, fake, connectionName } = await setUp();
    fake.fault({ match: 'GET /api/dird', status: 404, body: { reason: ['No such profile'], status_code: 404 } });
    await waitFor(async () => (await closeConnections(connectionName)) > 0, 10_000, 'connection killed');
    await waitFor(() => service.snapshot.sync.error, 20_000, 'partial read');
    expect(service.snapshot.sync).toMatchObject({
      status: 'synced',
      error: 'read favorites: the server answered 404 (No such profile)',
      reason: 'not-found',
    });
    expect(service.snapshot.services.dnd).toEqual({ enabled: true });
  });
});
