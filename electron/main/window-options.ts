/**
 * The window's options and guards, from Electron's security checklist:
 * sandboxed, context-isolated, no Node in the page, no remote content, no
 * navigation, no new windows, no webviews, and only the notification
 * permission. Plain data and small functions, so they are tested here.
 */
import type { BrowserWindowConstructorOptions, Event, WebContents } from 'electron';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A window's size, and its position when it is to be kept. */
export type WindowPlace = Pick<Bounds, 'width' | 'height'> & Partial<Pick<Bounds, 'x' | 'y'>>;

/** The app's own origin: the renderer is served from the packaged files under this scheme. */
export const APP_ORIGIN = 'app://wazo';

export function windowOptions(opts: {
  preload: string;
  bounds: WindowPlace | null;
  devTools: boolean;
}): BrowserWindowConstructorOptions {
  return {
    show: false,
    title: 'Wazo Notifier',
    width: opts.bounds?.width ?? 1100,
    height: opts.bounds?.height ?? 760,
    ...(opts.bounds?.x !== undefined && opts.bounds.y !== undefined ? { x: opts.bounds.x, y: opts.bounds.y } : {}),
    minWidth: 360,
    minHeight: 420,
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: opts.devTools,
    },
  };
}

/** Navigation, new windows and webviews are refused; the page may only reload itself. */
export function guardContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // `details.url`: the positional url argument is deprecated in Electron 41.
  const stayHome = (details: Event<{ url: string }>) => {
    if (!details.url.startsWith(`${APP_ORIGIN}/`)) details.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event: Event) => event.preventDefault());
}

/** Only notifications may be granted, and only to our own pages. */
export function allowPermission(permission: string, requestingUrl: string): boolean {
  return permission === 'notifications' && requestingUrl.startsWith(`${APP_ORIGIN}/`);
}

/** The Content-Security-Policy of the app's pages (served with every response of the app scheme). */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // A voicemail's recording plays from a Blob URL made of the bytes the core fetched.
  'media-src blob:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
