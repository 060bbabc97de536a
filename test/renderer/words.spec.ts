/**
 * What the window says, in Chromium against the real core: errors in words with
 * the reason on demand, the settings following a login, and the preview saying
 * that it lost its own process instead of "Connected".
 */
import { expect, openAdvanced, signedIn, signIn, test } from './fixtures.js';

test.describe('words', () => {
  test('an unreachable server is said in words, in French too, with the reason on demand', async ({ app }) => {
    await app.getByLabel('Server').fill('http://127.0.0.1:1');
    await app.getByLabel('Username').fill('alice');
    await app.getByLabel('Password').fill('pw');
    await app.getByRole('button', { name: 'Sign in' }).click();
    await expect(app.getByTestId('login-error')).toHaveText(
      'Could not sign in: The server cannot be reached: check its address and your network.',
    );
    await expect(app.getByTestId('login-error')).not.toContainText('ECONNREFUSED');
    const details = app.getByTestId('login-error-details');
    await details.locator('summary').click();
    await expect(details).toContainText('ECONNREFUSED');
  });

  test('the settings show the signed-in user once signed in, and a save keeps the session', async ({
    app,
    wazo,
    preview,
  }) => {
    await openAdvanced(app);
    const field = app.getByTestId('settings').getByLabel('User UUID');
    await expect(field).toHaveValue(preview.user);
    await expect(field).toBeEditable();
    await expect(app.getByTestId('settings-signed-in')).toHaveCount(0);
    await signIn(app, wazo);
    await expect(app.getByTestId('logged-in')).toBeVisible();
    await expect(app.getByTestId('user')).toHaveText('alice');
    // The field shows whom the window follows now: the signed-in user, not the direct bus's (kept for later).
    await expect(field).toHaveValue(wazo.uuid);
    await expect(field).not.toBeEditable();
    await expect(field).toHaveAccessibleDescription(/^Signed in as alice: the window follows this user\./);
    // Saving the other settings neither ends the session nor changes the bus's user.
    await app.getByTestId('settings').getByRole('button', { name: 'Save' }).click();
    await expect(app.getByTestId('settings-message')).toHaveText('Settings saved');
    await expect(app.getByTestId('logged-in')).toBeVisible();
    await expect(field).toHaveValue(wazo.uuid);
    // Signed out, the window follows the bus's user again, whom the field shows, editable.
    await app.getByTestId('logout').click();
    await expect(app.getByTestId('user')).toHaveText(`User ${preview.user}`);
    await expect(field).toHaveValue(preview.user);
    await expect(field).toBeEditable();
  });

  test('the preview says it lost its own process instead of "Connected"', async ({ app, preview }) => {
    await expect(app.getByTestId('connection')).toContainText('Connected');
    preview.run.child.kill('SIGTERM');
    await preview.run.exit;
    await expect(app.getByTestId('connection-state')).toHaveText('Notifier stopped');
    await expect(app.getByTestId('bridge-lost')).toContainText('lost the notifier’s own process');
    await expect(app.getByTestId('connection')).not.toContainText('Connected');
  });
});

test.describe('words from the core’s reason codes', () => {
  test.use({ user: null });

  test('a recording the server cannot find, a call refused, the preview’s log file: in words, the text on demand', async ({
    app,
    wazo,
  }) => {
    await signedIn(app, wazo);
    // calld knows the message but not its file (500 invalid-voicemail-message-format), each retry alike.
    wazo.fault({
      match: 'GET /api/calld/1.0/users/me/voicemails/messages/m-new/recording',
      status: 500,
      body: { message: 'Invalid voicemail message format', error_id: 'invalid-voicemail-message-format' },
      times: 3,
    });
    await app.getByRole('button', { name: 'Play the message from Bob (1002)' }).click();
    await expect(app.getByTestId('voicemail-error')).toHaveText(
      'Cannot play the message: The server has this message, but not its recording.',
    );
    const details = app.getByTestId('voicemail-error-details');
    await details.locator('summary').click();
    await expect(details).toContainText('500 (Invalid voicemail message format)');

    // A refusal calld documents but this window has no words of its own for (from_mobile's call-creation).
    wazo.fault({
      match: 'POST /api/calld/1.0/users/me/calls',
      status: 400,
      body: { message: 'User has no mobile phone number', error_id: 'call-creation', details: {} },
    });
    await app.getByTestId('voicemail').getByRole('button', { name: 'Call back Bob (1002)' }).click();
    await expect(app.getByTestId('voicemail-error')).toHaveText('Not done: The server refused this request.');
    await expect(app.getByTestId('voicemail-error')).not.toContainText('mobile');

    await app.getByTestId('open-logs').click();
    await expect(app.getByTestId('preferences-error')).toHaveText(
      'The browser preview keeps no log file: its log is the terminal it runs in.',
    );
  });
});

test.describe('words in French', () => {
  test.use({ locale: 'fr-FR' });
  test('forward names are capitalised, plurals are real', async ({ app, wazo }) => {
    await app.getByLabel('Serveur').fill(wazo.url);
    await app.getByLabel('Identifiant').fill('alice');
    await app.getByLabel('Mot de passe').fill('pa55-word');
    await app.getByRole('button', { name: 'Se connecter' }).click();
    await expect(app.getByTestId('forwards').locator('dt').first()).toHaveText('Sur occupation');
    await expect(app.getByTestId('voicemail-unread')).toHaveText('1 non lu');
    await expect(app.getByRole('button', { name: 'Activer le renvoi sur occupation' })).toBeVisible();
  });
});
