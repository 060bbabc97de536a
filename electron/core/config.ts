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

/** The AMQP client's tuning: its defaults and the ranges the config (and so the CLI's flags) accept. */
export const BUS_TUNING = {
  /** Unacked messages in flight. */
  prefetch: { min: 1, max: 10_000, default: 100 },
  /** Cap of the reconnect backoff, in ms. */
  maxReconnectDelayMs: { min: 100, max: 600_000, default: 2_000 },
} as const;
const { prefetch, maxReconnectDelayMs } = BUS_TUNING;

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
    prefetch: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(prefetch.min), v.maxValue(prefetch.max)),
      prefetch.default,
    ),
    maxReconnectDelayMs: v.optional(
      v.pipe(v.number(), v.minValue(maxReconnectDelayMs.min), v.maxValue(maxReconnectDelayMs.max)),
      maxReconnectDelayMs.default,
    ),
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
