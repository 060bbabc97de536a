/**
 * The core's failures as the codes the window words: the Wazo server's answers
 * by their structure (kind, status, calld's error_id), the event connection's
 * by what each source knows of it: amqplib's and Node's error codes (amqplib's
 * own fixed messages where it gives none), websocketd's close codes and HTTP
 * answers (the source's own failures are checked where they happen, in
 * test/integration/websocketd.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { amqpFailureReason } from '../../electron/core/bus/amqp-failure.js';
import { closeReason } from '../../electron/core/bus/websocketd-source.js';
import { callActionReason } from '../../electron/core/wazo/call-actions.js';
import { errorReason } from '../../electron/core/wazo/error-reason.js';
import { WazoHttpError } from '../../electron/core/wazo/http-client.js';

const http = (kind: ConstructorParameters<typeof WazoHttpError>[0], status?: number, errorId?: string) =>
  new WazoHttpError(kind, `a request: ${kind}`, status, undefined, errorId);

describe('a request’s failure', () => {
  it('is read from the error’s kind, never its text', () => {
    expect(errorReason(http('unauthorized', 401))).toBe('session');
    expect(errorReason(http('forbidden', 403))).toBe('forbidden');
    expect(errorReason(http('not_found', 404))).toBe('not-found');
    expect(errorReason(http('conflict', 409))).toBe('refused');
    expect(errorReason(http('refused', 400))).toBe('refused');
    expect(errorReason(http('server', 503))).toBe('server-down');
    expect(errorReason(http('network'))).toBe('unreachable');
    expect(errorReason(http('timeout'))).toBe('timeout');
    expect(errorReason(http('tls'))).toBe('certificate');
    expect(errorReason(http('tls_mismatch'))).toBe('certificate-mismatch');
    expect(errorReason(http('malformed', 200))).toBe('not-wazo');
    // A text that says something else changes nothing.
    expect(errorReason(new WazoHttpError('server', 'wrong username or password ECONNREFUSED', 500))).toBe(
      'server-down',
    );
    expect(errorReason(new Error('the server answered 401'))).toBe('other');
    expect(errorReason('a string')).toBe('other');
  });

  it('signing in: a 401 is the credentials, an error before any answer is the address typed', () => {
    expect(errorReason(http('unauthorized', 401), 'login')).toBe('credentials');
    expect(errorReason(new Error('"::" is not a server address'), 'login')).toBe('server-address');
    expect(errorReason(http('network'), 'login')).toBe('unreachable');
  });

  it('a voicemail whose recording calld cannot find is said apart from a server down', () => {
    expect(errorReason(http('server', 500, 'invalid-voicemail-message-format'))).toBe('recording-missing');
    expect(errorReason(http('server', 500, 'something-else'))).toBe('server-down');
  });

  it('a call action keeps calld’s own reasons, then falls back on the request’s', () => {
    expect(callActionReason(http('refused', 400, 'user-missing-main-line'))).toBe('no-line');
    expect(callActionReason(http('server', 503, 'phoned-error'))).toBe('phone-unsupported');
    expect(callActionReason(http('server', 503))).toBe('unreachable');
    expect(callActionReason(http('unauthorized', 401))).toBe('session');
    expect(callActionReason(http('refused', 400, 'call-creation'))).toBe('refused');
    expect(callActionReason(http('tls_mismatch'))).toBe('certificate-mismatch');
    expect(callActionReason(new Error('boom'))).toBe('other');
  });
});

describe('the event connection’s failure', () => {
  /** An error as Node or amqplib make it: a message, and a code where they set one. */
  const failure = (message: string, code?: string | number) => Object.assign(new Error(message), { code });

  it('over AMQP: read from the code Node or the broker gives', () => {
    expect(amqpFailureReason(failure('connect ECONNREFUSED 127.0.0.1:45672', 'ECONNREFUSED'))).toBe('unreachable');
    expect(amqpFailureReason(failure('getaddrinfo ENOTFOUND rabbit.invalid', 'ENOTFOUND'))).toBe('unreachable');
    expect(amqpFailureReason(failure('read ECONNRESET', 'ECONNRESET'))).toBe('dropped');
    expect(amqpFailureReason(failure('connect ETIMEDOUT 10.0.0.1:5672', 'ETIMEDOUT'))).toBe('timeout');
    expect(
      amqpFailureReason(
        failure('Connection closed: 320 (CONNECTION-FORCED) with message "CONNECTION_FORCED - x"', 320),
      ),
    ).toBe('dropped');
    expect(amqpFailureReason(failure('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe('certificate');
    // amqps:// to a plain port is no certificate's fault.
    expect(amqpFailureReason(failure('wrong version number', 'ERR_SSL_WRONG_VERSION_NUMBER'))).toBe('other');
    expect(amqpFailureReason(failure('PRECONDITION_FAILED - inequivalent arg', 406))).toBe('other');
    expect(amqpFailureReason(failure('INTERNAL_ERROR', 541))).toBe('server-down');
    expect(amqpFailureReason(failure('NOT_ALLOWED - access to vhost', 530))).toBe('bus-credentials');
    // The code decides, not the words: a message that reads like another reason does not change it.
    expect(amqpFailureReason(failure('Heartbeat timeout', 'ECONNREFUSED'))).toBe('unreachable');
  });

  it('over AMQP: amqplib’s errors without a code, by its fixed messages', () => {
    expect(
      amqpFailureReason(
        failure(
          'Handshake terminated by server: 403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - Login was refused"',
        ),
      ),
    ).toBe('bus-credentials');
    expect(
      amqpFailureReason(
        failure('Handshake terminated by server: 530 (NOT-ALLOWED) with message "NOT_ALLOWED - access to vhost"'),
      ),
    ).toBe('bus-credentials');
    expect(amqpFailureReason(failure('Heartbeat timeout'))).toBe('timeout');
    expect(amqpFailureReason(failure('connect ETIMEDOUT'))).toBe('timeout');
    expect(amqpFailureReason(failure('Unexpected close'))).toBe('dropped');
    expect(amqpFailureReason(failure('Socket closed abruptly during opening handshake'))).toBe('dropped');
    expect(amqpFailureReason(failure('something nobody foresaw'))).toBe('other');
    expect(amqpFailureReason('a string thrown')).toBe('other');
  });

  it('over websocketd: read from the close code', () => {
    expect([4001, 4002, 4003].map(closeReason)).toEqual(['session', 'session', 'session']);
    expect([4004, 1009].map(closeReason)).toEqual(['protocol', 'protocol']);
    expect([1011, 1001].map(closeReason)).toEqual(['server-down', 'server-down']);
    expect([1000, 1006, 4999].map(closeReason)).toEqual(['dropped', 'dropped', 'dropped']);
  });
});
