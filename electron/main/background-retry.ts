/**
 * Runs a task in the background until it is done, retrying with backoff.
 * The Wazo resume at start uses it: the window and tray never wait on the
 * network, and a resume that failed on a transient error (a VPN not up yet,
 * a laptop just woken) is tried again rather than given up for the session.
 */

/** What one attempt says: finished (successfully or for good), or worth trying again. */
export type AttemptOutcome = 'done' | 'retry';

/** Schedules `fn` after `ms`; returns the function that cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

const realSchedule: Schedule = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

/** The delays between attempts: 2 s, doubling, at most 5 minutes. */
export function retryDelay(failures: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, failures - 1), 300_000);
}

/** A background task with retries. */
export interface BackgroundRetry {
  /** Resolves once an attempt said 'done' or the task was stopped. */
  readonly finished: Promise<void>;
  /** Tries again now (the network came back), unless an attempt is running. */
  retryNow(): void;
  /** Stops retrying (quitting, or the user logged in meanwhile). */
  stop(): void;
}

/** Starts `attempt` now, and again after each 'retry' (or throw) with backoff, until 'done' or `stop()`. */
export function retryInBackground(
  attempt: () => Promise<AttemptOutcome>,
  schedule: Schedule = realSchedule,
): BackgroundRetry {
  let failures = 0;
  let stopped = false;
  let running = false;
  let cancel: (() => void) | undefined;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const run = async (): Promise<void> => {
    cancel?.();
    cancel = undefined;
    if (stopped || running) return;
    running = true;
    const outcome = await attempt().catch((): AttemptOutcome => 'retry');
    running = false;
    if (stopped) return;
    if (outcome === 'done') {
      stopped = true;
      finish();
      return;
    }
    cancel = schedule(() => void run(), retryDelay(++failures));
  };
  void run();
  return {
    finished,
    retryNow: () => void run(),
    stop: () => {
      stopped = true;
      cancel?.();
      finish();
    },
  };
}
