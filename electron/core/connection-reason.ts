/**
 * Why the event connection failed, as the code the window words
 * (shared/error-reason.ts). The two event sources (bus/) report a failure as
 * the text they log — amqplib's and Node's messages, websocketd's close codes
 * and HTTP answers in words — so it is read here, once, by the patterns those
 * texts are made of; the window never reads them.
 */
import type { ErrorReason } from '../shared/error-reason.js';
import type { ConnectionState } from '../shared/snapshot.js';

/** The patterns, in order: the first that matches gives the reason. */
const RULES: readonly [RegExp, ErrorReason][] = [
  // websocketd-source: an untrusted or not-pinned certificate, as the HTTP client says it.
  [/certificate .*not trusted|is not the trusted one|CERT_|SELF_SIGNED/i, 'certificate'],
  // websocketd-source: the token lacks the websocketd ACL; an HTTP 401/403 instead of the upgrade.
  [/lacks the "websocketd" permission|answered HTTP 40[13]\b/i, 'forbidden'],
  // amqplib: the broker refused the URL's user and password (403 ACCESS_REFUSED).
  [/ACCESS[-_]REFUSED/, 'bus-credentials'],
  // websocketd close codes 4001-4003: no token, refused, expired or revoked.
  [/\(400[123]\b/, 'session'],
  [/answered HTTP 404\b/, 'no-websocketd'],
  [/answered HTTP 50[234]\b|\(1011\b|\(1001\b/, 'server-down'],
  // 4004, a frame over 1 MiB (1009), another protocol version, a broken WebSocket frame.
  [/\(4004\b|\(1009\b|protocol version|broke the WebSocket protocol/i, 'protocol'],
  [/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|cannot reach|cannot open/i, 'unreachable'],
  [/ETIMEDOUT|timed? ?out|no answer to a ping|never said init|heartbeat/i, 'timeout'],
  // The broker or the server closed the connection (shutdown, forced close), or it was cut.
  [/CONNECTION[-_]FORCED|ECONNRESET|EPIPE|socket hang up|closed|dropped|going away/i, 'dropped'],
];

/** The reason for a connection failure's text. */
export function connectionReason(error: string): ErrorReason {
  return RULES.find(([pattern]) => pattern.test(error))?.[1] ?? 'other';
}

/** The state with its failure's reason beside its text (the same object when it has no failure). */
export function withReason(state: ConnectionState): ConnectionState {
  return state.error === undefined ? state : { ...state, reason: connectionReason(state.error) };
}
