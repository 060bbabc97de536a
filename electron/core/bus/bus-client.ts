/**
 * The AMQP event source: one recovering connection (amqplib's own recovery), a setup
 * that declares the user's queue, binds it and starts consuming on every
 * (re)connect, and an observable connection status. Messages are handed to a
 * synchronous handler and acked once it returns.
 */
import * as amqplib from 'amqplib';
import type { Channel, ChannelModel, ConsumeMessage, RecoveringChannelModel } from 'amqplib';
import type { ConnectionSource, ConnectionState } from '../../shared/snapshot.js';
import { Emitter } from '../emitter.js';
import type { EventSource, MessageHandler, SourceEvents } from './event-source.js';
import { describeError, silentLogger, type Logger } from '../logger.js';
import { amqpFailureReason } from './amqp-failure.js';
import { BatchAcker } from './batch-acker.js';
import { detectMode, ensureExchange } from './exchange.js';
import type { BusMode } from '../../shared/settings.js';
import type { Topology } from './topology.js';

/** amqplib's `connect`, which the client opens its connection with; the unit test passes an in-memory one (test/support/fake-amqp.ts). */
export type ConnectFn = typeof amqplib.connect;

export interface BusClientOptions {
  url: string;
  /** The layout: `auto` detects it at the first connection (see `detectMode`). */
  mode: BusMode | 'auto';
  /** The exchange, queue and bindings for a layout. */
  topology: (mode: BusMode) => Topology;
  /** Unacked messages in flight (the config's default: `BUS_TUNING`). */
  prefetch: number;
  /** Cap of the reconnect backoff, in ms (the config's default: `BUS_TUNING`). */
  maxReconnectDelayMs: number;
  /** Shown by the broker's management tools (`rabbitmqctl list_connections name`). */
  connectionName?: string;
  connect?: ConnectFn;
  log?: Logger;
}

/**
 * A backlog that stops coming for this long is over: its rest was dropped (the queue's length cap,
 * its messages' time to live) or taken by another consumer of the queue. Long enough for a broker
 * that pauses before delivering (a durable queue read back from disk after a restart).
 */
const BACKLOG_IDLE_MS = 3_000;

export class BusClient extends Emitter<SourceEvents> implements EventSource {
  private conn: RecoveringChannelModel | undefined;
  private channel: Channel | undefined;
  private acker: BatchAcker | undefined;
  /** Messages the queue held when this connection declared it, not handled yet; `ready` waits for them. */
  private backlog = 0;
  /** Whether this connection said `ready` (or has nothing to say it for). */
  private readySaid = true;
  private backlogTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private opening: Promise<void> | undefined;
  private stopped: Promise<void> | undefined;
  private current: ConnectionState;
  /** The layout in use: given, or detected once and then kept (the queue's bindings depend on it). */
  private mode: BusMode | undefined;
  private topology: Topology | undefined;
  private readonly log: Logger;

  constructor(
    private readonly opts: BusClientOptions,
    private readonly handler: MessageHandler,
  ) {
    super();
    this.log = opts.log ?? silentLogger;
    if (opts.mode !== 'auto') this.mode = opts.mode;
    this.current = { status: 'connecting', source: this.source() };
  }

  /** What the status lines say about this transport: the broker, and the exchange and layout once known. */
  private source(): ConnectionSource {
    const u = new URL(this.opts.url);
    const broker = `${u.hostname}:${u.port || (u.protocol === 'amqps:' ? 5671 : 5672)}`;
    if (!this.mode) return { transport: 'amqp', broker };
    return { transport: 'amqp', broker, exchange: this.layout(this.mode).exchange, mode: this.mode };
  }

  private layout(mode: BusMode): Topology {
    this.topology ??= this.opts.topology(mode);
    return this.topology;
  }

  /** The latest connection state. */
  get status(): ConnectionState {
    return this.current;
  }

  /** Starts connecting; resolves at once and keeps retrying in the background forever. Calling it again does nothing. */
  start(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<void> {
    this.setStatus({ status: 'connecting', source: this.source() });
    const connect = this.opts.connect ?? amqplib.connect;
    const conn = await connect(withHeartbeat(this.opts.url), {
      clientProperties: { connection_name: this.opts.connectionName ?? 'wazo-notifier' },
      timeout: 10_000,
      // Acks and small frames go out at once rather than waiting on Nagle's algorithm.
      noDelay: true,
      recovery: {
        initialDelay: 100,
        maxDelay: this.opts.maxReconnectDelayMs,
        factor: 2,
        jitter: 0.2,
        maxRetries: Infinity,
        waitForConnect: false,
        setup: (model: ChannelModel) => this.setup(model),
      },
    });
    this.conn = conn;
    conn.on('connect', () => {
      this.setStatus({ status: 'connected', source: this.source() });
      this.checkReady();
    });
    conn.on('reconnect-scheduled', ({ attempt, delay, error }: { attempt: number; delay: number; error: Error }) => {
      this.setStatus({
        status: 'reconnecting',
        source: this.source(),
        attempt,
        error: describeError(error),
        reason: amqpFailureReason(error),
        delay_ms: Math.round(delay),
      });
    });
    conn.on('disconnect', (err: Error) => {
      this.dropChannel();
      this.log.warn(`bus connection lost: ${describeError(err)}`);
    });
    conn.on('reconnect-failed', (err: Error) =>
      this.setStatus({
        status: 'closed',
        source: this.source(),
        error: describeError(err),
        reason: amqpFailureReason(err),
      }),
    );
    conn.on('error', (err: Error) => this.log.warn(`bus connection error: ${describeError(err)}`));
    conn.on('handler-error', (err: Error, event: string) =>
      this.log.error(`bus '${event}' handler threw: ${describeError(err)}`),
    );
  }

  /** Acks what was applied, closes the connection and reports `closed`; every caller waits for the same stop. */
  stop(): Promise<void> {
    this.stopped ??= this.doStop();
    return this.stopped;
  }

  private async doStop(): Promise<void> {
    this.stopping = true;
    this.acker?.flush();
    // A stop while start still waits for amqplib: the connection it gets must be closed too.
    await this.opening?.catch(() => {});
    const conn = this.conn;
    const channel = this.channel;
    this.dropChannel();
    // Close the channel first: its close follows the last ack on the same
    // stream, whereas a connection close could overtake it and lose the ack.
    if (channel) await channel.close().catch(() => {});
    if (conn) await conn.close().catch(() => {});
    this.setStatus({ status: 'closed', source: this.source() });
  }

  private async setup(model: ChannelModel): Promise<void> {
    if (!this.mode) {
      this.mode = await detectMode(model);
      this.log.info(`bus layout detected: ${this.mode} (exchange ${this.layout(this.mode).exchange})`);
    }
    const { exchange, exchangeType, queue, queueArguments, bindings } = this.layout(this.mode);
    await ensureExchange(model, exchange, exchangeType);
    const ch = await model.createChannel();
    ch.on('error', (err: Error) => this.log.warn(`bus channel error: ${describeError(err)}`));
    ch.on('handler-error', (err: Error) => this.log.error(`bus channel handler threw: ${describeError(err)}`));
    const { messageCount } = await ch.assertQueue(queue, { durable: true, arguments: queueArguments });
    for (const b of bindings) await ch.bindQueue(queue, exchange, b.routingKey, b.arguments);
    await ch.prefetch(this.opts.prefetch);
    const acker = new BatchAcker(ch);
    this.dropChannel();
    this.channel = ch;
    this.acker = acker;
    this.backlog = messageCount;
    this.readySaid = false;
    ch.on('close', () => {
      // A channel closed while its connection lives on (queue deleted, broker
      // policy): close the connection so recovery rebuilds everything.
      if (this.channel !== ch || this.stopping) return;
      this.dropChannel();
      model.close().catch(() => {});
    });
    await ch.consume(queue, (msg) => this.onMessage(ch, acker, model, msg), { noAck: false });
  }

  private onMessage(ch: Channel, acker: BatchAcker, model: ChannelModel, msg: ConsumeMessage | null): void {
    if (msg === null) {
      this.log.warn('bus consumer cancelled by the broker; reconnecting');
      if (this.channel === ch) model.close().catch(() => {});
      return;
    }
    try {
      this.handler({
        content: msg.content,
        routingKey: msg.fields.routingKey,
        headers: msg.properties.headers,
      });
    } catch (err) {
      // A bug in a handler must neither crash the app nor wedge the queue.
      this.log.error(`message handler threw: ${describeError(err)}`);
    }
    acker.ack(msg);
    if (!this.readySaid && ch === this.channel) {
      if (this.backlog > 0) this.backlog--;
      this.checkReady();
    }
  }

  /**
   * Says `ready` once connected and the queue's backlog at the connection is
   * handled: those messages are older than anything a REST read begun now
   * answers, so they must be applied before it, never replayed over it.
   */
  private checkReady(): void {
    if (this.readySaid || this.current.status !== 'connected') return;
    if (this.backlog > 0) {
      // Re-armed by each delivery of the backlog.
      if (this.backlogTimer) this.backlogTimer.refresh();
      else {
        this.backlogTimer = setTimeout(() => {
          // A process busy for that long runs its expired timers before it reads the socket:
          // let the deliveries already waiting there in first (they re-arm the timer).
          const left = this.backlog;
          const channel = this.channel;
          setImmediate(() => {
            if (this.readySaid || this.channel !== channel || this.backlog !== left) return;
            this.backlogTimer = undefined;
            this.backlog = 0;
            this.checkReady();
          });
        }, BACKLOG_IDLE_MS);
        this.backlogTimer.unref?.();
      }
      return;
    }
    clearTimeout(this.backlogTimer);
    this.backlogTimer = undefined;
    this.readySaid = true;
    this.emit('ready', undefined);
  }

  private dropChannel(): void {
    this.acker?.dispose();
    this.acker = undefined;
    this.channel = undefined;
    clearTimeout(this.backlogTimer);
    this.backlogTimer = undefined;
    this.readySaid = true;
  }

  private setStatus(next: ConnectionState): void {
    if (this.stopping && next.status !== 'closed') return;
    this.current = next;
    this.emit('status', next);
  }
}

/** Adds a 10 s heartbeat unless the URL sets one, so a dead peer is noticed. */
function withHeartbeat(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('heartbeat')) u.searchParams.set('heartbeat', '10');
  return u.toString();
}
