/**
 * The settings a notifier needs to follow one user on the bus, validated with
 * clear messages: the same rules serve the CLI flags and the app's settings.
 */
import * as v from 'valibot';
import {
  BusUrlSchema,
  DEFAULT_BUS_URL,
  EXCHANGE_NEEDS_MODE,
  ExchangeSchema,
  ModeSettingSchema,
  TransportSettingSchema,
  UserUuidSchema,
} from '../shared/settings.js';

export { DEFAULT_BUS_URL };

/** The install id that names the bus queue: the one rule for the config and the profile. */
export const InstallIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'the install id may hold letters, digits, _ and - (1 to 64)'),
);

const NotifierConfigSchema = v.pipe(
  v.object({
    /** `auto`: websocketd when a Wazo login is in use, else the direct bus at `url`. */
    transport: v.optional(TransportSettingSchema, 'auto'),
    url: v.optional(BusUrlSchema, DEFAULT_BUS_URL),
    userUuid: UserUuidSchema,
    /** `auto`: the headers layout when the broker has `wazo-headers`, else the `xivo` topic exchange. */
    mode: v.optional(ModeSettingSchema, 'auto'),
    exchange: v.optional(ExchangeSchema),
    installId: InstallIdSchema,
    /** The user's ACLs, once known (login); `null` while unknown: then no `required_acl` check is made. */
    acl: v.optional(v.nullable(v.array(v.pipe(v.string(), v.maxLength(1024)))), null),
    sessionUuid: v.optional(v.string()),
    prefetch: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)), 100),
    maxReconnectDelayMs: v.optional(v.pipe(v.number(), v.minValue(100), v.maxValue(600_000)), 2_000),
  }),
  v.forward(
    v.check((c) => !(c.exchange && c.mode === 'auto'), EXCHANGE_NEEDS_MODE),
    ['exchange'],
  ),
);

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
