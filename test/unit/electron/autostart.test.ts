import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyAutostart,
  launchCommand,
  quoteExecArg,
  startsHidden,
  xdgAutostartEntry,
  xdgConfigHome,
} from '../../../electron/main/autostart.js';

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
