import { describe, expect, it } from 'vitest';
import { closeAction, describeClose, websocketdUrl } from '../../electron/core/bus/websocketd-source.js';
import { chooseTransport } from '../../electron/core/notifier.js';
import { NO_USER } from '../../electron/shared/settings.js';

const USER = '2e752722-0864-4665-887d-a78a024cf7c7';

describe('which transport feeds the notifier', () => {
  it('is websocketd once logged in, unless the direct bus is forced', () => {
    expect(chooseTransport({ transport: 'auto', userUuid: USER }, true)).toBe('websocketd');
    expect(chooseTransport({ transport: 'websocketd', userUuid: USER }, true)).toBe('websocketd');
    expect(chooseTransport({ transport: 'amqp', userUuid: USER }, true)).toBe('amqp');
  });

  it('is the direct bus for a user named by hand, and nothing while nobody is named or logged in', () => {
    expect(chooseTransport({ transport: 'auto', userUuid: USER }, false)).toBe('amqp');
    expect(chooseTransport({ transport: 'auto', userUuid: NO_USER }, false)).toBe('idle');
    expect(chooseTransport({ transport: 'websocketd', userUuid: USER }, false)).toBe('idle');
    expect(chooseTransport({ transport: 'amqp', userUuid: NO_USER }, false)).toBe('idle');
  });
});

describe('websocketd', () => {
  it("is reached behind the server's HTTPS, protocol version 2, with no token in the URL", () => {
    expect(websocketdUrl(new URL('https://wazo.example.com/')).href).toBe(
      'wss://wazo.example.com/api/websocketd/?version=2',
    );
    expect(websocketdUrl(new URL('http://127.0.0.1:8080/prefix/')).href).toBe(
      'ws://127.0.0.1:8080/prefix/api/websocketd/?version=2',
    );
  });

  it('handles close codes as the real server means them', () => {
    expect([4001, 4002, 4003, 4004, 1011, 1006, 1000].map(closeAction)).toEqual([
      'renew',
      'check',
      'renew',
      'bug',
      'transient',
      'transient',
      'transient',
    ]);
    expect(describeClose(1011, 'bus connection lost')).toBe('the server had a problem (1011 bus connection lost)');
    expect(describeClose(4003, 'authentication expired')).toMatch(/^the token expired or was revoked \(4003/);
    expect(describeClose(3999, '')).toBe('the connection closed (3999)');
  });
});
