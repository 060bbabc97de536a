/** `wazo-notifier watch`: follows one user's events and prints them as JSON Lines. */
import { redactUrl } from '../core/logger.js';
import { NotifierService } from '../core/service/notifier-service.js';
import { BUS_OPTIONS, busConfig, intFlag, parse } from './args.js';
import { printFollowing, untilSignal } from './follow.js';
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
  const service = new NotifierService(config, { log, connectionName: `wazo-notifier watch ${config.installId}` });
  printFollowing(service, out, log, { state: values.state });
  log.info(`following user ${config.userUuid} on ${redactUrl(config.url)} (${config.mode} mode)`);
  const signal = untilSignal();
  await service.start();
  await signal;
  await service.stop();
  await drained();
  return 0;
}
