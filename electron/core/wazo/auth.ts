/**
 * wazo-auth: a user's token from their username and password, its renewal
 * before it expires (with a refresh token where the server gives one), and its
 * revocation at logout. The token's metadata gives the user's uuid, tenant and
 * ACLs, which scope the bus for the rest of the session.
 */
import * as v from 'valibot';
import { UserUuidSchema } from '../../shared/settings.js';
import { Emitter } from '../emitter.js';
import { offsetFromToken } from '../events/server-clock.js';
import { describeError, silentLogger, type Logger } from '../logger.js';
import { WazoHttpError, type WazoHttpClient } from './http-client.js';

/** The client id a refresh token is tied to: renewals must present the same one. */
const CLIENT_ID = 'wazo-notifier';

/** The lifetime asked for each token, in seconds. */
const TOKEN_EXPIRATION_S = 3_600;

const TokenReply = v.object({
  data: v.looseObject({
    token: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
    acl: v.optional(v.nullable(v.array(v.pipe(v.string(), v.maxLength(1024)))), []),
    expires_at: v.optional(v.nullable(v.string())),
    utc_expires_at: v.optional(v.nullable(v.string())),
    session_uuid: v.optional(v.nullable(v.string())),
    refresh_token: v.optional(v.nullable(v.string())),
    xivo_user_uuid: v.optional(v.nullable(v.string())),
    metadata: v.optional(
      v.nullable(
        v.looseObject({
          uuid: v.optional(v.nullable(v.string())),
          tenant_uuid: v.optional(v.nullable(v.string())),
        }),
      ),
    ),
  }),
});

/** A logged-in user's token and what it says about them. */
export interface WazoSession {
  token: string;
  userUuid: string;
  tenantUuid: string | null;
  acl: string[];
  sessionUuid: string | null;
  /** Epoch ms. */
  expiresAt: number;
  /** Present when the server gave one (`access_type: offline`): renews without the password. */
  refreshToken: string | null;
  /**
   * The server's UTC offset in minutes, from the token's `expires_at` (its wall
   * clock) against `utc_expires_at`; null when the token does not tell. The bus
   * stamps events with that wall clock, without a zone.
   */
  serverUtcOffsetMinutes: number | null;
}

export interface Credentials {
  username: string;
  password: string;
  /** A tenant's domain name, for servers hosting several. */
  tenant?: string | undefined;
}

function toSession(
  body: unknown,
  now: number,
  asked: number,
  previous?: Pick<WazoSession, 'refreshToken'>,
): WazoSession {
  const parsed = v.safeParse(TokenReply, body);
  if (!parsed.success) {
    throw new WazoHttpError(
      'malformed',
      `login: the token answer is not what wazo-auth sends (${v.summarize(parsed.issues)})`,
    );
  }
  const d = parsed.output.data;
  const userUuid = d.metadata?.uuid ?? d.xivo_user_uuid ?? null;
  if (!userUuid || !v.is(UserUuidSchema, userUuid)) {
    throw new WazoHttpError('malformed', 'login: the token names no user (is this account a Wazo user?)');
  }
  return {
    token: d.token,
    userUuid: userUuid.toLowerCase(),
    tenantUuid: d.metadata?.tenant_uuid ?? null,
    acl: d.acl ?? [],
    sessionUuid: d.session_uuid ?? null,
    expiresAt: expiry(d.utc_expires_at ?? d.expires_at, now, asked),
    refreshToken: d.refresh_token ?? previous?.refreshToken ?? null,
    serverUtcOffsetMinutes: offsetFromToken(d.expires_at, d.utc_expires_at),
  };
}

/** wazo-auth writes its times in ISO 8601 without an offset: UTC. */
function expiry(raw: string | null | undefined, now: number, askedS: number): number {
  if (raw) {
    const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
    if (Number.isFinite(t) && t > now) return t;
  }
  return now + askedS * 1000;
}

/** POST /token with the user's credentials. */
export async function createToken(http: WazoHttpClient, creds: Credentials, now = Date.now()): Promise<WazoSession> {
  const body: Record<string, unknown> = {
    expiration: TOKEN_EXPIRATION_S,
    access_type: 'offline',
    client_id: CLIENT_ID,
  };
  if (creds.tenant) body.domain_name = creds.tenant;
  try {
    const reply = await http.json({
      method: 'POST',
      path: '/api/auth/0.1/token',
      label: 'login',
      basicAuth: { username: creds.username, password: creds.password },
      body,
    });
    return toSession(reply, now, TOKEN_EXPIRATION_S);
  } catch (err) {
    if (err instanceof WazoHttpError && err.kind === 'unauthorized') {
      throw new WazoHttpError('unauthorized', 'login: wrong username or password', 401, err.detail);
    }
    throw err;
  }
}

/** POST /token with a refresh token: a new token without the password. */
export async function refreshToken(
  http: WazoHttpClient,
  session: Pick<WazoSession, 'refreshToken'>,
  now = Date.now(),
): Promise<WazoSession> {
  if (!session.refreshToken) throw new WazoHttpError('unauthorized', 'renew token: no refresh token');
  const reply = await http.json({
    method: 'POST',
    path: '/api/auth/0.1/token',
    label: 'renew token',
    body: { refresh_token: session.refreshToken, client_id: CLIENT_ID, expiration: TOKEN_EXPIRATION_S },
  });
  return toSession(reply, now, TOKEN_EXPIRATION_S, session);
}

/** DELETE /token/{token}: the server forgets it (200 even for an unknown one). */
async function revokeToken(http: WazoHttpClient, token: string): Promise<void> {
  await http.json({
    method: 'DELETE',
    path: `/api/auth/0.1/token/${encodeURIComponent(token)}`,
    label: 'logout',
    token,
  });
}

export interface AuthSessionEvents extends Record<string, unknown> {
  /** A new token is in force (after a renewal). */
  renewed: WazoSession;
  /** The session cannot be renewed any more: the user must log in again. */
  expired: { reason: string };
}

/**
 * Keeps a session's token valid: renews it a minute (or a tenth of its
 * lifetime) before it expires, and at once when the server says it no longer
 * knows it. Renewal uses the refresh token, else the password kept in memory
 * for this run; a transient failure is retried, a refusal ends the session.
 */
export class AuthSession extends Emitter<AuthSessionEvents> {
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<WazoSession> | undefined;
  private closed = false;

  constructor(
    private readonly http: WazoHttpClient,
    private current: WazoSession,
    private readonly deps: {
      credentials?: Credentials | undefined;
      log?: Logger;
      now?: () => number;
      /** Delay before retrying a renewal that failed for a transient reason (default 15 s). */
      retryMs?: number;
    } = {},
  ) {
    super();
    this.schedule();
  }

  get session(): WazoSession {
    return this.current;
  }

  get token(): string {
    return this.current.token;
  }

  /** Renews now (one renewal at a time); resolves with the new session or throws. */
  renew(): Promise<WazoSession> {
    this.renewing ??= this.doRenew().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  /** Stops renewing and revokes the token (best effort: the server may be gone). */
  async logout(): Promise<void> {
    this.stop();
    try {
      await revokeToken(this.http, this.current.token);
    } catch (err) {
      (this.deps.log ?? silentLogger).warn(`logout: ${describeError(err)}`);
    }
  }

  /** Stops renewing without revoking (the token stays valid until it expires: the app may resume with it). */
  stop(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private async doRenew(): Promise<WazoSession> {
    const now = this.deps.now?.() ?? Date.now();
    let next: WazoSession;
    try {
      next = await this.renewWith(now);
    } catch (err) {
      if (err instanceof WazoHttpError && err.transient && !this.closed) this.schedule(this.deps.retryMs ?? 15_000);
      else if (!this.closed) {
        this.closed = true;
        this.emit('expired', { reason: describeError(err) });
      }
      throw err;
    }
    if (next.userUuid !== this.current.userUuid) {
      this.closed = true;
      const reason = 'renew token: the server answered for another user';
      this.emit('expired', { reason });
      throw new WazoHttpError('malformed', reason);
    }
    this.current = next;
    if (!this.closed) {
      this.schedule();
      this.emit('renewed', next);
    }
    return next;
  }

  /** The refresh token first; the password kept for this run when there is none or it was refused. */
  private async renewWith(now: number): Promise<WazoSession> {
    const creds = this.deps.credentials;
    if (this.current.refreshToken) {
      try {
        return await refreshToken(this.http, this.current, now);
      } catch (err) {
        if (!creds || !(err instanceof WazoHttpError) || err.kind !== 'unauthorized') throw err;
      }
    }
    if (creds) return createToken(this.http, creds, now);
    throw new WazoHttpError('unauthorized', 'renew token: the session has no refresh token and no password');
  }

  private schedule(delayMs?: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    const now = this.deps.now?.() ?? Date.now();
    const left = this.current.expiresAt - now;
    const delay = delayMs ?? Math.max(1_000, left - Math.min(60_000, left / 10));
    this.timer = setTimeout(
      () => {
        this.renew().catch((err: unknown) => (this.deps.log ?? silentLogger).warn(describeError(err)));
      },
      Math.min(delay, 2 ** 31 - 1),
    );
    this.timer.unref?.();
  }
}
