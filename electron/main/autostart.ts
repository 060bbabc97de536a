/**
 * Start at login, hidden in the tray: login items on Windows and macOS, an
 * XDG autostart entry on Linux. Off by default; the settings switch it.
 */
import type { App } from 'electron';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const HIDDEN_FLAG = '--hidden';

/** The XDG autostart entry (freedesktop Desktop Entry) that starts the app hidden. */
export function xdgAutostartEntry(execPath: string): string {
  // Desktop Entry Exec quoting: the path in double quotes, with \\ " ` $ escaped.
  const quoted = `"${execPath.replace(/[\\"`$]/g, (c) => `\\\\${c}`)}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Wazo Notifier',
    'Comment=Your Wazo phone line, in the tray',
    `Exec=${quoted} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface AutostartDeps {
  platform: NodeJS.Platform;
  app: Pick<App, 'setLoginItemSettings'>;
  execPath: string;
  /** $XDG_CONFIG_HOME, or ~/.config. */
  configHome: string;
}

/** Turns start-at-login on or off for this platform. */
export async function applyAutostart(enabled: boolean, deps: AutostartDeps): Promise<void> {
  if (deps.platform === 'linux') {
    const dir = join(deps.configHome, 'autostart');
    const file = join(dir, 'wazo-notifier.desktop');
    if (!enabled) return rm(file, { force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(file, xdgAutostartEntry(deps.execPath), { mode: 0o644 });
    return;
  }
  deps.app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true, args: [HIDDEN_FLAG] });
}
