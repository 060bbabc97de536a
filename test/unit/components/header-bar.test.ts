import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { NO_USER } from '../../../electron/shared/settings.js';
import type { Snapshot } from '../../../electron/shared/snapshot.js';
import { initialState } from '../../../electron/core/store/state.js';
import HeaderBar from '../../../renderer/src/components/header-bar.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';

const tr = translator('en');

describe('header', () => {
  const base: Snapshot = {
    ...initialState('2e752722-0864-4665-887d-a78a024cf7c7').snapshot,
    connection: { status: 'connected' },
  };

  it('names nobody while no user is followed', () => {
    render(HeaderBar, { tr, snapshot: { ...base, user_uuid: NO_USER, connection: { status: 'idle' } } });
    expect(screen.queryByTestId('user')).toBeNull();
    expect(screen.getByTestId('connection').textContent?.trim()).toBe('Not signed in');
  });

  it('names the user by uuid until someone signs in, then by name', async () => {
    const { rerender } = render(HeaderBar, { tr, snapshot: base });
    expect(screen.getByTestId('user').textContent).toBe('User 2e752722-0864-4665-887d-a78a024cf7c7');
    expect(screen.queryByTestId('sync')).toBeNull();
    await rerender({
      tr,
      snapshot: {
        ...base,
        account: { username: 'alice', server: 'https://wazo.example.com', tenant_uuid: null },
        sync: { status: 'syncing' },
      },
    });
    expect(screen.getByTestId('user').textContent?.trim()).toBe('alice');
    expect(screen.getByTestId('sync').textContent?.trim()).toBe('Reading your state from the server…');
  });

  it('says when the state could not be read, in whole or in part', async () => {
    const { rerender } = render(HeaderBar, {
      tr,
      snapshot: { ...base, sync: { status: 'failed', error: 'read forwards: timeout', reason: 'timeout' } },
    });
    expect(screen.getByTestId('sync').textContent?.trim()).toBe(
      'Could not read your state from the server: The server took too long to answer: try again.',
    );
    expect(screen.getByTestId('sync-details').textContent).toContain('read forwards: timeout');
    expect(screen.getByTestId('sync').getAttribute('role')).toBe('alert');
    const partial = 'read favorites: the server answered 404 (Not Found)';
    await rerender({
      tr,
      snapshot: { ...base, sync: { status: 'synced', at: 'x', error: partial, reason: 'not-found' } },
    });
    expect(screen.getByTestId('sync').textContent?.trim()).toBe(
      'Part of your state could not be read: The server does not know this any more (it may have been removed already).',
    );
    // The words follow the code, whatever the text says (a core older than the codes: something went wrong).
    await rerender({ tr, snapshot: { ...base, sync: { status: 'failed', error: 'read forwards: timeout' } } });
    expect(screen.getByTestId('sync').textContent?.trim()).toBe(
      'Could not read your state from the server: Something went wrong.',
    );
    await rerender({ tr, snapshot: { ...base, sync: { status: 'synced', at: 'x' } } });
    expect(screen.queryByTestId('sync')).toBeNull();
  });
});
