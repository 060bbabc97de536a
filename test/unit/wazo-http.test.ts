/** The HTTP client against a local server that answers as Wazo's daemons do, errors included. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/core/logger.js';
import {
  normaliseFingerprint,
  parseServer,
  serverMessage,
  WazoHttpClient,
  WazoHttpError,
} from '../../electron/core/wazo/http-client.js';
import { freePort } from '../support/net.js';
import { startFakeWazo, type FakeWazo } from '../support/fake-wazo.js';
import { selfSignedCert } from '../support/tls.js';

const USER = {
  username: 'alice',
  password: 's3cret-pass',
  uuid: '2e752722-0864-4665-887d-a78a024cf7c7',
  tenantUuid: '1b2b0c2e-0c3c-4f57-9e7e-5b1f6d9b9a00',
};

let fake: FakeWazo | undefined;
let client: WazoHttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await fake?.close();
  fake = undefined;
  client = undefined;
});

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

const noWait = (): Promise<void> => Promise.resolve();
const login = {
  method: 'POST',
  path: '/api/auth/0.1/token',
  label: 'login',
  basicAuth: { username: 'alice', password: 's3cret-pass' },
  body: { expiration: 60 },
} as const;

async function failure(p: Promise<unknown>): Promise<WazoHttpError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WazoHttpError);
  return err as WazoHttpError;
}

describe('WazoHttpClient', () => {
  it('sends JSON with the credentials and parses the answer', async () => {
    fake = await startFakeWazo({ users: [USER] });
    client = new WazoHttpClient({ server: fake.url, sleep: noWait });
    const reply = (await client.json(login)) as { data: { metadata: { uuid: string } } };
    expect(reply.data.metadata.uuid).toBe(USER.uuid);
    expect(fake.requests[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(fake.requests[0]!.body)).toEqual({ expiration: 60 });
  });

  it('never retries a 4xx, and reports the server’s own words', async () => {
    fake = await startFakeWazo({ users: [USER] });
    client = new WazoHttpClient({ server: fake.url, sleep: noWait });
    const err = await failure(client.json({ ...login, basicAuth: { username: 'alice', password: 'wrong' } }));
    expect(err.kind).toBe('unauthorized');
    expect(err.status).toBe(401);
    expect(err.detail).toBe('Authentication Failed');
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a 5xx with backoff and succeeds when the server recovers', async () => {
    fake = await startFakeWazo({ users: [USER] });
    const delays: number[] = [];
    client = new WazoHttpClient({ server: fake.url, backoffMs: 100, sleep: async (ms) => void delays.push(ms) });
    fake.fault({ match: 'POST /api/auth', status: 503, body: { reason: ['busy'] }, times: 2 });
    await client.json(login);
    expect(fake.requests).toHaveLength(3);
    expect(delays).toEqual([100, 200]);
  });

  it('gives up after its retries with a server error', async () => {
    fake = await startFakeWazo({ users: [USER] });
    client = new WazoHttpClient({ server: fake.url, retries: 1, sleep: noWait });
    fake.fault({ match: 'POST /api/auth', status: 500, body: { message: 'boom', error_id: 'x' }, times: 5 });
    const err = await failure(client.json(login));
    expect(err.kind).toBe('server');
    expect(err.transient).toBe(true);
    expect(err.message).toBe('login: the server answered 500 (boom)');
    expect(fake.requests).toHaveLength(2);
  });

  it('times out a slow reply', async () => {
    fake = await startFakeWazo({ users: [USER] });
    client = new WazoHttpClient({ server: fake.url, timeoutMs: 150, retries: 0 });
    fake.fault({ match: 'POST /api/auth', delayMs: 1_000 });
    const err = await failure(client.json(login));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/did not answer within 150 ms/);
  });

  it('calls garbage malformed and does not retry it', async () => {
    fake = await startFakeWazo({ users: [USER] });
    client = new WazoHttpClient({ server: fake.url, sleep: noWait });
    fake.fault({ match: 'POST /api/auth', status: 200, body: '<html>captive portal</html>' });
    const err = await failure(client.json(login));
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/not JSON/);
    expect(fake.requests).toHaveLength(1);
  });

  it('reports an unreachable server as a network error after retrying', async () => {
    const port = await freePort();
    const delays: number[] = [];
    client = new WazoHttpClient({ server: `http://127.0.0.1:${port}`, sleep: async (ms) => void delays.push(ms) });
    const err = await failure(client.json(login));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/cannot reach 127\.0\.0\.1:\d+ \(.*ECONNREFUSED/);
    expect(delays).toHaveLength(2);
  });

  it('warns about plain http, and never logs the password or the token', async () => {
    fake = await startFakeWazo({ users: [USER] });
    const log = recordingLog();
    client = new WazoHttpClient({ server: fake.url, log, sleep: noWait });
    fake.fault({ match: 'POST /api/auth', status: 502, body: 'bad gateway' });
    const reply = (await client.json(login)) as { data: { token: string } };
    expect(log.lines[0]).toMatch(/plain http/);
    expect(log.lines.some((l) => /retrying/.test(l))).toBe(true);
    const all = log.lines.join('\n');
    expect(all).not.toContain(USER.password);
    expect(all).not.toContain(reply.data.token);
    expect(all).not.toContain(Buffer.from(`alice:${USER.password}`).toString('base64'));
  });

  describe('TLS', () => {
    const cert = selfSignedCert();

    it('refuses a self-signed certificate by default, saying how to trust it', async () => {
      fake = await startFakeWazo({ users: [USER], tls: cert });
      client = new WazoHttpClient({ server: fake.url, sleep: noWait });
      const err = await failure(client.json(login));
      expect(err.kind).toBe('tls');
      expect(err.transient).toBe(false);
      expect(err.message).toMatch(/not trusted .*fingerprint/);
      expect(fake.requests).toHaveLength(0);
    });

    it('trusts the certificate whose fingerprint was pinned', async () => {
      fake = await startFakeWazo({ users: [USER], tls: cert });
      client = new WazoHttpClient({
        server: fake.url,
        tlsFingerprint: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
      });
      await client.json(login);
      expect(fake.requests).toHaveLength(1);
    });

    it('sends nothing to a server whose certificate is not the pinned one', async () => {
      fake = await startFakeWazo({ users: [USER], tls: cert });
      const other = selfSignedCert();
      client = new WazoHttpClient({ server: fake.url, tlsFingerprint: other.fingerprint256, sleep: noWait });
      const err = await failure(client.json(login));
      // Not the certificate the user trusted: said apart from one never trusted (someone may be in the way).
      expect(err.kind).toBe('tls_mismatch');
      expect(err.transient).toBe(false);
      expect(err.message).toContain(cert.fingerprint256);
      expect(fake.requests).toHaveLength(0);
    });
  });
});

describe('helpers', () => {
  it('reads each daemon’s error shape', () => {
    expect(serverMessage('{"reason":["Authentication Failed"],"timestamp":[1],"status_code":401}')).toBe(
      'Authentication Failed',
    );
    expect(serverMessage('["Input Error - enabled: [\'Missing data for required field.\']"]')).toMatch(
      /^Input Error - enabled/,
    );
    expect(serverMessage('{"message":"No such voicemail message","error_id":"x","details":{}}')).toBe(
      'No such voicemail message',
    );
    expect(serverMessage('<html>')).toBeUndefined();
    expect(serverMessage('{"reason":["a\\u0000\\nb"]}')).toBe('a b');
  });

  it('normalises server addresses and fingerprints, refusing what is not one', () => {
    expect(parseServer('wazo.example.com').href).toBe('https://wazo.example.com/');
    expect(parseServer('https://wazo.example.com/prefix?x=1').href).toBe('https://wazo.example.com/prefix/');
    expect(() => parseServer('ftp://x')).toThrow(/https:\/\//);
    expect(() => parseServer('https://u:p@x')).toThrow(/credentials/);
    expect(normaliseFingerprint('sha256:' + 'ab'.repeat(32))).toBe(Array(32).fill('AB').join(':'));
    expect(() => normaliseFingerprint('abcd')).toThrow(/64 hex/);
  });
});
