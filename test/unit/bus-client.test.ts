/**
 * The AMQP source's own logic against an in-memory amqplib (test/support/fake-amqp.ts):
 * what it declares on every (re)connect, the statuses it reports, how it acks,
 * what it does when a channel or the connection goes, and how it stops. Fast
 * and deterministic: nothing waits on a clock. The same client against the real
 * RabbitMQ (reconnection through a broker restart, queue arguments kept, acks
 * surviving) is in test/integration/connection.test.ts and notifier.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BusClient, type BusClientOptions } from '../../electron/core/bus/bus-client.js';
import type { SourceMessage } from '../../electron/core/bus/event-source.js';
import { topologyFor } from '../../electron/core/bus/topology.js';
import type { Logger } from '../../electron/core/logger.js';
import type { ConnectionState } from '../../electron/shared/snapshot.js';
import { FakeAmqp, amqpError } from '../support/fake-amqp.js';

const USER = '2e752722-0864-4665-887d-a78a024cf7c7';
const QUEUE = `wazo-notifier.v1.${USER}.desk-1`;
const URL_WITH_SECRET = 'amqp://notifier:s3cret-pw@broker.example:5672/';

interface Running {
  client: BusClient;
  amqp: FakeAmqp;
  statuses: ConnectionState[];
  received: SourceMessage[];
  logs: string[];
}

const clients: BusClient[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of clients.splice(0)) await c.stop();
});

type Setup = Partial<BusClientOptions> & { exchanges?: string[]; handler?: (m: SourceMessage) => void };

/** A client on a fake broker that has `exchanges` (both of Wazo's by default), not started. */
function make(opts: Setup = {}): Running {
  const amqp = new FakeAmqp(opts.exchanges ?? ['wazo-headers', 'xivo']);
  const statuses: ConnectionState[] = [];
  const received: SourceMessage[] = [];
  const logs: string[] = [];
  const line = (level: string) => (m: string) => void logs.push(`${level}: ${m}`);
  const log: Logger = { info: line('info'), warn: line('warn'), error: line('error') };
  const client = new BusClient(
    {
      url: URL_WITH_SECRET,
      mode: 'headers',
      topology: (mode) => topologyFor({ mode, userUuid: USER, installId: 'desk-1' }),
      prefetch: 100,
      maxReconnectDelayMs: 2_000,
      connect: amqp.connect,
      log,
      ...opts,
    },
    opts.handler ?? ((m) => received.push(m)),
  );
  clients.push(client);
  client.on('status', (s) => statuses.push(s));
  return { client, amqp, statuses, received, logs };
}

/** A started client, once its first connection attempt is over. */
async function started(opts: Setup = {}): Promise<Running> {
  const r = make(opts);
  await r.client.start();
  await r.amqp.settled();
  return r;
}

const statusNames = (r: Running) => r.statuses.map((s) => s.status);

describe('bus client: ready for a REST read', () => {
  const readyCount = (r: Running) => {
    let n = 0;
    r.client.on('ready', () => n++);
    return () => n;
  };

  it('is ready as soon as it is connected when the queue held nothing', async () => {
    const r = make();
    const ready = readyCount(r);
    await r.client.start();
    await r.amqp.settled();
    expect(statusNames(r)).toEqual(['connecting', 'connected']);
    expect(ready()).toBe(1);
  });

  it('waits until the backlog the queue held at the connection is handled, then again after each reconnection', async () => {
    const r = make();
    r.amqp.backlog.set(QUEUE, 3);
    const ready = readyCount(r);
    await r.client.start();
    await r.amqp.settled();
    expect(r.client.status.status).toBe('connected');
    const ch = r.amqp.consuming;
    ch.deliver('{"n":1}');
    ch.deliver('{"n":2}');
    expect(ready()).toBe(0);
    ch.deliver('{"n":3}');
    expect(ready()).toBe(1);
    ch.deliver('{"n":4}'); // news: nothing more to say
    expect(ready()).toBe(1);
    r.amqp.backlog.set(QUEUE, 1);
    r.amqp.connection.brokerClose(amqpError(320, 'forced'));
    await r.amqp.reconnect();
    expect(ready()).toBe(1);
    r.amqp.consuming.deliver('{"n":5}');
    expect(ready()).toBe(2);
  });

  it('is ready 3 s after a backlog stops coming (dropped at the queue’s length cap, taken by another consumer)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const r = make();
    r.amqp.backlog.set(QUEUE, 10);
    const ready = readyCount(r);
    await r.client.start();
    await r.amqp.settled();
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    r.amqp.consuming.deliver('{"n":1}');
    vi.advanceTimersByTime(2_900);
    r.amqp.consuming.deliver('{"n":2}'); // still coming: the wait starts again
    vi.advanceTimersByTime(2_900);
    await turn();
    expect(ready()).toBe(0);
    // The wait is over, but deliveries already read in the same turn of the loop count first.
    vi.advanceTimersByTime(200);
    r.amqp.consuming.deliver('{"n":3}');
    await turn();
    expect(ready()).toBe(0);
    vi.advanceTimersByTime(3_000);
    await turn();
    expect(ready()).toBe(1);
  });

  it('says nothing for a connection that closed while its backlog was coming, and counts the next one afresh', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const r = make();
    r.amqp.backlog.set(QUEUE, 5);
    const ready = readyCount(r);
    await r.client.start();
    await r.amqp.settled();
    r.amqp.consuming.deliver('{"n":1}');
    r.amqp.backlog.set(QUEUE, 2);
    r.amqp.connection.brokerClose(amqpError(320, 'forced'));
    vi.advanceTimersByTime(10_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ready()).toBe(0);
    await r.amqp.reconnect();
    r.amqp.consuming.deliver('{"n":2}');
    expect(ready()).toBe(0);
    r.amqp.consuming.deliver('{"n":3}');
    expect(ready()).toBe(1);
  });
});

describe('bus client: connecting', () => {
  it('opens one recovering connection with a heartbeat, its name, and the backoff cap', async () => {
    const r = await started({ connectionName: 'wazo-notifier test', maxReconnectDelayMs: 700 });
    expect(r.amqp.calls).toHaveLength(1);
    const { url, options } = r.amqp.calls[0]!;
    expect(new URL(url).searchParams.get('heartbeat')).toBe('10');
    expect(options).toMatchObject({
      clientProperties: { connection_name: 'wazo-notifier test' },
      recovery: { maxDelay: 700, maxRetries: Infinity, waitForConnect: false },
    });
  });

  it('keeps a heartbeat the URL sets', async () => {
    const r = await started({ url: 'amqp://guest:guest@localhost:5672/?heartbeat=3' });
    expect(new URL(r.amqp.calls[0]!.url).searchParams.get('heartbeat')).toBe('3');
  });

  it('declares the queue, binds it, sets the prefetch and consumes with acks, then says connected', async () => {
    const r = await started({ prefetch: 7 });
    const ch = r.amqp.consuming.name;
    const t = topologyFor({ mode: 'headers', userUuid: USER, installId: 'desk-1' });
    expect(r.amqp.of(ch)).toEqual([
      `assertQueue ${QUEUE} durable`,
      ...t.bindings.map((b) => `bindQueue ${QUEUE} wazo-headers '' ${JSON.stringify(b.arguments)}`),
      'prefetch 7',
      `consume ${QUEUE}`,
    ]);
    expect(r.amqp.queues.get(QUEUE)?.arguments).toEqual(t.queueArguments);
    expect(statusNames(r)).toEqual(['connecting', 'connected']);
    expect(r.client.status).toEqual({
      status: 'connected',
      source: { transport: 'amqp', broker: 'broker.example:5672', exchange: 'wazo-headers', mode: 'headers' },
    });
  });

  it('checks an existing exchange passively and never redeclares it', async () => {
    const r = await started();
    expect(r.amqp.journal.some((l) => l.includes('assertExchange'))).toBe(false);
    expect(r.amqp.journal.some((l) => l.endsWith('checkExchange wazo-headers'))).toBe(true);
  });

  it('declares the exchange, durable, only where the broker says it does not exist', async () => {
    const r = await started({ exchanges: [], mode: 'topic' });
    expect(r.amqp.journal.filter((l) => l.includes('assertExchange'))).toEqual([
      expect.stringMatching(/ assertExchange xivo topic durable$/),
    ]);
    expect(r.client.status.status).toBe('connected');
  });

  it('detects the headers layout where wazo-headers exists, and says so', async () => {
    const r = await started({ mode: 'auto' });
    expect(r.client.status.source).toEqual({
      transport: 'amqp',
      broker: 'broker.example:5672',
      exchange: 'wazo-headers',
      mode: 'headers',
    });
    expect(r.logs).toContain('info: bus layout detected: headers (exchange wazo-headers)');
  });

  it('falls back to the xivo topic exchange on a broker without wazo-headers', async () => {
    const r = await started({ mode: 'auto', exchanges: ['xivo'] });
    expect(r.client.status.source).toMatchObject({ exchange: 'xivo', mode: 'topic' });
    expect(r.amqp.of(r.amqp.consuming.name).some((l) => l.startsWith(`bindQueue ${QUEUE} xivo `))).toBe(true);
  });

  it('reports connecting, with the broker but no layout, until the layout is known', () => {
    const r = make({ mode: 'auto' });
    expect(r.client.status).toEqual({
      status: 'connecting',
      source: { transport: 'amqp', broker: 'broker.example:5672' },
    });
  });
});

describe('bus client: consuming', () => {
  it('hands each message to the handler with its routing key and headers', async () => {
    const r = await started();
    const headers = { name: 'call_created', [`user_uuid:${USER}`]: true };
    r.amqp.consuming.deliver('{"name":"call_created"}', { routingKey: 'calls.call.created', headers });
    expect(r.received).toEqual([
      { content: Buffer.from('{"name":"call_created"}'), routingKey: 'calls.call.created', headers },
    ]);
  });

  it('acks in batches: one multiple ack for every 50 messages, never a nack', async () => {
    const r = await started();
    const ch = r.amqp.consuming;
    for (let i = 0; i < 120; i++) ch.deliver(`{"n":${i}}`);
    expect(r.received).toHaveLength(120);
    expect(r.amqp.of(ch.name).filter((l) => /^(ack|nack)/.test(l))).toEqual(['ack 50 allUpTo', 'ack 100 allUpTo']);
  });

  it('acks a partial batch shortly after, so nothing waits unacked when traffic is light', async () => {
    const r = await started();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const ch = r.amqp.consuming;
    ch.deliver('{"n":1}');
    ch.deliver('{"n":2}');
    expect(r.amqp.of(ch.name).filter((l) => l.startsWith('ack'))).toEqual([]);
    vi.runOnlyPendingTimers();
    expect(r.amqp.of(ch.name).filter((l) => l.startsWith('ack'))).toEqual(['ack 2 allUpTo']);
  });

  it('acks a message whose handler threw (never redelivered forever), and logs it', async () => {
    const r = await started({
      handler: () => {
        throw new Error('a bug downstream');
      },
    });
    const ch = r.amqp.consuming;
    for (let i = 0; i < 50; i++) ch.deliver('{}');
    expect(r.amqp.of(ch.name).filter((l) => /^(ack|nack)/.test(l))).toEqual(['ack 50 allUpTo']);
    expect(r.logs).toContain('error: message handler threw: a bug downstream');
    expect(r.client.status.status).toBe('connected');
  });
});

describe('bus client: losing the channel or the connection', () => {
  it('closes the connection when the broker closes the channel with an error, and comes back on a new one', async () => {
    const r = await started();
    const first = r.amqp.connection;
    const ch = r.amqp.consuming;
    ch.deliver('{"n":1}');
    ch.brokerClose(amqpError(406, 'PRECONDITION_FAILED - unknown delivery tag 1'));
    expect(r.logs).toContain('warn: bus channel error: PRECONDITION_FAILED - unknown delivery tag 1');
    // Recovery rebuilds everything from a new connection: the client closes the old one itself.
    expect(r.amqp.of(first.name)).toContain('close');
    expect(r.client.status).toMatchObject({ status: 'reconnecting', attempt: 1 });
    // The message applied on the dead channel is not acked there: the broker redelivers it.
    expect(r.amqp.of(ch.name).filter((l) => l.startsWith('ack'))).toEqual([]);

    await r.amqp.reconnect();
    const again = r.amqp.consuming;
    expect(again).not.toBe(ch);
    expect(r.amqp.of(again.name)).toContain(`consume ${QUEUE}`);
    expect(r.client.status.status).toBe('connected');
    again.deliver('{"n":2}');
    expect(r.received).toHaveLength(2);
  });

  it('reconnects when the broker cancels the consumer (its queue was deleted)', async () => {
    const r = await started();
    const first = r.amqp.connection;
    r.amqp.consuming.cancelConsumer();
    expect(r.logs).toContain('warn: bus consumer cancelled by the broker; reconnecting');
    expect(r.amqp.of(first.name)).toContain('close');
    await r.amqp.reconnect();
    expect(r.amqp.connection).not.toBe(first);
    expect(r.amqp.of(r.amqp.consuming.name)).toContain(`assertQueue ${QUEUE} durable`);
    expect(r.client.status.status).toBe('connected');
  });

  it('reports reconnecting with the attempt, the error and the delay when the connection drops, then connected', async () => {
    const r = await started({ mode: 'auto' });
    r.amqp.connection.brokerClose(
      amqpError(
        320,
        'Connection closed: 320 (CONNECTION-FORCED) with message "CONNECTION_FORCED - Closed via management plugin"',
      ),
    );
    expect(r.logs.some((l) => l.startsWith('warn: bus connection lost: Connection closed: 320'))).toBe(true);
    expect(r.client.status).toEqual({
      status: 'reconnecting',
      source: { transport: 'amqp', broker: 'broker.example:5672', exchange: 'wazo-headers', mode: 'headers' },
      attempt: 1,
      error:
        'Connection closed: 320 (CONNECTION-FORCED) with message "CONNECTION_FORCED - Closed via management plugin"',
      reason: 'dropped',
      delay_ms: 100,
    });
    await r.amqp.reconnect();
    expect(statusNames(r)).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('keeps the layout it detected across reconnections (the queue is bound for it)', async () => {
    const r = await started({ mode: 'auto' });
    r.amqp.exchanges.delete('wazo-headers');
    r.amqp.connection.brokerClose(amqpError(320, 'forced'));
    await r.amqp.reconnect();
    // Asked once by the detection, then by ensureExchange on each connection: not detected again.
    expect(r.amqp.journal.filter((l) => l.endsWith('checkExchange wazo-headers'))).toHaveLength(3);
    expect(r.client.status.source).toMatchObject({ mode: 'headers', exchange: 'wazo-headers' });
    expect(r.amqp.journal.filter((l) => l.includes('assertExchange'))).toEqual([
      expect.stringMatching(/ assertExchange wazo-headers headers durable$/),
    ]);
  });

  it('counts attempts while the broker refuses, and starts again from one once back', async () => {
    const r = await started({ maxReconnectDelayMs: 300 });
    r.amqp.refusal = new Error('connect ECONNREFUSED 127.0.0.1:5672');
    r.amqp.connection.brokerClose(amqpError(320, 'forced'));
    await r.amqp.reconnect();
    await r.amqp.reconnect();
    const retrying = r.statuses.filter((s) => s.status === 'reconnecting');
    expect(retrying.map((s) => [s.attempt, s.delay_ms, s.error])).toEqual([
      [1, 100, 'forced'],
      [2, 200, 'connect ECONNREFUSED 127.0.0.1:5672'],
      [3, 300, 'connect ECONNREFUSED 127.0.0.1:5672'],
    ]);
    r.amqp.refusal = undefined;
    await r.amqp.reconnect();
    expect(r.client.status.status).toBe('connected');
    r.amqp.connection.brokerClose(amqpError(320, 'forced again'));
    expect(r.client.status).toMatchObject({ status: 'reconnecting', attempt: 1 });
  });

  it('logs a fatal connection error and recovers from it', async () => {
    const r = await started();
    r.amqp.connection.brokerClose(amqpError(541, 'INTERNAL_ERROR'));
    expect(r.logs).toContain('warn: bus connection error: INTERNAL_ERROR');
    await r.amqp.reconnect();
    expect(r.client.status.status).toBe('connected');
  });

  it('never puts the password of the URL in a status or a log line', async () => {
    const r = await started({ mode: 'auto' });
    r.amqp.refusal = new Error('connect ECONNREFUSED');
    r.amqp.connection.brokerClose(amqpError(320, 'forced'));
    await r.amqp.reconnect();
    r.amqp.refusal = undefined;
    await r.amqp.reconnect();
    await r.client.stop();
    expect(r.statuses.length).toBeGreaterThan(4);
    expect(JSON.stringify(r.statuses) + r.logs.join('\n')).not.toContain('s3cret-pw');
  });
});

describe('bus client: stopping', () => {
  it('acks what was applied, then closes the channel, then the connection, and says closed', async () => {
    const r = await started();
    const conn = r.amqp.connection;
    const ch = r.amqp.consuming;
    for (let i = 0; i < 3; i++) ch.deliver('{}');
    await r.client.stop();
    const tail = r.amqp.journal.slice(-3);
    expect(tail).toEqual([`${ch.name} ack 3 allUpTo`, `${ch.name} close`, `${conn.name} close`]);
    expect(r.client.status).toEqual({
      status: 'closed',
      source: { transport: 'amqp', broker: 'broker.example:5672', exchange: 'wazo-headers', mode: 'headers' },
    });
    expect(r.amqp.reconnectScheduled).toBe(false);
  });

  it('is one stop however many ask, and reports closed once', async () => {
    const r = await started();
    const conn = r.amqp.connection;
    const ch = r.amqp.consuming;
    const a = r.client.stop();
    const b = r.client.stop();
    expect(a).toBe(b);
    await a;
    expect(statusNames(r)).toEqual(['connecting', 'connected', 'closed']);
    expect(r.amqp.of(ch.name).filter((l) => l === 'close')).toHaveLength(1);
    expect(r.amqp.of(conn.name).filter((l) => l === 'close')).toHaveLength(1);
  });

  it('stops while reconnecting: no further attempt, and closed is the last word', async () => {
    const r = await started();
    r.amqp.connection.brokerClose(amqpError(320, 'forced'));
    expect(r.amqp.reconnectScheduled).toBe(true);
    await r.client.stop();
    expect(r.amqp.reconnectScheduled).toBe(false);
    expect(r.client.status.status).toBe('closed');
    expect(statusNames(r).at(-1)).toBe('closed');
  });

  it('a connection lost while stopping is not reported as reconnecting', async () => {
    const r = await started();
    const stopping = r.client.stop();
    // The channel is closed already; the broker drops the connection before the client closes it.
    r.amqp.connection.brokerClose(amqpError(320, 'forced'));
    await stopping;
    expect(statusNames(r)).toEqual(['connecting', 'connected', 'closed']);
    expect(r.amqp.reconnectScheduled).toBe(false);
  });

  it('stops before the first connection is up: none is opened afterwards', async () => {
    const r = make();
    await r.client.start();
    await r.client.stop();
    await r.amqp.settled();
    expect(r.amqp.connections).toEqual([]);
    expect(statusNames(r)).toEqual(['connecting', 'closed']);
  });

  it('a stop while start is still opening closes what start opened', async () => {
    const r = make();
    const starting = r.client.start(); // amqplib's connect has not resolved yet
    await r.client.stop();
    await starting;
    await r.amqp.settled();
    expect(r.amqp.connections.filter((c) => c.open)).toEqual([]);
    expect(r.amqp.reconnectScheduled).toBe(false);
    expect(statusNames(r).at(-1)).toBe('closed');
  });

  it('opens one connection however many times start is called', async () => {
    const r = make();
    await Promise.all([r.client.start(), r.client.start()]);
    await r.amqp.settled();
    expect(r.amqp.calls).toHaveLength(1);
    expect(r.amqp.connections).toHaveLength(1);
  });

  it('does not start again once stopped', async () => {
    const r = await started();
    await r.client.stop();
    await r.client.start();
    expect(r.amqp.calls).toHaveLength(1);
    expect(r.client.status.status).toBe('closed');
  });
});
