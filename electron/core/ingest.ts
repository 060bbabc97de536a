/**
 * One bus message in, one verdict out: accepted (with its event), foreign (not
 * the user's: dropped silently), or rejected (malformed or not allowed: counted
 * and reported). Order matters for cost: other users' messages are dropped
 * before parsing when their bytes cannot be the user's, and right after
 * parsing otherwise, always before any schema work. A malformed message that
 * names no user in its bytes or headers cannot be attributed to anyone and
 * counts as foreign.
 */
import { createHash } from 'node:crypto';
import type { WazoEvent } from './events/catalog.js';
import { checkSize, parseEnvelope, validateEnvelope, type RawEnvelope, type Rejection } from './events/decode.js';
import type { SourceMessage } from './bus/event-source.js';
import type { AclChecker } from './scope/acl.js';
import type { UserScope } from './scope/user-scope.js';

export type Verdict =
  { ok: true; event: WazoEvent; raw: RawEnvelope; fingerprint: string } | { ok: false; reason: 'foreign' } | Rejection;

/** Classifies one message for the user of `scope`; `acl` is null while the user's ACLs are unknown. */
export function ingest(msg: SourceMessage, scope: UserScope, acl: AclChecker | null): Verdict {
  // Too large to be an event: rejected before the user's uuid is even looked for in its bytes.
  const tooLarge = checkSize(msg.content);
  if (tooLarge) return tooLarge;
  // Bytes that name neither the user nor a call cannot be the user's: no need to parse them.
  if (!scope.mayOwn(msg.content, msg)) return { ok: false, reason: 'foreign' };
  const parsed = parseEnvelope(msg.content);
  if (!parsed.ok) return parsed;
  if (!scope.owns(parsed.body, msg)) return { ok: false, reason: 'foreign' };
  const valid = validateEnvelope(parsed.body);
  if (!valid.ok) return valid;
  if (acl) {
    const required = Object.hasOwn(parsed.body, 'required_acl') ? valid.event.required_acl : undefined;
    if (!acl.allows(required)) {
      return { ok: false, reason: 'acl_denied', detail: `required_acl ${JSON.stringify(required ?? '(absent)')}` };
    }
  }
  const fingerprint = createHash('sha1').update(msg.content).digest('base64');
  return { ok: true, event: valid.event, raw: parsed.body, fingerprint };
}
