/**
 * The preload: exposes the contract's bridge (built by the shared factory
 * over Electron's IPC) and nothing else (no raw ipcRenderer) as `window.wazo`.
 * Each subscription strips Electron's event object and returns its
 * unsubscribe function. Bundled to one CommonJS file so that it runs with
 * `sandbox: true`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { bridgeFrom } from '../shared/bridge.js';
import { channel } from '../shared/channels.js';

const bridge = bridgeFrom(
  (command, request) => ipcRenderer.invoke(channel(command), request),
  (event, listener) => {
    const wrapped = (_e: IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(channel(event), wrapped);
    return () => {
      ipcRenderer.removeListener(channel(event), wrapped);
    };
  },
);

contextBridge.exposeInMainWorld('wazo', bridge);
