/**
 * Accessibility in Chromium: axe-core on each main state of the window (zero
 * violations), and the keyboard focus after each action staying on or next to
 * the control used.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { missedCallPublication, SimCall } from '../../electron/sim/call-events.js';
import { publication, voicemailPublication } from '../../electron/sim/envelope.js';
import type { TestPublisher } from '../support/broker.js';
import { specEvents } from '../support/spec-events.js';
import { expect, signIn, test } from './fixtures.js';

/** Runs axe on the whole page; the violations, summarised so that a failure says what and where. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  // For the closing note: how much axe looked at in this state.
  test.info().annotations.push({
    type: 'axe',
    description: `${results.passes.length} rules passed, ${results.incomplete.length} to review (${results.incomplete.map((i) => i.id).join(', ') || 'none'}), ${results.violations.length} violated`,
  });
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`),
  );
}

/** A lasting busy state: a call ringing, a held call, misses, voicemails, forwards, DND on, favorites, toasts. */
async function makeBusy(page: Page, publisher: TestPublisher, me: string): Promise<void> {
  const origin = { userUuid: me };
  const ringing = new SimCall(origin, { peer: { name: 'Alice Martin', number: '1001' } });
  const held = new SimCall(origin, { peer: { name: 'Bob Tremblay', number: '1003' } });
  const ts = Math.floor(Date.now() / 1000);
  const vm = (i: number, name: string) =>
    voicemailPublication(
      'created',
      { id: `${ts}-0000000${i}`, name, number: `100${i}`, duration: 20 + i, timestamp: ts - i * 3600, folder: 'new' },
      origin,
    );
  const spec = specEvents(me);
  const asServer = (name: string) => publication(name as never, spec[name]!.data as Record<string, unknown>, origin);
  const dnd = asServer('users_services_dnd_updated');
  const busyForward = asServer('users_forwards_busy_updated');
  const favorite = asServer('favorite_added');
  await publisher.publish(
    held.created(),
    held.ringing(),
    ...held.answered(),
    held.held(),
    ringing.created(),
    ringing.ringing(),
    ...['Carol Support', 'Dana Lee', 'Eve Adams'].map((name, i) =>
      missedCallPublication(origin, { peer: { name, number: `180${i}` } }),
    ),
    vm(1, 'Frank Ocean'),
    vm(2, 'Gina Lollo'),
    dnd,
    busyForward,
    favorite,
  );
  await expect(page.getByTestId('missed-call')).toHaveCount(3);
  await expect(page.getByTestId('on-hold')).toBeVisible();
  await expect(page.getByTestId('dnd-badge')).toBeVisible();
  await expect(page.getByTestId('toast').first()).toBeVisible();
}

test.describe('axe-core finds nothing', () => {
  test.describe('empty, first start', () => {
    test.use({ user: null });
    test('light', async ({ app }) => {
      await expect(app.getByTestId('sign-in')).toBeVisible();
      expect(await violations(app)).toEqual([]);
    });
  });

  test('empty, following a user', async ({ app }) => {
    await expect(app.getByTestId('settings')).toBeVisible();
    expect(await violations(app)).toEqual([]);
  });

  test('busy, light', async ({ app, preview, publisher }) => {
    await makeBusy(app, publisher, preview.user);
    expect(await violations(app)).toEqual([]);
  });

  test('logged in, light', async ({ app, wazo }) => {
    await signIn(app, wazo);
    await expect(app.getByTestId('voicemail-message')).toHaveCount(2);
    expect(await violations(app)).toEqual([]);
  });

  test.describe('dark', () => {
    test.use({ colorScheme: 'dark' });
    test('busy', async ({ app, preview, publisher }) => {
      await makeBusy(app, publisher, preview.user);
      expect(await violations(app)).toEqual([]);
    });
    test('logged in', async ({ app, wazo }) => {
      await signIn(app, wazo);
      await expect(app.getByTestId('voicemail-message')).toHaveCount(2);
      expect(await violations(app)).toEqual([]);
    });
  });

  test.describe('French', () => {
    test.use({ locale: 'fr-FR' });
    test('busy', async ({ app, preview, publisher }) => {
      await makeBusy(app, publisher, preview.user);
      expect(await violations(app)).toEqual([]);
    });
    test.describe('dark, logged in', () => {
      test.use({ colorScheme: 'dark' });
      test('logged in', async ({ app, wazo }) => {
        await app.getByLabel('Serveur').fill(wazo.url);
        await app.getByLabel('Identifiant').fill('alice');
        await app.getByLabel('Mot de passe').fill('pa55-word');
        await app.getByRole('button', { name: 'Se connecter' }).click();
        await expect(app.getByTestId('voicemail-message')).toHaveCount(2);
        expect(await violations(app)).toEqual([]);
      });
    });
  });

  test.describe('360 px', () => {
    test.use({ viewport: { width: 360, height: 640 } });
    test('busy, with the history open', async ({ app, preview, publisher }) => {
      await makeBusy(app, publisher, preview.user);
      await app.getByTestId('toast-more').click();
      await expect(app.getByTestId('toast-history')).toBeVisible();
      expect(await violations(app)).toEqual([]);
    });
  });
});

test.describe('the focus stays next to the control', () => {
  test('after signing in, toggling, marking read, deleting and signing out', async ({ app, wazo }) => {
    await app.getByLabel('Server').fill(wazo.url);
    await app.getByLabel('Username').fill('alice');
    await app.getByLabel('Password').fill('pa55-word');
    await app.getByLabel('Password').press('Enter');
    await expect(app.getByTestId('logged-in')).toBeVisible();
    // The form that held the focus is gone; the focus is in the account card, not on <body>.
    await expect.poll(() => app.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');

    await expect(app.getByTestId('service-dnd')).toHaveText('On');
    await expect(app.getByTestId('voicemail-message')).toHaveCount(2);
    const dnd = app.getByTestId('toggle-dnd');
    await dnd.focus();
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('service-dnd')).toHaveText('Off');
    await expect(dnd).toBeFocused();
    await expect(dnd).toHaveAccessibleName('Turn on Do not disturb');

    const busy = app.getByTestId('toggle-busy');
    await app.getByTestId('destination-busy').fill('1234');
    await busy.focus();
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('forward-busy')).toHaveText('On, to 1234');
    await expect(busy).toBeFocused();

    const bob = app.getByTestId('voicemail-message').filter({ hasText: 'Bob' });
    await bob.getByTestId('mark-read').focus();
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('voicemail-unread')).toHaveText('0 unread');
    // The button went with the unread state: the focus is on the next control of the same message.
    await expect(bob.getByTestId('delete')).toBeFocused();

    await app.keyboard.press('Enter');
    await expect(app.getByTestId('voicemail-message')).toHaveCount(1);
    // The message went: the focus is on the same button of the message that took its place.
    await expect(app.getByTestId('voicemail-message').getByTestId('delete')).toBeFocused();

    await app.getByTestId('logout').focus();
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('account').getByLabel('Server')).toBeFocused();
  });
});
