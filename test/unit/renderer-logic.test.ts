import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SnapshotChange } from '../../electron/shared/contract.js';
import { diffSnapshot } from '../../electron/shared/snapshot-change.js';
import type { Toast } from '../../electron/shared/toast.js';
import { initialState } from '../../electron/core/store/state.js';
import { MESSAGES, pickLocale, translator } from '../../renderer/src/lib/i18n.js';
import { applyChanges, newer } from '../../renderer/src/lib/snapshot-sync.js';
import { addToast, emptyToasts, MAX_VISIBLE, removeToast } from '../../renderer/src/lib/toast-queue.js';
import { caller, retryText, serverHost, toastText, toggleText } from '../../renderer/src/lib/wording.js';

const base = { ...initialState('2e752722-0864-4665-887d-a78a024cf7c7').snapshot, seq: 5 };
const change = (seq: number, patch: SnapshotChange['patch'] = {}): SnapshotChange => ({ seq, patch });

describe('snapshot sync', () => {
  it('drops changes older than the snapshot and applies the next ones in order', () => {
    const dnd = { dnd: { enabled: true }, incallfilter: null };
    const r = applyChanges(base, [change(4, { calls: [] }), change(5), change(6, { services: dnd }), change(7)]);
    expect(r.gap).toBe(false);
    expect(r.snapshot.seq).toBe(7);
    expect(r.snapshot.services).toBe(dnd);
    expect(r.snapshot.calls).toBe(base.calls);
  });

  it('reports a gap and stops before it', () => {
    const r = applyChanges(base, [change(6), change(8)]);
    expect(r).toMatchObject({ gap: true, snapshot: { seq: 6 } });
  });

  it('keeps the newer of a held and a fetched snapshot', () => {
    expect(newer({ ...base, seq: 9 }, base).seq).toBe(9);
    expect(newer(null, base)).toBe(base);
  });

  it('rebuilds exactly what the core holds from its diffs, whatever the sequence', () => {
    const slices = fc.record({
      dnd: fc.option(fc.boolean(), { nil: undefined }),
      unread: fc.option(fc.nat(5), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(slices, { maxLength: 20 }), (steps) => {
        let core = base;
        let view = base;
        const changes: SnapshotChange[] = [];
        for (const s of steps) {
          const next = {
            ...core,
            seq: core.seq + 1,
            ...(s.dnd !== undefined ? { services: { dnd: { enabled: s.dnd }, incallfilter: null } } : {}),
            ...(s.unread !== undefined ? { voicemail: { unread: s.unread, messages: [] } } : {}),
          };
          changes.push(diffSnapshot(core, next));
          core = next;
        }
        view = applyChanges(view, changes).snapshot;
        expect(view).toEqual(core);
      }),
    );
  });
});

const toast = (id: string, kind: Toast['kind'] = 'service'): Toast =>
  kind === 'incoming_call'
    ? { id, kind, at: '', call_id: id, name: 'A', number: '1' }
    : { id, kind: 'service', at: '', service: 'dnd', enabled: true };

describe('toast stack', () => {
  it('shows at most a few, newest first, and counts the rest', () => {
    let s = emptyToasts;
    for (let i = 0; i < 7; i++) s = addToast(s, toast(`t${i}`));
    expect(s.visible.map((t) => t.id)).toEqual(['t2', 't1', 't0']);
    expect(s.visible).toHaveLength(MAX_VISIBLE);
    expect(s.overflow).toBe(4);
  });

  it('always makes room for a ringing call', () => {
    let s = emptyToasts;
    for (let i = 0; i < 3; i++) s = addToast(s, toast(`t${i}`));
    s = addToast(s, toast('ring', 'incoming_call'));
    expect(s.visible[0]!.id).toBe('ring');
    expect(s.visible.map((t) => t.id)).not.toContain('t0');
    expect(s.overflow).toBe(1);
  });

  it('ignores a repeated toast, and clears the overflow with the last one', () => {
    let s = addToast(emptyToasts, toast('a'));
    expect(addToast(s, toast('a'))).toBe(s);
    for (let i = 0; i < 5; i++) s = addToast(s, toast(`x${i}`));
    for (const t of [...s.visible]) s = removeToast(s, t.id);
    expect(s).toEqual(emptyToasts);
  });
});

describe('wording', () => {
  const en = translator('en');
  const fr = translator('fr');

  it('picks French or English from the system languages', () => {
    expect(pickLocale(['fr-CA', 'en'])).toBe('fr');
    expect(pickLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(pickLocale(['es'])).toBe('en');
  });

  it('names a caller by name and number, or whatever is known', () => {
    expect(caller(en, 'Alice', '1001')).toBe('Alice (1001)');
    expect(caller(en, null, '1001')).toBe('1001');
    expect(caller(fr, null, null)).toBe('Appelant inconnu');
  });

  it('says unknown, not off, for a state never announced', () => {
    expect(toggleText(en, null)).toBe('Unknown');
    expect(toggleText(en, { enabled: false, destination: '12' })).toBe('Off');
    expect(toggleText(fr, { enabled: true, destination: '12' })).toBe('Activé, vers 12');
  });

  it('words every toast kind', () => {
    expect(
      toastText(en, { id: '1', at: '', kind: 'forward', forward: 'busy', enabled: true, destination: '9' }).title,
    ).toBe('Busy forward on, to 9');
    expect(toastText(fr, { id: '1', at: '', kind: 'service', service: 'dnd', enabled: false }).title).toBe(
      'Ne pas déranger désactivé',
    );
    expect(toastText(en, { id: '1', at: '', kind: 'missed_call', name: null, number: '5' })).toEqual({
      title: 'Missed call',
      body: '5',
    });
  });

  it('has every message in both languages, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(MESSAGES.fr).sort()).toEqual(Object.keys(MESSAGES.en).sort());
    for (const [key, text] of Object.entries(MESSAGES.en)) {
      const french = MESSAGES.fr[key as keyof typeof MESSAGES.fr];
      expect(french.trim(), key).not.toBe('');
      expect(placeholders(french), key).toEqual(placeholders(text));
    }
  });

  it('says when the next attempt comes in whole seconds, and "now" under one', () => {
    expect(retryText(en, 999)).toBe('retrying now');
    expect(retryText(en, 1000)).toBe('retrying in 1 s');
    expect(retryText(en, 1499)).toBe('retrying in 1 s');
    expect(retryText(en, 1500)).toBe('retrying in 2 s');
    expect(retryText(fr, 30_000)).toBe('nouvel essai dans 30 s');
  });

  it('names a server by its host, with the port only when it is not the default', () => {
    expect(serverHost('https://wazo.example.com')).toBe('wazo.example.com');
    expect(serverHost('https://wazo.example.com:443/')).toBe('wazo.example.com');
    expect(serverHost('http://127.0.0.1:8080/')).toBe('127.0.0.1:8080');
    expect(serverHost('not a url')).toBe('not a url');
  });

  it('formats durations', () => {
    expect(en.duration(5)).toBe('0:05');
    expect(en.duration(3725)).toBe('1:02:05');
  });
});

describe('voicemail deltas', () => {
  it('a window patched with deltas holds exactly the core’s inbox, whatever the events', async () => {
    const { StateStore } = await import('../../electron/core/store/store.js');
    const { voicemailEvent } = await import('../support/events.js');
    const op = fc.record({
      a: fc.constantFrom('created', 'updated', 'deleted' as const),
      id: fc.integer({ min: 0, max: 30 }),
      f: fc.constantFrom('new', 'old', 'urgent'),
      ts: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const store = new StateStore('u');
        let view = store.snapshot;
        let prev = store.snapshot;
        let deltas = 0;
        for (const o of ops) {
          store.apply(voicemailEvent(o.a, `v${o.id}`, o.f, o.ts));
          const change = diffSnapshot(prev, store.snapshot);
          if (change.voicemail_delta) deltas++;
          prev = store.snapshot;
          view = applyChanges(view, [change]).snapshot;
        }
        expect(view).toEqual(store.snapshot);
        return deltas >= 0;
      }),
      { numRuns: 200 },
    );
  });

  it('sends a few changed messages of a large inbox, not the inbox', async () => {
    const { StateStore } = await import('../../electron/core/store/store.js');
    const { voicemailEvent } = await import('../support/events.js');
    const store = new StateStore('u');
    for (let i = 0; i < 100; i++) store.apply(voicemailEvent('created', `v${i}`, 'new', i));
    const before = store.snapshot;
    store.apply(voicemailEvent('updated', 'v7', 'old', 7));
    const change = diffSnapshot(before, store.snapshot);
    expect(change.patch.voicemail).toBeUndefined();
    expect(change.voicemail_delta).toMatchObject({ unread: 99, remove: [], upsert: [{ id: 'v7', unread: false }] });
  });
});
