/**
 * Turns the bytes of a bus message into a validated event, or into a reason to
 * reject it. Nothing here throws: every bad input becomes a `Rejection`.
 */
import { isUtf8 } from 'node:buffer';
import * as v from 'valibot';
import { catalogEntry, isEventName, type WazoEvent } from './catalog.js';

/** Wazo events are a few kilobytes at most; anything larger is not one of them. */
export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_DEPTH = 32;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type RejectReason =
  | 'too_large'
  | 'not_utf8'
  | 'not_json'
  | 'not_object'
  | 'no_name'
  | 'unknown_name'
  | 'unsafe_key'
  | 'invalid'
  | 'acl_denied';

export interface Rejection {
  ok: false;
  reason: RejectReason;
  detail: string;
}

const reject = (reason: RejectReason, detail: string): Rejection => ({ ok: false, reason, detail });

/** A JSON object with a string `name`: enough to scope a message before validating it. */
export type RawEnvelope = Record<string, unknown> & { name: string };

/** Parses bytes into a raw envelope: size, UTF-8, JSON, object and name checks. */
export function parseEnvelope(content: Buffer): { ok: true; body: RawEnvelope } | Rejection {
  if (content.length > MAX_BODY_BYTES) return reject('too_large', `${content.length} bytes > ${MAX_BODY_BYTES}`);
  if (!isUtf8(content)) return reject('not_utf8', 'body is not valid UTF-8');
  let body: unknown;
  try {
    body = JSON.parse(content.toString('utf8'));
  } catch (err) {
    return reject('not_json', err instanceof Error ? err.message : 'unparseable');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return reject(
      'not_object',
      `body is ${Array.isArray(body) ? 'an array' : typeof body === 'object' ? 'null' : typeof body}`,
    );
  }
  const name = (body as Record<string, unknown>)['name'];
  if (typeof name !== 'string' || name === '') return reject('no_name', 'no string "name"');
  return { ok: true, body: body as RawEnvelope };
}

/** Validates a raw envelope against the catalog. */
export function validateEnvelope(body: RawEnvelope): { ok: true; event: WazoEvent } | Rejection {
  if (!isEventName(body.name)) return reject('unknown_name', `unknown event "${body.name.slice(0, 80)}"`);
  const unsafe = findUnsafeKey(body, 0);
  if (unsafe) return reject('unsafe_key', unsafe);
  const result = v.safeParse(catalogEntry(body.name).schema, body);
  if (!result.success) return reject('invalid', v.summarize(result.issues).replaceAll('\n', '; '));
  return { ok: true, event: result.output as WazoEvent };
}

/** Finds a key that could pollute prototypes once merged, or a nesting too deep to be an event. */
function findUnsafeKey(value: unknown, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH}`;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnsafeKey(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (UNSAFE_KEYS.has(key)) return `forbidden key "${key}"`;
    const found = findUnsafeKey((value as Record<string, unknown>)[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}
