import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES } from '../../electron/shared/channels.js';
import type { ClientFrame, ServerFrame } from '../../electron/shared/wire.js';
import { socketBridge } from '../../renderer/src/lib/socket-bridge.js';

// A stand-in for the browser's WebSocket: the test opens, answers and closes it by hand.
class FakeSocket {
  static readonly OPEN = 1;
  static opened: FakeSocket[] = [];
  readyState = 0;
  sent: ClientFrame[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  send(text: string): void {
    this.sent.push(JSON.parse(text) as ClientFrame);
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(frame: ServerFrame | string): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  close(): void {
    this.readyState = 3;
    this.onclose?.();
  }
}

const latest = (): FakeSocket => FakeSocket.opened.at(-1)!;
const bridge = () => socketBridge('ws://preview/ws', FakeSocket as unknown as typeof WebSocket);

describe('socket bridge', () => {
  beforeEach(() => {
    FakeSocket.opened = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('has every command of the contract, and on/onOpen/onLost', () => {
    expect(Object.keys(bridge()).sort()).toEqual([...COMMAND_NAMES, 'on', 'onLost', 'onOpen'].sort());
    expect(latest().url).toBe('ws://preview/ws');
  });

  it('holds calls made before the socket opens and sends them once it does', async () => {
    const b = bridge();
    const reply = b.getSnapshot({});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([{ t: 'call', id: 1, command: 'getSnapshot', request: {} }]);
    latest().receive({ t: 'reply', id: 1, ok: true, value: { seq: 3 } });
    await expect(reply).resolves.toEqual({ seq: 3 });
  });

  it('matches replies to calls by id, and rejects with the error the core gave', async () => {
    const b = bridge();
    latest().open();
    const first = b.logout({});
    const second = b.callBack({ extension: '1002' });
    latest().receive({ t: 'reply', id: 2, ok: false, error: 'invalid callBack request' });
    latest().receive({ t: 'reply', id: 1, ok: true, value: { ok: true } });
    await expect(second).rejects.toThrow('invalid callBack request');
    await expect(first).resolves.toEqual({ ok: true });
  });

  it('hands pushes to their listeners until they unsubscribe, and ignores text that is not JSON', () => {
    const b = bridge();
    latest().open();
    const got: unknown[] = [];
    const off = b.on('focus', (p) => got.push(p));
    latest().receive('not json');
    latest().receive({ t: 'push', event: 'focus', payload: { section: 'missed' } });
    latest().receive({ t: 'push', event: 'toast', payload: { id: 't', kind: 'info', text: 'x' } as never });
    off();
    latest().receive({ t: 'push', event: 'focus', payload: { section: 'calls' } });
    expect(got).toEqual([{ section: 'missed' }]);
    expect(() => b.on('anything' as 'focus', () => {})).toThrow(/unknown event/);
  });

  it('says once that the notifier is gone when reconnects keep failing, and that it is back when one opens', () => {
    const b = bridge();
    const lost = vi.fn();
    const opened = vi.fn();
    b.onLost(lost);
    b.onOpen(opened);
    latest().open();
    // The socket closes, then four reconnects in a row fail: the notifier's process is gone.
    for (let i = 0; i < 5; i++) {
      expect(lost).not.toHaveBeenCalled();
      latest().close();
      vi.advanceTimersByTime(2000);
    }
    expect(lost).toHaveBeenCalledTimes(1);
    latest().close();
    vi.advanceTimersByTime(2000);
    expect(lost).toHaveBeenCalledTimes(1);
    latest().open();
    expect(opened).toHaveBeenCalledTimes(2);
  });

  it('rejects calls in flight when the socket closes, reopens with backoff and says so', async () => {
    const b = bridge();
    const reopened = vi.fn();
    b.onOpen(reopened);
    latest().open();
    expect(reopened).toHaveBeenCalledTimes(1);
    const lost = b.getSettings({});
    latest().close();
    await expect(lost).rejects.toThrow('connection to the notifier lost');
    expect(FakeSocket.opened).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(FakeSocket.opened).toHaveLength(2);
    latest().close();
    vi.advanceTimersByTime(199);
    expect(FakeSocket.opened).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.opened).toHaveLength(3);
    const later = b.getSettings({});
    latest().open();
    expect(reopened).toHaveBeenCalledTimes(2);
    expect(latest().sent).toEqual([{ t: 'call', id: 2, command: 'getSettings', request: {} }]);
    latest().receive({ t: 'reply', id: 2, ok: true, value: 'settings' });
    await expect(later).resolves.toBe('settings');
  });
});
