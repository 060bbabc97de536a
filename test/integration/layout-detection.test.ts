/**
 * With no --mode, the bus layout is detected: a broker with `wazo-headers`
 * (Wazo 23.01+, where calld/confd/dird publish only there) is followed in
 * headers mode, any other on the `xivo` topic exchange of the message-bus
 * page. Each case runs in a vhost of its own, so that what exists on the
 * shared broker decides nothing.
 */
import * as amqplib from 'amqplib';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineWhere, runCli, type CliRun } from '../support/cli.js';

const run = promisify(execFile);
const vhost = `wn-detect-${randomUUID().slice(0, 8)}`;
const url = `amqp://guest:guest@127.0.0.1:5672/${vhost}`;
const running: CliRun[] = [];

beforeAll(async () => {
  await run('rabbitmqctl', ['-q', 'add_vhost', vhost]);
  await run('rabbitmqctl', ['-q', 'set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*']);
});
afterAll(async () => {
  for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  await run('rabbitmqctl', ['-q', 'delete_vhost', vhost]).catch(() => {});
});

const start = (args: string[]): CliRun => {
  const r = runCli(args);
  running.push(r);
  return r;
};

/** Follows a fresh user with no --mode, publishes the whole simulation with no --mode, and returns what arrived. */
async function followAndSimulate(): Promise<{
  connected: Record<string, unknown>;
  names: string[];
  published: number;
}> {
  const me = randomUUID();
  const watch = start(['watch', '--user', me, '--url', url]);
  const connected = await lineWhere(watch, (l) => l.type === 'status' && l.status === 'connected', 15_000, 'connected');
  const sim = start(['simulate', '--user', me, '--url', url, '--delay', '0']);
  expect(await sim.exit).toBe(0);
  const published = sim.lines.filter((l) => l.type === 'published').length;
  await lineWhere(watch, () => watch.lines.filter((l) => l.type === 'event').length === published, 10_000, 'events');
  watch.child.kill('SIGTERM');
  expect(await watch.exit).toBe(0);
  const names = watch.lines.filter((l) => l.type === 'event').map((l) => (l.event as { name: string }).name);
  return { connected, names, published };
}

describe('the bus layout, detected', () => {
  it('is the xivo topic exchange on a broker without wazo-headers', async () => {
    const { connected, names, published } = await followAndSimulate();
    expect(connected.source).toEqual({ transport: 'amqp', broker: '127.0.0.1:5672', exchange: 'xivo', mode: 'topic' });
    expect(names).toHaveLength(published);
  });

  it('is wazo-headers once the broker has it, and every event arrives', async () => {
    const conn = await amqplib.connect(url);
    try {
      const ch = await conn.createChannel();
      await ch.assertExchange('wazo-headers', 'headers', { durable: true });
    } finally {
      await conn.close();
    }
    const { connected, names, published } = await followAndSimulate();
    expect(connected.source).toEqual({
      transport: 'amqp',
      broker: '127.0.0.1:5672',
      exchange: 'wazo-headers',
      mode: 'headers',
    });
    expect(published).toBeGreaterThan(15);
    expect(names).toHaveLength(published);
  });
});
