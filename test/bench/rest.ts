/**
 * The REST read after a login or a reconnect, against a bare read of the same
 * answer: an inbox of 5,000 voicemails from the fake Wazo on 127.0.0.1.
 * - bare: one GET with the token and JSON.parse (undici, nothing else);
 * - pipeline: the same GET through the client (deadline, retries' wrapper),
 *   the answer checked against calld's schema, turned into the inbox, and
 *   merged into a store while 1,000 events applied during the read are replayed.
 * Rounds alternate who goes first.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { StateStore } from '../../electron/core/store/store.js';
import { inboxFromFolders } from '../../electron/core/store/voicemail.js';
import { closeLink, login } from '../../electron/core/wazo/login.js';
import { ev } from '../support/events.js';
import { sampleUser, startFakeWazo, type FakeMessage } from '../support/fake-wazo.js';
import { median, percentile } from './stats.js';

const MESSAGES = 5_000;
const REPLAYED = 1_000;
const ROUNDS = Number(process.env.BENCH_REST_ROUNDS ?? 30);

export interface RestBench {
  messages: number;
  replayed_events: number;
  rounds: number;
  answer_bytes: number;
  bare_ms: { p50: number; p99: number };
  pipeline_ms: { p50: number; p99: number };
  /** Pipeline time over bare time (median of the per-round ratios). */
  ratio: number;
}

export async function restBench(): Promise<RestBench> {
  const uuid = randomUUID();
  const voicemail: FakeMessage[] = Array.from({ length: MESSAGES }, (_, i) => ({
    id: `vm-${i}`,
    caller_id_name: `Caller ${i}`,
    caller_id_num: String(3000 + i),
    duration: 20 + (i % 90),
    timestamp: 1_700_000_000 + i * 60,
    folder: i % 2 ? 'old' : 'new',
  }));
  const fake = await startFakeWazo({ users: [{ ...sampleUser(uuid), voicemail }] });
  const link = await login({ server: fake.url, username: 'alice', password: 'pa55-word' });
  const url = `${fake.url}/api/calld/1.0/users/me/voicemails`;
  const events = Array.from({ length: REPLAYED }, (_, i) =>
    ev({ name: 'users_services_dnd_updated', data: { user_uuid: uuid, enabled: i % 2 === 0 } }),
  );
  let bytes = 0;

  const bare = async (): Promise<number> => {
    const t = performance.now();
    const res = await request(url, { headers: { 'x-auth-token': link.auth.token, accept: 'application/json' } });
    const text = await res.body.text();
    bytes = text.length;
    const parsed = JSON.parse(text) as { folders: unknown[] };
    if (parsed.folders.length === 0) throw new Error('empty answer');
    return performance.now() - t;
  };
  const pipeline = async (): Promise<number> => {
    const store = new StateStore(uuid);
    store.beginResync();
    // Events the bus delivered while the read was in flight (their own cost is the bus's, not timed here).
    for (const e of events) store.apply(e);
    const t = performance.now();
    const answer = await link.api.getVoicemail();
    store.completeResync({ voicemail: inboxFromFolders(answer.id ?? null, answer.folders) });
    const took = performance.now() - t;
    if (store.snapshot.voicemail.messages.length !== MESSAGES) throw new Error('inbox not merged');
    return took;
  };

  try {
    for (let i = 0; i < 3; i++) {
      await bare();
      await pipeline();
    }
    const b: number[] = [];
    const p: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let bt: number;
      let pt: number;
      if (r % 2) {
        pt = await pipeline();
        bt = await bare();
      } else {
        bt = await bare();
        pt = await pipeline();
      }
      b.push(bt);
      p.push(pt);
      ratios.push(pt / bt);
    }
    const sorted = (a: number[]) => [...a].sort((m, n) => m - n);
    return {
      messages: MESSAGES,
      replayed_events: REPLAYED,
      rounds: ROUNDS,
      answer_bytes: bytes,
      bare_ms: { p50: +median(b).toFixed(2), p99: +percentile(sorted(b), 99).toFixed(2) },
      pipeline_ms: { p50: +median(p).toFixed(2), p99: +percentile(sorted(p), 99).toFixed(2) },
      ratio: +median(ratios).toFixed(2),
    };
  } finally {
    await closeLink(link, true);
    await fake.close();
  }
}
