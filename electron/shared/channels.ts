/**
 * The names on the wire, without their schemas: what the sandboxed preload
 * needs to build the bridge, and nothing more.
 */
export const COMMAND_NAMES = [
  'getSnapshot',
  'getSettings',
  'dismissToast',
  'saveSettings',
  'getPreferences',
  'savePreferences',
  'login',
  'logout',
  'setService',
  'setForward',
  'markVoicemailRead',
  'deleteVoicemail',
  'callBack',
  'answerCall',
  'hangUpCall',
  'getVoicemailRecording',
  'openLogFolder',
  'markMissedSeen',
  'clearMissedCalls',
  'addFavorite',
  'removeFavorite',
  'searchDirectory',
] as const;
export type Command = (typeof COMMAND_NAMES)[number];

export const PUSH_EVENTS = ['change', 'toast', 'focus'] as const;
export type PushEvent = (typeof PUSH_EVENTS)[number];

/** The IPC channel of a command or event. */
export const channel = (name: Command | PushEvent): string => `wazo:${name}`;
