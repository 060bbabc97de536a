/**
 * The per-user profile kept in the OS user's app data: bus settings (never
 * the password: that one goes to the secret store), notification choices,
 * start at login, the install id that names the bus queue, and the window's
 * place. Every field falls back to its default on its own, so one bad value
 * never costs the rest.
 */
import * as v from 'valibot';
import { InstallIdSchema } from '../core/config.js';
import {
  BusUrlSchema,
  DEFAULT_BUS_URL,
  ExchangeSchema,
  ModeSettingSchema,
  TransportSettingSchema,
  UserUuidSchema,
} from '../shared/settings.js';
import { FingerprintSchema, WindowServerSchema } from '../shared/wazo-input.js';
import { DEFAULT_PREFERENCES, NOTIFIABLE_KINDS, type NotifiableKind } from '../shared/preferences.js';
import { sameJson } from '../shared/same-json.js';

const DEFAULT_PREFS = DEFAULT_PREFERENCES.notifications;

/** Each kind falls back on its own, so that one bad value never costs the others. */
const kinds = (dflt: Record<NotifiableKind, boolean>) =>
  v.fallback(
    v.object(
      Object.fromEntries(NOTIFIABLE_KINDS.map((k) => [k, v.fallback(v.boolean(), dflt[k])])) as Record<
        NotifiableKind,
        v.SchemaWithFallback<v.BooleanSchema<undefined>, boolean>
      >,
    ),
    dflt,
  );

const Bounds = v.object({
  x: v.pipe(v.number(), v.integer()),
  y: v.pipe(v.number(), v.integer()),
  width: v.pipe(v.number(), v.integer(), v.minValue(320), v.maxValue(10_000)),
  height: v.pipe(v.number(), v.integer(), v.minValue(240), v.maxValue(10_000)),
});

const Instant = v.nullable(v.pipe(v.string(), v.isoTimestamp()));
const MissedMarksSchema = v.object({ seen_until: Instant, cleared_until: Instant });

const ProfileSchema = v.object({
  version: v.fallback(v.literal(1), 1),
  installId: v.fallback(InstallIdSchema, ''),
  /** Where events come from (see `TransportSettingSchema`). */
  transport: v.fallback(TransportSettingSchema, 'auto'),
  /** The bus URL without its password. */
  url: v.fallback(BusUrlSchema, DEFAULT_BUS_URL),
  mode: v.fallback(ModeSettingSchema, 'auto'),
  exchange: v.fallback(v.union([v.literal(''), ExchangeSchema]), ''),
  userUuid: v.fallback(v.union([v.literal(''), UserUuidSchema]), ''),
  displayName: v.fallback(v.pipe(v.string(), v.maxLength(200)), ''),
  notifications: v.fallback(
    v.object({ enabled: kinds(DEFAULT_PREFS.enabled), duringDnd: kinds(DEFAULT_PREFS.duringDnd) }),
    DEFAULT_PREFS,
  ),
  startAtLogin: v.fallback(v.boolean(), DEFAULT_PREFERENCES.startAtLogin),
  /** Set once the user accepted that secrets be kept where the OS offers no encryption. */
  allowPlaintextSecrets: v.fallback(v.boolean(), DEFAULT_PREFERENCES.allowPlaintextSecrets),
  window: v.fallback(v.nullable(Bounds), null),
  /** What each user (by uuid) has seen and cleared of their missed calls; a bad entry costs only itself. */
  missedMarks: v.fallback(
    v.pipe(
      v.record(UserUuidSchema, v.unknown()),
      v.transform((r) =>
        Object.fromEntries(
          Object.entries(r).flatMap(([user, m]) => {
            const parsed = v.safeParse(MissedMarksSchema, m);
            return parsed.success ? [[user, parsed.output] as const] : [];
          }),
        ),
      ),
    ),
    {},
  ),
  /** The Wazo login (its refresh token is in the secret store): server, username, trusted self-signed certificate. */
  wazo: v.fallback(
    v.nullable(
      v.object({
        server: WindowServerSchema,
        username: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
        tlsFingerprint: v.optional(FingerprintSchema),
      }),
    ),
    null,
  ),
});

export type Profile = v.InferOutput<typeof ProfileSchema>;

/** A profile with every default. */
export const defaultProfile = (): Profile => v.parse(ProfileSchema, {});

/** Reads any value into a profile, field by field; reports the fields that fell back. */
export function readProfile(input: unknown): { profile: Profile; repaired: string[] } {
  const source =
    typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const profile = v.parse(ProfileSchema, source);
  const repaired = Object.keys(source).filter((k) => k in profile && !sameJson(source[k], profile[k as keyof Profile]));
  // Profiles written before the transport setting kept "topic" as the default layout, which hears
  // nothing from a Wazo 23.01 or later: a layout nobody chose becomes detected.
  if (!('transport' in source) && profile.mode === 'topic' && !profile.exchange) profile.mode = 'auto';
  return { profile, repaired };
}

/** Splits the password out of a bus URL: the URL goes to the profile, the password to the secret store. */
export function splitPassword(url: string): { url: string; password: string | null } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  return { url: u.toString(), password };
}

/** Puts a password back into a bus URL. */
export function joinPassword(url: string, password: string | null): string {
  if (!password) return url;
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
}
