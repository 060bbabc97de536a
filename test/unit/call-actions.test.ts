/** The call actions' own rules: which numbers a request may hold, and each calld error's reason. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { callActionReason } from '../../electron/core/wazo/call-actions.js';
import { WazoHttpError } from '../../electron/core/wazo/http-client.js';
import { CallIdSchema, ExtensionSchema } from '../../electron/shared/call-actions.js';

describe('call action requests', () => {
  it('takes phone-like numbers, spaces removed as calld does', () => {
    expect(v.parse(ExtensionSchema, '+1 418 555 0100')).toBe('+14185550100');
    expect(v.parse(ExtensionSchema, '*10')).toBe('*10');
    for (const bad of ['', '   ', '1002;drop', 'x'.repeat(129), '<b>']) expect(v.is(ExtensionSchema, bad)).toBe(false);
  });

  it('takes Asterisk channel ids as call ids, never a path', () => {
    expect(v.is(CallIdSchema, '1724107131.42')).toBe(true);
    for (const bad of ['', '../x', 'a/b', 'a b']) expect(v.is(CallIdSchema, bad)).toBe(false);
  });
});

describe('why a call action failed', () => {
  const err = (kind: ConstructorParameters<typeof WazoHttpError>[0], status?: number, id?: string) =>
    new WazoHttpError(kind, 'x', status, undefined, id);

  it('reads calld’s error_id first', () => {
    expect(callActionReason(err('refused', 400, 'user-missing-main-line'))).toBe('no-line');
    expect(callActionReason(err('refused', 400, 'invalid-user-line'))).toBe('no-line');
    expect(callActionReason(err('refused', 400, 'invalid-extension'))).toBe('invalid-extension');
    expect(callActionReason(err('refused', 400, 'call-origin-unavailable'))).toBe('phone-offline');
    expect(callActionReason(err('server', 503, 'phoned-error'))).toBe('phone-unsupported');
    expect(callActionReason(err('not_found', 404, 'no-such-call'))).toBe('no-such-call');
  });

  it('falls back on the status: down or unreachable servers, other refusals', () => {
    expect(callActionReason(err('server', 503, 'asterisk-ari-unreachable'))).toBe('unreachable');
    expect(callActionReason(err('network'))).toBe('unreachable');
    expect(callActionReason(err('timeout'))).toBe('unreachable');
    expect(callActionReason(err('forbidden', 403))).toBe('not-yours');
    // Beyond calld's own reasons, what any request may fail for (words chosen by the window).
    expect(callActionReason(err('refused', 400, 'call-creation'))).toBe('refused');
    expect(callActionReason(new Error('boom'))).toBe('other');
  });
});
