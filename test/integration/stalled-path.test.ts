/**
 * A path that goes silent without closing (Wi-Fi gone behind a NAT), between
 * the app and the server, through a TCP proxy that stops forwarding: the
 * websocketd ping finds it dead and the app cuts the socket at once, rather
 * than sending a close frame that nobody can answer (found by the soak suite:
 * the status then said so a second late, past the ping's stated bound).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../electron/core/config.js';
import { NotifierService } from '../../electron/core/service/notifier-service.js';
import { login } from '../../electron/core/wazo/login.js';
import { NO_USER } from '../../electron/shared/settings.js';
import { TestPublisher, deleteExchange, uniqueExchange, waitFor } from '../support/broker.js';
import { sampleUser, startFakeWazo } from '../support/fake-wazo.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('a stalled path to websocketd', () => {
  it('is cut without a close frame once a ping goes unanswered, then the app comes back', async () => {
    const uuid = randomUUID();
    const exchange = uniqueExchange('stall');
    const publisher = await TestPublisher.open(exchange, 'headers');
    cleanup.push(async () => {
      await publisher.close();
      await deleteExchange(exchange);
    });
    const fake = await startFakeWazo({ users: [sampleUser(uuid)], websocketd: { exchange } });
    cleanup.push(() => fake.close());
    const target = new URL(fake.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    cleanup.push(() => proxy.close());
    const link = await login({ server: `http://127.0.0.1:${proxy.port}`, username: 'alice', password: 'pa55-word' });
    const parsed = parseConfig({ userUuid: NO_USER, installId: `st${randomBytes(4).toString('hex')}` });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const service = new NotifierService(parsed.config, {
      websocketdTimings: { pingIntervalMs: 200, pongTimeoutMs: 300, maxReconnectDelayMs: 300 },
    });
    await service.useLink(link, false);
    cleanup.push(() => service.close());
    await service.start();
    await waitFor(() => service.snapshot.connection.status === 'connected', 15_000, 'connected');

    proxy.stall(true);
    await waitFor(() => service.snapshot.connection.error?.includes('ping'), 10_000, 'ping timeout');
    // Only pings (masked text frames, first byte 0x81) went into the void: no close frame (0x88).
    expect(proxy.dropped.length).toBeGreaterThan(0);
    expect(proxy.dropped.filter((chunk) => chunk[0] === 0x88)).toEqual([]);
    proxy.stall(false);
    await waitFor(() => service.snapshot.connection.status === 'connected', 15_000, 'back');
  });
});
