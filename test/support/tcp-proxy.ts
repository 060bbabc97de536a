/**
 * A TCP proxy on 127.0.0.1 that can stall: while stalled it keeps every
 * connection open but forwards nothing, either way (the bytes are dropped, as
 * on a network that lost its route), and new connections hang the same way.
 * What a laptop sees when Wi-Fi drops behind a NAT: no reset, no close, just
 * silence; only a heartbeat or a ping can tell.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1). */
  readonly port: number;
  /** Connections open now (client side). */
  readonly connections: number;
  /** What clients sent while the path was stalled (dropped, never forwarded). */
  readonly dropped: readonly Buffer[];
  /** Stops (true) or resumes (false) forwarding; nothing is closed either way. */
  stall(on: boolean): void;
  /**
   * One direction lost: from now on, what the connections open now send is
   * dropped (an AMQP client's acks never reach the broker), while the server's
   * bytes still reach them. Connections opened later are not affected.
   */
  muteClients(): void;
  /** The network gone (true): every connection is reset, new ones are reset at once, until `cut(false)`. */
  cut(on: boolean): void;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (host:port). */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let stalled = false;
  let cut = false;
  const open = new Set<Socket>();
  const muted = new WeakSet<Socket>();
  const dropped: Buffer[] = [];
  const server: Server = createServer((client) => {
    if (cut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    open.add(client);
    client.on('data', (chunk: Buffer) => {
      if (muted.has(client)) return;
      if (!stalled) upstream.write(chunk);
      else dropped.push(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!stalled) client.write(chunk);
    });
    const end = (): void => {
      open.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    get connections() {
      return open.size;
    },
    dropped,
    stall: (on) => {
      stalled = on;
    },
    muteClients: () => {
      for (const s of open) muted.add(s);
    },
    cut: (on) => {
      cut = on;
      if (on) for (const s of open) s.resetAndDestroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
