/**
 * Playwright fixtures: a real `wazo-notifier web` (the built CLI, the real core,
 * the real RabbitMQ) for a fresh user, and a publisher on the broker playing
 * the Wazo server. Outside network is blocked for the page.
 */
import { test as base, type Page } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import type { BusMode } from '../../electron/core/bus/topology.js';
import { DEFAULT_EXCHANGES, queueName } from '../../electron/core/bus/topology.js';
import { TestPublisher, deleteQueue } from '../support/broker.js';
import { lineWhere, runCli, type CliRun } from '../support/cli.js';

export interface Preview {
  url: string;
  user: string;
  installId: string;
  mode: BusMode;
  run: CliRun;
}

type Fixtures = {
  mode: BusMode;
  /** The user followed; a fresh one per test unless a test fixes it. */
  user: string | undefined;
  preview: Preview;
  publisher: TestPublisher;
  app: Page;
};

export const test = base.extend<Fixtures>({
  mode: ['headers', { option: true }],
  user: [undefined, { option: true }],
  preview: async ({ mode, user: fixed }, use) => {
    const user = fixed ?? randomUUID();
    const installId = `pw${randomBytes(5).toString('hex')}`;
    const run = runCli(['web', '--user', user, '--mode', mode, '--install-id', installId]);
    try {
      const listening = await lineWhere(run, (l) => l.type === 'listening', 15_000, 'listening');
      await lineWhere(run, (l) => l.type === 'status' && l.status === 'connected', 15_000, 'connected');
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

export { expect } from '@playwright/test';
