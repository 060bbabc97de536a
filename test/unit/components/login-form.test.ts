import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LoginForm from '../../../renderer/src/components/login-form.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('sign-in', () => {
  it('checks the form before sending, then signs in and forgets the password', async () => {
    const { bridge, calls } = fakeBridge();
    render(LoginForm, { tr, bridge });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(calls).toEqual([]);
    expect(screen.getByTestId('login-error').textContent).toMatch(/^Could not sign in: the server is an address/);
    await fireEvent.input(screen.getByLabelText('Server'), { target: { value: 'https://wazo.example.com' } });
    await fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'alice' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.request).toEqual({
      server: 'https://wazo.example.com',
      username: 'alice',
      password: 'pw',
      tenant: '',
      tlsFingerprint: '',
    });
    await vi.waitFor(() => expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe(''));
  });

  it('shows why a sign-in failed', async () => {
    const { bridge } = fakeBridge({ login: { ok: false, error: 'login: wrong username or password' } });
    render(LoginForm, { tr, bridge });
    await fireEvent.input(screen.getByLabelText('Server'), { target: { value: 'wazo.example.com' } });
    await fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'alice' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'x' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('login-error').textContent).toBe(
        'Could not sign in: login: wrong username or password',
      ),
    );
  });
});
