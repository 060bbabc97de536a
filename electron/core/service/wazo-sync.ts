/**
 * Keeps a running notifier in step with the Wazo server over REST, for the
 * logged-in user: reads the state after login and after every bus reconnect
 * (a broker restart loses what was queued) and has the notifier merge it (rule
 * in store/resync.ts); carries out the user's commands: optimistic at once,
 * rolled back with a clear message when the server refuses, confirmed by the
 * bus echo. It never holds the store: every change goes through the notifier,
 * the store's one writer.
 */
import type { ErrorReason } from '../../shared/error-reason.js';
import type {
  FavoriteView,
  ForwardName,
  IdentityView,
  MissedCallView,
  ServiceName,
  Snapshot,
  VoicemailMessageView,
} from '../../shared/snapshot.js';
import { FORWARD_NAMES } from '../../shared/snapshot.js';
import { READ_FOLDER } from '../../shared/voicemail-folder.js';
import { describeError, silentLogger, type Logger } from '../logger.js';
import type { Notifier } from '../notifier.js';
import {
  addFavorite,
  declineCall,
  nameFavorites,
  putVoicemail,
  removeFavorite,
  removeVoicemail,
  restoreVoicemail,
  setToggle,
  undeclineCall,
} from '../store/local-changes.js';
import { contactsFrom } from '../wazo/directory.js';
import { SEARCH_LIMIT, type SearchResult } from '../../shared/directory.js';
import { LIMITS } from '../store/limits.js';
import type { LocalChange } from '../store/reducer.js';
import type { RestSlices } from '../store/resync.js';
import { inboxFromFolders } from '../store/voicemail.js';
import { CallActions } from '../wazo/call-actions.js';
import type { User, WazoApi } from '../wazo/wazo-api.js';
import { WazoHttpError } from '../wazo/http-client.js';
import { errorReason } from '../wazo/error-reason.js';
import type { CommandResponses, WazoCommandResult } from '../../shared/contract.js';
import type { CallActionResult } from '../../shared/call-actions.js';

type RecordingResult = CommandResponses['getVoicemailRecording'];

/** What of the notifier a sync reads and asks to change: its state, its bus status, and the Wazo-side writes. */
export type SyncTarget = Pick<
  Notifier,
  'snapshot' | 'on' | 'setSync' | 'beginResync' | 'completeResync' | 'abortResync' | 'applyLocal'
>;

/** The header's name and extension, from confd's user: `firstname lastname`, the main line's first extension. */
function identity(user: User): IdentityView {
  const name = [user.firstname, user.lastname]
    .map((s) => s?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
  const extension = user.lines[0]?.extensions[0]?.exten?.trim() || null;
  return { name: name || null, extension };
}

/** How far back the call history is read for missed calls. */
const HISTORY_DAYS = 7;

/** How long after a failed read the next one starts (the bus keeps flowing meanwhile). */
const RESYNC_RETRY_MS = 30_000;

export class WazoSync {
  private running: Promise<void> | undefined;
  private again = false;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The `old` folder's id, as the last read of the voicemail box said (wazo-calld's default until then). */
  private oldFolderId: number = READ_FOLDER.id;
  private readonly offReady: () => void;
  private callActions: CallActions | undefined;
  /** call-logd refused the history once already (said once in the log). */
  private historyRefused = false;
  private readonly offEvent: () => void;
  /** The read of dird's favorites that names the bus's new ones, and whether another is wanted after it. */
  private naming: Promise<void> | undefined;
  private nameAgain = false;

  constructor(
    private readonly notifier: SyncTarget,
    private readonly api: WazoApi,
    private readonly deps: { log?: Logger; retryMs?: number; now?: () => number } = {},
  ) {
    // Reading starts once the queue is bound and consuming, so that nothing changes unseen in between,
    // and once the backlog it held is applied, so that no older event is replayed over the answer.
    this.offReady = notifier.on('ready', () => void this.resync());
    // favorite_added names only the source and the id: dird knows the name and numbers, so ask it at once
    // (once the event is in the store: the notifier tells an event just before it applies it).
    this.offEvent = notifier.on('event', (e) => {
      if (e.name === 'favorite_added') queueMicrotask(() => void this.nameNewFavorites());
    });
  }

  private get log(): Logger {
    return this.deps.log ?? silentLogger;
  }

  /** Reads the state from the server and merges it; one read at a time, another queued if asked meanwhile. */
  resync(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.readOnce().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.resync();
      }
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.offReady();
    this.offEvent();
    this.notifier.abortResync();
  }

  private async readOnce(): Promise<void> {
    clearTimeout(this.retry);
    this.notifier.beginResync();
    this.notifier.setSync({ ...this.notifier.snapshot.sync, status: 'syncing' });
    const reads = [
      this.api.getForwards(),
      this.api.getServices(),
      this.api.getVoicemail().catch((err: unknown) => {
        // 404: the user has no voicemail box, an empty inbox.
        if (err instanceof WazoHttpError && err.kind === 'not_found') return { id: null, folders: [] };
        throw err;
      }),
      this.api.getCalls(),
      this.api.getFavorites(),
      this.api.getUser(),
      this.missedHistory(),
    ] as const;
    const [forwards, services, voicemail, calls, favorites, user, history] = await Promise.allSettled(reads);
    if (this.stopped) return;
    const rest: RestSlices = {};
    const failures: string[] = [];
    let reason: ErrorReason | undefined;
    const failed = (r: PromiseSettledResult<unknown>): r is PromiseRejectedResult => {
      if (r.status === 'fulfilled') return false;
      failures.push(describeError(r.reason));
      reason ??= errorReason(r.reason);
      return true;
    };
    if (!failed(forwards)) {
      const f = forwards.value;
      rest.forwards = Object.fromEntries(
        FORWARD_NAMES.map((n) => [n, { enabled: f[n].enabled, destination: f[n].destination ?? null }]),
      ) as Snapshot['forwards'];
    }
    if (!failed(services)) {
      rest.services = {
        dnd: { enabled: services.value.dnd.enabled },
        incallfilter: { enabled: services.value.incallfilter.enabled },
      };
    }
    if (!failed(voicemail)) {
      rest.voicemail = inboxFromFolders(voicemail.value.id ?? null, voicemail.value.folders);
      this.oldFolderId = voicemail.value.folders.find((f) => f.type === READ_FOLDER.type)?.id ?? this.oldFolderId;
    }
    if (!failed(calls)) rest.calls = calls.value.items;
    if (!failed(favorites)) {
      rest.favorites = contactsFrom(favorites.value).map(({ source, source_entry_id, name, numbers }) => ({
        source,
        source_entry_id,
        name,
        numbers,
      }));
    }
    if (!failed(user)) rest.me = identity(user.value);
    if (!failed(history)) {
      if (history.value === 'forbidden') rest.missedHistory = 'forbidden';
      else {
        rest.missed = history.value;
        rest.missedHistory = 'read';
      }
    }
    const merged = this.notifier.completeResync(rest);
    const at = new Date((this.deps.now ?? Date.now)()).toISOString();
    if (!merged) {
      this.log.warn('state read abandoned: too many events arrived meanwhile; reading again');
      this.again = true;
      return;
    }
    if (failures.length === reads.length) {
      this.notifier.setSync({ status: 'failed', error: failures[0]!, reason: reason ?? 'other' });
      this.log.warn(`cannot read the state from the server: ${failures[0]}; next try in ${this.retryMs / 1000} s`);
      this.scheduleRetry();
    } else if (failures.length > 0) {
      this.notifier.setSync({ status: 'synced', at, error: failures.join('; '), reason: reason ?? 'other' });
      for (const f of failures) this.log.warn(f);
      this.scheduleRetry();
    } else {
      this.notifier.setSync({ status: 'synced', at });
    }
  }

  /**
   * The user's misses of the last days from call-logd: calls not answered
   * whose destination was the user (blocked ones aside). A 403 (a token
   * without call-logd's ACL) is no failure: the list is the bus's alone, said
   * once in the log and shown as such in the window.
   */
  private async missedHistory(): Promise<MissedCallView[] | 'forbidden'> {
    const now = (this.deps.now ?? Date.now)();
    try {
      const cdrs = await this.api.getCallHistory(new Date(now - HISTORY_DAYS * 86_400_000), LIMITS.missedCalls);
      const me = this.api.userUuid;
      return cdrs.items.flatMap((c): MissedCallView[] => {
        if (c.answered || c.destination_user_uuid !== me || c.call_status === 'blocked') return [];
        const at = Date.parse(c.start);
        if (Number.isNaN(at)) return [];
        const end = c.end ? Date.parse(c.end) : NaN;
        return [
          {
            source: 'history',
            cdr_id: c.id,
            caller_id_name: c.source_name || null,
            caller_id_number: c.source_extension || null,
            at: new Date(at).toISOString(),
            ...(Number.isNaN(end) ? {} : { end: new Date(end).toISOString() }),
            ...(c.conversation_id ? { conversation_id: c.conversation_id } : {}),
          },
        ];
      });
    } catch (err) {
      if (!(err instanceof WazoHttpError && err.kind === 'forbidden')) throw err;
      if (!this.historyRefused) this.log.warn(`${describeError(err)}: missed calls come from the events alone`);
      this.historyRefused = true;
      return 'forbidden';
    }
  }

  private get retryMs(): number {
    return this.deps.retryMs ?? RESYNC_RETRY_MS;
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.resync(), this.retryMs);
    this.retry.unref?.();
  }

  /**
   * Reads dird's favorites to name those the bus announced without a name;
   * one read at a time, one more if more were announced meanwhile. A failure
   * leaves them unnamed until the next full read (said in the log only).
   */
  private nameNewFavorites(): Promise<void> {
    // One added from this window carries its name already: nothing to ask.
    if (this.stopped || !this.notifier.snapshot.favorites.some((f) => f.name === undefined)) return Promise.resolve();
    if (this.naming) {
      this.nameAgain = true;
      return this.naming;
    }
    this.naming = (async () => {
      try {
        const listed = contactsFrom(await this.api.getFavorites());
        if (!this.stopped) this.notifier.applyLocal(nameFavorites(listed));
      } catch (err) {
        this.log.warn(`${describeError(err)}: a new favorite stays unnamed until the next read`);
      }
    })().finally(() => {
      this.naming = undefined;
      if (this.nameAgain) {
        this.nameAgain = false;
        void this.nameNewFavorites();
      }
    });
    return this.naming;
  }

  /** Call back, answer and hang up with this account's session (not optimistic: the bus shows the calls). */
  get calls(): CallActions {
    return (this.callActions ??= new CallActions(this.api, this.log));
  }

  /**
   * Hangs up a call; on a call ringing here, declines it, which is then never
   * listed as missed (store/declined-calls.ts): remembered before calld is
   * asked, since the call's end may come over the bus first; forgotten if calld
   * refuses, unless because the call is already over.
   */
  async hangUp(callId: string): Promise<CallActionResult> {
    this.notifier.applyLocal(declineCall(callId, (this.deps.now ?? Date.now)()));
    const result = await this.calls.hangUp(callId);
    if (!result.ok && result.reason !== 'no-such-call') this.notifier.applyLocal(undeclineCall(callId));
    return result;
  }

  /** Turns DND or the incall filter on or off. */
  setService(service: ServiceName, enabled: boolean): Promise<WazoCommandResult> {
    const prev = this.notifier.snapshot.services[service];
    const next = { enabled };
    return this.optimistic(setToggle('services', service, next), setToggle('services', service, prev, next), () =>
      this.api.setService(service, enabled),
    );
  }

  /** Sets or clears a forward. */
  setForward(forward: ForwardName, enabled: boolean, destination: string | null): Promise<WazoCommandResult> {
    const prev = this.notifier.snapshot.forwards[forward];
    const next = { enabled, destination };
    return this.optimistic(setToggle('forwards', forward, next), setToggle('forwards', forward, prev, next), () =>
      this.api.setForward(forward, enabled, destination),
    );
  }

  /** Moves a message to the `old` folder. */
  markVoicemailRead(id: string): Promise<WazoCommandResult> {
    const prev = this.message(id);
    if (!prev) {
      return Promise.resolve({ ok: false, reason: 'not-found', error: 'this voicemail is no longer in the inbox' });
    }
    if (!prev.unread) return Promise.resolve({ ok: true });
    const folder = this.oldFolderId;
    const read: VoicemailMessageView = {
      ...prev,
      folder: { id: folder, name: READ_FOLDER.name, type: READ_FOLDER.type },
      unread: false,
    };
    return this.optimistic(putVoicemail(read), putVoicemail(prev, read), () => this.api.moveVoicemail(id, folder));
  }

  deleteVoicemail(id: string): Promise<WazoCommandResult> {
    const prev = this.message(id);
    if (!prev) return Promise.resolve({ ok: true });
    return this.optimistic(removeVoicemail(id), restoreVoicemail(prev), async () => {
      try {
        await this.api.deleteVoicemail(id);
      } catch (err) {
        // Already gone on the server: what the user wanted.
        if (!(err instanceof WazoHttpError && err.kind === 'not_found')) throw err;
      }
    });
  }

  /**
   * Adds a contact to the favorites: listed at once (with the name and numbers
   * the window had), undone if dird refuses; already a favorite (409) is done.
   */
  addFavorite(fav: Required<FavoriteView>): Promise<WazoCommandResult> {
    return this.optimistic(addFavorite(fav), removeFavorite(fav, fav), async () => {
      try {
        await this.api.addFavorite(fav.source, fav.source_entry_id);
      } catch (err) {
        if (!(err instanceof WazoHttpError && err.kind === 'conflict')) throw err;
      }
    });
  }

  /** Removes a favorite: gone at once, back if dird refuses; already gone (404) is done. */
  removeFavorite(source: string, sourceEntryId: string): Promise<WazoCommandResult> {
    const prev = this.notifier.snapshot.favorites.find(
      (f) => f.source === source && f.source_entry_id === sourceEntryId,
    );
    const key = { source, source_entry_id: sourceEntryId };
    return this.optimistic(removeFavorite(key), addFavorite(prev ?? key), async () => {
      try {
        await this.api.removeFavorite(source, sourceEntryId);
      } catch (err) {
        // 404 for a favorite already gone is done; "No such source" is a refusal.
        if (!(err instanceof WazoHttpError && err.kind === 'not_found' && !/no such source/i.test(err.detail ?? ''))) {
          throw err;
        }
      }
    });
  }

  /** Searches the directory: the first contacts found, in dird's order; a refusal as a reason the window words. */
  async search(term: string): Promise<SearchResult> {
    try {
      const contacts = contactsFrom(await this.api.lookup(term));
      return { ok: true, term, contacts: contacts.slice(0, SEARCH_LIMIT), more: contacts.length > SEARCH_LIMIT };
    } catch (err) {
      const error = describeError(err);
      this.log.warn(error);
      // A part of the server down, or the server out of reach: said alike (try again in a moment).
      const reason = err instanceof WazoHttpError && err.transient ? 'unreachable' : errorReason(err);
      return { ok: false, reason, error };
    }
  }

  /** A message's recording as base64 `audio/wav` (text, so that every transport of the contract carries it). */
  async recording(id: string): Promise<RecordingResult> {
    try {
      const wav = await this.api.getVoicemailRecording(id);
      return { ok: true, type: 'audio/wav', base64: wav.toString('base64') };
    } catch (err) {
      const error = describeError(err);
      this.log.warn(error);
      return { ok: false, reason: errorReason(err), error };
    }
  }

  private message(id: string): VoicemailMessageView | undefined {
    return this.notifier.snapshot.voicemail.messages.find((m) => m.id === id);
  }

  private async optimistic(
    apply: LocalChange,
    rollback: LocalChange,
    call: () => Promise<void>,
  ): Promise<WazoCommandResult> {
    this.notifier.applyLocal(apply);
    try {
      await call();
      return { ok: true };
    } catch (err) {
      this.notifier.applyLocal(rollback);
      const error = describeError(err);
      this.log.warn(`${error} (undone)`);
      return { ok: false, reason: errorReason(err), error };
    }
  }
}
