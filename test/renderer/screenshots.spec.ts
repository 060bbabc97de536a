/**
 * Screenshots of the window's main states, light and dark. Saved under
 * test-results/ on every run; with UPDATE_SCREENSHOTS=1 they also replace the
 * README's pictures in test/renderer/screenshots/.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { publication, voicemailPublication } from '../../electron/core/sim/envelope.js';
import type { Page } from '@playwright/test';
import { sampleUser, startFakeWazo } from '../support/fake-wazo.js';
import { expect, test } from './fixtures.js';

const README_SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const NOW = new Date('2026-11-25T10:04:00Z');

test.use({ user: '2e752722-0864-4665-887d-a78a024cf7c7' });

for (const scheme of ['light', 'dark'] as const) {
  test(`main states, ${scheme}`, async ({ page, preview, publisher }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.clock.setFixedTime(NOW);
    await page.goto(preview.url);
    await expect(page.getByTestId('connection')).toHaveText(/^Connected to the bus at /);
    const me = preview.user;
    const o = (minutesAgo: number) => ({ userUuid: me, at: new Date(NOW.getTime() - minutesAgo * 60_000) });
    const call = (id: string, fields: Record<string, unknown>) => ({
      call_id: id,
      conversation_id: id,
      user_uuid: me,
      ...fields,
    });
    await publisher.publish(
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
      publication(
        'user_missed_call',
        {
          user_uuid: me,
          caller_id_name: 'Eve Martin',
          caller_id_number: '+33123456789',
          conversation_id: 'miss-1',
          reason: 'no-answer',
        },
        o(15),
      ),
      publication(
        'call_created',
        call('talk.1', {
          status: 'Up',
          direction: 'outbound',
          is_caller: true,
          peer_caller_id_name: 'Support line',
          peer_caller_id_number: '1800',
          creation_time: '2026-11-25T10:01:00Z',
          answer_time: '2026-11-25T10:01:30Z',
        }),
        o(3),
      ),
      publication('call_held', { call_id: 'talk.1', user_uuid: me }, o(2)),
      publication(
        'call_created',
        call('ring.1', {
          status: 'Ringing',
          direction: 'inbound',
          peer_caller_id_name: 'Alice Martin',
          peer_caller_id_number: '1001',
          creation_time: '2026-11-25T10:03:50Z',
        }),
        o(0),
      ),
    );
    await expect(page.getByTestId('toast').filter({ hasText: 'Incoming call' })).toBeVisible();
    await expect(page.getByTestId('on-hold')).toBeVisible();
    await expect(page.getByTestId('voicemail-unread')).toHaveText('2 unread');
    await saveShot(page, `window-${scheme}.png`);
  });
}

test('signed in to Wazo, with its controls', async ({ page, preview, publisher }) => {
  const fake = await startFakeWazo({ users: [sampleUser(preview.user)], echo: (p) => publisher.publish(p) });
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
