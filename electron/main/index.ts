/** The desktop app's entry point: the main process's only module that imports Electron at run time (the preload, in the window's process, is the other). */
import * as electron from 'electron';
import { fileURLToPath } from 'node:url';
import { describeError, stderrLogger } from '../core/logger.js';
import { registerAppScheme, startDesktop } from './desktop.js';
import { probeFromEnv } from './probe.js';

const log = stderrLogger();

// Every renderer the app may ever open is sandboxed, not only the window made with `sandbox: true` (before ready).
electron.app.enableSandbox();
registerAppScheme(electron.protocol);
// A test hook: never honoured in a packaged build.
const probe = electron.app.isPackaged ? undefined : probeFromEnv(process.env);
startDesktop(electron, {
  distDir: fileURLToPath(new URL('..', import.meta.url)),
  argv: process.argv,
  log,
  ...(probe ? { probe } : {}),
}).catch((err: unknown) => {
  log.error(`the app could not start: ${describeError(err)}`);
  electron.app.exit(1);
});
