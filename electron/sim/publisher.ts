/** Publishes events on the bus the way a Wazo server does, in either mode. */
import type { Channel, Options } from 'amqplib';
import type { Publication } from './envelope.js';

/**
 * The message properties Wazo's publishers set (kombu's defaults, seen on the
 * wire): a JSON body in UTF-8, persistent delivery.
 */
export const WAZO_MESSAGE_OPTIONS = {
  contentType: 'application/json',
  contentEncoding: 'utf-8',
  deliveryMode: 2,
} as const satisfies Options.Publish;

/** Publishes one event with Wazo's headers and properties. Resolves once the channel accepted it (or drained). */
export async function publish(channel: Channel, exchange: string, pub: Publication): Promise<void> {
  const ok = channel.publish(exchange, pub.routingKey, Buffer.from(JSON.stringify(pub.body)), {
    ...WAZO_MESSAGE_OPTIONS,
    headers: pub.headers,
  });
  if (!ok) await new Promise<void>((resolve) => channel.once('drain', () => resolve()));
}
