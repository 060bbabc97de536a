/**
 * A stand-in for a Wazo server's REST APIs (wazo-auth, confd, calld, dird),
 * following shared/docs/wazo-rest-facts.md: the same paths, bodies, status
 * codes and each daemon's own error shape. No real Wazo runs here. Like the
 * real confd and calld, a change made over REST is announced on the bus
 * (through `echo`), so that tests see the echo arrive on the real RabbitMQ.
 *
 * Faults are injected per request: a status with a body, a delay, garbage
 * instead of JSON, or a token that expires while in use. The server can sit
 * in any zone: its tokens' `expires_at` and its events' timestamps then show
 * its own wall clock, as a real one's do.
 *
 * With the `websocketd` option it also serves a wazo-websocketd stand-in
 * (fake-websocketd.ts) on WebSocket upgrades of `/api/websocketd/`, as nginx
 * proxies them on a Wazo server, checking tokens against this token table.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { SimCall } from '../../electron/sim/call-events.js';
import { WAZO_FOLDERS, type WazoFolderType } from '../../electron/shared/voicemail-folder.js';
import {
  calldUtcTime,
  publication,
  SIM_TENANT,
  voicemailPublication,
  wallClockStamp,
  type Origin,
  type Publication,
} from '../../electron/sim/envelope.js';
import {
  aclAllows,
  createFakeWebsocketd,
  refuseUpgrade,
  type FakeWebsocketd,
  type TokenInfo,
} from './fake-websocketd.js';

export interface FakeUser {
  username: string;
  password: string;
  uuid: string;
  tenantUuid: string;
  /** confd's `firstname`/`lastname` (facts §5). */
  firstname?: string | null;
  lastname?: string | null;
  /** The main line's extension; `null`: a user without a line (confd's `lines: []`). */
  extension?: string | null;
  acl?: string[];
  forwards?: Record<'busy' | 'noanswer' | 'unconditional', { enabled: boolean; destination: string | null }>;
  services?: Record<'dnd' | 'incallfilter', { enabled: boolean }>;
  /** Messages by folder; `null`: the user has no voicemail box (404). */
  voicemail?: FakeMessage[] | null;
  calls?: Record<string, unknown>[];
  favorites?: { source: string; source_entry_id: string }[];
  /** The user's call history in call-logd (any order); each CDR's missing fields are null. */
  cdrs?: FakeCdr[];
  /** `false`: the token lacks `call-logd.users.me.cdr.read` (403), as when an admin's policy leaves call-logd out. */
  callLogd?: boolean;
  /** How calld can place and drive this user's calls (default: every part works, any number dialable). */
  phone?: FakePhone;
}

/** The user's phone as wazo-calld sees it; each `false` gives calld's documented error. */
interface FakePhone {
  /** No line at all: 400 `user-missing-main-line`. */
  hasLine?: boolean;
  /** A SIP line whose phone is not registered: 400 `call-origin-unavailable`. */
  registered?: boolean;
  /** wazo-phoned cannot drive the phone: answering gives 503 `phoned-error`. */
  phoned?: boolean;
  /** The numbers that exist in the line's context (others: 400 `invalid-extension`); absent: all. */
  dialable?: string[];
}

/** Alice, as the tests know her: DND on, an unconditional forward, one unread and one read voicemail, a call on hold, a favorite. */
export function sampleUser(uuid: string): FakeUser {
  return {
    username: 'alice',
    password: 'pa55-word',
    uuid,
    tenantUuid: SIM_TENANT,
    firstname: 'Alice',
    lastname: 'Martin',
    extension: '1001',
    services: { dnd: { enabled: true }, incallfilter: { enabled: false } },
    forwards: {
      busy: { enabled: false, destination: null },
      noanswer: { enabled: false, destination: null },
      unconditional: { enabled: true, destination: '1002' },
    },
    voicemail: [
      {
        id: 'm-new',
        caller_id_name: 'Bob',
        caller_id_num: '1002',
        duration: 12,
        timestamp: 1_700_000_200,
        folder: 'new',
      },
      {
        id: 'm-old',
        caller_id_name: 'Carol',
        caller_id_num: '1003',
        duration: 30,
        timestamp: 1_700_000_100,
        folder: 'old',
      },
    ],
    calls: [
      {
        call_id: 'live-1',
        user_uuid: uuid,
        status: 'Up',
        peer_caller_id_name: 'Dave',
        peer_caller_id_number: '1004',
        on_hold: true,
      },
    ],
    favorites: [{ source: 'internal', source_entry_id: '42' }],
  };
}

/** A CDR as call-logd lists it (facts §3); the fields not given are null in the answer. */
interface FakeCdr {
  id: number;
  /** ISO 8601 with `+00:00`, as call-logd writes it. */
  start: string;
  end: string | null;
  answered: boolean;
  call_status?: 'answered' | 'blocked' | 'voicemail' | 'unknown';
  source_name: string | null;
  source_extension: string | null;
  destination_user_uuid: string | null;
  destination_extension?: string | null;
  conversation_id?: string | null;
  call_direction?: 'internal' | 'inbound' | 'outbound';
}

export interface FakeMessage {
  id: string;
  caller_id_name: string | null;
  caller_id_num: string | null;
  duration: number;
  timestamp: number;
  folder: WazoFolderType;
}

interface Fault {
  /** Which requests: `METHOD /path` prefix, e.g. `PUT /api/confd` or `POST /api/auth/0.1/token`. */
  match: string;
  status?: number;
  /** The body to answer (a string is sent as is: garbage). */
  body?: unknown;
  delayMs?: number;
  /** How many requests it applies to (default 1). */
  times?: number;
}

interface Token {
  token: string;
  user: FakeUser;
  expiresAt: number;
  refreshToken: string | null;
  /** Stable for the token's life, as wazo-auth's session. */
  sessionUuid: string;
}

interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const defaults = (u: FakeUser): Required<FakeUser> => ({
  // What wazo-auth's default user policy grants for the events a notifier follows, and the websocket.
  acl: [
    'events.calls.me',
    'events.config.users.me.#',
    'events.users.me.#',
    'events.directory.me.favorite.#',
    'websocketd',
  ],
  forwards: {
    busy: { enabled: false, destination: null },
    noanswer: { enabled: false, destination: null },
    unconditional: { enabled: false, destination: null },
  },
  services: { dnd: { enabled: false }, incallfilter: { enabled: false } },
  voicemail: [],
  calls: [],
  favorites: [],
  phone: {},
  cdrs: [],
  callLogd: true,
  firstname: null,
  lastname: null,
  extension: null,
  ...u,
});

export interface FakeWazo {
  url: string;
  users: Required<FakeUser>[];
  requests: RecordedRequest[];
  tokens: Map<string, Token>;
  /** Lifetime of new tokens, in seconds (default: what the client asked). */
  tokenLifetimeS: number | null;
  /** Whether POST /token with access_type offline gives a refresh token (servers before 19.x did not). */
  refreshTokens: boolean;
  fault(f: Fault): void;
  /** Makes every token of the user unknown, as if it expired while in use. */
  expireTokens(username: string): void;
  /** Ends the user's sessions for good: tokens and refresh tokens forgotten (an admin's revocation). */
  revokeSessions(username: string): void;
  /** The tenant's directory (dird's sources); tests may change it. */
  directory: FakeContact[];
  /** The wazo-websocketd stand-in, when started with the `websocketd` option. */
  websocketd?: FakeWebsocketd;
  close(): Promise<void>;
}

export interface FakeWazoOptions {
  users: FakeUser[];
  /** Publishes the bus event a change makes (confd/calld announce their changes). */
  echo?: (pub: Publication) => Promise<void>;
  tls?: { key: string; cert: string };
  /**
   * Serves a wazo-websocketd stand-in at `wss://…/api/websocketd/` (see
   * fake-websocketd.ts). Its token checks honour faults matching
   * `GET /api/auth/0.1/token/<token>` (a non-200 status: wazo-auth refused or
   * is down), without recording a request.
   */
  websocketd?: {
    /** The headers exchange its queues bind to; pass a unique one per test. */
    exchange?: string;
    brokerUrl?: string;
    authCheckMs?: number;
    pingIntervalMs?: number;
    pingTimeoutMs?: number;
  };
  /** The server's zone, as its offset from UTC in minutes (default 0: a server on UTC). */
  utcOffsetMinutes?: number;
  /** The tenant's directory (dird's sources), default `sampleDirectory()`. */
  directory?: FakeContact[];
}

/** A contact of one of dird's sources (the wazo users, personal contacts…). */
interface FakeContact {
  source: string;
  /** The source's unique column (`source_entry_id`). */
  id: string;
  firstname: string | null;
  lastname: string | null;
  number: string | null;
  mobile?: string | null;
  email?: string | null;
}

/** The sample tenant's directory: the favorite Alice has (`internal`/42) and a few to find. */
function sampleDirectory(): FakeContact[] {
  return [
    { source: 'internal', id: '42', firstname: 'Willy', lastname: 'Wonka', number: '1604' },
    { source: 'internal', id: '43', firstname: 'Bob', lastname: 'Tremblay', number: '1002', mobile: '+15145550123' },
    { source: 'internal', id: '44', firstname: 'Carol', lastname: 'Lefebvre', number: '1003' },
    { source: 'personal', id: 'p-1', firstname: 'Bobby', lastname: '<b>Tables</b>', number: '+15145550199' },
  ];
}

/** dird's auto-created display (facts §4): French headers, keyed by type. */
const DISPLAY = {
  column_headers: ['Nom', 'Prénom', 'Nom de famille', 'Numéro', 'Mobile', 'Boîte vocale', 'Favoris', 'E-mail'],
  column_types: ['name', 'firstname', 'lastname', 'number', 'number', 'voicemail', 'favorite', 'email'],
};

const authError = (status: number, reason: string) => ({
  status,
  body: { reason: [reason], timestamp: [Date.now() / 1000], status_code: status },
});
const calldError = (status: number, message: string, id: string, details: Record<string, unknown> = {}) => ({
  status,
  body: { message, error_id: id, details, timestamp: Date.now() / 1000 },
});

/** A valid RIFF/WAVE file of silence (8 kHz, 16-bit mono, as Asterisk records), at most 5 s long. */
function silentWav(seconds: number): Buffer {
  const rate = 8000;
  const data = Math.round(Math.min(Math.max(seconds, 0.2), 5) * rate) * 2;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVEfmt ', 8, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(data, 40);
  return b;
}

export async function startFakeWazo(opts: FakeWazoOptions): Promise<FakeWazo> {
  const users = opts.users.map(defaults);
  const zone = opts.utcOffsetMinutes ?? 0;
  const faults: (Fault & { left: number })[] = [];
  /** Refresh tokens outlive the tokens made with them, as in wazo-auth. */
  const refreshTokens = new Map<string, Required<FakeUser>>();
  const fake: FakeWazo = {
    url: '',
    users,
    requests: [],
    directory: opts.directory ?? sampleDirectory(),
    tokens: new Map(),
    tokenLifetimeS: null,
    refreshTokens: true,
    fault: (f) => faults.push({ ...f, left: f.times ?? 1 }),
    expireTokens: (username) => {
      for (const [k, t] of fake.tokens) if (t.user.username === username) fake.tokens.delete(k);
    },
    revokeSessions: (username) => {
      fake.expireTokens(username);
      for (const [k, u] of refreshTokens) if (u.username === username) refreshTokens.delete(k);
    },
    close: async () => {
      // Upgraded sockets keep the server open: the stand-in closes them first.
      await fake.websocketd?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    fake.requests.push({ method, path: url.pathname, headers: req.headers, body });
    const send = (status: number, payload?: unknown): void => {
      if (payload === undefined) {
        res.writeHead(status).end();
        return;
      }
      if (Buffer.isBuffer(payload)) {
        res.writeHead(status, { 'content-type': 'audio/wav' }).end(payload);
        return;
      }
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    };
    const fault = faults.find((f) => f.left > 0 && `${method} ${url.pathname}`.startsWith(f.match));
    if (fault) {
      fault.left--;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status !== undefined) return send(fault.status, fault.body);
    }
    const r = await route(method, url.pathname, req.headers, body, url.searchParams);
    send(r.status, r.body);
  };

  const route = async (
    method: string,
    path: string,
    headers: IncomingMessage['headers'],
    raw: string,
    query: URLSearchParams,
  ): Promise<{ status: number; body?: unknown }> => {
    let json: Record<string, unknown> = {};
    if (raw) {
      try {
        json = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return { status: 400, body: ['Input Error - not JSON'] };
      }
    }
    // wazo-auth
    if (path === '/api/auth/0.1/token' && method === 'POST') return createToken(headers, json);
    const tokenPath = /^\/api\/auth\/0\.1\/token\/([^/]+)$/.exec(path);
    if (tokenPath) {
      const t = fake.tokens.get(decodeURIComponent(tokenPath[1]!));
      if (method === 'DELETE') {
        if (t) fake.tokens.delete(t.token);
        return { status: 200, body: {} };
      }
      const checked = checkToken(t, query.get('scope'));
      // HEAD is wazo-auth's cheap check: 204, no body.
      if (method === 'HEAD') return { status: checked.status === 200 ? 204 : checked.status };
      return checked;
    }
    const token = fake.tokens.get(String(headers['x-auth-token'] ?? ''));
    const valid = token && token.expiresAt > Date.now() ? token : undefined;
    if (path.startsWith('/api/confd/')) return confd(method, path, valid, json);
    if (path.startsWith('/api/calld/')) return calld(method, path, valid, json);
    if (path.startsWith('/api/call-logd/')) return callLogd(method, path, valid, query);
    if (path.startsWith('/api/dird/')) return dird(method, path, valid, query);
    return { status: 404, body: { message: 'Not found' } };
  };

  const createToken = (headers: IncomingMessage['headers'], body: Record<string, unknown>) => {
    const exp = body.expiration ?? 7200;
    if (typeof exp !== 'number' || !Number.isInteger(exp) || exp < 1 || exp > 315_360_000) {
      return authError(400, 'Invalid expiration');
    }
    let user: Required<FakeUser> | undefined;
    let refreshToken: string | null = null;
    if (typeof body.refresh_token === 'string') {
      user = refreshTokens.get(body.refresh_token);
      if (!user || body.client_id !== 'wazo-notifier') return authError(401, 'Authentication Failed');
      refreshToken = body.refresh_token;
    } else {
      const basic = /^Basic (.+)$/.exec(String(headers.authorization ?? ''))?.[1];
      const [username, ...rest] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
      user = users.find((u) => u.username === username && u.password === rest.join(':'));
      if (!user) return authError(401, 'Authentication Failed');
      if (body.domain_name !== undefined && body.domain_name !== 'example.com') {
        return authError(401, 'Authentication Failed');
      }
      if (body.access_type === 'offline' && fake.refreshTokens) {
        if (typeof body.client_id !== 'string') return authError(400, 'client_id is required with access_type offline');
        refreshToken = randomBytes(16).toString('hex');
        refreshTokens.set(refreshToken, user);
      }
    }
    const lifetime = fake.tokenLifetimeS ?? exp;
    const t: Token = {
      token: randomUUID(),
      user,
      expiresAt: Date.now() + lifetime * 1000,
      refreshToken,
      sessionUuid: randomUUID(),
    };
    fake.tokens.set(t.token, t);
    return { status: 200, body: tokenBody(t) };
  };

  /** wazo-auth's answer to `GET /token/<id>[?scope=]`: unknown or expired 404, an ACL short of the scope 403. */
  const checkToken = (t: Token | undefined, scope: string | null): { status: number; body: unknown } => {
    if (!t || t.expiresAt <= Date.now()) return authError(404, 'No such token');
    if (scope && !aclAllows(t.user.acl ?? [], scope, { userUuid: t.user.uuid, sessionUuid: t.sessionUuid })) {
      return authError(403, `Unauthorized for ${scope}`);
    }
    return { status: 200, body: tokenBody(t) };
  };

  /** The stand-in's lookup: the token table, or a fault injected on `GET /api/auth/0.1/token/<id>`. */
  const websocketdLookup = async (id: string): Promise<TokenInfo | null> => {
    const fault = faults.find((f) => f.left > 0 && `GET /api/auth/0.1/token/${id}`.startsWith(f.match));
    if (fault) {
      fault.left--;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status !== undefined && fault.status !== 200) return null;
    }
    const t = fake.tokens.get(id);
    if (!t || t.expiresAt <= Date.now()) return null;
    return {
      token: t.token,
      userUuid: t.user.uuid,
      tenantUuid: t.user.tenantUuid,
      sessionUuid: t.sessionUuid,
      acl: t.user.acl ?? [],
    };
  };

  const tokenBody = (t: Token) => {
    // wazo-auth writes both without a zone: the server's wall clock, and UTC.
    const local = (ms: number) => wallClockStamp(new Date(ms), zone, 123);
    const utc = (ms: number) => wallClockStamp(new Date(ms), 0, 123);
    const data: Record<string, unknown> = {
      token: t.token,
      auth_id: t.user.uuid,
      xivo_user_uuid: t.user.uuid,
      xivo_uuid: '08c56466-8f29-45c7-9856-92bf1ba89b82',
      issued_at: local(Date.now()),
      expires_at: local(t.expiresAt),
      utc_issued_at: utc(Date.now()),
      utc_expires_at: utc(t.expiresAt),
      acl: t.user.acl,
      metadata: { uuid: t.user.uuid, tenant_uuid: t.user.tenantUuid, auth_id: t.user.uuid, purpose: 'user' },
      session_uuid: t.sessionUuid,
    };
    if (t.refreshToken) data.refresh_token = t.refreshToken;
    return { data };
  };

  const echo = async (pub: Publication): Promise<void> => {
    await opts.echo?.(pub);
  };

  const confd = async (method: string, path: string, t: Token | undefined, body: Record<string, unknown>) => {
    if (!t) return { status: 401, body: ['Unauthorized'] };
    const one = /^\/api\/confd\/1\.1\/users\/([^/]+)$/.exec(path);
    if (one && method === 'GET') return confdUser(decodeURIComponent(one[1]!), t);
    const m = /^\/api\/confd\/1\.1\/users\/([^/]+)\/(forwards|services)(?:\/([a-z]+))?$/.exec(path);
    if (!m) return { status: 404, body: ['Resource Not Found'] };
    const [, uuid, kind, name] = m;
    if (uuid !== t.user.uuid && uuid !== 'me') return { status: 403, body: ['Forbidden'] };
    const user = t.user as Required<FakeUser>;
    const origin = { userUuid: user.uuid, tenantUuid: user.tenantUuid, utcOffsetMinutes: zone };
    if (method === 'GET' && !name) return { status: 200, body: kind === 'forwards' ? user.forwards : user.services };
    if (method !== 'PUT' || !name) return { status: 405, body: ['Method Not Allowed'] };
    if (typeof body.enabled !== 'boolean') {
      return { status: 400, body: ["Input Error - enabled: ['Not a valid boolean.']"] };
    }
    if (kind === 'services') {
      if (name !== 'dnd' && name !== 'incallfilter') return { status: 404, body: ['Resource Not Found'] };
      user.services[name] = { enabled: body.enabled };
      await echo(
        publication(
          `users_services_${name}_updated`,
          { user_id: 42, user_uuid: user.uuid, tenant_uuid: user.tenantUuid, enabled: body.enabled },
          origin,
        ),
      );
      return { status: 204 };
    }
    if (name !== 'busy' && name !== 'noanswer' && name !== 'unconditional')
      return { status: 404, body: ['Resource Not Found'] };
    const dest = body.destination ?? null;
    if (dest !== null && (typeof dest !== 'string' || dest.length > 128)) {
      return { status: 400, body: ["Input Error - destination: ['Longer than maximum length 128.']"] };
    }
    if (body.enabled && dest === null) {
      return { status: 400, body: ['Input Error - destination: cannot enable a forward without a destination'] };
    }
    user.forwards[name] = { enabled: body.enabled, destination: dest };
    await echo(
      publication(
        `users_forwards_${name}_updated`,
        { user_id: 42, user_uuid: user.uuid, tenant_uuid: user.tenantUuid, enabled: body.enabled, destination: dest },
        origin,
      ),
    );
    return { status: 204 };
  };

  /**
   * confd's `GET /users/{uuid}` (facts §5): routes only `<uuid:id>` and
   * `<int:id>`, so `me` is no route (404); a user's token reads its own uuid
   * (`confd.users.me.read`), another user's is refused (401).
   */
  const confdUser = (id: string, t: Token): { status: number; body: unknown } => {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) && !/^[0-9]+$/.test(id)) {
      return { status: 404, body: ['Resource Not Found'] };
    }
    const user = users.find((u) => u.uuid === id);
    if (user !== t.user) {
      if (!user) return { status: 404, body: [`User was not found ('uuid': '${id}')`] };
      return { status: 401, body: ['Unauthorized'] };
    }
    const lines =
      user.extension === null
        ? []
        : [
            {
              id: 7,
              name: 'abcd1234',
              protocol: 'sip',
              context: 'default',
              position: 1,
              caller_id_name: `${user.firstname ?? ''} ${user.lastname ?? ''}`.trim(),
              caller_id_num: user.extension,
              endpoint_sip: { uuid: randomUUID(), label: 'abcd1234', name: 'abcd1234', links: [] },
              endpoint_sccp: null,
              endpoint_custom: null,
              extensions: [{ id: 12, exten: user.extension, context: 'default', links: [] }],
              links: [],
            },
          ];
    return {
      status: 200,
      body: {
        id: 42,
        uuid: user.uuid,
        firstname: user.firstname,
        lastname: user.lastname,
        email: null,
        caller_id: `"${user.firstname ?? ''} ${user.lastname ?? ''}"`,
        mobile_phone_number: null,
        username: user.username,
        tenant_uuid: user.tenantUuid,
        lines,
        forwards: user.forwards,
        services: user.services,
        voicemail: user.voicemail ? { id: 1, name: user.username, links: [] } : null,
      },
    };
  };

  /**
   * call-logd's `GET /users/me/cdr` (facts §3): the user's CDRs in their
   * tenant; `from` inclusive and `until` exclusive on the start, `limit`
   * (default 1000), `offset`, `order` (default `start`), `direction` (default
   * `desc`), one `call_status` (default: everything but blocked), `number`.
   * Errors in calld's shape: 401, 403 without the ACL, 400 `invalid-data`.
   */
  const callLogd = (
    method: string,
    path: string,
    t: Token | undefined,
    query: URLSearchParams,
  ): { status: number; body: unknown } => {
    if (!t) return calldError(401, 'Unauthorized', 'unauthorized', { reason: 'not_found_or_expired' });
    if (path !== '/api/call-logd/1.0/users/me/cdr' || method !== 'GET')
      return calldError(404, 'Not found', 'not-found');
    const user = t.user as Required<FakeUser>;
    if (!user.callLogd) {
      return calldError(401, 'Unauthorized', 'unauthorized', {
        invalid_token: t.token,
        reason: 'missing_permission_or_invalid_tenant',
        required_access: 'call-logd.users.me.cdr.read',
      });
    }
    const invalid = (field: string, message: string) =>
      calldError(400, 'Sent data is invalid', 'invalid-data', { [field]: { message } });
    const time = (name: string): number | null | 'bad' => {
      const value = query.get(name);
      if (value === null) return null;
      const at = Date.parse(value);
      return Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}T/.test(value) ? 'bad' : at;
    };
    const from = time('from');
    const until = time('until');
    if (from === 'bad') return invalid('from', 'Not a valid datetime.');
    if (until === 'bad') return invalid('until', 'Not a valid datetime.');
    const int = (name: string, dflt: number): number | 'bad' => {
      const value = query.get(name);
      if (value === null) return dflt;
      return /^\d+$/.test(value) ? Number(value) : 'bad';
    };
    const limit = int('limit', 1000);
    const offset = int('offset', 0);
    if (limit === 'bad') return invalid('limit', 'Not a valid integer.');
    if (offset === 'bad') return invalid('offset', 'Not a valid integer.');
    const direction = query.get('direction') ?? 'desc';
    if (direction !== 'asc' && direction !== 'desc') return invalid('direction', 'Must be one of: asc, desc.');
    const order = query.get('order') ?? 'start';
    if (order !== 'start' && order !== 'id') return invalid('order', `Unknown order ${order}`);
    const status = query.get('call_status');
    const STATUSES = ['answered', 'blocked', 'voicemail', 'unknown'];
    if (status !== null && !STATUSES.includes(status)) {
      return invalid('call_status', `Must be one of: ${STATUSES.join(', ')}.`);
    }
    const statusOf = (c: FakeCdr) => c.call_status ?? (c.answered ? 'answered' : 'unknown');
    const all = user.cdrs;
    const rows = all
      .filter((c) => (status === null ? statusOf(c) !== 'blocked' : statusOf(c) === status))
      .filter((c) => (from === null || Date.parse(c.start) >= from) && (until === null || Date.parse(c.start) < until))
      .sort((a, b) => {
        const d = order === 'id' ? a.id - b.id : Date.parse(a.start) - Date.parse(b.start);
        return direction === 'asc' ? d : -d;
      });
    const items = rows.slice(offset, offset + limit).map((c) => ({
      id: c.id,
      tenant_uuid: user.tenantUuid,
      answered: c.answered,
      call_status: statusOf(c),
      start: c.start,
      answer: c.answered ? c.start : null,
      end: c.end,
      duration: c.answered && c.end ? Math.round((Date.parse(c.end) - Date.parse(c.start)) / 1000) : null,
      call_direction: c.call_direction ?? 'internal',
      source_extension: c.source_extension,
      source_name: c.source_name,
      source_internal_name: null,
      source_internal_extension: null,
      source_internal_context: null,
      source_user_uuid: null,
      source_line_id: null,
      requested_name: null,
      requested_extension: c.destination_extension ?? null,
      requested_context: null,
      requested_internal_extension: null,
      requested_internal_context: null,
      requested_user_uuid: null,
      destination_extension: c.destination_extension ?? null,
      destination_name: null,
      destination_internal_extension: null,
      destination_internal_context: null,
      destination_user_uuid: c.destination_user_uuid,
      destination_line_id: null,
      destination_details: { type: c.destination_user_uuid ? 'user' : 'unknown' },
      conversation_id: c.conversation_id ?? null,
      recordings: [],
    }));
    return { status: 200, body: { total: all.length, filtered: rows.length, items } };
  };

  /** dird's legacy error body (facts §0): reason and timestamp as lists. */
  const dirdError = (status: number, reason: string) => ({
    status,
    body: { reason: [reason], timestamp: [Date.now() / 1000], status_code: status },
  });

  /** One contact as a row of the display (facts §4a). */
  const row = (c: FakeContact, favorite: boolean) => ({
    column_values: [
      [c.firstname, c.lastname].filter(Boolean).join(' ') || null,
      c.firstname,
      c.lastname,
      c.number,
      c.mobile ?? null,
      null,
      favorite,
      c.email ?? null,
    ],
    relations: {
      xivo_id: null,
      agent_id: null,
      user_id: c.source === 'personal' ? null : Number(c.id) || null,
      user_uuid: null,
      endpoint_id: null,
      source_entry_id: c.id,
    },
    source: c.source,
    backend: c.source === 'personal' ? 'personal' : 'wazo',
  });

  /**
   * wazo-dird (facts §4): favorites of the `default` profile, PUT/DELETE of a
   * favorite (404 no such source, 409 duplicate, 404 no such favorite), and the
   * lookup (`term` required, no paging). Header token only; a 401 comes through
   * the decorator, whose `timestamp` is not a list.
   */
  const dird = async (
    method: string,
    path: string,
    t: Token | undefined,
    query: URLSearchParams,
  ): Promise<{ status: number; body?: unknown }> => {
    if (!t) return { status: 401, body: { reason: ['Unauthorized'], timestamp: Date.now() / 1000, status_code: 401 } };
    const user = t.user as Required<FakeUser>;
    const isFavorite = (c: FakeContact) =>
      user.favorites.some((f) => f.source === c.source && f.source_entry_id === c.id);
    const list = /^\/api\/dird\/0\.1\/directories\/(favorites|lookup)\/([^/]+)$/.exec(path);
    if (list && method === 'GET') {
      const profile = decodeURIComponent(list[2]!);
      if (profile !== 'default') return dirdError(404, `The profile \`${profile}\` does not exist`);
      if (list[1] === 'favorites') {
        const results = user.favorites.flatMap((f) => {
          const c = fake.directory.find((x) => x.source === f.source && x.id === f.source_entry_id);
          return c ? [row(c, true)] : [];
        });
        return { status: 200, body: { ...DISPLAY, results } };
      }
      const term = query.get('term');
      if (term === null) return dirdError(400, 'term is a required parameter');
      const needle = term.toLowerCase();
      const results = fake.directory
        .filter((c) =>
          [c.firstname, c.lastname, c.number, c.mobile, c.email].some((f) => f?.toLowerCase().includes(needle)),
        )
        .map((c) => row(c, isFavorite(c)));
      return { status: 200, body: { ...DISPLAY, results, term } };
    }
    const one = /^\/api\/dird\/0\.1\/directories\/favorites\/(.+)\/([^/]+)$/.exec(path);
    if (one && (method === 'PUT' || method === 'DELETE')) {
      const source = decodeURIComponent(one[1]!);
      const id = decodeURIComponent(one[2]!);
      if (!fake.directory.some((c) => c.source === source)) return dirdError(404, `No such source: ${source}`);
      const i = user.favorites.findIndex((f) => f.source === source && f.source_entry_id === id);
      const origin = { userUuid: user.uuid, tenantUuid: user.tenantUuid, utcOffsetMinutes: zone };
      const data = {
        xivo_uuid: '08c56466-8f29-45c7-9856-92bf1ba89b82',
        user_uuid: user.uuid,
        source,
        source_entry_id: id,
      };
      if (method === 'PUT') {
        if (i !== -1) return dirdError(409, 'Adding this favorite would create a duplicate');
        user.favorites.push({ source, source_entry_id: id });
        await echo(publication('favorite_added', data, origin));
        return { status: 204 };
      }
      if (i === -1) return dirdError(404, `No such favorite: ${source} ${id}`);
      user.favorites.splice(i, 1);
      await echo(publication('favorite_deleted', data, origin));
      return { status: 204 };
    }
    return dirdError(404, 'Not found');
  };

  const calld = async (method: string, path: string, t: Token | undefined, body: Record<string, unknown>) => {
    if (!t) return calldError(401, 'Unauthorized', 'unauthorized');
    const user = t.user as Required<FakeUser>;
    const origin = { userUuid: user.uuid, tenantUuid: user.tenantUuid, utcOffsetMinutes: zone };
    if (method === 'GET' && path === '/api/calld/1.0/users/me/calls')
      return { status: 200, body: { items: user.calls } };
    if (path === '/api/calld/1.0/users/me/voicemails' && method === 'GET') {
      if (!user.voicemail) return calldError(404, 'No such user voicemail', 'no-such-user-voicemail');
      return {
        status: 200,
        body: {
          id: 1,
          name: user.username,
          number: '1000',
          folders: (Object.keys(WAZO_FOLDERS) as WazoFolderType[]).map((f) => ({
            ...WAZO_FOLDERS[f],
            messages: user.voicemail!.filter((m) => m.folder === f).map(({ folder: _f, ...m }) => m),
          })),
        },
      };
    }
    if (path.startsWith('/api/calld/1.0/users/me/calls')) {
      const answer = await userCalls(method, path, user, body, origin);
      if (answer) return answer;
    }
    const recording = /^\/api\/calld\/1\.0\/users\/me\/voicemails\/messages\/([^/]+)\/recording$/.exec(path);
    if (recording && method === 'GET') {
      // calld's handler (facts §1): an id check, the message looked up, the file's bytes; nothing marked read.
      const id = decodeURIComponent(recording[1]!);
      if (!/^[-a-zA-Z0-9]+$/.test(id)) {
        return calldError(400, 'Invalid voicemail message ID', 'invalid-voicemail-message-id', { message_id: id });
      }
      const m = (user.voicemail ?? []).find((x) => x.id === id);
      if (!m) return calldError(404, 'No such voicemail message', 'no-such-voicemail-message', { message_id: id });
      return { status: 200, body: silentWav(m.duration) };
    }
    const msg = /^\/api\/calld\/1\.0\/users\/me\/voicemails\/messages\/([^/]+)$/.exec(path);
    if (msg) {
      const id = decodeURIComponent(msg[1]!);
      const list = user.voicemail ?? [];
      const i = list.findIndex((m) => m.id === id);
      if (i === -1) return calldError(404, 'No such voicemail message', 'no-such-voicemail-message');
      const m = list[i]!;
      const fields = {
        id: m.id,
        name: m.caller_id_name,
        number: m.caller_id_num,
        duration: m.duration,
        timestamp: m.timestamp,
      };
      if (method === 'DELETE') {
        list.splice(i, 1);
        await echo(voicemailPublication('deleted', { ...fields, folder: m.folder }, origin));
        return { status: 204 };
      }
      if (method === 'PUT') {
        const folder = Object.entries(WAZO_FOLDERS).find(([, f]) => f.id === body.folder_id)?.[0] as
          WazoFolderType | undefined;
        if (!folder) return calldError(400, 'Invalid folder', 'invalid-data');
        m.folder = folder;
        await echo(voicemailPublication('updated', { ...fields, folder }, origin));
        return { status: 204 };
      }
    }
    return calldError(404, 'Not found', 'not-found');
  };

  /**
   * calld's user call control (facts §2): POST places a call from the user's
   * phone, PUT …/answer asks wazo-phoned to answer, DELETE hangs up. The calls
   * are the user's `calls`; each change is announced on the bus as calld does.
   */
  const userCalls = async (
    method: string,
    path: string,
    user: Required<FakeUser>,
    body: Record<string, unknown>,
    origin: Origin,
  ): Promise<{ status: number; body?: unknown } | undefined> => {
    const phone = { hasLine: true, registered: true, phoned: true, ...user.phone };
    if (method === 'POST' && path === '/api/calld/1.0/users/me/calls') {
      const extension = typeof body.extension === 'string' ? body.extension.replace(/\s+/g, '') : '';
      if (!extension) {
        return calldError(400, 'Sent data is invalid', 'invalid-data', {
          extension: { constraint_id: 'length', message: 'Shorter than minimum length 1.' },
        });
      }
      if (!phone.hasLine) {
        return calldError(400, 'User has no main line', 'user-missing-main-line', { user_uuid: user.uuid });
      }
      if (phone.dialable && !phone.dialable.includes(extension)) {
        return calldError(400, 'Invalid extension', 'invalid-extension', { context: 'default', exten: extension });
      }
      if (!phone.registered) {
        return calldError(
          400,
          "Could not connect call: Could not dial caller's requested line",
          'call-origin-unavailable',
          {
            line_id: 12,
            source_interface: 'pjsip/abcd1234',
          },
        );
      }
      const sim = new SimCall(origin, {
        peer: { name: extension, number: extension },
        outgoing: true,
        dialedExtension: extension,
      });
      const created = sim.created();
      const call = { ...(created.body.data as Record<string, unknown>), dialed_extension: extension, line_id: 12 };
      user.calls.push(call);
      await echo(created);
      return { status: 201, body: call };
    }
    const m = /^\/api\/calld\/1\.0\/users\/me\/calls\/([^/]+)(\/answer)?$/.exec(path);
    if (!m) return undefined;
    const callId = decodeURIComponent(m[1]!);
    const i = user.calls.findIndex((c) => c.call_id === callId);
    if (m[2] && method === 'PUT') {
      if (i === -1) return calldError(404, 'No such call', 'no-such-call', { call_id: callId });
      if (!phone.phoned) return calldError(503, 'Phoned internal error', 'phoned-error', {});
      const call = { ...user.calls[i]!, status: 'Up', answer_time: calldUtcTime(new Date()) };
      user.calls[i] = call;
      await echo(publication('call_answered', call, origin));
      return { status: 204 };
    }
    if (!m[2] && method === 'DELETE') {
      if (i === -1) return calldError(404, 'No such call', 'no-such-call', { call_id: callId });
      const [call] = user.calls.splice(i, 1);
      await echo(
        publication('call_ended', { ...call, hangup_time: calldUtcTime(new Date()), reason_code: 16 }, origin),
      );
      return { status: 204 };
    }
    return undefined;
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handler(req, res).catch((err: unknown) => res.writeHead(500).end(String(err)));
  };
  const server: Server = opts.tls ? createHttps(opts.tls, listener) : createHttp(listener);
  if (opts.websocketd) {
    const ws = createFakeWebsocketd({ ...opts.websocketd, validate: websocketdLookup });
    fake.websocketd = ws;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // nginx's `location ^~ /api/websocketd/`; nothing else upgrades.
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path.startsWith('/api/websocketd/')) ws.handleUpgrade(req, socket, head);
      else refuseUpgrade(socket, 404);
    });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return fake;
}
