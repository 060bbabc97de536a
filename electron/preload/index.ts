/**
 * The preload: builds the window's bridge from the contract's names and
 * exposes it, and nothing else (no raw ipcRenderer), as `window.wazo`. Each
 * `on` strips Electron's event object and returns its unsubscribe function.
 * Bundled to one CommonJS file so that it runs with `sandbox: true`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { COMMAND_NAMES, PUSH_EVENTS, channel, type PushEvent } from '../shared/channels.js';

const bridge: Record<string, unknown> = {};
for (const command of COMMAND_NAMES) {
  bridge[command] = (request: unknown) => ipcRenderer.invoke(channel(command), request);
}
bridge['on'] = (event: PushEvent, listener: (payload: unknown) => void) => {
  if (!PUSH_EVENTS.includes(event)) throw new Error(`unknown event ${String(event)}`);
  const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel(event), wrapped);
  return () => {
    ipcRenderer.removeListener(channel(event), wrapped);
  };
};

contextBridge.exposeInMainWorld('wazo', bridge);
