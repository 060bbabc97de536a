import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import AccountCard from '../../../renderer/src/components/account-card.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

describe('sign-in, the account card', () => {
  it('offers to sign out when signed in', async () => {
    const { bridge, calls } = fakeBridge();
    render(AccountCard, {
      tr,
      bridge,
      account: { username: 'alice', server: 'https://wazo.example.com', tenant_uuid: null },
    });
    expect(screen.getByTestId('logged-in').textContent).toBe('Signed in as alice on https://wazo.example.com');
    expect(screen.queryByTestId('login-form')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(calls).toEqual([{ command: 'logout', request: {} }]);
  });

  it('offers the sign-in form in the account card while nobody is signed in', () => {
    render(AccountCard, { tr, bridge: fakeBridge().bridge, account: null });
    expect(screen.getByTestId('login-form')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });
});
