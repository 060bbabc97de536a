/**
 * Start at login, hidden in the tray: login items on Windows and macOS, an
 * XDG autostart entry on Linux. Off by default; the settings switch it.
 * What is started must outlive this run: the AppImage file (not its per-run
 * mount), and in a dev run Electron with this app's folder (not Electron's
 * default app). macOS gives no arguments to login items, so the app asks
 * whether it was opened at login instead of looking for `--hidden`.
 */
import type { App } from 'electron';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/** The argument that starts the app hidden in the tray. */
export const HIDDEN_FLAG = '--hidden';

/** What the OS runs at login: a program and its arguments (without `--hidden`). */
export interface LaunchCommand {
  path: string;
  args: string[];
}

/**
 * The command that starts this app again later: `$APPIMAGE` (the AppImage
 * runtime's own file) over `process.execPath` (inside a mount gone by the next
 * login); in a dev run, the app's folder as Electron's argument.
 */
export function launchCommand(opts: {
  execPath: string;
  appImage: string | undefined;
  isPackaged: boolean;
  appPath: string;
}): LaunchCommand {
  return { path: opts.appImage || opts.execPath, args: opts.isPackaged ? [] : [opts.appPath] };
}

/** One argument quoted for a Desktop Entry `Exec` key (quoting rule, then the string escape rule). */
export function quoteExecArg(arg: string): string {
  if (/[\n\r\0]/.test(arg)) throw new Error('a path with a line break cannot go in an autostart entry');
  // Exec quoting escapes " ` $ \ with a backslash; the string rule then doubles every backslash.
  const quoted = arg.replace(/[\\"`$]/g, (c) => (c === '\\' ? '\\\\\\\\' : `\\\\${c}`));
  // `%` starts a field code in Exec: a literal one is written `%%`.
  return `"${quoted.replace(/%/g, '%%')}"`;
}

/** The XDG autostart entry (freedesktop Desktop Entry) that starts the app hidden. */
export function xdgAutostartEntry(command: LaunchCommand): string {
  const exec = [command.path, ...command.args].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Wazo Notifier',
    'Comment=Your Wazo phone line, in the tray',
    `Exec=${exec} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** $XDG_CONFIG_HOME when set to an absolute path (the XDG spec ignores anything else), else ~/.config. */
export function xdgConfigHome(env: NodeJS.ProcessEnv, home: string): string {
  const set = env['XDG_CONFIG_HOME'];
  return set && isAbsolute(set) ? set : join(home, '.config');
}

/** True when this run should start hidden in the tray: `--hidden`, or a macOS login item. */
export function startsHidden(
  argv: readonly string[],
  platform: NodeJS.Platform,
  app: Pick<App, 'getLoginItemSettings'>,
): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}

/** What start-at-login needs from the world. */
export interface AutostartDeps {
  platform: NodeJS.Platform;
  app: Pick<App, 'setLoginItemSettings'>;
  command: LaunchCommand;
  /** $XDG_CONFIG_HOME, or ~/.config (see `xdgConfigHome`). */
  configHome: string;
}

/** Turns start-at-login on or off for this platform. */
export async function applyAutostart(enabled: boolean, deps: AutostartDeps): Promise<void> {
  if (deps.platform === 'linux') {
    const dir = join(deps.configHome, 'autostart');
    const file = join(dir, 'wazo-notifier.desktop');
    if (!enabled) return rm(file, { force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(file, xdgAutostartEntry(deps.command), { mode: 0o644 });
    return;
  }
  if (deps.platform === 'darwin') {
    // No arguments reach a macOS login item (`args` is Windows only, `openAsHidden` is gone
    // since macOS 13): `startsHidden` asks `wasOpenedAtLogin` instead.
    deps.app.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  deps.app.setLoginItemSettings({
    openAtLogin: enabled,
    path: deps.command.path,
    args: [...deps.command.args, HIDDEN_FLAG],
  });
}
