/**
 * The first start: `wazo-notifier web` without `--user` follows nobody, as the
 * desktop app does before anyone signs in. The window must open on the Wazo
 * sign-in, the bus settings folded away, and speak of the connection in words.
 */
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.js';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** Tabs forward until `target` has the focus (at most `max` presses). */
async function tabTo(page: Page, target: ReturnType<Page['getByTestId']>, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reached with ${max} presses of Tab`);
}

test.use({ user: null });

test.describe('the first start, nobody signed in', () => {
  test('opens on the Wazo sign-in with the bus settings folded; signing in leads to the dashboard', async ({
    app,
    wazo,
  }) => {
    await app.setViewportSize({ width: 360, height: 640 });
    const signIn = app.getByTestId('sign-in');
    await expect(signIn.getByRole('heading', { name: 'Sign in to Wazo' })).toBeVisible();
    // All of it on the first screen, even in the tray-sized window.
    await expect(signIn.getByLabel('Server')).toBeInViewport();
    await expect(signIn.getByRole('button', { name: 'Sign in' })).toBeInViewport();
    // No dashboard of empty cards, no user uuid in the header.
    await expect(app.getByTestId('calls')).toHaveCount(0);
    await expect(app.getByTestId('user')).toHaveCount(0);
    // The bus settings: there, after the sign-in, closed.
    const advanced = signIn.getByTestId('settings');
    await expect(advanced).not.toHaveAttribute('open');
    await expect(advanced.getByTestId('advanced-summary')).toHaveText('Advanced: direct bus access');
    await expect(advanced.getByLabel('Bus URL')).toBeHidden();
    await app.screenshot({ path: `${SHOTS}first-start-360x640.png` });
    await app.setViewportSize({ width: 1280, height: 800 });
    await app.screenshot({ path: `${SHOTS}first-start-1280x800.png` });

    // The summary is reached and opened by keyboard.
    await tabTo(app, advanced.getByTestId('advanced-summary'));
    await app.keyboard.press('Enter');
    await expect(advanced).toHaveAttribute('open', '');
    await expect(advanced.getByLabel('Bus URL')).toBeVisible();
    // Automatic first, for whoever does not know the bus's layout (this preview was given --mode headers).
    await expect(advanced.getByLabel('Mode', { exact: true }).locator('option').first()).toHaveAttribute(
      'value',
      'auto',
    );
    await expect(advanced.getByLabel('Event source').locator('option').first()).toHaveAttribute('value', 'auto');
    await app.screenshot({ path: `${SHOTS}first-start-advanced-1280x800.png`, fullPage: true });
    await app.keyboard.press('Enter');
    await expect(advanced).not.toHaveAttribute('open');

    await signIn.getByLabel('Server').fill(wazo.url);
    await signIn.getByLabel('Username').fill('alice');
    await signIn.getByLabel('Password').fill('pa55-word');
    await signIn.getByRole('button', { name: 'Sign in' }).click();

    await expect(app.getByTestId('sign-in')).toHaveCount(0);
    await expect(app.getByTestId('user')).toHaveText('alice');
    await expect(app.getByTestId('service-dnd')).toHaveText('On');
    await expect(app.getByTestId('logged-in')).toHaveText(`Signed in as alice on ${wazo.url}`);
    await expect(app.getByTestId('account').getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(app.getByTestId('settings')).not.toHaveAttribute('open');
  });
});

test.describe('a direct bus out of reach', () => {
  // Following a user on a bus that cannot be reached (nobody followed, no bus is tried at all).
  test.use({ webArgs: ['--url', 'amqp://guest:guest@127.0.0.1:1/', '--user', randomUUID()] });

  test('says so in words, and gives the reason on demand, by keyboard', async ({ app }) => {
    const line = app.getByTestId('connection');
    await expect(line).toHaveText(/^Lost the connection to the bus — retrying (in \d+ s|now)$/);
    await expect(line).not.toContainText('ECONNREFUSED');
    // Why, in words chosen by the core's reason code (the text stays in the details).
    await expect(app.getByTestId('connection-why')).toHaveText(
      'The server cannot be reached: check its address and your network.',
    );
    const toggle = app.getByRole('button', { name: 'Details of the connection problem' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await tabTo(app, app.getByTestId('connection-details-toggle'));
    await app.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(app.getByTestId('connection-details')).toBeVisible();
    await expect(app.getByTestId('connection-details')).toContainText('ECONNREFUSED 127.0.0.1:1');
    await app.setViewportSize({ width: 360, height: 640 });
    await app.screenshot({ path: `${SHOTS}first-start-unreachable-360x640.png` });
  });
});
