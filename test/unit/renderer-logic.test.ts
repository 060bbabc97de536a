import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SnapshotChange } from '../../electron/shared/contract.js';
import { diffSnapshot } from '../../electron/shared/snapshot-change.js';
import type { Snapshot } from '../../electron/shared/snapshot.js';
import type { Toast } from '../../electron/shared/toast.js';
import type { ErrorReason } from '../../electron/shared/error-reason.js';
import { initialState } from '../../electron/core/store/state.js';
import { MESSAGES, pickLocale, translator } from '../../renderer/src/lib/i18n.js';
import { reasonText, refusalWords, thrownWords } from '../../renderer/src/lib/error-words.js';
import { applyChanges, newer } from '../../renderer/src/lib/snapshot-sync.js';
import {
  addToast,
  emptyToasts,
  HISTORY_SIZE,
  isOver,
  MAX_VISIBLE,
  newestShown,
  pruneOver,
  removeToast,
  visibleToasts,
} from '../../renderer/src/lib/toast-queue.js';
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

const toast = (id: string, kind: Toast['kind'] = 'service', extra: Partial<Toast> = {}): Toast =>
  ({
    ...(kind === 'incoming_call'
      ? { id, kind, at: '', call_id: id, name: 'A', number: '1' }
      : kind === 'missed_call'
        ? { id, kind, at: '', name: 'B', number: '2' }
        : kind === 'voicemail'
          ? { id, kind, at: '', message_id: id, name: 'C', number: '3' }
          : { id, kind: 'service', at: '', service: 'dnd', enabled: true }),
    ...extra,
  }) as Toast;

const snap = (over: Partial<Snapshot> = {}): Snapshot => ({
  user_uuid: 'u',
  seq: 10,
  connection: { status: 'connected' },
  account: null,
  me: null,
  sync: { status: 'none' },
  calls: [],
  missed_calls: [],
  missed_marks: { seen_until: null, cleared_until: null },
  missed_history: 'unknown',
  voicemail: { unread: 0, messages: [] },
  forwards: { busy: null, noanswer: null, unconditional: null },
  services: { dnd: null, incallfilter: null },
  favorites: [],
  ...over,
});

describe('toast rules', () => {
  it('shows a few, most important then newest first, and counts the rest without losing them', () => {
    let s = emptyToasts;
    for (let i = 0; i < 7; i++) s = addToast(s, toast(`m${i}`, 'missed_call'));
    const { shown, more } = visibleToasts(s, MAX_VISIBLE);
    expect(shown.map((t) => t.id)).toEqual(['m6', 'm5', 'm4']);
    expect(more).toBe(4);
    expect(s.history.map((t) => t.id)).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
  });

  it('always shows a ringing call first', () => {
    let s = addToast(emptyToasts, toast('ring', 'incoming_call'));
    for (let i = 0; i < 3; i++) s = addToast(s, toast(`m${i}`, 'missed_call'));
    expect(visibleToasts(s, MAX_VISIBLE).shown[0]!.id).toBe('ring');
    expect(visibleToasts(s, 1).shown.map((t) => t.id)).toEqual(['ring']);
  });

  it('lets the newest state of a thing replace the older one', () => {
    let s = emptyToasts;
    for (let i = 0; i < 8; i++) {
      s = addToast(s, { id: `d${i}`, kind: 'service', at: '', service: 'dnd', enabled: i % 2 === 0 });
    }
    expect(s.live).toHaveLength(1);
    expect(s.live[0]).toMatchObject({ id: 'd7', enabled: false });
    expect(s.history).toHaveLength(8);
    // An answered call replaces its own ringing toast.
    s = addToast(s, toast('c1', 'incoming_call'));
    s = addToast(s, { id: 'a1', kind: 'call_answered', at: '', call_id: 'c1', name: 'A', number: '1' });
    expect(s.live.map((t) => t.id)).toEqual(['a1', 'd7']);
  });

  it('keeps the last 50 in the history and ignores a repeated toast', () => {
    let s = emptyToasts;
    for (let i = 0; i < 60; i++) s = addToast(s, toast(`m${i}`, 'missed_call'));
    expect(s.history).toHaveLength(HISTORY_SIZE);
    expect(s.history[0]!.id).toBe('m59');
    expect(addToast(s, toast('m59', 'missed_call'))).toBe(s);
    for (const t of [...s.live]) s = removeToast(s, t.id);
    expect(s.live).toEqual([]);
    expect(s.history).toHaveLength(HISTORY_SIZE);
  });

  it('takes a toast away once the snapshot shows it is over, never before its change arrived', () => {
    const ringing = toast('c1', 'incoming_call', { seq: 11 });
    let s = addToast(emptyToasts, ringing);
    // The window's copy is older than the toast: it cannot tell yet.
    expect(pruneOver(s, snap({ seq: 10 }))).toBe(s);
    const call = { call_id: 'c1', status: 'Ringing' } as Snapshot['calls'][number];
    expect(pruneOver(s, snap({ seq: 11, calls: [call] }))).toBe(s);
    for (const status of ['Up', null]) {
      const calls = status ? [{ ...call, status }] : [];
      expect(pruneOver(s, snap({ seq: 12, calls })).live).toEqual([]);
    }
    s = addToast(emptyToasts, toast('v1', 'voicemail', { seq: 11 }));
    const message = { id: 'v1', unread: true } as Snapshot['voicemail']['messages'][number];
    expect(pruneOver(s, snap({ seq: 12, voicemail: { unread: 1, messages: [message] } }))).toBe(s);
    expect(
      pruneOver(s, snap({ seq: 13, voicemail: { unread: 0, messages: [{ ...message, unread: false }] } })).live,
    ).toEqual([]);
    expect(pruneOver(s, snap({ seq: 13 })).live).toEqual([]);
    // A forward toast goes when the card says otherwise; a miss stays for its time.
    s = addToast(emptyToasts, { id: 'f', kind: 'forward', at: '', forward: 'busy', enabled: true, destination: '12' });
    s = addToast(s, toast('m', 'missed_call'));
    const off = snap({
      forwards: { busy: { enabled: false, destination: '12' }, noanswer: null, unconditional: null },
    });
    expect(pruneOver(s, off).live.map((t) => t.id)).toEqual(['m']);
    expect(
      isOver(s.live[1]!, snap({ forwards: { ...off.forwards, busy: { enabled: true, destination: '12' } } })),
    ).toBe(false);
  });

  it('dismisses the newest toast shown with Escape', () => {
    let s = addToast(emptyToasts, toast('ring', 'incoming_call'));
    s = addToast(s, toast('m1', 'missed_call'));
    expect(newestShown(s, MAX_VISIBLE)!.id).toBe('m1');
    expect(newestShown(s, 1)!.id).toBe('ring');
    expect(newestShown(emptyToasts, 3)).toBeUndefined();
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

  it('counts with real plurals, never "(s)" nor "1 more notifications"', () => {
    expect(en.plural('toast.more', 1)).toBe('1 more notification');
    expect(en.plural('toast.more', 3)).toBe('3 more notifications');
    expect(fr.plural('toast.more', 1)).toBe('1 notification de plus');
    expect(fr.plural('missed.count', 0)).toBe('0 manqué');
    expect(fr.plural('missed.count', 2)).toBe('2 manqués');
    expect(fr.plural('voicemail.unread', 1)).toBe('1 non lu');
    expect(fr.plural('voicemail.unread', 5)).toBe('5 non lus');
    expect(fr.plural('missed.unseen', 1)).toBe('1 non vu');
    expect(fr.plural('missed.unseen', 2)).toBe('2 non vus');
    for (const table of Object.values(MESSAGES)) {
      for (const text of Object.values(table)) expect(text).not.toMatch(/\(s\)/);
    }
  });

  it('elides "de" before a vowel in French, and only there', () => {
    expect(fr.t('calls.answer_label', { who: 'Alice (1001)' })).toBe('Répondre à l’appel d’Alice (1001)');
    expect(fr.t('voicemail.delete_label', { who: 'Émile' })).toBe('Supprimer le message d’Émile');
    expect(fr.t('calls.answer_label', { who: 'Bob (1002)' })).toBe('Répondre à l’appel de Bob (1002)');
    expect(fr.t('calls.answer_label', { who: '1002' })).toBe('Répondre à l’appel de 1002');
    expect(fr.t('calls.answer_label', { who: 'Yann' })).toBe('Répondre à l’appel de Yann');
    expect(fr.t('login.logged_in', { username: 'alice', server: 'wazo.example.com' })).toBe(
      'Connecté en tant qu’alice sur wazo.example.com',
    );
    expect(en.t('calls.answer_label', { who: 'Alice' })).toBe('Answer the call from Alice');
  });

  it('says today and yesterday, and the date before that', () => {
    const noon = new Date(2026, 10, 27, 12, 0).getTime();
    const at = (d: number, h: number, m: number) => new Date(2026, 10, d, h, m).toISOString();
    const enAt = translator('en', () => noon);
    const frAt = translator('fr', () => noon);
    expect(enAt.time(at(27, 9, 5))).toMatch(/^Today, 9:05\sAM$/);
    expect(enAt.time(at(26, 23, 59))).toMatch(/^Yesterday, 11:59\sPM$/);
    expect(frAt.time(at(27, 9, 5))).toBe('Aujourd’hui, 09:05');
    expect(frAt.time(at(26, 8, 0))).toBe('Hier, 08:00');
    expect(enAt.time(at(20, 8, 0))).toMatch(/^Nov 20, 2026, 8:00\sAM$/);
    expect(frAt.fullTime(at(20, 8, 0))).toMatch(/^vendredi 20 novembre 2026/);
  });

  it('says every error in words by its code, in both languages, keeping the technical reason', () => {
    const cases: [ErrorReason, string, string][] = [
      ['unreachable', 'The server cannot be reached', 'Le serveur est injoignable'],
      ['credentials', 'Wrong username or password.', 'Identifiant ou mot de passe incorrect.'],
      ['server-down', 'The server is not available', 'Le serveur n’est pas disponible'],
      [
        'not-wazo',
        'This address does not answer as a Wazo server',
        'Cette adresse ne répond pas comme un serveur Wazo',
      ],
      ['forbidden', 'Your Wazo user is not allowed', 'Votre utilisateur Wazo n’a pas le droit'],
      ['recording-missing', 'The server has this message, but not its recording.', 'Le serveur a ce message'],
      ['no-log-file', 'The browser preview keeps no log file', 'L’aperçu dans le navigateur ne tient pas'],
      ['bus-credentials', 'The bus refused the user name and password', 'Le bus a refusé'],
      ['other', 'Something went wrong.', 'Une erreur s’est produite.'],
    ];
    // The technical text says something else on purpose: only the code decides the words.
    const raw = 'connect ECONNREFUSED 127.0.0.1:45672 (wrong username or password)';
    for (const [reason, inEnglish, inFrench] of cases) {
      expect(refusalWords(en, { reason, error: raw }).text.startsWith(inEnglish), reason).toBe(true);
      expect(refusalWords(fr, { reason, error: raw }).text.startsWith(inFrench), reason).toBe(true);
      expect(refusalWords(fr, { reason, error: raw }).detail).toBe(raw);
    }
    // A code this window does not know (a newer core's) and no code at all read as "something went wrong".
    expect(reasonText(en, 'from-the-future')).toBe('Something went wrong.');
    expect(reasonText(en, undefined)).toBe('Something went wrong.');
    expect(reasonText(en, 'constructor')).toBe('Something went wrong.');
  });

  it('has words for every code the core may send', () => {
    const all = Object.keys({
      'signed-out': 0,
      credentials: 0,
      session: 0,
      forbidden: 0,
      'not-found': 0,
      refused: 0,
      'server-address': 0,
      'insecure-address': 0,
      unreachable: 0,
      timeout: 0,
      'server-down': 0,
      certificate: 0,
      'certificate-mismatch': 0,
      'not-wazo': 0,
      'recording-missing': 0,
      'no-log-file': 0,
      dropped: 0,
      'no-websocketd': 0,
      protocol: 0,
      'bus-credentials': 0,
      other: 0,
    } satisfies Record<ErrorReason, 0>);
    for (const reason of all) {
      if (reason === 'other') continue;
      expect(reasonText(en, reason), reason).not.toBe('Something went wrong.');
      expect(reasonText(fr, reason), reason).not.toBe(reasonText(en, reason));
    }
  });

  it('keeps the refused certificate’s fingerprint, and words a lost notifier from the bridge’s own code', () => {
    const fp = 'AB:'.repeat(31) + 'AB';
    expect(refusalWords(en, { reason: 'certificate', error: 'x', fingerprint: fp }).fingerprint).toBe(fp);
    expect(refusalWords(en, { reason: 'session', error: 'x', fingerprint: fp }).fingerprint).toBeUndefined();
    const lost = Object.assign(new Error('connection to the notifier lost'), { reason: 'notifier-lost' });
    expect(thrownWords(en, lost)).toEqual({
      text: 'The notifier cannot be reached.',
      detail: lost.message,
      reason: 'notifier-lost',
    });
    expect(thrownWords(fr, new Error('invalid login request')).text).toBe('Une erreur s’est produite.');
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
