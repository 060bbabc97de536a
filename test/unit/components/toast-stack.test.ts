import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ToastStack from '../../../renderer/src/components/toast-stack.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('toast stack', () => {
  it('shows a caller name with markup as text, and dismisses with Escape', async () => {
    const { bridge, push, calls } = fakeBridge();
    render(ToastStack, { bridge, tr });
    push('toast', { id: 't1', at: '', kind: 'incoming_call', call_id: 'c', name: '<i>Eve</i>', number: '1' });
    await tick();
    const toast = screen.getByTestId('toast');
    expect(toast.textContent).toContain('<i>Eve</i> (1)');
    expect(toast.querySelector('i')).toBeNull();
    expect(toast.getAttribute('role')).toBe('alert');
    await fireEvent.keyDown(toast, { key: 'Escape' });
    expect(screen.queryByTestId('toast')).toBeNull();
    expect(calls).toContainEqual({ command: 'dismissToast', request: { id: 't1' } });
  });

  it('lets a toast leave by itself after its time', async () => {
    vi.useFakeTimers();
    const { bridge, push } = fakeBridge();
    render(ToastStack, { bridge, tr });
    push('toast', { id: 't2', at: '', kind: 'service', service: 'dnd', enabled: true });
    await tick();
    expect(screen.getAllByTestId('toast')).toHaveLength(1);
    vi.advanceTimersByTime(6_001);
    await tick();
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});
