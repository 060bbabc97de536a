/**
 * Realistic sequences of a user's events, as a Wazo server would publish them:
 * for demos, for trying the app against a local RabbitMQ, and for the tests.
 */
import { randomUUID } from 'node:crypto';
import { publication, type Origin, type Publication } from './envelope.js';

export const SCENARIOS = ['incoming-call', 'missed-call', 'hold', 'voicemail', 'forwards', 'dnd', 'favorites'] as const;
export type ScenarioName = (typeof SCENARIOS)[number] | 'all';

let sequence = 0;
/** An Asterisk-style channel unique id (`epoch.counter`). */
function channelId(): string {
  return `${Math.floor(Date.now() / 1000)}.${++sequence}`;
}

const iso = (): string => new Date().toISOString();

function call(origin: Origin, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    user_uuid: origin.userUuid,
    line_id: 12,
    bridges: [],
    talking_to: {},
    on_hold: false,
    muted: false,
    parked: false,
    is_video: false,
    record_state: 'inactive',
    creation_time: iso(),
    answer_time: null,
    hangup_time: null,
    ...fields,
  };
}

function incomingCall(o: Origin): Publication[] {
  const id = channelId();
  const base = {
    call_id: id,
    conversation_id: id,
    sip_call_id: randomUUID(),
    caller_id_name: 'Alice Martin',
    caller_id_number: '1001',
    peer_caller_id_name: 'Alice Martin',
    peer_caller_id_number: '1001',
    dialed_extension: '1002',
    direction: 'internal',
    is_caller: false,
  };
  const answered = { ...base, status: 'Up', answer_time: iso(), talking_to: { [channelId()]: randomUUID() } };
  return [
    publication('call_created', call(o, { ...base, status: 'Ringing' }), o),
    publication('call_answered', call(o, answered), o),
    publication('call_ended', call(o, { ...answered, hangup_time: iso(), reason_code: 16 }), o),
  ];
}

function missedCall(o: Origin): Publication[] {
  const id = channelId();
  const base = {
    call_id: id,
    conversation_id: id,
    caller_id_name: 'Bob Tremblay',
    caller_id_number: '+15145550123',
    peer_caller_id_name: 'Bob Tremblay',
    peer_caller_id_number: '+15145550123',
    dialed_extension: '1002',
    direction: 'inbound',
    is_caller: false,
  };
  return [
    publication('call_created', call(o, { ...base, status: 'Ringing' }), o),
    publication('call_ended', call(o, { ...base, status: 'Ringing', hangup_time: iso(), reason_code: 19 }), o),
    publication(
      'user_missed_call',
      {
        user_uuid: o.userUuid,
        caller_user_uuid: null,
        caller_id_name: 'Bob Tremblay',
        caller_id_number: '+15145550123',
        dialed_extension: '1002',
        conversation_id: id,
        reason: 'no-answer',
      },
      o,
    ),
  ];
}

function hold(o: Origin): Publication[] {
  const id = channelId();
  const up = call(o, {
    call_id: id,
    conversation_id: id,
    caller_id_name: 'Me',
    caller_id_number: '1002',
    peer_caller_id_name: 'Carol Support',
    peer_caller_id_number: '1800',
    dialed_extension: '1800',
    direction: 'internal',
    is_caller: true,
    status: 'Up',
    answer_time: iso(),
  });
  return [
    publication('call_created', { ...up, status: 'Ring', answer_time: null }, o),
    publication('call_answered', up, o),
    publication('call_held', { call_id: id, user_uuid: o.userUuid }, o),
    publication('call_resumed', { call_id: id, user_uuid: o.userUuid }, o),
    publication('call_ended', { ...up, hangup_time: iso(), reason_code: 16 }, o),
  ];
}

function voicemail(o: Origin): Publication[] {
  const ts = Math.floor(Date.now() / 1000);
  const messageId = `${ts}-${String(++sequence).padStart(8, '0')}`;
  const message = (folder: { id: number; name: string; type: string }) => ({
    id: messageId,
    caller_id_name: 'Dana Lee',
    caller_id_num: '1003',
    duration: 27,
    timestamp: ts,
    folder,
  });
  const data = (folder: { id: number; name: string; type: string }) => ({
    user_uuid: o.userUuid,
    voicemail_id: 1,
    message_id: messageId,
    message: message(folder),
  });
  return [
    publication('user_voicemail_message_created', data({ id: 1, name: 'inbox', type: 'new' }), o),
    publication('user_voicemail_message_updated', data({ id: 2, name: 'old', type: 'old' }), o),
    publication('user_voicemail_message_deleted', data({ id: 2, name: 'old', type: 'old' }), o),
  ];
}

function forwards(o: Origin): Publication[] {
  const fwd = (enabled: boolean, destination: string | null) => ({
    user_id: 42,
    user_uuid: o.userUuid,
    tenant_uuid: o.tenantUuid,
    enabled,
    destination,
  });
  return [
    publication('users_forwards_busy_updated', fwd(true, '1003'), o),
    publication('users_forwards_unconditional_updated', fwd(true, '+15145550199'), o),
    publication('users_forwards_unconditional_updated', fwd(false, '+15145550199'), o),
  ];
}

function dnd(o: Origin): Publication[] {
  const svc = (enabled: boolean) => ({ user_id: 42, user_uuid: o.userUuid, tenant_uuid: o.tenantUuid, enabled });
  return [
    publication('users_services_dnd_updated', svc(true), o),
    publication('users_services_dnd_updated', svc(false), o),
  ];
}

function favorites(o: Origin): Publication[] {
  const fav = { xivo_uuid: o.originUuid, user_uuid: o.userUuid, source: 'internal', source_entry_id: 42 };
  return [publication('favorite_added', fav, o), publication('favorite_deleted', fav, o)];
}

const BUILDERS: Record<(typeof SCENARIOS)[number], (o: Origin) => Publication[]> = {
  'incoming-call': incomingCall,
  'missed-call': missedCall,
  hold,
  voicemail,
  forwards,
  dnd,
  favorites,
};

/** The events of one scenario (or of all, in order) for the user of `origin`. */
export function scenario(name: ScenarioName, origin: Origin): Publication[] {
  if (name === 'all') return SCENARIOS.flatMap((n) => BUILDERS[n](origin));
  return BUILDERS[name](origin);
}
