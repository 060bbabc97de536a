/** The benchmark's traffic: realistic Wazo events, 1 % of them the user's. */
import { randomUUID } from 'node:crypto';
import { publication, voicemailPublication, type Publication } from '../../electron/core/sim/envelope.js';

export interface Encoded {
  routingKey: string;
  headers: Record<string, unknown>;
  content: Buffer;
}

export const encode = (p: Publication): Encoded => ({
  routingKey: p.routingKey,
  headers: p.headers,
  content: Buffer.from(JSON.stringify(p.body)),
});

const others = Array.from({ length: 500 }, () => randomUUID());

/** A call event of another user, with the full wazo-calld call model (about 800 bytes). */
export function foreignEvent(i: number): Publication {
  const user = others[i % others.length]!;
  const id = `1700000000.${i}`;
  const kinds = ['call_created', 'call_updated', 'call_answered', 'call_ended'] as const;
  return publication(
    kinds[i % kinds.length]!,
    {
      call_id: id,
      conversation_id: id,
      user_uuid: user,
      line_id: 3,
      sip_call_id: 'a84b4c76e66710',
      bridges: [],
      caller_id_name: 'Caller Name',
      caller_id_number: '5551234',
      peer_caller_id_name: 'Peer Name',
      peer_caller_id_number: '1001',
      creation_time: '2026-11-25T10:00:00.000+00:00',
      answer_time: null,
      hangup_time: null,
      status: 'Up',
      on_hold: false,
      muted: false,
      parked: false,
      is_video: false,
      is_caller: true,
      record_state: 'inactive',
      talking_to: { '1700000000.9': randomUUID() },
      dialed_extension: '1001',
      direction: 'internal',
    },
    { userUuid: user },
  );
}

/** An event of the user: alternately a voicemail, a DND change and a call update. */
export function userEvent(user: string, i: number): Publication {
  switch (i % 3) {
    case 0:
      return voicemailPublication(
        'created',
        { id: `bench-${i}`, name: 'Alice', number: '1001', duration: 12, timestamp: 1_700_000_000 + i, folder: 'new' },
        { userUuid: user },
      );
    case 1:
      return publication('users_services_dnd_updated', { user_uuid: user, enabled: i % 2 === 0 }, { userUuid: user });
    default:
      return publication(
        'call_updated',
        { call_id: `me.${i % 5}`, user_uuid: user, status: 'Up', caller_id_name: 'Bob', caller_id_number: '1002' },
        { userUuid: user },
      );
  }
}

/** `total` encoded messages, one in a hundred the user's. */
export function mixedStream(user: string, total: number): Encoded[] {
  return Array.from({ length: total }, (_, i) => encode(i % 100 === 0 ? userEvent(user, i) : foreignEvent(i)));
}
