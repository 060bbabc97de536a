/**
 * What went wrong talking to the Wazo server, as the code the window words
 * (shared/error-reason.ts): read from the error's structure (its kind, HTTP
 * status and calld's `error_id`), never from its text.
 */
import type { ErrorReason } from '../../shared/error-reason.js';
import { WazoHttpError, type HttpErrorKind } from './http-client.js';

const BY_KIND: Record<HttpErrorKind, ErrorReason> = {
  unauthorized: 'session',
  forbidden: 'forbidden',
  not_found: 'not-found',
  conflict: 'refused',
  refused: 'refused',
  server: 'server-down',
  network: 'unreachable',
  timeout: 'timeout',
  tls: 'certificate',
  tls_mismatch: 'certificate-mismatch',
  malformed: 'not-wazo',
};

/**
 * Why a request failed. `login`: the error came from signing in, where a 401
 * means the credentials (elsewhere: the session is over), and an error that
 * is not the server's answer is the server address the user typed.
 */
export function errorReason(err: unknown, context: 'login' | 'request' = 'request'): ErrorReason {
  if (!(err instanceof WazoHttpError)) return context === 'login' ? 'server-address' : 'other';
  if (context === 'login' && err.kind === 'unauthorized') return 'credentials';
  // The message exists, its recording does not (calld: the .wav is missing).
  if (err.errorId === 'invalid-voicemail-message-format') return 'recording-missing';
  return BY_KIND[err.kind];
}
