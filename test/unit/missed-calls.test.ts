/**
 * Missed calls from the events a real Wazo publishes (call_created `Down`,
 * call_updated `Ringing`, call_ended with caller and peer swapped,
 * user_missed_call before or after it): listed once, named after the caller
 * and never the user, with exactly one toast and one system notification,
 * in every order the two reports can come in.
 */
import { describe, expect, it } from 'vitest';
import { NotificationPolicy } from '../../electron/core/notify/notification-policy.js';
import { declineCall, undeclineCall } from '../../electron/core/store/local-changes.js';
import { missedCallPublication, SimCall, SIM_ME, type Party } from '../../electron/sim/call-events.js';
import type { Publication } from '../../electron/sim/envelope.js';
import type { Toast } from '../../electron/shared/toast.js';
import { handFed } from '../support/hand-fed.js';

const ME = '2e752722-0864-4665-887d-a78a024cf7c7';
const BOB: Party = { name: 'Bob Tremblay', number: '+15145550123' };
const T = Date.UTC(2026, 10, 27, 14, 55, 0);
const at = (s: number) => new Date(T + s * 1000);
const origin = { userUuid: ME };

/** Delivers each publication live: 20 ms after the moment it was stamped. */
function live(pubs: [Publication, number][]) {
  const fed = handFed(ME, { now: T });
  for (const [p, s] of pubs) fed.deliverAt(T + s * 1000 + 20, p);
  return fed;
}

/** What the desktop shows of these toasts as system notifications, each decided as it arrives. */
function notified(toasts: Toast[]) {
  let now = 0;
  const policy = new NotificationPolicy(undefined, () => now);
  return toasts.flatMap((t) => {
    now = Date.parse(t.at);
    const d = policy.decide(t, { services: { dnd: null, incallfilter: null } } as never);
    return d.show && 'toast' in d ? [d.toast.kind] : [];
  });
}

const missedToasts = (toasts: Toast[]) => toasts.filter((t) => t.kind === 'missed_call');

describe('a missed call, in every order its two reports arrive', () => {
  const steps = () => {
    const c = new SimCall(origin, { peer: BOB });
    return {
      created: [c.created(at(0)), 0] as [Publication, number],
      ringing: [c.ringing(at(0.1)), 0.1] as [Publication, number],
      ended: [c.ended(19, at(20)), 20] as [Publication, number],
      missed: [c.missed('no-answer', at(20.2)), 20.2] as [Publication, number],
    };
  };

  it('call_ended first: listed from the live call, named after the caller; the later report merges without a toast', () => {
    const s = steps();
    const fed = live([s.created, s.ringing, s.ended]);
    expect(fed.notifier.snapshot.missed_calls).toEqual([
      expect.objectContaining({ caller_id_name: 'Bob Tremblay', caller_id_number: '+15145550123', source: 'inferred' }),
    ]);
    fed.deliverAt(T + 20_220, s.missed[0]);
    const list = fed.notifier.snapshot.missed_calls;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      caller_id_name: 'Bob Tremblay',
      caller_id_number: '+15145550123',
      reason: 'no-answer',
      source: 'bus',
      at: at(20).toISOString(), // the call's own hangup_time
    });
    expect(missedToasts(fed.toasts)).toMatchObject([{ name: 'Bob Tremblay', number: '+15145550123' }]);
    expect(notified(fed.toasts)).toEqual(['incoming_call', 'missed_call']);
  });

  it('user_missed_call first: listed and toasted from it; call_ended adds nothing', () => {
    const s = steps();
    const fed = live([s.created, s.ringing, s.missed, s.ended]);
    const list = fed.notifier.snapshot.missed_calls;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ caller_id_name: 'Bob Tremblay', reason: 'no-answer', source: 'bus' });
    expect(list[0]!.at).toBe(new Date(T + 20_220).toISOString()); // live: the moment it arrived
    expect(missedToasts(fed.toasts)).toMatchObject([{ name: 'Bob Tremblay', number: '+15145550123' }]);
    expect(notified(fed.toasts)).toEqual(['incoming_call', 'missed_call']);
  });

  it('user_missed_call before anything of the call: still one entry, one toast', () => {
    const s = steps();
    const fed = live([s.missed, s.created, s.ringing, s.ended]);
    expect(fed.notifier.snapshot.missed_calls).toHaveLength(1);
    expect(fed.notifier.snapshot.missed_calls[0]).toMatchObject({ source: 'bus', caller_id_name: 'Bob Tremblay' });
    expect(missedToasts(fed.toasts)).toHaveLength(1);
    expect(notified(fed.toasts).filter((k) => k === 'missed_call')).toHaveLength(1);
  });

  it('never names the user herself, whatever the order', () => {
    for (const order of [
      ['created', 'ringing', 'ended', 'missed'],
      ['created', 'ringing', 'missed', 'ended'],
      ['missed', 'created', 'ringing', 'ended'],
      ['created', 'ringing', 'ended'],
    ] as const) {
      const s = steps();
      const fed = live(order.map((k) => s[k]));
      const seen = JSON.stringify([fed.notifier.snapshot.missed_calls, missedToasts(fed.toasts)]);
      expect(seen, order.join(' → ')).toContain('Bob Tremblay');
      expect(seen, order.join(' → ')).not.toContain(SIM_ME.name!);
      expect(seen, order.join(' → ')).not.toContain(`"${SIM_ME.number!}"`);
    }
  });

  it("Wazo's own names win when its report comes second", () => {
    const c = new SimCall(origin, { peer: BOB });
    const fed = live([
      [c.created(at(0)), 0],
      [c.ringing(at(0.1)), 0.1],
      [c.ended(19, at(20)), 20],
      [
        missedCallPublication(
          { userUuid: ME, at: at(20.2) },
          { peer: { name: 'Bob T. (Acme)', number: '+15145550123' }, conversationId: c.conversationId, reason: 'busy' },
        ),
        20.2,
      ],
    ]);
    expect(fed.notifier.snapshot.missed_calls).toEqual([
      expect.objectContaining({ caller_id_name: 'Bob T. (Acme)', reason: 'busy', source: 'bus' }),
    ]);
    expect(missedToasts(fed.toasts)).toMatchObject([{ name: 'Bob Tremblay' }]);
  });

  it('merges without a second toast when the call events name no conversation (older servers)', () => {
    const c = new SimCall(origin, { peer: BOB });
    const bare = (p: Publication): [Publication, number] => {
      const { conversation_id: _c, ...data } = p.body.data as Record<string, unknown>;
      const s = (Date.parse(String(p.body.timestamp) + 'Z') - T) / 1000;
      return [{ ...p, body: { ...p.body, data } }, s];
    };
    const fed = live([
      bare(c.created(at(0))),
      bare(c.ringing(at(0.1))),
      bare(c.ended(19, at(20))),
      [c.missed('no-answer', at(20.2)), 20.2],
    ]);
    expect(fed.notifier.snapshot.missed_calls).toEqual([
      expect.objectContaining({ caller_id_name: 'Bob Tremblay', reason: 'no-answer', source: 'bus' }),
    ]);
    expect(missedToasts(fed.toasts)).toHaveLength(1);
  });

  it('a call never seen live (the app connected while it rang) is named from call_ended’s caller', () => {
    const c = new SimCall(origin, { peer: BOB });
    c.created(at(0));
    c.ringing(at(0.1));
    const fed = live([[c.ended(19, at(20)), 20]]);
    expect(fed.notifier.snapshot.missed_calls).toEqual([
      expect.objectContaining({ caller_id_name: 'Bob Tremblay', caller_id_number: '+15145550123', source: 'inferred' }),
    ]);
    expect(missedToasts(fed.toasts)).toMatchObject([{ name: 'Bob Tremblay' }]);
  });

  it('a miss with no call at all (DND, no device) is listed and toasted once', () => {
    const fed = live([[missedCallPublication({ userUuid: ME, at: at(0) }, { peer: BOB, reason: 'dnd' }), 0]]);
    expect(fed.notifier.snapshot.missed_calls).toEqual([
      expect.objectContaining({ caller_id_name: 'Bob Tremblay', reason: 'dnd', source: 'bus' }),
    ]);
    expect(missedToasts(fed.toasts)).toHaveLength(1);
    expect(notified(fed.toasts)).toEqual(['missed_call']);
  });

  it('two misses from the same caller are two entries and two toasts', () => {
    const first = new SimCall(origin, { peer: BOB });
    const second = new SimCall(origin, { peer: BOB });
    const fed = live([
      [first.created(at(0)), 0],
      [first.ringing(at(0.1)), 0.1],
      [first.ended(19, at(20)), 20],
      [first.missed('no-answer', at(20.2)), 20.2],
      [second.created(at(40)), 40],
      [second.ringing(at(40.1)), 40.1],
      [second.missed('no-answer', at(60)), 60],
      [second.ended(19, at(60.1)), 60.1],
    ]);
    expect(fed.notifier.snapshot.missed_calls).toHaveLength(2);
    expect(missedToasts(fed.toasts)).toHaveLength(2);
  });

  it('an answered call and an outgoing call nobody answered are not missed', () => {
    const answered = new SimCall(origin, { peer: BOB });
    const outgoing = new SimCall(origin, { peer: BOB, outgoing: true });
    const fed = live([
      [answered.created(at(0)), 0],
      [answered.ringing(at(0.1)), 0.1],
      ...answered.answered(at(5)).map((p): [Publication, number] => [p, 5]),
      [answered.ended(16, at(30)), 30],
      [outgoing.created(at(40)), 40],
      [outgoing.ringing(at(40.1)), 40.1],
      [outgoing.ended(19, at(60)), 60],
    ]);
    expect(fed.notifier.snapshot.missed_calls).toEqual([]);
    expect(missedToasts(fed.toasts)).toEqual([]);
  });
});

describe('a call created `Down`', () => {
  it('keeps the status, and only ringing here makes an incoming-call toast', () => {
    const c = new SimCall(origin, { peer: BOB });
    const fed = live([[c.created(at(0)), 0]]);
    expect(fed.notifier.snapshot.calls).toMatchObject([
      { status: 'Down', peer_caller_id_name: 'Bob Tremblay', caller_id_name: SIM_ME.name },
    ]);
    expect(fed.toasts).toEqual([]);
    fed.deliverAt(T + 120, c.ringing(at(0.1)));
    expect(fed.notifier.snapshot.calls[0]!.status).toBe('Ringing');
    expect(fed.toasts).toMatchObject([{ kind: 'incoming_call', name: 'Bob Tremblay', number: '+15145550123' }]);
  });

  it('a call that ends while still `Down` is not a miss', () => {
    const c = new SimCall(origin, { peer: BOB });
    const fed = live([
      [c.created(at(0)), 0],
      [c.ended(16, at(1)), 1],
    ]);
    expect(fed.notifier.snapshot.calls).toEqual([]);
    expect(fed.notifier.snapshot.missed_calls).toEqual([]);
    expect(fed.toasts).toEqual([]);
  });
});

/**
 * The rule in store/declined-calls.ts: a ringing call the user declined (from
 * here, or on the phone after it rang) is never listed or toasted as missed,
 * whichever report of it comes, and whenever.
 */
describe('a ringing call the user declined is not missed', () => {
  const declinedHere = (fed: ReturnType<typeof live>, c: SimCall) =>
    fed.notifier.applyLocal(declineCall(c.callId, fed.now));
  /** Bob's call, ringing here since T. */
  const ringing = () => {
    const c = new SimCall(origin, { peer: BOB });
    return {
      c,
      fed: live([
        [c.created(at(0)), 0],
        [c.ringing(at(0.1)), 0.1],
      ]),
    };
  };

  it('declined from here: neither its end, nor Wazo’s report, nor the history lists it; no toast', () => {
    const { c, fed } = ringing();
    fed.now = T + 3_000;
    declinedHere(fed, c);
    // calld's DELETE ends it as any hang-up (16), and Wazo may still report it as missed.
    fed.deliverAt(T + 3_100, c.ended(16, at(3.1)));
    fed.deliverAt(T + 3_300, c.missed('no-answer', at(3.3)));
    expect(fed.notifier.snapshot.missed_calls).toEqual([]);
    // call-logd's CDR of it is one more unanswered call, the user its destination.
    fed.notifier.beginResync();
    fed.notifier.completeResync({
      missed: [
        {
          source: 'history',
          cdr_id: 7,
          conversation_id: c.conversationId,
          caller_id_name: BOB.name,
          caller_id_number: BOB.number,
          at: at(0).toISOString(),
          end: at(3.1).toISOString(),
        },
      ],
    });
    expect(fed.notifier.snapshot.missed_calls).toEqual([]);
    expect(missedToasts(fed.toasts)).toEqual([]);
    expect(notified(fed.toasts)).toEqual(['incoming_call']);
  });

  it('declined from here with Wazo’s report first, and on servers that name no conversation', () => {
    const { c, fed } = ringing();
    fed.now = T + 2_000;
    declinedHere(fed, c);
    const bare = missedCallPublication({ userUuid: ME, at: at(2.1) }, { peer: BOB, reason: 'busy' });
    delete (bare.body.data as Record<string, unknown>).conversation_id;
    fed.deliverAt(T + 2_100, bare);
    fed.deliverAt(T + 2_200, c.ended(16, at(2.2)));
    expect(fed.notifier.snapshot.missed_calls).toEqual([]);
    expect(missedToasts(fed.toasts)).toEqual([]);
  });

  it('declined on the phone after ringing (Q.850 21 call rejected, 17 user busy): not missed, a report already listed goes', () => {
    for (const cause of [21, 17]) {
      const { c, fed } = ringing();
      // Wazo's report came first this time: listed, then taken back once the phone's refusal is known.
      fed.deliverAt(T + 4_000, c.missed('busy', at(4)));
      expect(fed.notifier.snapshot.missed_calls).toHaveLength(1);
      fed.deliverAt(T + 4_100, c.ended(cause, at(4.1)));
      expect(fed.notifier.snapshot.missed_calls, `cause ${cause}`).toEqual([]);
      // A later report of it changes nothing.
      fed.deliverAt(T + 4_200, c.missed('busy', at(4.2)));
      expect(fed.notifier.snapshot.missed_calls, `cause ${cause}`).toEqual([]);
    }
  });

  it('a caller who hangs up (16) or a call nobody answers (19) is still missed; so is one whose decline calld refused', () => {
    for (const cause of [16, 19]) {
      const { c, fed } = ringing();
      fed.deliverAt(T + 20_000, c.ended(cause, at(20)));
      expect(fed.notifier.snapshot.missed_calls, `cause ${cause}`).toHaveLength(1);
    }
    const { c, fed } = ringing();
    declinedHere(fed, c);
    fed.notifier.applyLocal(undeclineCall(c.callId));
    fed.deliverAt(T + 20_000, c.ended(19, at(20)));
    expect(fed.notifier.snapshot.missed_calls).toHaveLength(1);
    expect(missedToasts(fed.toasts)).toHaveLength(1);
  });

  it('hanging up a call that is not ringing here declines nothing, and a decline hides no other call', () => {
    const talking = new SimCall(origin, { peer: BOB });
    const other = new SimCall(origin, { peer: { name: 'Erin', number: '1005' } });
    const fed = live([
      [talking.created(at(0)), 0],
      [talking.ringing(at(0.1)), 0.1],
      ...talking.answered(at(1)).map((p): [Publication, number] => [p, 1]),
      [other.created(at(2)), 2],
      [other.ringing(at(2.1)), 2.1],
    ]);
    const before = fed.notifier.snapshot;
    fed.notifier.applyLocal(declineCall(talking.callId, fed.now));
    expect(fed.notifier.snapshot).toBe(before);
    fed.deliverAt(T + 3_000, talking.ended(16, at(3)));
    declinedHere(fed, other);
    fed.deliverAt(T + 3_500, other.ended(16, at(3.5)));
    // Bob calls again, a new call nobody declined.
    const again = new SimCall(origin, { peer: BOB });
    fed.deliverAt(T + 200_000, again.created(at(200)), again.ringing(at(200.1)));
    fed.deliverAt(T + 220_000, again.ended(19, at(220)));
    expect(fed.notifier.snapshot.missed_calls).toEqual([
      expect.objectContaining({ caller_id_name: 'Bob Tremblay', call_id: again.callId }),
    ]);
  });
});
