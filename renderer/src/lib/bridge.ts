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
  /** Called when the notifier's process is gone for good (the browser preview only; Electron shares its process). */
  onLost(listener: () => void): () => void;
}

export function connect(): Connection {
  if (window.wazo) return { bridge: window.wazo, onReset: () => () => {}, onLost: () => () => {} };
  // In development (npm run dev) the page comes from Vite, and ?bridge= names the preview's socket.
  const dev = import.meta.env.DEV ? new URLSearchParams(window.location.search).get('bridge') : null;
  const url = new URL(dev ?? 'ws', window.location.href);
  if (!dev) url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const bridge = socketBridge(url.toString());
  return { bridge, onReset: (listener) => bridge.onOpen(listener), onLost: (listener) => bridge.onLost(listener) };
}
