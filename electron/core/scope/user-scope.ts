/**
 * Decides whether a bus message belongs to the user. It reads the raw, not yet
 * validated body, so that other users' traffic (99 % of a topic-mode stream)
 * is dropped before any schema work; every read is type-checked.
 */
import { escapeKey } from '../events/catalog.js';

export interface MessageMeta {
  routingKey: string;
  headers: Readonly<Record<string, unknown>> | undefined;
}

const HOLD_EVENTS = new Set(['call_held', 'call_resumed']);
/** The routing keys of hold and resume, whose old payloads name only a call. */
const HOLD_KEYS = new Set(['calls.hold.created', 'calls.hold.deleted']);

export class UserScope {
  readonly userUuid: string;
  private readonly headerKey: string;
  private readonly keyWord: string;
  private readonly uuidBytes: Buffer;

  /** `isLiveCall` tells whether a call id is one of the user's calls in progress. */
  constructor(
    userUuid: string,
    private readonly isLiveCall: (callId: string) => boolean,
  ) {
    this.userUuid = userUuid;
    this.headerKey = `user_uuid:${userUuid}`;
    this.keyWord = escapeKey(userUuid);
    this.uuidBytes = Buffer.from(userUuid, 'utf8');
  }

  /**
   * A cheap pre-check on the undecoded message: false only when it cannot be
   * the user's, because neither its headers, its routing key nor its bytes
   * name the user, and it is not a hold or resume (which may name only a
   * call). Lets the pipeline drop other users' traffic without parsing it;
   * `owns` still decides for every message that passes.
   */
  mayOwn(content: Buffer, meta: MessageMeta): boolean {
    if (meta.headers?.[this.headerKey] === true) return true;
    if (HOLD_KEYS.has(meta.routingKey)) return true;
    if (content.includes(this.uuidBytes)) return true;
    return meta.routingKey.includes(this.keyWord);
  }

  /**
   * True when the message is the user's: by the `user_uuid` of its data (which
   * decides when present), else by a `user_uuid:<uuid>` header or body key, else
   * by the uuid in its routing key, else, for a hold or resume that names only
   * a call, by that call being one of the user's live calls.
   */
  owns(body: Record<string, unknown>, meta: MessageMeta): boolean {
    const data = body['data'];
    const dataObj = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
    const dataUser = dataObj?.['user_uuid'];
    if (typeof dataUser === 'string' && dataUser !== '') return dataUser === this.userUuid;
    if (body[this.headerKey] === true || meta.headers?.[this.headerKey] === true) return true;
    if (meta.routingKey.split('.').includes(this.keyWord)) return true;
    const name = body['name'];
    const callId = dataObj?.['call_id'];
    return typeof name === 'string' && HOLD_EVENTS.has(name) && typeof callId === 'string' && this.isLiveCall(callId);
  }
}
