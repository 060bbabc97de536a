/**
 * The kept Wazo session: a refused refresh token is forgotten (no retry), an
 * unreachable server is worth a retry, and a login made from the window
 * meanwhile wins over the resume.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import { defaultProfile } from '../../../electron/profile/profile.js';
import { REFRESH_TOKEN, resumeOnce } from '../../../electron/main/kept-state.js';
import { KeptProfile } from '../../../electron/profile/profile-store.js';
import { SecretStore } from '../../../electron/main/secret-store.js';
import { sampleUser, startFakeWazo, type FakeWazo } from '../../support/fake-wazo.js';
import { freePort } from '../../support/net.js';

const safe = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret' as const,
  setUsePlainTextEncryption: () => {},
  encryptString: (s: string) => Buffer.from(`enc:${s}`),
  decryptString: (b: Buffer) => b.toString().slice(4),
};

describe('resuming the kept Wazo session', () => {
  let wazo: FakeWazo;
  beforeAll(async () => {
    wazo = await startFakeWazo({ users: [sampleUser(randomUUID())] });
  });
  afterAll(() => wazo.close());

  const setup = async (server: string, loggedIn = false) => {
    const secrets = new SecretStore(safe, mkdtempSync(join(tmpdir(), 'wazo-kept-')), 'linux');
    await secrets.set(REFRESH_TOKEN, 'not-a-token-the-server-knows');
    const profile = new KeptProfile(
      { ...defaultProfile(), wazo: { server, username: 'alice' } },
      { save: async () => {} },
      silentLogger,
    );
    const used: unknown[] = [];
    const service = {
      on: () => () => {},
      wazo: loggedIn ? ({} as never) : undefined,
      useLink: async (l: unknown) => void used.push(l),
    };
    return { secrets, deps: { service, secrets, profile, log: silentLogger }, used };
  };

  it('forgets a refresh token the server refuses, and does not retry', async () => {
    const s = await setup(wazo.url);
    expect(await resumeOnce(s.deps)).toBe('done');
    expect(await s.secrets.get(REFRESH_TOKEN)).toBeNull();
  });

  it('retries while the server cannot be reached, keeping the token', async () => {
    const s = await setup(`http://127.0.0.1:${await freePort()}`);
    expect(await resumeOnce(s.deps)).toBe('retry');
    expect(await s.secrets.get(REFRESH_TOKEN)).toBe('not-a-token-the-server-knows');
  }, 15_000);

  it('leaves a login made from the window alone', async () => {
    const s = await setup(wazo.url, true);
    expect(await resumeOnce(s.deps)).toBe('done');
    expect(s.used).toEqual([]);
  });

  it('never resumes over plain http to another host', async () => {
    const s = await setup('http://wazo.example.com');
    expect(await resumeOnce(s.deps)).toBe('done');
    expect(s.used).toEqual([]);
  });
});
