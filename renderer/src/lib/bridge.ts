/**
 * The only module that reads the bridge. In Electron the preload exposes it
 * as `window.wazo`; in a browser (wazo-notifier web) it is carried by a
 * WebSocket to the page's own origin. Both have the contract's type.
 */
import type { WazoBridge } from '../../../electron/shared/contract';
import { socketBridge } from './socket-bridge';

declare global {
  interface Window {
    wazo?: WazoBridge;
  }
}

export interface Connection {
  bridge: WazoBridge;
  /** Called when the transport was reset and pushed changes may have been missed. */
  onReset(listener: () => void): () => void;
}

export function connect(): Connection {
  if (window.wazo) return { bridge: window.wazo, onReset: () => () => {} };
  const url = new URL('ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const bridge = socketBridge(url.toString());
  return { bridge, onReset: (listener) => bridge.onOpen(listener) };
}
