/**
 * An in-memory amqplib, in the manner of node-amqp-connection-manager's
 * `FakeAmqp` (test/fixtures.ts): the connect function the bus client takes,
 * connections and channels that record what is asked of them, and a broker
 * the test drives (exchanges that exist or not, a connection dropped, a
 * channel closed with an error, a consumer cancelled, connections refused).
 * Nothing runs on a timer: a reconnection happens when the test says so.
 *
 * What it keeps of amqplib 2.3's recovering connection (lib/recovery.js),
 * which the bus client relies on:
 * - `connect(url, { recovery })` with `waitForConnect: false` resolves at once;
 *   the first attempt starts on the next `setImmediate`, after the caller has
 *   attached its listeners;
 * - an attempt opens a connection, runs `recovery.setup` on it, and only then
 *   emits `connect`; a refused connection or a setup that throws closes what
 *   was opened and emits `connect-failed`, then `reconnect-scheduled`;
 * - a connection that closes (the broker, or the client closing the model
 *   it was given in `setup`) closes its channels first, then emits
 *   `disconnect` and `reconnect-scheduled`;
 * - `close()` on the recovering model stops everything: no `disconnect`, no
 *   further attempt;
 * - channels as the broker treats them: a passive check of a missing exchange
 *   is a 404 that closes the channel (`error`, then `close`), an ack on a
 *   closed channel throws.
 */
import { EventEmitter } from 'node:events';
import type { Channel, ChannelModel, ConsumeMessage, Options, Replies } from 'amqplib';
import type { ConnectFn } from '../../electron/core/bus/bus-client.js';

type RecoveryOptions = {
  initialDelay: number;
  maxDelay: number;
  factor: number;
  setup: (model: ChannelModel) => Promise<void>;
};

/** An error as amqplib gives it, with the AMQP reply code. */
export function amqpError(code: number, message: string): Error & { code: number } {
  return Object.assign(new Error(message), { code });
}

/** The channel methods the client uses, checked against amqplib's own declarations. */
type UsedChannel = Pick<
  Channel,
  'checkExchange' | 'assertExchange' | 'assertQueue' | 'bindQueue' | 'prefetch' | 'consume' | 'ack' | 'nack' | 'close'
>;

export class FakeChannel extends EventEmitter implements UsedChannel {
  open = true;
  private consumer: ((msg: ConsumeMessage | null) => void) | undefined;
  private tag = 0;

  constructor(
    readonly name: string,
    private readonly amqp: FakeAmqp,
  ) {
    super();
  }

  /** Records an operation; on a closed channel it throws, as amqplib's do (its promise-returning ones reject). */
  private record(op: string): void {
    if (!this.open) throw new Error(`${this.name}: Channel closed`);
    this.amqp.journal.push(`${this.name} ${op}`);
  }

  /** An operation that answers with a promise: what throws becomes a rejection. */
  private async rpc<T>(op: string, answer: () => T): Promise<T> {
    this.record(op);
    return answer();
  }

  checkExchange(exchange: string): Promise<Replies.Empty> {
    return this.rpc(`checkExchange ${exchange}`, () => {
      if (this.amqp.exchanges.has(exchange)) return {};
      const err = amqpError(
        404,
        `Channel closed by server: 404 (NOT-FOUND) with message "NOT_FOUND - no exchange '${exchange}'"`,
      );
      this.brokerClose(err);
      throw err;
    });
  }

  assertExchange(exchange: string, type: string, options?: Options.AssertExchange): Promise<Replies.AssertExchange> {
    return this.rpc(`assertExchange ${exchange} ${type}${options?.durable ? ' durable' : ''}`, () => {
      this.amqp.exchanges.add(exchange);
      return { exchange };
    });
  }

  assertQueue(queue: string, options?: Options.AssertQueue): Promise<Replies.AssertQueue> {
    return this.rpc(`assertQueue ${queue}${options?.durable ? ' durable' : ''}`, () => {
      this.amqp.queues.set(queue, { arguments: options?.arguments ?? {} });
      return { queue, messageCount: this.amqp.backlog.get(queue) ?? 0, consumerCount: 0 };
    });
  }

  bindQueue(queue: string, exchange: string, pattern: string, args?: Record<string, unknown>): Promise<Replies.Empty> {
    return this.rpc(`bindQueue ${queue} ${exchange} '${pattern}'${args ? ` ${JSON.stringify(args)}` : ''}`, () => ({}));
  }

  prefetch(count: number): Promise<Replies.Empty> {
    return this.rpc(`prefetch ${count}`, () => ({}));
  }

  consume(
    queue: string,
    onMessage: (msg: ConsumeMessage | null) => void,
    options?: Options.Consume,
  ): Promise<Replies.Consume> {
    return this.rpc(`consume ${queue}${options?.noAck ? ' noAck' : ''}`, () => {
      this.consumer = onMessage;
      return { consumerTag: `${this.name}-consumer` };
    });
  }

  ack(msg: ConsumeMessage, allUpTo?: boolean): void {
    this.record(`ack ${msg.fields.deliveryTag}${allUpTo ? ' allUpTo' : ''}`);
  }

  nack(msg: ConsumeMessage, allUpTo?: boolean, requeue?: boolean): void {
    this.record(`nack ${msg.fields.deliveryTag}${allUpTo ? ' allUpTo' : ''}${requeue === false ? '' : ' requeue'}`);
  }

  close(): Promise<void> {
    return this.rpc('close', () => this.closed());
  }

  /** The broker delivers a message to this channel's consumer; returns it as the consumer saw it. */
  deliver(
    body: string | Buffer,
    opts: { routingKey?: string; headers?: Record<string, unknown>; redelivered?: boolean } = {},
  ): ConsumeMessage {
    if (!this.consumer || !this.open) throw new Error(`${this.name}: nobody consumes here`);
    const msg = {
      content: Buffer.isBuffer(body) ? body : Buffer.from(body),
      fields: {
        deliveryTag: ++this.tag,
        redelivered: opts.redelivered ?? false,
        exchange: 'xivo',
        routingKey: opts.routingKey ?? '',
        consumerTag: `${this.name}-consumer`,
      },
      properties: { headers: opts.headers },
    } as ConsumeMessage;
    this.consumer(msg);
    return msg;
  }

  /** The broker cancels the consumer (its queue was deleted): amqplib hands the consumer `null`. */
  cancelConsumer(): void {
    this.consumer?.(null);
  }

  /** The broker closes this channel with an error (a 406 on a redeclaration, a 404): `error`, then `close`. */
  brokerClose(err: Error): void {
    this.emit('error', err);
    this.closed();
  }

  /** Moved to closed (once): every later operation throws, as amqplib's do. */
  closed(): void {
    if (!this.open) return;
    this.open = false;
    this.consumer = undefined;
    this.emit('close');
  }
}

export class FakeConnection extends EventEmitter {
  open = true;
  readonly channels: FakeChannel[] = [];

  constructor(
    readonly name: string,
    private readonly amqp: FakeAmqp,
  ) {
    super();
  }

  createChannel(): Promise<FakeChannel> {
    if (!this.open) return Promise.reject(new Error(`${this.name}: Connection closed`));
    const ch = new FakeChannel(`ch${++this.amqp.channelCount}`, this.amqp);
    this.channels.push(ch);
    this.amqp.journal.push(`${this.name} createChannel ${ch.name}`);
    return Promise.resolve(ch);
  }

  /** The client closes the connection: its channels close, then it does (without an error). */
  close(): Promise<void> {
    if (!this.open) return Promise.reject(new Error(`${this.name}: Connection closed`));
    this.amqp.journal.push(`${this.name} close`);
    this.closed(undefined);
    return Promise.resolve();
  }

  /**
   * The broker closes the connection (`rabbitmqctl close_connection`, a restart): its
   * channels close, an `error` first when the code is fatal (not 320, connection-forced),
   * then `close` with the error.
   */
  brokerClose(err: Error & { code?: number }): void {
    if (!this.open) return;
    if (err.code !== undefined && err.code !== 320) this.emit('error', err);
    this.closed(err);
  }

  private closed(err: Error | undefined): void {
    this.open = false;
    for (const ch of this.channels) ch.closed();
    this.emit('close', err);
  }
}

/** amqplib's recovering model, as `connect` returns it with `recovery` set. */
class FakeRecoveringModel extends EventEmitter {
  private model: FakeConnection | undefined;
  private stopped = false;
  private attemptNo = 0;
  /** The reconnection amqplib would start on a timer; here the test starts it. */
  scheduled = false;
  running: Promise<void> | undefined;

  constructor(
    private readonly amqp: FakeAmqp,
    private readonly recovery: RecoveryOptions,
  ) {
    super();
    setImmediate(() => void this.attempt());
  }

  attempt(): Promise<void> {
    this.scheduled = false;
    this.running = this.connect();
    return this.running;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let conn: FakeConnection | undefined;
    try {
      if (this.amqp.refusal) throw this.amqp.refusal;
      conn = new FakeConnection(`c${++this.amqp.connectionCount}`, this.amqp);
      this.amqp.connections.push(conn);
      this.amqp.journal.push(`${conn.name} open`);
      await this.recovery.setup(conn as unknown as ChannelModel);
      if (this.stopped) {
        await conn.close().catch(() => {});
        return;
      }
      this.model = conn;
      this.attemptNo = 0;
      conn.on('close', (err?: Error) => this.lost(conn!, err));
      conn.on('error', (err: Error) => this.emit('error', err));
      this.emit('connect', conn);
    } catch (err) {
      if (conn?.open) await conn.close().catch(() => {});
      this.emit('connect-failed', err);
      this.schedule(err as Error);
    }
  }

  private lost(conn: FakeConnection, err: Error | undefined): void {
    if (this.model !== conn || this.stopped) return;
    this.model = undefined;
    const error = err ?? new Error('Connection closed');
    this.emit('disconnect', error);
    this.schedule(error);
  }

  private schedule(error: Error): void {
    if (this.stopped || this.scheduled) return;
    const attempt = ++this.attemptNo;
    // amqplib's backoff without its jitter: initialDelay × factor^(attempt-1), capped.
    const { initialDelay, factor, maxDelay } = this.recovery;
    const delay = Math.min(maxDelay, initialDelay * factor ** (attempt - 1));
    this.scheduled = true;
    this.emit('reconnect-scheduled', { attempt, delay, error });
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.scheduled = false;
    const model = this.model;
    this.model = undefined;
    model?.removeAllListeners('close');
    if (model?.open) await model.close().catch(() => {});
  }
}

/** The broker and the amqplib in front of it, for one test. */
export class FakeAmqp {
  /** Every operation, in order, across connections and channels: `c1 open`, `ch2 ack 50 allUpTo`, `c1 close`… */
  readonly journal: string[] = [];
  readonly exchanges = new Set<string>();
  readonly queues = new Map<string, { arguments: Record<string, unknown> }>();
  /** Messages each queue holds ready when declared (`assertQueue`'s `messageCount`); the test delivers them. */
  readonly backlog = new Map<string, number>();
  readonly connections: FakeConnection[] = [];
  /** What `connect` was called with. */
  readonly calls: { url: string; options: Record<string, unknown> }[] = [];
  /** When set, connection attempts fail with it (the broker is down). */
  refusal: Error | undefined;
  connectionCount = 0;
  channelCount = 0;
  private model: FakeRecoveringModel | undefined;

  constructor(exchanges: readonly string[] = []) {
    for (const e of exchanges) this.exchanges.add(e);
  }

  /** amqplib's `connect`, as the bus client takes it. */
  readonly connect = ((url: string, options: Record<string, unknown> & { recovery: RecoveryOptions }) => {
    this.calls.push({ url, options });
    this.model = new FakeRecoveringModel(this, options.recovery);
    return Promise.resolve(this.model);
  }) as unknown as ConnectFn;

  /** Waits for the connection attempt in progress (the first one starts by itself). */
  async settled(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    await this.model?.running;
  }

  /** Starts the reconnection amqplib has scheduled, and waits for it. */
  async reconnect(): Promise<void> {
    if (!this.model?.scheduled) throw new Error('no reconnection is scheduled');
    await this.model.attempt();
  }

  /** Whether amqplib would try again (a reconnection is scheduled). */
  get reconnectScheduled(): boolean {
    return this.model?.scheduled ?? false;
  }

  /** The open connection. */
  get connection(): FakeConnection {
    const c = this.connections.at(-1);
    if (!c?.open) throw new Error('no open connection');
    return c;
  }

  /** The channel the consumer is on (the last one opened on the open connection). */
  get consuming(): FakeChannel {
    const ch = this.connection.channels.at(-1);
    if (!ch?.open) throw new Error('no open channel');
    return ch;
  }

  /** The journal's lines about one channel or connection, without its name. */
  of(name: string): string[] {
    return this.journal.filter((l) => l.startsWith(`${name} `)).map((l) => l.slice(name.length + 1));
  }
}
