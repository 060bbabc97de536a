/**
 * The Wazo REST endpoints the notifier uses (confd, calld, dird), with the
 * session's token. A 401 means the server no longer knows the token (it
 * expired or was revoked while in use): the token is renewed once and the call
 * tried again. Every answer is checked against what the API documents before
 * anything is taken from it.
 */
import * as v from 'valibot';
import type { ForwardName, ServiceName } from '../../shared/snapshot.js';
import { CallData, VoicemailMessageData } from '../events/catalog.js';
import type { AuthSession } from './auth.js';
import { ContactListReply, type ContactList } from './directory.js';
import { WazoHttpError, type HttpRequest, type WazoHttpClient } from './http-client.js';

const Toggle = v.looseObject({ enabled: v.boolean() });
const ForwardReply = v.looseObject({ enabled: v.boolean(), destination: v.nullish(v.string()) });

const ForwardsReply = v.looseObject({ busy: ForwardReply, noanswer: ForwardReply, unconditional: ForwardReply });
const ServicesReply = v.looseObject({ dnd: Toggle, incallfilter: Toggle });

const FolderReply = v.looseObject({
  id: v.nullish(v.number()),
  name: v.nullish(v.string()),
  type: v.nullish(v.string()),
  messages: v.optional(v.array(VoicemailMessageData), []),
});
const VoicemailReply = v.looseObject({
  id: v.nullish(v.union([v.number(), v.string()])),
  folders: v.optional(v.array(FolderReply), []),
});
const CallsReply = v.looseObject({ items: v.array(CallData) });
/** wazo-confd's user (facts §5): only what the header shows is checked. */
const UserReply = v.looseObject({
  firstname: v.nullish(v.string()),
  lastname: v.nullish(v.string()),
  lines: v.optional(
    v.array(
      v.looseObject({
        extensions: v.optional(v.array(v.looseObject({ exten: v.nullish(v.string()) })), []),
      }),
    ),
    [],
  ),
});

/** wazo-call-logd's CDR list (facts §3): only the fields a missed call needs are checked. */
const CdrReply = v.looseObject({
  items: v.array(
    v.looseObject({
      id: v.number(),
      start: v.string(),
      end: v.nullish(v.string()),
      answered: v.boolean(),
      call_status: v.nullish(v.string()),
      conversation_id: v.nullish(v.string()),
      destination_user_uuid: v.nullish(v.string()),
      source_name: v.nullish(v.string()),
      source_extension: v.nullish(v.string()),
    }),
  ),
});

export type User = v.InferOutput<typeof UserReply>;
export type Cdrs = v.InferOutput<typeof CdrReply>;
export type Forwards = v.InferOutput<typeof ForwardsReply>;
export type Services = v.InferOutput<typeof ServicesReply>;
export type Voicemail = v.InferOutput<typeof VoicemailReply>;
export type Calls = v.InferOutput<typeof CallsReply>;

const USER_CALLS = '/api/calld/1.0/users/me/calls';
const DIRD = '/api/dird/0.1/directories';
/** The profile every tenant gets (dird's auto-created `default`), as Wazo's SDK uses it. */
const PROFILE = 'default';

/** A favorite's route: the source name may hold `/` (dird routes it as a path), the id is one segment. */
const favoritePath = (source: string, id: string) =>
  `${DIRD}/favorites/${source.split('/').map(encodeURIComponent).join('/')}/${encodeURIComponent(id)}`;

export class WazoApi {
  constructor(
    private readonly http: WazoHttpClient,
    private readonly auth: AuthSession,
  ) {}

  get userUuid(): string {
    return this.auth.session.userUuid;
  }

  private confd(what: string): string {
    return `/api/confd/1.1/users/${encodeURIComponent(this.userUuid)}/${what}`;
  }

  /**
   * The signed-in user as confd describes them. confd has no `/users/me`: the
   * uuid is the token's, which the user's `confd.users.me.read` covers.
   */
  getUser(): Promise<User> {
    return this.get(`/api/confd/1.1/users/${encodeURIComponent(this.userUuid)}`, 'read who you are', UserReply);
  }

  /**
   * The user's recent calls from call-logd, newest first (`GET /users/me/cdr`,
   * every call the user took part in since `from`). No `call_status` filter:
   * it exists only since Wazo 25.07 and takes one value; the caller keeps the
   * unanswered ones where the user is the destination, as Wazo's SDK does.
   */
  getCallHistory(from: Date, limit: number): Promise<Cdrs> {
    const query = new URLSearchParams({
      from: from.toISOString(),
      limit: String(limit),
      order: 'start',
      direction: 'desc',
    });
    return this.get(`/api/call-logd/1.0/users/me/cdr?${query}`, 'read the call history', CdrReply);
  }

  getForwards(): Promise<Forwards> {
    return this.get(this.confd('forwards'), 'read forwards', ForwardsReply);
  }

  getServices(): Promise<Services> {
    return this.get(this.confd('services'), 'read services', ServicesReply);
  }

  getVoicemail(): Promise<Voicemail> {
    return this.get('/api/calld/1.0/users/me/voicemails', 'read voicemails', VoicemailReply);
  }

  getCalls(): Promise<Calls> {
    return this.get('/api/calld/1.0/users/me/calls', 'read calls', CallsReply);
  }

  getFavorites(): Promise<ContactList> {
    return this.get(`${DIRD}/favorites/${PROFILE}`, 'read favorites', ContactListReply);
  }

  /** dird's lookup in the user's profile (every source of its lookup service); no paging on this route. */
  lookup(term: string): Promise<ContactList> {
    const query = new URLSearchParams({ term });
    return this.get(`${DIRD}/lookup/${PROFILE}?${query}`, 'search the directory', ContactListReply);
  }

  /** Marks a contact as a favorite: `PUT favorites/{source name}/{source_entry_id}` → 204 (409 if already one). */
  async addFavorite(source: string, sourceEntryId: string): Promise<void> {
    await this.send({ method: 'PUT', path: favoritePath(source, sourceEntryId), label: 'add the favorite' });
  }

  async removeFavorite(source: string, sourceEntryId: string): Promise<void> {
    await this.send({ method: 'DELETE', path: favoritePath(source, sourceEntryId), label: 'remove the favorite' });
  }

  async setService(service: ServiceName, enabled: boolean): Promise<void> {
    await this.send({
      method: 'PUT',
      path: this.confd(`services/${service}`),
      label: `turn ${service === 'dnd' ? 'do not disturb' : 'the incoming call filter'} ${enabled ? 'on' : 'off'}`,
      body: { enabled },
    });
  }

  async setForward(forward: ForwardName, enabled: boolean, destination: string | null): Promise<void> {
    await this.send({
      method: 'PUT',
      path: this.confd(`forwards/${forward}`),
      label: `${enabled ? 'set' : 'clear'} the ${forward} forward`,
      body: { enabled, destination },
    });
  }

  async moveVoicemail(messageId: string, folderId: number): Promise<void> {
    await this.send({
      method: 'PUT',
      path: `/api/calld/1.0/users/me/voicemails/messages/${encodeURIComponent(messageId)}`,
      label: 'mark the voicemail read',
      body: { folder_id: folderId },
    });
  }

  async deleteVoicemail(messageId: string): Promise<void> {
    await this.send({
      method: 'DELETE',
      path: `/api/calld/1.0/users/me/voicemails/messages/${encodeURIComponent(messageId)}`,
      label: 'delete the voicemail',
    });
  }

  /** wazo-calld's click-to-call: the user's own phone rings first, then `extension` is dialled. Never retried. */
  async placeCall(extension: string): Promise<void> {
    await this.send({
      method: 'POST',
      path: '/api/calld/1.0/users/me/calls',
      label: 'call back',
      body: { extension },
      once: true,
    });
  }

  /** Asks the user's phone (through wazo-phoned) to answer a ringing call. */
  async answerCall(callId: string): Promise<void> {
    await this.send({
      method: 'PUT',
      path: `${USER_CALLS}/${encodeURIComponent(callId)}/answer`,
      label: 'answer the call',
      once: true,
    });
  }

  /** Hangs up one of the user's calls (declines it while it rings). */
  async hangUpCall(callId: string): Promise<void> {
    await this.send({
      method: 'DELETE',
      path: `${USER_CALLS}/${encodeURIComponent(callId)}`,
      label: 'hang up',
      once: true,
    });
  }

  private async get<S extends v.GenericSchema>(path: string, label: string, schema: S): Promise<v.InferOutput<S>> {
    const body = await this.send({ method: 'GET', path, label });
    const parsed = v.safeParse(schema, body);
    if (!parsed.success) {
      throw new WazoHttpError(
        'malformed',
        `${label}: the answer is not what Wazo documents (${v.summarize(parsed.issues)})`,
      );
    }
    return parsed.output;
  }

  /**
   * A voicemail message's recording, `audio/wav`, fetched here with the token in
   * a header (never in a URL a page could leak). Reading it does not mark the
   * message read (calld since 24.16).
   */
  async getVoicemailRecording(messageId: string): Promise<Buffer> {
    const req = {
      method: 'GET',
      path: `/api/calld/1.0/users/me/voicemails/messages/${encodeURIComponent(messageId)}/recording`,
      label: 'play the voicemail',
    } as const;
    const answer = await this.withToken((token) => this.http.bytes({ ...req, token }, 'audio/wav'));
    return answer.data;
  }

  /** One call with the token; a 401 renews the token and tries once more. */
  private send(req: Omit<HttpRequest, 'token'>): Promise<unknown> {
    return this.withToken((token) => this.http.json({ ...req, token }));
  }

  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    try {
      return await call(this.auth.token);
    } catch (err) {
      if (!(err instanceof WazoHttpError) || err.kind !== 'unauthorized') throw err;
      const renewed = await this.auth.renew();
      return call(renewed.token);
    }
  }
}
