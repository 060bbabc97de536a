import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialState } from '../../../electron/core/store/state.js';
import type { Snapshot } from '../../../electron/shared/snapshot.js';
import ToastStack from '../../../renderer/src/components/toast-stack.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('toast stack', () => {
  it('shows a caller name with markup as text, announces it urgently, and Escape from anywhere dismisses it', async () => {
    const { bridge, push, calls } = fakeBridge();
    render(ToastStack, { bridge, tr });
    push('toast', { id: 't1', at: '', kind: 'incoming_call', call_id: 'c', name: '<i>Eve</i>', number: '1' });
    await tick();
    const toast = screen.getByTestId('toast');
    expect(toast.textContent).toContain('<i>Eve</i> (1)');
    expect(toast.querySelector('i')).toBeNull();
    // The toast is not a live region of its own: one region, there from the start, speaks for it.
    expect(toast.getAttribute('role')).toBeNull();
    expect(screen.getByTestId('toast-announce-urgent').textContent).toBe('Incoming call: <i>Eve</i> (1)');
    expect(screen.getByTestId('toast-announce').textContent).toBe('');
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('toast')).toBeNull();
    expect(calls).toContainEqual({ command: 'dismissToast', request: { id: 't1' } });
  });

  it('lets a toast leave by itself after its time, and keeps it in the history', async () => {
    vi.useFakeTimers();
    const { bridge, push } = fakeBridge();
    render(ToastStack, { bridge, tr });
    push('toast', { id: 't2', at: '', kind: 'service', service: 'dnd', enabled: true });
    await tick();
    expect(screen.getAllByTestId('toast')).toHaveLength(1);
    expect(screen.getByTestId('toast-announce').textContent).toBe('Do not disturb on');
    vi.advanceTimersByTime(6_001);
    await tick();
    expect(screen.queryByTestId('toast')).toBeNull();
    await fireEvent.click(screen.getByTestId('toast-more'));
    expect(screen.getAllByTestId('toast-history-item').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Do not disturb on'),
    ]);
  });

  it('takes a ringing call away when the snapshot says it stopped ringing', async () => {
    const { bridge, push } = fakeBridge();
    const base: Snapshot = { ...initialState('u').snapshot, seq: 4 };
    const ringing = { call_id: 'c', status: 'Ringing' } as Snapshot['calls'][number];
    const view = render(ToastStack, { bridge, tr, snapshot: { ...base, calls: [ringing] } });
    push('toast', { id: 't3', at: '', kind: 'incoming_call', call_id: 'c', name: 'Eve', number: '1', seq: 4 });
    await tick();
    expect(screen.getAllByTestId('toast')).toHaveLength(1);
    await view.rerender({ bridge, tr, snapshot: { ...base, seq: 5, calls: [{ ...ringing, status: 'Up' }] } });
    expect(screen.queryByTestId('toast')).toBeNull();
  });

  it('folds a burst into one line that opens the whole history, and pluralises it', async () => {
    const { bridge, push } = fakeBridge();
    render(ToastStack, { bridge, tr });
    for (let i = 0; i < 4; i++)
      push('toast', { id: `m${i}`, at: '', kind: 'missed_call', name: `N${i}`, number: null });
    await tick();
    expect(screen.getAllByTestId('toast')).toHaveLength(3);
    expect(screen.getByTestId('toast-more').textContent?.trim()).toBe('1 more notification');
    screen.getByTestId('toast-more').focus();
    await fireEvent.click(screen.getByTestId('toast-more'));
    await tick();
    expect(screen.getAllByTestId('toast-history-item')).toHaveLength(4);
    expect(document.activeElement).toBe(screen.getByTestId('toast-history-close'));
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    await tick();
    expect(screen.queryByTestId('toast-history')).toBeNull();
    // Nothing was discarded: the toasts are still there.
    expect(screen.getAllByTestId('toast')).toHaveLength(3);
    expect(document.activeElement).toBe(screen.getByTestId('toast-more'));
  });
});
