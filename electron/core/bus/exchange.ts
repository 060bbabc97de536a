/** Exchange handling shared by the consumer and the simulator. */
import type { ChannelModel } from 'amqplib';
import type { BusMode } from '../../shared/settings.js';
import { DEFAULT_EXCHANGES } from './topology.js';

/** Whether the exchange exists, asked passively on a throwaway channel (a 404 closes it). */
async function exchangeExists(model: ChannelModel, name: string): Promise<boolean> {
  const probe = await model.createChannel();
  probe.on('error', () => {
    // A 404 on the passive check closes this channel; the answer is below.
  });
  try {
    await probe.checkExchange(name);
    await probe.close();
    return true;
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
    return false;
  }
}

/**
 * Which of Wazo's two layouts this broker has: `headers` when `wazo-headers`
 * exists (Wazo 23.01 and later publish calld, confd and dird events only
 * there), else the `xivo` topic exchange of the message-bus page. The check is
 * passive: nothing is declared.
 */
export async function detectMode(model: ChannelModel): Promise<BusMode> {
  return (await exchangeExists(model, DEFAULT_EXCHANGES.headers)) ? 'headers' : 'topic';
}

/**
 * Makes sure the exchange exists without ever redeclaring Wazo's own: it is
 * checked passively, and declared (durable, as Wazo declares it) only when the
 * broker says it does not exist, as on a bare test broker.
 */
export async function ensureExchange(model: ChannelModel, name: string, type: BusMode): Promise<void> {
  if (await exchangeExists(model, name)) return;
  const ch = await model.createChannel();
  try {
    await ch.assertExchange(name, type, { durable: true });
  } finally {
    await ch.close().catch(() => {});
  }
}
