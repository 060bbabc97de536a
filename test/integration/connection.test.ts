import * as amqplib from 'amqplib';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { queueName } from '../../electron/core/bus/topology.js';
import { SimCall } from '../../electron/sim/call-events.js';
import { publication } from '../../electron/sim/envelope.js';
import { publish } from '../../electron/sim/publisher.js';
import { BROKER_URL, TestPublisher, queueArguments, uniqueExchange, waitFor } from '../support/broker.js';
import { brokerFixtures, startNotifier } from '../support/notifier-harness.js';

const run = promisify(execFile);
const fx = brokerFixtures();

describe('broker topology', () => {
  it('uses an existing exchange as it is, never redeclaring it with other arguments', async () => {
    const exchange = uniqueExchange('nondurable');
    const conn = await amqplib.connect(BROKER_URL);
    const ch = await conn.createChannel();
    // Declared non-durable: asserting it durable would fail with PRECONDITION_FAILED.
    await ch.assertExchange(exchange, 'topic', { durable: false });
    try {
      const me = randomUUID();
      fx.harness = await startNotifier('topic', me, { exchange });
      await publish(
        ch,
        exchange,
        publication('users_services_dnd_updated', { user_uuid: me, enabled: true }, { userUuid: me }),
      );
      await waitFor(() => fx.harness!.notifier.snapshot.services.dnd?.enabled, 5_000, 'dnd');
    } finally {
      await fx.harness?.stop();
      await ch.deleteExchange(exchange).catch(() => {});
      await conn.close();
    }
  });

  it('declares a durable, self-expiring, bounded queue per user and install', async () => {
    const me = randomUUID();
    fx.harness = await startNotifier('headers', me);
    const row = await waitFor(() => queueArguments(queueName(me, fx.harness!.installId)), 5_000, 'queue');
    expect(row).toMatch(/\ttrue\t/);
    expect(row).toContain('x-expires');
    expect(row).toContain('x-message-ttl');
    expect(row).toContain('x-max-length');
  });

  it('keeps events published while it was away, on the same install id', async () => {
    const me = randomUUID();
    fx.harness = await startNotifier('headers', me);
    const installId = fx.harness.installId;
    await fx.harness.stop();
    fx.publisher = await TestPublisher.open('wazo-headers', 'headers');
    await fx.publisher.publish(
      publication('users_services_dnd_updated', { user_uuid: me, enabled: true }, { userUuid: me }),
    );
    fx.harness = await startNotifier('headers', me, { installId });
    await waitFor(() => fx.harness!.notifier.snapshot.services.dnd?.enabled, 5_000, 'queued dnd');
  });
});

describe('connection failures never crash and are retried', () => {
  it('retries an unreachable broker with capped backoff, reporting attempt and error', async () => {
    fx.harness = await startNotifier(
      'topic',
      randomUUID(),
      { url: 'amqp://guest:guest@127.0.0.1:1/', maxReconnectDelayMs: 200 },
      false,
    );
    await waitFor(
      () => fx.harness!.statuses.filter((s) => s.status === 'reconnecting').length >= 4,
      10_000,
      '4 attempts',
    );
    const attempts = fx.harness.statuses.filter((s) => s.status === 'reconnecting');
    expect(attempts.map((s) => s.attempt)).toEqual(attempts.map((_, i) => i + 1));
    expect(attempts[0]!.error).toMatch(/ECONNREFUSED/);
    expect(attempts.map((a) => a.reason)).toEqual(attempts.map(() => 'unreachable'));
    for (const a of attempts) expect(a.delay_ms).toBeLessThanOrEqual(200);
    await fx.harness.stop();
    expect(fx.harness.statuses.at(-1)).toEqual({
      status: 'closed',
      source: { transport: 'amqp', broker: '127.0.0.1:1', exchange: 'xivo', mode: 'topic' },
    });
    expect(fx.harness.notifier.snapshot.connection.status).toBe('closed');
  });

  it('reports refused credentials and keeps retrying', async () => {
    fx.harness = await startNotifier(
      'topic',
      randomUUID(),
      { url: 'amqp://guest:wrong-password@127.0.0.1:5672/' },
      false,
    );
    const s = await waitFor(
      () => fx.harness!.statuses.find((x) => x.status === 'reconnecting'),
      10_000,
      'reconnecting',
    );
    expect(s.error).toMatch(/ACCESS_REFUSED|403/);
    expect(s.reason).toBe('bus-credentials');
    expect(JSON.stringify(fx.harness.statuses)).not.toContain('wrong-password');
  });

  it('comes back after a broker restart and follows events again', async () => {
    const me = randomUUID();
    fx.harness = await startNotifier('topic', me);
    await run('rabbitmqctl', ['-q', 'stop_app']);
    try {
      await waitFor(() => fx.harness!.statuses.some((s) => s.status === 'reconnecting'), 10_000, 'reconnecting');
    } finally {
      await run('rabbitmqctl', ['-q', 'start_app']);
    }
    await run('rabbitmqctl', ['-q', 'await_startup', '--timeout', '30']);
    await waitFor(() => fx.harness!.notifier.snapshot.connection.status === 'connected', 20_000, 'reconnected');
    fx.publisher = await TestPublisher.open('xivo', 'topic');
    await fx.publisher.publish(
      publication('users_services_dnd_updated', { user_uuid: me, enabled: true }, { userUuid: me }),
    );
    await waitFor(() => fx.harness!.notifier.snapshot.services.dnd?.enabled, 5_000, 'dnd after restart');
  });
});

describe('ACL scoping', () => {
  it("drops the user's events whose required_acl the user's ACLs do not allow", async () => {
    const me = randomUUID();
    fx.harness = await startNotifier('headers', me, { acl: ['events.calls.me', 'events.users.me.#'] });
    fx.publisher = await TestPublisher.open('wazo-headers', 'headers');
    await fx.publisher.publish(
      publication('users_services_dnd_updated', { user_uuid: me, enabled: true }, { userUuid: me }),
      new SimCall({ userUuid: me }, { peer: { name: 'Alice Martin', number: '1001' } }).created(),
    );
    await waitFor(() => fx.harness!.notifier.snapshot.calls.length === 1, 5_000, 'call');
    await waitFor(() => fx.harness!.rejected.length === 1, 5_000, 'acl rejection');
    expect(fx.harness.rejected[0]).toMatchObject({ reason: 'acl_denied' });
    expect(fx.harness.notifier.snapshot.services.dnd).toBeNull();
  });
});
