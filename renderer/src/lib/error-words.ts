/**
 * An error in the user's words, in their language, with the technical reason
 * kept for whoever asks (a "Technical details" disclosure). The core's and the
 * server's texts are English and technical; they are matched here by what they
 * mean (a refused connection, an HTTP status, an untrusted certificate), never
 * shown as the headline.
 */
import type { MessageKey, Translator } from './i18n';

export interface ErrorWords {
  /** What happened, in words: the headline. */
  text: string;
  /** The technical reason, as the core or the server said it; empty when the words say it all. */
  detail: string;
  /** The certificate's SHA-256 fingerprint, when a self-signed certificate was refused. */
  fingerprint?: string;
}

/** The patterns, in order: the first that matches words the error. */
const RULES: [RegExp, MessageKey][] = [
  [/is not the trusted one/i, 'error.certificate_mismatch'],
  [/not trusted|self[- ]signed|certificate|CERT_/i, 'error.certificate'],
  [/wrong username or password/i, 'error.credentials'],
  [/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|cannot reach/i, 'error.unreachable'],
  [/timeout|timed out|ETIMEDOUT/i, 'error.timeout'],
  [/answered 401/i, 'error.session'],
  [/answered 403/i, 'error.forbidden'],
  [/answered 404/i, 'error.not_found'],
  [/answered 5\d\d/i, 'error.server_down'],
  [/not JSON|a Wazo server\?|the server sent .*, not /i, 'error.not_wazo'],
  [/the destination is/i, 'error.destination'],
  [/connection to the notifier lost/i, 'error.notifier_lost'],
  [/server (is an )?address|not a server address|must start with https|plain http:\/\//i, 'error.server_address'],
  [/username is required|password is required/i, 'error.missing_credentials'],
];

const FINGERPRINT = /\b[0-9A-F]{2}(?::[0-9A-F]{2}){31}\b/i;

/** Words for a raw error text. */
export function errorWords(tr: Translator, raw: string): ErrorWords {
  const rule = RULES.find(([pattern]) => pattern.test(raw));
  const words: ErrorWords = { text: tr.t(rule ? rule[1] : 'error.other'), detail: raw };
  if (rule?.[1] === 'error.certificate') {
    const fingerprint = FINGERPRINT.exec(raw)?.[0];
    if (fingerprint) words.fingerprint = fingerprint.toUpperCase();
  }
  return words;
}

/** The message of whatever was thrown. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
