/**
 * The Wazo session's lifecycle, apart from the notifier's: one logged-in user
 * at a time, their renewals passed on (for the desktop app to keep the refresh
 * token, for the clock to learn the server's zone), the server ending the
 * session announced once, and the session dropped (revoked at a logout, only
 * let go when quitting). What the notifier does about it is the service's.
 */
import type { NotifierConfig } from '../config.js';
import { Emitter } from '../emitter.js';
import type { WazoSession } from '../wazo/auth.js';
import { closeLink, type WazoLink } from '../wazo/login.js';

/** The session as the desktop app keeps it; `null` once dropped. */
export type SessionRecord = {
  server: string;
  username: string;
  tlsFingerprint?: string | undefined;
  session: WazoSession;
} | null;

export interface SessionKeeperEvents extends Record<string, unknown> {
  /** A session began or its token was renewed; `null` when it was dropped. */
  session: SessionRecord;
  /** The server ended the session of `link` for good. */
  ended: { link: WazoLink; reason: string };
}

export class SessionKeeper extends Emitter<SessionKeeperEvents> {
  private current: WazoLink | undefined;
  private off: (() => void)[] = [];

  /** The logged-in user's link, if any. */
  get link(): WazoLink | undefined {
    return this.current;
  }

  /** Takes `link` as the session (a previous one is logged out first). */
  async adopt(link: WazoLink): Promise<void> {
    if (this.current && this.current !== link) await this.drop(true);
    this.current = link;
    this.off = [
      link.auth.on('renewed', (session) => this.emit('session', record(link, session))),
      link.auth.on('expired', ({ reason }) => this.emit('ended', { link, reason })),
    ];
    this.emit('session', record(link, link.auth.session));
  }

  /** Ends the session: revoked at a logout, only let go otherwise (it may be resumed). */
  async drop(revoke: boolean): Promise<void> {
    const link = this.current;
    if (!link) return;
    this.current = undefined;
    for (const off of this.off.splice(0)) off();
    await closeLink(link, revoke);
    this.emit('session', null);
  }

  /** `config` for the logged-in user: their uuid, ACLs and session scope the events. */
  configFor(config: NotifierConfig): NotifierConfig {
    const s = this.current?.auth.session;
    if (!s) return config;
    const next: NotifierConfig = { ...config, userUuid: s.userUuid, acl: s.acl };
    if (s.sessionUuid) next.sessionUuid = s.sessionUuid;
    else delete next.sessionUuid;
    return next;
  }
}

const record = (link: WazoLink, session: WazoSession): SessionRecord => ({
  server: link.account.server,
  username: link.account.username,
  tlsFingerprint: link.tlsFingerprint,
  session,
});
