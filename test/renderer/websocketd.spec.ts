/**
 * A user at their desk, end to end in Chromium: the window's sign-in →
 * `wazo-notifier web` (the real core) → the fake Wazo's REST APIs and its
 * websocketd stand-in, which consumes from the real RabbitMQ. The token is
 * renewed in place, a revoked one is renewed after the server's 4003, a 1011
 * and a restart are recovered, and what changed during a gap shows through
 * the REST read that follows every reconnection.
 */
import { SimCall } from '../../electron/sim/call-events.js';
import { publication } from '../../electron/sim/envelope.js';
import type { FakeWazo } from '../support/fake-wazo.js';
import { expect, signIn, test } from './fixtures.js';

test.use({ user: null });

const host = (wazo: FakeWazo) => new URL(wazo.url).host;

test.describe('signed in, events over websocketd', () => {
  test('shows the user’s calls from websocketd, and keeps them coming across a renewal of the token', async ({
    app,
    wazo,
    publisher,
  }) => {
    wazo.tokenLifetimeS = 10; // renewed about 9 s after the sign-in, a second before it expires
    await expect(app.getByTestId('connection')).toHaveText('Not signed in');
    await signIn(app, wazo);
    await expect(app.getByTestId('connection')).toHaveText(`Connected to ${host(wazo)}`);
    await expect(app.getByTestId('service-dnd')).toHaveText('On');
    const first = (await wazo.websocketd!.waitForSessions(1))[0]!.id;

    const call = new SimCall({ userUuid: wazo.uuid }, { peer: { name: 'Bob Tremblay', number: '1002' } });
    await publisher.publish(call.created());
    await expect(app.getByTestId('call').filter({ hasText: 'Bob Tremblay' })).toContainText('Setting up');
    await publisher.publish(call.ringing());
    await expect(app.getByTestId('toast').filter({ hasText: 'Incoming call' })).toContainText('Bob Tremblay (1002)');

    // The renewal travels in place, over the same connection.
    await expect
      .poll(() => wazo.websocketd!.frames.filter((f) => (f.json as { op?: string }).op === 'token').length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    // In place: the session it signed in with, never closed and reopened.
    expect(wazo.websocketd!.connections).toBe(1);
    expect(wazo.websocketd!.sessions.map((x) => x.id)).toEqual([first]);
    await publisher.publish(...call.answered());
    await expect(app.getByTestId('call').filter({ hasText: 'Bob Tremblay' })).toContainText('Talking');
    await expect(app.getByTestId('connection')).toHaveText(`Connected to ${host(wazo)}`);
  });

  test('comes back after a revoked token, a 1011 and a restart, with what changed meanwhile', async ({
    app,
    wazo,
    publisher,
  }) => {
    await signIn(app, wazo);
    const connected = `Connected to ${host(wazo)}`;
    await expect(app.getByTestId('connection')).toHaveText(connected);
    const reads = () => wazo.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/services')).length;

    // Revoked: websocketd closes 4003, the app renews the token and reconnects. The close is made at
    // once rather than at the stand-in's next check: revoked while the first read is still in flight,
    // a 401 there renews the token first and the token op swaps it in place, with no 4003 at all.
    const before = reads();
    wazo.expireTokens('alice');
    await wazo.websocketd!.closeAll(4003, 'token expired');
    await expect.poll(reads, { timeout: 15_000 }).toBeGreaterThan(before);
    await expect(app.getByTestId('connection')).toHaveText(connected);

    // websocketd loses its bus: 1011, then back, the state read again.
    const afterRevoke = reads();
    await wazo.websocketd!.closeAll(1011, 'bus connection lost');
    await expect.poll(reads, { timeout: 15_000 }).toBeGreaterThan(afterRevoke);
    await expect(app.getByTestId('connection')).toHaveText(connected);

    // websocketd restarts; DND is turned off while nobody listens: the event is lost, not the change.
    await wazo.websocketd!.stop();
    await expect(app.getByTestId('connection-state')).toHaveText('Lost the connection to the server');
    await app.getByTestId('connection-details-toggle').click();
    await expect(app.getByTestId('connection-details')).toContainText('HTTP 502');
    wazo.users[0]!.services.dnd.enabled = false;
    await publisher.publish(
      publication('users_services_dnd_updated', { user_uuid: wazo.uuid, enabled: false }, { userUuid: wazo.uuid }),
    );
    wazo.websocketd!.start();
    await expect(app.getByTestId('connection')).toHaveText(connected, { timeout: 15_000 });
    await expect(app.getByTestId('service-dnd')).toHaveText('Off');
  });

  test('a session the server ended for good: the sign-in says so, with the server and username filled in again', async ({
    app,
    wazo,
  }) => {
    await signIn(app, wazo);
    await expect(app.getByTestId('connection')).toHaveText(`Connected to ${host(wazo)}`);
    wazo.revokeSessions('alice');
    await expect(app.getByTestId('session-ended')).toHaveText('Your session has ended: sign in again.', {
      timeout: 15_000,
    });
    await expect(app.getByLabel('Server')).toHaveValue(new URL(wazo.url).origin);
    await expect(app.getByLabel('Username')).toHaveValue('alice');
    await expect(app.getByLabel('Password')).toHaveValue('');
    // Said once, on the card, not again in the header.
    await expect(app.getByTestId('sync')).toHaveCount(0);
    await app.getByLabel('Password').fill('pa55-word');
    await app.getByRole('button', { name: 'Sign in' }).click();
    await expect(app.getByTestId('connection')).toHaveText(`Connected to ${host(wazo)}`);
  });
});
