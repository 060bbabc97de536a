/**
 * An error in the user's words, in their language, with the technical reason
 * kept for whoever asks (a "Technical details" disclosure). The words are
 * chosen by the failure's code — the core's (`ErrorReason`, carried beside
 * its text in the snapshot and the commands' answers) or the window's own —
 * never by reading the core's or the server's English text.
 */
import type { ErrorReason } from '../../../electron/shared/error-reason';
import type { MessageKey, Translator } from './i18n';

/** Failures only the window knows of: its own checks before sending, the bridge, the audio player. */
type WindowReason =
  /** The sign-in form lacks its username or password. */
  | 'missing-credentials'
  /** The browser could not play a recording it was given. */
  | 'unplayable'
  /** The bridge to the notifier is gone (the preview's socket closed while a command was in flight). */
  | 'notifier-lost';

export type Reason = ErrorReason | WindowReason;

const WORDS: Record<Reason, MessageKey> = {
  'signed-out': 'error.signed_out',
  credentials: 'error.credentials',
  session: 'error.session',
  forbidden: 'error.forbidden',
  'not-found': 'error.not_found',
  refused: 'error.refused',
  'server-address': 'error.server_address',
  'insecure-address': 'error.insecure_address',
  unreachable: 'error.unreachable',
  timeout: 'error.timeout',
  'server-down': 'error.server_down',
  certificate: 'error.certificate',
  'certificate-mismatch': 'error.certificate_mismatch',
  'not-wazo': 'error.not_wazo',
  'recording-missing': 'error.recording_missing',
  'no-log-file': 'error.no_log_file',
  dropped: 'error.dropped',
  'no-websocketd': 'error.no_websocketd',
  protocol: 'error.protocol',
  'bus-credentials': 'error.bus_credentials',
  other: 'error.other',
  'missing-credentials': 'error.missing_credentials',
  unplayable: 'error.unplayable',
  'notifier-lost': 'error.notifier_lost',
};

export interface ErrorWords {
  /** What happened, in words: the headline. */
  text: string;
  /** The technical reason, as the core or the server said it; empty when the words say it all. */
  detail: string;
  /** The certificate's SHA-256 fingerprint, when a self-signed certificate was refused. */
  fingerprint?: string;
  /** The failure's code, when it has one. */
  reason?: string;
}

/** The words for a failure's code; a code not in the table (a newer core's) reads as `other`. */
export function reasonText(tr: Translator, reason: string | undefined): string {
  return tr.t(reason && Object.hasOwn(WORDS, reason) ? WORDS[reason as Reason] : 'error.other');
}

/** A refusal (`{reason, error}`, as the core answers) in words, its text kept as the detail. */
export function refusalWords(
  tr: Translator,
  refusal: { reason?: Reason | undefined; error?: string | undefined; fingerprint?: string | undefined },
): ErrorWords {
  const words: ErrorWords = { text: reasonText(tr, refusal.reason), detail: refusal.error ?? '' };
  if (refusal.reason) words.reason = refusal.reason;
  if (refusal.fingerprint && refusal.reason === 'certificate') words.fingerprint = refusal.fingerprint;
  return words;
}

/**
 * What a rejected bridge call means: the preview's socket says when the
 * notifier is gone (its errors carry `reason`); anything else is the
 * dispatch refusing the request, which no user action explains.
 */
export function thrownWords(tr: Translator, err: unknown): ErrorWords {
  const reason = (err as { reason?: unknown } | null)?.reason;
  return refusalWords(tr, {
    reason: reason === 'notifier-lost' ? reason : 'other',
    error: err instanceof Error ? err.message : String(err),
  });
}
