/**
 * Realistic sequences of a user's events, as a Wazo server would publish them:
 * for demos, for trying the app against a local RabbitMQ, and for the tests.
 */
import { SimCall } from './call-events.js';
import { publication, SIM_ORIGIN, SIM_TENANT, type Origin, type Publication } from './envelope.js';
import { READ_FOLDER, WAZO_FOLDERS, type WazoFolderType } from '../shared/voicemail-folder.js';

export const SCENARIOS = ['incoming-call', 'missed-call', 'hold', 'voicemail', 'forwards', 'dnd', 'favorites'] as const;
export type ScenarioName = (typeof SCENARIOS)[number] | 'all';

/** Alice calls the user, who answers; Alice hangs up (Q.850 16, normal clearing). */
function incomingCall(o: Origin): Publication[] {
  const c = new SimCall(o, { peer: { name: 'Alice Martin', number: '1001' }, direction: 'internal' });
  return [c.created(), c.ringing(), ...c.answered(), c.ended(16)];
}

/** Bob's call rings unanswered (Q.850 19, no answer); calld then reports the miss. */
function missedCall(o: Origin): Publication[] {
  const c = new SimCall(o, { peer: { name: 'Bob Tremblay', number: '+15145550123' } });
  return [c.created(), c.ringing(), c.ended(19), c.missed('no-answer')];
}

/** The user calls Carol, puts her on hold, takes her back, hangs up. */
function hold(o: Origin): Publication[] {
  const c = new SimCall(o, { peer: { name: 'Carol Support', number: '1800' }, outgoing: true, direction: 'internal' });
  return [c.created(), c.ringing(), ...c.answered(), c.held(), c.resumed(), c.ended(16)];
}

let messages = 0;

function voicemail(o: Origin): Publication[] {
  const ts = Math.floor(Date.now() / 1000);
  const messageId = `${ts}-${String(++messages).padStart(8, '0')}`;
  type Folder = (typeof WAZO_FOLDERS)[WazoFolderType];
  const message = (folder: Folder) => ({
    id: messageId,
    caller_id_name: 'Dana Lee',
    caller_id_num: '1003',
    duration: 27,
    timestamp: ts,
    folder,
  });
  const data = (folder: Folder) => ({
    user_uuid: o.userUuid,
    voicemail_id: 1,
    message_id: messageId,
    message: message(folder),
  });
  return [
    publication('user_voicemail_message_created', data(WAZO_FOLDERS.new), o),
    publication('user_voicemail_message_updated', data(READ_FOLDER), o),
    publication('user_voicemail_message_deleted', data(READ_FOLDER), o),
  ];
}

function forwards(o: Origin): Publication[] {
  const fwd = (enabled: boolean, destination: string | null) => ({
    user_id: 42,
    user_uuid: o.userUuid,
    tenant_uuid: o.tenantUuid ?? SIM_TENANT,
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
  const svc = (enabled: boolean) => ({
    user_id: 42,
    user_uuid: o.userUuid,
    tenant_uuid: o.tenantUuid ?? SIM_TENANT,
    enabled,
  });
  return [
    publication('users_services_dnd_updated', svc(true), o),
    publication('users_services_dnd_updated', svc(false), o),
  ];
}

function favorites(o: Origin): Publication[] {
  const fav = { xivo_uuid: o.originUuid ?? SIM_ORIGIN, user_uuid: o.userUuid, source: 'internal', source_entry_id: 42 };
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
