import { describe, expect, it } from 'vitest';
import { UserScope } from '../../electron/core/scope/user-scope.js';

const ME = '2e752722-0864-4665-887d-a78a024cf7c7';
const OTHER = '8e58d2a7-cfed-4c2e-ac72-14e0b5c26dc2';
const live = new Set(['100.1']);
const scope = new UserScope(ME, (id) => live.has(id));
const meta = (routingKey = 'calls.call.created', headers?: Record<string, unknown>) => ({ routingKey, headers });

describe('user scope', () => {
  it('owns an event whose data names the user', () => {
    expect(scope.owns({ name: 'call_created', data: { call_id: '1', user_uuid: ME } }, meta())).toBe(true);
  });

  it('rejects an event whose data names another user, whatever its headers say', () => {
    const body = { name: 'call_created', [`user_uuid:${ME}`]: true, data: { call_id: '1', user_uuid: OTHER } };
    expect(scope.owns(body, meta('calls.call.created', { [`user_uuid:${ME}`]: true }))).toBe(false);
  });

  it('owns an event by its user_uuid:<uuid> header or body key (true only)', () => {
    expect(
      scope.owns({ name: 'user_missed_call', data: {} }, meta('calls.missed', { [`user_uuid:${ME}`]: true })),
    ).toBe(true);
    expect(scope.owns({ name: 'user_missed_call', [`user_uuid:${ME}`]: true, data: {} }, meta('calls.missed'))).toBe(
      true,
    );
    expect(scope.owns({ name: 'user_missed_call', [`user_uuid:${ME}`]: 'true', data: {} }, meta('calls.missed'))).toBe(
      false,
    );
    expect(
      scope.owns({ name: 'user_missed_call', data: {} }, meta('calls.missed', { [`user_uuid:${OTHER}`]: true })),
    ).toBe(false);
  });

  it('owns an event by the uuid in its routing key', () => {
    expect(
      scope.owns(
        { name: 'users_services_dnd_updated', data: { enabled: true } },
        meta(`config.users.${ME}.services.dnd.updated`),
      ),
    ).toBe(true);
    expect(
      scope.owns(
        { name: 'users_services_dnd_updated', data: { enabled: true } },
        meta(`config.users.${OTHER}.services.dnd.updated`),
      ),
    ).toBe(false);
  });

  it('owns a hold that names only a call when that call is one of the user’s live calls', () => {
    expect(scope.owns({ name: 'call_held', data: { call_id: '100.1' } }, meta('calls.hold.created'))).toBe(true);
    expect(scope.owns({ name: 'call_resumed', data: { call_id: '100.1' } }, meta('calls.hold.deleted'))).toBe(true);
    expect(scope.owns({ name: 'call_held', data: { call_id: '999.9' } }, meta('calls.hold.created'))).toBe(false);
    // Only hold and resume are scoped by call id: a call event must name its user.
    expect(scope.owns({ name: 'call_updated', data: { call_id: '100.1' } }, meta('calls.call.updated'))).toBe(false);
  });

  it('never throws on odd shapes', () => {
    for (const data of [null, 'x', 3, [], { user_uuid: 5 }, { call_id: 7 }]) {
      expect(scope.owns({ name: 'call_held', data } as never, meta())).toBe(false);
    }
  });
});
