/**
 * The wazo-websocketd stand-in against shared/docs/wazo-websocketd-facts.md:
 * a raw `ws` client on one side, events published on the real RabbitMQ on the
 * other, so that tests of the app's WebSocket client can trust what the
 * stand-in does. Assertions are about order and content only: an event that
 * must not arrive is published before one that must, on the same queue.
 */
import * as amqplib from 'amqplib';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { publication, type Publication } from '../../electron/sim/envelope.js';
import { BROKER_URL, deleteExchange, TestPublisher, uniqueExchange, waitFor } from '../support/broker.js';
import { startFakeWazo, type FakeUser, type FakeWazo } from '../support/fake-wazo.js';
import type { FakeWebsocketd } from '../support/fake-websocketd.js';

const exchange = uniqueExchange('websocketd');
let publisher: TestPublisher;

beforeAll(async () => {
  publisher = await TestPublisher.open(exchange, 'headers');
});
afterAll(async () => {
  await publisher.close();
  await deleteExchange(exchange);
});

interface Frame {
  raw: string;
  json: Record<string, unknown>;
}

/** A frame as JSON, `{}` when it is not (the stand-in's `send` may send anything). */
function parseObject(raw: string): Record<string, unknown> {
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** A bare client: every text frame in order, the close code and reason. */
class RawClient {
  readonly ws: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly inbox: Frame[] = [];
  private waiter: ((f: Frame) => void) | null = null;
  private ended: { code: number; reason: string } | null = null;

  constructor(url: string, opts: ClientOptions = {}) {
    this.ws = new WebSocket(url, opts);
    this.ws.on('error', () => {});
    this.ws.on('message', (data, binary) => {
      const raw = String(data);
      const frame = { raw, json: binary ? {} : parseObject(raw) };
      if (this.waiter) this.waiter(frame);
      else this.inbox.push(frame);
    });
    this.closed = new Promise((resolve) =>
      this.ws.on('close', (code, reason) => {
        this.ended = { code, reason: reason.toString() };
        resolve(this.ended);
      }),
    );
  }

  /** The next frame; fails when the socket closes first. */
  next(): Promise<Frame> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    if (this.ended) return Promise.reject(new Error(`closed ${JSON.stringify(this.ended)}`));
    return new Promise((resolve, reject) => {
      this.waiter = (f) => {
        this.waiter = null;
        resolve(f);
      };
      void this.closed.then((c) => reject(new Error(`closed ${JSON.stringify(c)} while waiting for a frame`)));
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a command and returns the next frame (its reply, in these tests). */
  async ask(frame: unknown): Promise<Frame> {
    this.send(frame);
    return this.next();
  }

  close(): void {
    this.ws.terminate();
  }
}

interface Fixture {
  fake: FakeWazo;
  wsd: FakeWebsocketd;
  me: string;
  /** A token of `username`. */
  login(username?: string): Promise<string>;
  /** A client on `/api/websocketd/` with this query. */
  connect(query: string, opts?: ClientOptions): RawClient;
  /** A v2 client through init, subscribed to `names` and started. */
  started(names: string[], username?: string): Promise<RawClient>;
}

let clients: RawClient[] = [];
let fakes: FakeWazo[] = [];
afterEach(async () => {
  for (const c of clients) c.close();
  for (const f of fakes) await f.close();
  clients = [];
  fakes = [];
});

const userOf = (username: string, uuid: string, acl?: string[]): FakeUser => ({
  username,
  password: 'pw',
  uuid,
  tenantUuid: 't-1',
  ...(acl ? { acl } : {}),
});

async function setup(opts: { authCheckMs?: number; pingIntervalMs?: number; pingTimeoutMs?: number } = {}) {
  const me = randomUUID();
  const fake = await startFakeWazo({
    users: [
      userOf('alice', me),
      // The same user, with a token that may only connect (for renewals that lose ACLs).
      userOf('alice-lite', me, ['websocketd']),
      userOf('bob', randomUUID()),
      userOf('no-ws', randomUUID(), ['events.calls.me']),
    ],
    websocketd: { exchange, authCheckMs: 100, ...opts },
  });
  fakes.push(fake);
  const base = `${fake.url.replace(/^http/, 'ws')}/api/websocketd/`;
  const fx: Fixture = {
    fake,
    wsd: fake.websocketd!,
    me,
    async login(username = 'alice') {
      const res = await fetch(`${fake.url}/api/auth/0.1/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${username}:pw`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ expiration: 3600 }),
      });
      return ((await res.json()) as { data: { token: string } }).data.token;
    },
    connect(query, opts) {
      const c = new RawClient(`${base}${query}`, opts);
      clients.push(c);
      return c;
    },
    async started(names, username) {
      const c = fx.connect(`?token=${await fx.login(username)}&version=2`);
      expect((await c.next()).json).toEqual({ op: 'init', code: 0, data: { version: 2 } });
      for (const n of names) expect((await c.ask(sub(n))).json.op).toBe('subscribe');
      expect((await c.ask({ op: 'start' })).json).toEqual({ op: 'start', code: 0, data: null });
      return c;
    },
  };
  return fx;
}

const sub = (name: string) => ({ op: 'subscribe', data: { event_name: name } });
const callCreated = (user: string, callId: string): Publication =>
  publication('call_created', { call_id: callId, user_uuid: user }, { userUuid: user });

/** Whether the broker still has the queue: a passive check from another connection (405: exclusive to its owner). */
async function queueExists(queue: string): Promise<boolean> {
  const conn = await amqplib.connect(BROKER_URL);
  try {
    const ch = await conn.createChannel();
    ch.on('error', () => {});
    return await ch.checkQueue(queue).then(
      () => true,
      (err: { code?: number }) => err.code === 405,
    );
  } finally {
    await conn.close().catch(() => {});
  }
}

/** The HTTP status an upgrade got (101 when it opened). */
function handshakeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.terminate();
    });
    ws.on('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}

describe('fake websocketd: connection and authentication (facts §1, §3)', () => {
  it('sends init after auth, spelled as Python spells JSON', async () => {
    const fx = await setup();
    const c = fx.connect(`?token=${await fx.login()}&version=2`);
    expect((await c.next()).raw).toBe('{"op": "init", "code": 0, "data": {"version": 2}}');
    const [s] = await fx.wsd.waitForSessions(1, { started: false });
    expect(s).toMatchObject({ userUuid: fx.me, version: 2, started: false, subscriptions: [] });
    expect(s!.queue).toMatch(new RegExp(`^wazo-websocketd\\.user-${fx.me}\\.[0-9a-f]{6}$`));
  });

  it('takes the token from X-Auth-Token and defaults to version 1', async () => {
    const fx = await setup();
    const c = fx.connect('', { headers: { 'X-Auth-Token': await fx.login() } });
    expect((await c.next()).json).toEqual({ op: 'init', code: 0, data: { version: 1 } });
  });

  it('closes 4001 without a token', async () => {
    const fx = await setup();
    expect(await fx.connect('?version=2').closed).toEqual({ code: 4001, reason: 'no token' });
  });

  it('closes 4002 for an unknown token, a token without the websocketd ACL, and wazo-auth refusing', async () => {
    const fx = await setup();
    const failed = { code: 4002, reason: 'authentication failed' };
    expect(await fx.connect('?token=nope&version=2').closed).toEqual(failed);
    expect(await fx.connect(`?token=${await fx.login('no-ws')}&version=2`).closed).toEqual(failed);
    const token = await fx.login();
    fx.fake.fault({ match: 'GET /api/auth/0.1/token/', status: 503 });
    expect(await fx.connect(`?token=${token}&version=2`).closed).toEqual(failed);
  });

  it('closes 1011 for a non-integer version and 4004 for an unsupported one', async () => {
    const fx = await setup();
    const token = await fx.login();
    expect(await fx.connect(`?token=${token}&version=abc`).closed).toEqual({ code: 1011, reason: '' });
    expect(await fx.connect(`?token=${token}&version=3`).closed).toEqual({ code: 4004, reason: '' });
  });

  it('refuses other upgrade paths with 404', async () => {
    const fx = await setup();
    expect(await handshakeStatus(`${fx.fake.url.replace(/^http/, 'ws')}/api/calld/`)).toBe(404);
  });
});

describe('fake websocketd: protocol errors close 4004 (facts §2)', () => {
  it.each([
    ['bad JSON', '{"op": '],
    ['not an object', '["start"]'],
    ['no op', { data: {} }],
    ['unknown op', { op: 'unsubscribe', data: { event_name: 'call_created' } }],
    ['subscribe without event_name', { op: 'subscribe', data: {} }],
    ['a non-string ping payload', { op: 'ping', data: { payload: 7 } }],
  ])('%s', async (_what, frame) => {
    const fx = await setup();
    const c = fx.connect(`?token=${await fx.login()}&version=2`);
    expect((await c.next()).json.op).toBe('init');
    c.send(frame);
    expect(await c.closed).toEqual({ code: 4004, reason: '' });
  });

  it('a binary frame', async () => {
    const fx = await setup();
    const c = fx.connect(`?token=${await fx.login()}&version=2`);
    await c.next();
    c.ws.send(Buffer.from(JSON.stringify({ op: 'start' })));
    expect(await c.closed).toEqual({ code: 4004, reason: '' });
    expect(fx.wsd.frames.at(-1)).toMatchObject({ binary: true, json: undefined });
  });

  it('a frame over 1 MiB closes 1009', async () => {
    const fx = await setup();
    const c = fx.connect(`?token=${await fx.login()}&version=2`);
    await c.next();
    c.send('x'.repeat(2 ** 20 + 1));
    expect((await c.closed).code).toBe(1009);
  });
});

describe('fake websocketd: events (facts §2, §5)', () => {
  it('acks subscribe once bound, then forwards the user’s event wrapped in v2 data', async () => {
    const fx = await setup();
    const c = await fx.started(['call_created']);
    const pub = callCreated(fx.me, 'c-1');
    await publisher.publish(pub);
    expect((await c.next()).json).toEqual({ op: 'event', code: 0, data: pub.body });
    expect(fx.wsd.sessions[0]).toMatchObject({ started: true, subscriptions: ['call_created'], delivered: 1 });
  });

  it('in v1, sends the body verbatim', async () => {
    const fx = await setup();
    const c = fx.connect(`?token=${await fx.login()}`);
    expect((await c.next()).json.op).toBe('init');
    expect((await c.ask(sub('call_created'))).json.op).toBe('subscribe');
    expect((await c.ask({ op: 'start' })).json.op).toBe('start');
    const pub = callCreated(fx.me, 'c-1');
    await publisher.publish(pub);
    expect((await c.next()).raw).toBe(JSON.stringify(pub.body));
  });

  it('delivers neither another user’s event nor one whose required_acl the token lacks', async () => {
    const fx = await setup();
    const c = await fx.started(['*'], 'alice-lite');
    const bob = fx.fake.users.find((u) => u.username === 'bob')!.uuid;
    await publisher.publish(callCreated(bob, 'bob-1'), callCreated(fx.me, 'denied'));
    const open = callCreated(fx.me, 'open');
    await publisher.publish({ ...open, headers: { ...open.headers, required_acl: null } });
    expect((await c.next()).json).toMatchObject({ op: 'event', data: { data: { call_id: 'open' } } });
    expect(fx.wsd.sessions[0]!.dropped).toMatchObject({ denied: 1 });
  });

  it('matches the user_uuid:* binding too, and a name subscribed with * once', async () => {
    const fx = await setup();
    const c = await fx.started(['*', 'call_created', 'call_created']);
    const other = randomUUID();
    const all = callCreated(other, 'everyone');
    const { [`user_uuid:${other}`]: _u, ...rest } = all.headers;
    await publisher.publish({ ...all, headers: { ...rest, 'user_uuid:*': true, required_acl: null } });
    await publisher.publish(callCreated(fx.me, 'mine'));
    expect((await c.next()).json).toMatchObject({ data: { data: { call_id: 'everyone' } } });
    expect((await c.next()).json).toMatchObject({ data: { data: { call_id: 'mine' } } });
    expect(fx.wsd.sessions[0]!.subscriptions).toEqual(['*', 'call_created']);
  });

  it('discards an event consumed before start', async () => {
    const fx = await setup();
    const c = fx.connect(`?token=${await fx.login()}&version=2`);
    await c.next();
    expect((await c.ask(sub('call_created'))).json).toEqual({ op: 'subscribe', code: 0, data: null });
    await publisher.publish(callCreated(fx.me, 'early'));
    await waitFor(() => fx.wsd.sessions[0]?.dropped.notStarted === 1, 5000, 'the early event consumed');
    expect((await c.ask({ op: 'start' })).json.op).toBe('start');
    await publisher.publish(callCreated(fx.me, 'late'));
    expect((await c.next()).json).toMatchObject({ op: 'event', data: { data: { call_id: 'late' } } });
  });

  it('drops a message without a required_acl header, or whose body is not a JSON object', async () => {
    const fx = await setup();
    const c = await fx.started(['call_created']);
    const bare = callCreated(fx.me, 'bare');
    const { required_acl: _acl, ...headers } = bare.headers;
    publisher.raw('', JSON.stringify(bare.body), headers);
    publisher.raw('', '[1, 2]', bare.headers);
    await publisher.publish(callCreated(fx.me, 'kept'));
    expect((await c.next()).json).toMatchObject({ data: { data: { call_id: 'kept' } } });
    expect(fx.wsd.sessions[0]!.dropped).toMatchObject({ noAcl: 1, invalid: 1 });
  });

  it('deletes the queue when the client goes', async () => {
    const fx = await setup();
    const c = await fx.started(['call_created']);
    const queue = fx.wsd.sessions[0]!.queue;
    expect(await queueExists(queue)).toBe(true);
    c.ws.close();
    await waitFor(async () => !(await queueExists(queue)), 5000, 'the queue deleted');
  });
});

describe('fake websocketd: ping, token, expiry (facts §2, §4, §6)', () => {
  it('answers a v2 ping with the same payload; v1 ignores it', async () => {
    const fx = await setup();
    const v2 = await fx.started([]);
    expect((await v2.ask({ op: 'ping', data: { payload: 'é-1' } })).raw).toBe(
      '{"op": "pong", "code": 0, "data": {"payload": "\\u00e9-1"}}',
    );
    const v1 = fx.connect(`?token=${await fx.login()}&version=1`);
    await v1.next();
    v1.send({ op: 'ping', data: { payload: 'x' } });
    expect((await v1.ask(sub('call_created'))).json.op).toBe('subscribe');
  });

  it('swaps ACLs on a token op: a renewal with fewer ACLs stops a delivery', async () => {
    const fx = await setup();
    const c = await fx.started(['call_created']);
    await publisher.publish(callCreated(fx.me, 'before'));
    expect((await c.next()).json).toMatchObject({ data: { data: { call_id: 'before' } } });
    const lite = await fx.login('alice-lite');
    expect((await c.ask({ op: 'token', data: { token: lite } })).json).toEqual({ op: 'token', code: 0, data: null });
    expect(fx.wsd.sessions[0]!.token).toBe(lite);
    const open = callCreated(fx.me, 'open');
    await publisher.publish(callCreated(fx.me, 'after'), { ...open, headers: { ...open.headers, required_acl: null } });
    expect((await c.next()).json).toMatchObject({ data: { data: { call_id: 'open' } } });
  });

  it('closes 4002 on a renewal with an invalid token', async () => {
    const fx = await setup();
    const c = await fx.started([]);
    c.send({ op: 'token', data: { token: 'nope' } });
    expect(await c.closed).toEqual({ code: 4002, reason: 'authentication failed' });
  });

  it('closes 4003 once the token expires or is revoked', async () => {
    const fx = await setup();
    const c = await fx.started([]);
    fx.fake.expireTokens('alice');
    expect(await c.closed).toEqual({ code: 4003, reason: 'authentication expired' });
  });

  it('pings, and closes 1011 when the client does not answer', async () => {
    const fx = await setup({ pingIntervalMs: 20, pingTimeoutMs: 100 });
    const polite = await fx.started([]);
    let pings = 0;
    await new Promise<void>((resolve) => polite.ws.on('ping', () => ++pings === 3 && resolve()));
    expect((await polite.ask({ op: 'ping', data: { payload: 'p' } })).json.op).toBe('pong');
    const mute = fx.connect(`?token=${await fx.login()}&version=2`, { autoPong: false });
    expect(await mute.closed).toEqual({ code: 1011, reason: 'keepalive ping timeout' });
  });
});

describe('fake websocketd: controls', () => {
  it('closeAll closes every socket with the code given', async () => {
    const fx = await setup();
    const c = await fx.started([]);
    await fx.wsd.closeAll(1011, 'bus connection lost');
    expect(await c.closed).toEqual({ code: 1011, reason: 'bus connection lost' });
    expect(fx.wsd.connections).toBe(0);
  });

  it('a lost AMQP connection closes sessions 1011, and the next session reconnects', async () => {
    const fx = await setup();
    const c = await fx.started(['call_created']);
    await fx.wsd.dropBus();
    expect(await c.closed).toEqual({ code: 1011, reason: 'bus connection lost' });
    const again = await fx.started(['call_created']);
    await publisher.publish(callCreated(fx.me, 'after'));
    expect((await again.next()).json).toMatchObject({ data: { data: { call_id: 'after' } } });
  });

  it('stop answers upgrades 502 until start', async () => {
    const fx = await setup();
    const c = await fx.started([]);
    await fx.wsd.stop();
    expect((await c.closed).code).toBe(1011);
    const url = `${fx.fake.url.replace(/^http/, 'ws')}/api/websocketd/?token=x`;
    expect(await handshakeStatus(url)).toBe(502);
    fx.wsd.start();
    await fx.started([]);
  });

  it('handshakeFault answers the next upgrade with its status', async () => {
    const fx = await setup();
    fx.wsd.handshakeFault({ status: 404 });
    const url = `${fx.fake.url.replace(/^http/, 'ws')}/api/websocketd/?token=x`;
    expect(await handshakeStatus(url)).toBe(404);
    await fx.started([]);
  });

  it('noInit accepts a socket that never gets init', async () => {
    const fx = await setup();
    fx.wsd.noInit();
    const mute = fx.connect(`?token=${await fx.login()}&version=2`);
    await new Promise((resolve) => mute.ws.once('open', resolve));
    mute.send({ op: 'start' });
    await fx.started([]);
    await waitFor(() => fx.wsd.frames.some((f) => f.session !== fx.wsd.sessions[0]!.id), 5000, 'the frame recorded');
    expect(fx.wsd.connections).toBe(2);
    expect(fx.wsd.sessions).toHaveLength(1);
  });

  it('send reaches started sessions; silence stalls pongs and events', async () => {
    const fx = await setup();
    const c = await fx.started(['call_created']);
    expect(fx.wsd.send('not json at all')).toBe(1);
    expect((await c.next()).raw).toBe('not json at all');
    fx.wsd.silence(true);
    c.send({ op: 'ping', data: { payload: 'lost' } });
    await publisher.publish(callCreated(fx.me, 'lost'));
    await waitFor(() => fx.wsd.sessions[0]?.dropped.silenced === 1, 5000, 'the event dropped');
    fx.wsd.silence(false);
    expect((await c.ask({ op: 'ping', data: { payload: 'back' } })).json).toMatchObject({ data: { payload: 'back' } });
  });

  it('waitForSessions resolves with the started sessions', async () => {
    const fx = await setup();
    const waiting = fx.wsd.waitForSessions(2);
    await fx.started([]);
    await fx.started(['call_created']);
    expect((await waiting).map((s) => s.subscriptions)).toEqual([[], ['call_created']]);
  });
});

describe('fake Wazo: token checks as wazo-auth answers them (facts §6, §7)', () => {
  it('GET and HEAD /token/<id> with scope websocketd', async () => {
    const fx = await setup();
    const url = (t: string) => `${fx.fake.url}/api/auth/0.1/token/${t}?scope=websocketd`;
    const token = await fx.login();
    const ok = await fetch(url(token));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ data: { token, metadata: { uuid: fx.me } } });
    const noWs = await fetch(url(await fx.login('no-ws')));
    expect(noWs.status).toBe(403);
    expect(await noWs.json()).toMatchObject({ reason: ['Unauthorized for websocketd'] });
    const unknown = await fetch(url('nope'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ reason: ['No such token'] });
    expect((await fetch(url(token), { method: 'HEAD' })).status).toBe(204);
    expect((await fetch(url('nope'), { method: 'HEAD' })).status).toBe(404);
  });
});
