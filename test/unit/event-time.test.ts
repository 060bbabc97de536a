/**
 * The notifier reads each event's time once, with the server's clock, and
 * passes it on: the missed call's `at`, the toast's `event_at`, and so the
 * staleness of its system notification. Servers and clients in different
 * zones, with explicit offsets; the client's own zone is changed too, and must
 * change nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ServerClock } from '../../electron/core/events/server-clock.js';
import { NotificationPolicy } from '../../electron/core/notify/notification-policy.js';
import { missedCallPublication, SimCall, type Party } from '../../electron/sim/call-events.js';
import { publication } from '../../electron/sim/envelope.js';
import type { Toast } from '../../electron/shared/toast.js';
import { handFed } from '../support/hand-fed.js';

const ME = '2e752722-0864-4665-887d-a78a024cf7c7';
const BOB: Party = { name: 'Bob Tremblay', number: '+15145550123' };
const T = Date.UTC(2026, 10, 27, 14, 55, 0);
const S = 1000;
const MIN = 60 * S;

const initialTz = process.env.TZ;
afterEach(() => {
  if (initialTz === undefined) delete process.env.TZ;
  else process.env.TZ = initialTz;
});

/** Whether the desktop would show this toast as a system notification when it arrives. */
function shown(toast: Toast): boolean | string {
  const now = Date.parse(toast.at);
  const d = new NotificationPolicy(undefined, () => now).decide(toast, {
    services: { dnd: null, incallfilter: null },
  } as never);
  return d.show || d.why;
}

/** Server zones (minutes from UTC) against client zones. */
const PAIRS: [number, string][] = [
  [0, 'Europe/Paris'],
  [0, 'America/Montreal'],
  [0, 'Pacific/Auckland'],
  [60, 'UTC'],
  [-300, 'Pacific/Auckland'],
  [345, 'America/Montreal'],
];

describe.each(PAIRS)('a server at UTC%s min, a client in %s', (zone, tz) => {
  it('a live call rings and its miss notifies, listed at the moment it happened', () => {
    process.env.TZ = tz;
    const o = { userUuid: ME, utcOffsetMinutes: zone };
    const c = new SimCall(o, { peer: BOB });
    const fed = handFed(ME, { now: T });
    fed.deliverAt(T + 15, c.created(new Date(T)));
    fed.deliverAt(T + 115, c.ringing(new Date(T + 100)));
    fed.deliverAt(T + 20 * S + 15, c.ended(19, new Date(T + 20 * S)));
    fed.deliverAt(T + 20 * S + 230, c.missed('no-answer', new Date(T + 20 * S + 200)));
    const ring = fed.toasts.find((t) => t.kind === 'incoming_call')!;
    expect(ring.event_at).toBe(new Date(T + 115).toISOString());
    expect(shown(ring)).toBe(true);
    const miss = fed.toasts.find((t) => t.kind === 'missed_call')!;
    expect(miss.event_at).toBe(new Date(T + 20 * S + 15).toISOString());
    expect(shown(miss)).toBe(true);
    expect(fed.notifier.snapshot.missed_calls).toEqual([
      expect.objectContaining({ at: new Date(T + 20 * S).toISOString(), source: 'bus' }),
    ]);
    expect(fed.notifier.clock.offset).toEqual({ minutes: zone, source: 'call' });
  });

  it('a miss with no call, live: listed at its receipt, and notified', () => {
    process.env.TZ = tz;
    const fed = handFed(ME, { now: T });
    fed.deliverAt(
      T + 40,
      missedCallPublication({ userUuid: ME, utcOffsetMinutes: zone, at: new Date(T) }, { peer: BOB }),
    );
    expect(fed.notifier.snapshot.missed_calls[0]!.at).toBe(new Date(T + 40).toISOString());
    expect(shown(fed.toasts[0]!)).toBe(true);
  });

  it('a backlog drained minutes later keeps its times and notifies nothing', () => {
    process.env.TZ = tz;
    const o = { userUuid: ME, utcOffsetMinutes: zone };
    const c = new SimCall(o, { peer: BOB });
    const fed = handFed(ME, { now: T });
    const later = 4 * MIN;
    fed.deliverAt(T + later, c.created(new Date(T)), c.ringing(new Date(T + 100)));
    fed.deliverAt(T + later + 5, c.missed('no-answer', new Date(T + 20 * S)), c.ended(19, new Date(T + 20 * S + 50)));
    const miss = fed.notifier.snapshot.missed_calls;
    expect(miss).toEqual([expect.objectContaining({ at: new Date(T + 20 * S).toISOString(), source: 'bus' })]);
    const ring = fed.toasts.find((t) => t.kind === 'incoming_call')!;
    expect(ring.event_at).toBe(new Date(T + 100).toISOString());
    expect(fed.toasts.map(shown)).toEqual(['stale', 'stale']);
  });

  it('with the login token’s offset, a lone miss nine minutes old (past what an estimate can tell) reads exactly', () => {
    process.env.TZ = tz;
    const clock = new ServerClock();
    clock.learn(zone, 'token');
    const fed = handFed(ME, { now: T, clock });
    const old = missedCallPublication(
      { userUuid: ME, utcOffsetMinutes: zone, at: new Date(T - 9 * MIN) },
      { peer: BOB },
    );
    fed.deliverAt(T, old);
    expect(fed.notifier.snapshot.missed_calls[0]!.at).toBe(new Date(T - 9 * MIN).toISOString());
    expect(shown(fed.toasts[0]!)).toBe('stale');
  });
});

describe('without anything to learn the offset from', () => {
  it('a stamp with an offset is used as it is; an event without a stamp is now', () => {
    const fed = handFed(ME, { now: T });
    const dnd = publication('users_services_dnd_updated', { user_uuid: ME, enabled: true }, { userUuid: ME });
    delete dnd.body.timestamp;
    fed.deliverAt(T, dnd);
    expect(fed.toasts[0]).not.toHaveProperty('event_at');
    const zoned = missedCallPublication({ userUuid: ME }, { peer: BOB });
    zoned.body.timestamp = '2026-11-27T15:50:00.000+01:00';
    fed.deliverAt(T, zoned);
    expect(fed.notifier.snapshot.missed_calls[0]!.at).toBe(new Date(T - 5 * MIN).toISOString());
  });
});
