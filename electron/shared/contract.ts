/**
 * The one contract between the window and the core: the commands the window
 * may invoke (with the schema every request is checked against, wherever it
 * arrives) and the events the core pushes. Electron's IPC and the browser
 * preview's WebSocket are two transports of this same contract, and the
 * renderer's types are derived from it.
 */
import * as v from 'valibot';
import { PUSH_EVENTS, type Command, type PushEvent } from './channels.js';
import { CallIdSchema, ExtensionSchema, type CallActionResult } from './call-actions.js';
import { ContactKeySchema, SearchTermSchema, type SearchResult } from './directory.js';
import type { ErrorReason } from './error-reason.js';
import { PreferencesSchema, type PreferencesView } from './preferences.js';
import type { FieldError, Settings } from './settings.js';
import { DestinationSchema, FingerprintSchema, WindowServerSchema } from './wazo-input.js';
import { FORWARD_NAMES, SERVICE_NAMES, type AccountView } from './snapshot.js';

export { PUSH_EVENTS, type Command, type PushEvent, type SnapshotChange };
import type { Snapshot } from './snapshot.js';
import type { SnapshotChange } from './snapshot-change.js';
import type { Toast } from './toast.js';

const Empty = v.strictObject({});

/** Request schemas, by command. */
export const COMMANDS = {
  getSnapshot: Empty,
  getSettings: Empty,
  dismissToast: v.strictObject({ id: v.pipe(v.string(), v.maxLength(64)) }),
  // Shape only: the service validates the values and answers with field errors.
  saveSettings: v.strictObject({
    transport: v.optional(v.pipe(v.string(), v.maxLength(16))),
    url: v.pipe(v.string(), v.maxLength(2048)),
    mode: v.pipe(v.string(), v.maxLength(16)),
    exchange: v.pipe(v.string(), v.maxLength(255)),
    userUuid: v.pipe(v.string(), v.maxLength(64)),
  }),
  getPreferences: Empty,
  savePreferences: PreferencesSchema,
  login: v.strictObject({
    // The window's rule (desktop and preview): plain http:// only to this computer; the form says so before sending.
    server: WindowServerSchema,
    username: v.pipe(v.string(), v.trim(), v.minLength(1, 'the username is required'), v.maxLength(256)),
    // Messages of our own: valibot's defaults quote the value received, and this one is secret.
    password: v.pipe(
      v.string('the password must be text'),
      v.minLength(1, 'the password is required'),
      v.maxLength(1024, 'the password is too long (1024 characters at most)'),
    ),
    tenant: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(255))),
    tlsFingerprint: v.optional(v.union([v.literal(''), FingerprintSchema])),
  }),
  logout: Empty,
  setService: v.strictObject({ service: v.picklist(SERVICE_NAMES), enabled: v.boolean() }),
  setForward: v.pipe(
    v.strictObject({
      forward: v.picklist(FORWARD_NAMES),
      enabled: v.boolean(),
      destination: v.nullable(DestinationSchema),
    }),
    v.check((r) => !r.enabled || r.destination !== null, 'a forward needs a destination to be turned on'),
  ),
  markVoicemailRead: v.strictObject({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)) }),
  deleteVoicemail: v.strictObject({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)) }),
  callBack: v.strictObject({ extension: ExtensionSchema }),
  answerCall: v.strictObject({ callId: CallIdSchema }),
  /** Hangs up a call; on a call still ringing, declines it. */
  hangUpCall: v.strictObject({ callId: CallIdSchema }),
  // calld's own rule for a message id (400 `invalid-voicemail-message-id` otherwise).
  getVoicemailRecording: v.strictObject({ id: v.pipe(v.string(), v.regex(/^[-a-zA-Z0-9]{1,128}$/)) }),
  openLogFolder: Empty,
  /** Every missed call listed now counts as seen (out of the badge). */
  markMissedSeen: Empty,
  /** The seen missed calls leave the list. */
  clearMissedCalls: Empty,
  /** Adds a contact to the favorites; its name and numbers are shown until dird's list is read again. */
  addFavorite: v.strictObject({
    ...ContactKeySchema.entries,
    name: v.nullable(v.pipe(v.string(), v.maxLength(256))),
    numbers: v.pipe(v.array(v.pipe(v.string(), v.maxLength(128))), v.maxLength(10)),
  }),
  removeFavorite: ContactKeySchema,
  searchDirectory: v.strictObject({ term: SearchTermSchema }),
} as const satisfies Record<Command, v.GenericSchema>;

export type CommandRequest<C extends Command> = v.InferInput<(typeof COMMANDS)[C]>;
/** A request once checked (trimmed, lower-cased where the schema says so). */
export type CheckedRequest<C extends Command> = v.InferOutput<(typeof COMMANDS)[C]>;

/**
 * A refusal: why, as a code the window words (`reason`), and as the core or
 * the server said it (`error`, technical, for the log and "Technical details").
 */
type Refusal = { ok: false; reason: ErrorReason; error: string };

/** What a command to the Wazo server answers: the store already shows the change, or has undone it. */
export type WazoCommandResult = { ok: true } | Refusal;

/** What a saved setting change answers: the form shows the errors next to their fields. */
type SaveSettingsResult = { ok: true; settings: Settings } | { ok: false; errors: FieldError[] };

export interface CommandResponses {
  getSnapshot: Snapshot;
  getSettings: Settings;
  dismissToast: null;
  saveSettings: SaveSettingsResult;
  getPreferences: PreferencesView;
  savePreferences: PreferencesView;
  /** Refused for an untrusted certificate, `fingerprint` is the one the server presents (SHA-256, `AB:CD:…`). */
  login: { ok: true; account: AccountView } | (Refusal & { fingerprint?: string });
  logout: { ok: true };
  setService: WazoCommandResult;
  setForward: WazoCommandResult;
  markVoicemailRead: WazoCommandResult;
  deleteVoicemail: WazoCommandResult;
  callBack: CallActionResult;
  answerCall: CallActionResult;
  hangUpCall: CallActionResult;
  /** The recording as base64 `audio/wav`: text, so that the preview's JSON socket carries it as Electron's IPC does. */
  getVoicemailRecording: { ok: true; type: 'audio/wav'; base64: string } | Refusal;
  /** Shows the log file in the OS's file manager (desktop); the browser preview has none and says so. */
  openLogFolder: { ok: true } | Refusal;
  markMissedSeen: { ok: true };
  clearMissedCalls: { ok: true };
  addFavorite: WazoCommandResult;
  removeFavorite: WazoCommandResult;
  searchDirectory: SearchResult;
}

/** A part of the window the user asked to see (by clicking a system notification). */
export type Section = 'calls' | 'missed' | 'voicemail';

export interface PushEvents {
  change: SnapshotChange;
  toast: Toast;
  focus: { section: Section };
}

/** The bridge the window sees, whatever carries it. */
export type WazoBridge = {
  [C in Command]: (request: CommandRequest<C>) => Promise<CommandResponses[C]>;
} & {
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
};

/** A request checked against its command's schema, tagged with that command (one member per command). */
export type CheckedCommand = { [C in Command]: { command: C; request: CheckedRequest<C> } }[Command];

/** Checks a command name and its request against the contract. */
export function checkRequest(
  command: unknown,
  request: unknown,
): ({ ok: true } & CheckedCommand) | { ok: false; error: string } {
  if (typeof command !== 'string' || !Object.hasOwn(COMMANDS, command)) {
    return { ok: false, error: `unknown command ${JSON.stringify(String(command)).slice(0, 80)}` };
  }
  const result = v.safeParse(COMMANDS[command as Command], request);
  if (!result.success) return { ok: false, error: `invalid ${command} request: ${v.summarize(result.issues)}` };
  // The one place a name from the wire becomes a typed command: the schema just checked its request.
  return { ok: true, command, request: result.output } as { ok: true } & CheckedCommand;
}
