/**
 * The merge of a REST read with the events that arrive while it is in flight
 * (the rule in store/resync.ts), race by race, and the optimistic changes and
 * rollbacks of commands going through the same path.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nameFavorites,
  putVoicemail,
  removeVoicemail,
  restoreVoicemail,
  setToggle,
} from '../../electron/core/store/local-changes.js';
import { StateStore } from '../../electron/core/store/store.js';
import { inboxFromFolders } from '../../electron/core/store/voicemail.js';
import { call, ev, voicemailEvent } from '../support/events.js';

const USER = '2e752722-0864-4665-887d-a78a024cf7c7';
const dnd = (enabled: boolean) => ev({ name: 'users_services_dnd_updated', data: { user_uuid: USER, enabled } });
const restServices = (dnd: boolean) => ({ dnd: { enabled: dnd }, incallfilter: { enabled: false } });
const message = (id: string, timestamp: number) => ({
  id,
  caller_id_name: 'Bob',
  caller_id_num: '1002',
  duration: 3,
  timestamp,
});

describe('resync merge', () => {
  it('replaces the slices the server answered, in one change', () => {
    const store = new StateStore(USER);
    const seqs: number[] = [];
    store.on('change', (s) => seqs.push(s.seq));
    store.beginResync();
    expect(
      store.completeResync({
        services: restServices(true),
        forwards: {
          busy: { enabled: false, destination: null },
          noanswer: { enabled: true, destination: '1002' },
          unconditional: { enabled: false, destination: null },
        },
        favorites: [{ source: 'internal', source_entry_id: '7' }],
      }),
    ).toBe(true);
    expect(seqs).toHaveLength(1);
    const s = store.snapshot;
    expect(s.services.dnd).toEqual({ enabled: true });
    expect(s.forwards.noanswer).toEqual({ enabled: true, destination: '1002' });
    expect(s.favorites).toEqual([{ source: 'internal', source_entry_id: '7' }]);
  });

  it('an event that arrives during the read wins over an older answer', () => {
    const store = new StateStore(USER);
    store.beginResync();
    store.apply(dnd(true)); // the user turned DND on after the server's answer was read
    store.completeResync({ services: restServices(false) });
    expect(store.snapshot.services.dnd).toEqual({ enabled: true });
  });

  it('an old event followed by a newer one ends on the newer value, whatever the answer', () => {
    for (const answer of [true, false]) {
      const store = new StateStore(USER);
      store.beginResync();
      store.apply(dnd(false));
      store.apply(dnd(true));
      store.completeResync({ services: restServices(answer) });
      expect(store.snapshot.services.dnd).toEqual({ enabled: true });
    }
  });

  it('keeps what the bus said for a slice the server did not answer', () => {
    const store = new StateStore(USER);
    store.apply(dnd(true));
    store.beginResync();
    store.completeResync({ forwards: { busy: null, noanswer: null, unconditional: null } });
    expect(store.snapshot.services.dnd).toEqual({ enabled: true });
  });

  it('a call that ended during the read never comes back from the answer', () => {
    const store = new StateStore(USER);
    store.apply(call('call_created', { call_id: 'c1', user_uuid: USER, status: 'Ringing' }));
    store.beginResync();
    store.apply(call('call_ended', { call_id: 'c1', user_uuid: USER }));
    store.completeResync({
      calls: [
        { call_id: 'c1', user_uuid: USER, status: 'Ringing' },
        { call_id: 'c2', status: 'Up' },
      ],
    });
    expect(store.snapshot.calls.map((c) => c.call_id)).toEqual(['c2']);
    // It rang and ended unanswered: listed once as missed, not twice by the replay.
    expect(store.snapshot.missed_calls).toHaveLength(1);
  });

  it('drops calls the server no longer has, and keeps what it knew of the others', () => {
    const store = new StateStore(USER);
    store.apply(call('call_created', { call_id: 'gone', user_uuid: USER, status: 'Up' }));
    store.apply(call('call_created', { call_id: 'c1', user_uuid: USER, status: 'Ringing', caller_id_name: 'Bob' }));
    store.beginResync();
    store.completeResync({ calls: [{ call_id: 'c1', status: 'Ringing', on_hold: false }] });
    expect(store.snapshot.calls.map((c) => c.call_id)).toEqual(['c1']);
    expect(store.snapshot.calls[0]!.caller_id_name).toBeNull();
    // It rang here before the read: ending unanswered is still a miss.
    store.apply(call('call_ended', { call_id: 'c1', user_uuid: USER }));
    expect(store.snapshot.missed_calls).toHaveLength(1);
  });

  it('the inbox: deleted during the read is gone, created during the read is there', () => {
    const store = new StateStore(USER);
    store.beginResync();
    store.apply(voicemailEvent('deleted', 'm1', 'new'));
    store.apply(voicemailEvent('created', 'm3', 'new', 1_700_000_300));
    const inbox = inboxFromFolders(1, [
      { id: 1, name: 'inbox', type: 'new', messages: [message('m1', 1_700_000_100)] },
      { id: 2, name: 'old', type: 'old', messages: [message('m2', 1_700_000_200)] },
    ]);
    store.completeResync({ voicemail: inbox });
    expect(store.snapshot.voicemail.messages.map((m) => m.id)).toEqual(['m3', 'm2']);
    expect(store.snapshot.voicemail.unread).toBe(1);
  });

  it('missed calls are the bus’s own: a read never removes them', () => {
    const store = new StateStore(USER);
    store.apply(
      ev({ name: 'user_missed_call', data: { user_uuid: USER, caller_id_number: '1002', conversation_id: 'x' } }),
    );
    store.beginResync();
    store.completeResync({ services: restServices(false), calls: [] });
    expect(store.snapshot.missed_calls).toHaveLength(1);
  });

  it('abandons a read outlasted by too many events (the caller reads again)', () => {
    const store = new StateStore(USER);
    store.beginResync();
    for (let i = 0; i < 20_001; i++) store.apply(dnd(i % 2 === 0));
    expect(store.completeResync({ services: restServices(false) })).toBe(false);
  });

  it('an optimistic change made during the read survives an answer read before it', () => {
    const store = new StateStore(USER);
    store.beginResync();
    store.apply(setToggle('services', 'dnd', { enabled: true }));
    store.completeResync({ services: restServices(false) });
    expect(store.snapshot.services.dnd).toEqual({ enabled: true });
  });

  it('property: the merge equals the last value any source gave, in queue order', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.boolean(), { maxLength: 6 }), (answer, during) => {
        const store = new StateStore(USER);
        store.beginResync();
        for (const d of during) store.apply(dnd(d));
        store.completeResync({ services: restServices(answer) });
        expect(store.snapshot.services.dnd!.enabled).toBe(during.length ? during.at(-1) : answer);
      }),
    );
  });
});

describe('optimistic changes and rollbacks', () => {
  it('a rollback restores the unknown state it replaced', () => {
    const store = new StateStore(USER);
    store.apply(setToggle('services', 'dnd', { enabled: true }));
    store.apply(setToggle('services', 'dnd', null, { enabled: true }));
    expect(store.snapshot.services.dnd).toBeNull();
  });

  it('a rollback leaves alone a value the bus changed meanwhile', () => {
    const store = new StateStore(USER);
    store.apply(setToggle('forwards', 'busy', { enabled: true, destination: '1002' }));
    store.apply(
      ev({ name: 'users_forwards_busy_updated', data: { user_uuid: USER, enabled: true, destination: '1003' } }),
    );
    store.apply(setToggle('forwards', 'busy', null, { enabled: true, destination: '1002' }));
    expect(store.snapshot.forwards.busy).toEqual({ enabled: true, destination: '1003' });
  });

  it('marks a message read and back, removes it and brings it back', () => {
    const store = new StateStore(USER);
    store.apply(voicemailEvent('created', 'm1', 'new'));
    const before = store.snapshot.voicemail.messages[0]!;
    const read = { ...before, folder: { id: 2, name: 'old', type: 'old' }, unread: false };
    store.apply(putVoicemail(read));
    expect(store.snapshot.voicemail).toMatchObject({ unread: 0 });
    store.apply(putVoicemail(before, read));
    expect(store.snapshot.voicemail.messages[0]).toEqual(before);
    expect(store.snapshot.voicemail.unread).toBe(1);
    store.apply(removeVoicemail('m1'));
    expect(store.snapshot.voicemail.messages).toEqual([]);
    store.apply(restoreVoicemail(before));
    expect(store.snapshot.voicemail.messages).toEqual([before]);
  });

  it('names the favorites the bus announced from dird’s list, and only those', () => {
    const store = new StateStore(USER);
    const favorite = (source_entry_id: string) =>
      ev({
        name: 'favorite_added',
        data: { xivo_uuid: 'x', user_uuid: USER, source: 'internal', source_entry_id },
      });
    store.beginResync();
    store.completeResync({ favorites: [{ source: 'internal', source_entry_id: '1', name: 'Ann', numbers: ['1'] }] });
    store.apply(favorite('2'));
    store.apply(favorite('3'));
    const listed = [
      { source: 'internal', source_entry_id: '1', name: 'Renamed', numbers: ['9'] },
      { source: 'internal', source_entry_id: '2', name: 'Bea', numbers: ['1002', '1003'] },
      { source: 'personal', source_entry_id: '3', name: 'Other source', numbers: [] },
    ];
    store.apply(nameFavorites(listed));
    expect(store.snapshot.favorites).toEqual([
      // Named already: kept as it is (the next full read refreshes it).
      { source: 'internal', source_entry_id: '1', name: 'Ann', numbers: ['1'] },
      { source: 'internal', source_entry_id: '2', name: 'Bea', numbers: ['1002', '1003'] },
      // Not in dird's list (a source and id that match nothing): still unnamed.
      { source: 'internal', source_entry_id: '3' },
    ]);
    const before = store.snapshot;
    store.apply(nameFavorites(listed));
    expect(store.snapshot).toBe(before);
  });
});
