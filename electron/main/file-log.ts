/**
 * The desktop app's log file, one a user can send: plain lines with a UTC
 * time and a level, in `<data folder>/logs/wazo-notifier.log`, rotated by
 * size (a few files kept) so it never grows without bound. The core already
 * keeps secrets out of its messages (redactUrl, describeError); this file
 * scrubs once more anything shaped like a credential, so that a message
 * written carelessly later still does not leak one to a support ticket.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';

/** The log file's name inside the logs folder. */
export const LOG_FILE_NAME = 'wazo-notifier.log';

/** Credentials in URLs and `key=value` / `"key": "value"` pairs, whatever the message. */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._-]{8,}/g, '$1 ***'],
  [/(\/\/[^/\s:@]*:)[^@\s/]+@/g, '$1***@'],
  [
    /\b(password|passwd|secret|refresh_?token|access_?token|token|authorization)(["']?\s*[:=]\s*["']?)(?!\*\*\*)[^\s"',;&}]+/gi,
    '$1$2***',
  ],
];

/** A message with anything shaped like a credential replaced by `***`. */
export function scrubSecrets(message: string): string {
  return SECRET_PATTERNS.reduce((m, [re, by]) => m.replace(re, by), message);
}

/** Options of the file log. */
export interface FileLogOptions {
  /** The folder of the log files (created when missing). */
  dir: string;
  /** Size at which the file is rotated (default 1 MiB). */
  maxBytes?: number;
  /** Rotated files kept besides the current one (default 3). */
  keep?: number;
  now?: () => Date;
}

/** A logger that appends to a rotating file; never throws (a full disk must not stop the app). */
export function createFileLogger(opts: FileLogOptions): Logger & { readonly file: string } {
  const file = join(opts.dir, LOG_FILE_NAME);
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const keep = opts.keep ?? 3;
  const now = opts.now ?? (() => new Date());
  let size = -1;
  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(file, `${file}.1`);
    size = 0;
  };
  const write = (level: string, message: string) => {
    const line = `${now().toISOString()} ${level} ${scrubSecrets(message).replace(/\r?\n/g, '\n    ')}\n`;
    try {
      if (size < 0) {
        mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
        size = statOrZero(file);
      }
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o600 });
      size += Buffer.byteLength(line);
    } catch {
      size = -1; // try again from scratch on the next line
    }
  };
  return {
    file,
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  };
}

function statOrZero(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** One logger writing to several (the terminal and the file). */
export function teeLogger(...loggers: Logger[]): Logger {
  return {
    info: (m) => loggers.forEach((l) => l.info(m)),
    warn: (m) => loggers.forEach((l) => l.warn(m)),
    error: (m) => loggers.forEach((l) => l.error(m)),
  };
}
