/** Where the core writes its diagnostics. Every port supplies its own (stderr for the CLI, stderr and a log file for the desktop app). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything, for library use and tests. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A URL fit for a log line: its password replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** An error's message, never its stack or any attached secret-bearing objects. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
