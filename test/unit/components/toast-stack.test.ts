import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { initialState } from '../../../electron/core/store/state.js';
import type { Snapshot } from '../../../electron/shared/snapshot.js';
import ToastStack from '../../../renderer/src/components/toast-stack.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

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

  it('takes a new-voicemail toast away once the snapshot shows the message read, not before', async () => {
    const { bridge, push } = fakeBridge();
    const base: Snapshot = { ...initialState('u').snapshot, seq: 7 };
    const message = {
      id: 'm1',
      voicemail_id: 1,
      folder: { id: 1, name: 'inbox', type: 'new' },
      caller_id_name: 'Bob',
      caller_id_num: '1002',
      duration: 3,
      timestamp: 1,
      unread: true,
    };
    const view = render(ToastStack, {
      bridge,
      tr,
      snapshot: { ...base, voicemail: { unread: 1, messages: [message] } },
    });
    push('toast', { id: 'v1', at: '', kind: 'voicemail', message_id: 'm1', name: 'Bob', number: '1002', seq: 8 });
    await tick();
    // The window's copy is older than the toast: it cannot judge yet, the toast stays.
    await view.rerender({ bridge, tr, snapshot: { ...base, seq: 7, voicemail: { unread: 0, messages: [] } } });
    expect(screen.getAllByTestId('toast')).toHaveLength(1);
    const read = { ...message, folder: { id: 2, name: 'old', type: 'old' }, unread: false };
    await view.rerender({ bridge, tr, snapshot: { ...base, seq: 9, voicemail: { unread: 0, messages: [read] } } });
    expect(screen.queryByTestId('toast')).toBeNull();
    // Still in the history.
    await fireEvent.click(screen.getByTestId('toast-more'));
    expect(screen.getAllByTestId('toast-history-item').map((li) => li.dataset.kind)).toEqual(['voicemail']);
  });

  it('in a tray-sized window shows one toast and folds the others into the line that opens the history', async () => {
    const matchMedia = vi.fn((query: string) => ({
      matches: query === '(max-width: 480px)',
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
    vi.stubGlobal('matchMedia', matchMedia);
    const { bridge, push } = fakeBridge();
    render(ToastStack, { bridge, tr: translator('fr') });
    push('toast', { id: 'a', at: '', kind: 'missed_call', name: 'Ann', number: null });
    push('toast', { id: 'b', at: '', kind: 'missed_call', name: 'Ben', number: null });
    push('toast', { id: 'c', at: '', kind: 'missed_call', name: 'Cam', number: null });
    await tick();
    expect(screen.getAllByTestId('toast').map((t) => t.querySelector('.toast-body')!.textContent)).toEqual(['Cam']);
    expect(screen.getByTestId('toast-more').textContent?.trim()).toBe('2 notifications de plus');
    await fireEvent.click(screen.getByTestId('toast-more'));
    expect(screen.getByRole('heading', { name: 'Historique des notifications' })).toBeTruthy();
    expect(screen.getAllByTestId('toast-history-item').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/Appel manqué\s+Cam/),
      expect.stringMatching(/Appel manqué\s+Ben/),
      expect.stringMatching(/Appel manqué\s+Ann/),
    ]);
  });
});
