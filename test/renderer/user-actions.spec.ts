/**
 * The signed-in user's actions beyond calls (issue 12), end to end in
 * Chromium: the window → `wazo-notifier web` (the real core, the real
 * RabbitMQ) → the fake Wazo's confd, call-logd and dird, whose answers and
 * errors follow the documented contract.
 */
import type { Page } from '@playwright/test';
import type { FakeWazo } from '../support/fake-wazo.js';
import { expect, signIn, test } from './fixtures.js';

test.use({ user: null });

async function signedIn(app: Page, wazo: FakeWazo): Promise<void> {
  await signIn(app, wazo);
  await expect(app.getByTestId('connection')).toHaveText(/^Connected to /);
}

const sent = (wazo: FakeWazo, method: string, path: string) =>
  wazo.requests.filter((r) => r.method === method && r.path === path);

test('the header says who is signed in: name and extension from confd', async ({ app, wazo }) => {
  // Text from the server is text: markup in a name shows as typed.
  wazo.users[0]!.lastname = '<b>Martin</b>';
  await signedIn(app, wazo);
  await expect(app.getByTestId('me')).toHaveText('Alice <b>Martin</b>, extension 1001');
  await expect(app.getByTestId('user')).toHaveText('alice');
  expect(sent(wazo, 'GET', `/api/confd/1.1/users/${wazo.uuid}`)).toHaveLength(1);
  await expect(app.locator('header b')).toHaveCount(0);
});
