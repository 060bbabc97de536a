/**
 * Trusting one self-signed certificate, by its SHA-256 fingerprint, and
 * reading a server's fingerprint so that the user can compare it with the one
 * their administrator gave them before trusting it.
 */
import { isIP } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { buildConnector } from 'undici';
import { fingerprint256 } from '../../shared/settings.js';

/** Normalises a fingerprint to Node's `fingerprint256` form (`AB:CD:…`) by the shared rule, or throws. */
export function normaliseFingerprint(raw: string): string {
  const fingerprint = fingerprint256(raw);
  if (!fingerprint) {
    throw new Error('a TLS fingerprint is the 64 hex digits of the certificate SHA-256 (colons optional)');
  }
  return fingerprint;
}

/**
 * Connects with the usual verification, except that a certificate whose
 * SHA-256 fingerprint is the pinned one is accepted even if no CA vouches for
 * it. The socket is handed to HTTP only after the check, so nothing is sent to
 * an impostor.
 */
export function pinnedConnector(pinned: string, timeout: number): buildConnector.connector {
  const plain = buildConnector({ timeout });
  return (opts, callback) => {
    if (opts.protocol !== 'https:') {
      plain(opts, callback);
      return;
    }
    const socket: TLSSocket = tlsConnect({
      host: opts.hostname,
      port: Number(opts.port) || 443,
      ...(isIP(opts.hostname) ? {} : { servername: opts.servername ?? opts.hostname }),
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
        callback(err, null);
      } else callback(null, socket);
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
