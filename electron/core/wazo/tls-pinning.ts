/**
 * Trusting one self-signed certificate, by its SHA-256 fingerprint, and
 * reading a server's fingerprint so that the user can compare it with the one
 * their administrator gave them before trusting it.
 */
import { isIP } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { buildConnector } from 'undici';
import { fingerprint256 } from '../../shared/wazo-input.js';

/** Normalises a fingerprint to Node's `fingerprint256` form (`AB:CD:…`) by the shared rule, or throws. */
export function normaliseFingerprint(raw: string): string {
  const fingerprint = fingerprint256(raw);
  if (!fingerprint) {
    throw new Error('a TLS fingerprint is the 64 hex digits of the certificate SHA-256 (colons optional)');
  }
  return fingerprint;
}

/**
 * The error codes of a certificate no CA vouches for, or not for this name (Node's, OpenSSL's).
 * Not the other TLS failures (EPROTO, ERR_SSL_WRONG_VERSION_NUMBER: https:// to a plain port):
 * trusting a fingerprint would not help there.
 */
const UNTRUSTED_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/;

/** The first string `code` along an error's causes (undici wraps Node's errors). */
export function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Whether a connection failed on the server's certificate: not the pinned one, or not trusted at all. */
export function certificateFailure(err: unknown): 'mismatch' | 'untrusted' | undefined {
  const code = errorCode(err);
  if (code === 'PINNED_CERT_MISMATCH') return 'mismatch';
  return code && UNTRUSTED_CODES.test(code) ? 'untrusted' : undefined;
}

/**
 * Opens a TLS connection with the usual verification, except that a
 * certificate whose SHA-256 fingerprint is the pinned one is accepted even if
 * no CA vouches for it. Resolves only after the check, so that nothing (a
 * password, a token) is ever sent to an impostor.
 */
export function pinnedTlsSocket(
  target: { hostname: string; port: number; servername?: string | undefined },
  pinned: string,
  timeout: number,
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = tlsConnect({
      host: target.hostname,
      port: target.port,
      ...(isIP(target.hostname) ? {} : { servername: target.servername ?? target.hostname }),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    let settled = false;
    const settle = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        socket.destroy();
        reject(err);
      } else resolve(socket);
    };
    const timer = setTimeout(
      () => settle(Object.assign(new Error('connect timeout'), { code: 'UND_ERR_CONNECT_TIMEOUT' })),
      timeout,
    );
    socket.once('secureConnect', () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      if (socket.authorized || fingerprint === pinned) settle(null);
      else {
        settle(
          Object.assign(new Error(`its fingerprint ${fingerprint} is not the trusted one`), {
            code: 'PINNED_CERT_MISMATCH',
          }),
        );
      }
    });
    socket.once('error', (err) => settle(err));
  });
}

/** An undici connector over `pinnedTlsSocket`: the HTTP client's trust for a pinned certificate. */
export function pinnedConnector(pinned: string, timeout: number): buildConnector.connector {
  const plain = buildConnector({ timeout });
  return (opts, callback) => {
    if (opts.protocol !== 'https:') {
      plain(opts, callback);
      return;
    }
    const target = {
      hostname: opts.hostname,
      port: Number(opts.port) || 443,
      servername: opts.servername ?? undefined,
    };
    pinnedTlsSocket(target, pinned, timeout).then(
      (socket) => callback(null, socket),
      (err: Error) => callback(err, null),
    );
  };
}

/**
 * The SHA-256 fingerprint of the certificate a server presents, read without
 * trusting it, so that the user can compare it with the one their admin gave.
 */
export function peerFingerprint(url: URL, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host: url.hostname,
      port: Number(url.port) || 443,
      ...(isIP(url.hostname) ? {} : { servername: url.hostname }),
      rejectUnauthorized: false,
    });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('timeout')));
    socket.once('secureConnect', () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.once('error', reject);
  });
}
