/**
 * What a window talks to: the running notifier for the current settings, the
 * snapshot as a stream of numbered changes, toasts, and the commands of the
 * contract. Changing the settings restarts the notifier; the change numbers
 * keep growing across restarts, so a window never mistakes new for old.
 */
import type { CallActionResult } from '../../shared/call-actions.js';
import type { SearchResult } from '../../shared/directory.js';
import type {
  CheckedRequest,
  CommandResponses,
  Section,
  SnapshotChange,
  WazoCommandResult,
} from '../../shared/contract.js';
import {
  DEFAULT_PREFERENCES,
  type Preferences,
  type PreferencesView,
  type SecretsProtection,
} from '../../shared/preferences.js';
import { validateSettings, type Settings } from '../../shared/settings.js';
import { NO_MISSED_MARKS, type MissedMarks, type Snapshot } from '../../shared/snapshot.js';
import type { Toast } from '../../shared/toast.js';
import type { NotifierConfig } from '../config.js';
import { Emitter } from '../emitter.js';
import { Notifier, type NotifierDeps, type NotifierEvents } from '../notifier.js';
import { describeError } from '../logger.js';
import type { CallActions } from '../wazo/call-actions.js';
import { errorReason } from '../wazo/error-reason.js';
import { WazoHttpError } from '../wazo/http-client.js';
import { WazoSync } from './wazo-sync.js';
import { login, type LoginOptions, type WazoLink } from '../wazo/login.js';
import { websocketdLink } from '../wazo/websocketd-link.js';
import { ChangeFeed } from './change-feed.js';
import { SessionKeeper, type SessionRecord } from './session-keeper.js';
import { sameJson } from '../../shared/same-json.js';

export interface ServiceEvents extends Record<string, unknown> {
  change: SnapshotChange;
  toast: Toast;
  /** The running notifier's own events, passed through. */
  status: NotifierEvents['status'];
  event: NotifierEvents['event'];
  rejected: NotifierEvents['rejected'];
  /** The whole snapshot after each change, numbered in the service's sequence. */
  state: Snapshot;
  /** New settings were saved and are in force (for the desktop app to persist them). */
  settings: Settings;
  /** The window should bring a section into view. */
  focus: { section: Section };
  /** New preferences were saved (for the desktop app to apply and persist them). */
  preferences: Preferences;
  /** A Wazo session began or its token was renewed (for the desktop app to keep its refresh token); `null` at logout. */
  session: SessionRecord;
  /** The Wazo session ended on the server's side: the user must log in again. */
  expired: { reason: string };
  /** What each user has seen and cleared of their missed calls changed (for the desktop app to keep in the profile). */
  missedMarks: Record<string, MissedMarks>;
}

/** Users whose missed-call marks are kept (the most recent ones). */
const MARKED_USERS = 20;

/** The refusal of a signed-in user's command while nobody is signed in (`what`: what could not be done). */
const signedOut = (what: string) =>
  Promise.resolve({ ok: false as const, reason: 'signed-out' as const, error: `log in to a Wazo server to ${what}` });

export class NotifierService extends Emitter<ServiceEvents> {
  private active!: Notifier;
  private config: NotifierConfig;
  private readonly feed = new ChangeFeed();
  private unsubscribe: (() => void)[] = [];
  /** The Wazo session: its lifecycle is the keeper's, what the notifier does about it is ours. */
  private readonly session = new SessionKeeper();
  private wazoSync: WazoSync | undefined;
  /** The user the settings name for the direct bus (the nil uuid when none); the signed-in user is the login's. */
  private busUser: string;
  /** The changes of user, login and settings, one after the other (see `serial`). */
  private chain: Promise<unknown> = Promise.resolve();
  private prefs: Preferences = DEFAULT_PREFERENCES;
  /** What each user (by uuid) has seen and cleared of their missed calls, least recently changed first. */
  private missedMarks = new Map<string, MissedMarks>();
  /** How secrets are kept by the host (the desktop app tells; the browser preview keeps none). */
  secretsProtection: SecretsProtection = 'none';

  constructor(
    config: NotifierConfig,
    private readonly deps: NotifierDeps = {},
  ) {
    super();
    this.config = config;
    this.busUser = config.userUuid;
    this.session.on('session', (record) => {
      if (record) this.active.clock.learn(record.session.serverUtcOffsetMinutes, 'token');
      this.emit('session', record);
    });
    this.session.on('ended', ({ link, reason }) => void this.serial(() => this.sessionEnded(link, reason)));
    this.attach(this.create(config));
  }

  private get link(): WazoLink | undefined {
    return this.session.link;
  }

  /** The current snapshot, numbered in the service's own sequence. */
  get snapshot(): Snapshot {
    return this.feed.numbered(this.active.snapshot);
  }

  /** The settings in force. */
  get settings(): Settings {
    const { transport, url, mode, exchange } = this.config;
    return { transport, url, mode, exchange: exchange ?? '', userUuid: this.busUser };
  }

  /** The notifier now running (replaced on each restart): for ports that need its stats or events. */
  get notifier(): Notifier {
    return this.active;
  }

  start(): Promise<void> {
    return this.active.start();
  }

  /** Stops the notifier; its last status (`closed`) still reaches the listeners. The Wazo session is kept (not revoked). */
  async stop(): Promise<void> {
    this.wazoSync?.stop();
    this.wazoSync = undefined;
    await this.active.stop();
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** Stops everything, the Wazo session's renewals and connections included (quitting). */
  async close(): Promise<void> {
    await this.stop();
    if (this.link) await this.dropLink(false);
  }

  /** The logged-in Wazo user, if any. */
  get wazo(): WazoLink | undefined {
    return this.link;
  }

  /**
   * Follows the logged-in user of `link` from now on: their uuid and ACLs
   * scope the bus and the state is read over REST after every (re)connection.
   * Before `start`, it only sets things up; while running, it restarts the notifier.
   */
  useLink(link: WazoLink, running = true): Promise<void> {
    return this.serial(() => this.switchTo(link, running));
  }

  /**
   * Runs changes of user, login and settings one after the other: two of them
   * overlapping would each stop the notifier the other just started, and
   * leave one running unseen (on AMQP, sharing its queue).
   */
  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => {});
    return next;
  }

  private async switchTo(link: WazoLink, running: boolean): Promise<void> {
    if (this.link && this.link !== link) await this.dropLink(true);
    await this.session.adopt(link);
    const next = this.session.configFor(this.config);
    if (running) await this.restart(next);
    else {
      // Not started yet: the notifier is replaced, never left behind (its last status reaches nobody).
      this.wazoSync?.stop();
      this.wazoSync = undefined;
      for (const off of this.unsubscribe.splice(0)) off();
      await this.active.stop();
      this.config = next;
      this.attach(this.create(next));
    }
  }

  /** Logs in from the window; on success the notifier follows that user. */
  async login(opts: LoginOptions): Promise<CommandResponses['login']> {
    let link: WazoLink;
    try {
      link = await login({ ...opts, ...(this.deps.log ? { log: this.deps.log } : {}) });
    } catch (err) {
      const fingerprint = err instanceof WazoHttpError ? err.fingerprint : undefined;
      return {
        ok: false,
        reason: errorReason(err, 'login'),
        error: describeError(err),
        ...(fingerprint ? { fingerprint } : {}),
      };
    }
    await this.serial(() => this.switchTo(link, true));
    return { ok: true, account: link.account };
  }

  /**
   * Logs out: the token is revoked and the signed-in user is followed no more.
   * A direct bus goes back to the bus user its settings name (nobody unless one
   * was typed there), without REST; websocketd needs the login, so the window
   * goes back to the sign-in.
   */
  logout(): Promise<CommandResponses['logout']> {
    return this.serial(async () => {
      if (!this.link) return { ok: true as const };
      const next = this.withoutLogin();
      // The notifier stops before the token is revoked: nothing uses a revoked token.
      await this.stop();
      await this.dropLink(true);
      await this.restart(next);
      return { ok: true as const };
    });
  }

  /** The server ended the session for good: the window offers the login again; a direct bus goes on. */
  private async sessionEnded(link: WazoLink, reason: string): Promise<void> {
    if (this.link !== link) return; // a session already replaced
    this.emit('expired', { reason });
    const next = this.active.transport === 'websocketd' ? this.withoutLogin() : undefined;
    await this.dropLink(false);
    if (next) await this.restart(next);
    this.active.setAccount(null);
    this.active.setSync({
      status: 'failed',
      error: `the Wazo session ended (${reason}): log in again`,
      reason: 'session',
    });
  }

  /** The config once nobody is logged in: the settings' bus user, whose ACLs are unknown (events over websocketd stop with the login). */
  private withoutLogin(): NotifierConfig {
    const next: NotifierConfig = { ...this.config, acl: null, userUuid: this.busUser };
    delete next.sessionUuid;
    return next;
  }

  private async dropLink(revoke: boolean): Promise<void> {
    if (!this.link) return;
    this.wazoSync?.stop();
    this.wazoSync = undefined;
    await this.session.drop(revoke);
  }

  /** The signed-in user's commands, or a clear refusal when nobody is logged in. */
  private withSync(run: (a: WazoSync) => Promise<WazoCommandResult>): Promise<WazoCommandResult> {
    return this.wazoSync ? run(this.wazoSync) : signedOut('change this');
  }

  setService(request: CheckedRequest<'setService'>): Promise<WazoCommandResult> {
    return this.withSync((a) => a.setService(request.service, request.enabled));
  }

  setForward(request: CheckedRequest<'setForward'>): Promise<WazoCommandResult> {
    return this.withSync((a) => a.setForward(request.forward, request.enabled, request.destination));
  }

  markVoicemailRead(request: CheckedRequest<'markVoicemailRead'>): Promise<WazoCommandResult> {
    return this.withSync((a) => a.markVoicemailRead(request.id));
  }

  deleteVoicemail(request: CheckedRequest<'deleteVoicemail'>): Promise<WazoCommandResult> {
    return this.withSync((a) => a.deleteVoicemail(request.id));
  }

  addFavorite(request: CheckedRequest<'addFavorite'>): Promise<WazoCommandResult> {
    const { source, sourceEntryId, name, numbers } = request;
    return this.withSync((a) => a.addFavorite({ source, source_entry_id: sourceEntryId, name, numbers }));
  }

  removeFavorite(request: CheckedRequest<'removeFavorite'>): Promise<WazoCommandResult> {
    return this.withSync((a) => a.removeFavorite(request.source, request.sourceEntryId));
  }

  /** Searches the Wazo directory (dird's lookup) as the signed-in user. */
  searchDirectory(request: CheckedRequest<'searchDirectory'>): Promise<SearchResult> {
    return this.wazoSync ? this.wazoSync.search(request.term) : signedOut('search its directory');
  }

  /** The signed-in user's call actions, or a clear refusal when nobody is signed in. */
  private withCalls(run: (c: CallActions) => Promise<CallActionResult>): Promise<CallActionResult> {
    return this.wazoSync ? run(this.wazoSync.calls) : signedOut('place calls');
  }

  callBack(request: CheckedRequest<'callBack'>): Promise<CallActionResult> {
    return this.withCalls((c) => c.callBack(request.extension));
  }

  answerCall(request: CheckedRequest<'answerCall'>): Promise<CallActionResult> {
    return this.withCalls((c) => c.answer(request.callId));
  }

  /** Hangs up a call; on a call ringing here, declines it (never then listed as missed). */
  hangUpCall(request: CheckedRequest<'hangUpCall'>): Promise<CallActionResult> {
    return this.wazoSync ? this.wazoSync.hangUp(request.callId) : signedOut('place calls');
  }

  /** A voicemail's recording for the window to play (the core fetches it: the token never reaches a page). */
  getVoicemailRecording(
    request: CheckedRequest<'getVoicemailRecording'>,
  ): Promise<CommandResponses['getVoicemailRecording']> {
    return this.wazoSync ? this.wazoSync.recording(request.id) : signedOut('listen to voicemails');
  }

  /** The marks the host kept (the desktop's profile), before the service starts; announces nothing. */
  initMissedMarks(marks: Record<string, MissedMarks>): void {
    this.missedMarks = new Map(Object.entries(marks));
    this.active.setMissedMarks(this.marksOf(this.active.snapshot.user_uuid));
  }

  /** Every missed call listed now is seen: it leaves the badge. */
  markMissedSeen(): { ok: true } {
    const snap = this.active.snapshot;
    const marks = this.marksOf(snap.user_uuid);
    let newest = marks.seen_until;
    for (const m of snap.missed_calls) if (newest === null || m.at > newest) newest = m.at;
    this.setMarks(snap.user_uuid, { ...marks, seen_until: newest });
    return { ok: true };
  }

  /** The seen missed calls leave the list (and a later read of the history does not bring them back). */
  clearMissedCalls(): { ok: true } {
    const user = this.active.snapshot.user_uuid;
    const marks = this.marksOf(user);
    this.setMarks(user, { ...marks, cleared_until: marks.seen_until });
    return { ok: true };
  }

  private marksOf(user: string): MissedMarks {
    return this.missedMarks.get(user) ?? NO_MISSED_MARKS;
  }

  private setMarks(user: string, marks: MissedMarks): void {
    if (sameJson(this.marksOf(user), marks)) return;
    this.missedMarks.delete(user);
    this.missedMarks.set(user, marks);
    while (this.missedMarks.size > MARKED_USERS) this.missedMarks.delete(this.missedMarks.keys().next().value!);
    this.active.setMissedMarks(marks);
    this.emit('missedMarks', Object.fromEntries(this.missedMarks));
  }

  /** The preferences in force, and how secrets are kept. */
  get preferences(): PreferencesView {
    return { preferences: this.prefs, secrets: this.secretsProtection };
  }

  /** The preferences the host loaded at start-up (announces nothing). */
  initPreferences(prefs: Preferences, secrets: SecretsProtection): void {
    this.prefs = prefs;
    this.secretsProtection = secrets;
  }

  /** Sets the preferences (already checked against the contract's schema). */
  savePreferences(prefs: Preferences): PreferencesView {
    this.prefs = prefs;
    this.emit('preferences', prefs);
    return this.preferences;
  }

  /** Asks the window to bring a section into view (a system notification was clicked). */
  focus(section: Section): void {
    this.emit('focus', { section });
  }

  /** The window dismissed a toast: toasts live in the window, the core keeps none (the history is the window's). */
  dismissToast(_id: string): void {}

  /** Validates and applies new settings; a change restarts the notifier on them. */
  async saveSettings(input: unknown): Promise<CommandResponses['saveSettings']> {
    const checked = validateSettings(input);
    if (!checked.ok) return checked;
    return this.serial(() => this.applySettings(checked.settings));
  }

  private async applySettings(s: Settings): Promise<CommandResponses['saveSettings']> {
    // The bus user kept by the settings is not the signed-in one: unchanged, the signed-in user goes on.
    const user = this.link && s.userUuid === this.busUser ? this.config.userUuid : s.userUuid;
    this.busUser = s.userUuid;
    const next: NotifierConfig = {
      ...this.config,
      transport: s.transport,
      url: s.url,
      mode: s.mode,
      userUuid: user,
    };
    if (s.exchange) next.exchange = s.exchange;
    else delete next.exchange;
    if (!sameJson(next, this.config)) {
      if (next.userUuid !== this.config.userUuid) {
        // Another user's ACLs are unknown until they log in, and the session is not theirs.
        next.acl = null;
        await this.dropLink(true);
      }
      await this.restart(next);
    }
    this.emit('settings', s);
    return { ok: true, settings: this.settings };
  }

  /** Replaces the running notifier with one on `next`; the window gets every slice anew. */
  private async restart(next: NotifierConfig): Promise<void> {
    await this.stop();
    const previous = this.snapshot;
    this.config = next;
    this.attach(this.create(next));
    this.feed.restart(previous, this.active.snapshot);
    this.emit('change', this.feed.whole(this.active.snapshot));
    await this.active.start();
  }

  /** A notifier for `config`, fed over websocketd when a user is logged in and the transport allows it. */
  private create(config: NotifierConfig): Notifier {
    return new Notifier(config, { ...this.deps, websocketd: this.link ? websocketdLink(this.link) : undefined });
  }

  private attach(notifier: Notifier): void {
    this.active = notifier;
    notifier.setMissedMarks(this.marksOf(notifier.snapshot.user_uuid));
    if (this.link) {
      // The token tells the server's zone: the bus's zone-less timestamps are read with it.
      notifier.clock.learn(this.link.auth.session.serverUtcOffsetMinutes, 'token');
      notifier.setAccount(this.link.account);
      this.wazoSync = new WazoSync(notifier, this.link.api, {
        ...(this.deps.log ? { log: this.deps.log } : {}),
        ...(this.deps.resyncRetryMs ? { retryMs: this.deps.resyncRetryMs } : {}),
      });
    }
    this.feed.begin(notifier.snapshot);
    this.unsubscribe = [
      notifier.on('state', (snap) => {
        this.emit('change', this.feed.change(snap));
        this.emit('state', this.snapshot);
      }),
      notifier.on('status', (s) => this.emit('status', s)),
      notifier.on('event', (e) => this.emit('event', e)),
      notifier.on('rejected', (r) => this.emit('rejected', r)),
      // Numbered like the snapshot that shows it, so the window knows when its copy can judge it over.
      notifier.on('toast', (toast) => this.emit('toast', { ...toast, seq: this.snapshot.seq })),
    ];
  }
}
