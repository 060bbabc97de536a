/** `wazo-notifier web`: the window in any browser, served on 127.0.0.1 over the same core. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startWebServer } from '../web/web-server.js';
import { BUS_OPTIONS, busConfig, sourceHelp, intFlag, parse, randomInstallId, UsageError } from './args.js';
import { follow } from './follow.js';
import { configForFlags, LOGIN_EXIT_HELP, LOGIN_HELP, LOGIN_OPTIONS } from './login.js';
import { stderrLogger } from '../core/logger.js';
import { NO_USER } from '../shared/settings.js';

const WEB_HELP = `Usage: wazo-notifier web [--user UUID] [options]
       wazo-notifier web --server URL --username NAME --password-file FILE [options]

Runs the notifier and serves its window on http://127.0.0.1 only, for any
browser (development, demos, machines without Electron). Prints the same JSON
Lines as "watch", and once ready:
  {"type":"listening","url":"http://127.0.0.1:PORT/TOKEN/"}
Only that URL (with its per-run token) opens the app. SIGINT/SIGTERM exit 0.

Options:
${sourceHelp(25)}  --user UUID              the Wazo user to follow over the bus (default: nobody;
                           the window then opens on its sign-in, as the desktop
                           app does on its first start)
  --exchange NAME          override the exchange name
  --port N                 port to listen on (default: a free one)
  --state                  also print the snapshot after each change
  --install-id ID          name of the queue (default: a new one per run)
  --dev-origin ORIGIN      also accept the socket from this origin, e.g. the Vite dev
                           server: npm run dev, then open
                           http://localhost:5173/?bridge=<the listening URL>ws
${LOGIN_HELP}  -h, --help               this help

Without a login on the command line, the window offers one.

${LOGIN_EXIT_HELP}`;

/** The renderer build that ships next to the compiled CLI (dist/renderer). */
const RENDERER_ROOT = fileURLToPath(new URL('../renderer/', import.meta.url));

export async function web(argv: string[]): Promise<number> {
  const values = parse(argv, {
    ...BUS_OPTIONS,
    port: { type: 'string' },
    state: { type: 'boolean', default: false },
    'install-id': { type: 'string' },
    'dev-origin': { type: 'string' },
    ...LOGIN_OPTIONS,
  });
  if (values.help) {
    process.stdout.write(WEB_HELP);
    return 0;
  }
  const port = intFlag('port', values.port, 0, 65_535) ?? 0;
  const log = stderrLogger();
  const installId = values['install-id'] ?? randomInstallId();
  const devOrigin = values['dev-origin'];
  if (devOrigin !== undefined && !/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(devOrigin)) {
    throw new UsageError(`--dev-origin must be a local origin such as http://localhost:5173, not "${devOrigin}"`);
  }
  if (!existsSync(`${RENDERER_ROOT}index.html`)) {
    log.error(`the window is not built (${RENDERER_ROOT}index.html is missing): run "npm run build" first`);
    return 1;
  }
  const target = await configForFlags(values, log, (user, acl) =>
    busConfig({ ...values, user: user ?? NO_USER, installId, acl }),
  );
  if (!target) return 3;
  return follow('web', target, log, {
    state: values.state,
    serve: async (service, out) => {
      const server = await startWebServer({
        service,
        root: RENDERER_ROOT,
        port,
        log,
        ...(devOrigin ? { devOrigin } : {}),
      });
      out({ type: 'listening', url: server.url });
      return server;
    },
  });
}
