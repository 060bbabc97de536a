import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import LoginForm from '../../../renderer/src/components/login-form.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

describe('sign-in', () => {
  it('checks the form before sending, then signs in and forgets the password', async () => {
    const { bridge, calls } = fakeBridge();
    render(LoginForm, { tr, bridge });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(calls).toEqual([]);
    expect(screen.getByTestId('login-error').textContent).toBe(
      'Could not sign in: Type your Wazo server’s address, such as wazo.example.com.',
    );
    expect(screen.getByTestId('login-error-details').textContent).toMatch(/the server is an address/);
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

  it('says why a plain http:// address of another computer is refused, before sending anything', async () => {
    const { bridge, calls } = fakeBridge();
    render(LoginForm, { tr, bridge });
    await fireEvent.input(screen.getByLabelText('Server'), { target: { value: 'http://wazo.example.com' } });
    await fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'alice' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(calls).toEqual([]);
    expect(screen.getByTestId('login-error').textContent).toBe(
      'Could not sign in: Use https:// for this server: http:// would send your password unencrypted.',
    );
    expect(screen.getByTestId('login-error-details').textContent).toMatch(/wazo\.example\.com is plain http:\/\//);
  });

  it('shows why a sign-in failed', async () => {
    // The words come from the code, not from the technical text (here a bare status).
    const { bridge } = fakeBridge({
      login: { ok: false, reason: 'credentials', error: 'login: the server answered 401' },
    });
    render(LoginForm, { tr, bridge });
    await fireEvent.input(screen.getByLabelText('Server'), { target: { value: 'wazo.example.com' } });
    await fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'alice' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'x' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('login-error').textContent).toBe('Could not sign in: Wrong username or password.'),
    );
    expect(screen.getByTestId('login-error-details').textContent).toContain('login: the server answered 401');
  });

  it('shows the certificate it refused whole, in French, and trusts it on demand', async () => {
    const fp = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');
    const refused = `login: https://wazo.example.com is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate). If it is your Wazo's own self-signed certificate, trust its SHA-256 fingerprint in the settings; the server presents ${fp}`;
    const { bridge, calls } = fakeBridge({
      login: { ok: false, reason: 'certificate', error: refused, fingerprint: fp },
    });
    const fr = translator('fr');
    render(LoginForm, { tr: fr, bridge });
    await fireEvent.input(screen.getByLabelText('Serveur'), { target: { value: 'wazo.example.com' } });
    await fireEvent.input(screen.getByLabelText('Identifiant'), { target: { value: 'alice' } });
    await fireEvent.input(screen.getByLabelText('Mot de passe'), { target: { value: 'x' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await vi.waitFor(() => expect(screen.getByTestId('certificate-fingerprint').textContent).toBe(fp));
    expect(screen.getByTestId('login-error').textContent).toMatch(/^Connexion impossible : Le certificat du serveur/);
    await fireEvent.click(screen.getByTestId('trust-certificate'));
    await vi.waitFor(() => expect(calls.filter((c) => c.command === 'login')).toHaveLength(2));
    expect((calls[1]!.request as { tlsFingerprint: string }).tlsFingerprint).toBe(fp);
  });
});
