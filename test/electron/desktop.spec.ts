/**
 * The real desktop app, driven by Playwright's Electron support, against the
 * real RabbitMQ and the fake Wazo. It needs an Electron binary, which cannot
 * be downloaded on every machine, and a display: where either is absent, the
 * suite is skipped with the reason printed. What the app shows outside its window (system
 * notifications, the tray) is read from its probe (electron/main/probe.ts).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimCall } from '../../electron/sim/call-events.js';
import { voicemailPublication } from '../../electron/sim/envelope.js';
import { COMMAND_NAMES } from '../../electron/shared/channels.js';
import { TestPublisher, deleteExchange } from '../support/broker.js';
import { electronSkipReason } from '../support/electron-runnable.js';
import { sampleUser, startFakeWazo } from '../support/fake-wazo.js';
import { expect, root, test } from './fixtures.js';

const reason = electronSkipReason(join(root, 'node_modules', 'electron'));

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

  test('shows the user’s events in the window, as system notifications and in the tray', async ({ desktop: r }) => {
    const user = randomUUID();
    const publisher = await TestPublisher.open('wazo-headers', 'headers');
    try {
      await r.follow(user);
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
    } finally {
      await publisher.close();
    }
  });

  test('opens on the sign-in; signed in, follows the user over websocketd, through a revoked token', async ({
    desktop: r,
  }) => {
    const uuid = randomUUID();
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

  test('logs in to Wazo, reads the state, and offers DND in the tray', async ({ desktop: r }) => {
    const uuid = randomUUID();
    const publisher = await TestPublisher.open('wazo-headers', 'headers');
    const fake = await startFakeWazo({
      users: [sampleUser(uuid)],
      echo: (p) => publisher.publish(p),
      // Signed in, the events come over the server's websocketd, here a stand-in on the publisher's exchange.
      websocketd: { exchange: publisher.exchange },
    });
    try {
      await r.follow(uuid);
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
      await publisher.close();
    }
  });
});
