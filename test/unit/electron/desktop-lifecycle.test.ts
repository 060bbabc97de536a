/**
 * The desktop's start and stop helpers, with recording fakes: the Wazo
 * resume retried in the background, the clean stop within its deadline (and
 * on Windows' session-end), the window placed on a current display, closing
 * to a tray only where one shows, the log file rotated and scrubbed, and the
 * main process's words in English and French.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { retryDelay, retryInBackground, type AttemptOutcome } from '../../../electron/main/background-retry.js';
import { createFileLogger, LOG_FILE_NAME, scrubSecrets } from '../../../electron/main/file-log.js';
import { pickLanguage, stringsFor } from '../../../electron/main/main-strings.js';
import { setupQuit, withinDeadline } from '../../../electron/main/quit.js';
import { closeAction, placeOnDisplays } from '../../../electron/main/window-place.js';
import { trayMenu, trayState } from '../../../electron/main/tray-state.js';
import { initialState } from '../../../electron/core/store/state.js';
import { silentLogger } from '../../../electron/core/logger.js';

/** A hand-driven clock for `retryInBackground`. */
function manualSchedule() {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    pending,
    schedule: (fn: () => void, ms: number) => {
      const entry = { fn, ms };
      pending.push(entry);
      return () => pending.splice(pending.indexOf(entry) >>> 0, 1);
    },
    fire: async () => {
      pending.shift()!.fn();
      await new Promise((r) => setImmediate(r));
    },
  };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('the resume in the background', () => {
  it('tries again after a transient failure, with growing delays, until it is done', async () => {
    const outcomes: AttemptOutcome[] = ['retry', 'retry', 'done'];
    let attempts = 0;
    const clock = manualSchedule();
    const task = retryInBackground(async () => (attempts++, outcomes.shift()!), clock.schedule);
    await tick();
    expect(attempts).toBe(1);
    expect(clock.pending.map((p) => p.ms)).toEqual([2_000]);
    await clock.fire();
    expect(clock.pending.map((p) => p.ms)).toEqual([4_000]);
    await clock.fire();
    expect(attempts).toBe(3);
    expect(clock.pending).toEqual([]);
    await task.finished;
  });

  it('counts a throw as worth retrying, and stops for good when asked', async () => {
    const clock = manualSchedule();
    const task = retryInBackground(async () => {
      throw new Error('ECONNREFUSED');
    }, clock.schedule);
    await tick();
    expect(clock.pending).toHaveLength(1);
    task.stop();
    expect(clock.pending).toHaveLength(0);
    await task.finished;
  });

  it('retries now on request (the system woke up), and caps its delay at five minutes', async () => {
    let attempts = 0;
    const clock = manualSchedule();
    const task = retryInBackground(async () => (++attempts >= 2 ? 'done' : 'retry'), clock.schedule);
    await tick();
    task.retryNow();
    await tick();
    expect(attempts).toBe(2);
    expect(clock.pending).toHaveLength(0);
    expect(retryDelay(20)).toBe(300_000);
  });
});

/** A recording fake of the emitters setupQuit listens on. */
function emitter() {
  const handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  return {
    on: (name: string, fn: (...a: unknown[]) => void) => {
      handlers.set(name, [...(handlers.get(name) ?? []), fn]);
    },
    emit: (name: string, ...a: unknown[]) => handlers.get(name)?.forEach((fn) => fn(...a)),
  };
}
const preventable = () => ({
  prevented: false,
  preventDefault() {
    this.prevented = true;
  },
});

describe('quitting', () => {
  const setup = (stop: () => Promise<unknown>) => {
    const app = { ...emitter(), exits: [] as number[], quits: 0 };
    const power = emitter();
    const win = emitter();
    const calls: string[] = [];
    const quit = setupQuit({
      app: {
        on: app.on as never,
        quit: () => void app.quits++,
        exit: (code?: number) => void app.exits.push(code ?? 0),
      },
      powerMonitor: { on: power.on as never },
      window: { on: win.on as never },
      detach: () => void calls.push('detach'),
      stop: () => (calls.push('stop'), stop()),
      log: silentLogger,
      deadlineMs: 50,
    });
    return { app, power, win, calls, quit };
  };

  it('stops the core once, then exits; a stuck stop is cut at the deadline', async () => {
    const s = setup(() => new Promise(() => {})); // a half-dead socket: never settles
    s.app.emit('before-quit');
    expect(s.quit.quitting()).toBe(true);
    const ev = preventable();
    s.app.emit('will-quit', ev);
    s.app.emit('will-quit', preventable());
    expect(ev.prevented).toBe(true);
    await new Promise((r) => setTimeout(r, 80));
    expect(s.calls).toEqual(['detach', 'stop']);
    expect(s.app.exits).toEqual([0]);
  });

  it('delays an OS shutdown (Linux, macOS) and quits; stops on Windows’ session-end', async () => {
    const s = setup(async () => {});
    const ev = preventable();
    s.power.emit('shutdown', ev);
    expect(ev.prevented).toBe(true);
    expect(s.app.quits).toBe(1);
    s.win.emit('session-end', {});
    await tick();
    expect(s.calls).toEqual(['detach', 'stop']);
    expect(s.app.exits).toEqual([0]);
    expect(s.quit.quitting()).toBe(true);
  });

  it('says whether the stop finished in time', async () => {
    expect(await withinDeadline(async () => {}, 50)).toBe('stopped');
    expect(await withinDeadline(() => new Promise(() => {}), 10)).toBe('timeout');
  });
});

describe('the window’s place', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  it('keeps a place still on a display, and drops only the position otherwise', () => {
    const b = { x: 100, y: 100, width: 800, height: 600 };
    expect(placeOnDisplays(b, screen)).toEqual(b);
    expect(placeOnDisplays({ ...b, x: 2500 }, screen)).toEqual({ width: 800, height: 600 });
    expect(placeOnDisplays({ ...b, y: -590 }, screen)).toEqual({ width: 800, height: 600 });
    expect(placeOnDisplays(null, screen)).toBeNull();
  });

  it('hides to the tray only where one shows', () => {
    expect(closeAction('win32', {})).toBe('hide');
    expect(closeAction('darwin', {})).toBe('hide');
    expect(closeAction('linux', { XDG_CURRENT_DESKTOP: 'KDE' })).toBe('hide');
    expect(closeAction('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toBe('hide');
    expect(closeAction('linux', { XDG_CURRENT_DESKTOP: 'GNOME' })).toBe('minimize');
    expect(closeAction('linux', {})).toBe('minimize');
  });
});

describe('the log file', () => {
  it('writes lines a user can send, scrubbed of anything shaped like a credential', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wazo-log-'));
    const log = createFileLogger({ dir, now: () => new Date('2026-01-02T03:04:05Z') });
    log.warn('bus amqp://guest:hunter2@bus:5672/ refused; password=hunter2 "refresh_token": "abc.def"');
    const text = readFileSync(log.file, 'utf8');
    expect(text).toBe(
      '2026-01-02T03:04:05.000Z warn bus amqp://guest:***@bus:5672/ refused; password=*** "refresh_token": "***"\n',
    );
    expect(scrubSecrets('Authorization: Basic YWxpY2U6aHVudGVyMg==')).not.toContain('YWxp');
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wazo-log-'));
    const log = createFileLogger({ dir, maxBytes: 200, keep: 2 });
    for (let i = 0; i < 40; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`, `${LOG_FILE_NAME}.2`]);
    expect(readFileSync(join(dir, LOG_FILE_NAME), 'utf8')).toContain('line 39');
  });
});

describe('the main process’s words', () => {
  it('follows the system’s preferred languages, English otherwise', () => {
    expect(pickLanguage(['fr-CA', 'en-US'], 'en-US')).toBe('fr');
    expect(pickLanguage(['de-DE'], 'fr')).toBe('fr');
    expect(pickLanguage(['de-DE'], 'de')).toBe('en');
  });

  it('words the tray in French', () => {
    const s = { ...initialState('u').snapshot, voicemail: { unread: 2, messages: [] } };
    const fr = stringsFor('fr');
    expect(trayState(s, fr).tooltip).toBe('Wazo Notifier\nHors ligne\n2 messages vocaux non lus');
    const labels = trayMenu(s, false, fr).flatMap((m) => (m.kind === 'item' ? [m.label] : []));
    expect(labels[0]).toBe('Afficher');
    expect(labels.at(-1)).toBe('Quitter');
  });
});
