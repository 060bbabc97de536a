import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_USER } from '../../../electron/shared/settings.js';
import type { Snapshot, VoicemailMessageView } from '../../../electron/shared/snapshot.js';
import { initialState } from '../../../electron/core/store/state.js';
import ForwardsServices from '../../../renderer/src/components/forwards-services.svelte';
import HeaderBar from '../../../renderer/src/components/header-bar.svelte';
import AccountCard from '../../../renderer/src/components/account-card.svelte';
import LoginForm from '../../../renderer/src/components/login-form.svelte';
import PreferencesForm from '../../../renderer/src/components/preferences-form.svelte';
import SettingsForm from '../../../renderer/src/components/settings-form.svelte';
import ToastStack from '../../../renderer/src/components/toast-stack.svelte';
import VoicemailInbox from '../../../renderer/src/components/voicemail-inbox.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('forwards and services', () => {
  it('tells unknown from off from on', () => {
    render(ForwardsServices, {
      tr,
      bridge: fakeBridge().bridge,
      canEdit: false,
      forwards: {
        busy: { enabled: true, destination: '1003' },
        noanswer: { enabled: false, destination: null },
        unconditional: null,
      },
      services: { dnd: null, incallfilter: { enabled: true } },
    });
    expect(screen.getByTestId('forward-busy').textContent).toBe('On, to 1003');
    expect(screen.getByTestId('forward-noanswer').textContent).toBe('Off');
    expect(screen.getByTestId('forward-unconditional').textContent).toBe('Unknown');
    expect(screen.getByTestId('service-dnd').className).toContain('unknown');
    expect(screen.queryByTestId('toggle-dnd')).toBeNull();
    expect(screen.getByText('Sign in to a Wazo server to change these from here.')).toBeTruthy();
  });

  const known = {
    forwards: {
      busy: { enabled: true, destination: '1003' },
      noanswer: { enabled: false, destination: null },
      unconditional: { enabled: false, destination: '1009' },
    },
    services: { dnd: { enabled: false }, incallfilter: { enabled: true } },
  };

  it('toggles a service to the opposite of its state', async () => {
    const { bridge, calls } = fakeBridge();
    render(ForwardsServices, { tr, bridge, canEdit: true, ...known });
    await fireEvent.click(screen.getByRole('button', { name: 'Turn on Do not disturb' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Turn off Incoming call filter' }));
    expect(calls).toEqual([
      { command: 'setService', request: { service: 'dnd', enabled: true } },
      { command: 'setService', request: { service: 'incallfilter', enabled: false } },
    ]);
  });

  it('sets a forward to the typed destination, or the last one, and refuses an invalid one before sending', async () => {
    const { bridge, calls } = fakeBridge();
    render(ForwardsServices, { tr, bridge, canEdit: true, ...known });
    await fireEvent.click(screen.getByRole('button', { name: 'Turn on the No answer forward' }));
    expect(calls).toEqual([]);
    expect(screen.getByTestId('forwards-error').textContent).toBe(
      'Not changed: Type a number or an extension (digits, letters and * # + . _ @ : -).',
    );
    expect(screen.getByTestId('forwards-error-details').textContent).toMatch(/the destination is a number/);
    await fireEvent.input(screen.getByTestId('destination-noanswer'), { target: { value: ' 1004 ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Turn on the No answer forward' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Turn on the Unconditional forward' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Turn off the Busy forward' }));
    expect(calls.map((c) => c.request)).toEqual([
      { forward: 'noanswer', enabled: true, destination: '1004' },
      { forward: 'unconditional', enabled: true, destination: '1009' },
      { forward: 'busy', enabled: false, destination: '1003' },
    ]);
  });

  it('shows the server’s refusal', async () => {
    const { bridge } = fakeBridge({ wazo: { ok: false, error: 'turn do not disturb on: the server answered 403' } });
    render(ForwardsServices, { tr, bridge, canEdit: true, ...known });
    await fireEvent.click(screen.getByRole('button', { name: 'Turn on Do not disturb' }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('forwards-error').textContent).toBe(
        'Not changed: Your Wazo user is not allowed to do this.',
      ),
    );
    // The server's own words, on demand.
    const details = screen.getByTestId('forwards-error-details');
    expect(details.tagName).toBe('DETAILS');
    expect(details.textContent).toContain('turn do not disturb on: the server answered 403');
  });
});

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

  it('shows why a sign-in failed', async () => {
    const { bridge } = fakeBridge({ login: { ok: false, error: 'login: wrong username or password' } });
    render(LoginForm, { tr, bridge });
    await fireEvent.input(screen.getByLabelText('Server'), { target: { value: 'wazo.example.com' } });
    await fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'alice' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'x' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('login-error').textContent).toBe('Could not sign in: Wrong username or password.'),
    );
    expect(screen.getByTestId('login-error-details').textContent).toContain('login: wrong username or password');
  });

  it('shows the certificate it refused whole, in French, and trusts it on demand', async () => {
    const fp = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');
    const refused = `login: https://wazo.example.com is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate). If it is your Wazo's own self-signed certificate, trust its SHA-256 fingerprint in the settings; the server presents ${fp}`;
    const { bridge, calls } = fakeBridge({ login: { ok: false, error: refused } });
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

describe('voicemail inbox', () => {
  const messages: VoicemailMessageView[] = Array.from({ length: 5000 }, (_, i) => ({
    id: `m${i}`,
    voicemail_id: 1,
    folder: { id: 1, name: 'inbox', type: i % 2 ? 'old' : 'new' },
    caller_id_name: `Caller ${i}`,
    caller_id_num: String(1000 + i),
    duration: 30,
    timestamp: 1_700_000_000 - i,
    unread: i % 2 === 0,
  }));

  it('renders a large inbox a page at a time, newest first, unread marked', async () => {
    render(VoicemailInbox, { tr, bridge: fakeBridge().bridge, canEdit: false, voicemail: { unread: 2500, messages } });
    let rows = screen.getAllByTestId('voicemail-message');
    expect(rows).toHaveLength(100);
    expect(rows[0]!.textContent).toContain('Caller 0');
    expect(rows[0]!.className).toContain('unread');
    expect(rows[1]!.className).not.toContain('unread');
    expect(screen.getByTestId('voicemail-unread').textContent).toBe('2500 unread');
    await fireEvent.click(screen.getByRole('button', { name: 'Show 100 more' }));
    rows = screen.getAllByTestId('voicemail-message');
    expect(rows).toHaveLength(200);
  });

  it('marks a message read and deletes one when logged in', async () => {
    const { bridge, calls } = fakeBridge();
    render(VoicemailInbox, { tr, bridge, canEdit: true, voicemail: { unread: 1, messages: messages.slice(0, 2) } });
    expect(screen.getAllByTestId('mark-read')).toHaveLength(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Mark read: the message from Caller 0 (1000)' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete the message from Caller 1 (1001)' }));
    expect(calls).toEqual([
      { command: 'markVoicemailRead', request: { id: 'm0' } },
      { command: 'deleteVoicemail', request: { id: 'm1' } },
    ]);
  });
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

describe('settings form', () => {
  it('explains invalid values next to their fields and does not send them', async () => {
    const { bridge, calls } = fakeBridge();
    render(SettingsForm, { bridge, tr });
    await tick();
    await fireEvent.input(screen.getByLabelText('User UUID'), { target: { value: 'bob' } });
    await fireEvent.input(screen.getByLabelText('Exchange (empty: the mode’s default)'), {
      target: { value: 'bad name!' },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByTestId('error-userUuid').textContent).toBe(
      'Type the user’s UUID, such as 2e752722-0864-4665-887d-a78a024cf7c7.',
    );
    expect(screen.getByTestId('error-exchange').textContent).toBe(
      'An exchange name has letters, digits and - _ . : only.',
    );
    expect(calls.some((c) => c.command === 'saveSettings')).toBe(false);
  });

  it('saves valid values', async () => {
    const { bridge, calls } = fakeBridge();
    render(SettingsForm, { bridge, tr });
    await vi.waitFor(() => expect((screen.getByLabelText('User UUID') as HTMLInputElement).value).not.toBe(''));
    await fireEvent.change(screen.getByLabelText('Event source'), { target: { value: 'amqp' } });
    await fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'headers' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.getByTestId('settings-message').textContent).toBe('Settings saved'));
    expect(calls.filter((c) => c.command === 'saveSettings').map((c) => c.request)).toEqual([
      {
        transport: 'amqp',
        url: 'amqp://guest:guest@localhost:5672/',
        mode: 'headers',
        exchange: '',
        userUuid: '2e752722-0864-4665-887d-a78a024cf7c7',
      },
    ]);
  });

  it('offers the transport and the bus layout, automatic first', async () => {
    render(SettingsForm, { bridge: fakeBridge().bridge, tr });
    const options = (label: string) =>
      [...(screen.getByLabelText(label) as HTMLSelectElement).options].map((o) => [o.value, o.textContent]);
    expect(options('Event source')).toEqual([
      ['auto', 'Automatic'],
      ['websocketd', 'Wazo server (websocketd)'],
      ['amqp', 'Direct bus (AMQP)'],
    ]);
    expect(screen.getByLabelText('Event source').getAttribute('aria-describedby')).toBe('settings-transport-hint');
    expect(document.getElementById('settings-transport-hint')!.textContent).toBe(
      'Automatic: from the Wazo server once signed in, else from this bus.',
    );
    expect(options('Mode').map(([value]) => value)).toEqual(['auto', 'headers', 'topic']);
    await vi.waitFor(() => expect((screen.getByLabelText('Mode') as HTMLSelectElement).value).toBe('auto'));
    expect((screen.getByLabelText('Event source') as HTMLSelectElement).value).toBe('auto');
  });
});

describe('preferences form', () => {
  it('saves each change at once, and asks consent before keeping a password unencrypted', async () => {
    const { bridge, calls } = fakeBridge();
    render(PreferencesForm, { bridge, tr });
    await vi.waitFor(() => expect(screen.getByTestId('secrets').textContent).toContain('cannot encrypt'));
    const missed = screen.getAllByLabelText('Missed calls')[0] as HTMLInputElement;
    expect(missed.checked).toBe(true);
    await fireEvent.click(missed);
    await vi.waitFor(() => expect(calls.filter((c) => c.command === 'savePreferences')).toHaveLength(1));
    const saved = calls.find((c) => c.command === 'savePreferences')!.request as {
      notifications: { enabled: { missed_call: boolean } };
    };
    expect(saved.notifications.enabled.missed_call).toBe(false);
    expect(screen.getByLabelText('Keep my password unencrypted anyway')).toBeTruthy();
  });

  it('links to the log file, and says so where there is none (browser preview)', async () => {
    const { bridge, calls } = fakeBridge();
    render(PreferencesForm, { bridge, tr });
    await fireEvent.click(await screen.findByTestId('open-logs'));
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toContain('keeps no log file'));
    expect(calls.filter((c) => c.command === 'openLogFolder')).toEqual([{ command: 'openLogFolder', request: {} }]);
  });
});

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
      snapshot: { ...base, sync: { status: 'failed', error: 'read forwards: timeout' } },
    });
    expect(screen.getByTestId('sync').textContent?.trim()).toBe(
      'Could not read your state from the server: The server took too long to answer: try again.',
    );
    expect(screen.getByTestId('sync-details').textContent).toContain('read forwards: timeout');
    expect(screen.getByTestId('sync').getAttribute('role')).toBe('alert');
    const partial = 'read favorites: the server answered 404 (Not Found)';
    await rerender({ tr, snapshot: { ...base, sync: { status: 'synced', at: 'x', error: partial } } });
    expect(screen.getByTestId('sync').textContent?.trim()).toBe(
      'Part of your state could not be read: The server does not know this any more (it may have been removed already).',
    );
    await rerender({ tr, snapshot: { ...base, sync: { status: 'synced', at: 'x' } } });
    expect(screen.queryByTestId('sync')).toBeNull();
  });
});
