/** Helpers for tests against the real RabbitMQ on 127.0.0.1:5672. */
import * as amqplib from 'amqplib';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { ensureExchange } from '../../electron/core/bus/exchange.js';
import type { BusMode } from '../../electron/shared/settings.js';
import type { Publication } from '../../electron/sim/envelope.js';
import { publish, WAZO_MESSAGE_OPTIONS } from '../../electron/sim/publisher.js';

const run = promisify(execFile);

export const BROKER_URL = 'amqp://guest:guest@127.0.0.1:5672/';

/** A publisher on its own connection, as a Wazo server would be. */
export class TestPublisher {
  private constructor(
    private readonly conn: amqplib.ChannelModel,
    private readonly ch: amqplib.Channel,
    readonly exchange: string,
  ) {}

  static async open(exchange: string, mode: BusMode): Promise<TestPublisher> {
    const conn = await amqplib.connect(BROKER_URL, { clientProperties: { connection_name: 'test-publisher' } });
    await ensureExchange(conn, exchange, mode);
    const ch = await conn.createChannel();
    return new TestPublisher(conn, ch, exchange);
  }

  async publish(...pubs: Publication[]): Promise<void> {
    for (const p of pubs) await publish(this.ch, this.exchange, p);
  }

  /** Publishes raw bytes (for malformed-input tests), with the message properties Wazo sets. */
  raw(routingKey: string, content: Buffer | string, headers: Record<string, unknown> = {}): void {
    this.ch.publish(this.exchange, routingKey, Buffer.isBuffer(content) ? content : Buffer.from(content), {
      ...WAZO_MESSAGE_OPTIONS,
      headers,
    });
  }

  async close(): Promise<void> {
    await this.conn.close().catch(() => {});
  }
}

/** A unique exchange name, so test files never see each other's traffic. */
export const uniqueExchange = (prefix: string): string => `${prefix}-test-${randomUUID().slice(0, 8)}`;

/** Kills the broker side of every client connection whose name contains `name`, as an operator would. */
export async function closeConnections(name: string): Promise<number> {
  // The connection_name a client sets shows among its client properties.
  const { stdout } = await run('rabbitmqctl', [
    '-q',
    'list_connections',
    '--no-table-headers',
    'pid',
    'client_properties',
  ]);
  const pids = stdout
    .split('\n')
    .filter((line) => line.includes(name))
    .map((line) => line.split('\t')[0]!.trim())
    .filter(Boolean);
  for (const pid of pids) await run('rabbitmqctl', ['-q', 'close_connection', pid, 'test: forced close']);
  return pids.length;
}

/** The arguments of a queue as the broker reports them. */
export async function queueArguments(queue: string): Promise<string | undefined> {
  const { stdout } = await run('rabbitmqctl', [
    '-q',
    'list_queues',
    '--no-table-headers',
    'name',
    'durable',
    'arguments',
  ]);
  return stdout.split('\n').find((l) => l.startsWith(`${queue}\t`));
}

/** Polls until `check` returns a truthy value, or fails after `ms`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  ms = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** The messages left in a queue (ready, not delivered), taken off it: name and routing key of each. */
export async function queueMessages(queue: string): Promise<string[]> {
  const conn = await amqplib.connect(BROKER_URL);
  try {
    const ch = await conn.createChannel();
    const left: string[] = [];
    for (let msg = await ch.get(queue, { noAck: true }); msg; msg = await ch.get(queue, { noAck: true })) {
      let name = '(unparseable)';
      try {
        name = String((JSON.parse(msg.content.toString()) as { name?: unknown }).name);
      } catch {
        // keep the placeholder
      }
      left.push(`${name} @ ${msg.fields.routingKey}`);
    }
    return left;
  } finally {
    await conn.close().catch(() => {});
  }
}

/** How many messages a queue holds ready (not delivered): what a consumer declaring it now would be told. */
export async function queueDepth(queue: string): Promise<number> {
  const conn = await amqplib.connect(BROKER_URL);
  try {
    const ch = await conn.createChannel();
    return (await ch.checkQueue(queue)).messageCount;
  } finally {
    await conn.close().catch(() => {});
  }
}

/** Runs one operation on a short-lived channel; a refusal (nothing to delete) is ignored. */
async function onChannel(op: (ch: amqplib.Channel) => Promise<unknown>): Promise<void> {
  const conn = await amqplib.connect(BROKER_URL);
  try {
    const ch = await conn.createChannel();
    ch.on('error', () => {});
    await op(ch).catch(() => {});
  } finally {
    await conn.close().catch(() => {});
  }
}

/** Deletes a test's queue, so that finished tests leave no bindings slowing the broker's routing. */
export const deleteQueue = (queue: string): Promise<void> => onChannel((ch) => ch.deleteQueue(queue));

/** Deletes a test's own exchange. */
export const deleteExchange = (exchange: string): Promise<void> => onChannel((ch) => ch.deleteExchange(exchange));
