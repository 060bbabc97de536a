/**
 * The wazo-websocketd event source: how a user at their desk gets their events
 * (RabbitMQ is not reachable from there; the WebSocket behind the server's
 * HTTPS is). Protocol version 2, as the real server implements it
 * (shared/docs/wazo-websocketd-facts.md): wait for `init`, one `subscribe`
 * per event name, then `start`, and count on delivery only once `start` is
 * answered. The token travels in the `X-Auth-Token` header (never in a URL
 * that proxies log) and is swapped in place with the `token` op whenever the
 * login renews it. An application `ping` every 30 s with no `pong` within
 * 10 s means a dead path: reconnect. Every close but ours reconnects with a
 * capped, jittered backoff; close codes decide what else happens first
 * (`closeAction`). Events missed while disconnected are lost by design: each
 * `connected` makes the Wazo account read the state again over REST.
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { ErrorReason } from '../../shared/error-reason.js';
import type { ConnectionSource, ConnectionState } from '../../shared/snapshot.js';
import { Emitter } from '../emitter.js';
import { describeError, silentLogger, type Logger } from '../logger.js';
import { certificateFailure, errorCode } from '../wazo/tls-pinning.js';
import type { EventSource, MessageHandler, SourceEvents } from './event-source.js';

/** What the source needs from the Wazo login: the token, its renewal, and a check of it over REST. */
export interface WebsocketdAuth {
  /** The token in force now. */
  token(): string;
  /** Renews the token now; resolves once a new one is in force, rejects when it cannot be renewed. */
  renew(): Promise<void>;
  /**
   * Asks wazo-auth about the token in force, for websocketd's scope: refused
   * (unknown, expired), forbidden (valid but without the `websocketd` ACL), or
   * neither (valid, or no answer).
   */
  check(): Promise<'valid' | 'refused' | 'forbidden' | 'unknown'>;
  /** Tells each renewal of the token (the login renews it before it expires); returns the unsubscribe. */
  onRenewed(listener: (token: string) => void): () => void;
}

export interface WebsocketdSourceOptions {
  /** The Wazo server, e.g. `https://wazo.example.com/` (a path prefix is kept). */
  server: URL;
  /** The event names to subscribe to, one `subscribe` each. */
  events: readonly string[];
  auth: WebsocketdAuth;
  /**
   * Opens the TLS (or TCP) connection the WebSocket runs on, so that trust is
   * the HTTP client's: verified, or the pinned self-signed certificate checked
   * before a byte (the token) is sent. Default: ws's own verified connection.
   */
  connectSocket?: (url: URL) => Promise<Socket>;
  /** Cap of the reconnect backoff, in ms (default 30 s: every client of a restarted server comes back, and 4002/4003 cost wazo-auth a call). */
  maxReconnectDelayMs?: number;
  /** Application ping period and how long a pong may take (defaults 30 s and 10 s). */
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  /** How long the server may take to say `init` and to answer `start` (default 10 s). */
  handshakeTimeoutMs?: number;
  log?: Logger;
  /** For tests: the jitter's random source. */
  random?: () => number;
}

/** websocketd refuses frames over 1 MiB; an envelope is a few kB. A frame past this is not an event. */
const MAX_FRAME_BYTES = 1024 * 1024 + 4096;
const FIRST_RETRY_MS = 200;
/** A connection that lasted this long resets the backoff; one closed sooner keeps growing it (a server closing right after `start` is not hammered). */
const MIN_UPTIME_MS = 5_000;

/** What a close code asks of the client before it reconnects. */
export type CloseAction = 'renew' | 'check' | 'bug' | 'transient';

/** wazo-websocketd's close codes (facts §3): 4001/4003 → renew, 4002 → ask wazo-auth, 4004 → our bug. */
export function closeAction(code: number): CloseAction {
  if (code === 4001 || code === 4003) return 'renew';
  if (code === 4002) return 'check';
  if (code === 4004) return 'bug';
  return 'transient';
}

/** What a close code means to the user, as the code the window words. */
export function closeReason(code: number): ErrorReason {
  if (code >= 4001 && code <= 4003) return 'session';
  if (code === 1011 || code === 1001) return 'server-down';
  if (code === 4004 || code === 1009) return 'protocol';
  return 'dropped';
}

/** Why the connection failed: in words for the log and the window's details, and as the code the window words. */
export interface Failure {
  text: string;
  reason: ErrorReason;
}

const closeFailure = (code: number, reason: string): Failure => ({
  text: describeClose(code, reason),
  reason: closeReason(code),
});

/** A close code and reason in words, for the log and the window's details. */
export function describeClose(code: number, reason: string): string {
  const words: Record<number, string> = {
    1000: 'the server closed the connection',
    1001: 'the server is going away',
    1006: 'the connection dropped',
    1009: 'the server sent a frame too large to be an event',
    1011: 'the server had a problem',
    4001: 'the server got no token',
    4002: 'the server refused the token',
    4003: 'the token expired or was revoked',
    4004: 'the server says the app broke the protocol',
  };
  const what = words[code] ?? 'the connection closed';
  // The reason is the server's text: quoted, so that it cannot forge a log line.
  const said = reason ? ` ${/^[\w .:-]{1,80}$/.test(reason) ? reason : JSON.stringify(reason.slice(0, 80))}` : '';
  return `${what} (${code}${said})`;
}

/** The WebSocket address of websocketd on a Wazo server (`https` → `wss`, `http` → `ws`). */
export function websocketdUrl(server: URL): URL {
  const url = new URL('api/websocketd/', server);
  url.protocol = server.protocol === 'http:' ? 'ws:' : 'wss:';
  url.search = '?version=2';
  return url;
}

type Phase = 'opening' | 'handshake' | 'started';

export class WebsocketdSource extends Emitter<SourceEvents> implements EventSource {
  private ws: WebSocket | undefined;
  private phase: Phase = 'opening';
  private current: ConnectionState;
  private stopped = false;
  private stopping: Promise<void> | undefined;
  private started = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  private handshakeTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private pongTimer: NodeJS.Timeout | undefined;
  private pingCount = 0;
  /** When the current connection was answered `start` (0: not started). */
  private startedAt = 0;
  /** Why the socket is being dropped by us (no pong, no init…): the reason of the next close. */
  private dropReason: Failure | undefined;
  /** What the close asked for before reconnecting (a token renewal, a check). */
  private pending: Promise<void> | undefined;
  private offRenewed: (() => void) | undefined;
  /** The token the current connection was opened with (the server checks that one until told otherwise). */
  private tokenInUse = '';
  /** Set while the server's refusal is for good until someone changes something (the ACL): retried at the cap. */
  private refusal: Failure | undefined;
  private readonly log: Logger;
  private readonly url: URL;
  private readonly sourceInfo: ConnectionSource;

  constructor(
    private readonly opts: WebsocketdSourceOptions,
    private readonly handler: MessageHandler,
  ) {
    super();
    this.log = opts.log ?? silentLogger;
    this.url = websocketdUrl(opts.server);
    this.sourceInfo = { transport: 'websocketd', server: opts.server.origin };
    this.current = { status: 'connecting', source: this.sourceInfo };
  }

  get status(): ConnectionState {
    return this.current;
  }

  /** Starts connecting; resolves at once and keeps retrying in the background until `stop`. */
  start(): Promise<void> {
    if (this.started || this.stopped) return Promise.resolve();
    this.started = true;
    this.offRenewed = this.opts.auth.onRenewed((token) => this.sendToken(token));
    this.connect();
    return Promise.resolve();
  }

  /** Closes the socket (1000) and reports `closed`; nothing reconnects afterwards. Every caller waits for the same stop. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    this.stopped = true;
    this.offRenewed?.();
    this.clearTimers();
    clearTimeout(this.retry);
    const ws = this.ws;
    this.ws = undefined;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          ws.terminate();
          resolve();
        }, 1_000);
        ws.once('close', () => {
          clearTimeout(force);
          resolve();
        });
        if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
        else ws.close(1000, 'bye');
      });
    }
    this.setStatus({ status: 'closed', source: this.sourceInfo });
  }

  private connect(): void {
    if (this.stopped) return;
    this.phase = 'opening';
    this.dropReason = undefined;
    this.setStatus({ status: 'connecting', source: this.sourceInfo });
    const socket = this.opts.connectSocket?.(this.url);
    if (!socket) {
      this.open(undefined);
      return;
    }
    socket.then(
      (s) => {
        if (this.stopped) s.destroy();
        else this.open(s);
      },
      (err: unknown) => this.lost(this.socketFailure(err)),
    );
  }

  private open(socket: Socket | undefined): void {
    let ws: WebSocket;
    this.tokenInUse = this.opts.auth.token();
    try {
      ws = new WebSocket(this.url, {
        headers: { 'X-Auth-Token': this.tokenInUse },
        maxPayload: MAX_FRAME_BYTES,
        handshakeTimeout: this.handshakeMs,
        perMessageDeflate: false,
        ...(socket ? { createConnection: () => socket } : {}),
      });
    } catch (err) {
      this.lost({ text: `cannot open ${this.url.host} (${describeError(err)})`, reason: 'unreachable' });
      return;
    }
    this.ws = ws;
    ws.on('open', () => {
      this.phase = 'handshake';
      // websocketd says `init` once the token is checked and its queue exists.
      this.arm('handshakeTimer', this.handshakeMs, { text: 'the server never said init', reason: 'timeout' });
    });
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => this.onFrame(ws, data, isBinary));
    ws.on('error', (err: Error & { code?: string }) => {
      // Before the upgrade, the error is the reason; after it, the close code says more,
      // except when ws itself ends a connection whose peer broke the protocol (it then reports 1006).
      if (this.phase === 'opening') this.dropReason ??= this.openingFailure(err);
      else if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.dropReason ??= closeFailure(1009, '');
      else if (err.code?.startsWith('WS_ERR_'))
        this.dropReason ??= { text: `the server broke the WebSocket protocol (${err.message})`, reason: 'protocol' };
    });
    ws.on('close', (code: number, reason: Buffer) => this.onClose(ws, code, reason.toString('utf8')));
  }

  private onFrame(ws: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
    if (ws !== this.ws) return;
    const frame = parseFrame(data, isBinary);
    if (!frame.ok) {
      this.warn(`ignored a frame from the server: ${frame.error}`);
      return;
    }
    const { op, payload } = frame;
    switch (op) {
      case 'init':
        this.onInit(ws, payload);
        return;
      case 'subscribe':
      case 'token':
        return;
      case 'start':
        this.onStarted();
        return;
      case 'pong':
        clearTimeout(this.pongTimer);
        this.pongTimer = undefined;
        return;
      case 'event':
        this.onEvent(payload);
        return;
      default:
        // A later server may add ops: one line, and go on.
        this.warn(`ignored a frame from the server: unknown op ${JSON.stringify(op.slice(0, 40))}`);
    }
  }

  private onInit(ws: WebSocket, payload: unknown): void {
    if (this.phase !== 'handshake') return;
    const version = isObject(payload) ? payload['version'] : undefined;
    if (version !== 2) {
      this.drop(
        { text: `the server speaks websocketd protocol version ${String(version)}, not 2`, reason: 'protocol' },
        4000,
      );
      return;
    }
    // Renewed while the upgrade was in flight: the server checks the old one until told.
    const token = this.opts.auth.token();
    if (token !== this.tokenInUse) this.sendToken(token);
    // Pipelined, as the server handles commands in order; delivery is counted on only after `start`'s reply.
    for (const name of this.opts.events) this.send(ws, { op: 'subscribe', data: { event_name: name } });
    this.send(ws, { op: 'start' });
  }

  private onStarted(): void {
    if (this.phase !== 'handshake') return;
    this.phase = 'started';
    this.refusal = undefined;
    clearTimeout(this.handshakeTimer);
    this.startedAt = Date.now();
    this.setStatus({ status: 'connected', source: this.sourceInfo });
    // websocketd keeps no backlog: what comes after `start` is news.
    this.emit('ready', undefined);
    this.pingTimer = setInterval(() => this.ping(), this.opts.pingIntervalMs ?? 30_000);
    this.pingTimer.unref?.();
  }

  private onEvent(payload: unknown): void {
    if (this.phase !== 'started') return;
    if (!isObject(payload)) {
      this.warn('ignored an event frame whose data is not an event envelope');
      return;
    }
    try {
      this.handler({
        content: Buffer.from(JSON.stringify(payload), 'utf8'),
        routingKey: '',
        headers: undefined,
        live: true,
      });
    } catch (err) {
      // A bug in a handler must neither crash the app nor stop the stream.
      this.log.error(`event handler threw: ${describeError(err)}`);
    }
  }

  private ping(): void {
    const ws = this.ws;
    if (!ws || this.phase !== 'started' || this.pongTimer) return;
    this.send(ws, { op: 'ping', data: { payload: `p${++this.pingCount}` } });
    const timeout = this.opts.pongTimeoutMs ?? 10_000;
    this.arm('pongTimer', timeout, {
      text: `no answer to a ping within ${timeout < 1000 ? `${timeout} ms` : `${timeout / 1000} s`}`,
      reason: 'timeout',
    });
  }

  /** Why the TLS (or TCP) connection failed, by the error's code: an untrusted certificate is said as the HTTP client says it. */
  private socketFailure(err: unknown): Failure {
    const text = describeError(err);
    const certificate = certificateFailure(err);
    if (certificate) {
      return {
        text: `the certificate of ${this.url.host} is not trusted (${text})`,
        reason: certificate === 'mismatch' ? 'certificate-mismatch' : 'certificate',
      };
    }
    return {
      text: `cannot reach ${this.url.host} (${text})`,
      reason: errorCode(err) === 'ETIMEDOUT' ? 'timeout' : 'unreachable',
    };
  }

  /** Why the connection could not be opened: an HTTP answer instead of the upgrade, or the network. */
  private openingFailure(err: Error): Failure {
    // ws reports an HTTP answer to the upgrade as "Unexpected server response: <status>".
    const status = /Unexpected server response: (\d+)/.exec(err.message)?.[1];
    if (status) return handshakeRefusal(Number(status), this.url);
    return this.socketFailure(err);
  }

  /** Swaps the token in place; before the upgrade is answered, `onInit` sends it instead. */
  private sendToken(token: string): void {
    const ws = this.ws;
    if (ws && this.phase !== 'opening' && ws.readyState === WebSocket.OPEN && token !== this.tokenInUse) {
      this.tokenInUse = token;
      this.send(ws, { op: 'token', data: { token } });
    }
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (ws !== this.ws) return;
    this.ws = undefined;
    this.clearTimers();
    if (this.stopped) return;
    if (this.startedAt && Date.now() - this.startedAt >= MIN_UPTIME_MS) this.attempt = 0;
    this.startedAt = 0;
    const ours = this.dropReason;
    const why = ours ?? closeFailure(code, reason);
    const action = ours ? 'transient' : closeAction(code);
    this.log.warn(`websocketd: ${why.text}`);
    if (action === 'bug') {
      this.log.error(
        'websocketd closed with 4004 (protocol error): this is a bug of Wazo Notifier, please report it with this log',
      );
    }
    // A token renewed since this connection opened is already the answer to a 4003.
    if (action === 'renew' && this.opts.auth.token() === this.tokenInUse) this.pending = this.renewToken();
    else if (action === 'check') this.pending = this.checkToken();
    this.lost(why);
  }

  /** 4001/4003: the token is no good any more; a new one first (a renewal refused ends the session upstream). */
  private async renewToken(): Promise<void> {
    try {
      await this.opts.auth.renew();
    } catch (err) {
      this.log.info(`websocketd: renewing the token failed: ${describeError(err)}`);
    }
  }

  /** 4002: wazo-auth refused the token, or websocketd could not reach wazo-auth: ask it ourselves. */
  private async checkToken(): Promise<void> {
    let verdict: Awaited<ReturnType<WebsocketdAuth['check']>>;
    try {
      verdict = await this.opts.auth.check();
    } catch {
      verdict = 'unknown';
    }
    if (verdict === 'refused') await this.renewToken();
    if (verdict === 'forbidden') {
      this.refusal = {
        text: 'the server refused the WebSocket to this account: its token lacks the "websocketd" permission (ask the administrator)',
        reason: 'forbidden',
      };
      this.log.warn(`websocketd: ${this.refusal.text}`);
    }
  }

  /** The socket is gone for a reason other than our stop: report it and reconnect after the backoff. */
  private lost(why: Failure): void {
    if (this.stopped) return;
    this.ws = undefined;
    this.clearTimers();
    this.attempt++;
    const cap = this.opts.maxReconnectDelayMs ?? 30_000;
    const base = this.refusal ? cap : Math.min(cap, FIRST_RETRY_MS * 2 ** (this.attempt - 1));
    // ±20 % jitter, so that a server restart does not bring every client back at the same instant.
    const delay = Math.round(base * (0.8 + 0.4 * (this.opts.random ?? Math.random)()));
    const failure = this.refusal ?? why;
    this.setStatus({
      status: 'reconnecting',
      source: this.sourceInfo,
      attempt: this.attempt,
      error: failure.text,
      reason: failure.reason,
      delay_ms: delay,
    });
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      const pending = this.pending;
      this.pending = undefined;
      if (pending) void pending.then(() => this.connect());
      else this.connect();
    }, delay);
    this.retry.unref?.();
  }

  /**
   * Ends the socket for a reason of ours; its close then reconnects with that
   * reason. A path found dead (no pong, no `init`) is cut at once: a close
   * frame would wait a second for an answer that cannot come.
   */
  private drop(why: Failure, code = 1000, dead = false): void {
    const ws = this.ws;
    if (!ws) return;
    this.dropReason = why;
    if (ws.readyState === WebSocket.OPEN && !dead) ws.close(code, why.text.slice(0, 120));
    else ws.terminate();
    // A peer that never answers the close frame is not waited for.
    setTimeout(() => ws.terminate(), 1_000).unref?.();
  }

  private arm(timer: 'handshakeTimer' | 'pongTimer', ms: number, why: Failure): void {
    clearTimeout(this[timer]);
    this[timer] = setTimeout(() => {
      this[timer] = undefined;
      this.drop(why, 1000, true);
    }, ms);
    this[timer].unref?.();
  }

  private send(ws: WebSocket, frame: Record<string, unknown>): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify(frame), (err) => {
      if (err) this.dropReason ??= { text: `cannot send to the server (${describeError(err)})`, reason: 'dropped' };
    });
  }

  private warn(message: string): void {
    this.log.warn(`websocketd: ${message}`);
    if (this.current.status === 'connected') this.setStatus({ ...this.current, warning: message });
  }

  private clearTimers(): void {
    clearTimeout(this.handshakeTimer);
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    this.handshakeTimer = this.pingTimer = this.pongTimer = undefined;
  }

  private get handshakeMs(): number {
    return this.opts.handshakeTimeoutMs ?? 10_000;
  }

  private setStatus(next: ConnectionState): void {
    if (this.stopped && next.status !== 'closed') return;
    this.current = next;
    this.emit('status', next);
  }
}

/** What an HTTP answer instead of the WebSocket upgrade means, in words. */
function handshakeRefusal(status: number, url: URL): Failure {
  const [hint, reason]: [string, ErrorReason] =
    status === 404
      ? [': is wazo-websocketd installed on this server?', 'no-websocketd']
      : status === 502 || status === 503 || status === 504
        ? [': wazo-websocketd is down or restarting', 'server-down']
        : status === 401 || status === 403
          ? [': the server refused the connection', 'forbidden']
          : status >= 500
            ? ['', 'server-down']
            : ['', 'other'];
  return { text: `the server answered HTTP ${status} at ${url.pathname}${hint}`, reason };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type Frame = { ok: true; op: string; payload: unknown } | { ok: false; error: string };

/** A server frame: text, JSON, an object with a string `op` (facts §2: `{op, code, data}`). */
function parseFrame(data: WebSocket.RawData, isBinary: boolean): Frame {
  if (isBinary) return { ok: false, error: 'a binary frame' };
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  const text = bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  if (!isObject(parsed)) return { ok: false, error: 'not a JSON object' };
  const op = parsed['op'];
  if (typeof op !== 'string') return { ok: false, error: 'no "op"' };
  return { ok: true, op, payload: parsed['data'] };
}
