/**
 * A contact's buttons, wherever it is listed (a favorite, a search result):
 * call its number, add it to the favorites or remove it; each named after the
 * contact, each sending one command, the list's runners saying how it went.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ContactActions from '../../../renderer/src/components/contact-actions.svelte';
import { CallActionRunner } from '../../../renderer/src/lib/call-action-runner.svelte.js';
import { CommandRunner } from '../../../renderer/src/lib/command-runner.svelte.js';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

const bobby = { source: 'personal', sourceEntryId: 'p-1', name: 'Bobby <b>Tables</b>', numbers: ['+15145550199'] };
const who = 'Bobby <b>Tables</b> (+15145550199)';

function renderActions(opts: { favorite: boolean; number?: string | null; bridge?: ReturnType<typeof fakeBridge> }) {
  const fake = opts.bridge ?? fakeBridge();
  const calling = new CallActionRunner(() => tr);
  const commands = new CommandRunner(() => tr);
  render(ContactActions, {
    contact: bobby,
    number: opts.number === undefined ? '+15145550199' : opts.number,
    who,
    favorite: opts.favorite,
    bridge: fake.bridge,
    tr,
    calling,
    commands,
  });
  return { ...fake, calling, commands };
}

describe('contact actions', () => {
  it('calls the contact’s number, then says the user’s own phone rings first', async () => {
    const { calls, calling } = renderActions({ favorite: false });
    const call = screen.getByRole('button', { name: `Call ${who}` });
    expect(call.textContent).toBe('Call');
    await fireEvent.click(call);
    expect(calls).toEqual([{ command: 'callBack', request: { extension: '+15145550199' } }]);
    await vi.waitFor(() =>
      expect(calling.notice).toBe(`Your phone rings first, then ${who} is called when you pick up.`),
    );
  });

  it('offers no call for a contact without a number one can dial', () => {
    renderActions({ favorite: false, number: null });
    expect(screen.queryByRole('button', { name: /^Call / })).toBeNull();
    cleanup();
    renderActions({ favorite: false, number: '<withheld>' });
    expect(screen.queryByRole('button', { name: /^Call / })).toBeNull();
    // Still one can add it to the favorites.
    expect(screen.getByRole('button', { name: `Add to favorites: ${who}` })).toBeTruthy();
  });

  it('adds a contact with what the window knows of it, and removes a favorite by its key only', async () => {
    const { calls } = renderActions({ favorite: false });
    expect(screen.queryByRole('button', { name: /from favorites$/ })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: `Add to favorites: ${who}` }));
    expect(calls).toEqual([{ command: 'addFavorite', request: bobby }]);
    cleanup();
    const removing = renderActions({ favorite: true });
    expect(screen.queryByRole('button', { name: /^Add to favorites/ })).toBeNull();
    const remove = screen.getByRole('button', { name: `Remove ${who} from favorites` });
    expect(remove.textContent).toBe('Remove');
    await fireEvent.click(remove);
    expect(removing.calls).toEqual([
      { command: 'removeFavorite', request: { source: 'personal', sourceEntryId: 'p-1' } },
    ]);
  });

  it('waits for an answer before sending the same command again, and says a refusal in words', async () => {
    let answer!: (r: { ok: false; reason: 'forbidden'; error: string }) => void;
    const fake = fakeBridge();
    fake.bridge.removeFavorite = (r) => {
      fake.calls.push({ command: 'removeFavorite', request: r });
      return new Promise((resolve) => (answer = resolve));
    };
    const { calls, commands } = renderActions({ favorite: true, bridge: fake });
    const remove = screen.getByRole('button', { name: `Remove ${who} from favorites` });
    await fireEvent.click(remove);
    await vi.waitFor(() => expect(remove.getAttribute('aria-disabled')).toBe('true'));
    await fireEvent.click(remove);
    expect(calls.filter((c) => c.command === 'removeFavorite')).toHaveLength(1);
    answer({ ok: false, reason: 'forbidden', error: 'remove the favorite: the server answered 403' });
    await vi.waitFor(() => expect(commands.error).toBe('Not changed: Your Wazo user is not allowed to do this.'));
    expect(commands.detail).toBe('remove the favorite: the server answered 403');
    expect(remove.getAttribute('aria-disabled')).toBe('false');
  });
});
