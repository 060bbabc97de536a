/**
 * `--server URL --username NAME --password-file FILE [--tenant DOMAIN]`: the
 * CLI logs in as a Wazo user instead of following a uuid given by hand.
 */
import { readFile, stat } from 'node:fs/promises';
import type { NotifierConfig } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import { describeError } from '../core/logger.js';
import { normaliseFingerprint, parseServer } from '../core/wazo/http-client.js';
import { login, type WazoLink } from '../core/wazo/login.js';
import { NO_USER } from '../shared/settings.js';
import { UsageError } from './args.js';

/** The flags of a login. */
export const LOGIN_OPTIONS = {
  server: { type: 'string' },
  username: { type: 'string' },
  'password-file': { type: 'string' },
  tenant: { type: 'string' },
  'tls-fingerprint': { type: 'string' },
} as const;

export const LOGIN_HELP = `  --server URL             log in to this Wazo server (instead of --user): the user's
                           uuid and ACLs scope the bus, and the state (forwards,
                           services, voicemails, calls, favorites) is read over REST
                           after login and after every bus reconnect
  --username NAME          the Wazo user's login (with --server)
  --password-file FILE     a file holding the password on its first line (with --server);
                           "-" reads it from stdin
  --tenant DOMAIN          the tenant's domain name, on servers hosting several
  --tls-fingerprint SHA256 trust this one self-signed certificate of the server
                           (its SHA-256 fingerprint, colons optional)
`;

export const LOGIN_EXIT_HELP = `Exit codes: 0 after a signal; 2 for a usage error; 3 when the login fails
(wrong password, unreachable server, an answer that is not Wazo's, an untrusted
certificate), after the HTTP client's own retries of network errors and 5xx.
Once logged in, nothing transient ends the command: REST reads that fail are
retried every 30 s and the token is renewed (refresh token, else the password)
before it expires; a session the server ends for good also exits 3.
`;

interface LoginFlags {
  server?: string | undefined;
  username?: string | undefined;
  'password-file'?: string | undefined;
  tenant?: string | undefined;
  'tls-fingerprint'?: string | undefined;
  user?: string | undefined;
  transport?: string | undefined;
}

/** True when the flags ask for a login. */
const wantsLogin = (v: LoginFlags): boolean =>
  v.server !== undefined || v.username !== undefined || v['password-file'] !== undefined;

/** Checks the login flags and reads the password; usage errors for what is missing or wrong. */
async function credentials(v: LoginFlags): Promise<{ server: string; username: string; password: string }> {
  if (v.user !== undefined) throw new UsageError('give either --user or --server/--username/--password-file, not both');
  if (!v.server || !v.username || !v['password-file']) {
    throw new UsageError('a login needs --server URL, --username NAME and --password-file FILE');
  }
  for (const check of [
    () => parseServer(v.server!),
    () => v['tls-fingerprint'] && normaliseFingerprint(v['tls-fingerprint']),
  ]) {
    try {
      check();
    } catch (err) {
      throw new UsageError(describeError(err));
    }
  }
  const file = v['password-file'];
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the password file: ${describeError(err)}`);
  }
  const password = text.split(/\r?\n/, 1)[0] ?? '';
  if (!password) throw new UsageError('the password file is empty');
  return { server: v.server, username: v.username, password };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Warns when the password file can be read by other users of the machine. */
async function warnIfShared(file: string, log: Logger): Promise<void> {
  if (file === '-' || process.platform === 'win32') return;
  const { mode } = await stat(file);
  if (mode & 0o077) log.warn(`${file} can be read by other users: chmod 600 it`);
}

type LoginOutcome = { ok: true; link: WazoLink } | { ok: false; message: string };

/**
 * Logs in. The HTTP client's warnings (retries, plain http) are held back and
 * shown only once the login succeeds, so that a failure is one clear line.
 */
async function loginFromFlags(v: LoginFlags, log: Logger): Promise<LoginOutcome> {
  const creds = await credentials(v);
  const held: string[] = [];
  const holding: Logger = { info: (m) => held.push(m), warn: (m) => held.push(m), error: (m) => held.push(m) };
  let forward: Logger = holding;
  const relay: Logger = {
    info: (m) => forward.info(m),
    warn: (m) => forward.warn(m),
    error: (m) => forward.error(m),
  };
  try {
    const link = await login({
      ...creds,
      tenant: v.tenant,
      tlsFingerprint: v['tls-fingerprint'],
      keepPassword: true,
      log: relay,
    });
    forward = log;
    for (const m of held) log.warn(m);
    await warnIfShared(v['password-file']!, log);
    return { ok: true, link };
  } catch (err) {
    return { ok: false, message: `cannot log in to ${creds.server}: ${describeError(err)}` };
  }
}

/**
 * The notifier's config for the command's flags: with a login, the logged-in
 * user's uuid and ACLs. Resolves to null after printing the one error line of
 * a failed login (the command then exits 3).
 */
export async function configForFlags(
  values: LoginFlags,
  log: Logger,
  busConfig: (user: string | undefined, acl?: string[]) => NotifierConfig,
): Promise<{ config: NotifierConfig; link?: WazoLink } | null> {
  if (!wantsLogin(values)) {
    if (values.transport === 'websocketd') {
      throw new UsageError('--transport websocketd needs a login: --server URL --username NAME --password-file FILE');
    }
    return { config: busConfig(values.user) };
  }
  busConfig(NO_USER); // usage errors of the bus flags first
  const outcome = await loginFromFlags(values, log);
  if (!outcome.ok) {
    log.error(outcome.message);
    return null;
  }
  const s = outcome.link.auth.session;
  return { config: busConfig(s.userUuid, s.acl), link: outcome.link };
}
