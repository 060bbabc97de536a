/**
 * The catalog of the Wazo bus events Wazo Notifier understands: for each, its
 * schema (the single source of the event types), its topic routing key and its
 * place in the user's scope. Schemas are tolerant on purpose: Wazo added fields
 * over many releases, so every field is optional unless nothing can be done
 * without it, and unknown keys are kept.
 */
import * as v from 'valibot';
import type { ForwardName, ServiceName } from '../../shared/snapshot.js';

const text = v.nullish(v.string());
const flag = v.nullish(v.boolean());
const id = v.union([v.string(), v.number()]);

/**
 * A JSON object with these fields, unknown ones kept. valibot's own object
 * schemas take an array for an object (its indices as keys), so that
 * `"data": [1, 2]` passed as an event with every field absent: Wazo never
 * sends an array where an object stands.
 */
function fields<const E extends v.ObjectEntries>(entries: E) {
  return v.pipe(
    v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'an object'),
    v.looseObject(entries),
  );
}

/** A call as wazo-calld describes it, on the bus and in `GET /users/me/calls`. */
export const CallData = fields({
  call_id: v.pipe(v.string(), v.minLength(1)),
  conversation_id: text,
  user_uuid: text,
  line_id: v.nullish(v.number()),
  sip_call_id: text,
  bridges: v.nullish(v.array(v.string())),
  caller_id_name: text,
  caller_id_number: text,
  peer_caller_id_name: text,
  peer_caller_id_number: text,
  creation_time: text,
  answer_time: text,
  hangup_time: text,
  status: text,
  on_hold: flag,
  muted: flag,
  parked: flag,
  is_video: flag,
  is_caller: flag,
  record_state: text,
  talking_to: v.nullish(v.record(v.string(), text)),
  dialed_extension: text,
  direction: text,
  reason_code: v.nullish(v.number()),
});

const HoldData = fields({
  call_id: v.pipe(v.string(), v.minLength(1)),
  user_uuid: text,
});

const MissedCallData = fields({
  user_uuid: text,
  caller_user_uuid: text,
  caller_id_name: text,
  caller_id_number: text,
  dialed_extension: text,
  conversation_id: text,
  reason: text,
});

const SERVICE_FIELDS = {
  user_id: v.nullish(v.number()),
  user_uuid: text,
  tenant_uuid: text,
  enabled: v.boolean(),
};
const ServiceData = fields(SERVICE_FIELDS);

const ForwardData = fields({ ...SERVICE_FIELDS, destination: text });

const VoicemailFolderData = fields({
  id: v.nullish(v.number()),
  name: text,
  type: text,
});

/** A voicemail message as wazo-calld describes it, on the bus and over REST. */
export const VoicemailMessageData = fields({
  id: v.pipe(v.string(), v.minLength(1)),
  caller_id_name: text,
  caller_id_num: text,
  duration: v.nullish(v.number()),
  timestamp: v.nullish(v.number()),
  folder: v.nullish(VoicemailFolderData),
  transcription: v.nullish(fields({ text: text })),
});

const VoicemailData = v.pipe(
  fields({
    user_uuid: text,
    voicemail_id: v.nullish(id),
    message_id: text,
    message: v.nullish(VoicemailMessageData),
  }),
  v.check((d) => Boolean(d.message_id ?? d.message?.id), 'a voicemail event needs message_id or message.id'),
);

const FavoriteData = fields({
  xivo_uuid: text,
  user_uuid: text,
  source: v.pipe(v.string(), v.minLength(1)),
  source_entry_id: id,
});

/** Builds the envelope schema of one event: Wazo's headers plus `data`. */
function envelope<const N extends string, D extends v.GenericSchema>(name: N, data: D) {
  return v.looseObject({
    name: v.literal(name),
    origin_uuid: text,
    required_acl: text,
    timestamp: text,
    tenant_uuid: text,
    data,
  });
}

/** Escapes a value placed in a routing key the way Wazo does. */
export function escapeKey(value: string): string {
  return value.replaceAll('.', '__DOT__').replaceAll('#', '__HASH__').replaceAll('*', '__STAR__');
}

/** The forward or the service a `users_*_updated` event announces. */
type Toggle = { slice: 'forwards'; name: ForwardName } | { slice: 'services'; name: ServiceName };

interface CatalogEntry {
  schema: v.GenericSchema;
  /** The topic-exchange routing key of this event for a user. */
  routingKey: (userUuid: string) => string;
  /** The `required_acl` Wazo puts on this event for a user. */
  requiredAcl: (userUuid: string) => string;
  /** For a forward or service event: which one it announces. */
  toggle?: Toggle;
}

const calls = (suffix: string): Omit<CatalogEntry, 'schema'> => ({
  routingKey: () => `calls.${suffix}`,
  requiredAcl: (u) => `events.calls.${escapeKey(u)}`,
});

const ENTRIES = {
  call_created: { schema: envelope('call_created', CallData), ...calls('call.created') },
  call_updated: { schema: envelope('call_updated', CallData), ...calls('call.updated') },
  call_answered: { schema: envelope('call_answered', CallData), ...calls('call.answered') },
  call_ended: { schema: envelope('call_ended', CallData), ...calls('call.ended') },
  call_held: { schema: envelope('call_held', HoldData), ...calls('hold.created') },
  call_resumed: { schema: envelope('call_resumed', HoldData), ...calls('hold.deleted') },
  user_missed_call: { schema: envelope('user_missed_call', MissedCallData), ...calls('missed') },
  users_forwards_busy_updated: forward('busy'),
  users_forwards_noanswer_updated: forward('noanswer'),
  users_forwards_unconditional_updated: forward('unconditional'),
  users_services_dnd_updated: service('dnd'),
  users_services_incallfilter_updated: service('incallfilter'),
  user_voicemail_message_created: voicemail('created'),
  user_voicemail_message_updated: voicemail('updated'),
  user_voicemail_message_deleted: voicemail('deleted'),
  favorite_added: favorite('favorite_added', 'created'),
  favorite_deleted: favorite('favorite_deleted', 'deleted'),
};

/** A user's forward or service changed (wazo-confd): the event's schema and keys are named after it. */
function toggle<S extends Toggle['slice'], N extends string, D extends v.GenericSchema>(slice: S, name: N, data: D) {
  return {
    schema: envelope(`users_${slice}_${name}_updated`, data),
    routingKey: (u: string) => `config.users.${escapeKey(u)}.${slice}.${name}.updated`,
    requiredAcl: (u: string) => `events.config.users.${escapeKey(u)}.${slice}.${name}.updated`,
    // The two callers below pair each slice with its own names.
    toggle: { slice, name } as Toggle,
  };
}
function forward<F extends ForwardName>(f: F) {
  return toggle('forwards', f, ForwardData);
}
function service<S extends ServiceName>(s: S) {
  return toggle('services', s, ServiceData);
}
function voicemail<A extends 'created' | 'updated' | 'deleted'>(action: A) {
  return {
    schema: envelope(`user_voicemail_message_${action}`, VoicemailData),
    routingKey: () => `voicemails.messages.${action}`,
    requiredAcl: (u: string) => `events.users.${escapeKey(u)}.voicemails`,
  };
}
function favorite<N extends string>(name: N, action: 'created' | 'deleted') {
  return {
    schema: envelope(name, FavoriteData),
    routingKey: (u: string) => `directory.${escapeKey(u)}.favorite.${action}`,
    requiredAcl: (u: string) => `events.directory.${escapeKey(u)}.favorite.${action}`,
  };
}

type Entries = typeof ENTRIES;
/** The name of an event in scope. */
export type EventName = keyof Entries;
/** A decoded, validated event: the envelope as received, narrowed by `name`. */
export type WazoEvent = { [N in EventName]: v.InferOutput<Entries[N]['schema']> }[EventName];
/** The event of one name. */
export type EventOf<N extends EventName> = Extract<WazoEvent, { name: N }>;
export type CallData = v.InferOutput<typeof CallData>;
export type VoicemailMessage = v.InferOutput<typeof VoicemailMessageData>;

/** Every event name in scope, in catalog order. */
export const EVENT_NAMES = Object.keys(ENTRIES) as EventName[];

const names = new Set<string>(EVENT_NAMES);
/** True when `name` is an event this app understands. */
export function isEventName(name: string): name is EventName {
  return names.has(name);
}

/** The catalog entry of an event. */
export function catalogEntry(name: EventName): CatalogEntry {
  return ENTRIES[name];
}
