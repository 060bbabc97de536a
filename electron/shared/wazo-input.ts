/**
 * What the user types about their Wazo server and phone lines, and the one
 * rule for each: a server's address (and where plain http:// is allowed), a
 * certificate's fingerprint, a forward's destination. Read by the login form,
 * `--server`, the profile, the HTTP client and the contract's schemas.
 */
import * as v from 'valibot';

/** A forward's destination, as wazo-confd takes it (≤ 128 characters): a number, an extension or a SIP address. */
export const DestinationSchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(
    /^[0-9A-Za-z*#+._@:-]{1,128}$/,
    'the destination is a number or extension (digits, letters and * # + . _ @ : -, up to 128)',
  ),
);

/**
 * Where a plain http:// server is accepted: `any` host (the CLI, which warns on
 * stderr where its user sees it) or `loopback-only` (the window, desktop and
 * browser preview: a password must never cross a network in clear text there).
 */
export type PlainHttpPolicy = 'any' | 'loopback-only';

/** True for a host name that never leaves this machine: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::1';
}

/**
 * A Wazo server's address, checked and normalised (https:// when no scheme is
 * given; http only for local test servers, and only on a loopback host where
 * `plainHttp` is `loopback-only`; no credentials, query or fragment; a
 * trailing slash), or why it is not one. The one rule for the login form,
 * `--server`, the profile and the HTTP client.
 */
export function serverAddress(
  raw: string,
  plainHttp: PlainHttpPolicy = 'any',
):
  | { ok: true; url: URL }
  | { ok: false; error: string; /** Refused as plain http:// to another computer. */ insecure?: true } {
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { ok: false, error: `"${raw}" is not a server address (expected e.g. https://wazo.example.com)` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: 'the server address must start with https:// (or http:// for a local test server)' };
  }
  if (url.protocol === 'http:' && plainHttp === 'loopback-only' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      error: `${url.host} is plain http://, which would send your password unencrypted: use https:// (http:// is only accepted for a server on this computer)`,
      insecure: true,
    };
  }
  if (url.username || url.password) return { ok: false, error: 'the server address must not hold credentials' };
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { ok: true, url };
}

/** A certificate's SHA-256 fingerprint in Node's `fingerprint256` form (`AB:CD:…`), or null when it is not one. */
export function fingerprint256(raw: string): string | null {
  const hex = raw
    .trim()
    .replace(/^sha256[:=]?/i, '')
    .replace(/[:\s]/g, '')
    .toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex.match(/../g)!.join(':') : null;
}

/** A Wazo server's address as the window keeps it (the profile): plain http:// only on a loopback host. */
export const WindowServerSchema = v.pipe(
  v.string(),
  v.trim(),
  v.check(
    (s) => serverAddress(s, 'loopback-only').ok,
    'the server is an address such as https://wazo.example.com (plain http:// only for a server on this computer)',
  ),
);

/** A TLS certificate's SHA-256 fingerprint: 64 hex digits, colons optional. */
export const FingerprintSchema = v.pipe(
  v.string(),
  v.trim(),
  v.check((s) => fingerprint256(s) !== null, 'the fingerprint is the 64 hex digits of the certificate SHA-256'),
);
