import { describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, channel } from '../../../electron/shared/channels.js';

// The preload is a leaf that only talks to Electron: a recording stand-in for
// its two APIs is the whole world it sees.
const exposed: Record<string, unknown> = {};
const invoked: [string, unknown][] = [];
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (ch: string, request: unknown) => (invoked.push([ch, request]), 'reply'),
    on: (ch: string, fn: (event: unknown, payload: unknown) => void) => listeners.set(ch, fn),
    removeListener: (ch: string) => listeners.delete(ch),
  },
}));

describe('preload', () => {
  it('exposes only the contract bridge, as window.wazo', async () => {
    await import('../../../electron/preload/index.js');
    expect(Object.keys(exposed)).toEqual(['wazo']);
    const bridge = exposed['wazo'] as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...COMMAND_NAMES, 'on'].sort());
    await expect(bridge['getSnapshot']!({})).resolves.toBe('reply');
    expect(invoked).toEqual([[channel('getSnapshot'), {}]]);
  });

  it('strips the Electron event from pushes and unsubscribes', async () => {
    const bridge = exposed['wazo'] as { on: (e: string, l: (p: unknown) => void) => () => void };
    const got: unknown[] = [];
    const off = bridge.on('change', (p) => got.push(p));
    listeners.get(channel('change'))!({ sender: 'secret' }, { seq: 1, patch: {} });
    expect(got).toEqual([{ seq: 1, patch: {} }]);
    off();
    expect(listeners.has(channel('change'))).toBe(false);
    expect(() => bridge.on('anything', () => {})).toThrow(/unknown event/);
  });
});
