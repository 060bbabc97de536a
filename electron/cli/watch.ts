/** `wazo-notifier watch`: follows one user's events and prints them as JSON Lines. */
import { BUS_OPTIONS, busConfig, sourceHelp, intFlag, parse, randomInstallId } from './args.js';
import { follow } from './follow.js';
import { configForFlags, LOGIN_EXIT_HELP, LOGIN_HELP, LOGIN_OPTIONS } from './login.js';
import { BUS_TUNING } from '../core/config.js';
import { stderrLogger } from '../core/logger.js';

const { prefetch: PREFETCH, maxReconnectDelayMs: RECONNECT_CAP } = BUS_TUNING;

const WATCH_HELP = `Usage: wazo-notifier watch --user UUID [options]
       wazo-notifier watch --server URL --username NAME --password-file FILE [options]

Follows one Wazo user's events (over wazo-websocketd when logged in, else on
the bus) and prints JSON Lines on stdout:
  {"type":"status","status":"connecting|connected|reconnecting|closed",
   "source":{"transport":"websocketd","server"} | {"transport":"amqp","broker","exchange","mode"},...}
  {"type":"event","event":<the envelope as received>}
  {"type":"state","state":<snapshot>}        (with --state, after each change)
With a login, also:
  {"type":"login","server","username","user_uuid","tenant_uuid","expires_at"}
  {"type":"sync","status":"synced|failed","at",["error"]}  (each REST read)
  {"type":"state","initial":true,"state":<snapshot>}       (after the first read)
Rejected messages and diagnostics go to stderr. SIGINT/SIGTERM exit 0.

Options:
${sourceHelp(27)}  --user UUID                the Wazo user to follow (required)
  --exchange NAME            override the exchange name
  --state                    also print the snapshot after each change
  --acl PATTERN              an ACL of the user (repeatable); when given, events
                             whose required_acl it does not allow are dropped
  --install-id ID            name of this watcher's queue; reuse it to get what
                             queued while the watcher was down (default: a new one per run)
  --max-reconnect-delay MS   cap of the reconnect backoff (default ${RECONNECT_CAP.default})
  --prefetch N               unacked messages in flight (default ${PREFETCH.default})
${LOGIN_HELP}  -h, --help                 this help

${LOGIN_EXIT_HELP}`;

/** Runs `watch` until a signal; resolves with the exit code. */
export async function watch(argv: string[]): Promise<number> {
  const values = parse(argv, {
    ...BUS_OPTIONS,
    state: { type: 'boolean', default: false },
    acl: { type: 'string', multiple: true },
    'install-id': { type: 'string' },
    'max-reconnect-delay': { type: 'string' },
    prefetch: { type: 'string' },
    ...LOGIN_OPTIONS,
  });
  if (values.help) {
    process.stdout.write(WATCH_HELP);
    return 0;
  }
  const log = stderrLogger();
  const installId = values['install-id'] ?? randomInstallId();
  const maxReconnectDelayMs = intFlag(
    'max-reconnect-delay',
    values['max-reconnect-delay'],
    RECONNECT_CAP.min,
    RECONNECT_CAP.max,
  );
  const prefetch = intFlag('prefetch', values.prefetch, PREFETCH.min, PREFETCH.max);
  const target = await configForFlags(values, log, (user, acl) =>
    busConfig({ ...values, user, installId, maxReconnectDelayMs, prefetch, acl: acl ?? values.acl }),
  );
  if (!target) return 3;
  return follow('watch', target, log, { state: values.state });
}
