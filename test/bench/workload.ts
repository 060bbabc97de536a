/** The benchmark's traffic: realistic Wazo events, 1 % of them the user's. */
import { randomUUID } from 'node:crypto';
import { SimCall } from '../../electron/sim/call-events.js';
import { publication, voicemailPublication, type Publication } from '../../electron/sim/envelope.js';

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

/** A call event of another user, with the full wazo-calld call model (about 800 bytes), at each step of a call in turn. */
export function foreignEvent(i: number): Publication {
  const user = others[i % others.length]!;
  const c = new SimCall(
    { userUuid: user },
    { callId: `1700000000.${i}`, peer: { name: 'Peer Name', number: '5551234' }, peerUserUuid: randomUUID() },
  );
  const created = c.created();
  switch (i % 4) {
    case 0:
      return created;
    case 1:
      return c.ringing();
    case 2:
      return c.answered()[1]!; // call_answered
    default:
      c.answered();
      return c.ended(16);
  }
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
    default: {
      const c = new SimCall({ userUuid: user }, { callId: `me.${i % 5}`, peer: { name: 'Bob', number: '1003' } });
      c.created();
      return c.answered()[0]!; // call_updated, Up
    }
  }
}

/** `total` encoded messages, one in a hundred the user's. */
export function mixedStream(user: string, total: number): Encoded[] {
  return Array.from({ length: total }, (_, i) => encode(i % 100 === 0 ? userEvent(user, i) : foreignEvent(i)));
}
