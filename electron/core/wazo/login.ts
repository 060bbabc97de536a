/**
 * Logging in to a Wazo server: the HTTP client for that server, the user's
 * token (kept fresh), and the REST API bound to it. What comes out is all a
 * notifier needs to follow that user: their uuid and ACLs scope the bus.
 */
import type { AccountView } from '../../shared/snapshot.js';
import type { PlainHttpPolicy } from '../../shared/wazo-input.js';
import type { Logger } from '../logger.js';
import { AuthSession, createToken, refreshToken, type Credentials, type WazoSession } from './auth.js';
import { WazoHttpClient, WazoHttpError } from './http-client.js';
import { peerFingerprint } from './tls-pinning.js';
import { WazoApi } from './wazo-api.js';

export interface LoginOptions extends Credentials {
  server: string;
  tlsFingerprint?: string | undefined;
  /** Where plain http:// is accepted: the window's login and the desktop's resume pass `loopback-only`. */
  allowPlainHttp?: PlainHttpPolicy | undefined;
  /** Keep the password in memory to log in again when the server gives no refresh token (the CLI does; the app stores the refresh token instead). */
  keepPassword?: boolean;
  timeoutMs?: number;
  retries?: number;
  log?: Logger;
}

/** A logged-in user: everything bound to their token. */
export interface WazoLink {
  http: WazoHttpClient;
  auth: AuthSession;
  api: WazoApi;
  account: AccountView;
  /** The self-signed certificate the user trusts for this server, if any (kept with the profile). */
  tlsFingerprint?: string | undefined;
}

/** Logs in; throws WazoHttpError (wrong password, unreachable, not a Wazo…) or Error (bad server address). */
export async function login(opts: LoginOptions): Promise<WazoLink> {
  const http = clientFor(opts);
  let session: WazoSession;
  try {
    session = await createToken(http, opts);
  } catch (err) {
    await http.close();
    throw opts.tlsFingerprint ? err : await withFingerprint(err, http.base);
  }
  return linkFor(http, session, opts.keepPassword ? opts : undefined, opts.username, opts);
}

/**
 * An untrusted certificate: says which fingerprint the server presents, so
 * that the user can check it against their administrator's before trusting it.
 */
async function withFingerprint(err: unknown, server: URL): Promise<unknown> {
  if (!(err instanceof WazoHttpError) || err.kind !== 'tls' || server.protocol !== 'https:') return err;
  try {
    const fingerprint = await peerFingerprint(server);
    return new WazoHttpError(
      'tls',
      `${err.message}; the server presents ${fingerprint}`,
      err.status,
      err.detail,
      undefined,
      fingerprint,
    );
  } catch {
    return err;
  }
}

/**
 * Resumes a session from the refresh token kept by the desktop app, without
 * the password; throws like `login` (401: the refresh token is no longer valid).
 */
export async function resume(
  opts: Omit<LoginOptions, 'password' | 'keepPassword' | 'tenant'> & { refreshToken: string },
): Promise<WazoLink> {
  const http = clientFor(opts);
  try {
    const session = await refreshToken(http, { refreshToken: opts.refreshToken });
    return linkFor(http, session, undefined, opts.username, opts);
  } catch (err) {
    await http.close();
    throw err;
  }
}

function clientFor(
  opts: Pick<LoginOptions, 'server' | 'tlsFingerprint' | 'allowPlainHttp' | 'timeoutMs' | 'retries' | 'log'>,
): WazoHttpClient {
  return new WazoHttpClient({
    server: opts.server,
    tlsFingerprint: opts.tlsFingerprint,
    allowPlainHttp: opts.allowPlainHttp,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
}

/** Binds a session (new, or resumed from a stored refresh token) to its server. */
function linkFor(
  http: WazoHttpClient,
  session: WazoSession,
  credentials: Credentials | undefined,
  username: string,
  opts: { log?: Logger | undefined; tlsFingerprint?: string | undefined } = {},
): WazoLink {
  const auth = new AuthSession(http, session, { credentials, ...(opts.log ? { log: opts.log } : {}) });
  return {
    http,
    auth,
    api: new WazoApi(http, auth),
    account: { username, server: http.base.origin, tenant_uuid: session.tenantUuid },
    tlsFingerprint: opts.tlsFingerprint,
  };
}

/** Ends a link: revokes the token (when asked) and closes its connections. */
export async function closeLink(link: WazoLink, revoke: boolean): Promise<void> {
  if (revoke) await link.auth.logout();
  else link.auth.stop();
  await link.http.close();
}
