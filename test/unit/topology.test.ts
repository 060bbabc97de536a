import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../electron/core/events/catalog.js';
import { queueName, topologyFor } from '../../electron/core/bus/topology.js';

const ME = '2e752722-0864-4665-887d-a78a024cf7c7';

describe('topology', () => {
  it('binds the topic routing keys of every event, with the user in the keys that carry one', () => {
    const t = topologyFor({ mode: 'topic', userUuid: ME, installId: 'abc' });
    expect(t.exchange).toBe('xivo');
    expect(t.exchangeType).toBe('topic');
    expect(t.bindings.map((b) => b.routingKey).sort()).toEqual(
      [
        'calls.call.created',
        'calls.call.updated',
        'calls.call.answered',
        'calls.call.ended',
        'calls.hold.created',
        'calls.hold.deleted',
        'calls.missed',
        `config.users.${ME}.forwards.busy.updated`,
        `config.users.${ME}.forwards.noanswer.updated`,
        `config.users.${ME}.forwards.unconditional.updated`,
        `config.users.${ME}.services.dnd.updated`,
        `config.users.${ME}.services.incallfilter.updated`,
        'voicemails.messages.created',
        'voicemails.messages.updated',
        'voicemails.messages.deleted',
        `directory.${ME}.favorite.created`,
        `directory.${ME}.favorite.deleted`,
      ].sort(),
    );
  });

  it('binds one headers binding per event name, filtered to the user by the broker', () => {
    const t = topologyFor({ mode: 'headers', userUuid: ME, installId: 'abc' });
    expect(t.exchange).toBe('wazo-headers');
    expect(t.bindings).toHaveLength(EVENT_NAMES.length);
    for (const [i, b] of t.bindings.entries()) {
      expect(b.arguments).toEqual({ 'x-match': 'all', name: EVENT_NAMES[i], [`user_uuid:${ME}`]: true });
    }
  });

  it('lets the exchange name be overridden', () => {
    expect(topologyFor({ mode: 'topic', exchange: 'other', userUuid: ME, installId: 'a' }).exchange).toBe('other');
  });

  it('names the queue per user and per install, and bounds it', () => {
    expect(queueName(ME, 'desk-1')).toBe(`wazo-notifier.v1.${ME}.desk-1`);
    expect(queueName(ME, 'desk-1')).not.toBe(queueName(ME, 'desk-2'));
    // What the broker is asked for (integration/connection.test.ts checks what it keeps).
    expect(topologyFor({ mode: 'topic', userUuid: ME, installId: 'a' }).queueArguments).toEqual({
      'x-expires': 600_000,
      'x-message-ttl': 600_000,
      'x-max-length': 10_000,
    });
  });
});
