/**
 * The desktop app's composition root: every piece is built here and wired
 * in one visible list of steps. Electron's modules come in as a parameter
 * and nothing runs at import time. The window and the tray come first and
 * never wait on the network: the Wazo session is resumed in the background,
 * and retried while the server cannot be reached.
 */
import type * as Electron from 'electron';
import { join } from 'node:path';
import { NotificationPolicy } from '../core/notify/notification-policy.js';
import { joinPassword, type Profile } from '../profile/profile.js';
import { KeptProfile, ProfileStore } from '../profile/profile-store.js';
import { parseConfig, type NotifierConfig } from '../core/config.js';
import { describeError, type Logger } from '../core/logger.js';
import { NotifierService } from '../core/service/notifier-service.js';
import { readStatic } from '../web/static-files.js';
import { NO_USER } from '../shared/settings.js';
import { applyAutostart, HIDDEN_FLAG, launchCommand, startsHidden, xdgConfigHome } from './autostart.js';
import { retryInBackground } from './background-retry.js';
import { createFileLogger, teeLogger } from './file-log.js';
import { registerIpcGate } from './ipc-gate.js';
import { pickLanguage, stringsFor } from './main-strings.js';
import { setupNotifications } from './notifications.js';
import { setupQuit } from './quit.js';
import { keepState, PASSWORD, resumeOnce } from './kept-state.js';
import { SecretStore } from './secret-store.js';
import type { DesktopProbe } from './probe.js';
import { setupTray } from './tray.js';
import { allowPermission, APP_CSP, APP_ORIGIN, guardContents, windowOptions } from './window-options.js';
import { closeAction, placeOnDisplays } from './window-place.js';

/** The Electron modules the app uses, passed in by the entry point (and by tests, as fakes). */
export type ElectronModules = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'ipcMain'
  | 'protocol'
  | 'Tray'
  | 'Menu'
  | 'nativeImage'
  | 'Notification'
  | 'safeStorage'
  | 'session'
  | 'powerMonitor'
  | 'screen'
  | 'shell'
>;

/** The Windows AppUserModelID: electron-builder's NSIS shortcut carries the appId, and toasts need the same. */
const APP_USER_MODEL_ID = 'org.wazo-notifier.desktop';

/** Must run before the app is ready: the scheme the window's files are served from. */
export function registerAppScheme(protocol: ElectronModules['protocol']): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
}

function configFrom(profile: Profile, password: string | null): NotifierConfig {
  const parsed = parseConfig({
    transport: profile.transport,
    url: joinPassword(profile.url, password),
    mode: profile.mode,
    ...(profile.exchange ? { exchange: profile.exchange } : {}),
    userUuid: profile.userUuid || NO_USER,
    installId: profile.installId,
  });
  if (!parsed.ok) throw new Error(`profile: ${parsed.errors.join('; ')}`);
  return parsed.config;
}

/** The window's files under app://wazo/ with the strict CSP, and only the notification permission. */
function serveWindowFiles(e: ElectronModules, rendererDir: string): void {
  e.protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    // A malformed escape (`%E0%A4%A`) makes decodeURIComponent throw: a 404 like any other bad path.
    const file =
      url.host === 'wazo' ? await readStatic(rendererDir, url.pathname.slice(1)).catch(() => undefined) : undefined;
    if (!file) return new Response(null, { status: 404 });
    return new Response(Uint8Array.from(file.body), {
      headers: { 'Content-Type': file.type, 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff' },
    });
  });
  e.session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(allowPermission(permission, details.requestingUrl)),
  );
  e.session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) =>
    allowPermission(permission, `${origin}/`),
  );
}

/** Options of the desktop app's start. */
export interface DesktopOptions {
  distDir: string;
  argv: string[];
  log: Logger;
  probe?: DesktopProbe;
  /** The environment (APPIMAGE, XDG_*); process.env by default. */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** Starts the desktop app: window and tray first, then the core, then the Wazo resume in the background. */
export async function startDesktop(e: ElectronModules, opts: DesktopOptions): Promise<void> {
  const app = e.app;
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // At once, so that a second launch while this one starts is not lost.
  let showWindow: (() => void) | undefined;
  let showWhenReady = false;
  const onSecondInstance = (_event: Electron.Event, argv: string[]) => {
    if (argv.includes(HIDDEN_FLAG)) return; // a duplicate autostart: stay in the tray
    if (showWindow) showWindow();
    else showWhenReady = true;
  };
  app.on('second-instance', onSecondInstance);
  await app.whenReady();

  // 1. The log file, the language, the profile and the secrets.
  const dataDir = app.getPath('userData');
  const fileLog = createFileLogger({ dir: join(dataDir, 'logs') });
  const log = teeLogger(opts.log, fileLog);
  log.info(`starting ${app.getName()} ${app.getVersion()} on ${platform}`);
  const strings = stringsFor(pickLanguage(app.getPreferredSystemLanguages(), app.getLocale()));
  const profiles = new ProfileStore(dataDir);
  const loaded = await profiles.load();
  if (loaded.warning) log.warn(loaded.warning);
  const profile = new KeptProfile(loaded.profile, profiles, log);
  const secrets = new SecretStore(e.safeStorage, dataDir, platform, () => profile.current.allowPlaintextSecrets);
  if (secrets.isPlaintext()) log.warn(`secrets cannot be encrypted here (backend ${secrets.backend()})`);

  // 2. The core (nothing is sent yet), and what it asks to keep (subscribed before any resume).
  const service = new NotifierService(configFrom(profile.current, await secrets.get(PASSWORD)), { log });
  const kept = keepState({ service, secrets, profile, log });

  // 3. The window's files.
  serveWindowFiles(e, join(opts.distDir, 'renderer'));

  // 4. The window: placed on a current display, hidden to the tray when closed (where a tray shows).
  const win = new e.BrowserWindow(
    windowOptions({
      preload: join(opts.distDir, 'preload', 'index.cjs'),
      bounds: placeOnDisplays(
        profile.current.window,
        e.screen.getAllDisplays().map((d) => d.workArea),
      ),
      devTools: !app.isPackaged,
    }),
  );
  guardContents(win.webContents);
  const load = () =>
    win
      .loadURL(`${APP_ORIGIN}/index.html`)
      .catch((err: unknown) => log.warn(`window not loaded: ${describeError(err)}`));
  void load();
  let lastCrash = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    log.error(`the window's page stopped (${details.reason})`);
    if (details.reason === 'clean-exit' || Date.now() - lastCrash < 10_000) return;
    lastCrash = Date.now();
    void load();
  });
  const show = () => {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  showWindow = show;
  if (!startsHidden(opts.argv, platform, app) || showWhenReady) win.once('ready-to-show', show);
  app.on('activate', show); // macOS: the Dock icon, or opening the app again from Finder
  const onClose = closeAction(platform, env);
  let boundsTimer: NodeJS.Timeout | undefined;
  const rememberBounds = () => {
    clearTimeout(boundsTimer);
    boundsTimer = setTimeout(() => {
      if (win.isDestroyed()) return;
      void profile.update({ window: win.getBounds() });
    }, 500);
  };
  win.on('resize', rememberBounds);
  win.on('move', rememberBounds);

  // 5. Core ⇄ window; the log folder is main's to show.
  const undoGate = registerIpcGate({
    ipcMain: e.ipcMain,
    contents: () => (win.isDestroyed() ? null : win.webContents),
    service,
    log,
    local: {
      openLogFolder: async () => {
        e.shell.showItemInFolder(fileLog.file);
        return { ok: true };
      },
    },
  });

  // 6. Tray.
  const tray = setupTray(e, {
    service,
    windowVisible: () => !win.isDestroyed() && win.isVisible(),
    toggleWindow: () => (win.isVisible() ? win.hide() : show()),
    quit: () => app.quit(),
    setBadgeCount: (n) => app.setBadgeCount(n),
    log,
    probe: opts.probe,
    strings,
    onWindowVisibility: (refresh) => {
      win.on('show', refresh);
      win.on('hide', refresh);
    },
  });
  tray.on('click', show);

  // 7. System notifications, by the policy.
  const policy = new NotificationPolicy(profile.current.notifications);
  const offNotifications = setupNotifications(e, { service, policy, show, platform, probe: opts.probe, strings });

  // 8. Preferences (from the window's settings) and start at login, as the profile says.
  const autostart = (enabled: boolean) =>
    applyAutostart(enabled, {
      platform,
      app,
      command: launchCommand({
        execPath: process.execPath,
        appImage: env['APPIMAGE'],
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
      }),
      configHome: xdgConfigHome(env, app.getPath('home')),
    }).catch((err: unknown) => log.warn(`start at login not applied: ${describeError(err)}`));
  service.initPreferences(
    {
      notifications: profile.current.notifications,
      startAtLogin: profile.current.startAtLogin,
      allowPlaintextSecrets: profile.current.allowPlaintextSecrets,
    },
    secrets.isPlaintext() ? 'plaintext' : 'encrypted',
  );
  service.initMissedMarks(profile.current.missedMarks);
  service.on('missedMarks', (missedMarks) => {
    void profile.update({ missedMarks });
  });
  service.on('preferences', (prefs) => {
    policy.setPrefs(prefs.notifications);
    const changedLogin = prefs.startAtLogin !== profile.current.startAtLogin;
    void profile.update(prefs);
    if (changedLogin) void autostart(prefs.startAtLogin);
  });
  void autostart(profile.current.startAtLogin);

  // 9. Go: the core, then the Wazo session resumed in the background (retried while unreachable).
  const started = service.start().catch((err: unknown) => log.error(`events not started: ${describeError(err)}`));
  const resumer = retryInBackground(async () => {
    await started;
    return resumeOnce({ service, secrets, profile, log });
  });
  e.powerMonitor.on('resume', () => resumer.retryNow());

  // 10. Quit, and OS logout or shutdown: one clean stop within its deadline.
  const quit = setupQuit({
    app,
    powerMonitor: e.powerMonitor,
    window: win,
    log,
    detach: () => {
      showWindow = undefined;
      app.removeListener('second-instance', onSecondInstance);
      app.removeListener('activate', show);
      resumer.stop();
      clearTimeout(boundsTimer);
      undoGate();
      offNotifications();
      tray.destroy();
    },
    // The Wazo session is kept (not revoked) so that the next start resumes it; logout revokes it.
    stop: () => Promise.allSettled([service.close(), kept.pending().then(() => profile.update({}))]),
  });
  win.on('close', (event) => {
    if (quit.quitting()) return;
    event.preventDefault();
    if (onClose === 'hide') win.hide();
    else win.minimize();
  });
}
