/**
 * A stand-in for wazo-websocketd, written from shared/docs/wazo-websocketd-facts.md
 * (the protocol as the real daemon implements it), so that tests can drive the
 * WebSocket event path without a Wazo server. It consumes from the real
 * RabbitMQ the way websocketd does: one exclusive auto-delete queue per
 * session, bound to a headers exchange per `subscribe`, with the per-message
 * `required_acl` check done here against the token's ACLs.
 *
 * It is served by the fake Wazo's HTTP(S) server (see `startFakeWazo`'s
 * `websocketd` option), which hands it the upgrades for `/api/websocketd/`.
 * Token lookups go through a validator the fake supplies (its own token
 * table); everything else (the ACL matcher included) is written here, so that
 * the stand-in never shares code with the client it tests.
 *
 * What the real daemon does that this one skips (facts §3-§7):
 * - the per-tenant exchange `wazo-websocketd.tenant-<uuid>` and its
 *   `origin_uuid`/`tenant_uuid` binding: queues bind straight to the exchange,
 *   so events of another tenant or origin are not filtered out here;
 * - admins' single binding (master tenant, `metadata.admin`, `purpose`):
 *   every token gets the two normal-user bindings;
 * - the dynamic/static auth-check strategies: the token is re-validated every
 *   `authCheckMs` instead;
 * - websocketd's own extra ping every 60 s (only the websockets-level
 *   keepalive ping, which waits for its pong, is sent);
 * - the AMQP heartbeat and reconnect backoff: after a lost connection the next
 *   session opens a new one;
 * - the 1011 race of an auto-deleted tenant exchange;
 * - Python's `int()` quirks for `version` (underscores, Unicode digits) and
 *   `json.dumps`' float spelling and key order for integer-like keys.
 * An empty `token=` or `version=` counts as absent (Python's `parse_qs` drops
 * blank values).
 */
import * as amqplib from 'amqplib';
import { randomBytes } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ensureExchange } from '../../electron/core/bus/exchange.js';

/** What the stand-in needs to know about a valid token (wazo-auth's `GET /token/<id>`). */
export interface TokenInfo {
  token: string;
  /** `metadata.uuid`: the user the queue is bound for and what `me` means in an ACL. */
  userUuid: string;
  tenantUuid: string;
  /** What `my_session` means in an ACL. */
  sessionUuid: string;
  acl: readonly string[];
}

/**
 * Looks a token up: its details when it exists and has not expired, `null`
 * otherwise (a throw counts as wazo-auth unreachable: 4002 too). Whether it
 * carries the `websocketd` ACL is checked by the stand-in.
 */
type TokenValidator = (token: string) => TokenInfo | null | Promise<TokenInfo | null>;

/** How the stand-in is set up. */
export interface FakeWebsocketdOptions {
  validate: TokenValidator;
  /**
   * The headers exchange the queues bind to (default `wazo-headers`), declared
   * durable when missing. Tests should pass a unique one: declaring
   * `wazo-headers` on a shared broker changes which layout clients detect.
   */
  exchange?: string;
  /** Default `amqp://guest:guest@127.0.0.1:5672/`. */
  brokerUrl?: string;
  /** How often each session's current token is re-validated (default 1000 ms). */
  authCheckMs?: number;
  /** Server WebSocket pings (default 20000 ms, as websockets' keepalive). */
  pingIntervalMs?: number;
  /** No pong within this after a ping: close 1011 `keepalive ping timeout` (default 20000 ms). */
  pingTimeoutMs?: number;
}

/** Why a bus message was acked without being sent to the client. */
type DropReason = 'invalid' | 'noAcl' | 'denied' | 'notStarted' | 'silenced';

/** A snapshot of one authenticated session. */
interface SessionInfo {
  /** Unique per socket, in accept order. */
  id: number;
  /** The user of the token the session opened with: what its bindings name. */
  userUuid: string;
  tenantUuid: string;
  /** The current token (swapped by the `token` op). */
  token: string;
  acl: readonly string[];
  version: 1 | 2;
  queue: string;
  /** Event names subscribed, in order, without repeats. */
  subscriptions: readonly string[];
  started: boolean;
  /** Events sent to the client. */
  delivered: number;
  dropped: Readonly<Record<DropReason, number>>;
}

/** One frame a client sent, as received. */
interface ClientFrame {
  /** The socket's id (as in {@link SessionInfo.id}). */
  session: number;
  binary: boolean;
  /** The payload decoded as UTF-8. */
  raw: string;
  /** The payload parsed as JSON; `undefined` when it is not JSON. */
  json: unknown;
}

/** The running stand-in, with the controls tests use. */
export interface FakeWebsocketd {
  readonly exchange: string;
  /** The `connection_name` of its AMQP connection (for `closeConnections`). */
  readonly connectionName: string;
  /** Authenticated sessions still open. */
  readonly sessions: readonly SessionInfo[];
  /** Open sockets, authenticated or not. */
  readonly connections: number;
  /** Every frame clients sent, in arrival order. */
  readonly frames: readonly ClientFrame[];
  /** Takes over an HTTP upgrade request (the fake Wazo routes `/api/websocketd/` here). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Resolves once at least `count` sessions are open (and started, unless `started: false`). */
  waitForSessions(count: number, opts?: { started?: boolean; timeoutMs?: number }): Promise<SessionInfo[]>;
  /** Closes every open socket with this code; resolves once they are gone. */
  closeAll(code: number, reason?: string): Promise<void>;
  /** websocketd down behind nginx: sockets closed 1011, upgrades answered 502 until {@link start}. */
  stop(): Promise<void>;
  /** Undoes {@link stop}: a restarted daemon. */
  start(): void;
  /** Answers the next `times` (default 1) upgrades with this HTTP status instead of 101. */
  handshakeFault(fault: { status: number; times?: number }): void;
  /** Accepts the next `times` (default 1) sockets but never authenticates them nor sends `init`. */
  noInit(times?: number): void;
  /** Sends a raw frame (text for a string, binary for a Buffer) to every started session; returns how many. */
  send(raw: string | Buffer): number;
  /** A stalled path: while on, nothing is sent (replies, events, pongs, pings); events are acked and dropped. */
  silence(on: boolean): void;
  /** Destroys the AMQP socket, as a broker or network failure would: sessions close 1011 `bus connection lost`. */
  dropBus(): Promise<void>;
  /** Closes every socket (1001), timer and the AMQP connection. */
  close(): Promise<void>;
}

const DEFAULT_BROKER = 'amqp://guest:guest@127.0.0.1:5672/';
const MAX_PAYLOAD = 2 ** 20;
/** How long a closing handshake may take before the socket is cut. */
const CLOSE_GRACE_MS = 1000;

// --- ACLs -------------------------------------------------------------------

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** One ACL entry as an anchored regex: `*` one dot-free word, `#` anything, `me`/`my_session` whole words. */
function aclRegex(access: string, ids: { userUuid: string; sessionUuid: string }): RegExp {
  const words = access.split('.').map((word) => {
    if (word === 'me') return `(?:me|${escapeRegex(ids.userUuid)})`;
    if (word === 'my_session') return `(?:my_session|${escapeRegex(ids.sessionUuid)})`;
    return [...word].map((c) => (c === '*' ? '[^.]*' : c === '#' ? '.*' : escapeRegex(c))).join('');
  });
  return new RegExp(`^${words.join('\\.')}$`);
}

/**
 * Compiles a token's ACLs into a check of one required ACL, with the rules of
 * xivo-lib-python's AccessCheck (facts §5): negative entries (`!acl`) are
 * checked first and refuse; otherwise any positive entry must match.
 */
function aclMatcher(
  acl: readonly string[],
  ids: { userUuid: string; sessionUuid: string },
): (required: string) => boolean {
  const negative = acl.filter((a) => a.startsWith('!')).map((a) => aclRegex(a.slice(1), ids));
  const positive = acl.filter((a) => !a.startsWith('!')).map((a) => aclRegex(a, ids));
  return (required) => !negative.some((r) => r.test(required)) && positive.some((r) => r.test(required));
}

/** Whether the ACLs grant `required` (see {@link aclMatcher}). */
export const aclAllows = (
  acl: readonly string[],
  required: string,
  ids: { userUuid: string; sessionUuid: string },
): boolean => aclMatcher(acl, ids)(required);

// --- Frames -----------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON string literal with Python's `ensure_ascii`: every non-ASCII UTF-16 unit as `\uXXXX`. */
const asciiLiteral = (literal: string): string =>
  /[\u0080-\uffff]/.test(literal)
    ? literal.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : literal;

/**
 * JSON spelled as Python's `json.dumps` with its defaults spells it (`", "`,
 * `": "`, ASCII only): JSON.stringify's text with its separators widened and
 * its strings made ASCII, in one pass (a stand-in that allocated a string per
 * key cost the benchmark's tail more than the client it measures).
 */
function pythonJson(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.replace(/"(?:[^"\\]|\\.)*"|[,:]/g, (m) => (m === ',' ? ', ' : m === ':' ? ': ' : asciiLiteral(m)));
}

/** A server message: all three keys, `code` always 0 (facts §2). */
const serverFrame = (op: string, data: unknown): string => pythonJson({ op, code: 0, data });

type Command =
  | { op: 'subscribe'; eventName: string }
  | { op: 'start' }
  | { op: 'token'; token: string }
  | { op: 'ping'; payload: string };

const stringField = (data: unknown, key: string): string | null =>
  isObject(data) && typeof data[key] === 'string' ? data[key] : null;

/** Decodes a client text frame; `null` is a protocol error (close 4004). */
function decodeCommand(json: unknown): Command | null {
  if (!isObject(json) || typeof json.op !== 'string') return null;
  const field = (key: string): string | null => stringField(json.data, key);
  switch (json.op) {
    case 'start':
      return { op: 'start' };
    case 'subscribe': {
      const eventName = field('event_name');
      return eventName === null ? null : { op: 'subscribe', eventName };
    }
    case 'token': {
      const token = field('token');
      return token === null ? null : { op: 'token', token };
    }
    case 'ping': {
      const payload = field('payload');
      return payload === null ? null : { op: 'ping', payload };
    }
    default:
      return null;
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const toBuffer = (data: RawData): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);

/** `version` as the daemon reads it: absent → 1; a non-integer throws (1011); other integers are refused (4004). */
function parseVersion(raw: string | null): 1 | 2 | 'unsupported' | 'invalid' {
  if (raw === null || raw === '') return 1;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) return 'invalid';
  const n = Number(raw);
  return n === 1 || n === 2 ? n : 'unsupported';
}

/** The token from the query, else from the `X-Auth-Token` header. */
function requestToken(req: IncomingMessage, query: URLSearchParams): string | null {
  const fromQuery = query.get('token');
  if (fromQuery) return fromQuery;
  const header = req.headers['x-auth-token'];
  const value = Array.isArray(header) ? header[0] : header;
  return value ? value : null;
}

/** Answers an HTTP upgrade request with an error status and nginx's error page, instead of 101. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  const text = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  const body = `<html>\r\n<head><title>${text}</title></head>\r\n<body>\r\n<center><h1>${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  socket.on('error', () => {});
  socket.end(
    `HTTP/1.1 ${text}\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

// --- AMQP -------------------------------------------------------------------

/** The daemon's one AMQP connection, opened on demand and shared by the sessions (a channel each). */
class Bus {
  private model: Promise<amqplib.ChannelModel> | null = null;
  private closing = false;

  constructor(
    private readonly url: string,
    readonly connectionName: string,
    private readonly exchange: string,
    private readonly onLost: () => void,
  ) {}

  async channel(): Promise<amqplib.Channel> {
    if (this.closing) throw new Error('fake websocketd: closed');
    this.model ??= this.connect();
    return (await this.model).createChannel();
  }

  private connect(): Promise<amqplib.ChannelModel> {
    const opening = (async () => {
      const model = await amqplib.connect(this.url, {
        clientProperties: { connection_name: this.connectionName },
        // Acks go out at once, as the real daemon's (kombu) do, rather than waiting on Nagle's algorithm.
        noDelay: true,
      });
      model.on('error', () => {
        // Followed by 'close', handled below.
      });
      model.on('close', () => {
        if (this.model !== opening) return;
        this.model = null;
        if (!this.closing) this.onLost();
      });
      await ensureExchange(model, this.exchange, 'headers');
      return model;
    })();
    opening.catch(() => {
      if (this.model === opening) this.model = null;
    });
    return opening;
  }

  /** Cuts the connection's socket; resolves once the connection is known closed. */
  async drop(): Promise<void> {
    const model = await this.model?.catch(() => null);
    if (!model) return;
    const closed = new Promise<void>((resolve) => model.once('close', () => resolve()));
    // amqplib's connection reads its socket as `stream`; an error on it is a lost connection.
    (model.connection as unknown as { stream: Duplex }).stream.destroy(new Error('fake websocketd: bus dropped'));
    await closed;
  }

  async close(): Promise<void> {
    this.closing = true;
    const model = await this.model?.catch(() => null);
    this.model = null;
    await model?.close().catch(() => {});
  }
}

// --- Sessions ---------------------------------------------------------------

/** What every socket shares: options, the bus, the recorders. */
interface Context {
  validate: TokenValidator;
  exchange: string;
  bus: Bus;
  authCheckMs: number;
  pingIntervalMs: number;
  pingTimeoutMs: number;
  frames: ClientFrame[];
  silenced: () => boolean;
  changed: () => void;
  gone: (s: Socket) => void;
}

interface Auth {
  info: TokenInfo;
  allows: (required: string) => boolean;
}

const newDrops = (): Record<DropReason, number> => ({
  invalid: 0,
  noAcl: 0,
  denied: 0,
  notStarted: 0,
  silenced: 0,
});

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One accepted WebSocket: keepalive from the handshake, then auth, queue, commands and events. */
class Socket {
  private static nextId = 1;
  readonly id = Socket.nextId++;
  version: 1 | 2 = 1;
  auth: Auth | null = null;
  userUuid = '';
  tenantUuid = '';
  queue = '';
  readonly subscriptions: string[] = [];
  started = false;
  delivered = 0;
  readonly dropped = newDrops();
  private channel: amqplib.Channel | null = null;
  private closing = false;
  /** Commands run one at a time, in order, after authentication. */
  private work: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  private pongDue: NodeJS.Timeout | null = null;
  readonly done: Promise<void>;

  constructor(
    readonly ws: WebSocket,
    private readonly ctx: Context,
  ) {
    this.done = new Promise((resolve) => ws.once('close', () => resolve(this.teardown())));
    ws.on('error', () => {
      // 'close' follows.
    });
    ws.on('ping', (data) => {
      if (!ctx.silenced()) ws.pong(data);
    });
    ws.on('pong', () => this.clearPongDue());
    this.every(ctx.pingIntervalMs, () => this.keepalivePing());
  }

  /** Authenticates the request, opens the queue and sends `init`; frames are queued meanwhile. */
  open(req: IncomingMessage): void {
    this.ws.on('message', (data, isBinary) => this.receive(toBuffer(data), isBinary, true));
    this.work = this.authenticate(req).catch(() => this.close(1011, ''));
  }

  /** Accepts the socket and then does nothing (frames are still recorded). */
  idle(): void {
    this.ws.on('message', (data, isBinary) => this.receive(toBuffer(data), isBinary, false));
  }

  get info(): SessionInfo | null {
    if (!this.auth || !this.channel || this.closing) return null;
    return {
      id: this.id,
      userUuid: this.userUuid,
      tenantUuid: this.tenantUuid,
      token: this.auth.info.token,
      acl: [...this.auth.info.acl],
      version: this.version,
      queue: this.queue,
      subscriptions: [...this.subscriptions],
      started: this.started,
      delivered: this.delivered,
      dropped: { ...this.dropped },
    };
  }

  /** Sends the close frame; the socket is cut if the client does not answer it in time. */
  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.ctx.changed();
    this.ws.close(code, reason);
    this.after(CLOSE_GRACE_MS, () => this.ws.terminate());
  }

  /** Sends a frame unless the path is silenced. */
  private emit(frame: string): void {
    if (!this.closing && !this.ctx.silenced()) this.ws.send(frame);
  }

  /** Sends a raw frame whatever the silence (a test's explicit act). */
  sendRaw(raw: string | Buffer): void {
    if (!this.closing) this.ws.send(raw, { binary: Buffer.isBuffer(raw) });
  }

  private async authenticate(req: IncomingMessage): Promise<void> {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const version = parseVersion(query.get('version'));
    if (version === 'invalid') return this.close(1011, '');
    if (version === 'unsupported') return this.close(4004, '');
    this.version = version;
    const token = requestToken(req, query);
    if (token === null) return this.close(4001, 'no token');
    const auth = await this.validate(token);
    if (this.closing) return;
    if (!auth) return this.close(4002, 'authentication failed');
    this.auth = auth;
    this.userUuid = auth.info.userUuid;
    this.tenantUuid = auth.info.tenantUuid;
    if (!(await this.openQueue())) return;
    this.emit(serverFrame('init', { version: this.version }));
    this.scheduleAuthCheck();
    this.ctx.changed();
  }

  /** A token and its ACLs when valid for websocketd (exists, unexpired, ACL `websocketd`), else `null`. */
  private async validate(token: string): Promise<Auth | null> {
    let info: TokenInfo | null;
    try {
      info = await this.ctx.validate(token);
    } catch {
      return null;
    }
    if (!info) return null;
    const allows = aclMatcher(info.acl, info);
    return allows('websocketd') ? { info, allows } : null;
  }

  /** The session's exclusive queue and its consumer; false (socket closed) when the bus refused. */
  private async openQueue(): Promise<boolean> {
    try {
      const ch = await this.ctx.bus.channel();
      this.channel = ch;
      if (this.closing) {
        // Closed while the channel was opening: the teardown did not see it.
        await ch.close().catch(() => {});
        return false;
      }
      ch.on('error', () => {
        // 'close' follows.
      });
      // The connection closes its channels before saying it is lost: let it speak first.
      ch.on('close', () => setImmediate(() => this.close(1011, '')));
      await ch.prefetch(250);
      const name = `wazo-websocketd.user-${this.userUuid}.${randomBytes(3).toString('hex')}`;
      await ch.assertQueue(name, { exclusive: true, autoDelete: true, durable: false });
      this.queue = name;
      await ch.consume(name, (msg) => msg && this.consumed(ch, msg));
    } catch {
      this.close(1011, 'bus connection error');
      return false;
    }
    if (this.closing) return false;
    return true;
  }

  private receive(data: Buffer, binary: boolean, active: boolean): void {
    const raw = data.toString('utf8');
    const json = binary ? undefined : parseJson(raw);
    this.ctx.frames.push({ session: this.id, binary, raw, json });
    if (!active) return;
    this.work = this.work
      .then(() => this.command(binary ? null : decodeCommand(json)))
      .catch(() => this.close(1011, ''));
  }

  private async command(cmd: Command | null): Promise<void> {
    if (this.closing) return;
    if (!cmd) return this.close(4004, '');
    switch (cmd.op) {
      case 'subscribe':
        await this.subscribe(cmd.eventName);
        if (this.version === 2 || !this.started) this.emit(serverFrame('subscribe', null));
        break;
      case 'start':
        this.started = true;
        this.emit(serverFrame('start', null));
        this.ctx.changed();
        break;
      case 'token':
        return this.renew(cmd.token);
      case 'ping':
        if (this.version === 2) this.emit(serverFrame('pong', { payload: cmd.payload }));
        break;
    }
  }

  /** The two bindings of a normal user for one event name (`*`: any name). */
  private async subscribe(eventName: string): Promise<void> {
    const ch = this.channel;
    if (!ch) return;
    const named: Record<string, unknown> = eventName === '*' ? {} : { name: eventName };
    for (const user of [`user_uuid:${this.userUuid}`, 'user_uuid:*']) {
      await ch.bindQueue(this.queue, this.ctx.exchange, '', { 'x-match': 'all', ...named, [user]: true });
    }
    if (!this.subscriptions.includes(eventName)) this.subscriptions.push(eventName);
  }

  private async renew(token: string): Promise<void> {
    const auth = await this.validate(token);
    if (this.closing) return;
    if (!auth) return this.close(4002, 'authentication failed');
    this.auth = auth;
    if (this.version === 2 || !this.started) this.emit(serverFrame('token', null));
  }

  /** One bus message: checked as websocketd checks it, then sent or dropped; acked either way. */
  private consumed(ch: amqplib.Channel, msg: amqplib.ConsumeMessage): void {
    const verdict = this.judge(msg);
    if (verdict.send === null) this.dropped[verdict.reason]++;
    else {
      this.ws.send(verdict.send);
      this.delivered++;
    }
    try {
      ch.ack(msg);
    } catch {
      // The channel is gone; so is the session.
    }
  }

  private judge(msg: amqplib.ConsumeMessage): { send: string; reason?: never } | { send: null; reason: DropReason } {
    const drop = (reason: DropReason) => ({ send: null, reason }) as const;
    let text: string;
    try {
      text = utf8.decode(msg.content);
    } catch {
      return drop('invalid');
    }
    const body = parseJson(text);
    if (!isObject(body)) return drop('invalid');
    const headers: Record<string, unknown> = msg.properties.headers ?? {};
    if (!('required_acl' in headers) || headers.required_acl === undefined) return drop('noAcl');
    const required = headers.required_acl;
    if (required !== null && (typeof required !== 'string' || !this.auth?.allows(required))) return drop('denied');
    if (!this.started || this.closing) return drop('notStarted');
    if (this.ctx.silenced()) return drop('silenced');
    return { send: this.version === 2 ? serverFrame('event', body) : text };
  }

  /** Re-validates the current token every `authCheckMs`; gone → 4003. */
  private scheduleAuthCheck(): void {
    this.after(this.ctx.authCheckMs, () => {
      const token = this.auth?.info.token;
      if (token === undefined || this.closing) return;
      void this.validate(token).then((auth) => {
        if (this.closing) return;
        // A renewal while checking: judge the new token next time.
        if (this.auth?.info.token !== token) return this.scheduleAuthCheck();
        if (!auth) return this.close(4003, 'authentication expired');
        this.scheduleAuthCheck();
      });
    });
  }

  private keepalivePing(): void {
    if (this.closing || this.ctx.silenced()) return;
    this.ws.ping(randomBytes(4));
    this.pongDue ??= this.after(this.ctx.pingTimeoutMs, () => this.close(1011, 'keepalive ping timeout'));
  }

  private clearPongDue(): void {
    if (!this.pongDue) return;
    clearTimeout(this.pongDue);
    this.timers.delete(this.pongDue);
    this.pongDue = null;
  }

  private after(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    this.timers.add(t);
  }

  private async teardown(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pongDue = null;
    const ch = this.channel;
    this.ctx.gone(this);
    // Closing the channel cancels the consumer: the auto-delete queue goes with it.
    await ch?.close().catch(() => {});
  }

  /** Resolves once the socket and its channel are closed. */
  closed(): Promise<void> {
    return this.done;
  }
}

// --- The daemon -------------------------------------------------------------

interface Waiter {
  count: number;
  started: boolean;
  resolve: (s: SessionInfo[]) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Starts the stand-in. It listens on nothing itself: hand it upgrades with
 * {@link FakeWebsocketd.handleUpgrade}. The AMQP connection opens with the
 * first authenticated session.
 */
export function createFakeWebsocketd(opts: FakeWebsocketdOptions): FakeWebsocketd {
  const exchange = opts.exchange ?? 'wazo-headers';
  const connectionName = `fake-websocketd-${randomBytes(4).toString('hex')}`;
  const sockets = new Set<Socket>();
  const frames: ClientFrame[] = [];
  const waiters = new Set<Waiter>();
  const handshakeFaults: { status: number; left: number }[] = [];
  let noInitLeft = 0;
  let silenced = false;
  let stopped = false;
  let closed = false;

  const bus = new Bus(opts.brokerUrl ?? DEFAULT_BROKER, connectionName, exchange, () => {
    for (const s of sockets) if (s.auth) s.close(1011, 'bus connection lost');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD, autoPong: false });

  const sessions = (): SessionInfo[] => [...sockets].flatMap((s) => s.info ?? []);
  const matching = (w: { count: number; started: boolean }): SessionInfo[] | null => {
    const list = sessions().filter((s) => s.started || !w.started);
    return list.length >= w.count ? list : null;
  };
  const changed = (): void => {
    for (const w of waiters) {
      const list = matching(w);
      if (!list) continue;
      waiters.delete(w);
      clearTimeout(w.timer);
      w.resolve(list);
    }
  };

  const ctx: Context = {
    validate: opts.validate,
    exchange,
    bus,
    authCheckMs: opts.authCheckMs ?? 1000,
    pingIntervalMs: opts.pingIntervalMs ?? 20_000,
    pingTimeoutMs: opts.pingTimeoutMs ?? 20_000,
    frames,
    silenced: () => silenced,
    changed,
    gone: (s) => {
      sockets.delete(s);
      changed();
    },
  };

  const accept = (ws: WebSocket, req: IncomingMessage): void => {
    if (closed) return ws.terminate();
    const s = new Socket(ws, ctx);
    sockets.add(s);
    if (noInitLeft > 0) {
      noInitLeft--;
      s.idle();
    } else s.open(req);
  };

  const closeAll = async (code: number, reason = ''): Promise<void> => {
    const open = [...sockets];
    for (const s of open) s.close(code, reason);
    await Promise.all(open.map((s) => s.closed()));
  };

  return {
    exchange,
    connectionName,
    get sessions() {
      return sessions();
    },
    get connections() {
      return sockets.size;
    },
    frames,
    handleUpgrade(req, socket, head) {
      if (closed || stopped) return refuseUpgrade(socket, 502);
      const fault = handshakeFaults.find((f) => f.left > 0);
      if (fault) {
        fault.left--;
        return refuseUpgrade(socket, fault.status);
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req));
    },
    waitForSessions(count, { started = true, timeoutMs = 5000 } = {}) {
      const now = matching({ count, started });
      if (now) return Promise.resolve(now);
      return new Promise((resolve, reject) => {
        const w: Waiter = {
          count,
          started,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(w);
            reject(
              new Error(
                `fake websocketd: ${count} ${started ? 'started ' : ''}sessions not reached in ${timeoutMs} ms`,
              ),
            );
          }, timeoutMs),
        };
        waiters.add(w);
      });
    },
    closeAll,
    async stop() {
      stopped = true;
      await closeAll(1011);
    },
    start() {
      stopped = false;
    },
    handshakeFault({ status, times = 1 }) {
      handshakeFaults.push({ status, left: times });
    },
    noInit(times = 1) {
      noInitLeft += times;
    },
    send(raw) {
      const started = [...sockets].filter((s) => s.info?.started);
      for (const s of started) s.sendRaw(raw);
      return started.length;
    },
    silence(on) {
      silenced = on;
    },
    dropBus: () => bus.drop(),
    async close() {
      closed = true;
      for (const w of waiters) {
        clearTimeout(w.timer);
        w.reject(new Error('fake websocketd closed'));
      }
      waiters.clear();
      await closeAll(1001, 'going away');
      wss.close();
      await bus.close();
    },
  };
}
