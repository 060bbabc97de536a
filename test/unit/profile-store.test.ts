import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultProfile, joinPassword, splitPassword } from '../../electron/profile/profile.js';
import { KeptProfile, ProfileStore } from '../../electron/profile/profile-store.js';
import { silentLogger } from '../../electron/core/logger.js';
import type { Profile } from '../../electron/profile/profile.js';

const dir = () => mkdtempSync(join(tmpdir(), 'wazo-profile-'));

describe('profile store', () => {
  it('starts from the defaults, with an install id of its own, and round-trips', async () => {
    const d = dir();
    const store = new ProfileStore(d);
    const { profile, warning } = await store.load();
    expect(warning).toBeUndefined();
    expect(profile).toMatchObject({ transport: 'auto', mode: 'auto', startAtLogin: false, userUuid: '' });
    expect(profile.installId).toMatch(/^desk-[0-9a-f]{12}$/);
    const changed = { ...profile, userUuid: '2e752722-0864-4665-887d-a78a024cf7c7', startAtLogin: true };
    await store.save(changed);
    expect((await new ProfileStore(d).load()).profile).toEqual(changed);
    expect(readdirSync(d)).toEqual(['profile.json']);
  });

  it('lets a profile written before the transport setting detect the bus layout it never chose', async () => {
    const d = dir();
    const { transport: _t, ...old } = { ...defaultProfile(), installId: 'desk-1', mode: 'topic' as const };
    writeFileSync(join(d, 'profile.json'), JSON.stringify(old));
    const { profile, warning } = await new ProfileStore(d).load();
    expect(warning).toBeUndefined();
    expect(profile).toMatchObject({ transport: 'auto', mode: 'auto' });
    // A layout chosen once the setting existed is kept.
    writeFileSync(join(d, 'profile.json'), JSON.stringify({ ...old, transport: 'amqp' }));
    expect((await new ProfileStore(d).load()).profile).toMatchObject({ transport: 'amqp', mode: 'topic' });
  });

  it('keeps a corrupt file aside, starts from the defaults and says so', async () => {
    const d = dir();
    writeFileSync(join(d, 'profile.json'), '{"userUuid": "2e75');
    const store = new ProfileStore(d, () => Date.parse('2026-11-25T10:00:00Z'));
    const { profile, warning } = await store.load();
    expect(warning).toMatch(/could not be read and was kept as .*profile\.json\.corrupt-2026-11-25T10-00-00/);
    expect(profile.userUuid).toBe('');
    expect(readFileSync(join(d, 'profile.json.corrupt-2026-11-25T10-00-00.000Z'), 'utf8')).toBe('{"userUuid": "2e75');
    expect(JSON.parse(readFileSync(join(d, 'profile.json'), 'utf8'))).toEqual(profile);
  });

  it('resets only the invalid fields, and names them', async () => {
    const d = dir();
    const good = { ...defaultProfile(), installId: 'desk-1', userUuid: '2e752722-0864-4665-887d-a78a024cf7c7' };
    writeFileSync(
      join(d, 'profile.json'),
      JSON.stringify({ ...good, mode: 'fanout', url: 'http://x/', startAtLogin: 'yes' }),
    );
    const { profile, warning } = await new ProfileStore(d).load();
    expect(profile).toEqual(good);
    expect(warning).toMatch(/reset to their defaults: url, mode, startAtLogin/);
  });

  it('keeps the Wazo login (never its token), and drops one that is not valid', async () => {
    const d = dir();
    const wazo = { server: 'https://wazo.example.com', username: 'alice', tlsFingerprint: 'AB'.repeat(32) };
    const store = new ProfileStore(d);
    await store.save({ ...defaultProfile(), installId: 'desk-1', wazo });
    expect((await store.load()).profile.wazo).toEqual(wazo);
    expect(readFileSync(join(d, 'profile.json'), 'utf8')).not.toMatch(/token|password/i);
    writeFileSync(
      join(d, 'profile.json'),
      JSON.stringify({ installId: 'desk-1', wazo: { server: 'ftp://x', username: '' } }),
    );
    const { profile, warning } = await store.load();
    expect(profile.wazo).toBeNull();
    expect(warning).toMatch(/wazo/);
  });

  it('never leaves a half-written file: the write goes to a temporary file renamed over the old one', async () => {
    const d = dir();
    const store = new ProfileStore(d);
    const { profile } = await store.load();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save({ ...profile, displayName: `n${i}` })));
    const saved = JSON.parse(readFileSync(join(d, 'profile.json'), 'utf8'));
    expect(saved.displayName).toMatch(/^n\d+$/);
    expect(readdirSync(d)).toEqual(['profile.json']);
  });
});

describe('bus password', () => {
  it('is split out of the URL for the secret store, and put back', () => {
    const { url, password } = splitPassword('amqp://wazo:p%40ss%3Aw0rd@bus.example:5672/');
    expect(url).toBe('amqp://wazo@bus.example:5672/');
    expect(password).toBe('p@ss:w0rd');
    expect(joinPassword(url, password)).toBe('amqp://wazo:p%40ss%3Aw0rd@bus.example:5672/');
    expect(splitPassword('amqp://localhost/').password).toBeNull();
  });
});

describe('kept profile', () => {
  it('writes one update at a time, in order, each write with every change made before it', async () => {
    const written: Profile[] = [];
    let inFlight = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const store = {
      save: (p: Profile) => {
        inFlight++;
        most = Math.max(most, inFlight);
        return new Promise<void>((resolve) =>
          release.push(() => {
            written.push(p);
            inFlight--;
            resolve();
          }),
        );
      },
    };
    const kept = new KeptProfile({ ...defaultProfile(), installId: 'desk-1' }, store, silentLogger);
    const done = [
      kept.update({ userUuid: '2e752722-0864-4665-887d-a78a024cf7c7' }),
      kept.update({ startAtLogin: true }),
      kept.update({ window: { x: 1, y: 2, width: 300, height: 400 } }),
    ];
    expect(kept.current).toMatchObject({ startAtLogin: true, window: { x: 1 } });
    while (written.length < 3) {
      await new Promise((r) => setImmediate(r));
      release.shift()?.();
    }
    await Promise.all(done);
    expect(most).toBe(1);
    expect(written.at(-1)).toEqual(kept.current);
    expect(written.at(-1)).toMatchObject({
      userUuid: '2e752722-0864-4665-887d-a78a024cf7c7',
      startAtLogin: true,
      window: { x: 1, y: 2, width: 300, height: 400 },
    });
  });

  it('loses none of many concurrent updates on disk, and a failed write does not stop the next', async () => {
    const d = dir();
    const store = new ProfileStore(d);
    const { profile } = await store.load();
    const errors: string[] = [];
    let fail = true;
    const flaky = {
      save: (p: Profile) => (fail ? ((fail = false), Promise.reject(new Error('disk full'))) : store.save(p)),
    };
    const kept = new KeptProfile(profile, flaky, { ...silentLogger, error: (m: string) => errors.push(m) });
    const sizes = Array.from({ length: 20 }, (_, i) => i + 1);
    await Promise.all([
      ...sizes.map((i) => kept.update({ window: { x: i, y: i, width: 400 + i, height: 300 } })),
      kept.update({ startAtLogin: true }),
      kept.update({ allowPlaintextSecrets: true }),
    ]);
    expect(errors).toEqual(['profile not saved: disk full']);
    const saved = (await new ProfileStore(d).load()).profile;
    expect(saved).toEqual(kept.current);
    expect(saved).toMatchObject({ startAtLogin: true, window: { x: 20, width: 420 } });
    expect(saved.allowPlaintextSecrets).toBe(true);
    expect(readdirSync(d)).toEqual(['profile.json']);
  });
});
