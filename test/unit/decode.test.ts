import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../electron/core/events/catalog.js';
import {
  MAX_BODY_BYTES,
  MAX_STRING_LENGTH,
  checkSize,
  parseEnvelope,
  validateEnvelope,
} from '../../electron/core/events/decode.js';
import { SCENARIOS, scenario } from '../../electron/sim/scenarios.js';
import { specEvents } from '../support/spec-events.js';

const USER = 'a1223fe6-bff8-4fb6-a982-f9157dea5094';

function decode(body: unknown) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const parsed = checkSize(bytes) ?? parseEnvelope(bytes);
  return parsed.ok ? validateEnvelope(parsed.body) : parsed;
}

describe('decoding valid events', () => {
  it('accepts every example event of the message-bus page', () => {
    for (const [name, body] of Object.entries(specEvents(USER))) {
      const result = decode(body);
      expect(result, name).toMatchObject({ ok: true, event: { name } });
    }
  });

  it('accepts every event the simulator publishes, covering the whole catalog', () => {
    const seen = new Set<string>();
    for (const pub of scenario('all', { userUuid: USER })) {
      const result = decode(pub.body);
      expect(result, pub.name).toMatchObject({ ok: true });
      seen.add(pub.name);
    }
    const missing = EVENT_NAMES.filter((n) => !seen.has(n));
    // The scenarios cover all but the rarer events; these are exercised below.
    expect(missing.sort()).toEqual(['users_forwards_noanswer_updated', 'users_services_incallfilter_updated'].sort());
    expect(SCENARIOS.length).toBeGreaterThan(5);
  });

  it('accepts the rarer events and the minimal payloads of old servers', () => {
    const minimal: Record<string, unknown>[] = [
      { name: 'call_updated', data: { call_id: '1.2' } },
      { name: 'call_ended', data: { call_id: '1.2' } },
      { name: 'call_held', data: { call_id: '1.2' } },
      { name: 'user_missed_call', data: {} },
      { name: 'users_forwards_noanswer_updated', data: { enabled: false } },
      { name: 'users_services_incallfilter_updated', data: { enabled: true } },
      { name: 'user_voicemail_message_deleted', data: { message_id: 'm1' } },
      { name: 'favorite_deleted', data: { source: 'personal', source_entry_id: 'abc' } },
    ];
    for (const body of minimal) expect(decode(body), String(body.name)).toMatchObject({ ok: true });
  });

  it('keeps unknown envelope and data keys (newer Wazo versions add them)', () => {
    const result = decode({
      name: 'users_services_dnd_updated',
      required_access: 'event.users_services_dnd_updated',
      'user_uuid:abc': true,
      service_name: 'dnd',
      data: { enabled: true, brand_new_field: [1, 2] },
    });
    expect(result).toMatchObject({
      ok: true,
      event: { service_name: 'dnd', data: { enabled: true, brand_new_field: [1, 2] } },
    });
  });

  it('accepts nulls where Wazo sends them', () => {
    const result = decode({
      name: 'call_updated',
      data: { call_id: '1.2', caller_id_name: null, answer_time: null, talking_to: { '1.3': null } },
    });
    expect(result).toMatchObject({ ok: true });
  });
});

describe('rejecting bad input, with a reason', () => {
  const cases: [string, Buffer | string | unknown, string][] = [
    ['not JSON', '{"name": "call_created", ', 'not_json'],
    ['empty body', '', 'not_json'],
    ['not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'not_utf8'],
    ['an array', [], 'not_object'],
    ['a string', '"call_created"', 'not_object'],
    ['null', 'null', 'not_object'],
    ['no name', { data: {} }, 'no_name'],
    ['a numeric name', { name: 42, data: {} }, 'no_name'],
    ['an unknown name', { name: 'chat_message_event', data: {} }, 'unknown_name'],
    ['a call without call_id', { name: 'call_created', data: { status: 'Up' } }, 'invalid'],
    ['a wrong field type', { name: 'call_updated', data: { call_id: '1.2', on_hold: 'yes' } }, 'invalid'],
    ['data that is not an object', { name: 'call_updated', data: 'x' }, 'invalid'],
    // Found by the soak's fuzz: valibot's object schemas took an array, and a missed call with nothing in it was listed.
    ['data that is an array', { name: 'user_missed_call', data: [1, 2, 3] }, 'invalid'],
    ['a service event whose data is an array', { name: 'users_services_dnd_updated', data: [true] }, 'invalid'],
    [
      'a voicemail folder that is an array',
      { name: 'user_voicemail_message_created', data: { message_id: 'm', message: { id: 'm', folder: ['new'] } } },
      'invalid',
    ],
    ['a forward without enabled', { name: 'users_forwards_busy_updated', data: { destination: '1' } }, 'invalid'],
    [
      'a voicemail event without any id',
      { name: 'user_voicemail_message_created', data: { user_uuid: USER } },
      'invalid',
    ],
    ['a required_acl that is not a string', { name: 'call_held', required_acl: 7, data: { call_id: '1' } }, 'invalid'],
    ['a __proto__ key', '{"name":"call_updated","data":{"call_id":"1","__proto__":{"polluted":true}}}', 'unsafe_key'],
    [
      'a constructor key',
      { name: 'call_updated', data: { call_id: '1', talking_to: { constructor: 'x' } } },
      'unsafe_key',
    ],
  ];
  for (const [title, input, reason] of cases) {
    it(`rejects ${title} as ${reason}`, () => {
      const content = Buffer.isBuffer(input) ? input : typeof input === 'string' ? input : JSON.stringify(input);
      const result = decode(content);
      expect(result).toMatchObject({ ok: false, reason });
      if (!result.ok) expect(result.detail.length).toBeGreaterThan(0);
    });
  }

  it('rejects a body over 1 MiB before parsing it, and lets one of exactly 1 MiB through to the parser', () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    expect(checkSize(big)).toMatchObject({ ok: false, reason: 'too_large' });
    expect(checkSize(big.subarray(1))).toBeUndefined();
  });

  // Found by the soak's fuzz: a 200,000-character caller name passed as a valid event and stayed in the store.
  it('rejects a string too long to be part of an event, anywhere in it', () => {
    const huge = 'x'.repeat(MAX_STRING_LENGTH + 1);
    const events = [
      { name: 'call_updated', data: { call_id: '1', caller_id_name: huge } },
      { name: 'favorite_added', data: { source: huge, source_entry_id: 1 } },
      { name: 'call_updated', origin_uuid: huge, data: { call_id: '1' } },
      { name: 'call_updated', data: { call_id: '1', talking_to: { [huge]: null } } },
    ];
    for (const e of events) expect(decode(JSON.stringify(e))).toMatchObject({ ok: false, reason: 'too_large' });
    const long = 'y'.repeat(MAX_STRING_LENGTH);
    expect(
      decode(JSON.stringify({ name: 'call_updated', data: { call_id: '1', caller_id_name: long } })),
    ).toMatchObject({
      ok: true,
    });
  });

  it('rejects absurdly deep nesting', () => {
    const deep = '{"name":"call_updated","data":{"call_id":"1","x":' + '['.repeat(100) + ']'.repeat(100) + '}}';
    expect(decode(deep)).toMatchObject({ ok: false, reason: 'unsafe_key' });
  });

  it('never pollutes Object.prototype', () => {
    decode('{"name":"call_updated","__proto__":{"polluted":1},"data":{"call_id":"1"}}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
