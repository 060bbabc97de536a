/**
 * The core's failures as the codes the window words: the Wazo server's answers
 * by their structure (kind, status, calld's error_id), the event connection's
 * by the texts its two sources actually write.
 */
import { describe, expect, it } from 'vitest';
import { connectionReason, withReason } from '../../electron/core/connection-reason.js';
import { describeClose } from '../../electron/core/bus/websocketd-source.js';
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
  it('reads what amqplib and Node write', () => {
    expect(connectionReason('connect ECONNREFUSED 127.0.0.1:45672')).toBe('unreachable');
    expect(connectionReason('getaddrinfo ENOTFOUND rabbit.invalid')).toBe('unreachable');
    expect(connectionReason('Connection closed: 320 (CONNECTION-FORCED) with message "CONNECTION_FORCED - test"')).toBe(
      'dropped',
    );
    expect(
      connectionReason(
        'Handshake terminated by server: 403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - Login was refused"',
      ),
    ).toBe('bus-credentials');
    expect(connectionReason('Heartbeat timeout')).toBe('timeout');
    expect(connectionReason('read ECONNRESET')).toBe('dropped');
  });

  it('reads what the websocketd source writes, close codes included', () => {
    expect(connectionReason(describeClose(4003, ''))).toBe('session');
    expect(connectionReason(describeClose(4002, 'refused'))).toBe('session');
    expect(connectionReason(describeClose(4004, ''))).toBe('protocol');
    expect(connectionReason(describeClose(1009, ''))).toBe('protocol');
    expect(connectionReason(describeClose(1011, 'oops'))).toBe('server-down');
    expect(connectionReason(describeClose(1006, ''))).toBe('dropped');
    expect(connectionReason(describeClose(1000, ''))).toBe('dropped');
    expect(
      connectionReason(
        'the server answered HTTP 404 at /api/websocketd/: is wazo-websocketd installed on this server?',
      ),
    ).toBe('no-websocketd');
    expect(connectionReason('the server answered HTTP 503 at /api/websocketd/: wazo-websocketd is down')).toBe(
      'server-down',
    );
    expect(connectionReason('the server answered HTTP 403 at /api/websocketd/: the server refused')).toBe('forbidden');
    expect(
      connectionReason(
        'the server refused the WebSocket to this account: its token lacks the "websocketd" permission (ask the administrator)',
      ),
    ).toBe('forbidden');
    expect(
      connectionReason('the certificate of wazo.example.com is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed)'),
    ).toBe('certificate');
    expect(connectionReason('no answer to a ping within 10 s')).toBe('timeout');
    expect(connectionReason('the server never said init')).toBe('timeout');
    expect(connectionReason('cannot reach wazo.example.com (connect ECONNREFUSED 10.0.0.1:443)')).toBe('unreachable');
    expect(connectionReason('something nobody foresaw')).toBe('other');
  });

  it('is set beside the text, and only when there is one', () => {
    const ok = { status: 'connected' as const };
    expect(withReason(ok)).toBe(ok);
    expect(withReason({ status: 'reconnecting', attempt: 2, error: 'connect ECONNREFUSED 127.0.0.1:5672' })).toEqual({
      status: 'reconnecting',
      attempt: 2,
      error: 'connect ECONNREFUSED 127.0.0.1:5672',
      reason: 'unreachable',
    });
  });
});
