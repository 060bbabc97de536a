/**
 * The window's first screen: the Wazo sign-in while nobody is signed in and
 * no user is followed; the dashboard otherwise. The bus settings stay folded
 * away in both.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../../electron/core/store/state.js';
import { NO_USER } from '../../../electron/shared/settings.js';
import type { Snapshot } from '../../../electron/shared/snapshot.js';
import App from '../../../renderer/src/App.svelte';
import { LiveSnapshot } from '../../../renderer/src/lib/live-snapshot.svelte.js';
import { fakeBridge } from './fake-bridge.js';

const ALICE = { username: 'alice', server: 'https://wazo.example.com', tenant_uuid: null };
const nobody: Snapshot = { ...initialState(NO_USER).snapshot, connection: { status: 'idle' } };
const followed: Snapshot = {
  ...initialState('2e752722-0864-4665-887d-a78a024cf7c7').snapshot,
  connection: {
    status: 'connected',
    source: { transport: 'amqp', broker: '127.0.0.1:5672', exchange: 'wazo-headers' },
  },
};

/** The app on a bridge whose core holds `snapshot`, once that snapshot is in. */
async function renderApp(snapshot: Snapshot) {
  const { bridge, calls } = fakeBridge({ snapshot });
  const live = new LiveSnapshot(bridge, (cb) => (cb(), 1));
  await live.refetch();
  render(App, { bridge, live });
  return { bridge, calls, live };
}

/** The dashboard's forms are mounted just after its first paint. */
const formsMounted = () => screen.findByTestId('account', {}, { timeout: 2000 });

describe('the first screen', () => {
  it('is the Wazo sign-in while nobody is signed in and no user is followed, the bus folded away', async () => {
    await renderApp(nobody);
    const signIn = screen.getByTestId('sign-in');
    expect(within(signIn).getByRole('heading', { name: 'Sign in to Wazo' })).toBeTruthy();
    for (const label of ['Server', 'Username', 'Password', 'Tenant domain (optional)']) {
      expect(within(signIn).getByLabelText(label)).toBeTruthy();
    }
    expect(within(signIn).getByLabelText('Trusted certificate fingerprint (SHA-256)')).toBeTruthy();
    expect(within(signIn).getByRole('button', { name: 'Sign in' })).toBeTruthy();
    // No dashboard of empty cards.
    for (const card of ['calls', 'missed', 'voicemail', 'forwards', 'favorites', 'preferences']) {
      expect(screen.queryByTestId(card)).toBeNull();
    }
    // The bus settings are there, closed, after the sign-in.
    const advanced = within(signIn).getByTestId('settings') as HTMLDetailsElement;
    expect(advanced.tagName).toBe('DETAILS');
    expect(advanced.open).toBe(false);
    expect(advanced.querySelector('summary')!.textContent).toBe('Advanced: direct bus access');
    expect(screen.getByTestId('account').compareDocumentPosition(advanced)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(within(advanced).getByLabelText('Bus URL')).toBeTruthy();
  });

  it('opens the bus settings when asked', async () => {
    await renderApp(nobody);
    const advanced = screen.getByTestId('settings') as HTMLDetailsElement;
    await fireEvent.click(advanced.querySelector('summary')!);
    expect(advanced.open).toBe(true);
    expect(within(advanced).getByLabelText('Event source')).toBeTruthy();
    expect(within(advanced).getByLabelText('User UUID')).toBeTruthy();
  });

  it('is the dashboard for a user followed over a direct bus, with the sign-in card and the bus settings last', async () => {
    await renderApp(followed);
    expect(screen.queryByTestId('sign-in')).toBeNull();
    expect(screen.getByTestId('calls')).toBeTruthy();
    const account = await formsMounted();
    expect(within(account).getByRole('heading', { name: 'Wazo account' })).toBeTruthy();
    expect(within(account).getByRole('button', { name: 'Sign in' })).toBeTruthy();
    const main = screen.getByRole('main');
    const advanced = main.lastElementChild as HTMLDetailsElement;
    expect(advanced.dataset.testid).toBe('settings');
    expect(advanced.open).toBe(false);
  });

  it('is the dashboard once signed in, with sign-out in the account card', async () => {
    await renderApp({ ...nobody, account: ALICE, connection: { status: 'connected' } });
    expect(screen.queryByTestId('sign-in')).toBeNull();
    expect(screen.getByTestId('user').textContent).toBe('alice');
    const account = await formsMounted();
    expect(within(account).getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(within(account).queryByTestId('login-form')).toBeNull();
    expect((screen.getByTestId('settings') as HTMLDetailsElement).open).toBe(false);
  });

  it('goes from the sign-in to the dashboard when the core says someone signed in', async () => {
    const { live } = await renderApp(nobody);
    expect(screen.getByTestId('sign-in')).toBeTruthy();
    live.current = { ...nobody, seq: 1, account: ALICE };
    expect(await screen.findByTestId('calls')).toBeTruthy();
    expect(screen.queryByTestId('sign-in')).toBeNull();
  });
});
