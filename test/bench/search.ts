/**
 * The window's directory search with 2,000 favorites (issue 12's figure:
 * results rendered ≤ 100 ms after the server answers). `wazo-notifier web`
 * (the built CLI, the real core) signed in to the fake Wazo, whose user has
 * 2,000 favorites in a 4,000-contact directory, events over its websocketd
 * stand-in on the real RabbitMQ; Chromium types searches of 1 to 50 results.
 * The figure is the page's own `wazo-search-render` measure: from the bridge's
 * answer to the frame after the results are in the DOM. Prints a line per
 * figure; not part of the test suite (timings on a shared machine are noisy).
 *
 *   npm run bench:search
 */
import { chromium } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { queueName } from '../../electron/core/bus/topology.js';
import { deleteQueue } from '../support/broker.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { lineWhere, runCli } from '../support/cli.js';
import { sampleUser, startFakeWazo } from '../support/fake-wazo.js';
import { percentile } from './stats.js';

const FAVORITES = 2_000;
const ROUNDS = 20;

async function main(): Promise<void> {
  const uuid = randomUUID();
  const directory = Array.from({ length: FAVORITES * 2 }, (_, i) => ({
    source: i % 2 ? 'personal' : 'auto_wazo_bench',
    id: String(i),
    firstname: `First${i}`,
    lastname: `Last${String(i).padStart(4, '0')}`,
    number: String(10_000 + i),
  }));
  const user = sampleUser(uuid);
  user.favorites = directory.slice(0, FAVORITES).map((c) => ({ source: c.source, source_entry_id: c.id }));
  const exchange = `bench-search-${randomUUID().slice(0, 8)}`;
  const fake = await startFakeWazo({ users: [user], directory, websocketd: { exchange } });
  const installId = `bs${randomUUID().slice(0, 8)}`;
  const cli = runCli(['web', '--install-id', installId]);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const listening = await lineWhere(cli, (l) => l.type === 'listening', 15_000, 'listening');
    const page = await browser.newPage();
    await page.goto(String(listening.url));
    const opened = Date.now();
    await page.getByLabel('Server').fill(fake.url);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('pa55-word');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('favorite').first().waitFor({ timeout: 30_000 });
    process.stdout.write(`signed in, ${FAVORITES} favorites listed (first 100 rendered): ${Date.now() - opened} ms\n`);
    const box = page.getByRole('searchbox', { name: 'Search the directory' });
    // Terms matching one contact (Last0037…) and hundreds, of which the first 50 are shown (Last0…Last9).
    const terms = Array.from({ length: ROUNDS }, (_, i) =>
      i % 2 ? `Last${String(i * 37).padStart(4, '0')}` : `Last${i % 10}`,
    );
    for (const [i, term] of terms.entries()) {
      await box.fill(term);
      await page.getByTestId('search-result').first().waitFor();
      await page.waitForFunction((n) => performance.getEntriesByName('wazo-search-render').length >= n, i + 1);
    }
    const ms = await page.evaluate(() => performance.getEntriesByName('wazo-search-render').map((e) => e.duration));
    const sorted = [...ms].sort((a, b) => a - b);
    const f = (x: number) => x.toFixed(1);
    process.stdout.write(
      `search results rendered after the server's answer (${sorted.length} searches, ${FAVORITES} favorites shown): ` +
        `p50 ${f(percentile(sorted, 50))} ms, p95 ${f(percentile(sorted, 95))} ms, max ${f(sorted.at(-1)!)} ms\n`,
    );
  } finally {
    await browser.close();
    cli.child.kill('SIGTERM');
    await cli.exit;
    await fake.close();
    await deleteQueue(queueName(uuid, installId)).catch(() => {});
  }
}

await main();
