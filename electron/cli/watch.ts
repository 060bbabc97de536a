/** `wazo-notifier watch`: follows one user's events and prints them as JSON Lines. */
import { redactUrl } from '../core/logger.js';
import { Notifier } from '../core/notifier.js';
import { BUS_OPTIONS, busConfig, intFlag, parse } from './args.js';
import { drained, jsonLines, stderrLogger } from './output.js';

export const WATCH_HELP = `Usage: wazo-notifier watch --user UUID [options]

Follows one Wazo user's events on the bus and prints JSON Lines on stdout:
  {"type":"status","status":"connecting|connected|reconnecting|closed",...}
  {"type":"event","event":<the envelope as received>}
  {"type":"state","state":<snapshot>}        (with --state, after each change)
Rejected messages and diagnostics go to stderr. SIGINT/SIGTERM exit 0.

Options:
  --url URL                  AMQP broker (default amqp://guest:guest@localhost:5672/)
  --user UUID                the Wazo user to follow (required)
  --mode topic|headers       topic: exchange "xivo" (Wazo's message-bus page);
                             headers: exchange "wazo-headers" (Wazo 23.01+). Default topic.
  --exchange NAME            override the exchange name
  --state                    also print the snapshot after each change
  --acl PATTERN              an ACL of the user (repeatable); when given, events
                             whose required_acl it does not allow are dropped
  --install-id ID            name of this watcher's queue; reuse it to get what
                             queued while the watcher was down (default: a new one per run)
  --max-reconnect-delay MS   cap of the reconnect backoff (default 2000)
  --prefetch N               unacked messages in flight (default 100)
  -h, --help                 this help
`;

/** Runs `watch` until a signal; resolves with the exit code. */
export async function watch(argv: string[]): Promise<number> {
  const values = parse(argv, {
    ...BUS_OPTIONS,
    state: { type: 'boolean', default: false },
    acl: { type: 'string', multiple: true },
    'install-id': { type: 'string' },
    'max-reconnect-delay': { type: 'string' },
    prefetch: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(WATCH_HELP);
    return 0;
  }
  const config = busConfig({
    ...values,
    installId: values['install-id'],
    maxReconnectDelayMs: intFlag('max-reconnect-delay', values['max-reconnect-delay'], 100, 600_000),
    prefetch: intFlag('prefetch', values.prefetch, 1, 10_000),
  });
  const out = jsonLines();
  const log = stderrLogger();
  const notifier = new Notifier(config, { log, connectionName: `wazo-notifier watch ${config.installId}` });
  notifier.on('status', (status) => out({ type: 'status', ...status }));
  notifier.on('event', (event) => out({ type: 'event', event }));
  notifier.on('rejected', (r) => log.warn(`rejected message (${r.reason}): ${r.detail} [routing key ${r.routingKey}]`));
  if (values.state) notifier.on('state', (state) => out({ type: 'state', state }));
  log.info(`following user ${config.userUuid} on ${redactUrl(config.url)} (${config.mode} mode)`);

  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void notifier.stop().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await notifier.start();
  await stopped;
  await drained();
  return 0;
}
