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
/**
 * No string of a Wazo event comes near this (names, numbers, ids; a voicemail
 * transcription of an hour is about 40,000 characters). A longer one is not an
 * event, and would be kept by the store (up to 10,000 voicemails) and sent to
 * the window on every change.
 */
export const MAX_STRING_LENGTH = 64 * 1024;
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

/** The first check of a body, before anything reads it (ingest runs it ahead of the user-scope scan of the bytes). */
export function checkSize(content: Buffer): Rejection | undefined {
  return content.length > MAX_BODY_BYTES
    ? reject('too_large', `${content.length} bytes > ${MAX_BODY_BYTES}`)
    : undefined;
}

/** Parses bytes that passed `checkSize` into a raw envelope: UTF-8, JSON, object and name checks. */
export function parseEnvelope(content: Buffer): { ok: true; body: RawEnvelope } | Rejection {
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
  const problem = findProblem(body, 0);
  if (problem) return problem;
  const result = v.safeParse(catalogEntry(body.name).schema, body);
  if (!result.success) return reject('invalid', v.summarize(result.issues).replaceAll('\n', '; '));
  return { ok: true, event: result.output as WazoEvent };
}

/**
 * Finds a key that could pollute prototypes once merged, a nesting too deep to
 * be an event (`unsafe_key`), or a string too long to be one (`too_large`).
 */
function findProblem(value: unknown, depth: number): Rejection | undefined {
  if (typeof value === 'string') {
    return value.length > MAX_STRING_LENGTH
      ? reject('too_large', `a string of ${value.length} characters > ${MAX_STRING_LENGTH}`)
      : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return reject('unsafe_key', `nested deeper than ${MAX_DEPTH}`);
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findProblem(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (UNSAFE_KEYS.has(key)) return reject('unsafe_key', `forbidden key "${key}"`);
    if (key.length > MAX_STRING_LENGTH) return reject('too_large', `a key of ${key.length} characters`);
    const found = findProblem((value as Record<string, unknown>)[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}
