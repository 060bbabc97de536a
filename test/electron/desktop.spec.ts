/**
 * The real desktop app, driven by Playwright's Electron support, against the
 * real RabbitMQ and the fake Wazo. It needs an Electron binary, which cannot
 * be downloaded on every machine, and a display: where either is absent, the
 * suite is skipped with the reason printed. What the app shows outside its window (system
 * notifications, the tray) is read from its probe (electron/main/probe.ts).
 */
import { _electron as electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { queueName } from '../../electron/core/bus/topology.js';
import { SimCall } from '../../electron/sim/call-events.js';
import { voicemailPublication } from '../../electron/sim/envelope.js';
import type { DesktopProbe } from '../../electron/main/probe.js';
import { COMMAND_NAMES } from '../../electron/shared/channels.js';
import { BROKER_URL, TestPublisher, deleteExchange, deleteQueue } from '../support/broker.js';
import { electronSkipReason } from '../support/electron-runnable.js';
import { sampleUser, startFakeWazo } from '../support/fake-wazo.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const reason = electronSkipReason(join(root, 'node_modules', 'electron'));

interface Running {
  app: ElectronApplication;
  page: Page;
  profileDir: string;
  probe: () => Promise<DesktopProbe>;
}

async function launch(): Promise<Running> {
  const profileDir = mkdtempSync(join(tmpdir(), 'wazo-desktop-'));
  const app = await electron.launch({
    args: [root, `--user-data-dir=${profileDir}`],
    env: { ...process.env, CI: '1', WAZO_NOTIFIER_PROBE: '1' },
  });
  const page = await app.firstWindow();
  const probe = () => app.evaluate(() => globalThis.__wazoNotifierProbe!);
  return { app, page, profileDir, probe };
}

interface Fixtures {
  /** The test's own user. */
  user: string;
  /** The app on a profile folder of its own; after the test: closed, the user's queue deleted, the folder removed. */
  desktop: Running;
  /** A publisher on `wazo-headers`, as a current Wazo publishes. */
  publisher: TestPublisher;
}

const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  user: async ({}, use) => use(randomUUID()),
  desktop: async ({ user }, use) => {
    const r = await launch();
    try {
      await use(r);
    } finally {
      await r.app.close();
      const file = join(r.profileDir, 'profile.json');
      if (existsSync(file)) {
        const profile = JSON.parse(readFileSync(file, 'utf8')) as { installId: string };
        await deleteQueue(queueName(user, profile.installId));
      }
      rmSync(r.profileDir, { recursive: true, force: true });
    }
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  publisher: async ({}, use) => {
    const publisher = await TestPublisher.open('wazo-headers', 'headers');
    try {
      await use(publisher);
    } finally {
      await publisher.close();
    }
  },
});

/** Points the app at the test broker for `user`, through its own settings form (folded under the sign-in). */
async function follow(page: Page, user: string): Promise<void> {
  await page.getByTestId('advanced-summary').click();
  await page.getByLabel('Bus URL').fill(BROKER_URL);
  await page.getByLabel('Mode', { exact: true }).selectOption('headers');
  await page.getByLabel('User UUID').fill(user);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('connection')).toHaveText(/^Connected to the bus at /, { timeout: 15_000 });
}

test.describe('the desktop app', () => {
  test.skip(reason !== null, reason ?? '');
  if (reason !== null) console.log(`skipped: ${reason}`);

  test('opens a sandboxed window whose only reach is the contract’s bridge', async ({ desktop: r }) => {
    await expect(r.page.getByRole('heading', { name: 'Wazo Notifier' })).toBeVisible();
    const seen = await r.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as { wazo?: object }).wazo ?? {}).sort(),
    }));
    expect(seen).toEqual({ require: 'undefined', process: 'undefined', bridge: [...COMMAND_NAMES, 'on'].sort() });
    // Navigation away is denied.
    await r.page.evaluate(() => (window.location.href = 'https://example.com/'));
    await expect(r.page).toHaveURL(/^app:\/\/wazo\//);
  });

  test('shows the user’s events in the window, as system notifications and in the tray', async ({
    desktop: r,
    user,
    publisher,
  }) => {
    await follow(r.page, user);
    const ringing = new SimCall({ userUuid: user }, { peer: { name: 'Alice <b>Martin</b>', number: '1001' } });
    await publisher.publish(
      ringing.created(),
      ringing.ringing(),
      voicemailPublication(
        'created',
        { id: 'vm1', name: 'Bob', number: '1002', duration: 5, timestamp: Date.now() / 1000, folder: 'new' },
        { userUuid: user },
      ),
      new SimCall({ userUuid: randomUUID() }, { peer: { name: 'Mallory', number: '666' } }).ringing(),
    );
    await expect(r.page.getByTestId('toast').filter({ hasText: 'Incoming call' })).toContainText(
      'Alice <b>Martin</b> (1001)',
    );
    await expect.poll(async () => (await r.probe()).notifications.map((n) => n.title)).toContain('Incoming call');
    const probe = await r.probe();
    const call = probe.notifications.find((n) => n.title === 'Incoming call')!;
    // Linux notification servers render markup: the body is escaped there.
    expect(call.body).toBe(
      process.platform === 'linux' ? 'Alice &lt;b&gt;Martin&lt;/b&gt; (1001)' : 'Alice <b>Martin</b> (1001)',
    );
    await expect.poll(async () => (await r.probe()).tray?.tooltip).toContain('1 unread voicemail');
    expect((await r.probe()).tray?.icon).toBe('connected');
    // Without a Wazo login, DND cannot be changed from the tray.
    expect((await r.probe()).menu.find((m) => m.label === 'Do not disturb')).toMatchObject({ enabled: false });
  });

  test('opens on the sign-in; signed in, follows the user over websocketd, through a revoked token', async ({
    desktop: r,
    user: uuid,
  }) => {
    const exchange = `desktop-wsd-${randomUUID().slice(0, 8)}`;
    const publisher = await TestPublisher.open(exchange, 'headers');
    const fake = await startFakeWazo({ users: [sampleUser(uuid)], websocketd: { exchange, authCheckMs: 200 } });
    try {
      await expect(r.page.getByTestId('connection')).toHaveText('Not signed in');
      await r.page.getByLabel('Server').fill(fake.url);
      await r.page.getByLabel('Username').fill('alice');
      await r.page.getByLabel('Password').fill('pa55-word');
      await r.page.getByRole('button', { name: 'Sign in' }).click();
      const connected = `Connected to ${new URL(fake.url).host}`;
      await expect(r.page.getByTestId('connection')).toHaveText(connected, { timeout: 15_000 });
      fake.expireTokens('alice'); // websocketd closes 4003; the app renews and comes back
      await expect.poll(() => fake.websocketd!.sessions.length, { timeout: 15_000 }).toBe(1);
      await expect(r.page.getByTestId('connection')).toHaveText(connected, { timeout: 15_000 });
      const call = new SimCall({ userUuid: uuid }, { peer: { name: 'Bob Tremblay', number: '1003' } });
      await publisher.publish(call.created(), call.ringing());
      await expect
        .poll(async () => (await r.probe()).notifications.map((n) => n.body))
        .toContain('Bob Tremblay (1003)');
    } finally {
      await fake.close();
      await publisher.close();
      await deleteExchange(exchange);
    }
  });

  test('logs in to Wazo, reads the state, and offers DND in the tray', async ({
    desktop: r,
    user: uuid,
    publisher,
  }) => {
    const fake = await startFakeWazo({
      users: [sampleUser(uuid)],
      echo: (p) => publisher.publish(p),
      // Signed in, the events come over the server's websocketd, here a stand-in on the publisher's exchange.
      websocketd: { exchange: publisher.exchange },
    });
    try {
      await follow(r.page, uuid);
      await r.page.getByLabel('Server').fill(fake.url);
      await r.page.getByLabel('Username').fill('alice');
      await r.page.getByLabel('Password').fill('pa55-word');
      await r.page.getByRole('button', { name: 'Sign in' }).click();
      await expect(r.page.getByTestId('service-dnd')).toHaveText('On');
      await expect
        .poll(async () => (await r.probe()).menu.find((m) => m.label === 'Do not disturb'))
        .toMatchObject({ enabled: true, checked: true });
      expect((await r.probe()).tray?.icon).toBe('dnd');
      // Never the password. (Playwright starts Electron with --password-store=basic, so on Linux
      // the refresh token is refused here without the user's consent: its keeping is not tested.)
      expect(readFileSync(join(r.profileDir, 'profile.json'), 'utf8')).not.toContain('pa55-word');
    } finally {
      await fake.close();
    }
  });
});
