/** `wazo-notifier web`: the window in any browser, served on 127.0.0.1 over the same core. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { redactUrl } from '../core/logger.js';
import { NotifierService } from '../core/service/notifier-service.js';
import { startWebServer } from '../core/web/web-server.js';
import { BUS_OPTIONS, busConfig, intFlag, parse } from './args.js';
import { printFollowing, untilSignal } from './follow.js';
import { drained, jsonLines, stderrLogger, UsageError } from './output.js';

export const WEB_HELP = `Usage: wazo-notifier web --user UUID [options]

Runs the notifier and serves its window on http://127.0.0.1 only, for any
browser (development, demos, machines without Electron). Prints the same JSON
Lines as "watch", and once ready:
  {"type":"listening","url":"http://127.0.0.1:PORT/TOKEN/"}
Only that URL (with its per-run token) opens the app. SIGINT/SIGTERM exit 0.

Options:
  --url URL                AMQP broker (default amqp://guest:guest@localhost:5672/)
  --user UUID              the Wazo user to follow (required)
  --mode topic|headers     default topic
  --exchange NAME          override the exchange name
  --port N                 port to listen on (default: a free one)
  --state                  also print the snapshot after each change
  --install-id ID          name of the queue (default: a new one per run)
  --dev-origin ORIGIN      also accept the socket from this origin, e.g. the Vite dev
                           server: npm run dev, then open
                           http://localhost:5173/?bridge=<the listening URL>ws
  -h, --help               this help
`;

/** The renderer build that ships next to the compiled CLI (dist/renderer). */
const RENDERER_ROOT = fileURLToPath(new URL('../renderer/', import.meta.url));

export async function web(argv: string[]): Promise<number> {
  const values = parse(argv, {
    ...BUS_OPTIONS,
    port: { type: 'string' },
    state: { type: 'boolean', default: false },
    'install-id': { type: 'string' },
    'dev-origin': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(WEB_HELP);
    return 0;
  }
  const config = busConfig({ ...values, installId: values['install-id'] });
  const port = intFlag('port', values.port, 0, 65_535) ?? 0;
  const log = stderrLogger();
  if (!existsSync(`${RENDERER_ROOT}index.html`)) {
    log.error(`the window is not built (${RENDERER_ROOT}index.html is missing): run "npm run build" first`);
    return 1;
  }
  const out = jsonLines();
  const service = new NotifierService(config, { log, connectionName: `wazo-notifier web ${config.installId}` });
  printFollowing(service, out, log, { state: values.state });
  const signal = untilSignal();
  const devOrigin = values['dev-origin'];
  if (devOrigin !== undefined && !/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(devOrigin)) {
    throw new UsageError(`--dev-origin must be a local origin such as http://localhost:5173, not "${devOrigin}"`);
  }
  const server = await startWebServer({ service, root: RENDERER_ROOT, port, log, ...(devOrigin ? { devOrigin } : {}) });
  log.info(`following user ${config.userUuid} on ${redactUrl(config.url)} (${config.mode} mode)`);
  out({ type: 'listening', url: server.url });
  await service.start();
  await signal;
  await server.close();
  await service.stop();
  await drained();
  return 0;
}
