/**
 * Signing out from the window: the token is revoked at wazo-auth, the
 * signed-in user's events stop reaching the window, and what is followed
 * next is what the settings say — nobody over websocketd (it needs the
 * login), the bus user typed in the settings over a direct bus, never the
 * user who just signed out. Against the fake Wazo and the real RabbitMQ.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { queueName } from '../../electron/core/bus/topology.js';
import { parseConfig } from '../../electron/core/config.js';
import { NotifierService } from '../../electron/core/service/notifier-service.js';
import { publication } from '../../electron/sim/envelope.js';
import { NO_USER } from '../../electron/shared/settings.js';
import { BROKER_URL, TestPublisher, deleteExchange, deleteQueue, uniqueExchange, waitFor } from '../support/broker.js';
import { sampleUser, startFakeWazo } from '../support/fake-wazo.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const dnd = (uuid: string, enabled: boolean) =>
  publication('users_services_dnd_updated', { user_uuid: uuid, enabled }, { userUuid: uuid });

/** The fake Wazo (alice, and websocketd on `exchange`), a publisher on it, and a service on `settings`, signed in as alice. */
async function signedIn(settings: Record<string, unknown>) {
  const alice = randomUUID();
  const exchange = uniqueExchange('logout');
  const installId = `lo${randomBytes(4).toString('hex')}`;
  const publisher = await TestPublisher.open(exchange, 'headers');
  cleanup.push(async () => {
    await publisher.close();
    await deleteExchange(exchange);
  });
  const fake = await startFakeWazo({
    users: [sampleUser(alice)],
    echo: (p) => publisher.publish(p),
    websocketd: { exchange },
  });
  cleanup.push(() => fake.close());
  const parsed = parseConfig({ installId, exchange, mode: 'headers', ...settings });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const service = new NotifierService(parsed.config, {});
  cleanup.push(() => service.close());
  await service.start();
  const answer = await service.login({ server: fake.url, username: 'alice', password: 'pa55-word' });
  expect(answer.ok).toBe(true);
  await waitFor(() => service.snapshot.sync.status === 'synced', 15_000, 'first REST read');
  await waitFor(() => service.snapshot.connection.status === 'connected', 10_000, 'connected');
  const token = [...fake.tokens.keys()];
  expect(token).toHaveLength(1);
  // Alice's events reach the window while she is signed in.
  await publisher.publish(dnd(alice, true));
  await waitFor(() => service.snapshot.services.dnd?.enabled === true, 10_000, 'alice’s DND on');
  return { alice, fake, service, publisher, installId, token: token[0]! };
}

describe('signing out', () => {
  it('over websocketd: revokes the token, follows nobody, and alice’s events no longer arrive', async () => {
    const s = await signedIn({ userUuid: NO_USER });
    const answer = await s.service.logout();
    expect(answer).toEqual({ ok: true });
    expect(s.fake.tokens.has(s.token)).toBe(false);
    expect(s.service.snapshot.account).toBeNull();
    await waitFor(() => s.service.snapshot.connection.status === 'idle', 10_000, 'idle');
    expect(s.service.snapshot.user_uuid).toBe(NO_USER);
    expect(s.service.snapshot.services.dnd).toBeNull();
    expect(s.fake.websocketd!.connections).toBe(0);
  });

  it('over a direct bus: revokes the token and follows the settings’ bus user, not alice', async () => {
    const busUser = randomUUID();
    const s = await signedIn({ transport: 'amqp', url: BROKER_URL, mode: 'headers', userUuid: busUser });
    cleanup.push(() => deleteQueue(queueName(s.alice, s.installId)));
    cleanup.push(() => deleteQueue(queueName(busUser, s.installId)));
    expect(s.service.snapshot.user_uuid).toBe(s.alice);
    await s.service.logout();
    expect(s.fake.tokens.has(s.token)).toBe(false);
    expect(s.service.snapshot.account).toBeNull();
    expect(s.service.settings.userUuid).toBe(busUser);
    await waitFor(() => s.service.snapshot.connection.status === 'connected', 10_000, 'back on the bus');
    expect(s.service.snapshot.user_uuid).toBe(busUser);
    // Alice's change, then the bus user's: only the second reaches the window.
    await s.publisher.publish(dnd(s.alice, false));
    await s.publisher.publish(dnd(busUser, true));
    await waitFor(() => s.service.snapshot.services.dnd !== null, 10_000, 'the bus user’s DND');
    expect(s.service.snapshot.services.dnd).toEqual({ enabled: true });
    expect(s.service.notifier.stats.accepted).toBe(1);
  });
});
