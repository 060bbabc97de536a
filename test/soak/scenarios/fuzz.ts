/**
 * Fuzzed bodies on the user's own queue (routed with the user's headers, so
 * that the client, not the broker, must judge them), interleaved with the
 * user's valid events: nothing crashes, every valid event is applied, every
 * bad body is rejected and counted with a reason.
 */
import type { EventName } from '../../../electron/core/events/catalog.js';
import { MAX_STRING_LENGTH } from '../../../electron/core/events/decode.js';
import type { Publication } from '../../../electron/sim/envelope.js';
import { openBusUser } from '../bus-user.js';
import {
  differences,
  interleave,
  model,
  publishJudged,
  seeded,
  sleep,
  tally,
  userStream,
  type Scenario,
} from '../common.js';

const SCALE = { full: { fuzz: 100_000, valid: 10_000 }, short: { fuzz: 10_000, valid: 1_000 } };

type Kind =
  | 'random_bytes'
  | 'truncated_json'
  | 'wrong_types'
  | 'huge_string'
  | 'oversized'
  | 'deep_nesting'
  | 'proto_key'
  | 'invalid_utf8'
  | 'not_object'
  | 'no_name'
  | 'unknown_name';

interface Bad {
  kind: Kind;
  content: Buffer;
  /** The event name its headers carry (so that the broker routes it to the user). */
  name: EventName;
}

/** The data fields the catalog gives a type (the user's uuid aside: it decides the scope). */
const TYPED = new Set([
  'call_id',
  'conversation_id',
  'line_id',
  'sip_call_id',
  'bridges',
  'caller_id_name',
  'caller_id_number',
  'peer_caller_id_name',
  'peer_caller_id_number',
  'creation_time',
  'answer_time',
  'hangup_time',
  'status',
  'on_hold',
  'muted',
  'parked',
  'is_video',
  'is_caller',
  'record_state',
  'talking_to',
  'dialed_extension',
  'direction',
  'reason_code',
  'caller_user_uuid',
  'reason',
  'user_id',
  'tenant_uuid',
  'enabled',
  'destination',
  'voicemail_id',
  'message_id',
  'message',
  'xivo_uuid',
  'source',
  'source_entry_id',
]);

/** A value of a type no field of the catalog accepts where `v` stands (ids take a string or a number). */
function wrongFor(v: unknown, pick: <T>(xs: readonly T[]) => T): unknown {
  if (typeof v === 'string') return pick([true, { a: 1 }, [1]]);
  if (typeof v === 'number') return pick([true, { n: v }, [v]]);
  if (typeof v === 'boolean') return pick(['yes', 7, {}]);
  return pick(['a string', 12, true]);
}

/** One bad body, built from a valid event of the user's (so that only what the fuzz broke is wrong). */
function fuzzOne(rand: () => number, valid: Publication): Bad {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const json = JSON.stringify(valid.body);
  const name = valid.name;
  const body = (): Record<string, unknown> => structuredClone(valid.body);
  const data = (b: Record<string, unknown>) => b['data'] as Record<string, unknown>;
  const r = rand();
  // Rare and costly kinds first: a few huge bodies, more huge strings inside a valid shape.
  if (r < 0.0003)
    return { kind: 'oversized', name, content: Buffer.alloc(1024 * 1024 + 1 + Math.floor(rand() * 1000), 0x61) };
  if (r < 0.005) {
    const b = body();
    const d = data(b);
    const key = pick(Object.keys(d).filter((k) => typeof d[k] === 'string' && k !== 'user_uuid')) ?? 'caller_id_name';
    d[key] = 'x'.repeat(MAX_STRING_LENGTH + 1 + Math.floor(rand() * 200_000));
    return { kind: 'huge_string', name, content: Buffer.from(JSON.stringify(b)) };
  }
  const kind = pick([
    'random_bytes',
    'truncated_json',
    'wrong_types',
    'deep_nesting',
    'proto_key',
    'invalid_utf8',
    'not_object',
    'no_name',
    'unknown_name',
  ] as const);
  switch (kind) {
    case 'random_bytes': {
      const b = Buffer.alloc(1 + Math.floor(rand() * 300));
      for (let i = 0; i < b.length; i++) b[i] = Math.floor(rand() * 256);
      // Random bytes that happen to be a JSON value are not what this case means.
      return { kind, name, content: b[0] === 0x7b || b[0] === 0x5b ? Buffer.concat([Buffer.from([0xff]), b]) : b };
    }
    case 'truncated_json':
      return { kind, name, content: Buffer.from(json.slice(0, Math.max(1, Math.floor(rand() * (json.length - 1))))) };
    case 'wrong_types': {
      const b = body();
      // A wrong type only where the catalog types the field (unknown keys are tolerated, whatever their type).
      if (rand() < 0.3) b['data'] = pick(['a string', 12, [1, 2, 3], null]);
      else {
        const d = data(b);
        const key = pick(Object.keys(d).filter((k) => TYPED.has(k) && d[k] !== null && d[k] !== undefined));
        d[key] = wrongFor(d[key], pick);
      }
      return { kind, name, content: Buffer.from(JSON.stringify(b)) };
    }
    case 'deep_nesting': {
      const depth = 33 + Math.floor(rand() * (rand() < 0.01 ? 50_000 : 500));
      const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      return { kind, name, content: Buffer.from(json.replace(/"data":\{/, `"deep":${nested},"data":{`)) };
    }
    case 'proto_key': {
      const key = pick(['__proto__', 'constructor', 'prototype']);
      const where = rand() < 0.5 ? /"data":\{/ : /^\{/;
      const inject = `"${key}":{"polluted":true},`;
      return { kind, name, content: Buffer.from(json.replace(where, (m) => `${m}${inject}`)) };
    }
    case 'invalid_utf8': {
      const b = Buffer.from(json);
      const at = Math.floor(rand() * b.length);
      return {
        kind,
        name,
        content: Buffer.concat([b.subarray(0, at), Buffer.from([pick([0xc3, 0xff, 0xed, 0x80])]), b.subarray(at)]),
      };
    }
    case 'not_object':
      return { kind, name, content: Buffer.from(pick(['null', '[1,2,3]', '"a string"', '42', 'true', `[${json}]`])) };
    case 'no_name': {
      const b = body();
      if (rand() < 0.5) delete b['name'];
      else b['name'] = pick([null, 42, '', ['call_created']]);
      return { kind, name, content: Buffer.from(JSON.stringify(b)) };
    }
    case 'unknown_name': {
      const b = body();
      b['name'] = pick([
        'call_createdd',
        'CALL_CREATED',
        'user_voicemail_message_exploded',
        `${name} `,
        'x'.repeat(300),
      ]);
      return { kind, name, content: Buffer.from(JSON.stringify(b)) };
    }
  }
}

export const fuzzScenario: Scenario = {
  id: 'fuzz',
  title: 'fuzzed bodies interleaved with valid events (AMQP)',
  criterion: '0 crashes, every valid event applied, every bad one counted with a reason',
  async run(scale, log) {
    const { fuzz, valid } = SCALE[scale];
    const rand = seeded(13);
    const crashes: string[] = [];
    const appLog = { info: () => {}, warn: () => {}, error: (m: string) => crashes.push(m) };
    const user = await openBusUser('soak-fuzz', { deps: { log: appLog } });
    const { me, notifier, publisher, applied } = user;
    const stream = userStream(me, valid);
    const kinds: Partial<Record<Kind, number>> = {};
    const failures: string[] = [];
    try {
      await user.start();
      await publishJudged(
        notifier,
        interleave(stream, fuzz, (i) => fuzzOne(rand, stream[(i * 7) % stream.length]!)),
        async (m) => {
          if ('body' in m) return publisher.publish(m);
          kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
          // The user's headers: the broker routes it to the user's queue, the client must judge it.
          const headers = { name: m.name, [`user_uuid:${me}`]: true };
          publisher.raw('', m.content, headers);
          if (m.content.length > 100_000) await sleep(1);
        },
        { ms: 60_000 },
      );
      log(`kinds ${JSON.stringify(kinds)}`);
      const rejected = Object.values(notifier.stats.rejected).reduce((a, b) => a + (b ?? 0), 0);
      const { lost, twice } = tally(stream, applied);
      const extra = notifier.stats.accepted - valid;
      const diff = differences(notifier.snapshot, model(me, stream));
      if (crashes.length) failures.push(`${crashes.length} handler crashes, e.g. ${crashes[0]}`);
      if (lost) failures.push(`${lost} valid events not applied`);
      if (twice) failures.push(`${twice} valid events applied twice`);
      if (extra > 0) failures.push(`${extra} bad bodies accepted as events`);
      if (rejected !== fuzz)
        failures.push(`${rejected} rejected with a reason, of ${fuzz} bad bodies (foreign: ${notifier.stats.foreign})`);
      if ((Object.prototype as Record<string, unknown>)['polluted'] !== undefined)
        failures.push('Object.prototype polluted');
      failures.push(...diff);
      return {
        pass: failures.length === 0,
        figures: {
          bad_bodies: fuzz,
          valid_events: valid,
          crashes: crashes.length,
          valid_applied: valid - lost,
          accepted_bad: Math.max(0, extra),
          rejected_with_reason: rejected,
          ...Object.fromEntries(Object.entries(notifier.stats.rejected).map(([k, v]) => [`reason_${k}`, v ?? 0])),
          state_equal: diff.length === 0 ? 'yes' : 'no',
        },
        failures,
      };
    } finally {
      await user.close();
    }
  },
};
