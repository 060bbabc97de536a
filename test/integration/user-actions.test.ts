/**
 * The signed-in user's REST reads and actions beyond calls (issue 12): who
 * they are (confd), their missed calls from history (call-logd), their
 * favorites and the directory (dird), against the fake Wazo's documented
 * answers and errors. No bus is needed: the notifier is never started, and
 * the account's read is run by hand as a (re)connection would run it.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../electron/core/config.js';
import { dispatchCommand } from '../../electron/core/service/commands.js';
import { NotifierService } from '../../electron/core/service/notifier-service.js';
import { WazoSync } from '../../electron/core/service/wazo-sync.js';
import { login, type WazoLink } from '../../electron/core/wazo/login.js';
import { publication } from '../../electron/sim/envelope.js';
import { sampleUser, startFakeWazo, type FakeUser, type FakeWazo } from '../support/fake-wazo.js';
import { waitFor } from '../support/broker.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

interface SignedIn {
  fake: FakeWazo;
  svc: NotifierService;
  link: WazoLink;
  /** Reads the state from the server as after a (re)connection, into the service's store. */
  resync: () => Promise<void>;
}

async function signedIn(overrides: Partial<FakeUser> = {}, users: FakeUser[] = []): Promise<SignedIn> {
  const uuid = randomUUID();
  const fake = await startFakeWazo({ users: [{ ...sampleUser(uuid), ...overrides }, ...users] });
  cleanup.push(() => fake.close());
  const parsed = parseConfig({
    transport: 'amqp',
    url: 'amqp://guest:guest@127.0.0.1:5672/',
    mode: 'topic',
    userUuid: uuid,
    installId: 'actions',
  });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const svc = new NotifierService(parsed.config);
  cleanup.push(() => svc.close());
  const link = await login({ server: fake.url, username: 'alice', password: 'pa55-word' });
  await svc.useLink(link, false);
  const account = new WazoSync(svc.notifier, link.api, { retryMs: 60_000 });
  cleanup.push(async () => account.stop());
  return { fake, svc, link, resync: () => account.resync() };
}

/** Hands the notifier dird's `favorite_added`, as the bus delivers it: a source and an id, nothing more. */
function favoriteAdded(svc: NotifierService, me: string, source: string, id: string): void {
  const p = publication(
    'favorite_added',
    { xivo_uuid: 'x', user_uuid: me, source, source_entry_id: id },
    { userUuid: me },
  );
  svc.notifier.handle({ content: Buffer.from(JSON.stringify(p.body)), routingKey: p.routingKey, headers: p.headers });
}

const sent = (fake: FakeWazo, method: string, path: string) =>
  fake.requests.filter((r) => r.method === method && r.path === path);

describe('who I am', () => {
  it('reads the name and main extension from confd’s user, by the token’s uuid (confd has no /users/me)', async () => {
    const { fake, svc, link, resync } = await signedIn();
    expect(svc.snapshot.me).toBeNull();
    await resync();
    expect(svc.snapshot.me).toEqual({ name: 'Alice Martin', extension: '1001' });
    expect(sent(fake, 'GET', `/api/confd/1.1/users/${link.api.userUuid}`)).toHaveLength(1);
    expect(svc.snapshot.sync).toMatchObject({ status: 'synced' });
    expect(svc.snapshot.sync.error).toBeUndefined();
  });

  it('takes a user without a line or a last name as what is known', async () => {
    const { svc, resync } = await signedIn({ lastname: null, extension: null });
    await resync();
    expect(svc.snapshot.me).toEqual({ name: 'Alice', extension: null });
  });

  it('keeps the rest of the state when confd refuses, saying which part is missing', async () => {
    const { fake, svc, link, resync } = await signedIn();
    // A prefix: the user's forwards and services are refused too.
    const match = `GET /api/confd/1.1/users/${link.api.userUuid}`;
    fake.fault({ match, status: 404, body: ['User was not found'], times: 3 });
    await resync();
    expect(svc.snapshot.me).toBeNull();
    expect(svc.snapshot.sync).toMatchObject({ status: 'synced', error: expect.stringContaining('read who you are') });
    expect(svc.snapshot.voicemail.unread).toBe(1);
  });

  it('is refused another user’s record, as confd refuses it', async () => {
    const other = { ...sampleUser(randomUUID()), username: 'bob' };
    const { fake, link } = await signedIn({}, [other]);
    const token = link.auth.token;
    const res = await fetch(`${fake.url}/api/confd/1.1/users/${other.uuid}`, { headers: { 'X-Auth-Token': token } });
    expect(res.status).toBe(401);
    const me = await fetch(`${fake.url}/api/confd/1.1/users/me`, { headers: { 'X-Auth-Token': token } });
    expect(me.status).toBe(404);
  });
});

describe('missed calls from the history', () => {
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace('Z', '+00:00');
  const cdrs = (me: string): FakeUser['cdrs'] => [
    // Missed, to me: listed.
    {
      id: 1,
      start: hoursAgo(3),
      end: hoursAgo(2.99),
      answered: false,
      source_name: 'Erin',
      source_extension: '1005',
      destination_user_uuid: me,
    },
    // Reached my voicemail: a miss too.
    {
      id: 2,
      start: hoursAgo(2),
      end: hoursAgo(1.98),
      answered: false,
      call_status: 'voicemail',
      source_name: 'Frank',
      source_extension: '1006',
      destination_user_uuid: me,
    },
    // Answered, mine to another, blocked, too old: not listed.
    {
      id: 3,
      start: hoursAgo(1),
      end: hoursAgo(0.9),
      answered: true,
      source_name: 'Gina',
      source_extension: '1007',
      destination_user_uuid: me,
    },
    {
      id: 4,
      start: hoursAgo(1),
      end: hoursAgo(0.99),
      answered: false,
      source_name: 'Alice',
      source_extension: '1001',
      destination_user_uuid: randomUUID(),
    },
    {
      id: 5,
      start: hoursAgo(1),
      end: hoursAgo(0.99),
      answered: false,
      call_status: 'blocked',
      source_name: 'Spam',
      source_extension: '666',
      destination_user_uuid: me,
    },
    {
      id: 6,
      start: hoursAgo(24 * 30),
      end: hoursAgo(24 * 30),
      answered: false,
      source_name: 'Old',
      source_extension: '1009',
      destination_user_uuid: me,
    },
  ];

  it('reads the recent unanswered calls to the user, newest first, once however often it is read', async () => {
    const uuid = randomUUID();
    const { fake, svc, resync } = await signedIn({ uuid, cdrs: cdrs(uuid) });
    await resync();
    expect(svc.snapshot.missed_history).toBe('read');
    expect(svc.snapshot.missed_calls.map((m) => [m.caller_id_name, m.caller_id_number, m.source, m.cdr_id])).toEqual([
      ['Frank', '1006', 'history', 2],
      ['Erin', '1005', 'history', 1],
    ]);
    expect(sent(fake, 'GET', '/api/call-logd/1.0/users/me/cdr')).toHaveLength(1);
    await resync();
    expect(svc.snapshot.missed_calls).toHaveLength(2);
  });

  it('keeps the seen ones out of the badge, and the cleared ones out of the list after another read', async () => {
    const uuid = randomUUID();
    const { svc, resync } = await signedIn({ uuid, cdrs: cdrs(uuid) });
    const marks: unknown[] = [];
    svc.on('missedMarks', (m) => marks.push(m));
    await resync();
    svc.markMissedSeen();
    expect(svc.snapshot.missed_marks.seen_until).toBe(svc.snapshot.missed_calls[0]!.at);
    svc.clearMissedCalls();
    expect(svc.snapshot.missed_calls).toEqual([]);
    await resync();
    expect(svc.snapshot.missed_calls).toEqual([]);
    // Kept per user, for the desktop's profile.
    expect(marks.at(-1)).toEqual({ [uuid]: svc.snapshot.missed_marks });
  });

  it('without call-logd access, keeps the bus’s list and says so once, without failing the read', async () => {
    const uuid = randomUUID();
    const lines: string[] = [];
    const log = { info: () => {}, warn: (l: string) => lines.push(l), error: () => {} };
    const { svc, link, fake } = await signedIn({ uuid, cdrs: cdrs(uuid), callLogd: false });
    const account = new WazoSync(svc.notifier, link.api, { log, retryMs: 60_000 });
    cleanup.push(async () => account.stop());
    await account.resync();
    await account.resync();
    expect(svc.snapshot.missed_history).toBe('forbidden');
    expect(svc.snapshot.missed_calls).toEqual([]);
    expect(svc.snapshot.sync.error).toBeUndefined();
    expect(lines.filter((l) => l.includes('call history'))).toHaveLength(1);
    // A refused ACL is not an expired token: no renewal was asked for it.
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/auth/0.1/token')).toHaveLength(1);
  });

  it('answers call-logd’s documented errors as call-logd does', async () => {
    const { fake, link } = await signedIn();
    const get = (q: string, token = link.auth.token) =>
      fetch(`${fake.url}/api/call-logd/1.0/users/me/cdr?${q}`, { headers: { 'X-Auth-Token': token } });
    const bad = await get('call_status=missed');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error_id: 'invalid-data', details: { call_status: {} } });
    expect((await get('', 'nope')).status).toBe(401);
    expect(await (await get('limit=1')).json()).toMatchObject({ total: 0, filtered: 0, items: [] });
  });
});

describe('favorites', () => {
  it('reads names and numbers by column type, adds and removes one with dird’s documented answers', async () => {
    const { fake, svc, resync } = await signedIn();
    await resync();
    expect(svc.snapshot.favorites).toEqual([
      { source: 'internal', source_entry_id: '42', name: 'Willy Wonka', numbers: ['1604'] },
    ]);
    const bob = { source: 'internal', sourceEntryId: '43', name: 'Bob Tremblay', numbers: ['1002', '+15145550123'] };
    expect(await svc.addFavorite(bob)).toEqual({ ok: true });
    expect(svc.snapshot.favorites.map((f) => f.name)).toEqual(['Willy Wonka', 'Bob Tremblay']);
    expect(sent(fake, 'PUT', '/api/dird/0.1/directories/favorites/internal/43')).toHaveLength(1);
    // Already a favorite (409): what the user wanted.
    expect(await svc.addFavorite(bob)).toEqual({ ok: true });
    expect(svc.snapshot.favorites).toHaveLength(2);

    expect(await svc.removeFavorite({ source: 'internal', sourceEntryId: '42' })).toEqual({ ok: true });
    expect(svc.snapshot.favorites.map((f) => f.source_entry_id)).toEqual(['43']);
    // Already gone (404 no such favorite): done.
    expect(await svc.removeFavorite({ source: 'internal', sourceEntryId: '42' })).toEqual({ ok: true });
    await resync();
    expect(svc.snapshot.favorites).toEqual([
      { source: 'internal', source_entry_id: '43', name: 'Bob Tremblay', numbers: ['1002', '+15145550123'] },
    ]);
  });

  it('names a favorite the bus announces (a source and an id only) from dird at once, not at the next read', async () => {
    const { fake, svc, link, resync } = await signedIn();
    await resync();
    const me = link.api.userUuid;
    // Added elsewhere (another device): dird lists it, the bus says only which entry it is.
    fake.users[0]!.favorites.push({ source: 'personal', source_entry_id: 'p-1' });
    const reads = () => sent(fake, 'GET', '/api/dird/0.1/directories/favorites/default').length;
    const before = reads();
    favoriteAdded(svc, me, 'personal', 'p-1');
    expect(svc.snapshot.favorites.at(-1)).toEqual({ source: 'personal', source_entry_id: 'p-1' });
    await waitFor(() => svc.snapshot.favorites.at(-1)?.name !== undefined, 5_000, 'named');
    expect(svc.snapshot.favorites.at(-1)).toEqual({
      source: 'personal',
      source_entry_id: 'p-1',
      name: 'Bobby <b>Tables</b>',
      numbers: ['+15145550199'],
    });
    expect(reads()).toBeGreaterThan(before);
    expect(svc.snapshot.favorites[0]).toMatchObject({ source: 'internal', name: 'Willy Wonka' });
    // One added from this window has its name already: its echo asks dird nothing.
    const afterNaming = reads();
    await svc.addFavorite({ source: 'internal', sourceEntryId: '43', name: 'Bob Tremblay', numbers: ['1002'] });
    favoriteAdded(svc, me, 'internal', '43');
    // The check runs right after the event is applied (a microtask): one turn of the loop is enough to see it.
    await new Promise((r) => setImmediate(r));
    expect(reads()).toBe(afterNaming);
  });

  it('leaves a bus favorite unnamed when dird cannot be read, until the next full read', async () => {
    const { fake, svc, link, resync } = await signedIn();
    await resync();
    const me = link.api.userUuid;
    const reads = () => sent(fake, 'GET', '/api/dird/0.1/directories/favorites/default').length;
    const before = reads();
    fake.users[0]!.favorites.push({ source: 'personal', source_entry_id: 'p-1' });
    // Every attempt fails (the service's own sync and this test's each try three times).
    fake.fault({
      match: 'GET /api/dird/0.1/directories/favorites/default',
      status: 503,
      body: { reason: ['down'] },
      times: 6,
    });
    favoriteAdded(svc, me, 'personal', 'p-1');
    await waitFor(() => reads() >= before + 6, 10_000, 'every attempt made');
    expect(svc.snapshot.favorites.at(-1)).toEqual({ source: 'personal', source_entry_id: 'p-1' });
    await resync();
    expect(svc.snapshot.favorites.at(-1)).toMatchObject({ source_entry_id: 'p-1', name: 'Bobby <b>Tables</b>' });
  });

  it('undoes a favorite dird refuses, with its reason', async () => {
    const { svc, resync } = await signedIn();
    await resync();
    const result = await svc.addFavorite({ source: 'gone', sourceEntryId: '1', name: 'X', numbers: [] });
    expect(result).toEqual({ ok: false, reason: 'not-found', error: expect.stringContaining('No such source: gone') });
    expect(svc.snapshot.favorites).toHaveLength(1);
    const removed = await svc.removeFavorite({ source: 'gone', sourceEntryId: '42' });
    expect(removed).toMatchObject({ ok: false });
  });
});

describe('directory search', () => {
  it('finds contacts by name or number, with their favorite state, through the contract', async () => {
    const { svc } = await signedIn();
    const reply = await dispatchCommand(svc, 'searchDirectory', { term: '  bob ' });
    expect(reply).toEqual({
      ok: true,
      value: {
        ok: true,
        term: 'bob',
        more: false,
        contacts: [
          {
            source: 'internal',
            source_entry_id: '43',
            name: 'Bob Tremblay',
            numbers: ['1002', '+15145550123'],
            favorite: false,
          },
          {
            source: 'personal',
            source_entry_id: 'p-1',
            name: 'Bobby <b>Tables</b>',
            numbers: ['+15145550199'],
            favorite: false,
          },
        ],
      },
    });
    const wonka = await svc.searchDirectory({ term: '1604' });
    expect(wonka).toMatchObject({ ok: true, contacts: [{ name: 'Willy Wonka', favorite: true }] });
    expect(await dispatchCommand(svc, 'searchDirectory', { term: '   ' })).toMatchObject({ ok: false });
  });

  it('says why a search failed, by reason', async () => {
    const { fake, svc } = await signedIn();
    const match = 'GET /api/dird/0.1/directories/lookup/default';
    fake.fault({ match, status: 503, body: { reason: ['down'], timestamp: [1], status_code: 503 }, times: 3 });
    expect(await svc.searchDirectory({ term: 'bob' })).toMatchObject({ ok: false, reason: 'unreachable' });
    fake.fault({
      match,
      status: 404,
      body: { reason: ['The profile `default` does not exist'], timestamp: [1], status_code: 404 },
    });
    expect(await svc.searchDirectory({ term: 'bob' })).toMatchObject({ ok: false, reason: 'not-found' });
    fake.fault({ match, status: 403, body: { reason: ['Forbidden'], timestamp: 1, status_code: 403 } });
    expect(await svc.searchDirectory({ term: 'bob' })).toMatchObject({ ok: false, reason: 'forbidden' });
  });
});
