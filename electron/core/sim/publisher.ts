/** Publishes events on the bus the way a Wazo server does, in either mode. */
import type { Channel } from 'amqplib';
import type { Publication } from './envelope.js';

/**
 * Publishes one event: JSON body, Wazo's headers, non-persistent (as Wazo
 * publishes). Resolves once the channel accepted it (or drained).
 */
export async function publish(channel: Channel, exchange: string, pub: Publication): Promise<void> {
  const ok = channel.publish(exchange, pub.routingKey, Buffer.from(JSON.stringify(pub.body)), {
    contentType: 'application/json',
    contentEncoding: 'utf-8',
    deliveryMode: 1,
    headers: pub.headers,
  });
  if (!ok) await new Promise<void>((resolve) => channel.once('drain', () => resolve()));
}
