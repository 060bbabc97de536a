/**
 * The contract over the browser preview's WebSocket: the same bridge the
 * Electron preload exposes, with another transport. Reconnects by itself;
 * calls made while the socket is down wait for it.
 */
import { bridgeFrom, type Invoke, type Subscribe } from '../../../electron/shared/bridge';
import type { PushEvent, WazoBridge } from '../../../electron/shared/contract';
import type { ClientFrame, ServerFrame } from '../../../electron/shared/wire';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export interface SocketBridge extends WazoBridge {
  /** Called whenever the socket (re)opens: what was pushed while it was down is lost. */
  onOpen(listener: () => void): () => void;
  /**
   * Called once the notifier's process is gone for good: the socket closed and
   * LOST_AFTER reconnects in a row failed (a restarted preview has a new token,
   * so this page can never reach it again). Retries go on regardless.
   */
  onLost(listener: () => void): () => void;
}

/** Failed reconnects in a row after which the notifier is said to be gone (about 1.5 s of retries). */
const LOST_AFTER = 4;

export function socketBridge(url: string, WebSocketImpl: typeof WebSocket = WebSocket): SocketBridge {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retry = 0;
  const pending = new Map<number, Pending>();
  const queue: ClientFrame[] = [];
  const listeners = new Map<PushEvent, Set<(payload: never) => void>>();
  const openListeners = new Set<() => void>();
  const lostListeners = new Set<() => void>();
  let failures = 0;

  function open(): void {
    const ws = new WebSocketImpl(url);
    socket = ws;
    ws.onopen = () => {
      retry = 0;
      failures = 0;
      for (const frame of queue.splice(0)) ws.send(JSON.stringify(frame));
      openListeners.forEach((l) => l());
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(e.data) as ServerFrame;
      } catch {
        return;
      }
      if (frame.t === 'reply') {
        const p = pending.get(frame.id);
        pending.delete(frame.id);
        if (frame.ok) p?.resolve(frame.value);
        else p?.reject(new Error(frame.error));
      } else if (frame.t === 'push') {
        listeners.get(frame.event)?.forEach((l) => (l as (p: unknown) => void)(frame.payload));
      }
    };
    ws.onclose = () => {
      for (const [id, p] of pending) {
        // Calls in flight are lost with the socket; their callers retry or refetch (and word it by `reason`).
        p.reject(Object.assign(new Error('connection to the notifier lost'), { reason: 'notifier-lost' }));
        pending.delete(id);
      }
      if (++failures === LOST_AFTER + 1) lostListeners.forEach((l) => l());
      const delay = Math.min(2000, 100 * 2 ** retry++);
      setTimeout(open, delay);
    };
  }

  const call: Invoke = (command, request) => {
    const id = nextId++;
    const frame: ClientFrame = { t: 'call', id, command, request };
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (socket?.readyState === WebSocketImpl.OPEN) socket.send(JSON.stringify(frame));
      else queue.push(frame);
    });
  };

  const subscribe: Subscribe = (event, listener) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  };

  open();
  return {
    ...bridgeFrom(call, subscribe),
    onOpen(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
    onLost(listener) {
      lostListeners.add(listener);
      return () => lostListeners.delete(listener);
    },
  };
}
