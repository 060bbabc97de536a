import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WazoEvent } from '../../electron/core/events/catalog.js';
import { eventInstant } from '../../electron/core/events/server-clock.js';
import { LIMITS } from '../../electron/core/store/limits.js';
import { reduce } from '../../electron/core/store/reducer.js';
import { initialState, type CoreState } from '../../electron/core/store/state.js';
import { StateStore } from '../../electron/core/store/store.js';
import { call, ev, voicemailEvent } from '../support/events.js';

const ME = '2e752722-0864-4665-887d-a78a024cf7c7';
const NOW = Date.parse('2026-11-25T10:00:00Z');
/** Applies events received at NOW from a server on UTC: each at its instant, as the notifier reads it. */
const run = (events: WazoEvent[], from: CoreState = initialState(ME)) =>
  events.reduce((s, e) => reduce(s, e, eventInstant(e.timestamp, NOW, 0)), from);

describe('calls', () => {
  it('follows a call from ringing to talking to hold to hang-up', () => {
    let s = run([call('call_created', { call_id: 'c1', status: 'Ringing', caller_id_name: 'Alice', user_uuid: ME })]);
    expect(s.snapshot.calls).toMatchObject([
      { call_id: 'c1', status: 'Ringing', on_hold: false, caller_id_name: 'Alice' },
    ]);
    s = run([call('call_answered', { call_id: 'c1', status: 'Up', answer_time: '2026-11-25T10:00:05Z' })], s);
    expect(s.snapshot.calls[0]).toMatchObject({
      status: 'Up',
      caller_id_name: 'Alice',
      answer_time: '2026-11-25T10:00:05Z',
    });
    s = run([call('call_held', { call_id: 'c1' })], s);
    expect(s.snapshot.calls[0]!.on_hold).toBe(true);
    s = run([call('call_resumed', { call_id: 'c1' })], s);
    expect(s.snapshot.calls[0]!.on_hold).toBe(false);
    s = run([call('call_ended', { call_id: 'c1' })], s);
    expect(s.snapshot.calls).toEqual([]);
    expect(s.snapshot.missed_calls).toEqual([]);
  });

  it('marks a call answered even when call_answered carries no status', () => {
    const s = run([
      call('call_created', { call_id: 'c1', status: 'Ringing' }),
      call('call_answered', { call_id: 'c1' }),
    ]);
    expect(s.snapshot.calls[0]!.status).toBe('Up');
  });

  it('keeps a call ended even if a late update arrives', () => {
    const s = run([
      call('call_created', { call_id: 'c1', status: 'Up' }),
      call('call_ended', { call_id: 'c1' }),
      call('call_updated', { call_id: 'c1', status: 'Up' }),
    ]);
    expect(s.snapshot.calls).toEqual([]);
  });

  it('ignores a hold for a call it does not know', () => {
    const s0 = initialState(ME);
    expect(reduce(s0, call('call_held', { call_id: 'nope' }), NOW)).toBe(s0);
  });

  it('keeps at most the live-call cap', () => {
    const events = Array.from({ length: LIMITS.calls + 10 }, (_, i) =>
      call('call_created', { call_id: `c${i}`, status: 'Up' }),
    );
    const s = run(events);
    expect(s.snapshot.calls).toHaveLength(LIMITS.calls);
    expect(s.snapshot.calls.at(-1)!.call_id).toBe(`c${LIMITS.calls + 9}`);
  });
});

describe('missed calls', () => {
  // As calld publishes them: the user's channel shows her as caller and Bob as
  // peer while it rings, and the other way round in call_ended.
  const user = { caller_id_name: 'Me', caller_id_number: '1002' };
  const created = call(
    'call_created',
    {
      call_id: 'c1',
      conversation_id: 'conv1',
      status: 'Down',
      ...user,
      peer_caller_id_name: 'Bob',
      peer_caller_id_number: '555',
      creation_time: '2026-11-25T09:59:10.000+0000',
    },
    '2026-11-25T09:59:10.010000',
  );
  const ringing = call(
    'call_updated',
    {
      call_id: 'c1',
      conversation_id: 'conv1',
      status: 'Ringing',
      ...user,
      peer_caller_id_name: 'Bob',
      peer_caller_id_number: '555',
    },
    '2026-11-25T09:59:10.200000',
  );
  const ended = call(
    'call_ended',
    {
      call_id: 'c1',
      conversation_id: 'conv1',
      status: 'Ringing',
      caller_id_name: 'Bob',
      caller_id_number: '555',
      peer_caller_id_name: 'Me',
      peer_caller_id_number: '1002',
      hangup_time: '2026-11-25T09:59:30.000000+00:00',
      reason_code: 19,
    },
    '2026-11-25T09:59:30.001000',
  );
  const busMiss = ev({
    name: 'user_missed_call',
    timestamp: '2026-11-25T09:59:31.000000',
    data: { caller_id_name: 'Bob', caller_id_number: '555', conversation_id: 'conv1', reason: 'no-answer' },
  });

  it('infers a miss from a call that rang and ended unanswered, named after the caller, at its hangup time', () => {
    const s = run([created, ringing, ended]);
    expect(s.snapshot.missed_calls).toMatchObject([
      {
        call_id: 'c1',
        caller_id_name: 'Bob',
        caller_id_number: '555',
        source: 'inferred',
        at: '2026-11-25T09:59:30.000Z',
      },
    ]);
  });

  it('counts the miss once whichever report comes first, keeping Wazo’s reason', () => {
    for (const order of [
      [created, ringing, ended, busMiss],
      [created, ringing, busMiss, ended],
      [busMiss, created, ringing, ended],
    ]) {
      const s = run(order);
      expect(s.snapshot.missed_calls).toHaveLength(1);
      expect(s.snapshot.missed_calls[0]).toMatchObject({ reason: 'no-answer', source: 'bus', caller_id_number: '555' });
    }
  });

  it('matches a miss without conversation id by number and time', () => {
    // An older server: no conversation id, no peer fields (its caller_id is the other party).
    const oldBusMiss = (timestamp: string) =>
      ev({ name: 'user_missed_call', timestamp, data: { caller_id_number: '555', reason: 'busy' } });
    const older = [
      call('call_created', { call_id: 'c9', status: 'Ringing', caller_id_number: '555' }),
      call('call_ended', { call_id: 'c9', hangup_time: '2026-11-25T09:59:30.000000+00:00' }),
    ];
    const s = run([...older, oldBusMiss('2026-11-25T09:59:40.000000')]);
    expect(s.snapshot.missed_calls).toHaveLength(1);
    expect(s.snapshot.missed_calls[0]!.reason).toBe('busy');
    // Two minutes apart: another miss.
    expect(run([...older, oldBusMiss('2026-11-25T09:57:20.000000')]).snapshot.missed_calls).toHaveLength(2);
  });

  it('does not list an answered or outgoing call as missed', () => {
    expect(run([ringing, call('call_answered', { call_id: 'c1', status: 'Up' }), ended]).snapshot.missed_calls).toEqual(
      [],
    );
    expect(
      run([call('call_created', { call_id: 'c2', status: 'Ring' }), call('call_ended', { call_id: 'c2' })]).snapshot
        .missed_calls,
    ).toEqual([]);
  });

  it('keeps the newest misses up to the cap', () => {
    const misses = Array.from({ length: LIMITS.missedCalls + 5 }, (_, i) =>
      ev({ name: 'user_missed_call', data: { conversation_id: `m${i}`, caller_id_number: String(i) } }),
    );
    const s = run(misses);
    expect(s.snapshot.missed_calls).toHaveLength(LIMITS.missedCalls);
    expect(s.snapshot.missed_calls[0]!.conversation_id).toBe(`m${LIMITS.missedCalls + 4}`);
  });
});

describe('voicemail', () => {
  it('counts unread (new or urgent), reads on a move, removes on delete', () => {
    let s = run([
      voicemailEvent('created', 'v1', 'new', 100),
      voicemailEvent('created', 'v2', 'urgent', 200),
      voicemailEvent('created', 'v3', 'old', 300),
    ]);
    expect(s.snapshot.voicemail.unread).toBe(2);
    expect(s.snapshot.voicemail.messages.map((m) => m.id)).toEqual(['v3', 'v2', 'v1']);
    s = run([voicemailEvent('updated', 'v1', 'old', 100)], s);
    expect(s.snapshot.voicemail.unread).toBe(1);
    expect(s.snapshot.voicemail.messages.find((m) => m.id === 'v1')).toMatchObject({
      unread: false,
      folder: { type: 'old' },
    });
    s = run([voicemailEvent('deleted', 'v2', 'urgent', 200)], s);
    expect(s.snapshot.voicemail.unread).toBe(0);
    expect(s.snapshot.voicemail.messages.map((m) => m.id)).toEqual(['v3', 'v1']);
  });

  it('takes the spec page’s voicemail example as one unread message', () => {
    const s = run([
      ev({
        name: 'user_voicemail_message_created',
        data: {
          voicemail_id: 1,
          message_id: 'x',
          message: {
            id: 'x',
            timestamp: 1479226725,
            caller_id_num: '1001',
            caller_id_name: 'Alice',
            duration: 0,
            folder: { type: 'new', id: 1, name: 'inbox' },
          },
        },
      }),
    ]);
    expect(s.snapshot.voicemail).toEqual({
      unread: 1,
      messages: [
        {
          id: 'x',
          voicemail_id: 1,
          folder: { id: 1, name: 'inbox', type: 'new' },
          caller_id_name: 'Alice',
          caller_id_num: '1001',
          duration: 0,
          timestamp: 1479226725,
          unread: true,
        },
      ],
    });
  });
});

describe('forwards, services, favorites', () => {
  it('is null until announced, then follows the latest', () => {
    const s0 = initialState(ME);
    expect(s0.snapshot.forwards).toEqual({ busy: null, noanswer: null, unconditional: null });
    expect(s0.snapshot.services).toEqual({ dnd: null, incallfilter: null });
    const s = run([
      ev({ name: 'users_forwards_busy_updated', data: { enabled: true, destination: '1234' } }),
      ev({ name: 'users_services_dnd_updated', data: { enabled: true } }),
      ev({ name: 'users_forwards_busy_updated', data: { enabled: false } }),
    ]);
    expect(s.snapshot.forwards.busy).toEqual({ enabled: false, destination: null });
    expect(s.snapshot.forwards.noanswer).toBeNull();
    expect(s.snapshot.services).toEqual({ dnd: { enabled: true }, incallfilter: null });
  });

  it('puts each forward and service event in its own place, and nowhere else', () => {
    const cases = [
      ['users_forwards_busy_updated', 'forwards', 'busy'],
      ['users_forwards_noanswer_updated', 'forwards', 'noanswer'],
      ['users_forwards_unconditional_updated', 'forwards', 'unconditional'],
      ['users_services_dnd_updated', 'services', 'dnd'],
      ['users_services_incallfilter_updated', 'services', 'incallfilter'],
    ] as const;
    for (const [name, slice, key] of cases) {
      const s = run([ev({ name, data: { enabled: true, destination: '1002' } })]);
      const set = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== null);
      expect({ forwards: set(s.snapshot.forwards), services: set(s.snapshot.services) }).toEqual({
        forwards: slice === 'forwards' ? [key] : [],
        services: slice === 'services' ? [key] : [],
      });
    }
  });

  it('adds and removes favorites, numbers and strings alike', () => {
    const fav = (name: string, id: string | number) => ev({ name, data: { source: 'internal', source_entry_id: id } });
    const s = run([fav('favorite_added', 42), fav('favorite_added', 'p1'), fav('favorite_deleted', '42')]);
    expect(s.snapshot.favorites).toEqual([{ source: 'internal', source_entry_id: 'p1' }]);
  });
});

// A small world of ids, so that random sequences hit the same calls and messages often.
const callId = fc.constantFrom('c1', 'c2', 'c3');
const arbEvent: fc.Arbitrary<WazoEvent> = fc.oneof(
  fc
    .record({
      id: callId,
      status: fc.constantFrom('Ringing', 'Ring', 'Up', 'Down'),
      n: fc.constantFrom('call_created', 'call_updated', 'call_answered'),
    })
    .map(({ id, status, n }) =>
      call(n, { call_id: id, conversation_id: `conv-${id}`, status, caller_id_number: '1001' }),
    ),
  callId.map((id) => call('call_ended', { call_id: id, conversation_id: `conv-${id}` })),
  fc
    .record({ id: callId, held: fc.boolean() })
    .map(({ id, held }) => call(held ? 'call_held' : 'call_resumed', { call_id: id })),
  fc.record({ id: callId, t: fc.integer({ min: 0, max: 5 }) }).map(({ id, t }) =>
    ev({
      name: 'user_missed_call',
      timestamp: `2026-11-25T09:00:0${t}.000000`,
      data: { conversation_id: `conv-${id}`, caller_id_number: '1001' },
    }),
  ),
  fc
    .record({
      a: fc.constantFrom('created', 'updated', 'deleted' as const),
      id: fc.constantFrom('v1', 'v2', 'v3'),
      f: fc.constantFrom('new', 'old', 'urgent'),
      ts: fc.integer({ min: 1, max: 9 }),
    })
    .map(({ a, id, f, ts }) => voicemailEvent(a, id, f, ts)),
  fc
    .record({
      f: fc.constantFrom('busy', 'noanswer', 'unconditional'),
      on: fc.boolean(),
      d: fc.option(fc.constantFrom('1', '2')),
    })
    .map(({ f, on, d }) => ev({ name: `users_forwards_${f}_updated`, data: { enabled: on, destination: d } })),
  fc
    .record({ s: fc.constantFrom('dnd', 'incallfilter'), on: fc.boolean() })
    .map(({ s, on }) => ev({ name: `users_services_${s}_updated`, data: { enabled: on } })),
  fc
    .record({ add: fc.boolean(), id: fc.constantFrom(1, 2) })
    .map(({ add, id }) =>
      ev({ name: add ? 'favorite_added' : 'favorite_deleted', data: { source: 's', source_entry_id: id } }),
    ),
);

describe('reducer properties', () => {
  it('applying any event a second time changes nothing', () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 40 }), arbEvent, (history, e) => {
        const once = reduce(run(history), e, NOW);
        expect(reduce(once, e, NOW)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('a stream where every event is delivered twice ends where the plain stream ends', () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 40 }), (events) => {
        expect(run(events.flatMap((e) => [e, e])).snapshot).toEqual(run(events).snapshot);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps its invariants whatever the order', () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 60 }), (events) => {
        const { snapshot } = run(events);
        const vm = snapshot.voicemail.messages;
        expect(snapshot.voicemail.unread).toBe(
          vm.filter((m) => m.folder.type === 'new' || m.folder.type === 'urgent').length,
        );
        for (let i = 1; i < vm.length; i++) expect(vm[i - 1]!.timestamp! >= vm[i]!.timestamp!).toBe(true);
        expect(new Set(vm.map((m) => m.id)).size).toBe(vm.length);
        expect(new Set(snapshot.calls.map((c) => c.call_id)).size).toBe(snapshot.calls.length);
        const convs = snapshot.missed_calls.map((m) => m.conversation_id);
        expect(new Set(convs).size).toBe(convs.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('store', () => {
  it('bumps seq on each change only, and ignores a redelivered message', () => {
    const store = new StateStore(ME, () => NOW);
    const seen: number[] = [];
    store.on('change', (s) => seen.push(s.seq));
    const dnd = ev({ name: 'users_services_dnd_updated', data: { enabled: true } });
    expect(store.apply(dnd, 'fp1')).toBe(true);
    expect(store.apply(dnd, 'fp1')).toBe(false);
    expect(store.apply(dnd, 'fp2')).toBe(false);
    expect(store.setConnection({ status: 'connected' })).toBe(true);
    expect(store.setConnection({ status: 'connected' })).toBe(false);
    expect(seen).toEqual([1, 2]);
    expect(store.snapshot.seq).toBe(2);
  });

  it('keeps a bounded memory of fingerprints', () => {
    const store = new StateStore(ME, () => NOW);
    const dnd = (on: boolean) => ev({ name: 'users_services_dnd_updated', data: { enabled: on } });
    for (let i = 0; i < LIMITS.fingerprints + 10; i++) store.apply(dnd(i % 2 === 0), `fp${i}`);
    expect(store.firstSight('fp0')).toBe(true); // forgotten: the oldest went first
    expect(store.firstSight(`fp${LIMITS.fingerprints + 9}`)).toBe(false);
  });
});
