/**
 * Call actions end to end in Chromium: the window → `wazo-notifier web` (the
 * real core) → the fake Wazo's calld, whose answers and errors follow the
 * documented contract, and whose changes come back as call events over its
 * websocketd stand-in (the real RabbitMQ), as a real server's do.
 */
import { missedCallPublication, SimCall } from '../../electron/sim/call-events.js';
import type { TestPublisher } from '../support/broker.js';
import type { FakeWazo } from '../support/fake-wazo.js';
import { expect, sent, signedIn, test } from './fixtures.js';

test.use({ user: null });

/** Bob (1002) calls the signed-in user: calld knows the call it announces, ringing on the user's phone. */
async function bobCalls(wazo: FakeWazo & { uuid: string }, publisher: TestPublisher): Promise<SimCall> {
  const call = new SimCall({ userUuid: wazo.uuid }, { peer: { name: 'Bob Tremblay', number: '1002' } });
  wazo.users[0]!.calls.push({
    call_id: call.callId,
    user_uuid: wazo.uuid,
    status: 'Ringing',
    conversation_id: call.conversationId,
    peer_caller_id_name: 'Bob Tremblay',
    peer_caller_id_number: '1002',
  });
  await publisher.publish(call.created(), call.ringing());
  return call;
}

test.describe('call actions from the window', () => {
  test('answers a ringing call (after saying why the phone could not), then hangs it up', async ({
    app,
    wazo,
    publisher,
  }) => {
    await signedIn(app, wazo);
    const call = await bobCalls(wazo, publisher);
    const answer = app.getByRole('button', { name: 'Answer the call from Bob Tremblay (1002)' });
    await expect(answer).toBeVisible();

    wazo.users[0]!.phone = { phoned: false };
    await answer.click();
    await expect(app.getByTestId('calls-error')).toHaveText(
      'Your phone does not support answering from here: answer on the phone itself.',
    );

    wazo.users[0]!.phone = {};
    // Keyboard-accessible: focused and pressed like any button.
    await answer.focus();
    await app.keyboard.press('Enter');
    // The answer calld's phone gives comes back as call events.
    const row = app.getByTestId('call').filter({ hasText: 'Bob Tremblay' });
    await expect(row).toContainText('Talking');
    await expect(app.getByTestId('calls-error')).toHaveText('');
    const path = `/api/calld/1.0/users/me/calls/${call.callId}`;
    expect(sent(wazo, 'PUT', `${path}/answer`)).toHaveLength(2);

    await app.getByRole('button', { name: 'Hang up the call with Bob Tremblay (1002)' }).click();
    await expect(row).toHaveCount(0);
    expect(sent(wazo, 'DELETE', path)).toHaveLength(1);
    await expect(app.getByTestId('calls-error')).toHaveText('');
  });

  test('a call declined from the window is not a missed call, whatever Wazo reports after', async ({
    app,
    wazo,
    publisher,
  }) => {
    await signedIn(app, wazo);
    const call = await bobCalls(wazo, publisher);
    await app.getByRole('button', { name: 'Decline the call from Bob Tremblay (1002)' }).click();
    // calld ends it (its echo, call_ended, comes over the bus) ...
    await expect(app.getByTestId('call').filter({ hasText: 'Bob Tremblay' })).toHaveCount(0);
    expect(sent(wazo, 'DELETE', `/api/calld/1.0/users/me/calls/${call.callId}`)).toHaveLength(1);
    // ... and Wazo may still report it as missed, as it does for any unanswered call.
    await publisher.publish(call.missed('no-answer'));
    // A later miss shows the list is live: only that one is listed, and only it toasts.
    await publisher.publish(missedCallPublication({ userUuid: wazo.uuid }, { peer: { name: 'Erin', number: '1005' } }));
    await expect(app.getByTestId('missed-call')).toHaveText([/Erin \(1005\)/]);
    await expect(app.getByTestId('toast').filter({ hasText: 'Missed call' })).toHaveText([/Erin/]);
    await expect(app.getByTestId('calls-error')).toHaveText('');
  });

  test('calls a missed caller back, saying the phone rings first, and says why it could not', async ({
    app,
    wazo,
    publisher,
  }) => {
    await signedIn(app, wazo);
    await publisher.publish(missedCallPublication({ userUuid: wazo.uuid }, { peer: { name: 'Erin', number: '1005' } }));
    const callBack = app.getByTestId('missed').getByRole('button', { name: 'Call back Erin (1005)' });
    await callBack.click();
    await expect(app.getByTestId('missed-notice')).toHaveText(
      'Your phone rings first, then Erin (1005) is called when you pick up.',
    );
    const posts = sent(wazo, 'POST', '/api/calld/1.0/users/me/calls');
    expect(posts.map((p) => JSON.parse(p.body) as unknown)).toEqual([{ extension: '1005' }]);
    // calld announces the new call on the user's phone.
    await expect(app.getByTestId('call').filter({ hasText: '1005' })).toContainText('Setting up');

    wazo.users[0]!.phone = { dialable: ['1002'] };
    await callBack.click();
    await expect(app.getByTestId('missed-error')).toHaveText('This number cannot be called from your line.');
    await expect(app.getByTestId('missed-notice')).toHaveText('');

    // A voicemail's caller too.
    wazo.users[0]!.phone = {};
    await app.getByTestId('voicemail').getByRole('button', { name: 'Call back Bob (1002)' }).click();
    await expect(app.getByTestId('voicemail-notice')).toHaveText(
      'Your phone rings first, then Bob (1002) is called when you pick up.',
    );
  });
});

test('plays a voicemail fetched by the core, one at a time, without marking it read', async ({ app, wazo }) => {
  await signedIn(app, wazo);
  await expect(app.getByTestId('voicemail-unread')).toHaveText('1 unread');
  await app.getByRole('button', { name: 'Play the message from Bob (1002)' }).click();
  const pause = app.getByRole('button', { name: 'Pause the message from Bob (1002)' });
  await expect(pause).toBeVisible();
  expect(sent(wazo, 'GET', '/api/calld/1.0/users/me/voicemails/messages/m-new/recording')).toHaveLength(1);
  // The token never reaches the page: the core fetched the file, the page plays bytes.
  const token = [...wazo.tokens.keys()].at(-1)!;
  expect(await app.content()).not.toContain(token);

  // Another message stops the first.
  await app.getByRole('button', { name: 'Play the message from Carol (1003)' }).click();
  await expect(app.getByRole('button', { name: 'Pause the message from Carol (1003)' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Play the message from Bob (1002)' })).toBeVisible();
  await app.getByRole('button', { name: 'Pause the message from Carol (1003)' }).click();
  await expect(app.getByRole('button', { name: 'Play the message from Carol (1003)' })).toBeVisible();

  await expect(app.getByTestId('voicemail-unread')).toHaveText('1 unread');
  expect(sent(wazo, 'PUT', '/api/calld/1.0/users/me/voicemails/messages/m-new')).toHaveLength(0);
  await expect(app.getByTestId('voicemail-error')).toHaveText('');
});
