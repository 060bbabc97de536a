/**
 * The header's connection line: what feeds the events and where the link
 * stands, in words, in both languages; the technical reason on demand; a
 * live region that speaks once per state, not on every retry.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { initialState } from '../../../electron/core/store/state.js';
import type { ErrorReason } from '../../../electron/shared/error-reason.js';
import type { ConnectionState, Snapshot } from '../../../electron/shared/snapshot.js';
import HeaderBar from '../../../renderer/src/components/header-bar.svelte';
import { translator, type Locale } from '../../../renderer/src/lib/i18n.js';

const WEB = { transport: 'websocketd', server: 'https://wazo.example.com' } as const;
const BUS = { transport: 'amqp', broker: '127.0.0.1:5672', exchange: 'wazo-headers', mode: 'headers' } as const;
const snapshotWith = (connection: ConnectionState): Snapshot => ({
  ...initialState('2e752722-0864-4665-887d-a78a024cf7c7').snapshot,
  connection,
});
/** The line as a sighted user reads it. */
const line = () => screen.getByTestId('connection').textContent!.replace(/\s+/g, ' ').trim();
const liveRegion = () => screen.getByRole('status');

const cases: [string, ConnectionState, Record<Locale, string>][] = [
  [
    'connected to a Wazo server',
    { status: 'connected', source: WEB },
    { en: 'Connected to wazo.example.com', fr: 'Connecté à wazo.example.com' },
  ],
  [
    'connected to a server on another port',
    { status: 'connected', source: { transport: 'websocketd', server: 'https://10.0.0.5:8443' } },
    { en: 'Connected to 10.0.0.5:8443', fr: 'Connecté à 10.0.0.5:8443' },
  ],
  [
    'connected to the bus, exchange detected',
    { status: 'connected', source: BUS },
    {
      en: 'Connected to the bus at 127.0.0.1:5672 (wazo-headers)',
      fr: 'Connecté au bus 127.0.0.1:5672 (wazo-headers)',
    },
  ],
  [
    'connected to the bus, exchange not yet known',
    { status: 'connected', source: { transport: 'amqp', broker: 'rabbit:5672' } },
    { en: 'Connected to the bus at rabbit:5672', fr: 'Connecté au bus rabbit:5672' },
  ],
  [
    'connecting to a Wazo server',
    { status: 'connecting', source: WEB },
    { en: 'Connecting to wazo.example.com…', fr: 'Connexion à wazo.example.com…' },
  ],
  [
    'connecting to the bus',
    { status: 'connecting', source: BUS },
    { en: 'Connecting to the bus at 127.0.0.1:5672…', fr: 'Connexion au bus 127.0.0.1:5672…' },
  ],
  [
    'reconnecting to a Wazo server',
    {
      status: 'reconnecting',
      source: WEB,
      attempt: 3,
      error: 'connect ECONNREFUSED 10.0.0.5:443',
      reason: 'unreachable',
      delay_ms: 2000,
    },
    {
      en: 'Lost the connection to the server — retrying in 2 s',
      fr: 'Connexion au serveur perdue — nouvel essai dans 2 s',
    },
  ],
  [
    'reconnecting to the bus, rounded to whole seconds',
    { status: 'reconnecting', source: BUS, attempt: 1, error: 'Heartbeat timeout', reason: 'timeout', delay_ms: 4_600 },
    {
      en: 'Lost the connection to the bus — retrying in 5 s',
      fr: 'Connexion au bus perdue — nouvel essai dans 5 s',
    },
  ],
  [
    'reconnecting in under a second',
    { status: 'reconnecting', source: WEB, attempt: 1, error: 'socket hang up', reason: 'dropped', delay_ms: 120 },
    {
      en: 'Lost the connection to the server — retrying now',
      fr: 'Connexion au serveur perdue — nouvel essai en cours',
    },
  ],
  ['idle', { status: 'idle' }, { en: 'Not signed in', fr: 'Non connecté' }],
  ['closed', { status: 'closed', source: BUS }, { en: 'Offline', fr: 'Hors ligne' }],
];

describe('the connection line', () => {
  for (const locale of ['en', 'fr'] as const) {
    for (const [what, connection, words] of cases) {
      it(`says ${what}, in ${locale === 'en' ? 'English' : 'French'}`, () => {
        vi.useFakeTimers();
        render(HeaderBar, { tr: translator(locale), snapshot: snapshotWith(connection) });
        expect(line()).toBe(words[locale]);
        // The technical reason is never the headline.
        if (connection.error) expect(line()).not.toContain(connection.error);
      });
    }
  }

  it('counts down to the next attempt, and says nothing new on a retry', async () => {
    vi.useFakeTimers();
    const tr = translator('en');
    const reconnecting = (attempt: number, delay_ms: number): ConnectionState => ({
      status: 'reconnecting',
      source: { ...WEB },
      attempt,
      error: `attempt ${attempt} failed`,
      reason: 'unreachable',
      delay_ms,
    });
    const { rerender } = render(HeaderBar, { tr, snapshot: snapshotWith(reconnecting(1, 3000)) });
    const region = liveRegion();
    expect(region.textContent).toBe('Lost the connection to the server');
    expect(line()).toBe('Lost the connection to the server — retrying in 3 s');
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((m) => mutations.push(...m));
    observer.observe(region, { subtree: true, childList: true, characterData: true, attributes: true });

    vi.advanceTimersByTime(1000);
    await tick();
    expect(line()).toBe('Lost the connection to the server — retrying in 2 s');
    vi.advanceTimersByTime(1500);
    await tick();
    expect(line()).toBe('Lost the connection to the server — retrying now');
    // The next attempt failed too: a new attempt number, delay and reason, the same state.
    await rerender({ tr, snapshot: snapshotWith(reconnecting(2, 6000)) });
    expect(line()).toBe('Lost the connection to the server — retrying in 6 s');
    await Promise.resolve();
    expect(mutations).toEqual([]);
    expect(liveRegion()).toBe(region);

    // A change of state is announced.
    await rerender({ tr, snapshot: snapshotWith({ status: 'connected', source: { ...WEB } }) });
    await Promise.resolve();
    expect(region.textContent).toBe('Connected to wazo.example.com');
    expect(mutations.length).toBeGreaterThan(0);
    observer.disconnect();
  });

  it('gives the technical reason on demand, with a button that says whether it is shown', async () => {
    const tr = translator('en');
    const failing: ConnectionState = {
      status: 'reconnecting',
      source: BUS,
      attempt: 4,
      error: 'connect ECONNREFUSED 127.0.0.1:5672',
      reason: 'unreachable',
      delay_ms: 8000,
    };
    const { rerender } = render(HeaderBar, { tr, snapshot: snapshotWith(failing) });
    const button = screen.getByRole('button', { name: 'Details of the connection problem' });
    expect(button.textContent).toBe('Details');
    expect(button.getAttribute('type')).toBe('button');
    const details = screen.getByTestId('connection-details');
    expect(button.getAttribute('aria-controls')).toBe(details.id);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(details.hidden).toBe(true);

    await fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(details.hidden).toBe(false);
    expect(details.textContent?.trim()).toBe('Attempt 4: connect ECONNREFUSED 127.0.0.1:5672');
    await fireEvent.click(button);
    expect(details.hidden).toBe(true);

    // Once connected there is no problem to detail.
    await rerender({ tr, snapshot: snapshotWith({ status: 'connected', source: BUS }) });
    expect(screen.queryByRole('button', { name: /Details/ })).toBeNull();
    expect(screen.queryByTestId('connection-details')).toBeNull();
  });

  it('keeps the headline of a working connection, with what the server sent that was ignored on demand', async () => {
    const WSD = { transport: 'websocketd' as const, server: 'https://wazo.example.com' };
    render(HeaderBar, {
      tr: translator('en'),
      snapshot: snapshotWith({
        status: 'connected',
        source: WSD,
        warning: 'ignored a frame from the server: not JSON',
      }),
    });
    expect(line()).toBe('Connected to wazo.example.com');
    await fireEvent.click(screen.getByRole('button', { name: 'Details of the connection problem' }));
    expect(screen.getByTestId('connection-details').textContent?.trim()).toBe(
      'Connected, with a warning: ignored a frame from the server: not JSON',
    );
  });

  it('says why in words from the reason’s code, beside the live region, in both languages', async () => {
    const lost = (reason: ErrorReason): ConnectionState => ({
      status: 'reconnecting',
      source: WEB,
      attempt: 2,
      // The technical text names another cause on purpose: the code alone decides the words.
      error: 'the server closed the connection (1000)',
      reason,
      delay_ms: 2000,
    });
    const { rerender } = render(HeaderBar, { tr: translator('en'), snapshot: snapshotWith(lost('unreachable')) });
    const why = screen.getByTestId('connection-why');
    expect(why.textContent).toBe('The server cannot be reached: check its address and your network.');
    expect(liveRegion().contains(why)).toBe(false);
    expect(liveRegion().textContent).toBe('Lost the connection to the server');
    await rerender({ tr: translator('fr'), snapshot: snapshotWith(lost('session')) });
    expect(screen.getByTestId('connection-why').textContent).toBe('Votre session a pris fin : reconnectez-vous.');
    await rerender({
      tr: translator('en'),
      snapshot: snapshotWith({ status: 'closed', source: BUS, error: 'ACCESS_REFUSED', reason: 'bus-credentials' }),
    });
    expect(screen.getByTestId('connection-why').textContent).toMatch(/^The bus refused the user name and password/);
    // Once connected there is nothing to explain.
    await rerender({ tr: translator('en'), snapshot: snapshotWith({ status: 'connected', source: BUS }) });
    expect(screen.queryByTestId('connection-why')).toBeNull();
  });

  it('details the reason in French too', async () => {
    render(HeaderBar, {
      tr: translator('fr'),
      snapshot: snapshotWith({ status: 'closed', source: BUS, error: 'ACCESS_REFUSED', reason: 'bus-credentials' }),
    });
    const button = screen.getByRole('button', { name: 'Détails du problème de connexion' });
    await fireEvent.click(button);
    expect(screen.getByTestId('connection-details').textContent?.trim()).toBe('ACCESS_REFUSED');
    expect(line()).toBe('Hors ligne');
  });
});
