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
import { NotifierService } from '../../electron/core/service/notifier-service.js';
import { WazoAccount } from '../../electron/core/wazo/account.js';
import { login, type WazoLink } from '../../electron/core/wazo/login.js';
import { sampleUser, startFakeWazo, type FakeUser, type FakeWazo } from '../support/fake-wazo.js';

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
  const account = new WazoAccount(svc.current, link.api, { retryMs: 60_000 });
  cleanup.push(async () => account.stop());
  return { fake, svc, link, resync: () => account.resync() };
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
