/**
 * Screenshots of the window's main states, light and dark, at a desktop size
 * (1280×800) and the tray pop-over's (360×640). Saved under
 * test-results/ on every run; with UPDATE_SCREENSHOTS=1 they also replace the
 * README's pictures in test/renderer/screenshots/.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { missedCallPublication, SimCall } from '../../electron/sim/call-events.js';
import { publication, voicemailPublication } from '../../electron/sim/envelope.js';
import type { Page } from '@playwright/test';
import { sampleUser, startFakeWazo } from '../support/fake-wazo.js';
import { expect, test } from './fixtures.js';

const README_SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const NOW = new Date('2026-11-25T10:04:00Z');

test.use({ user: '2e752722-0864-4665-887d-a78a024cf7c7', viewport: { width: 1280, height: 800 } });

const SHOTS_OF_STATES = [
  { scheme: 'light', size: { width: 1280, height: 800 }, file: 'window-light.png' },
  { scheme: 'dark', size: { width: 1280, height: 800 }, file: 'window-dark.png' },
  { scheme: 'light', size: { width: 360, height: 640 }, file: 'window-compact.png' },
] as const;

for (const { scheme, size, file } of SHOTS_OF_STATES) {
  test(`main states, ${scheme}, ${size.width}×${size.height}`, async ({ page, preview, publisher }) => {
    await page.setViewportSize(size);
    await page.emulateMedia({ colorScheme: scheme });
    await page.clock.setFixedTime(NOW);
    await page.goto(preview.url);
    await expect(page.getByTestId('connection')).toHaveText(/^Connected to the bus at /);
    const me = preview.user;
    const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
    const o = (minutesAgo: number) => ({ userUuid: me, at: ago(minutesAgo) });
    const talk = new SimCall(
      { userUuid: me },
      { callId: 'talk.1', peer: { name: 'Support line', number: '1800' }, outgoing: true },
    );
    const ring = new SimCall({ userUuid: me }, { callId: 'ring.1', peer: { name: 'Alice Martin', number: '1001' } });
    // The window's clock is NOW; the core's is the real one. The call events come first: from their
    // zone-less stamps against their own zoned times the core learns the server's clock, so that
    // the older events after them keep their own times (the missed call's time shows).
    await publisher.publish(
      talk.created(ago(3)),
      talk.ringing(ago(3)),
      ...talk.answered(ago(2.5)),
      talk.held(ago(2)),
      publication('users_forwards_busy_updated', { user_uuid: me, enabled: true, destination: '1003' }, o(30)),
      publication('users_forwards_unconditional_updated', { user_uuid: me, enabled: false, destination: null }, o(30)),
      publication('users_services_dnd_updated', { user_uuid: me, enabled: false }, o(30)),
      publication('favorite_added', { user_uuid: me, source: 'internal', source_entry_id: 42 }, o(30)),
      ...(
        [
          ['Dana Lee', '1003', 'new', 95, 1],
          ['Bob Tremblay', '+15145550123', 'urgent', 42, 2],
          ['Carol Support', '1800', 'old', 12, 3],
        ] as const
      ).map(([name, number, folder, duration, i]) =>
        voicemailPublication(
          'created',
          { id: `vm-${i}`, name, number, duration, timestamp: NOW.getTime() / 1000 - i * 3600, folder },
          o(20),
        ),
      ),
      missedCallPublication(o(15), {
        peer: { name: 'Eve Martin', number: '+33123456789' },
        conversationId: 'miss-1',
        reason: 'no-answer',
      }),
      ring.created(ago(10 / 60)),
      ring.ringing(ago(0)),
    );
    await expect(page.getByTestId('toast').filter({ hasText: 'Incoming call' })).toBeVisible();
    await expect(page.getByTestId('on-hold')).toBeVisible();
    await expect(page.getByTestId('voicemail-unread')).toHaveText('2 unread');
    // Drained long after it happened (the core's clock is days past NOW), the miss keeps its own time.
    await expect(page.getByTestId('missed-call').locator('time')).toHaveAttribute('datetime', ago(15).toISOString());
    await saveShot(page, file);
  });
}

test('signed in to Wazo, with its controls', async ({ page, preview, publisher }) => {
  const fake = await startFakeWazo({
    users: [sampleUser(preview.user)],
    echo: (p) => publisher.publish(p),
    // Signed in, the events come over the server's websocketd, here a stand-in on the publisher's exchange.
    websocketd: { exchange: publisher.exchange },
  });
  try {
    await page.clock.setFixedTime(NOW);
    await page.goto(preview.url);
    await page.getByLabel('Server').fill(fake.url);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('pa55-word');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('service-dnd')).toHaveText('On');
    await expect(page.getByTestId('voicemail-unread')).toHaveText('1 unread');
    await saveShot(page, 'window-logged-in.png');
  } finally {
    await fake.close();
  }
});

test.describe('the first start', () => {
  test.use({ user: null });
  test('opens on the Wazo sign-in', async ({ page, preview }) => {
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { name: 'Sign in to Wazo' })).toBeVisible();
    await saveShot(page, 'window-sign-in.png');
  });
});

async function saveShot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}${file}`, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(README_SHOTS, { recursive: true });
    copyFileSync(`${SHOTS}${file}`, `${README_SHOTS}${file}`);
  }
}
