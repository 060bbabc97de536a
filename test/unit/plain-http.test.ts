/**
 * S1: the window (desktop and browser preview) refuses a plain http:// Wazo
 * server unless it is on this computer; the CLI keeps accepting it with its
 * warning. One rule (`serverAddress`), applied by the login path the window
 * uses and by the profile the desktop keeps.
 */
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../electron/profile/profile.js';
import { dispatchCommand } from '../../electron/core/service/commands.js';
import type { NotifierService } from '../../electron/core/service/notifier-service.js';
import { login } from '../../electron/core/wazo/login.js';
import { checkRequest } from '../../electron/shared/contract.js';
import { isLoopbackHost, serverAddress } from '../../electron/shared/wazo-input.js';

describe('serverAddress and plain http', () => {
  it('accepts http:// on loopback hosts only, where the window asks', () => {
    for (const ok of ['http://127.0.0.1:9497', 'http://localhost/', 'http://[::1]:8080', 'http://127.1.2.3'])
      expect(serverAddress(ok, 'loopback-only').ok, ok).toBe(true);
    for (const bad of [
      'http://wazo.example.com',
      'http://10.0.0.5',
      'http://127.0.0.1.nip.io',
      'http://localhost.evil.com',
    ]) {
      const r = serverAddress(bad, 'loopback-only');
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/https:\/\//);
    }
    expect(serverAddress('https://wazo.example.com', 'loopback-only').ok).toBe(true);
  });

  it('keeps accepting any http:// host for the CLI (the default)', () => {
    expect(serverAddress('http://wazo.example.com').ok).toBe(true);
  });

  it('knows the loopback hosts', () => {
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });
});

describe('the window’s login path', () => {
  it('is refused by the contract’s schema, which the login form checks before sending', () => {
    const request = (server: string) => ({ server, username: 'a', password: 'p' });
    expect(checkRequest('login', request('http://wazo.example.com')).ok).toBe(false);
    expect(checkRequest('login', request('http://127.0.0.1:9497')).ok).toBe(true);
    expect(checkRequest('login', request('wazo.example.com')).ok).toBe(true);
  });

  it('asks the service for a loopback-only login', async () => {
    const asked: unknown[] = [];
    const service = {
      login: async (opts: unknown) => (asked.push(opts), { ok: false as const, error: 'x' }),
    } as unknown as NotifierService;
    await dispatchCommand(service, 'login', { server: 'https://wazo.example.com', username: 'a', password: 'p' });
    expect(asked).toEqual([expect.objectContaining({ allowPlainHttp: 'loopback-only' })]);
  });

  it('refuses http:// to another host before anything is sent', async () => {
    await expect(
      login({ server: 'http://wazo.example.com', username: 'a', password: 'p', allowPlainHttp: 'loopback-only' }),
    ).rejects.toThrow(/unencrypted/);
  });
});

describe('the profile', () => {
  it('drops a kept login to a plain http:// remote server, keeps a loopback one', () => {
    const remote = readProfile({ wazo: { server: 'http://wazo.example.com', username: 'a' } });
    expect(remote.profile.wazo).toBeNull();
    const local = readProfile({ wazo: { server: 'http://127.0.0.1:9497', username: 'a' } });
    expect(local.profile.wazo?.server).toBe('http://127.0.0.1:9497');
  });
});
