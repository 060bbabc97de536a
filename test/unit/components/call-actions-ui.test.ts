/** The window's call actions: the buttons each call state offers, their labels, the notice and each refusal in words. */
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { CallView, MissedCallView } from '../../../electron/shared/snapshot.js';
import ActiveCalls from '../../../renderer/src/components/active-calls.svelte';
import MissedCalls from '../../../renderer/src/components/missed-calls.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const call = (call_id: string, status: string, name: string): CallView => ({
  call_id,
  conversation_id: call_id,
  status,
  on_hold: false,
  muted: false,
  direction: 'inbound',
  is_caller: false,
  caller_id_name: null,
  caller_id_number: null,
  peer_caller_id_name: name,
  peer_caller_id_number: null,
  dialed_extension: null,
  creation_time: null,
  answer_time: null,
  talking_to: {},
});

const missed = (name: string, number: string | null): MissedCallView => ({
  conversation_id: `c-${name}`,
  caller_id_name: name,
  caller_id_number: number,
  at: '2026-11-27T10:00:00Z',
  source: 'bus',
});

describe('call buttons', () => {
  const calls = [call('r.1', 'Ringing', 'Bob Tremblay'), call('u.1', 'Up', 'Carol'), call('d.1', 'Down', 'Dan')];

  it('offers Answer and Decline while ringing, Hang up while talking, nothing while setting up', async () => {
    const { bridge, calls: sent } = fakeBridge();
    render(ActiveCalls, { tr: translator('en'), calls, bridge, canAct: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Answer the call from Bob Tremblay' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Decline the call from Bob Tremblay' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Hang up the call with Carol' }));
    expect(screen.queryByRole('button', { name: /Dan/ })).toBeNull();
    expect(sent).toEqual([
      { command: 'answerCall', request: { callId: 'r.1' } },
      { command: 'hangUpCall', request: { callId: 'r.1' } },
      { command: 'hangUpCall', request: { callId: 'u.1' } },
    ]);
  });

  it('shows no button when nobody is signed in', () => {
    render(ActiveCalls, { tr: translator('en'), calls, bridge: fakeBridge().bridge, canAct: false });
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('says in words that the phone cannot be answered from here, in French too', async () => {
    const { bridge } = fakeBridge({
      call: { ok: false, reason: 'phone-unsupported', error: 'answer the call: the server answered 503' },
    });
    render(ActiveCalls, { tr: translator('fr'), calls, bridge, canAct: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Répondre à l’appel de Bob Tremblay' }));
    expect(await screen.findByText(/Votre téléphone ne permet pas de répondre d’ici/)).toBeTruthy();
  });
});

describe('call back', () => {
  it('calls a missed caller back and says the user’s phone rings first', async () => {
    const { bridge, calls: sent } = fakeBridge();
    render(MissedCalls, {
      tr: translator('en'),
      missed: [missed('Bob', '1002'), missed('Withheld', null)],
      bridge,
      canCall: true,
    });
    expect(screen.getAllByTestId('call-back')).toHaveLength(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Call back Bob (1002)' }));
    expect(sent).toEqual([{ command: 'callBack', request: { extension: '1002' } }]);
    expect((await screen.findByTestId('missed-notice')).textContent).toBe(
      'Your phone rings first, then Bob (1002) is called when you pick up.',
    );
  });

  it('says why a call back was refused, keeping the server’s words for the unforeseen', async () => {
    const { bridge } = fakeBridge({ call: { ok: false, reason: 'no-line', error: 'call back: 400' } });
    render(MissedCalls, { tr: translator('en'), missed: [missed('Bob', '1002')], bridge, canCall: true });
    await fireEvent.click(screen.getByTestId('call-back'));
    expect((await screen.findByTestId('missed-error')).textContent).toBe(
      'Your Wazo user has no phone line to call from: ask your administrator for one.',
    );
  });

  it('words an unforeseen refusal by its code, in French too, the server’s text on demand only', async () => {
    const raw = 'call back: the server answered 400 (User has no mobile phone number)';
    for (const [locale, words] of [
      ['en', 'Not done: The server refused this request.'],
      ['fr', 'Non effectué : Le serveur a refusé cette demande.'],
    ] as const) {
      const { bridge } = fakeBridge({ call: { ok: false, reason: 'refused', error: raw } });
      render(MissedCalls, { tr: translator(locale), missed: [missed('Bob', '1002')], bridge, canCall: true });
      await fireEvent.click(screen.getByTestId('call-back'));
      expect((await screen.findByTestId('missed-error')).textContent).toBe(words);
      const details = screen.getByTestId('missed-error-details');
      expect(details.tagName).toBe('DETAILS');
      expect(details.textContent).toContain(raw);
      cleanup();
    }
    // An expired session, on a call's own buttons.
    const { bridge } = fakeBridge({ call: { ok: false, reason: 'session', error: 'hang up: 401' } });
    render(ActiveCalls, { tr: translator('en'), calls: [call('u.1', 'Up', 'Carol')], bridge, canAct: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Hang up the call with Carol' }));
    expect((await screen.findByTestId('calls-error')).textContent).toBe(
      'Not done: Your session has ended: sign in again.',
    );
    expect(screen.getByTestId('calls-error-details').textContent).toContain('hang up: 401');
  });
});
