/**
 * What the window says, in Chromium against the real core: errors in words with
 * the reason on demand, the settings following a login, and the preview saying
 * that it lost its own process instead of "Connected".
 */
import { expect, openAdvanced, signIn, test } from './fixtures.js';

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

  test('the settings say which user the window follows once signed in', async ({ app, wazo, preview }) => {
    await openAdvanced(app);
    await expect(app.getByTestId('settings').getByLabel('User UUID')).toHaveValue(preview.user);
    await expect(app.getByTestId('settings-signed-in')).toHaveCount(0);
    await signIn(app, wazo);
    await expect(app.getByTestId('logged-in')).toBeVisible();
    await expect(app.getByTestId('user')).toHaveText('alice');
    // The settings' user is the direct bus's (the core keeps it for when nobody is signed in): said so, by name.
    await expect(app.getByTestId('settings-signed-in')).toContainText(`this window follows alice (${wazo.uuid})`);
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
