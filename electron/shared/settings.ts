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

/** Wazo's two bus layouts: the `xivo` topic exchange (its message-bus page), or `wazo-headers` (23.01 and later). */
const BUS_MODES = ['topic', 'headers'] as const;
export type BusMode = (typeof BUS_MODES)[number];

/** The bus layout in the settings: `auto` detects it (`wazo-headers` when the broker has it, else `xivo` topic). */
export const ModeSettingSchema = v.picklist(['auto', ...BUS_MODES], 'the mode must be "auto", "topic" or "headers"');

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
