/**
 * The favorites card: a name and the main number (as text), a call button and
 * a way out of the list once signed in; a favorite the bus announced without a
 * name shows its source and id; 2,000 favorites render a page at a time.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { FavoriteView } from '../../../electron/shared/snapshot.js';
import FavoritesList from '../../../renderer/src/components/favorites-list.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

const willy: FavoriteView = {
  source: 'internal',
  source_entry_id: '42',
  name: 'Willy Wonka',
  numbers: ['1604', '1605'],
};
const fromBus: FavoriteView = { source: 'personal', source_entry_id: 'p-1' };

describe('favorites list', () => {
  it('names each favorite with its main number, as text; one only the bus announced shows its source and id', () => {
    const markup: FavoriteView = { source: 'personal', source_entry_id: 'p-2', name: '<b>Bobby</b>', numbers: [] };
    render(FavoritesList, { tr, favorites: [willy, markup, fromBus] });
    const rows = screen.getAllByTestId('favorite');
    expect(rows.map((r) => r.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Willy Wonka (1604)',
      '<b>Bobby</b>',
      'personal p-1',
    ]);
    expect(rows[1]!.querySelector('b')).toBeNull();
    expect(rows[0]!.querySelector('.who')!.getAttribute('title')).toBe('Willy Wonka (1604)');
    // Not signed in: shown only, nothing to press.
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('says when there is none', () => {
    render(FavoritesList, { tr: translator('fr'), favorites: [] });
    expect(screen.getByText('Aucun favori')).toBeTruthy();
  });

  it('signed in, calls a favorite and removes one, the list saying how it went', async () => {
    const { bridge, calls } = fakeBridge();
    render(FavoritesList, { tr, favorites: [willy, fromBus], bridge, canEdit: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Call Willy Wonka (1604)' }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('favorites-notice').textContent).toBe(
        'Your phone rings first, then Willy Wonka (1604) is called when you pick up.',
      ),
    );
    // The bus's favorite has no number yet: it can only be removed.
    expect(screen.getAllByRole('button', { name: /^Call / })).toHaveLength(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove personal p-1 from favorites' }));
    expect(calls).toEqual([
      { command: 'callBack', request: { extension: '1604' } },
      { command: 'removeFavorite', request: { source: 'personal', sourceEntryId: 'p-1' } },
    ]);
  });

  it('says a refusal in words, with the server’s text on demand', async () => {
    const { bridge } = fakeBridge({ wazo: { ok: false, reason: 'server-down', error: 'remove the favorite: 503' } });
    render(FavoritesList, { tr, favorites: [willy], bridge, canEdit: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Remove Willy Wonka (1604) from favorites' }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('favorites-error').textContent).toBe(
        'Not changed: The server is not available right now: try again in a moment.',
      ),
    );
    expect(screen.getByTestId('favorites-error-details').textContent).toContain('remove the favorite: 503');
  });

  it('renders 2,000 favorites a hundred at a time', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({
      source: 'internal',
      source_entry_id: String(i),
      name: `Contact ${i}`,
      numbers: [String(3000 + i)],
    }));
    render(FavoritesList, { tr, favorites: many });
    expect(screen.getAllByTestId('favorite')).toHaveLength(100);
    await fireEvent.click(screen.getByRole('button', { name: 'Show 100 more' }));
    expect(screen.getAllByTestId('favorite')).toHaveLength(200);
  });
});
