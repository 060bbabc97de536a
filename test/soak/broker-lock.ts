/**
 * The broker lock of this machine (`/tmp/wazo-broker.lock`): whatever stops
 * RabbitMQ holds it exclusive, every other user of the broker holds it shared,
 * so that a test run next to ours never has the broker stopped under it, and
 * ours never stops it under someone else's.
 *
 * The runner takes it itself, through the `flock` command (util-linux): a
 * child `flock` holds it for as long as its standard input stays open, so the
 * lock goes when the runner closes that pipe, or dies. A run already started
 * under the lock (`flock -x /tmp/wazo-broker.lock npm test`) must not wait for
 * its own ancestor: the lock an ancestor holds is read from /proc/locks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

export const BROKER_LOCK = '/tmp/wazo-broker.lock';

export type LockMode = 'shared' | 'exclusive';

/** `major:minor:inode` as /proc/locks writes a file's identity (major and minor in hex). */
function lockId(path: string): string | undefined {
  try {
    const { dev, ino } = statSync(path);
    // glibc's major()/minor() of a Linux dev_t; the numbers stay within 2^53 here.
    const major = (Math.floor(dev / 256) & 0xfff) | (Math.floor(dev / 2 ** 32) & ~0xfff);
    const minor = (dev & 0xff) | (Math.floor(dev / 4096) & ~0xff);
    return `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}:${ino}`;
  } catch {
    return undefined;
  }
}

/** This process and its ancestors, by pid (from /proc/<pid>/stat). */
function lineage(): Set<number> {
  const pids = new Set<number>();
  let pid = process.pid;
  while (pid > 1 && !pids.has(pid)) {
    pids.add(pid);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after it are read from its last ')'.
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return pids;
}

/** The broker lock held by this process or an ancestor (a run started under `flock`), if any. */
export function lockHeldAbove(path = BROKER_LOCK): LockMode | undefined {
  const id = lockId(path);
  if (!id) return undefined;
  let locks: string;
  try {
    locks = readFileSync('/proc/locks', 'utf8');
  } catch {
    return undefined;
  }
  const mine = lineage();
  let held: LockMode | undefined;
  for (const line of locks.split('\n')) {
    // e.g. `3: FLOCK  ADVISORY  WRITE 4242 fe:00:1466659 0 EOF`; waiters (`->`) hold nothing.
    const f = line.trim().split(/\s+/);
    if (f[1] !== 'FLOCK' || f[5] !== id || !mine.has(Number(f[4]))) continue;
    if (f[3] === 'WRITE') return 'exclusive';
    held = 'shared';
  }
  return held;
}

/**
 * Holds the broker lock in the mode each scenario needs, switching between
 * shared and exclusive (a switch lets go first: flock cannot upgrade without
 * the risk of a deadlock). `note` tells what it waits for or goes without.
 */
export class BrokerLock {
  private holder: { mode: LockMode; child: ChildProcess } | undefined;
  private readonly above: LockMode | undefined;
  private missing = false;

  constructor(
    private readonly note: (line: string) => void,
    private readonly path = BROKER_LOCK,
  ) {
    this.above = lockHeldAbove(path);
    if (this.above) note(`the broker lock is held ${this.above} by this run's caller`);
  }

  /**
   * Holds the lock in `mode` (waits as long as others hold it). Returns an
   * error in words when it cannot be had in that mode: held shared by the
   * caller, an exclusive one would wait for itself.
   */
  async hold(mode: LockMode): Promise<string | undefined> {
    if (this.above === 'exclusive') return undefined;
    if (this.above === 'shared')
      return mode === 'exclusive'
        ? `needs the exclusive broker lock, but this run was started under a shared one (flock -s ${this.path})`
        : undefined;
    if (this.missing || this.holder?.mode === mode) return undefined;
    this.release();
    const child = spawn('flock', [mode === 'exclusive' ? '-x' : '-s', this.path, '-c', 'echo held; exec cat'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const waiting = setTimeout(() => this.note(`waiting for the ${mode} broker lock (${this.path})`), 1_000);
    const got = await new Promise<true | string>((resolve) => {
      child.once('error', (err) => resolve((err as NodeJS.ErrnoException).code ?? String(err)));
      child.once('exit', (code) => resolve(`exit ${code}`));
      child.stdout.once('data', () => resolve(true));
    });
    clearTimeout(waiting);
    if (got !== true) {
      this.missing = true;
      this.note(
        `${got === 'ENOENT' ? 'no flock command (util-linux)' : `flock failed (${got})`}: running without the broker lock, ` +
          'so a test run beside this one that stops RabbitMQ may break it',
      );
      return undefined;
    }
    child.stdout.resume();
    this.holder = { mode, child };
    return undefined;
  }

  /** Lets the lock go (closing the holder's input ends it). */
  release(): void {
    if (!this.holder) return;
    this.holder.child.stdin?.end();
    this.holder = undefined;
  }
}
