/** The JSON Lines every following command (watch, web) prints about a notifier service. */
import type { Logger } from '../core/logger.js';
import type { NotifierService } from '../core/service/notifier-service.js';

/** Prints status and event lines (and state lines when asked) on `out`; rejections go to the log. */
export function printFollowing(
  service: NotifierService,
  out: (obj: unknown) => void,
  log: Logger,
  opts: { state: boolean },
): void {
  service.on('status', (status) => out({ type: 'status', ...status }));
  service.on('event', (event) => out({ type: 'event', event }));
  service.on('rejected', (r) => log.warn(`rejected message (${r.reason}): ${r.detail} [routing key ${r.routingKey}]`));
  if (opts.state) service.on('state', (state) => out({ type: 'state', state }));
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
