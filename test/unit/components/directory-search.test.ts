/**
 * The directory search box: asks once typing pauses, shows only the newest
 * answer, each contact with its actions, and says in words why a search found
 * nothing or failed. Text from the server is shown as text.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ContactView, SearchResult } from '../../../electron/shared/directory.js';
import DirectorySearch from '../../../renderer/src/components/directory-search.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

const contact = (id: string, name: string | null, numbers: string[], favorite = false): ContactView => ({
  source: 'internal',
  source_entry_id: id,
  name,
  numbers,
  favorite,
});
const found = (term: string, contacts: ContactView[], more = false): SearchResult => ({
  ok: true,
  term,
  contacts,
  more,
});

const box = () => screen.getByRole('searchbox', { name: 'Search the directory' });
const type = (value: string) => fireEvent.input(box(), { target: { value } });
const searches = (calls: { command: string; request: unknown }[]) =>
  calls.filter((c) => c.command === 'searchDirectory').map((c) => c.request);

describe('directory search', () => {
  it('asks once typing pauses, then lists what was found as text, with each contact’s actions', async () => {
    vi.useFakeTimers();
    const { bridge, calls } = fakeBridge({
      search: (term) => found(term, [contact('1', '<i>Bob</i>', ['1002']), contact('2', null, ['+15145550199'])]),
    });
    render(DirectorySearch, { bridge, tr, favorites: [] });
    await type('b');
    await type('bo');
    await type('bob');
    expect(searches(calls)).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(searches(calls)).toEqual([{ term: 'bob' }]);
    const rows = screen.getAllByTestId('search-result');
    expect(rows.map((r) => r.querySelector('.who')!.textContent)).toEqual(['<i>Bob</i> (1002)', '+15145550199']);
    expect(rows[0]!.querySelector('i')).toBeNull();
    expect(screen.getByRole('button', { name: 'Call <i>Bob</i> (1002)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add to favorites: +15145550199' })).toBeTruthy();
  });

  it('shows only the newest answer when an older one comes back last', async () => {
    vi.useFakeTimers();
    const answers = new Map<string, (r: SearchResult) => void>();
    const { bridge } = fakeBridge({ search: (term) => new Promise((resolve) => answers.set(term, resolve)) });
    render(DirectorySearch, { bridge, tr, favorites: [] });
    await type('al');
    await vi.advanceTimersByTimeAsync(300);
    await type('alice');
    await vi.advanceTimersByTimeAsync(300);
    expect(screen.getByTestId('search-status').textContent?.trim()).toBe('Searching…');
    answers.get('alice')!(found('alice', [contact('1', 'Alice Martin', ['1001'])]));
    await vi.waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(1));
    answers.get('al')!(found('al', [contact('2', 'Alan', ['1009']), contact('3', 'Albert', ['1010'])]));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getAllByTestId('search-result').map((r) => r.textContent)).toEqual([
      expect.stringContaining('Alice Martin'),
    ]);
  });

  it('says when nothing matches, when only the first contacts are shown, and clears with the box', async () => {
    vi.useFakeTimers();
    const many = Array.from({ length: 50 }, (_, i) => contact(String(i), `Bob ${i}`, [String(2000 + i)]));
    const { bridge } = fakeBridge({
      search: (term) => (term === 'nobody' ? found(term, []) : found(term, many, true)),
    });
    render(DirectorySearch, { bridge, tr, favorites: [] });
    await type('nobody');
    await vi.advanceTimersByTimeAsync(300);
    expect(screen.getByTestId('search-status').textContent?.trim()).toBe('No contact matches “nobody”.');
    await type('bob');
    await vi.advanceTimersByTimeAsync(300);
    expect(screen.getAllByTestId('search-result')).toHaveLength(50);
    expect(screen.getByTestId('search-status').textContent?.trim()).toBe(
      'Only the first 50 contacts are shown: type more to narrow the search.',
    );
    await type('   ');
    expect(screen.queryByTestId('search-result')).toBeNull();
    expect(screen.getByTestId('search-status').textContent?.trim()).toBe('');
  });

  it('offers Remove for a contact that is a favorite now, as the core lists them', async () => {
    vi.useFakeTimers();
    const { bridge } = fakeBridge({ search: (term) => found(term, [contact('1', 'Bob', ['1002'])]) });
    const view = render(DirectorySearch, { bridge, tr, favorites: [] });
    await type('bob');
    await vi.advanceTimersByTimeAsync(300);
    expect(screen.getByRole('button', { name: 'Add to favorites: Bob (1002)' })).toBeTruthy();
    await view.rerender({ bridge, tr, favorites: [{ source: 'internal', source_entry_id: '1', name: 'Bob' }] });
    expect(screen.getByRole('button', { name: 'Remove Bob (1002) from favorites' })).toBeTruthy();
  });

  it('says why a search failed, by its reason, in both languages, the server’s text on demand', async () => {
    vi.useFakeTimers();
    const cases: [SearchResult, string, string][] = [
      [
        { ok: false, reason: 'forbidden', error: 'search the directory: the server answered 401' },
        'Your Wazo user is not allowed to search the directory.',
        'Votre utilisateur Wazo n’a pas le droit de chercher dans l’annuaire.',
      ],
      [
        { ok: false, reason: 'not-found', error: 'search the directory: 404' },
        'The server has no directory set up for your account: ask your administrator.',
        'Le serveur n’a pas d’annuaire configuré pour votre compte : demandez à votre administrateur.',
      ],
      [
        { ok: false, reason: 'not-wazo', error: 'search the directory: the server sent text/html' },
        'The search failed: This address does not answer as a Wazo server does: check the server address.',
        'La recherche a échoué : Cette adresse ne répond pas comme un serveur Wazo : vérifiez l’adresse du serveur.',
      ],
    ];
    for (const [answer, english, french] of cases) {
      for (const [locale, words] of [
        ['en', english],
        ['fr', french],
      ] as const) {
        render(DirectorySearch, {
          bridge: fakeBridge({ search: () => answer }).bridge,
          tr: translator(locale),
          favorites: [],
        });
        await fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'bob' } });
        await vi.advanceTimersByTimeAsync(300);
        expect(screen.getByTestId('search-error').textContent).toBe(words);
        expect(screen.getByTestId('search-error-details').textContent).toContain(answer.ok ? '' : answer.error);
        cleanup();
      }
    }
  });

  it('searches at once on Enter, and says a lost notifier in words', async () => {
    const { bridge, calls } = fakeBridge({
      search: () =>
        Promise.reject(Object.assign(new Error('connection to the notifier lost'), { reason: 'notifier-lost' })),
    });
    render(DirectorySearch, { bridge, tr, favorites: [] });
    await type('bob');
    await fireEvent.submit(box().closest('form')!);
    await vi.waitFor(() =>
      expect(screen.getByTestId('search-error').textContent).toBe('The search failed: The notifier cannot be reached.'),
    );
    expect(searches(calls)).toEqual([{ term: 'bob' }]);
  });
});
