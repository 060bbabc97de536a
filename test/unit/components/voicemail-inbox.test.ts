import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { WazoBridge } from '../../../electron/shared/contract.js';
import type { VoicemailMessageView } from '../../../electron/shared/snapshot.js';
import VoicemailInbox from '../../../renderer/src/components/voicemail-inbox.svelte';
import { translator, type Translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

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

  /** The signed-in inbox of the first `n` messages (unread counted from them). */
  const signedInInbox = (bridge: WazoBridge, n: number, more: { tr?: Translator; undoMs?: number } = {}) => {
    const shown = messages.slice(0, n);
    render(VoicemailInbox, {
      tr,
      ...more,
      bridge,
      canEdit: true,
      voicemail: { unread: shown.filter((m) => m.unread).length, messages: shown },
    });
  };

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

  it('says in words why a message cannot be played, in both languages, the server’s text on demand', async () => {
    const raw = 'play the voicemail: the server answered 500 (Invalid voicemail message format)';
    for (const [locale, words] of [
      ['en', 'Cannot play the message: The server has this message, but not its recording.'],
      ['fr', 'Impossible d’écouter le message : Le serveur a ce message, mais pas son enregistrement.'],
    ] as const) {
      const { bridge } = fakeBridge({ recording: { ok: false, reason: 'recording-missing', error: raw } });
      signedInInbox(bridge, 1, { tr: translator(locale) });
      await fireEvent.click(screen.getByTestId('play'));
      await vi.waitFor(() => expect(screen.getByTestId('voicemail-error').textContent?.trim()).toBe(words));
      expect(screen.getByTestId('voicemail-error-details').textContent).toContain(raw);
      cleanup();
    }
  });

  it('does not count a message waiting to be deleted as unread, and counts it again once undone', async () => {
    const { bridge, calls } = fakeBridge();
    // Two unread (m0, m2) and one read (m1); the undo time outlasts the test.
    signedInInbox(bridge, 3, { undoMs: 60_000 });
    const count = () => screen.getByTestId('voicemail-unread').textContent;
    expect(count()).toBe('2 unread');
    await fireEvent.click(screen.getByRole('button', { name: 'Delete the message from Caller 0 (1000)' }));
    expect(count()).toBe('1 unread');
    // A read message leaving changes no count.
    await fireEvent.click(screen.getByRole('button', { name: 'Delete the message from Caller 1 (1001)' }));
    expect(count()).toBe('1 unread');
    await fireEvent.click(screen.getByRole('button', { name: 'Undo: keep the message from Caller 0 (1000)' }));
    expect(count()).toBe('2 unread');
    expect(calls.filter((c) => c.command === 'deleteVoicemail')).toEqual([]);
  });

  it('marks a message read and deletes one when logged in', async () => {
    const { bridge, calls } = fakeBridge();
    signedInInbox(bridge, 2, { undoMs: 0 });
    expect(screen.getAllByTestId('mark-read')).toHaveLength(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Mark read: the message from Caller 0 (1000)' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete the message from Caller 1 (1001)' }));
    // Sent once the (here empty) undo time is up.
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([
      { command: 'markVoicemailRead', request: { id: 'm0' } },
      { command: 'deleteVoicemail', request: { id: 'm1' } },
    ]);
  });
});
