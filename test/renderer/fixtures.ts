/**
 * Playwright fixtures: a real `wazo-notifier web` (the built CLI, the real core,
 * the real RabbitMQ) for a fresh user (or for nobody, as on a first start), and
 * a publisher on the broker playing the Wazo server. Outside network is blocked
 * for the page.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_EXCHANGES, queueName } from '../../electron/core/bus/topology.js';
import { NO_USER, type BusMode } from '../../electron/shared/settings.js';
import { TestPublisher, deleteQueue } from '../support/broker.js';
import { sampleUser, startFakeWazo, type FakeWazo } from '../support/fake-wazo.js';
import { lineWhere, runCli, type CliRun } from '../support/cli.js';

interface Preview {
  url: string;
  user: string;
  installId: string;
  mode: BusMode;
  run: CliRun;
}

type Fixtures = {
  mode: BusMode;
  /**
   * The user followed; a fresh one per test unless a test fixes it. `null`
   * starts the preview without `--user`, as the desktop app's first start.
   */
  user: string | null | undefined;
  /** More flags for `web` (e.g. a bus URL of the test's own). */
  webArgs: string[];
  preview: Preview;
  publisher: TestPublisher;
  app: Page;
  /**
   * The fake Wazo with a sample user (a fresh uuid), its changes echoed by the
   * publisher, and its websocketd stand-in on the publisher's exchange: signed
   * in, the window follows the user over websocketd.
   */
  wazo: FakeWazo & { uuid: string };
};

export const test = base.extend<Fixtures>({
  mode: ['headers', { option: true }],
  user: [undefined, { option: true }],
  webArgs: [[], { option: true }],
  preview: async ({ mode, user: fixed, webArgs }, use) => {
    const user = fixed === null ? NO_USER : (fixed ?? randomUUID());
    const installId = `pw${randomBytes(5).toString('hex')}`;
    const who = fixed === null ? [] : ['--user', user];
    const run = runCli(['web', ...who, '--mode', mode, '--install-id', installId, ...webArgs]);
    try {
      const listening = await lineWhere(run, (l) => l.type === 'listening', 15_000, 'listening');
      // Following nobody, what the source says is the test's own business.
      if (fixed !== null) {
        await lineWhere(run, (l) => l.type === 'status' && l.status === 'connected', 15_000, 'connected');
      }
      await use({ url: String(listening.url), user, installId, mode, run });
    } finally {
      run.child.kill('SIGTERM');
      await run.exit;
      await deleteQueue(queueName(user, installId));
    }
  },
  publisher: async ({ mode }, use) => {
    const p = await TestPublisher.open(DEFAULT_EXCHANGES[mode], mode);
    await use(p);
    await p.close();
  },
  wazo: async ({ publisher, preview }, use) => {
    const uuid = randomUUID();
    const fake = await startFakeWazo({
      users: [sampleUser(uuid)],
      echo: (p) => publisher.publish(p),
      websocketd: { exchange: publisher.exchange, authCheckMs: 200 },
    });
    await use(Object.assign(fake, { uuid }));
    await fake.close();
    await deleteQueue(queueName(uuid, preview.installId));
  },
  app: async ({ page, preview }, use) => {
    // Only the preview server may be reached.
    await page.route('**/*', (route) =>
      route.request().url().startsWith('http://127.0.0.1:') ? route.continue() : route.abort(),
    );
    await page.goto(preview.url);
    await page.getByTestId('connection').waitFor();
    await use(page);
  },
});

/** Signs in as the sample user from the window's sign-in form (the `wazo` fixture's server). */
export async function signIn(page: Page, wazo: FakeWazo): Promise<void> {
  await page.getByLabel('Server').fill(wazo.url);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('pa55-word');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in (as `signIn`) and waits until the window follows the user's events. */
export async function signedIn(page: Page, wazo: FakeWazo): Promise<void> {
  await signIn(page, wazo);
  await expect(page.getByTestId('connection')).toHaveText(/^Connected to /);
}

/** The requests the fake Wazo received with this method and path, in order. */
export const sent = (wazo: FakeWazo, method: string, path: string) =>
  wazo.requests.filter((r) => r.method === method && r.path === path);

/** Opens the folded "Advanced: direct bus access" section, where the bus settings are. */
export async function openAdvanced(page: Page): Promise<void> {
  const summary = page.getByTestId('advanced-summary');
  await summary.click();
  await expect(page.getByTestId('settings')).toHaveAttribute('open', '');
}

export { expect } from '@playwright/test';
