/**
 * The user's desktop preferences: which system notifications to show (and
 * which still show during DND), start at login, and consent to keep secrets
 * where the OS cannot encrypt them.
 */
import * as v from 'valibot';

const Kinds = v.strictObject({ incoming_call: v.boolean(), missed_call: v.boolean(), voicemail: v.boolean() });

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
