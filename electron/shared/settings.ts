/**
 * The user's bus settings and their validation rules, shared by the window
 * (to explain a mistake before saving), the main side (which never trusts the
 * window) and the CLI.
 */
import * as v from 'valibot';

export const DEFAULT_BUS_URL = 'amqp://guest:guest@localhost:5672/';

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

export const ModeSchema = v.picklist(['topic', 'headers'], 'the mode must be "topic" or "headers"');

export const ExchangeSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9._:-]{1,255}$/, 'the exchange name may hold letters, digits and . _ : - (1 to 255)'),
);

/** What the settings form edits. An empty exchange means the mode's default. */
export const SettingsSchema = v.object({
  url: BusUrlSchema,
  mode: ModeSchema,
  exchange: v.union(
    [v.literal(''), ExchangeSchema],
    'the exchange name may hold letters, digits and . _ : - (1 to 255)',
  ),
  userUuid: UserUuidSchema,
});

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

/** The Wazo server's address, as the login form and `--server` take it. */
export const ServerSchema = v.pipe(
  v.string(),
  v.trim(),
  v.check((s) => {
    try {
      const u = new URL(/^[a-z]+:\/\//i.test(s) ? s : `https://${s}`);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'the server is an address such as https://wazo.example.com'),
);

/** A TLS certificate's SHA-256 fingerprint: 64 hex digits, colons optional. */
export const FingerprintSchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(
    /^(sha256[:=]?)?([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/,
    'the fingerprint is the 64 hex digits of the certificate SHA-256',
  ),
);
