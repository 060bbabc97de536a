/**
 * The desktop app's composition root: every piece is built here and wired
 * in one visible list of steps. Electron's modules come in as a parameter
 * and nothing runs at import time.
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
import { resume } from '../core/wazo/login.js';
import { readStatic } from '../core/web/static-files.js';
import { NO_USER, type Settings } from '../shared/settings.js';
import { applyAutostart, HIDDEN_FLAG } from './autostart.js';
import { registerIpcGate } from './ipc-gate.js';
import { setupNotifications } from './notifications.js';
import { PlaintextRefused, SecretStore } from './secret-store.js';
import type { DesktopProbe } from './probe.js';
import { setupTray } from './tray.js';
import { allowPermission, APP_CSP, APP_ORIGIN, guardContents, windowOptions } from './window-options.js';

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
>;

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

export async function startDesktop(
  e: ElectronModules,
  opts: { distDir: string; argv: string[]; log: Logger; probe?: DesktopProbe },
): Promise<void> {
  const { app, log } = { app: e.app, log: opts.log };
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();

  // 1. Profile and secrets.
  const dataDir = app.getPath('userData');
  const profiles = new ProfileStore(dataDir);
  const loaded = await profiles.load();
  let profile = loaded.profile;
  if (loaded.warning) log.warn(loaded.warning);
  const secrets = new SecretStore(e.safeStorage, dataDir, process.platform, () => profile.allowPlaintextSecrets);
  if (secrets.isPlaintext()) log.warn(`secrets cannot be encrypted here (backend ${secrets.backend()})`);

  // 2. The core.
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
    await profiles.save(profile).catch((err: unknown) => log.error(`profile not saved: ${describeError(err)}`));
  }

  // 2b. The Wazo login: resumed from the kept refresh token; a new one kept through the secret store only.
  await resumeWazo();
  // One at a time, in order: a new login emits the old session's end, then the new one.
  let persisting = Promise.resolve();
  const keepSession = (s: ServiceEvents['session']) => {
    persisting = persisting.then(() => persistSession(s));
  };
  service.on('session', keepSession);
  service.on('expired', () => keepSession(null));
  async function resumeWazo(): Promise<void> {
    const refreshToken = profile.wazo ? await secrets.get(REFRESH_TOKEN) : null;
    if (!profile.wazo || !refreshToken) return;
    try {
      await service.useLink(await resume({ ...profile.wazo, refreshToken, log }), false);
    } catch (err) {
      log.warn(`not logged in to ${profile.wazo.server} again: ${describeError(err)}`);
      if (err instanceof WazoHttpError && err.kind === 'unauthorized') await secrets.delete(REFRESH_TOKEN);
    }
  }
  async function persistSession(s: ServiceEvents['session']): Promise<void> {
    profile = {
      ...profile,
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
    await profiles.save(profile).catch((err: unknown) => log.error(`profile not saved: ${describeError(err)}`));
  }

  // 3. The window's files, under app://wazo/, with the strict CSP.
  const rendererDir = join(opts.distDir, 'renderer');
  e.protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'wazo' ? await readStatic(rendererDir, url.pathname.slice(1)) : undefined;
    if (!file) return new Response(null, { status: 404 });
    return new Response(file.body, {
      headers: { 'Content-Type': file.type, 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff' },
    });
  });
  e.session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(allowPermission(permission, details.requestingUrl)),
  );
  e.session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) =>
    allowPermission(permission, `${origin}/`),
  );

  // 4. The window: hidden to the tray when closed, remembering its place.
  let quitting = false;
  const win = new e.BrowserWindow(
    windowOptions({
      preload: join(opts.distDir, 'preload', 'index.cjs'),
      bounds: profile.window,
      devTools: !app.isPackaged,
    }),
  );
  guardContents(win.webContents);
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  const show = () => {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  if (!opts.argv.includes(HIDDEN_FLAG)) win.once('ready-to-show', show);
  win.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    win.hide();
  });
  let boundsTimer: NodeJS.Timeout | undefined;
  const rememberBounds = () => {
    clearTimeout(boundsTimer);
    boundsTimer = setTimeout(() => {
      profile = { ...profile, window: win.getBounds() };
      void profiles.save(profile).catch(() => {});
    }, 500);
  };
  win.on('resize', rememberBounds);
  win.on('move', rememberBounds);
  app.on('second-instance', show);

  // 5. Core ⇄ window.
  const undoGate = registerIpcGate({
    ipcMain: e.ipcMain,
    contents: () => (win.isDestroyed() ? null : win.webContents),
    service,
    log,
  });

  // 6. Tray.
  const tray = setupTray(e, {
    service,
    windowVisible: () => win.isVisible(),
    toggleWindow: () => (win.isVisible() ? win.hide() : show()),
    quit: () => app.quit(),
    setBadgeCount: (n) => app.setBadgeCount(n),
    log,
    probe: opts.probe,
  });
  tray.on('click', show);

  // 7. System notifications, by the policy.
  const policy = new NotificationPolicy(profile.notifications);
  setupNotifications(e, { service, policy, show, platform: process.platform, probe: opts.probe });

  // 8. Preferences (from the window's settings) and start at login, as the profile says.
  const autostart = (enabled: boolean) =>
    applyAutostart(enabled, {
      platform: process.platform,
      app,
      execPath: process.execPath,
      configHome: process.env['XDG_CONFIG_HOME'] ?? join(app.getPath('home'), '.config'),
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
    void profiles.save(profile).catch((err: unknown) => log.error(`profile not saved: ${describeError(err)}`));
    if (changedLogin) void autostart(prefs.startAtLogin);
  });
  await autostart(profile.startAtLogin);

  // 9. Go, and stop cleanly on quit and on OS logout or shutdown.
  await service.start();
  let stopping = false;
  app.on('before-quit', () => (quitting = true));
  app.on('will-quit', (event) => {
    if (stopping) return;
    stopping = true;
    event.preventDefault();
    undoGate();
    tray.destroy();
    // The Wazo session is kept (not revoked) so that the next start resumes it; logout revokes it.
    void Promise.allSettled([service.close(), profiles.save(profile)]).then(() => app.exit(0));
  });
  e.powerMonitor.on('shutdown', () => app.quit());
}
