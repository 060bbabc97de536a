/**
 * The websocketd source's own rules, against a WebSocket server that
 * misbehaves on purpose: the backoff (doubling, capped, jittered), and a stop
 * while a connection is being opened. The protocol itself is tested against
 * the websocketd stand-in (test/integration/websocketd.test.ts).
 */
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { WebsocketdSource, type WebsocketdAuth } from '../../electron/core/bus/websocketd-source.js';
import type { ConnectionState } from '../../electron/shared/snapshot.js';

const auth: WebsocketdAuth = {
  token: () => 'a-token',
  renew: () => Promise.resolve(),
  check: () => Promise.resolve('valid'),
  onRenewed: () => () => {},
};

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closing.splice(0)) await c();
});

/** A server that closes every connection at once with 1011, as websocketd does when its bus is gone. */
async function closingServer(): Promise<URL> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (ws) => ws.close(1011, 'bus connection lost'));
  closing.push(() => new Promise((r) => wss.close(() => r())));
  return new URL(`http://127.0.0.1:${(wss.address() as AddressInfo).port}/`);
}

describe('websocketd source', () => {
  it('backs off doubling from 200 ms to its cap, with the jitter centred on it', async () => {
    const server = await closingServer();
    const seen: ConnectionState[] = [];
    const source = new WebsocketdSource(
      { server, events: ['call_created'], auth, maxReconnectDelayMs: 1_000, random: () => 0.5 },
      () => {},
    );
    closing.push(() => source.stop());
    source.on('status', (s) => seen.push(s));
    await source.start();
    await expect.poll(() => seen.filter((s) => s.status === 'reconnecting').length, { timeout: 10_000 }).toBe(5);
    const retries = seen.filter((s) => s.status === 'reconnecting');
    expect(retries.map((s) => [s.attempt, s.delay_ms])).toEqual([
      [1, 200],
      [2, 400],
      [3, 800],
      [4, 1_000],
      [5, 1_000],
    ]);
    expect(retries[0]).toMatchObject({
      error: 'the server had a problem (1011 bus connection lost)',
      reason: 'server-down',
    });
  });

  it('stops while the connection is being opened: closed, the late socket dropped, nothing reconnects', async () => {
    const server = await closingServer();
    let opened: Socket | undefined;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    const source = new WebsocketdSource(
      {
        server,
        events: ['call_created'],
        auth,
        connectSocket: async (url) => {
          await held;
          opened = connect(Number(url.port), url.hostname);
          return opened;
        },
      },
      () => {},
    );
    source.on('status', (s) => seen.push(s.status));
    await source.start();
    await source.stop();
    release();
    await expect.poll(() => opened?.destroyed).toBe(true);
    expect(seen).toEqual(['connecting', 'closed']);
    expect(source.status.status).toBe('closed');
  });
});
