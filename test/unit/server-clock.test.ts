/**
 * The time rule (electron/core/events/server-clock.ts), with plain data from
 * the wire and with properties over any instant, server zone and delay. The
 * client's own zone must never matter: the properties also run under zones
 * other than the publisher's.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_LIVE_WINDOW_MS,
  ServerClock,
  eventInstant,
  isPlausibleOffset,
  offsetFromCall,
  offsetFromToken,
  parseInstant,
  parseWallClock,
} from '../../electron/core/events/server-clock.js';
import { asteriskTime, calldUtcTime, wallClockStamp } from '../../electron/sim/envelope.js';

const MIN = 60_000;
const ZONES = ['UTC', 'Europe/Paris', 'America/Montreal', 'Pacific/Auckland', 'Asia/Kathmandu'];
const initialTz = process.env.TZ;
afterEach(() => {
  if (initialTz === undefined) delete process.env.TZ;
  else process.env.TZ = initialTz;
});

/** Every offset a real zone can have: quarter hours from −12:00 to +14:00. */
const arbOffset = fc.integer({ min: -48, max: 56 }).map((q) => q * 15);
/** Instants from 2001 to 2099, whole milliseconds. */
const arbInstant = fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2099, 11, 31) });
const arbMicros = fc.integer({ min: 0, max: 999 });

describe('reading times as Wazo writes them', () => {
  it('reads the instants of the wire, whatever way their offset is written', () => {
    const at = Date.UTC(2026, 10, 27, 14, 55, 18, 807);
    expect(parseInstant('2026-11-27T14:55:18.807+0000')).toBe(at);
    expect(parseInstant('2026-11-27T14:55:18.807+00:00')).toBe(at);
    expect(parseInstant('2026-11-27T14:55:18.807123+00:00')).toBe(at);
    expect(parseInstant('2026-11-27T14:55:18.807Z')).toBe(at);
    expect(parseInstant('2026-11-27T15:55:18.807+0100')).toBe(at);
    expect(parseInstant('2026-11-27T09:55:18.807-05:00')).toBe(at);
    expect(parseInstant('2026-11-27T20:40:18.807+05:45')).toBe(at);
    expect(parseInstant('2016-02-10T11:57:02.592-0500')).toBe(Date.UTC(2016, 1, 10, 16, 57, 2, 592));
  });

  it('never takes a zone-less stamp for an instant, and reads it as written', () => {
    expect(parseInstant('2026-11-27T14:55:18.758052')).toBeNull();
    expect(parseWallClock('2026-11-27T14:55:18.758052')).toBe(Date.UTC(2026, 10, 27, 14, 55, 18, 758));
    expect(parseWallClock('2026-11-27T14:55:18')).toBe(Date.UTC(2026, 10, 27, 14, 55, 18));
    expect(parseWallClock('2026-11-27T14:55:18.807+0000')).toBeNull();
  });

  it('refuses what is not a date and time', () => {
    for (const bad of ['', 'yesterday', '2026-02-30T10:00:00', '2026-11-27', '2026-11-27T25:00:00', '1700000000']) {
      expect(parseInstant(bad)).toBeNull();
      expect(parseWallClock(bad)).toBeNull();
    }
    expect(parseInstant('2026-11-27T14:55:18+2500')).toBeNull();
    expect(parseInstant(null)).toBeNull();
  });

  it('agrees with the engine on every instant written with an offset', () => {
    fc.assert(
      fc.property(arbInstant, arbOffset, (t, offset) => {
        const asterisk = asteriskTime(new Date(t), offset);
        expect(parseInstant(asterisk)).toBe(t);
        expect(parseInstant(calldUtcTime(new Date(t), 123))).toBe(t);
        expect(parseInstant(new Date(t).toISOString())).toBe(t);
      }),
    );
  });
});

describe("learning the server's offset exactly", () => {
  it('from the login token: expires_at is the server wall clock, utc_expires_at is UTC', () => {
    expect(offsetFromToken('2026-11-27T16:55:18.758052', '2026-11-27T15:55:18.758047')).toBe(60);
    expect(offsetFromToken('2026-11-27T10:55:18.758052', '2026-11-27T15:55:18.758047')).toBe(-300);
    expect(offsetFromToken('2026-11-27T15:55:18.758052', '2026-11-27T15:55:18.758047')).toBe(0);
    expect(offsetFromToken('2026-11-27T16:55:18+01:00', null)).toBe(60);
    expect(offsetFromToken('2026-11-27T15:55:18', null)).toBeNull();
    expect(offsetFromToken('2026-11-27T15:20:18', '2026-11-27T15:55:18')).toBeNull(); // no zone is 35 min off
  });

  it('from a call event: its stamp and its own instant of the same moment', () => {
    const ring = {
      name: 'call_created',
      timestamp: '2026-11-27T15:55:18.758052',
      data: { call_id: '1', creation_time: '2026-11-27T14:55:18.807+0000' },
    };
    expect(offsetFromCall(ring)).toBe(60);
    const end = {
      name: 'call_ended',
      timestamp: '2026-11-27T09:56:02.100000',
      data: { call_id: '1', creation_time: '2026-11-27T09:55:18.807-0500', hangup_time: '2026-11-27T14:56:02.1+00:00' },
    };
    expect(offsetFromCall(end)).toBe(-300);
    // call_updated's creation_time is not the moment of the update: nothing learned.
    expect(offsetFromCall({ ...ring, name: 'call_updated' })).toBeNull();
    expect(offsetFromCall({ ...ring, timestamp: '2026-11-27T14:55:18.807Z' })).toBeNull();
    expect(offsetFromCall({ ...ring, data: { call_id: '1', creation_time: null } })).toBeNull();
  });

  it('finds any real zone from a token or a call, whatever the client’s zone', () => {
    fc.assert(
      fc.property(
        arbInstant,
        arbOffset,
        arbMicros,
        fc.integer({ min: 0, max: 900 }),
        fc.constantFrom(...ZONES),
        (t, offset, micros, lag, tz) => {
          process.env.TZ = tz;
          const at = new Date(t);
          expect(offsetFromToken(wallClockStamp(at, offset, micros), wallClockStamp(at, 0, micros))).toBe(offset);
          const created = {
            name: 'call_created',
            timestamp: wallClockStamp(new Date(t + lag), offset, micros),
            data: { call_id: '1', creation_time: asteriskTime(at, offset) },
          };
          expect(offsetFromCall(created)).toBe(offset);
          const ended = {
            name: 'call_ended',
            timestamp: wallClockStamp(new Date(t + lag), offset, micros),
            data: { call_id: '1', hangup_time: calldUtcTime(at, micros) },
          };
          expect(offsetFromCall(ended)).toBe(offset);
        },
      ),
    );
  });
});

describe('the instant of an event', () => {
  const RECEIVED = Date.UTC(2026, 10, 27, 14, 55, 19, 0);

  it('uses an instant with an offset as it is', () => {
    expect(eventInstant('2026-11-27T14:00:00.000Z', RECEIVED, null)).toBe(Date.UTC(2026, 10, 27, 14));
    expect(eventInstant('2026-11-27T15:00:00+0100', RECEIVED, 0)).toBe(Date.UTC(2026, 10, 27, 14));
  });

  it('takes the moment of receipt when the server’s offset is unknown, or the stamp is missing or unreadable', () => {
    expect(eventInstant('2026-11-27T14:55:18.758052', RECEIVED, null)).toBe(RECEIVED);
    expect(eventInstant(undefined, RECEIVED, 60)).toBe(RECEIVED);
    expect(eventInstant('garbage', RECEIVED, 60)).toBe(RECEIVED);
  });

  it('a UTC server, a Paris client: live is now, a backlog keeps its time', () => {
    expect(eventInstant('2026-11-27T14:55:18.758052', RECEIVED, 0)).toBe(RECEIVED);
    expect(eventInstant('2026-11-27T14:40:00.000000', RECEIVED, 0)).toBe(Date.UTC(2026, 10, 27, 14, 40));
    // In the future: the server's clock runs ahead; still live.
    expect(eventInstant('2026-11-27T14:55:30.000000', RECEIVED, 0)).toBe(RECEIVED);
  });

  it('a Montreal server (UTC−05:00): its wall clock is five hours behind UTC', () => {
    expect(eventInstant('2026-11-27T09:55:18.758052', RECEIVED, -300)).toBe(RECEIVED);
    expect(eventInstant('2026-11-27T09:40:00.000000', RECEIVED, -300)).toBe(Date.UTC(2026, 10, 27, 14, 40));
  });

  it('is the receipt within the live window, the server’s instant beyond it, in any zone', () => {
    fc.assert(
      fc.property(
        arbInstant,
        arbOffset,
        arbMicros,
        fc.integer({ min: -120_000, max: 6 * 3_600_000 }),
        fc.constantFrom(...ZONES),
        (t, offset, micros, delay, tz) => {
          process.env.TZ = tz;
          const received = t + delay;
          const stamp = wallClockStamp(new Date(t), offset, micros);
          const at = eventInstant(stamp, received, offset);
          expect(at).toBe(delay <= DEFAULT_LIVE_WINDOW_MS ? received : t);
          // Never in the future of its receipt.
          expect(at).toBeLessThanOrEqual(received);
        },
      ),
    );
  });
});

describe('the server clock, event after event', () => {
  const T = Date.UTC(2026, 10, 27, 14, 55, 0);
  const dnd = (at: number, offset: number) => ({
    name: 'users_services_dnd_updated',
    timestamp: wallClockStamp(new Date(at), offset, 123),
    data: { enabled: true },
  });

  it('knows nothing before any event, and ignores an impossible offset', () => {
    const clock = new ServerClock();
    expect(clock.offset).toBeNull();
    expect(clock.learn(37, 'token')).toBe(false);
    expect(clock.learn(15 * 60, 'token')).toBe(false);
    expect(clock.learn(null, 'token')).toBe(false);
    expect(clock.offset).toBeNull();
  });

  it('learns from the token, and from a call, the latest winning over any estimate', () => {
    const clock = new ServerClock();
    clock.instantOf(dnd(T, 60), T + 20);
    expect(clock.offset).toEqual({ minutes: 60, source: 'estimate' });
    expect(clock.learn(-300, 'token')).toBe(true);
    expect(clock.offset).toEqual({ minutes: -300, source: 'token' });
    const created = {
      name: 'call_created',
      timestamp: wallClockStamp(new Date(T), 330, 1),
      data: { call_id: '1', creation_time: asteriskTime(new Date(T), 330) },
    };
    // A backlog call: its instant is its own, converted with what it taught.
    expect(clock.instantOf(created, T + 60_000)).toBe(T);
    expect(clock.offset).toEqual({ minutes: 330, source: 'call' });
  });

  it('estimates from the freshest recent event: a drained backlog does not mislead it', () => {
    const clock = new ServerClock();
    // Three minutes of backlog, drained at once, then a live event.
    expect(clock.instantOf(dnd(T - 3 * MIN, 0), T)).toBe(T - 3 * MIN);
    expect(clock.instantOf(dnd(T - 2 * MIN, 0), T + 1)).toBe(T - 2 * MIN);
    expect(clock.instantOf(dnd(T + 50, 0), T + 100)).toBe(T + 100);
    expect(clock.offset).toEqual({ minutes: 0, source: 'estimate' });
  });

  it('forgets estimate samples past their window', () => {
    const clock = new ServerClock({ estimateWindowMs: 10 * MIN });
    clock.instantOf(dnd(T, 60), T);
    // Twenty minutes later the server's wall clock has moved an hour back (its zone changed).
    clock.instantOf(dnd(T + 20 * MIN, 0), T + 20 * MIN);
    expect(clock.offset).toEqual({ minutes: 0, source: 'estimate' });
  });

  it('estimates any real zone from events delayed less than seven minutes, and then judges them rightly', () => {
    fc.assert(
      fc.property(
        arbInstant,
        arbOffset,
        fc.array(fc.integer({ min: 0, max: 7 * MIN }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom(...ZONES),
        (t, offset, delays, tz) => {
          process.env.TZ = tz;
          const clock = new ServerClock();
          delays.forEach((delay, i) => {
            const happened = t + i * 1000;
            const received = happened + delay;
            const at = clock.instantOf(dnd(happened, offset), received);
            expect(at).toBe(delay <= DEFAULT_LIVE_WINDOW_MS ? received : happened);
          });
          expect(clock.offset).toEqual({ minutes: offset, source: 'estimate' });
        },
      ),
    );
  });

  it('accepts only real zones', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 2000 }), (m) => {
        expect(isPlausibleOffset(m)).toBe(m % 15 === 0 && m >= -720 && m <= 840);
      }),
    );
  });
});
