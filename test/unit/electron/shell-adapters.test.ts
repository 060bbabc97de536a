import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../../electron/core/store/state.js';
import {
  applyAutostart,
  launchCommand,
  quoteExecArg,
  startsHidden,
  xdgAutostartEntry,
  xdgConfigHome,
} from '../../../electron/main/autostart.js';
import { trayMenu, trayState, type TrayMenuEntry } from '../../../electron/main/tray-state.js';
import { setupTray } from '../../../electron/main/tray.js';
import type { DesktopProbe } from '../../../electron/main/probe.js';
import { allowPermission, APP_CSP, guardContents, windowOptions } from '../../../electron/main/window-options.js';

describe('window options and guards', () => {
  it('follows the security checklist', () => {
    const o = windowOptions({ preload: '/app/preload/index.cjs', bounds: null, devTools: false });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(o.show).toBe(false);
  });

  it('restores the remembered size and place', () => {
    const o = windowOptions({ preload: 'p', bounds: { x: 10, y: 20, width: 800, height: 600 }, devTools: false });
    expect(o).toMatchObject({ x: 10, y: 20, width: 800, height: 600 });
  });

  it('denies new windows, navigation away, redirects and webviews', () => {
    const handlers = new Map<
      string,
      (e: { url?: string | undefined; preventDefault(): void; prevented?: boolean }, url?: string) => void
    >();
    let openHandler: (() => { action: string }) | undefined;
    guardContents({
      on: ((name: string, fn: never) => handlers.set(name, fn)) as never,
      setWindowOpenHandler: ((fn: () => { action: string }) => (openHandler = fn)) as never,
    });
    expect(openHandler!()).toEqual({ action: 'deny' });
    const ev = (url?: string) => ({
      url,
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    });
    for (const [name, url, blocked] of [
      ['will-navigate', 'https://evil.example/', true],
      ['will-navigate', 'file:///etc/passwd', true],
      ['will-navigate', 'app://wazo/index.html', false],
      ['will-redirect', 'http://127.0.0.1/', true],
      ['will-attach-webview', undefined, true],
    ] as const) {
      const e = ev(url);
      handlers.get(name)!(e, url);
      expect(e.prevented, `${name} ${url}`).toBe(blocked);
    }
  });

  it('grants notifications to our pages only, and nothing else', () => {
    expect(allowPermission('notifications', 'app://wazo/index.html')).toBe(true);
    expect(allowPermission('notifications', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal'])
      expect(allowPermission(p, 'app://wazo/')).toBe(false);
  });

  it('has a strict Content-Security-Policy', () => {
    expect(APP_CSP).toContain("default-src 'none'");
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toContain('unsafe');
  });
});

describe('tray state', () => {
  const base = initialState('u').snapshot;
  it('shows offline, connected and DND, with counts in the tooltip and the badge', () => {
    expect(trayState(base)).toMatchObject({ icon: 'offline', badge: 0 });
    const connected = { ...base, connection: { status: 'connected' as const } };
    expect(trayState(connected).icon).toBe('connected');
    const busy = {
      ...connected,
      services: { dnd: { enabled: true }, incallfilter: null },
      voicemail: { unread: 2, messages: [] },
      missed_calls: [{ caller_id_name: null, caller_id_number: '1', at: '', source: 'bus' as const }],
    };
    expect(trayState(busy)).toEqual({
      icon: 'dnd',
      tooltip: 'Wazo Notifier\nDo not disturb\n2 unread voicemails\n1 missed call',
      badge: 3,
    });
    expect(trayState({ ...base, connection: { status: 'reconnecting', attempt: 3 } }).tooltip).toContain(
      'Reconnecting (attempt 3)',
    );
    expect(trayState({ ...base, connection: { status: 'idle' } })).toMatchObject({
      icon: 'offline',
      tooltip: 'Wazo Notifier\nNot signed in',
    });
  });
});

describe('tray menu', () => {
  const base = { ...initialState('u').snapshot, connection: { status: 'connected' as const } };
  const items = (m: TrayMenuEntry[]) => m.flatMap((e) => (e.kind === 'item' ? [e] : []));

  it('offers DND and the incall filter only once logged in, each set to the opposite of its state', () => {
    const out = items(trayMenu(base, true));
    expect(out.map((i) => i.label)).toEqual(['Hide', 'Connected', 'Do not disturb', 'Incoming call filter', 'Quit']);
    expect(out[2]).toMatchObject({ enabled: false, checked: false });
    const logged = {
      ...base,
      account: { username: 'alice', server: 'https://wazo.example.com', tenant_uuid: null },
      services: { dnd: { enabled: true }, incallfilter: null },
    };
    const menu = items(trayMenu(logged, false));
    expect(menu[0]!.label).toBe('Show');
    expect(menu[1]!.label).toBe('Do not disturb');
    expect(menu[2]).toMatchObject({
      label: 'Do not disturb',
      enabled: true,
      checked: true,
      action: { kind: 'set-service', service: 'dnd', enabled: false },
    });
    expect(menu[3]).toMatchObject({
      checked: false,
      action: { kind: 'set-service', service: 'incallfilter', enabled: true },
    });
  });

  it('is built into Electron’s tray, and a click on DND asks the core to change it', async () => {
    const asked: unknown[] = [];
    const templates: { label?: string; type?: string; click?: () => void }[][] = [];
    const service = {
      snapshot: {
        ...base,
        account: { username: 'alice', server: 'https://wazo.example.com', tenant_uuid: null },
        services: { dnd: { enabled: false }, incallfilter: { enabled: false } },
        voicemail: { unread: 1, messages: [] },
      },
      on: () => () => {},
      setService: async (r: unknown) => (asked.push(r), { ok: true as const }),
    };
    const recorded: { tooltip?: string; badge?: number } = {};
    class FakeTray {
      setImage() {}
      setToolTip(t: string) {
        recorded.tooltip = t;
      }
      setContextMenu() {}
      on() {}
    }
    const probe: DesktopProbe = { notifications: [], tray: null, menu: [] };
    setupTray(
      {
        Tray: FakeTray as never,
        Menu: { buildFromTemplate: (t: (typeof templates)[number]) => (templates.push(t), {}) } as never,
        nativeImage: { createFromBuffer: () => ({}) } as never,
      },
      {
        service: service as never,
        windowVisible: () => true,
        toggleWindow: () => {},
        quit: () => {},
        setBadgeCount: (n) => (recorded.badge = n),
        log: { info() {}, warn() {}, error() {} },
        probe,
      },
    );
    expect(recorded).toEqual({ tooltip: 'Wazo Notifier\n1 unread voicemail', badge: 1 });
    expect(probe.menu.find((m) => m.label === 'Do not disturb')).toEqual({
      label: 'Do not disturb',
      enabled: true,
      checked: false,
    });
    const dnd = templates[0]!.find((m) => m.label === 'Do not disturb')!;
    expect(dnd.type).toBe('checkbox');
    dnd.click!();
    await Promise.resolve();
    expect(asked).toEqual([{ service: 'dnd', enabled: true }]);
  });

  it('relabels Show/Hide when the window is shown or hidden, not only on a new snapshot', () => {
    const labels: string[] = [];
    class FakeTray {
      setImage() {}
      setToolTip() {}
      setContextMenu() {}
      on() {}
      isDestroyed() {
        return false;
      }
    }
    let visible = false;
    let onVisibility: () => void = () => {};
    setupTray(
      {
        Tray: FakeTray as never,
        Menu: {
          buildFromTemplate: (t: { label?: string }[]) => (labels.push(t[0]!.label!), {}),
        } as never,
        nativeImage: { createFromBuffer: () => ({}) } as never,
      },
      {
        service: { snapshot: base, on: () => () => {} } as never,
        windowVisible: () => visible,
        toggleWindow: () => {},
        quit: () => {},
        setBadgeCount: () => {},
        log: { info() {}, warn() {}, error() {} },
        onWindowVisibility: (fn) => (onVisibility = fn),
      },
    );
    visible = true;
    onVisibility();
    visible = false;
    onVisibility();
    expect(labels).toEqual(['Show', 'Hide', 'Show']);
  });
});

describe('start at login', () => {
  it('writes and removes an XDG autostart entry on Linux that starts hidden', async () => {
    const home = mkdtempSync(join(tmpdir(), 'wazo-xdg-'));
    const calls: unknown[] = [];
    const deps = {
      platform: 'linux' as const,
      app: { setLoginItemSettings: (s: unknown) => calls.push(s) },
      command: { path: '/opt/Wazo Notifier/wazo-notifier', args: [] },
      configHome: home,
    };
    await applyAutostart(true, deps);
    const file = join(home, 'autostart', 'wazo-notifier.desktop');
    const entry = readFileSync(file, 'utf8');
    expect(entry).toContain('Exec="/opt/Wazo Notifier/wazo-notifier" --hidden');
    expect(entry).toContain('Type=Application');
    await applyAutostart(false, deps);
    expect(existsSync(file)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('escapes what the Desktop Entry format requires (quoting, then the string rule)', () => {
    expect(xdgAutostartEntry({ path: '/a "b"/$c', args: [] })).toContain('Exec="/a \\\\"b\\\\"/\\\\$c" --hidden');
    // A literal backslash is four in the file; a literal % is %%; a line break cannot be written.
    expect(quoteExecArg('C:\\x')).toBe('"C:\\\\\\\\x"');
    expect(quoteExecArg('/100%/app')).toBe('"/100%%/app"');
    expect(() => quoteExecArg('/a\nExec=evil')).toThrow(/line break/);
  });

  it('starts the AppImage file, not its per-run mount, and this app in a dev run', () => {
    const packaged = { execPath: '/tmp/.mount_abc/wazo-notifier', isPackaged: true, appPath: '/x' };
    expect(launchCommand({ ...packaged, appImage: '/home/u/Apps/Wazo.AppImage' })).toEqual({
      path: '/home/u/Apps/Wazo.AppImage',
      args: [],
    });
    expect(launchCommand({ ...packaged, appImage: undefined }).path).toBe('/tmp/.mount_abc/wazo-notifier');
    const dev = launchCommand({
      execPath: '/w/node_modules/electron/dist/electron',
      appImage: undefined,
      isPackaged: false,
      appPath: '/w',
    });
    expect(xdgAutostartEntry(dev)).toContain('Exec="/w/node_modules/electron/dist/electron" "/w" --hidden');
  });

  it('ignores an empty or relative XDG_CONFIG_HOME', () => {
    expect(xdgConfigHome({ XDG_CONFIG_HOME: '' }, '/home/u')).toBe('/home/u/.config');
    expect(xdgConfigHome({ XDG_CONFIG_HOME: 'rel' }, '/home/u')).toBe('/home/u/.config');
    expect(xdgConfigHome({ XDG_CONFIG_HOME: '/c' }, '/home/u')).toBe('/c');
  });

  it('uses a login item on macOS, and knows it was opened at login there without arguments', async () => {
    const calls: unknown[] = [];
    await applyAutostart(true, {
      platform: 'darwin',
      app: { setLoginItemSettings: (s: unknown) => calls.push(s) },
      command: { path: '/Applications/Wazo Notifier.app/Contents/MacOS/Wazo Notifier', args: [] },
      configHome: '',
    });
    expect(calls).toEqual([{ openAtLogin: true }]);
    const atLogin = { getLoginItemSettings: () => ({ wasOpenedAtLogin: true }) as never };
    expect(startsHidden(['app'], 'darwin', atLogin)).toBe(true);
    expect(startsHidden(['app'], 'win32', atLogin)).toBe(false);
    expect(startsHidden(['app', '--hidden'], 'linux', atLogin)).toBe(true);
  });

  it('uses a login item on Windows that starts this app hidden, dev runs included', async () => {
    const calls: unknown[] = [];
    await applyAutostart(true, {
      platform: 'win32',
      app: { setLoginItemSettings: (s: unknown) => calls.push(s) },
      command: { path: 'C:\\e\\electron.exe', args: ['C:\\w'] },
      configHome: '',
    });
    expect(calls).toEqual([{ openAtLogin: true, path: 'C:\\e\\electron.exe', args: ['C:\\w', '--hidden'] }]);
  });
});
