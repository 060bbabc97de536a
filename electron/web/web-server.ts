/**
 * The browser preview: the renderer build and the contract over a WebSocket,
 * on 127.0.0.1 only, everything under a random per-run token path. A request
 * without the token gets an empty 404; the token never leaves in a Referer.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { PUSH_EVENTS } from '../shared/contract.js';
import { windowCsp } from '../shared/csp.js';
import type { ClientFrame, ServerFrame } from '../shared/wire.js';
import { describeError, silentLogger, type Logger } from '../core/logger.js';
import { dispatchCommand } from '../core/service/commands.js';
import type { NotifierService } from '../core/service/notifier-service.js';
import { readStatic } from './static-files.js';

export interface WebServerOptions {
  service: NotifierService;
  /** The renderer build folder (index.html and assets/). */
  root: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /**
   * One more origin allowed to open the socket: the Vite dev server
   * (`npm run dev`), so the window can be developed with hot reload.
   */
  devOrigin?: string;
  log?: Logger;
}

export interface WebServer {
  /** Opens the app, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A client that lets this much pile up unread is dropped; on reconnect it fetches a fresh snapshot. */
const MAX_BUFFERED = 16 * 1024 * 1024;
const MAX_FRAME = 64 * 1024;

function headers(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': windowCsp(`ws://127.0.0.1:${port}`),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const { service, root } = opts;
  const log = opts.log ?? silentLogger;
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const prefix = `/${token}/`;
  let port = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void serve(req, res);
  });
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !path.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    const file = await readStatic(root, path.slice(prefix.length));
    if (!file) {
      res.writeHead(404, headers(port)).end();
      return;
    }
    res.writeHead(200, { ...headers(port), 'Content-Type': file.type, 'Content-Length': file.body.length });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  server.on('upgrade', (req, socket, head) => {
    const origin = req.headers.origin;
    const okOrigin =
      origin === undefined || origin === `http://127.0.0.1:${port}` || (!!opts.devOrigin && origin === opts.devOrigin);
    if (req.url !== `${prefix}ws` || !okOrigin) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  function send(ws: WebSocket, frame: ServerFrame): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED) {
      ws.close(1013, 'too slow');
      return;
    }
    ws.send(JSON.stringify(frame));
  }

  function accept(ws: WebSocket): void {
    const offs = PUSH_EVENTS.map((event) =>
      service.on(event, (payload) => send(ws, { t: 'push', event, payload } as ServerFrame)),
    );
    ws.on('close', () => offs.forEach((off) => off()));
    ws.on('error', (err) => log.warn(`preview socket error: ${describeError(err)}`));
    ws.on('message', (data, isBinary) => {
      let frame: Partial<ClientFrame>;
      try {
        if (isBinary) throw new Error('binary frame');
        frame = JSON.parse(String(data)) as Partial<ClientFrame>;
      } catch {
        log.warn('preview socket: a frame that is not JSON text was ignored');
        return;
      }
      if (frame?.t !== 'call' || typeof frame.id !== 'number') return;
      const id = frame.id;
      void dispatchCommand(service, frame.command, frame.request).then((reply) =>
        send(
          ws,
          reply.ok
            ? { t: 'reply', id, ok: true, value: reply.value }
            : { t: 'reply', id, ok: false, error: reply.error },
        ),
      );
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    port,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A browser's keep-alive connection must not hold the shutdown.
      server.closeAllConnections();
      await closed;
    },
  };
}
