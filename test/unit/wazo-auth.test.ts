/** Login, renewal, expiry while in use and logout against the fake wazo-auth; the REST reads behind a token. */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../electron/core/config.js';
import { NotifierService, type ServiceEvents } from '../../electron/core/service/notifier-service.js';
import { AuthSession, createToken } from '../../electron/core/wazo/auth.js';
import { WazoHttpClient } from '../../electron/core/wazo/http-client.js';
import { closeLink, login, resume, type WazoLink } from '../../electron/core/wazo/login.js';
import { startFakeWazo, type FakeWazo } from '../support/fake-wazo.js';
import { selfSignedCert } from '../support/tls.js';

const USER = {
  username: 'alice',
  password: 's3cret-pass',
  uuid: '2e752722-0864-4665-887d-a78a024cf7c7',
  tenantUuid: '1b2b0c2e-0c3c-4f57-9e7e-5b1f6d9b9a00',
  acl: ['events.users.2e752722-0864-4665-887d-a78a024cf7c7.#', 'confd.users.me.read'],
};

let fake: FakeWazo | undefined;
let link: WazoLink | undefined;
afterEach(async () => {
  if (link) await closeLink(link, false);
  await fake?.close();
  link = undefined;
  fake = undefined;
});

const waitUntil = async (cond: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('login', () => {
  it('gives the user uuid, tenant, ACLs, expiry (UTC) and a refresh token', async () => {
    fake = await startFakeWazo({ users: [USER] });
    link = await login({ server: fake.url, username: 'alice', password: 's3cret-pass', retries: 0 });
    const s = link.auth.session;
    expect(s.userUuid).toBe(USER.uuid);
    expect(s.tenantUuid).toBe(USER.tenantUuid);
    expect(s.acl).toEqual(USER.acl);
    expect(Math.abs(s.expiresAt - (Date.now() + 3_600_000))).toBeLessThan(10_000);
    expect(s.refreshToken).toMatch(/^[0-9a-f]{32}$/);
    expect(link.account).toEqual({ username: 'alice', server: fake.url, tenant_uuid: USER.tenantUuid });
    const body = JSON.parse(fake.requests[0]!.body) as Record<string, unknown>;
    expect(body).toEqual({ expiration: 3600, access_type: 'offline', client_id: 'wazo-notifier' });
  });

  it("tells the server's zone from the token: expires_at is its wall clock, utc_expires_at UTC", async () => {
    for (const zone of [0, -300, 60, 345]) {
      const server = await startFakeWazo({ users: [USER], utcOffsetMinutes: zone });
      try {
        const l = await login({ server: server.url, username: 'alice', password: 's3cret-pass', retries: 0 });
        expect(l.auth.session.serverUtcOffsetMinutes).toBe(zone);
        // The expiry itself is read from UTC, whatever the zone.
        expect(Math.abs(l.auth.session.expiresAt - (Date.now() + 3_600_000))).toBeLessThan(10_000);
        await closeLink(l, false);
      } finally {
        await server.close();
      }
    }
  });

  it('names the tenant domain when given one', async () => {
    fake = await startFakeWazo({ users: [USER] });
    link = await login({ server: fake.url, username: 'alice', password: 's3cret-pass', tenant: 'example.com' });
    expect(JSON.parse(fake.requests[0]!.body)).toMatchObject({ domain_name: 'example.com' });
  });

  it('says "wrong username or password" on a 401', async () => {
    fake = await startFakeWazo({ users: [USER] });
    await expect(login({ server: fake.url, username: 'alice', password: 'nope' })).rejects.toThrow(
      'login: wrong username or password',
    );
  });

  it('names the fingerprint of a certificate it does not trust, to compare before pinning it', async () => {
    const cert = selfSignedCert();
    fake = await startFakeWazo({ users: [USER], tls: cert });
    const err = await login({ server: fake.url, username: 'alice', password: 's3cret-pass', retries: 0 }).catch(
      (e: unknown) => e as Error,
    );
    expect(String(err)).toMatch(/not trusted/);
    expect(String(err)).toContain(`the server presents ${cert.fingerprint256}`);
    expect(fake.requests).toHaveLength(0);
    link = await login({
      server: fake.url,
      username: 'alice',
      password: 's3cret-pass',
      tlsFingerprint: cert.fingerprint256,
    });
    expect(link.auth.session.userUuid).toBe(USER.uuid);
  });

  it('refuses a token answer that names no user', async () => {
    fake = await startFakeWazo({ users: [USER] });
    fake.fault({ match: 'POST /api/auth', status: 200, body: { data: { token: 'x', metadata: { uuid: null } } } });
    await expect(login({ server: fake.url, username: 'alice', password: 's3cret-pass' })).rejects.toMatchObject({
      kind: 'malformed',
    });
  });
});

describe('AuthSession', () => {
  it('renews with the refresh token before the token expires', async () => {
    fake = await startFakeWazo({ users: [USER] });
    fake.tokenLifetimeS = 2;
    link = await login({ server: fake.url, username: 'alice', password: 's3cret-pass' });
    const first = link.auth.token;
    const renewed: string[] = [];
    link.auth.on('renewed', (s) => renewed.push(s.token));
    await waitUntil(() => renewed.length > 0);
    expect(renewed[0]).not.toBe(first);
    expect(link.auth.token).toBe(renewed[0]);
    const renewal = fake.requests[1]!;
    expect(renewal.headers.authorization).toBeUndefined();
    expect(JSON.parse(renewal.body)).toMatchObject({
      refresh_token: link.auth.session.refreshToken,
      client_id: 'wazo-notifier',
    });
  });

  it('renews at once when the server forgets the token while in use, and retries the call', async () => {
    fake = await startFakeWazo({ users: [USER] });
    link = await login({ server: fake.url, username: 'alice', password: 's3cret-pass' });
    fake.expireTokens('alice');
    const services = await link.api.getServices();
    expect(services.dnd.enabled).toBe(false);
    const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual([
      'POST /api/auth/0.1/token',
      `GET /api/confd/1.1/users/${USER.uuid}/services`,
      'POST /api/auth/0.1/token',
      `GET /api/confd/1.1/users/${USER.uuid}/services`,
    ]);
  });

  it('ends the session when the refresh token is refused', async () => {
    fake = await startFakeWazo({ users: [USER] });
    link = await login({ server: fake.url, username: 'alice', password: 's3cret-pass' });
    const expired: string[] = [];
    link.auth.on('expired', (e) => expired.push(e.reason));
    fake.fault({ match: 'POST /api/auth', status: 401, body: { reason: ['Authentication Failed'] } });
    await expect(link.auth.renew()).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(expired).toHaveLength(1);
  });

  it('logs in again with the password kept for the run when the server gives no refresh token', async () => {
    fake = await startFakeWazo({ users: [USER] });
    fake.refreshTokens = false;
    const http = new WazoHttpClient({ server: fake.url });
    const creds = { username: 'alice', password: 's3cret-pass' };
    const session = await createToken(http, creds);
    expect(session.refreshToken).toBeNull();
    const auth = new AuthSession(http, session, { credentials: creds });
    const next = await auth.renew();
    expect(next.token).not.toBe(session.token);
    expect(fake.requests[1]!.headers.authorization).toMatch(/^Basic /);
    auth.stop();
    await http.close();
  });

  it('retries a renewal that failed for a transient reason, without ending the session', async () => {
    fake = await startFakeWazo({ users: [USER] });
    const http = new WazoHttpClient({ server: fake.url, retries: 0 });
    const session = await createToken(http, { username: 'alice', password: 's3cret-pass' });
    const auth = new AuthSession(http, session, { retryMs: 100 });
    const expired: string[] = [];
    const renewed: string[] = [];
    auth.on('expired', (e) => expired.push(e.reason));
    auth.on('renewed', (s) => renewed.push(s.token));
    fake.fault({ match: 'POST /api/auth', status: 503, body: { reason: ['maintenance'] } });
    await expect(auth.renew()).rejects.toMatchObject({ kind: 'server' });
    await waitUntil(() => renewed.length > 0);
    expect(expired).toEqual([]);
    expect(auth.token).toBe(renewed[0]);
    auth.stop();
    await http.close();
  });

  it('revokes the token at logout', async () => {
    fake = await startFakeWazo({ users: [USER] });
    const l = await login({ server: fake.url, username: 'alice', password: 's3cret-pass' });
    const token = l.auth.token;
    expect(fake.tokens.has(token)).toBe(true);
    await closeLink(l, true);
    expect(fake.tokens.has(token)).toBe(false);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/auth/0.1/token/${token}` });
  });
});

describe('resume', () => {
  it('starts a session from a kept refresh token, without the password', async () => {
    fake = await startFakeWazo({ users: [USER] });
    const first = await login({ server: fake.url, username: 'alice', password: 's3cret-pass' });
    const refresh = first.auth.session.refreshToken!;
    await closeLink(first, false);
    link = await resume({ server: fake.url, username: 'alice', refreshToken: refresh });
    expect(link.auth.session.userUuid).toBe(USER.uuid);
    expect(link.auth.session.refreshToken).toBe(refresh);
    expect(fake.requests.at(-1)!.headers.authorization).toBeUndefined();
    await expect(resume({ server: fake.url, username: 'alice', refreshToken: 'forgotten' })).rejects.toMatchObject({
      kind: 'unauthorized',
    });
  });
});

describe('NotifierService and the session', () => {
  it('passes each renewal on with the trusted fingerprint, for the desktop app to keep', async () => {
    const cert = selfSignedCert();
    fake = await startFakeWazo({ users: [USER], tls: cert });
    link = await login({
      server: fake.url,
      username: 'alice',
      password: 's3cret-pass',
      tlsFingerprint: cert.fingerprint256,
    });
    const parsed = parseConfig({ userUuid: USER.uuid, installId: 'unit' });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const service = new NotifierService(parsed.config);
    const sessions: ServiceEvents['session'][] = [];
    service.on('session', (s) => sessions.push(s));
    await service.useLink(link, false);
    await link.auth.renew();
    expect(sessions).toHaveLength(2);
    for (const s of sessions) expect(s).toMatchObject({ username: 'alice', tlsFingerprint: cert.fingerprint256 });
    expect(sessions[1]!.session.token).not.toBe(sessions[0]!.session.token);
    expect(service.snapshot.account).toEqual({ username: 'alice', server: fake.url, tenant_uuid: USER.tenantUuid });
  });

  it("gives the notifier's clock the server's zone the token tells, at login and at each renewal", async () => {
    fake = await startFakeWazo({ users: [USER], utcOffsetMinutes: -300 });
    link = await login({ server: fake.url, username: 'alice', password: 's3cret-pass' });
    const parsed = parseConfig({ userUuid: USER.uuid, installId: 'unit' });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const service = new NotifierService(parsed.config);
    expect(service.notifier.clock.offset).toBeNull();
    await service.useLink(link, false);
    expect(service.notifier.clock.offset).toEqual({ minutes: -300, source: 'token' });
    service.notifier.clock.learn(0, 'call');
    await link.auth.renew();
    expect(service.notifier.clock.offset).toEqual({ minutes: -300, source: 'token' });
  });
});

describe('WazoApi reads', () => {
  it('checks every answer against the documented shape', async () => {
    fake = await startFakeWazo({ users: [USER] });
    link = await login({ server: fake.url, username: 'alice', password: 's3cret-pass' });
    fake.fault({ match: 'GET /api/confd', status: 200, body: { dnd: { enabled: 'yes' } } });
    await expect(link.api.getServices()).rejects.toMatchObject({ kind: 'malformed' });
    fake.fault({ match: 'GET /api/confd', status: 403, body: ['Forbidden'] });
    await expect(link.api.getForwards()).rejects.toMatchObject({ kind: 'forbidden', detail: 'Forbidden' });
  });
});
