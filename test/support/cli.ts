/** Runs the built CLI as a user would (node dist/cli/main.js), capturing its JSON Lines. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitFor } from './broker.js';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliRun {
  child: ChildProcessWithoutNullStreams;
  lines: Record<string, unknown>[];
  /** stdout lines that were not JSON: must stay empty. */
  junk: string[];
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Runs the CLI with `args`; `env` adds to (or overrides) this process's environment, e.g. another `TZ`. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe', env: { ...process.env, ...env } });
  const lines: Record<string, unknown>[] = [];
  const junk: string[] = [];
  let err = '';
  let buf = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) !== -1) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        junk.push(line);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, lines, junk, stderr: () => err, exit };
}

/** Waits for a line matching `match`. */
export function lineWhere(run: CliRun, match: (l: Record<string, unknown>) => boolean, ms = 15_000, what = 'line') {
  return waitFor(() => run.lines.find(match), ms, what);
}
