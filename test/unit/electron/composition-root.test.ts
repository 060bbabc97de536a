/**
 * The real entry point (electron/main/index.ts) and composition root, run
 * against a recording fake of the `electron` module itself (vi.mock), with
 * the real core and a fake Wazo server: the order Electron requires (schemes
 * before ready, the lock, protocol.handle after ready), the window and tray
 * before any request leaves, a Wazo resume that fails and then succeeds in
 * the background, a second instance focusing the first, and quit stopping the
 * core within its deadline.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import { closeLink, login } from '../../../electron/core/wazo/login.js';
import { channel, COMMAND_NAMES } from '../../../electron/shared/channels.js';
import { sampleUser, startFakeWazo, type FakeWazo } from '../../support/fake-wazo.js';
import * as fake from '../../support/fake-electron.js';

vi.mock('electron', () => import('../../support/fake-electron.js'));

const tick = () => new Promise((r) => setTimeout(r, 20));
const TOKEN_PATH = 'POST /api/auth/0.1/token';

describe('the desktop app’s composition root, on a fake Electron', () => {
  let wazo: FakeWazo;
  /** How many requests the Wazo server had received when the window, then the tray, were made. */
  const requestsAt = new Map<string, number>();
  const uuid = randomUUID();
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

  beforeAll(async () => {
    wazo = await startFakeWazo({ users: [sampleUser(uuid)] });
    // A refresh token, as a previous run of the app would have kept.
    const first = await login({ server: wazo.url, username: 'alice', password: 'pa55-word' });
    const refreshToken = first.auth.session.refreshToken!;
    await closeLink(first, false);
    wazo.requests.length = 0;
    const dir = mkdtempSync(join(tmpdir(), 'wazo-root-'));
    fake.control.userData = dir;
    writeFileSync(
      join(dir, 'profile.json'),
      JSON.stringify({
        installId: 'root-test',
        transport: 'websocketd',
        wazo: { server: wazo.url, username: 'alice' },
      }),
    );
    const sealed = fake.safeStorage.encryptString(refreshToken).toString('base64');
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ 'wazo-refresh-token': sealed }));
    // The server is down for the first resume (three tries of the HTTP client), then answers.
    wazo.fault({ match: TOKEN_PATH, status: 503, times: 3 });
  });

  afterAll(async () => {
    stderr.mockRestore();
    await wazo.close();
  });

  it('sandboxes every renderer and registers the scheme before ready, asks for the lock, then waits for ready', async () => {
    await import('../../../electron/main/index.js');
    await tick();
    expect(fake.calls).toEqual([
      'app.enableSandbox',
      'protocol.registerSchemesAsPrivileged app',
      'app.requestSingleInstanceLock',
      'app.whenReady',
    ]);
    expect(fake.app.listeners.get('second-instance')).toHaveLength(1); // a launch during start-up is kept
    fake.control.onRecord = (name) => {
      if (name === 'new BrowserWindow' || name === 'new Tray') requestsAt.set(name, wazo.requests.length);
    };
    fake.control.ready!();
  });

  it('serves the files, then makes the window and the tray before any request reaches the server', async () => {
    await vi.waitFor(() => expect(fake.trays).toHaveLength(1));
    const order = fake.calls.filter((c) => /^(protocol\.handle|new BrowserWindow|new Tray)/.test(c));
    expect(order).toEqual(['protocol.handle app', 'new BrowserWindow', 'new Tray']);
    expect(fake.windows[0]!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(Object.fromEntries(requestsAt)).toEqual({ 'new BrowserWindow': 0, 'new Tray': 0 });
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(COMMAND_NAMES.map(channel).sort());
  });

  it('serves nothing but the window’s files: a bad escape or another host is a 404', async () => {
    const serve = fake.protocolHandlers.get('app')!;
    for (const url of ['app://wazo/%E0%A4%A', 'app://wazo/..%2f..%2fetc%2fpasswd', 'app://other/index.html'])
      expect((await serve(new Request(url))).status, url).toBe(404);
  });

  it('shows the window again from the macOS Dock (activate)', () => {
    const win = fake.windows[0]!;
    const before = win.shows;
    fake.app.emit('activate');
    expect(win.shows).toBe(before + 1);
  });

  it('resumes the Wazo session in the background: fails while the server is down, then succeeds', async () => {
    const tokenCalls = () => wazo.requests.filter((r) => `${r.method} ${r.path}` === TOKEN_PATH).length;
    await vi.waitFor(() => expect(tokenCalls()).toBe(3), { timeout: 5_000 });
    // Logged in once the retry (2 s later) got through: the tray offers DND (enabled once signed in).
    await vi.waitFor(
      () => {
        const dnd = fake.menus.at(-1)!.find((m) => m.label === 'Do not disturb');
        expect(dnd).toMatchObject({ enabled: true });
      },
      { timeout: 8_000, interval: 100 },
    );
    expect(tokenCalls()).toBe(4);
    // The token's user is kept in the profile for the next start.
    await vi.waitFor(() =>
      expect(JSON.parse(readFileSync(join(fake.control.userData, 'profile.json'), 'utf8'))).toMatchObject({
        userUuid: uuid,
      }),
    );
  }, 15_000);

  it('shows the window when a second instance starts, unless that one was an autostart (--hidden)', () => {
    const win = fake.windows[0]!;
    const before = win.shows;
    fake.app.emit('second-instance', {}, ['electron', '--hidden']);
    expect(win.shows).toBe(before);
    fake.app.emit('second-instance', {}, ['electron']);
    expect(win.shows).toBe(before + 1);
  });

  it('shows the log file from the window’s preferences', async () => {
    const win = fake.windows[0]!;
    const handler = fake.ipcHandlers.get(channel('openLogFolder')) as (e: unknown, r: unknown) => Promise<unknown>;
    const answer = await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, {});
    expect(answer).toEqual({ ok: true });
    expect(fake.calls.at(-1)).toMatch(/^shell\.showItemInFolder .*logs\/wazo-notifier\.log$/);
    expect(readFileSync(join(fake.control.userData, 'logs', 'wazo-notifier.log'), 'utf8')).toContain('starting');
  });

  it('stops the core on quit within its deadline, then exits', async () => {
    const started = Date.now();
    fake.app.emit('before-quit');
    const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
    fake.app.emit('will-quit', event);
    expect(event.prevented).toBe(true);
    await vi.waitFor(() => expect(fake.control.exits).toEqual([0]), { timeout: 4_000 });
    expect(Date.now() - started).toBeLessThan(3_500);
    expect(fake.calls).toContain('tray.destroy');
    expect(fake.ipcHandlers.size).toBe(0);
    // The window really closes now (no longer hidden instead).
    const close = { prevented: false, preventDefault: () => void (close.prevented = true) };
    fake.windows[0]!.emit('close', close);
    expect(close.prevented).toBe(false);
  });

  it('sets the installer’s AppUserModelID on Windows before anything else (toasts need it)', async () => {
    const { startDesktop } = await import('../../../electron/main/desktop.js');
    fake.control.gotLock = false;
    fake.calls.length = 0;
    await startDesktop(fake as never, { distDir: '/x', argv: [], log: silentLogger, platform: 'win32' });
    expect(fake.calls).toEqual([
      'app.setAppUserModelId org.wazo-notifier.desktop',
      'app.requestSingleInstanceLock',
      'app.quit',
    ]);
  });
});
