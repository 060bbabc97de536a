// The soak runner's broker lock, on a lock file of the test's own (never the machine's):
// what it holds is checked from outside with `flock -n`, as another test run would meet it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerLock, lockHeldAbove } from '../soak/broker-lock.js';

const hasFlock = spawnSync('flock', ['--version']).status === 0;
let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'broker-lock-'));
  path = join(dir, 'broker.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Whether another process could take the lock in `mode` right now (`flock -n`). */
const free = (mode: '-s' | '-x'): boolean => spawnSync('flock', ['-n', mode, path, 'true']).status === 0;

/** Polls until `check` holds (the holder `flock` ends a moment after its input closes). */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe.skipIf(!hasFlock)('the soak runner’s broker lock', () => {
  it('holds it exclusive for a scenario that stops RabbitMQ, and lets it go', async () => {
    const notes: string[] = [];
    const lock = new BrokerLock((l) => notes.push(l), path);
    expect(await lock.hold('exclusive')).toBeUndefined();
    expect(free('-s')).toBe(false);
    lock.release();
    expect(await eventually(() => free('-x'))).toBe(true);
    expect(notes).toEqual([]);
  });

  it('holds it shared for the other scenarios, then switches to exclusive', async () => {
    const lock = new BrokerLock(() => {}, path);
    await lock.hold('shared');
    expect(free('-s')).toBe(true);
    expect(free('-x')).toBe(false);
    await lock.hold('exclusive');
    expect(free('-s')).toBe(false);
    lock.release();
    expect(await eventually(() => free('-x'))).toBe(true);
  });

  it('waits while another run holds it, and says so', async () => {
    const other = spawnSync('sh', ['-c', `flock -x ${path} sleep 2 >/dev/null 2>&1 & echo started`]);
    expect(String(other.stdout)).toContain('started');
    await eventually(() => !free('-s'));
    const notes: string[] = [];
    const lock = new BrokerLock((l) => notes.push(l), path);
    await lock.hold('exclusive');
    expect(notes.join('\n')).toMatch(/waiting for the exclusive broker lock/);
    expect(free('-s')).toBe(false);
    lock.release();
  }, 15_000);

  it('sees the lock a caller holds, and never waits for it', () => {
    const script = `import { lockHeldAbove } from ${JSON.stringify(new URL('../soak/broker-lock.ts', import.meta.url).pathname)};
      process.stdout.write(String(lockHeldAbove(${JSON.stringify(path)})));`;
    const node = ['--import', 'tsx', '--input-type=module', '-e', script];
    const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
    expect(run('flock', ['-x', path, process.execPath, ...node])).toBe('exclusive');
    expect(run('flock', ['-s', path, process.execPath, ...node])).toBe('shared');
    expect(run(process.execPath, node)).toBe('undefined');
    expect(lockHeldAbove(path)).toBeUndefined();
  }, 30_000);

  it('refuses the exclusive lock under a caller’s shared one, instead of waiting for itself', () => {
    const script = `import { BrokerLock } from ${JSON.stringify(new URL('../soak/broker-lock.ts', import.meta.url).pathname)};
      const lock = new BrokerLock(() => {}, ${JSON.stringify(path)});
      process.stdout.write(JSON.stringify([await lock.hold('shared'), await lock.hold('exclusive')]));`;
    const out = execFileSync(
      'flock',
      ['-s', path, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    const [shared, exclusive] = JSON.parse(out) as [string | null, string | null];
    expect(shared).toBeNull();
    expect(exclusive).toMatch(/started under a shared one/);
  }, 30_000);
});
