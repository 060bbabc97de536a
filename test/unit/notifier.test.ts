/**
 * The notifier's own bookkeeping of what the source hands it, without a
 * broker (test/support/hand-fed.ts): a redelivered message is counted once
 * and announced once. The whole pipeline against the real RabbitMQ is in
 * test/integration/notifier.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { SimCall } from '../../electron/sim/call-events.js';
import type { RawEnvelope } from '../../electron/core/events/decode.js';
import { handFed } from '../support/hand-fed.js';

const ME = '2e752722-0864-4665-887d-a78a024cf7c7';
const T = Date.UTC(2026, 10, 27, 14, 55, 0);

describe('notifier', () => {
  it('takes a redelivered message (the same bytes) as a duplicate: no second event, toast or change', () => {
    const fed = handFed(ME, { now: T });
    const events: RawEnvelope[] = [];
    fed.notifier.on('event', (e) => events.push(e));
    const call = new SimCall({ userUuid: ME }, { peer: { name: 'Alice', number: '1001' } });
    const ringing = call.ringing();
    fed.deliver(call.created(), ringing);
    const seq = fed.notifier.snapshot.seq;
    const toasts = fed.toasts.length;
    fed.deliver(ringing);
    expect(fed.notifier.stats).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(events.map((e) => e.name)).toEqual(['call_created', 'call_updated']);
    expect(fed.toasts).toHaveLength(toasts);
    expect(fed.notifier.snapshot.seq).toBe(seq);
  });
});
