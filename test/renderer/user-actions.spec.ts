/**
 * The signed-in user's actions beyond calls (issue 12), end to end in
 * Chromium: the window → `wazo-notifier web` (the real core, the real
 * RabbitMQ) → the fake Wazo's confd, call-logd and dird, whose answers and
 * errors follow the documented contract.
 */
import { missedCallPublication } from '../../electron/sim/call-events.js';
import { publication } from '../../electron/sim/envelope.js';
import { expect, sent, signedIn, test } from './fixtures.js';

test.use({ user: null });

test('the header says who is signed in: name and extension from confd', async ({ app, wazo }) => {
  // Text from the server is text: markup in a name shows as typed.
  wazo.users[0]!.lastname = '<b>Martin</b>';
  await signedIn(app, wazo);
  await expect(app.getByTestId('me')).toHaveText('Alice <b>Martin</b>, extension 1001');
  await expect(app.getByTestId('user')).toHaveText('alice');
  expect(sent(wazo, 'GET', `/api/confd/1.1/users/${wazo.uuid}`)).toHaveLength(1);
  await expect(app.locator('header b')).toHaveCount(0);
});

test.describe('missed calls from the history', () => {
  const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString().replace('Z', '+00:00');

  test('merges call-logd’s misses with the bus’s, once each; seen leaves the badge, Clear hides the seen', async ({
    app,
    wazo,
    publisher,
  }) => {
    const me = wazo.uuid;
    wazo.users[0]!.cdrs = [
      {
        id: 7,
        start: ago(20),
        end: ago(5),
        answered: false,
        source_name: 'Erin',
        source_extension: '1005',
        destination_user_uuid: me,
      },
      {
        id: 6,
        start: ago(3600),
        end: ago(3590),
        answered: false,
        source_name: 'Frank <i>F</i>',
        source_extension: '1006',
        destination_user_uuid: me,
      },
      {
        id: 5,
        start: ago(7200),
        end: ago(7100),
        answered: true,
        source_name: 'Gina',
        source_extension: '1007',
        destination_user_uuid: me,
      },
    ];
    await signedIn(app, wazo);
    const rows = app.getByTestId('missed-call');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('Frank <i>F</i> (1006)');
    // The bus reports Erin's miss too (as Wazo does when it happens): still one row.
    await publisher.publish(missedCallPublication({ userUuid: me }, { peer: { name: 'Erin', number: '1005' } }));
    await expect(app.getByTestId('missed-count')).toHaveText('2 missed');
    await expect(rows).toHaveCount(2);
    await expect(app.getByTestId('missed-unseen')).toHaveText('2 new');

    await app.getByRole('button', { name: 'Mark all seen' }).click();
    await expect(app.getByTestId('missed-unseen')).toHaveCount(0);
    // A new miss is new.
    await publisher.publish(missedCallPublication({ userUuid: me }, { peer: { name: 'Hugo', number: '1008' } }));
    await expect(app.getByTestId('missed-unseen')).toHaveText('1 new');
    await app.getByRole('button', { name: 'Clear seen' }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('Hugo');
  });

  test('without call-logd access, lists the bus’s misses and says so once', async ({ app, wazo, publisher }) => {
    wazo.users[0]!.callLogd = false;
    await signedIn(app, wazo);
    await expect(app.getByTestId('missed-history')).toHaveText(
      'Only the calls missed since the app started are listed: your Wazo user may not read the call history.',
    );
    await publisher.publish(missedCallPublication({ userUuid: wazo.uuid }, { peer: { name: 'Erin', number: '1005' } }));
    await expect(app.getByTestId('missed-call')).toHaveCount(1);
    await expect(app.getByTestId('sync')).toHaveCount(0);
  });
});

test('favorites show names and numbers from dird, call one and remove one', async ({ app, wazo }) => {
  wazo.users[0]!.favorites.push({ source: 'personal', source_entry_id: 'p-1' });
  await signedIn(app, wazo);
  const favorites = app.getByTestId('favorite');
  await expect(favorites).toHaveText([/Willy Wonka \(1604\)/, /Bobby <b>Tables<\/b> \(\+15145550199\)/]);
  await app.getByRole('button', { name: 'Call Willy Wonka (1604)' }).click();
  await expect(app.getByTestId('favorites-notice')).toHaveText(
    'Your phone rings first, then Willy Wonka (1604) is called when you pick up.',
  );
  expect(sent(wazo, 'POST', '/api/calld/1.0/users/me/calls').map((r) => JSON.parse(r.body) as unknown)).toEqual([
    { extension: '1604' },
  ]);
  await app.getByRole('button', { name: 'Remove Bobby <b>Tables</b> (+15145550199) from favorites' }).click();
  await expect(favorites).toHaveCount(1);
  expect(sent(wazo, 'DELETE', '/api/dird/0.1/directories/favorites/personal/p-1')).toHaveLength(1);
  await expect(app.getByTestId('favorites-error')).toHaveText('');
});

test('a favorite added elsewhere (the bus names only its source and id) shows its name at once', async ({
  app,
  wazo,
  publisher,
}) => {
  await signedIn(app, wazo);
  const favorites = app.getByTestId('favorite');
  await expect(favorites).toHaveText([/Willy Wonka \(1604\)/]);
  // Added from another device: dird lists it; the bus says which entry it is, nothing more.
  wazo.users[0]!.favorites.push({ source: 'personal', source_entry_id: 'p-1' });
  await publisher.publish(
    publication(
      'favorite_added',
      { xivo_uuid: 'x', user_uuid: wazo.uuid, source: 'personal', source_entry_id: 'p-1' },
      { userUuid: wazo.uuid },
    ),
  );
  await expect(favorites).toHaveText([/Willy Wonka/, /Bobby <b>Tables<\/b> \(\+15145550199\)/]);
  await expect(favorites.nth(1)).not.toContainText('personal');
  await expect(app.getByRole('button', { name: 'Call Bobby <b>Tables</b> (+15145550199)' })).toBeVisible();
});

test.describe('the directory search', () => {
  test('finds contacts as one types (debounced), calls one and adds another to the favorites', async ({
    app,
    wazo,
  }) => {
    await signedIn(app, wazo);
    const box = app.getByRole('searchbox', { name: 'Search the directory' });
    await box.pressSequentially('bob');
    const results = app.getByTestId('search-result');
    await expect(results).toHaveText([/Bob Tremblay \(1002\)/, /Bobby <b>Tables<\/b> \(\+15145550199\)/]);
    // One request for the word typed, not one per key.
    const lookups = wazo.requests.filter((r) => r.path === '/api/dird/0.1/directories/lookup/default');
    expect(lookups).toHaveLength(1);

    await app.getByRole('button', { name: 'Call Bob Tremblay (1002)' }).click();
    await expect(app.getByTestId('search-status')).toHaveText(
      'Your phone rings first, then Bob Tremblay (1002) is called when you pick up.',
    );
    await app.getByRole('button', { name: 'Add to favorites: Bobby <b>Tables</b> (+15145550199)' }).click();
    await expect(app.getByTestId('favorite')).toHaveText([/Willy Wonka/, /Bobby <b>Tables<\/b> \(\+15145550199\)/]);
    expect(sent(wazo, 'PUT', '/api/dird/0.1/directories/favorites/personal/p-1')).toHaveLength(1);
    // The result now offers the way out.
    await app.getByRole('button', { name: 'Remove Bobby <b>Tables</b> (+15145550199) from favorites' }).first().click();
    await expect(app.getByTestId('favorite')).toHaveCount(1);

    await box.fill('nobody');
    await expect(app.getByTestId('search-status')).toHaveText('No contact matches “nobody”.');
  });

  test('says in words why a search failed', async ({ app, wazo }) => {
    await signedIn(app, wazo);
    wazo.fault({
      match: 'GET /api/dird/0.1/directories/lookup/default',
      status: 503,
      body: { reason: ['dird is restarting'], timestamp: [1], status_code: 503 },
      times: 3,
    });
    await app.getByRole('searchbox', { name: 'Search the directory' }).fill('bob');
    await expect(app.getByTestId('search-error')).toHaveText(
      'The directory cannot be reached right now: try again in a moment.',
    );
    await app.getByRole('searchbox', { name: 'Search the directory' }).fill('carol');
    await expect(app.getByTestId('search-result')).toHaveText([/Carol Lefebvre \(1003\)/]);
    await expect(app.getByTestId('search-error')).toHaveText('');
  });
});

test('deletes a voicemail after a few seconds to undo it; undone, nothing is sent', async ({ app, wazo }) => {
  await signedIn(app, wazo);
  const messages = app.getByTestId('voicemail-message');
  await expect(messages).toHaveCount(2);
  const carol = '/api/calld/1.0/users/me/voicemails/messages/m-old';

  await app.getByRole('button', { name: 'Delete the message from Carol (1003)' }).click();
  await expect(messages).toHaveCount(1);
  await expect(app.getByTestId('voicemail-undo')).toContainText('Message from Carol (1003) deleted.');
  await app.getByRole('button', { name: 'Undo: keep the message from Carol (1003)' }).click();
  await expect(messages).toHaveCount(2);
  await expect(app.getByTestId('voicemail-undo')).toHaveCount(0);
  expect(sent(wazo, 'DELETE', carol)).toHaveLength(0);

  // An unread message waiting to be deleted no longer counts as unread; undone, it does again.
  await expect(app.getByTestId('voicemail-unread')).toHaveText('1 unread');
  await app.getByRole('button', { name: 'Delete the message from Bob (1002)' }).click();
  await expect(app.getByTestId('voicemail-unread')).toHaveText('0 unread');
  await app.getByRole('button', { name: 'Undo: keep the message from Bob (1002)' }).click();
  await expect(app.getByTestId('voicemail-unread')).toHaveText('1 unread');
  expect(sent(wazo, 'DELETE', '/api/calld/1.0/users/me/voicemails/messages/m-new')).toHaveLength(0);

  await app.getByRole('button', { name: 'Delete the message from Carol (1003)' }).click();
  await expect(messages).toHaveCount(1);
  // Once the undo time is up, the delete goes to calld, whose echo confirms it.
  await expect.poll(() => sent(wazo, 'DELETE', carol).length, { timeout: 15_000 }).toBe(1);
  await expect(app.getByTestId('voicemail-undo')).toHaveCount(0);
  await expect(messages).toHaveCount(1);
  await expect(app.getByTestId('voicemail-error')).toHaveText('');
});
