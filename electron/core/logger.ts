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

/** A logger writing `wazo-notifier: level: message` lines on stderr. */
export function stderrLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  const line = (level: string) => (message: string) => {
    stream.write(`wazo-notifier: ${level}: ${message}\n`);
  };
  return { info: line('info'), warn: line('warn'), error: line('error') };
}
