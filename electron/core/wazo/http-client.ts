/**
 * The one way the core talks HTTP to a Wazo server: JSON in and out, a
 * deadline on every call, retries with backoff on network errors, timeouts and
 * 5xx (never on 4xx: the server has answered and will answer the same), TLS
 * verified by default, and one self-signed certificate trusted only when the
 * user pinned its SHA-256 fingerprint. Errors say what went wrong in words a
 * user can act on; nothing secret (token, password) ever reaches a log line or
 * an error message.
 */
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { serverAddress, type PlainHttpPolicy } from '../../shared/wazo-input.js';
import { describeError, silentLogger, type Logger } from '../logger.js';
import { certificateFailure, errorCode, normaliseFingerprint, pinnedConnector } from './tls-pinning.js';

export { normaliseFingerprint };

/** What kind of failure a request ended with; decides retries and what the user is told. */
export type HttpErrorKind =
  | 'unauthorized' // 401: bad credentials or an expired/unknown token
  | 'forbidden' // 403: the token lacks the ACL
  | 'not_found' // 404
  | 'conflict' // 409
  | 'refused' // any other 4xx: the server rejected the request (bad input, too many sessions…)
  | 'server' // 5xx
  | 'network' // no answer: refused, reset, DNS…
  | 'timeout'
  | 'tls' // the certificate is not trusted
  | 'tls_mismatch' // the certificate is not the one whose fingerprint the user pinned
  | 'malformed'; // an answer that is not what the API documents

export class WazoHttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    readonly status?: number,
    /** The server's own words (its error body), trimmed; never secret. */
    readonly detail?: string,
    /** wazo-calld's and call-logd's `error_id` (e.g. `invalid-extension`), when the body has one. */
    readonly errorId?: string,
    /** An untrusted certificate's SHA-256 fingerprint (`AB:CD:…`), once read, for the user to check. */
    readonly fingerprint?: string,
  ) {
    super(message);
    this.name = 'WazoHttpError';
  }

  /** Worth trying again later: the server may answer next time. */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server';
  }
}

export interface HttpClientOptions {
  /** The Wazo server, e.g. `https://wazo.example.com` (a path prefix is kept). */
  server: string;
  /** SHA-256 fingerprint of a self-signed certificate to trust (hex, colons optional). */
  tlsFingerprint?: string | undefined;
  /** Where plain http:// is accepted (default `any`, with a warning; the window passes `loopback-only`). */
  allowPlainHttp?: PlainHttpPolicy | undefined;
  /** Deadline of one attempt, in ms (default 10 s). */
  timeoutMs?: number;
  /** Extra attempts after a transient failure (default 2). */
  retries?: number;
  /** First backoff delay, doubled each retry (default 300 ms). */
  backoffMs?: number;
  log?: Logger;
  /** For tests: how to wait between attempts. */
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the server, starting with `/api/`. */
  path: string;
  /** What the request does, for messages and logs (never holds a secret). */
  label: string;
  token?: string | undefined;
  basicAuth?: { username: string; password: string } | undefined;
  tenant?: string | undefined;
  body?: unknown;
  /** Never tried again (a call placed twice rings twice): the user retries by hand. */
  once?: boolean | undefined;
}

/** The most a Wazo answer may weigh: an inbox of thousands of messages fits many times over. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

const sleepMs = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Checks and normalises a server address (the shared rule), or throws saying why it is not one. */
export function parseServer(raw: string, allowPlainHttp: PlainHttpPolicy = 'any'): URL {
  const address = serverAddress(raw, allowPlainHttp);
  if (!address.ok) throw new Error(address.error);
  return address.url;
}

export class WazoHttpClient {
  readonly base: URL;
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly log: Logger;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: HttpClientOptions) {
    this.base = parseServer(opts.server, opts.allowPlainHttp);
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.retries = opts.retries ?? 2;
    this.backoffMs = opts.backoffMs ?? 300;
    this.log = opts.log ?? silentLogger;
    this.sleep = opts.sleep ?? sleepMs;
    const pinned = opts.tlsFingerprint ? normaliseFingerprint(opts.tlsFingerprint) : undefined;
    this.dispatcher = new Agent({
      connect: pinned ? pinnedConnector(pinned, this.timeoutMs) : { timeout: this.timeoutMs },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      keepAliveTimeout: 4_000,
    });
    if (this.base.protocol === 'http:') {
      this.log.warn(`${this.base.origin} is plain http: the password and token cross the network unencrypted`);
    }
  }

  /** Sends a request and returns its parsed JSON body (`undefined` for an empty one); throws WazoHttpError. */
  json(req: HttpRequest): Promise<unknown> {
    return this.retrying(req, () => this.once(req));
  }

  /** Sends a request whose answer is a file (a voicemail's recording): its bytes and their media type. */
  bytes(req: HttpRequest, accept: string): Promise<{ type: string; data: Buffer }> {
    return this.retrying(req, () => this.once(req, accept));
  }

  private async retrying<T>(req: HttpRequest, attempt1: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await attempt1();
      } catch (err) {
        const e =
          err instanceof WazoHttpError ? err : new WazoHttpError('network', `${req.label}: ${describeError(err)}`);
        if (!e.transient || attempt >= this.retries || req.once) throw e;
        const delay = this.backoffMs * 2 ** attempt;
        this.log.warn(`${e.message}; retrying in ${delay} ms`);
        await this.sleep(delay);
      }
    }
  }

  /** Releases the connection pool. */
  close(): Promise<void> {
    return this.dispatcher.close();
  }

  private once(req: HttpRequest): Promise<unknown>;
  private once(req: HttpRequest, accept: string): Promise<{ type: string; data: Buffer }>;
  private async once(req: HttpRequest, accept?: string): Promise<unknown> {
    const url = new URL(req.path.replace(/^\//, ''), this.base);
    const headers: Record<string, string> = { accept: accept ?? 'application/json' };
    if (req.token) headers['x-auth-token'] = req.token;
    if (req.tenant) headers['wazo-tenant'] = req.tenant;
    if (req.basicAuth) {
      const { username, password } = req.basicAuth;
      headers.authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    }
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    let res: Dispatcher.ResponseData;
    try {
      res = await undiciRequest(url, {
        method: req.method,
        headers,
        body,
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw this.transportError(req, err);
    }
    let raw: Buffer;
    try {
      raw = await readCapped(res.body);
    } catch (err) {
      throw this.transportError(req, err);
    }
    const text = raw.toString('utf8');
    if (res.statusCode >= 400) throw statusError(req, res.statusCode, text);
    if (res.statusCode >= 300) {
      throw new WazoHttpError('malformed', `${req.label}: unexpected redirect (${res.statusCode})`, res.statusCode);
    }
    if (accept) {
      const type = String(res.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      if (type !== accept) {
        throw new WazoHttpError('malformed', `${req.label}: the server sent ${type || 'no type'}, not ${accept}`);
      }
      return { type, data: raw };
    }
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new WazoHttpError(
        'malformed',
        `${req.label}: the server answered ${res.statusCode} with something that is not JSON (is ${this.base.origin} a Wazo server?)`,
        res.statusCode,
      );
    }
  }

  private transportError(req: HttpRequest, err: unknown): WazoHttpError {
    const code = errorCode(err);
    const certificate = certificateFailure(err);
    if (certificate) {
      return new WazoHttpError(
        certificate === 'mismatch' ? 'tls_mismatch' : 'tls',
        `${req.label}: the certificate of ${this.base.host} is not trusted (${describeCause(err)}). If it is your Wazo's own self-signed certificate, trust its SHA-256 fingerprint in the settings`,
      );
    }
    if (
      code === 'UND_ERR_HEADERS_TIMEOUT' ||
      code === 'UND_ERR_BODY_TIMEOUT' ||
      code === 'UND_ERR_CONNECT_TIMEOUT' ||
      (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    ) {
      return new WazoHttpError('timeout', `${req.label}: ${this.base.host} did not answer within ${this.timeoutMs} ms`);
    }
    if (code === 'BODY_TOO_LARGE') {
      return new WazoHttpError('malformed', `${req.label}: the answer is larger than ${MAX_BODY_BYTES} bytes`);
    }
    return new WazoHttpError('network', `${req.label}: cannot reach ${this.base.host} (${describeCause(err)})`);
  }
}

function describeCause(err: unknown): string {
  const code = errorCode(err);
  const message = describeError(err);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

async function readCapped(body: Dispatcher.ResponseData['body']): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw Object.assign(new Error('answer too large'), { code: 'BODY_TOO_LARGE' });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const STATUS_KINDS: Record<number, HttpErrorKind> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
};

function statusError(req: HttpRequest, status: number, text: string): WazoHttpError {
  let kind: HttpErrorKind = status >= 500 ? 'server' : (STATUS_KINDS[status] ?? 'refused');
  // calld and call-logd answer a token short of the endpoint's ACL with 401, not 403 (facts §0):
  // a valid token that a renewal would not help.
  if (status === 401 && authReason(text) === 'missing_permission_or_invalid_tenant') kind = 'forbidden';
  const detail = serverMessage(text);
  const message = `${req.label}: the server answered ${status}${detail ? ` (${detail})` : ''}`;
  return new WazoHttpError(kind, message, status, detail, errorId(text));
}

/** The `details.reason` of a Wazo 401 body (`not_found_or_expired`, `missing_permission_or_invalid_tenant`). */
function authReason(text: string): string | undefined {
  try {
    const reason = (JSON.parse(text) as { details?: { reason?: unknown } } | null)?.details?.reason;
    return typeof reason === 'string' ? reason : undefined;
  } catch {
    return undefined;
  }
}

/** The `error_id` of a calld / call-logd error body (`{"message", "error_id", "details"}`), if any. */
function errorId(text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as { error_id?: unknown } | null)?.error_id;
    return typeof id === 'string' && /^[a-z0-9-]{1,64}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The message of a Wazo error body, whichever daemon sent it: wazo-auth and
 * dird `{"reason": [..]}`, confd a list of strings, calld `{"message": ..}`.
 */
export function serverMessage(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  let parts: unknown[] = [];
  if (Array.isArray(body)) parts = body;
  else if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    if (Array.isArray(o.reason)) parts = o.reason;
    else if (typeof o.reason === 'string') parts = [o.reason];
    else if (typeof o.message === 'string') parts = [o.message];
  }
  const text2 = parts
    .filter((p): p is string => typeof p === 'string')
    .join('; ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  return text2 ? text2.slice(0, 300) : undefined;
}
