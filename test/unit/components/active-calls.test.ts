/** Active calls: each Asterisk channel state in words, `Down` (a call being set up) included. */
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../../electron/shared/snapshot.js';
import ActiveCalls from '../../../renderer/src/components/active-calls.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';

const call = (call_id: string, status: string | null): CallView => ({
  call_id,
  conversation_id: call_id,
  status,
  on_hold: false,
  muted: false,
  direction: 'outbound',
  is_caller: true,
  caller_id_name: null,
  caller_id_number: null,
  peer_caller_id_name: `Peer ${call_id}`,
  peer_caller_id_number: null,
  dialed_extension: null,
  creation_time: null,
  answer_time: null,
  talking_to: {},
});

const phases = () => screen.getAllByTestId('call').map((li) => li.querySelector('.phase')!.textContent);

describe('active calls', () => {
  const calls = [
    call('a', 'Down'),
    call('b', 'Ring'),
    call('c', 'Ringing'),
    call('d', 'Up'),
    call('e', 'Busy'),
    call('f', null),
  ];

  it('says a call being set up is setting up, beside ringing, calling and talking', () => {
    render(ActiveCalls, { tr: translator('en'), calls });
    expect(phases()).toEqual(['Setting up…', 'Calling', 'Ringing', 'Talking', 'Call', 'Call']);
  });

  it('says the same in French', () => {
    render(ActiveCalls, { tr: translator('fr'), calls });
    expect(phases()).toEqual(['Mise en relation…', 'Appel sortant', 'Sonne', 'En communication', 'Appel', 'Appel']);
  });
});
