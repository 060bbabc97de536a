/**
 * Logging in to a Wazo server: the HTTP client for that server, the user's
 * token (kept fresh), and the REST API bound to it. What comes out is all a
 * notifier needs to follow that user: their uuid and ACLs scope the bus.
 */
import type { AccountView } from '../../shared/snapshot.js';
import type { Logger } from '../logger.js';
import { AuthSession, createToken, type Credentials, type WazoSession } from './auth.js';
import { WazoHttpClient } from './http-client.js';
import { WazoApi } from './wazo-api.js';

export interface LoginOptions extends Credentials {
  server: string;
  tlsFingerprint?: string | undefined;
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
}

/** Logs in; throws WazoHttpError (wrong password, unreachable, not a Wazo…) or Error (bad server address). */
export async function login(opts: LoginOptions): Promise<WazoLink> {
  const http = new WazoHttpClient({
    server: opts.server,
    tlsFingerprint: opts.tlsFingerprint,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  let session: WazoSession;
  try {
    session = await createToken(http, opts);
  } catch (err) {
    await http.close();
    throw err;
  }
  return linkFor(http, session, opts.keepPassword ? opts : undefined, opts.username, opts.log);
}

/** Binds a session (new, or resumed from a stored refresh token) to its server. */
export function linkFor(
  http: WazoHttpClient,
  session: WazoSession,
  credentials: Credentials | undefined,
  username: string,
  log?: Logger,
): WazoLink {
  const auth = new AuthSession(http, session, { credentials, ...(log ? { log } : {}) });
  return {
    http,
    auth,
    api: new WazoApi(http, auth),
    account: { username, server: http.base.origin, tenant_uuid: session.tenantUuid },
  };
}

/** Ends a link: revokes the token (when asked) and closes its connections. */
export async function closeLink(link: WazoLink, revoke: boolean): Promise<void> {
  if (revoke) await link.auth.logout();
  else link.auth.stop();
  await link.http.close();
}
