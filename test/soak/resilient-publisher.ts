/**
 * The server's publisher for soaks that stop the broker: like Wazo's own
 * publishers, it reconnects on its own, and what it could not publish while
 * the broker was away is lost (the server's state changed all the same: the
 * client must learn it from its REST read).
 */
import * as amqplib from 'amqplib';
import { ensureExchange } from '../../electron/core/bus/exchange.js';
import type { Publication } from '../../electron/sim/envelope.js';
import { WAZO_MESSAGE_OPTIONS } from '../../electron/sim/publisher.js';
import { BROKER_URL } from '../support/broker.js';

export class ResilientPublisher {
  private channel: amqplib.Channel | undefined;
  private conn: amqplib.ChannelModel | undefined;
  private opening: Promise<void> | undefined;
  private closed = false;
  /** Publications dropped because the broker was away. */
  lost = 0;

  constructor(readonly exchange: string) {}

  /** Opens the connection (declaring the headers exchange); resolves once it is up. */
  async open(): Promise<void> {
    while (!this.channel && !this.closed) {
      this.opening ??= this.connect().finally(() => (this.opening = undefined));
      await this.opening.catch(() => new Promise((r) => setTimeout(r, 200)));
    }
  }

  private async connect(): Promise<void> {
    const conn = await amqplib.connect(BROKER_URL, { clientProperties: { connection_name: 'soak-publisher' } });
    conn.on('error', () => {});
    conn.on('close', () => {
      if (this.conn === conn) this.channel = this.conn = undefined;
    });
    await ensureExchange(conn, this.exchange, 'headers');
    const ch = await conn.createChannel();
    ch.on('error', () => {});
    this.conn = conn;
    this.channel = ch;
  }

  /** Publishes, or counts the publication lost while the broker is away (and reconnects in the background). */
  async publish(p: Publication): Promise<void> {
    const ch = this.channel;
    if (!ch) {
      this.lost++;
      if (!this.opening && !this.closed) void this.open();
      return;
    }
    try {
      ch.publish(this.exchange, p.routingKey, Buffer.from(JSON.stringify(p.body)), {
        ...WAZO_MESSAGE_OPTIONS,
        headers: p.headers,
      });
    } catch {
      this.lost++;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.conn?.close().catch(() => {});
  }
}
