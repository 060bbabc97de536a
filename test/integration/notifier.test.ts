import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCHANGES, queueName } from '../../electron/core/bus/topology.js';
import type { BusMode } from '../../electron/shared/settings.js';
import { publication } from '../../electron/sim/envelope.js';
import { scenario } from '../../electron/sim/scenarios.js';
import { TestPublisher, closeConnections, queueArguments, queueMessages, waitFor } from '../support/broker.js';
import { brokerFixtures, startNotifier } from '../support/notifier-harness.js';
import { specEvents } from '../support/spec-events.js';

const fx = brokerFixtures();

const voicemail = (user: string, id: string, folder = 'new') =>
  publication(
    'user_voicemail_message_created',
    {
      user_uuid: user,
      voicemail_id: 1,
      message_id: id,
      message: {
        id,
        caller_id_name: 'A',
        caller_id_num: '1',
        duration: 3,
        timestamp: 1_700_000_000,
        folder: { id: 1, name: folder, type: folder },
      },
    },
    { userUuid: user },
  );

describe.each(['topic', 'headers'] as BusMode[])('%s mode, real RabbitMQ', (mode) => {
  const exchange = DEFAULT_EXCHANGES[mode];

  it("applies the user's events and never another user's", async () => {
    const me = randomUUID();
    const other = randomUUID();
    fx.harness = await startNotifier(mode, me);
    fx.publisher = await TestPublisher.open(exchange, mode);
    const mine = [
      ...scenario('all', { userUuid: me }),
      publication('users_services_dnd_updated', { user_uuid: me, enabled: true }, { userUuid: me }),
    ];
    const theirs = [
      ...scenario('all', { userUuid: other }),
      voicemail(other, 'theirs-1'),
      publication(
        'users_forwards_noanswer_updated',
        { user_uuid: other, enabled: true, destination: '9' },
        { userUuid: other },
      ),
      publication('users_services_incallfilter_updated', { user_uuid: other, enabled: true }, { userUuid: other }),
    ];
    // Interleave, as a busy server would.
    for (let i = 0; i < Math.max(mine.length, theirs.length); i++) {
      if (theirs[i]) await fx.publisher.publish(theirs[i]!);
      if (mine[i]) await fx.publisher.publish(mine[i]!);
    }
    // The scenario itself switches DND on then off: wait for every event, not for the first DND.
    const snap = await waitFor(
      () => (fx.harness!.events.length >= mine.length ? fx.harness!.notifier.snapshot : undefined),
      10_000,
      'every event of the user',
    );
    expect(fx.harness.events).toHaveLength(mine.length);
    expect(JSON.stringify(fx.harness.events)).not.toContain(other);
    expect(JSON.stringify(snap)).not.toContain(other);
    expect(snap.calls).toEqual([]);
    expect(snap.missed_calls).toHaveLength(1);
    expect(snap.missed_calls[0]).toMatchObject({ caller_id_name: 'Bob Tremblay', reason: 'no-answer', source: 'bus' });
    expect(snap.voicemail).toEqual({ unread: 0, messages: [] });
    expect(snap.forwards).toEqual({
      busy: { enabled: true, destination: '1003' },
      noanswer: null,
      unconditional: { enabled: false, destination: '+15145550199' },
    });
    expect(snap.services).toEqual({ dnd: { enabled: true }, incallfilter: null });
    expect(snap.favorites).toEqual([]);
    expect(fx.harness.rejected).toEqual([]);
  });

  it('rejects malformed messages in the stream and applies the valid ones around them', async () => {
    const me = randomUUID();
    fx.harness = await startNotifier(mode, me);
    fx.publisher = await TestPublisher.open(exchange, mode);
    const headers = (name: string) => ({ name, [`user_uuid:${me}`]: true });
    await fx.publisher.publish(voicemail(me, 'before'));
    const key = 'voicemails.messages.created';
    fx.publisher.raw(
      key,
      '{"name": "user_voicemail_message_created", "data": ',
      headers('user_voicemail_message_created'),
    );
    fx.publisher.raw(key, Buffer.from([0xff, 0xfe, 0x00]), headers('user_voicemail_message_created'));
    fx.publisher.raw(key, JSON.stringify([1, 2]), headers('user_voicemail_message_created'));
    fx.publisher.raw(
      key,
      JSON.stringify({
        name: 'user_voicemail_message_created',
        [`user_uuid:${me}`]: true,
        data: { user_uuid: me, message_id: 5 },
      }),
      headers('user_voicemail_message_created'),
    );
    fx.publisher.raw(
      key,
      `{"name":"user_voicemail_message_created","data":{"user_uuid":"${me}","message_id":"p","__proto__":{"x":1}}}`,
      headers('user_voicemail_message_created'),
    );
    fx.publisher.raw(key, Buffer.alloc(1024 * 1024 + 10, 0x20), headers('user_voicemail_message_created'));
    await fx.publisher.publish(voicemail(me, 'after'));
    const snap = await waitFor(
      () => (fx.harness!.notifier.snapshot.voicemail.messages.length === 2 ? fx.harness!.notifier.snapshot : undefined),
      10_000,
      'both voicemails',
    );
    expect(snap.voicemail.messages.map((m) => m.id).sort()).toEqual(['after', 'before']);
    expect(fx.harness.rejected.map((r) => r.reason)).toEqual([
      'not_json',
      'not_utf8',
      'not_object',
      'invalid',
      'unsafe_key',
      'too_large',
    ]);
    expect(fx.harness.notifier.stats.rejected).toEqual({
      not_json: 1,
      not_utf8: 1,
      not_object: 1,
      invalid: 1,
      unsafe_key: 1,
      too_large: 1,
    });
    // Every message was acked: after a clean stop nothing is left for redelivery.
    const queue = queueName(me, fx.harness.installId);
    await fx.harness.stop();
    const row = await waitFor(() => queueArguments(queue), 5_000, 'queue listed');
    expect(row).toContain('true');
    const left = await queueMessages(queue);
    expect(left).toEqual([]);
  });

  it('recovers from a connection killed by the broker mid-stream without losing an event', async () => {
    const me = randomUUID();
    fx.harness = await startNotifier(mode, me);
    fx.publisher = await TestPublisher.open(exchange, mode);
    const total = 300;
    for (let i = 0; i < total; i++) {
      await fx.publisher.publish(voicemail(me, `m${i}`));
      if (i === 100) expect(await closeConnections(fx.harness.connectionName)).toBe(1);
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(
      () => fx.harness!.notifier.snapshot.voicemail.messages.length === total,
      20_000,
      `${total} voicemails`,
    );
    const ids = new Set(fx.harness.notifier.snapshot.voicemail.messages.map((m) => m.id));
    expect(ids.size).toBe(total);
    expect(fx.harness.notifier.snapshot.voicemail.unread).toBe(total);
    const kinds = fx.harness.statuses.map((s) => s.status);
    expect(kinds.indexOf('reconnecting')).toBeGreaterThan(kinds.indexOf('connected'));
    expect(kinds.at(-1)).toBe('connected');
    const reconnecting = fx.harness.statuses.find((s) => s.status === 'reconnecting')!;
    expect(reconnecting.attempt).toBeGreaterThanOrEqual(1);
    expect(reconnecting.error).toBeTruthy();
  });
});

describe('topic mode with the message-bus page’s own examples', () => {
  it('follows a call and its hold from events that name only the call id', async () => {
    const me = randomUUID();
    fx.harness = await startNotifier('topic', me);
    fx.publisher = await TestPublisher.open('xivo', 'topic');
    const spec = specEvents(me);
    const keys: Record<string, string> = {
      call_created: 'calls.call.created',
      call_held: 'calls.hold.created',
      call_resumed: 'calls.hold.deleted',
      users_forwards_busy_updated: `config.users.${me}.forwards.busy.updated`,
      users_services_dnd_updated: `config.users.${me}.services.dnd.updated`,
      user_voicemail_message_created: 'voicemails.messages.created',
      favorite_added: `directory.${me}.favorite.created`,
    };
    // A hold for a call that is not the user's is someone else's: published first, it must be dropped.
    fx.publisher.raw('calls.hold.created', JSON.stringify(spec.call_held));
    const sequence = [
      'call_created',
      'call_held',
      'users_forwards_busy_updated',
      'users_services_dnd_updated',
      'user_voicemail_message_created',
      'favorite_added',
    ];
    for (const name of sequence) fx.publisher.raw(keys[name]!, JSON.stringify(spec[name]));
    const snap = await waitFor(
      () => (fx.harness!.notifier.snapshot.favorites.length ? fx.harness!.notifier.snapshot : undefined),
      10_000,
      'favorite',
    );
    expect(snap.calls).toMatchObject([
      { call_id: '1455123422.8', status: 'Ring', on_hold: true, caller_id_name: 'Some One' },
    ]);
    expect(snap.forwards.busy).toEqual({ enabled: true, destination: '1234' });
    expect(snap.services.dnd).toEqual({ enabled: true });
    expect(snap.voicemail.unread).toBe(1);
    expect(snap.favorites).toEqual([{ source: 'internal', source_entry_id: '42' }]);
    expect(fx.harness.events.map((e) => e.name)).toEqual(sequence);
    fx.publisher.raw(keys.call_resumed!, JSON.stringify(spec.call_resumed));
    await waitFor(() => fx.harness!.notifier.snapshot.calls[0]?.on_hold === false, 5_000, 'resumed');
  });
});
