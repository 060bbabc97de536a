/**
 * Playwright fixtures for the desktop suite, after element-desktop's
 * playwright/element-desktop-test.ts: each test gets the real app, launched on
 * a profile directory of its own, with its output captured (attached to the
 * report when the test fails); after the test the app is closed and the
 * profile and the queues of the users it followed are deleted, whatever the
 * test did.
 */
import { _electron as electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { queueName } from '../../electron/core/bus/topology.js';
import type { DesktopProbe } from '../../electron/main/probe.js';
import { BROKER_URL, deleteQueue } from '../support/broker.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Desktop {
  app: ElectronApplication;
  page: Page;
  profileDir: string;
  /** What the app shows outside its window (system notifications, the tray), from its probe (electron/main/probe.ts). */
  probe: () => Promise<DesktopProbe>;
  /** Points the app at the test broker for `user`, through its own settings form (folded under the sign-in). */
  follow: (user: string) => Promise<void>;
}

export const test = base.extend<{ desktop: Desktop }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: this one has none.
  // eslint-disable-next-line no-empty-pattern
  desktop: async ({}, use, testInfo) => {
    const profileDir = mkdtempSync(join(tmpdir(), 'wazo-desktop-'));
    const followed: string[] = [];
    const output: string[] = [];
    let app: ElectronApplication | undefined;
    try {
      app = await electron.launch({
        args: [root, `--user-data-dir=${profileDir}`],
        env: { ...process.env, CI: '1', WAZO_NOTIFIER_PROBE: '1' },
      });
      app.process().stdout?.on('data', (d: Buffer) => output.push(d.toString()));
      app.process().stderr?.on('data', (d: Buffer) => output.push(d.toString()));
      const running = app;
      const page = await running.firstWindow();
      await use({
        app: running,
        page,
        profileDir,
        probe: () => running.evaluate(() => globalThis.__wazoNotifierProbe!),
        follow: async (user) => {
          followed.push(user);
          await page.getByTestId('advanced-summary').click();
          await page.getByLabel('Bus URL').fill(BROKER_URL);
          await page.getByLabel('Mode', { exact: true }).selectOption('headers');
          await page.getByLabel('User UUID').fill(user);
          await page.getByRole('button', { name: 'Save' }).click();
          await expect(page.getByTestId('connection')).toHaveText(/^Connected to the bus at /, { timeout: 15_000 });
        },
      });
    } finally {
      await app?.close();
      if (testInfo.status !== testInfo.expectedStatus && output.length > 0) {
        await testInfo.attach('app output', { body: output.join(''), contentType: 'text/plain' });
      }
      if (followed.length > 0) {
        const profile = JSON.parse(readFileSync(join(profileDir, 'profile.json'), 'utf8')) as { installId: string };
        for (const user of followed) await deleteQueue(queueName(user, profile.installId));
      }
      rmSync(profileDir, { recursive: true, force: true });
    }
  },
});

export { expect };
