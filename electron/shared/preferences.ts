/**
 * The user's desktop preferences: which system notifications to show (and
 * which still show during DND), start at login, and consent to keep secrets
 * where the OS cannot encrypt them.
 */
import * as v from 'valibot';

/** The toasts that may also become system notifications, each with its own on/off (and during-DND) choice. */
export const NOTIFIABLE_KINDS = ['incoming_call', 'missed_call', 'voicemail'] as const;
export type NotifiableKind = (typeof NOTIFIABLE_KINDS)[number];

/** True for a toast kind that may become a system notification. */
export const isNotifiable = (kind: string): kind is NotifiableKind =>
  (NOTIFIABLE_KINDS as readonly string[]).includes(kind);

const Kinds = v.strictObject(
  Object.fromEntries(NOTIFIABLE_KINDS.map((k) => [k, v.boolean()])) as Record<
    NotifiableKind,
    v.BooleanSchema<undefined>
  >,
);

export const PreferencesSchema = v.strictObject({
  notifications: v.strictObject({ enabled: Kinds, duringDnd: Kinds }),
  startAtLogin: v.boolean(),
  allowPlaintextSecrets: v.boolean(),
});

export type Preferences = v.InferOutput<typeof PreferencesSchema>;

/** How secrets are kept where the window runs: encrypted by the OS, plain text, or not at all (browser preview). */
export type SecretsProtection = 'encrypted' | 'plaintext' | 'none';

export interface PreferencesView {
  preferences: Preferences;
  secrets: SecretsProtection;
}

export const DEFAULT_PREFERENCES: Preferences = {
  notifications: {
    enabled: { incoming_call: true, missed_call: true, voicemail: true },
    duringDnd: { incoming_call: false, missed_call: false, voicemail: false },
  },
  startAtLogin: false,
  allowPlaintextSecrets: false,
};
