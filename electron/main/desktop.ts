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
import { joinPassword, splitPassword, type Profile } from '../core/profile/profile.js';
import { ProfileStore } from '../core/profile/profile-store.js';
import { parseConfig, type NotifierConfig } from '../core/config.js';
import { describeError, type Logger } from '../core/logger.js';
import { NotifierService, type ServiceEvents } from '../core/service/notifier-service.js';
import { WazoHttpError } from '../core/wazo/http-client.js';
import { closeLink, resume } from '../core/wazo/login.js';
import { readStatic } from '../core/web/static-files.js';
import { NO_USER, type Settings } from '../shared/settings.js';
import { applyAutostart, HIDDEN_FLAG, launchCommand, startsHidden, xdgConfigHome } from './autostart.js';
import { retryInBackground, type AttemptOutcome } from './background-retry.js';
import { createFileLogger, teeLogger } from './file-log.js';
import { registerIpcGate } from './ipc-gate.js';
import { pickLanguage, stringsFor } from './main-strings.js';
import { setupNotifications } from './notifications.js';
import { setupQuit } from './quit.js';
import { PlaintextRefused, SecretStore } from './secret-store.js';
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
export const APP_USER_MODEL_ID = 'org.wazo-notifier.desktop';

const PASSWORD = 'bus-password';
/** The Wazo session's refresh token: the app logs in again at start without the password. */
const REFRESH_TOKEN = 'wazo-refresh-token';

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
  let profile = loaded.profile;
  if (loaded.warning) log.warn(loaded.warning);
  const secrets = new SecretStore(e.safeStorage, dataDir, platform, () => profile.allowPlaintextSecrets);
  if (secrets.isPlaintext()) log.warn(`secrets cannot be encrypted here (backend ${secrets.backend()})`);
  const saveProfile = () =>
    profiles.save(profile).catch((err: unknown) => log.error(`profile not saved: ${describeError(err)}`));

  // 2. The core (nothing is sent yet), and what it asks to keep.
  const service = new NotifierService(configFrom(profile, await secrets.get(PASSWORD)), { log });
  service.on('settings', (s: Settings) => void persistSettings(s));
  async function persistSettings(s: Settings): Promise<void> {
    const { url, password } = splitPassword(s.url);
    profile = { ...profile, transport: s.transport, url, mode: s.mode, exchange: s.exchange, userUuid: s.userUuid };
    try {
      if (password) await secrets.set(PASSWORD, password);
      else await secrets.delete(PASSWORD);
    } catch (err) {
      log.warn(err instanceof PlaintextRefused ? err.message : `password not saved: ${describeError(err)}`);
    }
    await saveProfile();
  }
  // One at a time, in order: a new login emits the old session's end, then the new one.
  let persisting = Promise.resolve();
  const keepSession = (s: ServiceEvents['session']) => {
    persisting = persisting.then(() => persistSession(s));
  };
  service.on('session', keepSession);
  service.on('expired', () => keepSession(null));
  async function persistSession(s: ServiceEvents['session']): Promise<void> {
    profile = {
      ...profile,
      // The token's user is kept too: the next start follows them even before the resume succeeds.
      ...(s ? { userUuid: s.session.userUuid } : {}),
      wazo: s
        ? { server: s.server, username: s.username, ...(s.tlsFingerprint ? { tlsFingerprint: s.tlsFingerprint } : {}) }
        : null,
    };
    try {
      if (s?.session.refreshToken) await secrets.set(REFRESH_TOKEN, s.session.refreshToken);
      else await secrets.delete(REFRESH_TOKEN);
    } catch (err) {
      log.warn(err instanceof PlaintextRefused ? err.message : `Wazo session not kept: ${describeError(err)}`);
    }
    await saveProfile();
  }

  // 3. The window's files.
  serveWindowFiles(e, join(opts.distDir, 'renderer'));

  // 4. The window: placed on a current display, hidden to the tray when closed (where a tray shows).
  const win = new e.BrowserWindow(
    windowOptions({
      preload: join(opts.distDir, 'preload', 'index.cjs'),
      bounds: placeOnDisplays(
        profile.window,
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
      profile = { ...profile, window: win.getBounds() };
      void profiles.save(profile).catch(() => {});
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
  const policy = new NotificationPolicy(profile.notifications);
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
      notifications: profile.notifications,
      startAtLogin: profile.startAtLogin,
      allowPlaintextSecrets: profile.allowPlaintextSecrets,
    },
    secrets.isPlaintext() ? 'plaintext' : 'encrypted',
  );
  service.on('preferences', (prefs) => {
    policy.setPrefs(prefs.notifications);
    const changedLogin = prefs.startAtLogin !== profile.startAtLogin;
    profile = { ...profile, ...prefs };
    void saveProfile();
    if (changedLogin) void autostart(prefs.startAtLogin);
  });
  void autostart(profile.startAtLogin);

  // 9. Go: the core, then the Wazo session resumed in the background (retried while unreachable).
  const started = service.start().catch((err: unknown) => log.error(`events not started: ${describeError(err)}`));
  const resumer = retryInBackground(async (): Promise<AttemptOutcome> => {
    await started;
    return resumeWazo();
  });
  e.powerMonitor.on('resume', () => resumer.retryNow());
  async function resumeWazo(): Promise<AttemptOutcome> {
    const kept = profile.wazo;
    const refreshToken = kept ? await secrets.get(REFRESH_TOKEN) : null;
    if (!kept || !refreshToken || service.wazo) return 'done';
    try {
      const link = await resume({ ...kept, refreshToken, log, allowPlainHttp: 'loopback-only' });
      // The user logged in from the window meanwhile: theirs wins.
      if (service.wazo) {
        await closeLink(link, false);
        return 'done';
      }
      await service.useLink(link);
      return 'done';
    } catch (err) {
      log.warn(`not logged in to ${kept.server} again: ${describeError(err)}`);
      if (err instanceof WazoHttpError && err.transient) return 'retry';
      if (err instanceof WazoHttpError && err.kind === 'unauthorized') await secrets.delete(REFRESH_TOKEN);
      return 'done';
    }
  }

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
    stop: () => Promise.allSettled([service.close(), persisting.then(() => profiles.save(profile))]),
  });
  win.on('close', (event) => {
    if (quit.quitting()) return;
    event.preventDefault();
    if (onClose === 'hide') win.hide();
    else win.minimize();
  });
}
