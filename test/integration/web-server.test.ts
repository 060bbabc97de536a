import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseConfig } from '../../electron/core/config.js';
import { NotifierService } from '../../electron/core/service/notifier-service.js';
import { startWebServer, type WebServer } from '../../electron/web/web-server.js';
import { BROKER_URL } from '../support/broker.js';

let server: WebServer | undefined;
let service: NotifierService | undefined;
afterEach(async () => {
  await server?.close();
  await service?.stop();
});

async function start() {
  const root = mkdtempSync(join(tmpdir(), 'wazo-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'secret.txt'), 'secret');
  const parsed = parseConfig({ url: BROKER_URL, userUuid: randomUUID(), installId: `web${Date.now()}` });
  if (!parsed.ok) throw new Error('config');
  service = new NotifierService(parsed.config);
  server = await startWebServer({ service, root });
  return server;
}

const open = (url: string, origin?: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

const reply = (ws: WebSocket, frame: unknown) =>
  new Promise<Record<string, unknown>>((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });

describe('the preview web server', () => {
  it('serves the app under its token only, with a strict policy and no referrer', async () => {
    const s = await start();
    const ok = await fetch(s.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(ok.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${s.url}assets/app.js`)).headers.get('content-type')).toContain('javascript');
    const base = `http://127.0.0.1:${s.port}`;
    for (const path of [
      '/',
      '/index.html',
      '/assets/app.js',
      '/wrong-token/',
      `${new URL(s.url).pathname}../secret.txt`,
    ]) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(404);
      expect(await r.text()).toBe('');
    }
    expect((await fetch(`${s.url}%2e%2e/%2e%2e/secret.txt`)).status).toBe(404);
    expect((await fetch(s.url, { method: 'POST' })).status).toBe(404);
  });

  it('carries the contract over its WebSocket, checking every request', async () => {
    const s = await start();
    const ws = await open(`${s.url.replace('http', 'ws')}ws`);
    const snap = await reply(ws, { t: 'call', id: 1, command: 'getSnapshot', request: {} });
    expect(snap).toMatchObject({ t: 'reply', id: 1, ok: true, value: { seq: expect.any(Number) } });
    expect(await reply(ws, { t: 'call', id: 2, command: 'dismissToast', request: { id: 5 } })).toMatchObject({
      id: 2,
      ok: false,
      error: expect.stringContaining('invalid dismissToast request'),
    });
    expect(await reply(ws, { t: 'call', id: 3, command: 'shutdown', request: {} })).toMatchObject({
      id: 3,
      ok: false,
      error: expect.stringContaining('unknown command'),
    });
    ws.close();
  });

  it('refuses a socket without the token or from another origin', async () => {
    const s = await start();
    await expect(open(`ws://127.0.0.1:${s.port}/ws`)).rejects.toThrow();
    await expect(open(`${s.url.replace('http', 'ws')}ws`, 'http://evil.example')).rejects.toThrow();
  });
});

describe('the preview web server in development', () => {
  it('accepts the socket from the one dev origin it was given', async () => {
    const s = await start();
    await s.close();
    server = await startWebServer({ service: service!, root: tmpdir(), devOrigin: 'http://localhost:5173' });
    const base = server.url.replace('http', 'ws');
    const ws = await open(`${base}ws`, 'http://localhost:5173');
    ws.close();
    await expect(open(`${base}ws`, 'http://localhost:5174')).rejects.toThrow();
  });
});
