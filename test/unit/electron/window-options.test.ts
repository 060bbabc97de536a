import { describe, expect, it } from 'vitest';
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
