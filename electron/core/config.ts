/**
 * The settings a notifier needs to follow one user on the bus, validated with
 * clear messages: the same rules serve the CLI flags and the app's settings.
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

export const InstallIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'the install id may hold letters, digits, _ and - (1 to 64)'),
);

export const NotifierConfigSchema = v.object({
  url: v.optional(BusUrlSchema, DEFAULT_BUS_URL),
  userUuid: UserUuidSchema,
  mode: v.optional(ModeSchema, 'topic'),
  exchange: v.optional(ExchangeSchema),
  installId: InstallIdSchema,
  /** The user's ACLs, once known (login); `null` while unknown: then no `required_acl` check is made. */
  acl: v.optional(v.nullable(v.array(v.pipe(v.string(), v.maxLength(1024)))), null),
  sessionUuid: v.optional(v.string()),
  prefetch: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)), 100),
  maxReconnectDelayMs: v.optional(v.pipe(v.number(), v.minValue(100), v.maxValue(600_000)), 2_000),
});

export type NotifierConfigInput = v.InferInput<typeof NotifierConfigSchema>;
export type NotifierConfig = v.InferOutput<typeof NotifierConfigSchema>;

/** Validates settings; on failure, one line per problem. */
export function parseConfig(input: unknown): { ok: true; config: NotifierConfig } | { ok: false; errors: string[] } {
  const result = v.safeParse(NotifierConfigSchema, input);
  if (result.success) return { ok: true, config: result.output };
  return {
    ok: false,
    errors: result.issues.map((i) => {
      const path = v.getDotPath(i);
      return path ? `${path}: ${i.message}` : i.message;
    }),
  };
}
