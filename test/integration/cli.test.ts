import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { queueName } from '../../electron/core/bus/topology.js';
import { publication } from '../../electron/sim/envelope.js';
import { deleteQueue } from '../support/broker.js';
import { lineWhere, runCli, type CliRun } from '../support/cli.js';

const running: CliRun[] = [];
const queues: string[] = [];
const UUID = /^[0-9a-f-]{36}$/;
/** Runs the CLI; a watcher gets a known install id, so that its queue is deleted after the test. */
const start = (args: string[]) => {
  const user = args[args.indexOf('--user') + 1];
  if (args[0] === 'watch' && user && UUID.test(user)) {
    const installId = `clitest-${randomUUID().slice(0, 8)}`;
    args = [...args, '--install-id', installId];
    queues.push(queueName(user, installId));
  }
  const r = runCli(args);
  running.push(r);
  return r;
};
afterEach(async () => {
  for (const r of running.splice(0)) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  for (const q of queues.splice(0)) await deleteQueue(q);
});

const isStatus = (status: string) => (l: Record<string, unknown>) => l.type === 'status' && l.status === status;

describe.each(['topic', 'headers'] as const)('wazo-notifier watch + simulate (%s mode)', (mode) => {
  it("prints the user's events and state as JSON Lines, none of another user's, and exits 0 on SIGTERM", async () => {
    const me = randomUUID();
    const other = randomUUID();
    const watch = start(['watch', '--user', me, '--mode', mode, '--state']);
    await lineWhere(watch, isStatus('connected'), 15_000, 'connected');

    const theirs = start(['simulate', '--user', other, '--mode', mode, '--delay', '0']);
    const mine = start(['simulate', '--user', me, '--mode', mode, '--delay', '0']);
    expect(await theirs.exit).toBe(0);
    expect(await mine.exit).toBe(0);
    const published = mine.lines.filter((l) => l.type === 'published');
    expect(published.length).toBeGreaterThan(15);

    await lineWhere(
      watch,
      (l) => l.type === 'event' && (l.event as { name: string }).name === 'favorite_deleted',
      10_000,
      'last event',
    );
    const events = watch.lines.filter((l) => l.type === 'event').map((l) => l.event as { name: string });
    expect(events.map((e) => e.name)).toEqual(published.map((p) => p.name));
    expect(JSON.stringify(watch.lines)).not.toContain(other);

    const states = watch.lines.filter((l) => l.type === 'state');
    const last = states.at(-1)!.state as {
      seq: number;
      user_uuid: string;
      missed_calls: unknown[];
      forwards: { busy: unknown };
    };
    expect(last.user_uuid).toBe(me);
    expect(last.missed_calls).toHaveLength(1);
    expect(last.forwards.busy).toEqual({ enabled: true, destination: '1003' });
    const seqs = states.map((s) => (s.state as { seq: number }).seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    watch.child.kill('SIGTERM');
    expect(await watch.exit).toBe(0);
    const exchange = mode === 'topic' ? 'xivo' : 'wazo-headers';
    const source = { transport: 'amqp', broker: 'localhost:5672', exchange, mode };
    expect(watch.lines.find(isStatus('connected'))).toEqual({ type: 'status', status: 'connected', source });
    expect(watch.lines.filter((l) => l.type === 'status').at(-1)).toEqual({ type: 'status', status: 'closed', source });
    expect(watch.junk).toEqual([]);
    expect(new Set(watch.lines.map((l) => l.type))).toEqual(new Set(['status', 'event', 'state']));
  });
});

describe('wazo-notifier watch, failures', () => {
  it('keeps retrying an unreachable broker and exits 0 on SIGINT', async () => {
    const watch = start([
      'watch',
      '--user',
      randomUUID(),
      '--url',
      'amqp://guest:guest@127.0.0.1:1/',
      '--max-reconnect-delay',
      '200',
    ]);
    const retry = await lineWhere(
      watch,
      (l) => isStatus('reconnecting')(l) && (l.attempt as number) >= 3,
      10_000,
      'third attempt',
    );
    expect(retry.error).toMatch(/ECONNREFUSED/);
    watch.child.kill('SIGINT');
    expect(await watch.exit).toBe(0);
    expect(watch.junk).toEqual([]);
  });

  it('prints a rejected message on stderr, not stdout, and carries on', async () => {
    const me = randomUUID();
    const watch = start(['watch', '--user', me, '--mode', 'headers']);
    await lineWhere(watch, isStatus('connected'));
    const { TestPublisher } = await import('../support/broker.js');
    const pub = await TestPublisher.open('wazo-headers', 'headers');
    try {
      pub.raw('x', 'not json at all', { name: 'users_services_dnd_updated', [`user_uuid:${me}`]: true });
      const dnd = publication('users_services_dnd_updated', { user_uuid: me, enabled: true }, { userUuid: me });
      pub.raw('x', JSON.stringify(dnd.body), dnd.headers);
      await lineWhere(watch, (l) => l.type === 'event');
    } finally {
      await pub.close();
    }
    expect(watch.stderr()).toMatch(/rejected message \(not_json\)/);
    expect(watch.junk).toEqual([]);
    watch.child.kill('SIGTERM');
    expect(await watch.exit).toBe(0);
  });

  it('never prints the broker password', async () => {
    const watch = start([
      'watch',
      '--user',
      randomUUID(),
      '--url',
      'amqp://guest:s3cret-pw@127.0.0.1:1/',
      '--max-reconnect-delay',
      '200',
    ]);
    await lineWhere(watch, isStatus('reconnecting'));
    watch.child.kill('SIGTERM');
    await watch.exit;
    expect(JSON.stringify(watch.lines) + watch.stderr()).not.toContain('s3cret-pw');
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing --user', ['watch'], /--user UUID is required/],
    [
      'websocketd without a login',
      ['watch', '--user', randomUUID(), '--transport', 'websocketd'],
      /--transport websocketd needs a login/,
    ],
    [
      'an exchange of its own without a mode',
      ['watch', '--user', randomUUID(), '--exchange', 'my-exchange'],
      /--exchange: an exchange of your own needs its mode, topic or headers/,
    ],
    [
      'an unknown transport',
      ['watch', '--user', randomUUID(), '--transport', 'pigeon'],
      /--transport: the transport must be "auto", "websocketd" or "amqp"/,
    ],
    ['a user that is not a UUID', ['watch', '--user', 'alice'], /--user: the user must be a UUID/],
    [
      'a URL that is not amqp',
      ['watch', '--user', randomUUID(), '--url', 'http://localhost:5672/'],
      /--url: the bus URL must look like amqp/,
    ],
    [
      'an unknown mode',
      ['watch', '--user', randomUUID(), '--mode', 'fanout'],
      /--mode: the mode must be "auto", "topic" or "headers"/,
    ],
    ['an unknown flag', ['watch', '--user', randomUUID(), '--colour'], /Unknown option '--colour'/],
    [
      'a bad reconnect delay',
      ['watch', '--user', randomUUID(), '--max-reconnect-delay', 'soon'],
      /--max-reconnect-delay must be a whole number/,
    ],
    ['an unknown command', ['listen'], /unknown command "listen"/],
    ['a command named like an object property', ['constructor'], /unknown command "constructor"/],
    [
      'a remote dev origin',
      ['web', '--user', randomUUID(), '--dev-origin', 'https://evil.example'],
      /--dev-origin must be a local origin/,
    ],
    ['an unknown scenario', ['simulate', '--user', randomUUID(), '--scenario', 'party'], /--scenario must be one of/],
  ];
  for (const [title, args, message] of bad) {
    it(`exits 2 with a clear message on ${title}`, async () => {
      const r = start(args);
      expect(await r.exit).toBe(2);
      expect(r.stderr()).toMatch(message);
      expect(r.lines).toEqual([]);
    });
  }

  it('prints help with exit 0', async () => {
    for (const args of [['--help'], ['watch', '--help'], ['simulate', '--help']]) {
      const r = start(args);
      expect(await r.exit).toBe(0);
      expect(r.junk.join('\n')).toMatch(/Usage: wazo-notifier/);
    }
  });
});

describe('wazo-notifier simulate, failures', () => {
  it('exits 3 when the broker cannot be reached', async () => {
    const r = start(['simulate', '--user', randomUUID(), '--url', 'amqp://guest:guest@127.0.0.1:1/']);
    expect(await r.exit).toBe(3);
    expect(r.stderr()).toMatch(/cannot reach the broker at amqp:\/\/guest:\*\*\*@127\.0\.0\.1:1\//);
  });
});
