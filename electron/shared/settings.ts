/**
 * The user's bus settings and their validation rules, shared by the window
 * (to explain a mistake before saving), the main side (which never trusts the
 * window) and the CLI.
 */
import * as v from 'valibot';

export const DEFAULT_BUS_URL = 'amqp://guest:guest@localhost:5672/';

/** The nil UUID: no user named yet. Bound to nothing, it receives nothing. */
export const NO_USER = '00000000-0000-0000-0000-000000000000';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const BusUrlSchema = v.pipe(
  v.string(),
  v.check((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'amqp:' || u.protocol === 'amqps:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'the bus URL must look like amqp://user:password@host:5672/ (or amqps://)'),
);

export const UserUuidSchema = v.pipe(
  v.string(),
  v.regex(UUID, 'the user must be a UUID such as 2e752722-0864-4665-887d-a78a024cf7c7'),
  v.toLowerCase(),
);

/** The bus layout in the settings: `auto` detects it (`wazo-headers` when the broker has it, else `xivo` topic). */
export const ModeSettingSchema = v.picklist(
  ['auto', 'topic', 'headers'],
  'the mode must be "auto", "topic" or "headers"',
);

/** An exchange of one's own has no layout to detect: bindings differ between a topic and a headers exchange. */
export const EXCHANGE_NEEDS_MODE =
  "an exchange of your own needs its mode, topic or headers (auto detects only Wazo's own)";

/**
 * Where events come from: `auto` is websocketd once signed in to a Wazo server
 * (the only way in from a user's desk), else the direct bus; `amqp` forces the
 * direct bus (on the server itself, integrations); `websocketd` never uses it.
 */
export const TransportSettingSchema = v.picklist(
  ['auto', 'websocketd', 'amqp'],
  'the transport must be "auto", "websocketd" or "amqp"',
);

export const ExchangeSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9._:-]{1,255}$/, 'the exchange name may hold letters, digits and . _ : - (1 to 255)'),
);

/** What the settings form edits. An empty exchange means the mode's default. */
const SettingsSchema = v.pipe(
  v.object({
    transport: v.optional(TransportSettingSchema, 'auto'),
    url: BusUrlSchema,
    mode: ModeSettingSchema,
    exchange: v.union(
      [v.literal(''), ExchangeSchema],
      'the exchange name may hold letters, digits and . _ : - (1 to 255)',
    ),
    userUuid: UserUuidSchema,
  }),
  v.forward(
    v.check((s) => !(s.exchange && s.mode === 'auto'), EXCHANGE_NEEDS_MODE),
    ['exchange'],
  ),
);

export type Settings = v.InferOutput<typeof SettingsSchema>;

/** One problem with a settings field, for the form to show next to it. */
export interface FieldError {
  field: keyof Settings | 'form';
  message: string;
}

/** Validates settings, returning every problem by field. */
export function validateSettings(
  input: unknown,
): { ok: true; settings: Settings } | { ok: false; errors: FieldError[] } {
  const result = v.safeParse(SettingsSchema, input);
  if (result.success) return { ok: true, settings: result.output };
  return {
    ok: false,
    errors: result.issues.map((i) => ({
      field: (v.getDotPath(i) as keyof Settings | null) ?? 'form',
      message: i.message,
    })),
  };
}

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
): { ok: true; url: URL } | { ok: false; error: string } {
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
