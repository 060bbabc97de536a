/**
 * What the desktop app keeps between runs, and the Wazo resume that uses it:
 * the profile (through its one queued update), the bus password
 * and the Wazo refresh token (secret store only). Kept apart from the
 * composition root so that each rule reads on its own: a new session keeps
 * its user and refresh token, one write at a time; a resume gives way to a
 * login made from the window meanwhile, and says whether to try again.
 */
import { describeError, type Logger } from '../core/logger.js';
import { splitPassword } from '../profile/profile.js';
import type { KeptProfile } from '../profile/profile-store.js';
import type { NotifierService, ServiceEvents } from '../core/service/notifier-service.js';
import { WazoHttpError } from '../core/wazo/http-client.js';
import { closeLink, resume } from '../core/wazo/login.js';
import type { Settings } from '../shared/settings.js';
import type { AttemptOutcome } from './background-retry.js';
import { PlaintextRefused, type SecretStore } from './secret-store.js';

/** The secret store's key of the bus password. */
export const PASSWORD = 'bus-password';
/** The Wazo session's refresh token: the app logs in again at start without the password. */
export const REFRESH_TOKEN = 'wazo-refresh-token';

interface KeepDeps {
  service: Pick<NotifierService, 'on' | 'wazo' | 'useLink'>;
  secrets: SecretStore;
  profile: KeptProfile;
  log: Logger;
}

const secretNotKept = (log: Logger, what: string, err: unknown) =>
  log.warn(err instanceof PlaintextRefused ? err.message : `${what} not kept: ${describeError(err)}`);

/**
 * Keeps what the core asks to keep: the bus settings (the password in the
 * secret store), and each Wazo session's server, user and refresh token, in
 * order. Returns the promise of the writes under way (awaited at quit).
 */
export function keepState(deps: KeepDeps): { pending: () => Promise<void> } {
  const { secrets, profile, log } = deps;
  let persisting = Promise.resolve();
  const queue = (write: () => Promise<void>) => {
    persisting = persisting.then(write);
  };
  deps.service.on('settings', (s: Settings) => queue(() => keepSettings(s)));
  // One at a time, in order: a new login emits the old session's end, then the new one.
  deps.service.on('session', (s) => queue(() => keepSession(s)));
  deps.service.on('expired', () => queue(() => keepSession(null)));

  async function keepSettings(s: Settings): Promise<void> {
    const { url, password } = splitPassword(s.url);
    try {
      if (password) await secrets.set(PASSWORD, password);
      else await secrets.delete(PASSWORD);
    } catch (err) {
      secretNotKept(log, 'password', err);
    }
    await profile.update({ transport: s.transport, url, mode: s.mode, exchange: s.exchange, userUuid: s.userUuid });
  }

  async function keepSession(s: ServiceEvents['session']): Promise<void> {
    try {
      if (s?.session.refreshToken) await secrets.set(REFRESH_TOKEN, s.session.refreshToken);
      else await secrets.delete(REFRESH_TOKEN);
    } catch (err) {
      secretNotKept(log, 'Wazo session', err);
    }
    await profile.update({
      // The token's user too: the next start follows them even before its resume succeeds.
      ...(s ? { userUuid: s.session.userUuid } : {}),
      wazo: s
        ? { server: s.server, username: s.username, ...(s.tlsFingerprint ? { tlsFingerprint: s.tlsFingerprint } : {}) }
        : null,
    });
  }

  return { pending: () => persisting };
}

/**
 * One try at resuming the kept Wazo session: 'retry' when the server could
 * not be reached (transient), 'done' otherwise (resumed, nothing kept, the
 * user logged in meanwhile, or the token refused: then it is forgotten).
 */
export async function resumeOnce(deps: KeepDeps): Promise<AttemptOutcome> {
  const { service, secrets, log } = deps;
  const kept = deps.profile.current.wazo;
  const refreshToken = kept ? await secrets.get(REFRESH_TOKEN) : null;
  if (!kept || !refreshToken || service.wazo) return 'done';
  try {
    const link = await resume({ ...kept, refreshToken, log, allowPlainHttp: 'loopback-only' });
    // The user logged in from the window meanwhile: theirs wins.
    if (service.wazo) {
      await closeLink(link, false);
      return 'done';
    }
    await service.useLink(link);
    return 'done';
  } catch (err) {
    log.warn(`not logged in to ${kept.server} again: ${describeError(err)}`);
    if (err instanceof WazoHttpError && err.transient) return 'retry';
    if (err instanceof WazoHttpError && err.kind === 'unauthorized') await secrets.delete(REFRESH_TOKEN);
    return 'done';
  }
}
