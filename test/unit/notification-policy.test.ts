import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, NotificationPolicy } from '../../electron/core/notify/notification-policy.js';
import { initialState } from '../../electron/core/store/state.js';
import type { Toast } from '../../electron/shared/toast.js';

const snap = initialState('u').snapshot;
const dnd = { ...snap, services: { dnd: { enabled: true }, incallfilter: null } };
const T0 = Date.parse('2026-11-25T10:00:00Z');
const ring = (id: string, eventAt?: string): Toast => ({
  id: `t-${id}`,
  kind: 'incoming_call',
  at: '',
  call_id: id,
  name: 'A',
  number: '1',
  ...(eventAt ? { event_at: eventAt } : {}),
});
const vm = (id: string): Toast => ({ id, kind: 'voicemail', at: '', message_id: id, name: null, number: '2' });

function policy(now = T0, prefs = DEFAULT_PREFS) {
  let t = now;
  const p = new NotificationPolicy(prefs, () => t);
  return { p, advance: (ms: number) => (t += ms) };
}

describe('notification policy', () => {
  it('notifies a ringing call, a missed call and a new voicemail, and nothing else', () => {
    const { p } = policy();
    expect(p.decide(ring('c1'), snap)).toMatchObject({ show: true });
    expect(p.decide({ id: 'm', kind: 'missed_call', at: '', name: null, number: '3' }, snap)).toMatchObject({
      show: true,
    });
    expect(p.decide(vm('v'), snap)).toMatchObject({ show: true });
    expect(p.decide({ id: 's', kind: 'service', at: '', service: 'dnd', enabled: true }, snap)).toEqual({
      show: false,
      why: 'kind',
    });
  });

  it('never notifies an event that happened long before it was drained', () => {
    const { p } = policy();
    expect(p.decide(ring('old', '2026-11-25T09:59:00Z'), snap)).toEqual({ show: false, why: 'stale' });
    expect(p.decide(ring('fresh', '2026-11-25T09:59:55Z'), snap)).toMatchObject({ show: true });
  });

  it('notifies a call once, however often it rings again', () => {
    const { p } = policy();
    expect(p.decide(ring('c1'), snap)).toMatchObject({ show: true });
    expect(p.decide(ring('c1'), snap)).toEqual({ show: false, why: 'repeat' });
  });

  it('stays silent during DND unless asked, and honours muted kinds', () => {
    expect(policy().p.decide(ring('c1'), dnd)).toEqual({ show: false, why: 'dnd' });
    const asked = { ...DEFAULT_PREFS, duringDnd: { ...DEFAULT_PREFS.duringDnd, incoming_call: true } };
    expect(policy(T0, asked).p.decide(ring('c1'), dnd)).toMatchObject({ show: true });
    const muted = { ...DEFAULT_PREFS, enabled: { ...DEFAULT_PREFS.enabled, voicemail: false } };
    expect(policy(T0, muted).p.decide(vm('v'), snap)).toEqual({ show: false, why: 'muted' });
  });

  it('folds a storm into one summary, and starts afresh after it', () => {
    const { p, advance } = policy();
    const decisions = Array.from({ length: 6 }, (_, i) => p.decide(vm(`v${i}`), snap));
    expect(decisions.slice(0, 3).every((d) => d.show && 'toast' in d)).toBe(true);
    expect(decisions.slice(3)).toEqual([
      { show: true, summary: { count: 1 } },
      { show: true, summary: { count: 2 } },
      { show: true, summary: { count: 3 } },
    ]);
    advance(11_000);
    expect(p.decide(vm('after'), snap)).toMatchObject({ show: true, toast: { id: 'after' } });
  });
});
