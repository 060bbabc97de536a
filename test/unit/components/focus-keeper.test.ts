import { render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { VoicemailMessageView } from '../../../electron/shared/snapshot.js';
import FavoritesList from '../../../renderer/src/components/favorites-list.svelte';
import VoicemailInbox from '../../../renderer/src/components/voicemail-inbox.svelte';
import { keepFocus } from '../../../renderer/src/lib/focus-keeper.js';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

const message = (i: number, unread: boolean): VoicemailMessageView => ({
  id: `m${i}`,
  voicemail_id: 1,
  folder: { id: 1, name: 'inbox', type: unread ? 'new' : 'old' },
  caller_id_name: `Caller ${i}`,
  caller_id_num: `100${i}`,
  duration: 10,
  timestamp: 1_700_000_000 - i,
  unread,
});

/** Lets the MutationObserver run. */
const settle = async () => {
  await tick();
  await new Promise((r) => setTimeout(r, 0));
};

describe('the focus keeper', () => {
  it('keeps the focus next to a control that an action removed: same row, then the row that took its place, then the card', async () => {
    const props = {
      tr,
      bridge: fakeBridge().bridge,
      canEdit: true,
      voicemail: { unread: 1, messages: [message(0, true), message(1, false)] },
    };
    const view = render(VoicemailInbox, props);
    const stop = keepFocus(view.container as HTMLElement);

    screen.getByTestId('mark-read').focus();
    await view.rerender({ ...props, voicemail: { unread: 0, messages: [message(0, false), message(1, false)] } });
    await settle();
    const first = () => screen.getAllByTestId('voicemail-message')[0]!;
    expect(document.activeElement).toBe(first().querySelector('[data-testid=delete]'));
    expect(first().dataset['messageId']).toBe('m0');

    await view.rerender({ ...props, voicemail: { unread: 0, messages: [message(1, false)] } });
    await settle();
    expect(document.activeElement).toBe(first().querySelector('[data-testid=delete]'));
    expect(first().dataset['messageId']).toBe('m1');

    await view.rerender({ ...props, voicemail: { unread: 0, messages: [] } });
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('voicemail'));
    stop();
  });

  it('keeps the focus in a card whose last row went, never sending it to another card', async () => {
    const favorite = { source: 'internal', source_entry_id: '42', name: 'Willy Wonka', numbers: ['1604'] };
    const props = { tr, bridge: fakeBridge().bridge, canEdit: true, favorites: [favorite] };
    const view = render(FavoritesList, props);
    const stop = keepFocus(view.container as HTMLElement);
    screen.getByRole('button', { name: 'Remove Willy Wonka (1604) from favorites' }).focus();
    await view.rerender({ ...props, favorites: [] });
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('favorites'));
    stop();
  });
});
