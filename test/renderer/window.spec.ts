import { randomUUID } from 'node:crypto';
import { missedCallPublication, SimCall, SIM_ME } from '../../electron/sim/call-events.js';
import { publication } from '../../electron/sim/envelope.js';
import { closeConnections } from '../support/broker.js';
import { specEvents } from '../support/spec-events.js';
import { expect, openAdvanced, test } from './fixtures.js';

/** The header when following a user over the test broker (the exchange of the fixture's mode). */
const CONNECTED_TO_BUS = /^Connected to the bus at (127\.0\.0\.1|localhost):5672 \(wazo-headers\)$/;

/** A call to `user` from `name`: the call, and what the server publishes until it rings (created `Down`, then `Ringing`). */
const incoming = (user: string, name: string, number: string) => {
  const call = new SimCall({ userUuid: user }, { peer: { name, number } });
  return { call, ringing: [call.created(), call.ringing()] };
};

test.describe('the window, live from the bus', () => {
  test('shows an incoming call with its caller, then hold, voicemail, forwards and DND', async ({
    app,
    preview,
    publisher,
  }) => {
    const me = preview.user;
    await expect(app.getByTestId('connection')).toHaveText(CONNECTED_TO_BUS);
    await expect(app.getByTestId('service-dnd')).toHaveText('Unknown');
    await expect(app.getByTestId('forward-busy')).toHaveText('Unknown');

    const { call, ringing } = incoming(me, 'Alice Martin', '1001');
    await publisher.publish(...ringing);
    const toast = app.getByTestId('toast').filter({ hasText: 'Incoming call' });
    await expect(toast).toContainText('Alice Martin (1001)');
    await expect(app.getByTestId('toast-announce-urgent')).toHaveText('Incoming call: Alice Martin (1001)');
    await expect(app.getByTestId('call')).toContainText('Ringing');

    await publisher.publish(...call.answered());
    await expect(app.getByTestId('call')).toContainText('Talking');
    await publisher.publish(call.held());
    await expect(app.getByTestId('on-hold')).toBeVisible();
    await expect(app.getByTestId('call')).not.toContainText('Talking');

    await publisher.publish(call.resumed());
    await expect(app.getByTestId('on-hold')).toHaveCount(0);
    await expect(app.getByTestId('call')).toContainText('Talking');

    const spec = specEvents(me);
    const withHeaders = (name: string) => {
      const body = spec[name]!;
      return publication(name as never, body.data as Record<string, unknown>, { userUuid: me });
    };
    await publisher.publish(
      withHeaders('user_voicemail_message_created'),
      withHeaders('users_forwards_busy_updated'),
      withHeaders('users_services_dnd_updated'),
      withHeaders('favorite_added'),
    );
    await expect(app.getByTestId('voicemail-unread')).toHaveText('1 unread');
    await expect(app.getByTestId('voicemail-message')).toContainText('Alice (1001)');
    await expect(app.getByTestId('forward-busy')).toHaveText('On, to 1234');
    await expect(app.getByTestId('forward-noanswer')).toHaveText('Unknown');
    await expect(app.getByTestId('dnd-badge')).toBeVisible();
    await expect(app.getByTestId('service-dnd')).toHaveText('On');
    await expect(app.getByTestId('favorite')).toContainText('internal 42');

    await publisher.publish(call.ended(16));
    await expect(app.getByTestId('call')).toHaveCount(0);
    await expect(app.getByTestId('missed-call')).toHaveCount(0);
  });

  test("never shows another user's events", async ({ app, preview, publisher }) => {
    const other = randomUUID();
    const theirs = incoming(other, 'Mallory Intruder', '666');
    await publisher.publish(
      ...theirs.ringing,
      publication('users_services_dnd_updated', { user_uuid: other, enabled: true }, { userUuid: other }),
      theirs.call.ended(19),
      theirs.call.missed('no-answer'),
      // Then one of the user's own, so that everything before it was processed.
      ...incoming(preview.user, 'Bob Tremblay', '1003').ringing,
    );
    await expect(app.getByTestId('call')).toContainText('Bob Tremblay');
    await expect(app.locator('body')).not.toContainText('Mallory');
    await expect(app.getByTestId('dnd-badge')).toHaveCount(0);
    await expect(app.getByTestId('missed-call')).toHaveCount(0);
  });

  test('a missed call is listed once, with one toast, named after the caller', async ({ app, preview, publisher }) => {
    const me = preview.user;
    const { call, ringing } = incoming(me, 'Carol Support', '1800');
    // call_ended (caller and peer swapped) comes before user_missed_call here; a miss without any call follows.
    await publisher.publish(...ringing, call.ended(19), call.missed('no-answer'));
    await expect(app.getByTestId('missed-call')).toHaveCount(1);
    await expect(app.getByTestId('missed-count')).toHaveText('1 missed');
    const toast = app.getByTestId('toast').filter({ hasText: 'Missed call' });
    await expect(toast).toHaveCount(1);
    await expect(toast).toContainText('Carol Support');
    await expect(app.getByTestId('missed-call')).toContainText('Carol Support');
    await expect(app.getByTestId('missed')).not.toContainText(SIM_ME.name!);
    await publisher.publish(missedCallPublication({ userUuid: me }, { peer: { name: 'Dana Lee', number: '1004' } }));
    await expect(app.getByTestId('missed-count')).toHaveText('2 missed');
    await expect(app.getByTestId('toast').filter({ hasText: 'Missed call' })).toHaveCount(2);
  });

  test('shows markup in a caller name as text', async ({ app, preview, publisher }) => {
    const evil = '<b>Bold</b><img src=x onerror="window.__pwned=1">';
    await publisher.publish(...incoming(preview.user, evil, '1003').ringing);
    const toast = app.getByTestId('toast').filter({ hasText: 'Incoming call' });
    await expect(toast).toContainText(evil);
    await expect(app.locator('[data-testid=toast] b, [data-testid=call] b, img')).toHaveCount(0);
    expect(await app.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test('says the connection was lost when the broker drops it, and recovers', async ({ app, preview, publisher }) => {
    await expect(app.getByTestId('connection')).toHaveText(CONNECTED_TO_BUS);
    expect(await closeConnections(`wazo-notifier web ${preview.installId}`)).toBe(1);
    await expect(app.getByTestId('connection')).toContainText('Lost the connection to the bus — retrying');
    // The broker's own words are not the headline.
    await expect(app.getByTestId('connection')).not.toContainText('CONNECTION');
    await expect(app.getByTestId('connection')).toHaveText(CONNECTED_TO_BUS);
    // Nothing was lost: events published now arrive.
    await publisher.publish(
      publication('users_services_dnd_updated', { user_uuid: preview.user, enabled: true }, { userUuid: preview.user }),
    );
    await expect(app.getByTestId('dnd-badge')).toBeVisible();
  });

  // Dismissing, Escape and storms: toasts.spec.ts.
  test('keeps the bus settings folded at the end of the dashboard', async ({ app }) => {
    await expect(app.getByTestId('account').getByRole('button', { name: 'Sign in' })).toBeVisible();
    const settings = app.getByTestId('settings');
    await expect(settings).not.toHaveAttribute('open');
    await expect(settings.getByLabel('Bus URL')).toBeHidden();
    expect(await app.locator('main.grid > :last-child').getAttribute('data-testid')).toBe('settings');
  });

  test('validates settings before saving them', async ({ app }) => {
    await openAdvanced(app);
    const settings = app.getByTestId('settings');
    await settings.getByLabel('User UUID').fill('alice');
    await settings.getByLabel('Bus URL').fill('http://example.org/');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(app.getByTestId('error-userUuid')).toHaveText(
      'Type the user’s UUID, such as 2e752722-0864-4665-887d-a78a024cf7c7.',
    );
    await expect(app.getByTestId('error-url')).toHaveText('Type the bus address as amqp://user:password@host:5672/.');
    await expect(app.getByTestId('settings-message')).toHaveText('');
  });

  test('follows a new user once the settings are saved', async ({ app, publisher }) => {
    const next = randomUUID();
    await openAdvanced(app);
    const settings = app.getByTestId('settings');
    await settings.getByLabel('User UUID').fill(next);
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(app.getByTestId('settings-message')).toHaveText('Settings saved');
    await expect(app.getByTestId('user')).toContainText(next);
    await expect(app.getByTestId('connection')).toHaveText(CONNECTED_TO_BUS);
    await publisher.publish(...incoming(next, 'Dana Lee', '1004').ringing);
    await expect(app.getByTestId('call')).toContainText('Dana Lee');
  });
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });
  test('speaks French and says so', async ({ app, preview, publisher }) => {
    await expect(app.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(app.getByRole('heading', { name: 'Appels en cours' })).toBeVisible();
    await expect(app.getByTestId('connection')).toHaveText(
      /^Connecté au bus (127\.0\.0\.1|localhost):5672 \(wazo-headers\)$/,
    );
    await publisher.publish(...incoming(preview.user, 'Élodie', '1005').ringing);
    await expect(app.getByTestId('toast').filter({ hasText: 'Appel entrant' })).toContainText('Élodie (1005)');
    await expect(app.getByTestId('service-dnd')).toHaveText('Inconnu');
  });
});

test.describe('desktop preferences in the preview', () => {
  test('are kept by the core and say that the browser keeps no password', async ({ app }) => {
    const prefs = app.getByTestId('preferences');
    await expect(prefs.getByTestId('secrets')).toHaveText('Browser preview: no password is kept.');
    const login = prefs.getByLabel('Start at login, in the tray');
    await expect(login).not.toBeChecked();
    await login.check();
    await app.reload();
    await expect(app.getByTestId('preferences').getByLabel('Start at login, in the tray')).toBeChecked();
  });
});
