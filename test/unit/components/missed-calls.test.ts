/**
 * The missed calls card: the list (history and bus alike), the count and the
 * "new" badge the user's seen mark drives, Mark all seen and Clear seen, and
 * the note when the call history cannot be read.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { MissedCallView } from '../../../electron/shared/snapshot.js';
import MissedCalls from '../../../renderer/src/components/missed-calls.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

const miss = (i: number, name: string | null, number: string | null): MissedCallView => ({
  conversation_id: `c${i}`,
  caller_id_name: name,
  caller_id_number: number,
  at: new Date(Date.UTC(2026, 10, 27, 10, 0, 0) - i * 60_000).toISOString(),
  source: i % 2 ? 'history' : 'bus',
});
const missed = [miss(0, 'Erin', '1005'), miss(1, '<i>Frank</i>', '1006'), miss(2, null, null)];

describe('missed calls', () => {
  it('lists each miss as text, newest first, with its time, and counts them', () => {
    render(MissedCalls, { tr, missed });
    const rows = screen.getAllByTestId('missed-call');
    expect(rows.map((r) => r.querySelector('.who')!.textContent)).toEqual([
      'Erin (1005)',
      '<i>Frank</i> (1006)',
      'Unknown caller',
    ]);
    expect(rows[1]!.querySelector('i')).toBeNull();
    expect(rows[0]!.querySelector('time')!.getAttribute('datetime')).toBe(missed[0]!.at);
    expect(screen.getByTestId('missed-count').textContent).toBe('3 missed');
    // No seen mark yet: all three are new.
    expect(screen.getByTestId('missed-unseen').textContent).toBe('3 new');
  });

  it('counts only the misses after the seen mark as new, and offers what fits', async () => {
    const { bridge, calls } = fakeBridge();
    const marks = { seen_until: missed[1]!.at, cleared_until: null };
    const view = render(MissedCalls, { tr, missed, marks, bridge });
    expect(screen.getByTestId('missed-unseen').textContent).toBe('1 new');
    expect(screen.getAllByTestId('missed-call').map((r) => r.classList.contains('unseen'))).toEqual([
      true,
      false,
      false,
    ]);
    await fireEvent.click(screen.getByRole('button', { name: 'Mark all seen' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Clear seen' }));
    expect(calls).toEqual([
      { command: 'markMissedSeen', request: {} },
      { command: 'clearMissedCalls', request: {} },
    ]);
    // All seen: no badge, nothing left to mark.
    await view.rerender({ tr, missed, bridge, marks: { seen_until: missed[0]!.at, cleared_until: null } });
    expect(screen.queryByTestId('missed-unseen')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Mark all seen' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Clear seen' })).toBeTruthy();
  });

  it('says once that only the misses since the app started are listed when the history is refused', () => {
    render(MissedCalls, { tr: translator('fr'), missed: [], history: 'forbidden' });
    expect(screen.getByTestId('missed-history').textContent).toMatch(
      /^Seuls les appels manqués depuis le démarrage de l’application sont listés/,
    );
    expect(screen.getByText('Aucun appel manqué')).toBeTruthy();
    cleanup();
    render(MissedCalls, { tr, missed: [], history: 'read' });
    expect(screen.queryByTestId('missed-history')).toBeNull();
  });

  it('offers to call back only a signed-in user, and only a number one can dial', () => {
    render(MissedCalls, { tr, missed, bridge: fakeBridge().bridge, canCall: false });
    expect(screen.queryAllByTestId('call-back')).toHaveLength(0);
    cleanup();
    render(MissedCalls, { tr, missed, bridge: fakeBridge().bridge, canCall: true });
    expect(screen.getAllByTestId('call-back').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Call back Erin (1005)',
      'Call back <i>Frank</i> (1006)',
    ]);
  });

  it('renders a storm of misses fifty at a time', async () => {
    const many = Array.from({ length: 200 }, (_, i) => miss(i, `Caller ${i}`, String(4000 + i)));
    render(MissedCalls, { tr, missed: many });
    expect(screen.getAllByTestId('missed-call')).toHaveLength(50);
    await fireEvent.click(screen.getByRole('button', { name: 'Show 50 more' }));
    expect(screen.getAllByTestId('missed-call')).toHaveLength(100);
  });
});
