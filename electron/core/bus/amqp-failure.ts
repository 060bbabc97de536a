/**
 * What an AMQP connection failure means to the user, as the code the window
 * words (shared/error-reason.ts). Read from the error's code where Node or
 * amqplib give one (a socket errno, the broker's AMQP reply code), and else
 * from amqplib's own fixed messages, which carry no code
 * (node_modules/amqplib/lib/connection.js and connect.js).
 */
import type { ErrorReason } from '../../shared/error-reason.js';
import { certificateFailure } from '../wazo/tls-pinning.js';

const ERRNO: Readonly<Record<string, ErrorReason>> = {
  ECONNREFUSED: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'dropped',
  EPIPE: 'dropped',
};

/** amqplib's errors that have no code, by their message. */
const AMQPLIB_MESSAGES: readonly [RegExp, ErrorReason][] = [
  // The broker refused the login or the virtual host: "Handshake terminated by server: 403 (ACCESS-REFUSED) …".
  [/^Handshake terminated by server: (403|530) /, 'bus-credentials'],
  [/^Heartbeat timeout$|^connect ETIMEDOUT$/, 'timeout'],
  [/^Unexpected close$|^Socket closed abruptly|^Connection closed$/, 'dropped'],
];

/** The broker's AMQP reply codes that close a connection or a channel, by what they mean to the user. */
function replyReason(code: number): ErrorReason {
  if (code === 320) return 'dropped'; // CONNECTION_FORCED: a shutdown, a forced close
  if (code === 403 || code === 530) return 'bus-credentials'; // ACCESS_REFUSED, NOT_ALLOWED (the vhost)
  if (code === 541) return 'server-down'; // INTERNAL_ERROR
  if (code >= 501 && code <= 505) return 'protocol'; // frame, syntax, command, channel errors
  return 'other'; // 404, 406 PRECONDITION_FAILED (a queue declared with other arguments)…
}

export function amqpFailureReason(err: unknown): ErrorReason {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'number') return replyReason(code);
  if (certificateFailure(err)) return 'certificate';
  if (typeof code === 'string' && ERRNO[code]) return ERRNO[code];
  const message = err instanceof Error ? err.message : String(err);
  return AMQPLIB_MESSAGES.find(([pattern]) => pattern.test(message))?.[1] ?? 'other';
}
