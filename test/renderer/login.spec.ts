/**
 * Logging in from the window, end to end: Chromium → `wazo-notifier web` (the
 * real core, the real RabbitMQ) → the fake Wazo's REST APIs, whose changes are
 * echoed on the bus as confd and calld do.
 */
import { expect, test } from './fixtures.js';

test.describe('signed in from the window', () => {
  test('shows the initial state, toggles DND with the echo over the bus, rolls back a refusal', async ({
    app,
    wazo,
    preview,
  }) => {
    await expect(app.getByTestId('toggle-dnd')).toHaveCount(0);
    await app.getByLabel('Server').fill(wazo.url);
    await app.getByLabel('Username').fill('alice');
    await app.getByLabel('Password').fill('pa55-word');
    await app.getByRole('button', { name: 'Sign in' }).click();

    await expect(app.getByTestId('logged-in')).toHaveText(`Signed in as alice on ${wazo.url}`);
    await expect(app.getByTestId('user')).toHaveText('alice');
    // The state read over REST: the bus never said any of it.
    await expect(app.getByTestId('service-dnd')).toHaveText('On');
    await expect(app.getByTestId('dnd-badge')).toBeVisible();
    await expect(app.getByTestId('forward-unconditional')).toHaveText('On, to 1002');
    await expect(app.getByTestId('voicemail-unread')).toHaveText('1 unread');
    await expect(app.getByTestId('voicemail-message')).toHaveCount(2);
    await expect(app.getByTestId('call')).toContainText('Dave');
    await expect(app.getByTestId('on-hold')).toBeVisible();
    // Whichever source feeds the events once signed in (the bus here, or the server's websocketd).
    await expect(app.getByTestId('connection')).toHaveText(/^Connected to /);

    await app.getByRole('button', { name: 'Turn off Do not disturb' }).click();
    await expect(app.getByTestId('service-dnd')).toHaveText('Off');
    await expect(app.getByTestId('dnd-badge')).toHaveCount(0);
    // The echo confd publishes reached the core over RabbitMQ.
    await expect
      .poll(() =>
        preview.run.lines.some(
          (l) => l.type === 'event' && (l.event as { name?: string }).name === 'users_services_dnd_updated',
        ),
      )
      .toBe(true);
    expect(wazo.users[0]!.services.dnd).toEqual({ enabled: false });

    wazo.fault({ match: 'PUT /api/confd', status: 403, body: ['Forbidden: this user may not change it'] });
    await app.getByRole('button', { name: 'Turn on Incoming call filter' }).click();
    await expect(app.getByTestId('forwards-error')).toHaveText(
      'Not changed: Your Wazo user is not allowed to do this.',
    );
    // The server's own words, on demand.
    await app.getByTestId('forwards-error-details').locator('summary').click();
    await expect(app.getByTestId('forwards-error-details')).toContainText(
      'turn the incoming call filter on: the server answered 403 (Forbidden: this user may not change it)',
    );
    await expect(app.getByTestId('service-incallfilter')).toHaveText('Off');

    await app.getByRole('button', { name: 'Mark read: the message from Bob (1002)' }).click();
    await expect(app.getByTestId('voicemail-unread')).toHaveText('0 unread');
    await app.getByRole('button', { name: 'Delete the message from Carol (1003)' }).click();
    await expect(app.getByTestId('voicemail-message')).toHaveCount(1);
    await expect
      .poll(
        () =>
          preview.run.lines.filter(
            (l) => l.type === 'event' && /^user_voicemail/.test(String((l.event as { name?: string }).name)),
          ).length,
      )
      .toBe(2);
  });

  test('says why a sign-in failed, and keeps the password out of the page', async ({ app, wazo }) => {
    await app.getByLabel('Server').fill(wazo.url);
    await app.getByLabel('Username').fill('alice');
    await app.getByLabel('Password').fill('wrong-one');
    await app.getByRole('button', { name: 'Sign in' }).click();
    await expect(app.getByTestId('login-error')).toHaveText('Could not sign in: Wrong username or password.');
    await expect(app.getByTestId('login-error-details')).toContainText('login: wrong username or password');
    await expect(app.getByTestId('account')).not.toContainText('wrong-one');
  });
});
