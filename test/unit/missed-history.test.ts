/**
 * Missed calls read from call-logd's history, merged with the bus's reports
 * (the identity rule of store/missed-calls.ts): each missed call is listed
 * once whatever the order, reading the same history again changes nothing,
 * and what the user cleared stays cleared.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMissedCall, mergeHistory, sameMiss, withoutCleared } from '../../electron/core/store/missed-calls.js';
import { NO_MISSED_MARKS, unseenMissed, type MissedCallView } from '../../electron/shared/snapshot.js';

const T = Date.UTC(2026, 10, 27, 9, 0, 0);
const iso = (ms: number) => new Date(T + ms).toISOString();

interface Call {
  number: string;
  /** When it began ringing, ms after T. */
  start: number;
  /** How long it rang. */
  rang: number;
  /** Whether the bus's report carries the conversation id (Wazo 21.04+), and the CDR too. */
  withConversation: boolean;
}

/** Calls from a small set of numbers, each beginning at least two minutes after the previous one ended. */
const calls = fc
  .array(
    fc.record({
      number: fc.constantFrom('1002', '1003', '+15145550123'),
      gap: fc.integer({ min: 120_000, max: 3_600_000 }),
      rang: fc.integer({ min: 1_000, max: 45_000 }),
      withConversation: fc.boolean(),
    }),
    { maxLength: 20 },
  )
  .map((raw) => {
    let t = 0;
    return raw.map(({ gap, ...c }): Call => {
      t += gap;
      const call = { ...c, start: t };
      t += c.rang;
      return call;
    });
  });

const conversation = (c: Call) => `${(T + c.start) / 1000}.${c.number.length}`;

/** The bus's `user_missed_call`, stamped when the ringing stopped (up to 2 s late). */
const busReport = (c: Call, late: number): MissedCallView => ({
  caller_id_name: null,
  caller_id_number: c.number,
  at: iso(c.start + c.rang + late),
  source: 'bus',
  ...(c.withConversation ? { conversation_id: conversation(c) } : {}),
});

/** The CDR's miss: from the start of the call to its end (a voicemail may keep it going). */
const historyReport = (c: Call, i: number): MissedCallView => ({
  caller_id_name: 'Caller',
  caller_id_number: c.number,
  at: iso(c.start),
  end: iso(c.start + c.rang + 20_000),
  cdr_id: 100 + i,
  source: 'history',
  ...(c.withConversation ? { conversation_id: conversation(c) } : {}),
});

describe('missed calls from the history', () => {
  it('lists each call once, whether the bus or the history told first', () => {
    fc.assert(
      fc.property(
        calls,
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 20, maxLength: 20 }),
        fc.boolean(),
        (cs, lates, busFirst) => {
          const bus = cs.map((c, i) => busReport(c, lates[i]!));
          const history = cs.map(historyReport).reverse(); // call-logd: newest first
          let list: MissedCallView[] = [];
          if (busFirst) {
            for (const b of bus) list = addMissedCall(list, b);
            list = mergeHistory(list, history, NO_MISSED_MARKS);
          } else {
            list = mergeHistory(list, history, NO_MISSED_MARKS);
            for (const b of bus) list = addMissedCall(list, b);
          }
          expect(list).toHaveLength(cs.length);
          // Newest first, and every entry knows its CDR.
          expect(list.map((m) => m.at)).toEqual([...list.map((m) => m.at)].sort().reverse());
          expect(new Set(list.map((m) => m.cdr_id)).size).toBe(cs.length);
        },
      ),
    );
  });

  it('changes nothing when the same history is read again (every resync reads it)', () => {
    fc.assert(
      fc.property(calls, fc.integer({ min: 0, max: 20 }), (cs, onBus) => {
        let list: MissedCallView[] = [];
        for (const c of cs.slice(0, onBus)) list = addMissedCall(list, busReport(c, 500));
        const history = cs.map(historyReport);
        const once = mergeHistory(list, history, NO_MISSED_MARKS);
        expect(mergeHistory(once, history, NO_MISSED_MARKS)).toBe(once);
        expect(mergeHistory(once, [...history].reverse(), NO_MISSED_MARKS)).toBe(once);
      }),
    );
  });

  it('never merges two calls of the same caller an hour apart, nor two CDRs', () => {
    const a: Call = { number: '1002', start: 0, rang: 10_000, withConversation: false };
    const b: Call = { ...a, start: 3_600_000 };
    expect(sameMiss(historyReport(a, 0), busReport(b, 0))).toBe(false);
    expect(sameMiss(historyReport(a, 0), historyReport(a, 1))).toBe(false);
    expect(sameMiss(historyReport(a, 0), busReport(a, 900))).toBe(true);
    // Another caller at the same time is another call.
    expect(sameMiss(historyReport(a, 0), busReport({ ...a, number: '1003' }, 0))).toBe(false);
  });

  it('keeps what the user cleared out, and counts only the unseen ones', () => {
    const cs: Call[] = [0, 1, 2].map((i) => ({
      number: '1002',
      start: i * 600_000,
      rang: 5_000,
      withConversation: true,
    }));
    const history = cs.map(historyReport);
    const all = mergeHistory([], history, NO_MISSED_MARKS);
    const marks = { seen_until: all[1]!.at, cleared_until: null };
    expect(unseenMissed({ missed_calls: all, missed_marks: marks })).toBe(1);
    const cleared = { seen_until: marks.seen_until, cleared_until: marks.seen_until };
    const left = withoutCleared(all, cleared);
    expect(left.map((m) => m.cdr_id)).toEqual([102]);
    // A later read of the same history does not bring them back.
    expect(mergeHistory(left, history, cleared)).toBe(left);
  });
});
