/**
 * A real Notifier fed by hand, without a broker: each publication is handed
 * over as RabbitMQ would deliver it (bytes, routing key, headers), at a time
 * the test chooses, and every toast is recorded. For unit tests of the whole
 * pipeline (decode, scope, server clock, store, toasts).
 */
import { parseConfig } from '../../electron/core/config.js';
import type { ServerClock } from '../../electron/core/events/server-clock.js';
import { Notifier } from '../../electron/core/notifier.js';
import type { Publication } from '../../electron/sim/envelope.js';
import type { Toast } from '../../electron/shared/toast.js';

export interface HandFed {
  notifier: Notifier;
  toasts: Toast[];
  /** The client's clock, epoch ms. */
  now: number;
  /** Delivers publications at `now`. */
  deliver(...pubs: Publication[]): void;
  /** Delivers publications at `at` (the client's clock moves there). */
  deliverAt(at: number, ...pubs: Publication[]): void;
}

export function handFed(userUuid: string, opts: { now: number; clock?: ServerClock }): HandFed {
  const parsed = parseConfig({ userUuid, installId: 'hand-fed', mode: 'headers' });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const fed: HandFed = {
    notifier: undefined as unknown as Notifier,
    toasts: [],
    now: opts.now,
    deliver: (...pubs) => {
      for (const p of pubs) {
        const verdict = fed.notifier.handle({
          content: Buffer.from(JSON.stringify(p.body)),
          routingKey: p.routingKey,
          headers: p.headers,
        });
        if (!verdict.ok && verdict.reason !== 'foreign') throw new Error(`${p.name} refused: ${verdict.reason}`);
      }
    },
    deliverAt: (at, ...pubs) => {
      fed.now = at;
      fed.deliver(...pubs);
    },
  };
  fed.notifier = new Notifier(parsed.config, { now: () => fed.now, ...(opts.clock ? { clock: opts.clock } : {}) });
  fed.notifier.on('toast', (t) => fed.toasts.push(t));
  return fed;
}
