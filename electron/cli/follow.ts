/** The JSON Lines every following command (watch, web) prints about a notifier service. */
import type { NotifierConfig } from '../core/config.js';
import { redactUrl, type Logger } from '../core/logger.js';
import { NotifierService } from '../core/service/notifier-service.js';
import type { WazoLink } from '../core/wazo/login.js';
import { drained, jsonLines } from './output.js';

/** Prints status and event lines (and state lines when asked) on `out`; rejections go to the log. */
function printFollowing(
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

/**
 * For a logged-in user: one `login` line now, one `sync` line each time a REST
 * read ends, and the snapshot once after the first read (`initial: true`),
 * even without --state. Resolves when the server ends the session for good.
 */
function printLogin(service: NotifierService, out: (obj: unknown) => void, log: Logger): Promise<string> {
  const link = service.wazo!;
  const s = link.auth.session;
  out({
    type: 'login',
    server: link.account.server,
    username: link.account.username,
    user_uuid: s.userUuid,
    tenant_uuid: s.tenantUuid,
    expires_at: new Date(s.expiresAt).toISOString(),
  });
  let initial = true;
  let lastSync = '';
  service.on('state', (state) => {
    const sync = state.sync;
    if (sync.status !== 'synced' && sync.status !== 'failed') return;
    const key = JSON.stringify(sync);
    if (key === lastSync) return;
    lastSync = key;
    out({ type: 'sync', ...sync });
    if (initial) {
      initial = false;
      out({ type: 'state', initial: true, state });
    }
  });
  return new Promise((resolve) => {
    service.on('expired', ({ reason }) => {
      log.error(`the Wazo session ended: ${reason}`);
      resolve(reason);
    });
  });
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
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

/** Something a command serves beside the notifier (the preview's web server), closed before it. */
export interface Served {
  close(): Promise<void>;
}

/**
 * What `watch` and `web` share: the notifier for `config` (logged in when
 * `link` is given), its JSON Lines, and its run until a signal (exit 0) or
 * the server ending the Wazo session for good (exit 3), then a clean stop.
 */
export async function follow(
  command: 'watch' | 'web',
  target: { config: NotifierConfig; link?: WazoLink | undefined },
  log: Logger,
  opts: { state: boolean; serve?: (service: NotifierService, out: (obj: unknown) => void) => Promise<Served> },
): Promise<number> {
  const { config, link } = target;
  const out = jsonLines();
  const service = new NotifierService(config, { log, connectionName: `wazo-notifier ${command} ${config.installId}` });
  printFollowing(service, out, log, opts);
  const ended = link
    ? (await service.useLink(link, false), printLogin(service, out, log))
    : new Promise<never>(() => {});
  const signal = untilSignal();
  const served = await opts.serve?.(service, out);
  const current = service.notifier;
  log.info(
    current.transport === 'websocketd'
      ? `following user ${config.userUuid} over websocketd at ${link!.account.server}`
      : `following user ${config.userUuid} on ${redactUrl(config.url)} (${config.mode === 'auto' ? 'layout detected at connection' : `${config.mode} mode`})`,
  );
  await service.start();
  const code = await Promise.race([signal.then(() => 0), ended.then(() => 3)]);
  await served?.close();
  await service.close();
  await drained();
  return code;
}
