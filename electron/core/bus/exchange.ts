/** Exchange handling shared by the consumer and the simulator. */
import type { ChannelModel } from 'amqplib';
import type { BusMode } from './topology.js';

/**
 * Makes sure the exchange exists without ever redeclaring Wazo's own: it is
 * checked passively, and declared (durable, as Wazo declares it) only when the
 * broker says it does not exist, as on a bare test broker.
 */
export async function ensureExchange(model: ChannelModel, name: string, type: BusMode): Promise<void> {
  const probe = await model.createChannel();
  probe.on('error', () => {
    // A 404 on the passive check closes this channel; the error is handled below.
  });
  try {
    await probe.checkExchange(name);
    await probe.close();
    return;
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
  }
  const ch = await model.createChannel();
  try {
    await ch.assertExchange(name, type, { durable: true });
  } finally {
    await ch.close().catch(() => {});
  }
}
