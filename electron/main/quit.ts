/**
 * Quitting, and the OS logging out or shutting down, with one clean stop
 * (the bus closed, the profile flushed) that never takes longer than its
 * deadline: a half-dead socket must not keep the process, and its
 * single-instance lock, alive. Windows sends no `before-quit`/`will-quit` at
 * logout or shutdown, only the window's `session-end`; Linux and macOS send
 * powerMonitor's `shutdown`, which may delay the shutdown until the app quits.
 */
import type { App, BrowserWindow, Event, PowerMonitor } from 'electron';
import type { Logger } from '../core/logger.js';

/** How long the clean stop may take before the app exits anyway (ms). */
const STOP_DEADLINE_MS = 3_000;

/** Runs `stop`, resolving when it settles or after `ms`, whichever comes first; says which. */
export async function withinDeadline(stop: () => Promise<unknown>, ms: number): Promise<'stopped' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([
      stop().then(
        () => 'stopped' as const,
        () => 'stopped' as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the quit handling needs. */
export interface QuitDeps {
  app: Pick<App, 'on' | 'quit' | 'exit'>;
  powerMonitor: Pick<PowerMonitor, 'on'>;
  window: Pick<BrowserWindow, 'on'>;
  /** Removes every handler that could touch the window once it is gone (IPC, tray, second instance). */
  detach: () => void;
  /** The clean stop: the core closed, the profile saved. */
  stop: () => Promise<unknown>;
  log: Logger;
  deadlineMs?: number;
}

/** Wires quit and OS shutdown to one stop with a deadline; returns whether a quit is under way (closing then really closes). */
export function setupQuit(deps: QuitDeps): { quitting: () => boolean } {
  let quitting = false;
  let stopping: Promise<void> | undefined;
  const stopOnce = (): Promise<void> =>
    (stopping ??= (async () => {
      quitting = true;
      deps.detach();
      const how = await withinDeadline(deps.stop, deps.deadlineMs ?? STOP_DEADLINE_MS);
      if (how === 'timeout') deps.log.warn('the clean stop took too long; exiting anyway');
    })());
  deps.app.on('before-quit', () => (quitting = true));
  deps.app.on('will-quit', (event: Event) => {
    if (stopping) return;
    event.preventDefault();
    void stopOnce().then(() => deps.app.exit(0));
  });
  // Linux, macOS: delay the shutdown, then quit (which runs the stop above).
  // electron.d.ts types this listener without arguments, but Electron passes the event whose
  // preventDefault() delays the shutdown (docs/api/power-monitor.md, `ShouldShutdown`).
  deps.powerMonitor.on('shutdown', (...args: unknown[]) => {
    (args[0] as Partial<Event> | undefined)?.preventDefault?.();
    deps.app.quit();
  });
  // Windows: no before-quit/will-quit at logout or shutdown.
  deps.window.on('session-end', () => void stopOnce().then(() => deps.app.exit(0)));
  return { quitting: () => quitting };
}
