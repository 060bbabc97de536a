/**
 * What every soak scenario shares: the result shape, the user's event stream
 * (built with the simulator, so that every event looks like what Wazo's real
 * publishers send), the truth model fed the same events, a projection of the
 * state that both sides are compared on, and timing helpers.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseConfig, type NotifierConfigInput } from '../../electron/core/config.js';
import { Notifier, type NotifierDeps } from '../../electron/core/notifier.js';
import { StateStore } from '../../electron/core/store/store.js';
import type { ConnectionState, Snapshot } from '../../electron/shared/snapshot.js';
import { SimCall } from '../../electron/sim/call-events.js';
import { publication, voicemailPublication, type Origin, type Publication } from '../../electron/sim/envelope.js';
import { ev } from '../support/events.js';
import { BROKER_URL } from '../support/broker.js';
import { percentile } from '../bench/stats.js';

/** The scale of a run: `full` is the issue's, `short` about a tenth (the one `npm test` runs). */
export type Scale = 'full' | 'short';

/** What one scenario reports: pass or fail, figures for the table, and why it failed. */
export interface ScenarioResult {
  pass: boolean;
  /** Counts and latencies (ms), in the order the table shows them. */
  figures: Record<string, number | string>;
  failures: string[];
}

export interface Scenario {
  id: string;
  title: string;
  /** The pass criterion, in words. */
  criterion: string;
  /** Stops RabbitMQ: must run under the exclusive broker lock. */
  exclusive?: boolean;
  run(scale: Scale, log: (line: string) => void): Promise<ScenarioResult>;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds, or gives up after `ms`; returns whether it held. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, every = 20): Promise<boolean> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (await check()) return true;
    await sleep(every);
  }
  return check();
}

/** p50, p95 and max of a list of durations, rounded to the millisecond. */
export function spread(xs: number[]): { p50: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => (Number.isFinite(x) ? Math.round(x) : NaN);
  return { p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), max: r(s.at(-1) ?? NaN) };
}

/** A unique tag per run, for exchange, queue and connection names. */
const runTag = (): string => randomBytes(4).toString('hex');

/** The identity of one published event: its name and its (unique per stream) timestamp. */
export const eventKey = (body: Record<string, unknown>): string => `${String(body.name)}@${String(body.timestamp)}`;

/**
 * A busy user's day, event by event: calls answered (some held), calls missed,
 * voicemails left, read and deleted, DND and forwards switched, favorites.
 * Each event carries its own instant, one millisecond apart, so that its
 * timestamp identifies it. The inbox is kept small (old messages deleted).
 */
export function userStream(userUuid: string, total: number, start = Date.now() - total): Publication[] {
  const out: Publication[] = [];
  for (const p of userEvents(userUuid, start, 1)) {
    out.push(p);
    if (out.length >= total) break;
  }
  return out;
}

/**
 * The same day as an endless stream, one event every `stepMs` of server time
 * from `start` (a simulated week passes faster than it is lived). With
 * `inbox`, old voicemails are deleted past that many (none with Infinity).
 */
export function* userEvents(userUuid: string, start: number, stepMs: number, inbox = 20): Generator<Publication> {
  const out: Publication[] = [];
  let t = start;
  const at = (): Date => new Date((t += stepMs));
  const o = (): Origin => ({ userUuid, at: at() });
  const kept: string[] = [];
  let n = 0;
  for (;;) {
    yield* out.splice(0);
    n++;
    switch (n % 8) {
      case 0:
      case 4: {
        const c = new SimCall(o(), { peer: { name: `Caller ${n}`, number: String(2000 + (n % 500)) } });
        out.push(c.created(at()), c.ringing(at()), ...c.answered(at()));
        if (n % 3 === 0) out.push(c.held(at()), c.resumed(at()));
        out.push(c.ended(16, at()));
        break;
      }
      case 1: {
        const c = new SimCall(o(), { peer: { name: `Missed ${n}`, number: String(3000 + (n % 500)) } });
        out.push(c.created(at()), c.ringing(at()), c.ended(19, at()), c.missed('no-answer', at()));
        break;
      }
      case 2:
      case 6: {
        const id = `${Math.floor(start / 1000)}-${String(n).padStart(8, '0')}`;
        const fields = { id, name: `Voice ${n}`, number: '1003', duration: 20, timestamp: Math.floor(t / 1000) };
        out.push(voicemailPublication('created', { ...fields, folder: 'new' }, o()));
        // Nothing deleted (Infinity): no list to keep either, so that a memory soak measures the app, not this.
        if (inbox !== Infinity) kept.push(id);
        if (n % 4 === 2) out.push(voicemailPublication('updated', { ...fields, folder: 'old' }, o()));
        if (kept.length > inbox) {
          const old = kept.shift()!;
          out.push(voicemailPublication('deleted', { ...fields, id: old, folder: 'old' }, o()));
        }
        break;
      }
      case 3:
        out.push(publication('users_services_dnd_updated', { user_uuid: userUuid, enabled: n % 16 === 3 }, o()));
        break;
      case 5: {
        const fwd = (['busy', 'noanswer', 'unconditional'] as const)[n % 3]!;
        out.push(
          publication(
            `users_forwards_${fwd}_updated`,
            { user_uuid: userUuid, enabled: n % 2 === 1, destination: String(1000 + n) },
            o(),
          ),
        );
        break;
      }
      case 7: {
        const fav = { xivo_uuid: 'x', user_uuid: userUuid, source: 'internal', source_entry_id: n % 7 };
        out.push(publication(n % 2 ? 'favorite_added' : 'favorite_deleted', fav, o()));
        break;
      }
    }
  }
}

/** The truth: a store fed the same events, in order, with the instant each carries. */
export function model(userUuid: string, pubs: readonly Publication[]): Snapshot {
  const store = new StateStore(userUuid);
  for (const p of pubs) {
    const stamp = Date.parse(`${String(p.body.timestamp)}Z`);
    store.apply(ev(p.body), eventKey(p.body), stamp);
  }
  return store.snapshot;
}

/** The part of a snapshot the user sees and the truth decides: no sequence numbers, no instants. */
function project(s: Snapshot): unknown {
  return {
    calls: s.calls.map((c) => [c.call_id, c.status, c.on_hold, c.peer_caller_id_name]).sort(),
    missed: s.missed_calls.map((m) => [m.conversation_id ?? m.call_id, m.caller_id_number, m.reason ?? '', m.source]),
    voicemail: {
      unread: s.voicemail.unread,
      messages: s.voicemail.messages.map((m) => `${m.id}:${m.folder.type}`).sort(),
    },
    forwards: s.forwards,
    services: s.services,
    favorites: s.favorites.map((f) => `${f.source}/${f.source_entry_id}`).sort(),
  };
}

/** Where two projections differ, slice by slice, in a few words (empty when equal). */
export function differences(app: Snapshot, truth: Snapshot, slices?: readonly string[]): string[] {
  const a = project(app) as Record<string, unknown>;
  const t = project(truth) as Record<string, unknown>;
  const out: string[] = [];
  for (const k of slices ?? Object.keys(t)) {
    const x = JSON.stringify(a[k]);
    const y = JSON.stringify(t[k]);
    if (x !== y) out.push(`${k}: app ${x.slice(0, 160)} ≠ truth ${y.slice(0, 160)}`);
  }
  return out;
}

/** A notifier on the real broker, its own connection name, nothing else on it. */
export function amqpNotifier(
  userUuid: string,
  extra: Partial<NotifierConfigInput> = {},
  deps: NotifierDeps = {},
): { notifier: Notifier; connectionName: string; installId: string } {
  const installId = `soak${runTag()}`;
  const parsed = parseConfig({ url: BROKER_URL, userUuid, installId, maxReconnectDelayMs: 2_000, ...extra });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const connectionName = `wazo-notifier-soak-${installId}`;
  return { notifier: new Notifier(parsed.config, { connectionName, ...deps }), connectionName, installId };
}

/** Every status change of a source, with when it happened (performance.now()). */
export class StatusLog {
  readonly entries: { at: number; status: ConnectionState['status'] }[] = [];
  record = (s: { status: ConnectionState['status'] }): void => {
    this.entries.push({ at: performance.now(), status: s.status });
  };

  /** When the source next became connected after `since`, or undefined. */
  connectedAfter(since: number): number | undefined {
    return this.entries.find((e) => e.at >= since && e.status === 'connected')?.at;
  }

  /** When the source first left `connected` after `since`, or undefined. */
  lostAfter(since: number): number | undefined {
    return this.entries.find((e) => e.at >= since && e.status !== 'connected')?.at;
  }
}

/** Counts each event key the app applied: more than once is a duplicate; absent is lost. */
export function tally(
  published: readonly Publication[],
  applied: ReadonlyMap<string, number>,
): { lost: number; twice: number; lostKeys: string[] } {
  let lost = 0;
  let twice = 0;
  const lostKeys: string[] = [];
  for (const p of published) {
    const n = applied.get(eventKey(p.body)) ?? 0;
    if (n === 0) {
      lost++;
      if (lostKeys.length < 5) lostKeys.push(eventKey(p.body));
    }
    if (n > 1) twice++;
  }
  return { lost, twice, lostKeys };
}

/** A small seeded PRNG (mulberry32): the same run fuzzes the same bodies. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Publishes one item after another, waiting while more than `backlog` are
 * published but not yet handled: the queue's `x-max-length` (10,000) must
 * never drop what a scenario counts on.
 */
export async function publishPaced<T>(
  items: Iterable<T>,
  publishOne: (item: T) => void | Promise<void>,
  handled: () => number,
  backlog = 4_000,
): Promise<number> {
  let sent = 0;
  for (const item of items) {
    await publishOne(item);
    if (++sent % 100 !== 0) continue;
    // Let the sockets speak (a publish loop of microtasks alone would starve the consumer), then mind the backlog.
    await new Promise((r) => setImmediate(r));
    while (sent - handled() > backlog) await sleep(2);
  }
  return sent;
}

/**
 * Publishes every item paced by what the notifier has judged (see
 * `publishPaced`), then waits until it has judged them all (or `ms` passed)
 * and a moment more for any late one; returns how many were published.
 */
export async function publishJudged<T>(
  notifier: Notifier,
  items: Iterable<T>,
  publishOne: (item: T) => void | Promise<void>,
  opts: { backlog?: number; ms?: number } = {},
): Promise<number> {
  const sent = await publishPaced(items, publishOne, () => judged(notifier.stats), opts.backlog);
  await until(() => judged(notifier.stats) >= sent, opts.ms ?? 120_000);
  await sleep(300);
  return sent;
}

/**
 * The user's events spread evenly through `count` others (`other(i)` makes the
 * i-th), then whatever is left of them: the user's stream judged among noise.
 */
export function* interleave<T, U>(mine: readonly T[], count: number, other: (i: number) => U): Generator<T | U> {
  const every = Math.max(1, Math.round(count / Math.max(1, mine.length)));
  let v = 0;
  for (let i = 0; i < count; i++) {
    if (i % every === 0 && v < mine.length) yield mine[v++]!;
    yield other(i);
  }
  while (v < mine.length) yield mine[v++]!;
}

/** Everything the notifier's pipeline has judged so far (accepted, repeated, foreign, rejected). */
export function judged(stats: {
  accepted: number;
  duplicates: number;
  foreign: number;
  rejected: Partial<Record<string, number>>;
}): number {
  let rejected = 0;
  for (const n of Object.values(stats.rejected)) rejected += n ?? 0;
  return stats.accepted + stats.duplicates + stats.foreign + rejected;
}
