import { describe, expect, it } from 'vitest';
import { ingest } from '../../electron/core/ingest.js';
import { AclChecker } from '../../electron/core/scope/acl.js';
import { UserScope } from '../../electron/core/scope/user-scope.js';
import { publication } from '../../electron/sim/envelope.js';

const ME = '2e752722-0864-4665-887d-a78a024cf7c7';
const OTHER = '8e58d2a7-cfed-4c2e-ac72-14e0b5c26dc2';
const scope = new UserScope(ME, (id) => id === 'live.1');
const msg = (body: unknown, routingKey = 'calls.call.updated', headers?: Record<string, unknown>) => ({
  content: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  routingKey,
  headers,
});

describe('ingest', () => {
  it('accepts the user’s event with its raw envelope and a fingerprint', () => {
    const p = publication('users_services_dnd_updated', { user_uuid: ME, enabled: true }, { userUuid: ME });
    const v = ingest(msg(p.body, p.routingKey, p.headers), scope, null);
    expect(v).toMatchObject({ ok: true, event: { name: 'users_services_dnd_updated' }, raw: p.body });
    if (v.ok) expect(v.fingerprint).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
  });

  it('drops another user’s event as foreign, before or after parsing', () => {
    const p = publication('call_updated', { call_id: '1', user_uuid: OTHER }, { userUuid: OTHER });
    expect(ingest(msg(p.body, p.routingKey, p.headers), scope, null)).toEqual({ ok: false, reason: 'foreign' });
    // Bytes that name the user somewhere but whose data names another user are foreign too.
    const tricky = { name: 'call_updated', data: { call_id: '1', user_uuid: OTHER, caller_id_name: ME } };
    expect(ingest(msg(tricky), scope, null)).toEqual({ ok: false, reason: 'foreign' });
  });

  it('counts garbage that names nobody as foreign, and garbage addressed to the user as rejected', () => {
    expect(ingest(msg('not json'), scope, null)).toEqual({ ok: false, reason: 'foreign' });
    expect(ingest(msg('not json', 'x', { [`user_uuid:${ME}`]: true }), scope, null)).toMatchObject({
      ok: false,
      reason: 'not_json',
    });
    expect(ingest(msg(`{"oops": "${ME}"`), scope, null)).toMatchObject({ ok: false, reason: 'not_json' });
  });

  it('parses holds that name only a call, and keeps those of the user’s live calls', () => {
    const held = { name: 'call_held', data: { call_id: 'live.1' } };
    expect(ingest(msg(held, 'calls.hold.created'), scope, null)).toMatchObject({ ok: true });
    expect(ingest(msg({ ...held, data: { call_id: 'x' } }, 'calls.hold.created'), scope, null)).toEqual({
      ok: false,
      reason: 'foreign',
    });
  });

  it('rejects an oversized body before looking at it', () => {
    expect(ingest(msg(Buffer.alloc(2 * 1024 * 1024).toString()), scope, null)).toMatchObject({
      ok: false,
      reason: 'too_large',
    });
  });

  it('applies the ACL check once the ACLs are known', () => {
    const acl = new AclChecker(['events.calls.me'], { userUuid: ME });
    const call = publication('call_created', { call_id: '1', user_uuid: ME }, { userUuid: ME });
    const dnd = publication('users_services_dnd_updated', { user_uuid: ME, enabled: true }, { userUuid: ME });
    expect(ingest(msg(call.body, call.routingKey), scope, acl)).toMatchObject({ ok: true });
    expect(ingest(msg(dnd.body, dnd.routingKey), scope, acl)).toMatchObject({ ok: false, reason: 'acl_denied' });
    const { required_acl: _dropped, ...noAcl } = call.body;
    expect(ingest(msg(noAcl, call.routingKey), scope, acl)).toMatchObject({ ok: false, reason: 'acl_denied' });
    expect(ingest(msg({ ...call.body, required_acl: null }, call.routingKey), scope, acl)).toMatchObject({ ok: true });
  });
});
