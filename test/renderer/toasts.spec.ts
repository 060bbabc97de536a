/**
 * Toasts that never lie, in Chromium against the real core: a toast about a
 * call or a message goes when it is over, the newest state wins, a burst folds
 * into one line that opens the history, and the toasts' strip never covers a
 * control.
 */
import { missedCallPublication, SimCall } from '../../electron/sim/call-events.js';
import { publication, voicemailPublication } from '../../electron/sim/envelope.js';
import { expect, test } from './fixtures.js';

const ringingCall = (user: string, name: string, number: string) => {
  const call = new SimCall({ userUuid: user }, { peer: { name, number } });
  return { call, ringing: [call.created(), call.ringing()] };
};

test.describe('toasts', () => {
  test('an incoming-call toast goes when the call is answered, and when it ends', async ({
    app,
    preview,
    publisher,
  }) => {
    const me = preview.user;
    const first = ringingCall(me, 'Alice Martin', '1001');
    await publisher.publish(...first.ringing);
    const incoming = app.getByTestId('toast').filter({ hasText: 'Incoming call' });
    await expect(incoming).toContainText('Alice Martin (1001)');
    // Said once, urgently, from a region that was there before.
    await expect(app.getByTestId('toast-announce-urgent')).toHaveText('Incoming call: Alice Martin (1001)');
    await publisher.publish(...first.call.answered());
    await expect(app.getByTestId('call')).toContainText('Talking');
    await expect(incoming).toHaveCount(0);
    await expect(app.getByTestId('toast').filter({ hasText: 'Call answered' })).toHaveCount(1);
    await publisher.publish(first.call.ended(16));
    await expect(app.getByTestId('toast')).toHaveCount(0);

    const second = ringingCall(me, 'Bob Tremblay', '1003');
    await publisher.publish(...second.ringing);
    await expect(app.getByTestId('toast').filter({ hasText: 'Bob Tremblay' })).toHaveCount(1);
    await publisher.publish(second.call.ended(19), second.call.missed('no-answer'));
    await expect(app.getByTestId('toast').filter({ hasText: 'Incoming call' })).toHaveCount(0);
    await expect(app.getByTestId('toast').filter({ hasText: 'Missed call' })).toContainText('Bob Tremblay');
  });

  test('a new-voicemail toast goes when the message is read, or deleted', async ({ app, preview, publisher }) => {
    const origin = { userUuid: preview.user };
    const ts = Math.floor(Date.now() / 1000);
    const m = (id: string, name: string) => ({ id, name, number: '1004', duration: 12, timestamp: ts, folder: 'new' });
    const read = m(`${ts}-00000001`, 'Dana Lee');
    const gone = m(`${ts}-00000002`, 'Eve Adams');
    await publisher.publish(voicemailPublication('created', { ...read, folder: 'new' }, origin));
    const toast = app.getByTestId('toast').filter({ hasText: 'New voicemail' });
    await expect(toast).toContainText('Dana Lee');
    await publisher.publish(voicemailPublication('updated', { ...read, folder: 'old' }, origin));
    await expect(app.getByTestId('voicemail-unread')).toHaveText('0 unread');
    await expect(toast).toHaveCount(0);

    await publisher.publish(voicemailPublication('created', { ...gone, folder: 'new' }, origin));
    await expect(toast).toContainText('Eve Adams');
    await publisher.publish(voicemailPublication('deleted', { ...gone, folder: 'new' }, origin));
    await expect(toast).toHaveCount(0);
  });

  test('a burst folds into one line that opens the history; the newest state wins; nothing is lost', async ({
    app,
    preview,
    publisher,
  }) => {
    const me = preview.user;
    // Distinct times: identical bytes would be one message delivered twice.
    const dnd = Array.from({ length: 5 }, (_, i) =>
      publication(
        'users_services_dnd_updated',
        { user_uuid: me, enabled: i % 2 === 1 },
        { userUuid: me, at: new Date(Date.now() + i) },
      ),
    );
    const misses = ['Ann', 'Ben', 'Cid', 'Dee', 'Eli'].map((name, i) =>
      missedCallPublication({ userUuid: me }, { peer: { name, number: `10${i}` } }),
    );
    await publisher.publish(...dnd, ...misses);
    await expect(app.getByTestId('missed-count')).toHaveText('5 missed');
    await expect(app.getByTestId('service-dnd')).toHaveText('Off');
    await expect(app.getByTestId('toast')).toHaveCount(3);
    // Five misses and the DND's last state are live; three are shown.
    await expect(app.getByTestId('toast-more')).toHaveText('3 more notifications');
    await expect(app.getByTestId('toast').filter({ hasText: 'Do not disturb on' })).toHaveCount(0);

    await app.getByTestId('toast-more').click();
    const items = app.getByTestId('toast-history-item');
    await expect(items).toHaveCount(10);
    await expect(items.first()).toContainText('Eli');
    await expect(app.getByTestId('toast-history')).toContainText('Do not disturb off');
    await expect(app.getByTestId('toast-history-close')).toBeFocused();
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('toast-history')).toHaveCount(0);
    await expect(app.getByTestId('toast-more')).toBeFocused();
    // Opening the history discarded nothing.
    await expect(app.getByTestId('toast-more')).toHaveText('3 more notifications');
  });

  test('toasts are dismissed by mouse, and by Escape from anywhere, focus staying next to them', async ({
    app,
    preview,
    publisher,
  }) => {
    const me = preview.user;
    const misses = ['Ann', 'Ben', 'Cid'].map((name, i) =>
      missedCallPublication({ userUuid: me }, { peer: { name, number: `20${i}` } }),
    );
    await publisher.publish(...misses);
    await expect(app.getByTestId('toast')).toHaveCount(3);
    await app.getByRole('button', { name: 'Dismiss: Missed call' }).first().click();
    await expect(app.getByTestId('toast')).toHaveCount(2);
    // Focus went to the next toast's button, not to the page.
    await expect(app.getByTestId('toast-dismiss').first()).toBeFocused();
    // Escape with the focus far from the toasts: the newest goes, the focus stays put.
    await app.getByTestId('advanced-summary').focus();
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('toast')).toHaveCount(1);
    await expect(app.getByTestId('advanced-summary')).toBeFocused();
  });

  for (const size of [
    { width: 360, height: 640 },
    { width: 800, height: 600 },
    { width: 1280, height: 800 },
  ]) {
    test(`the toasts' strip covers no control at ${size.width}×${size.height}`, async ({ app, preview, publisher }) => {
      await app.setViewportSize(size);
      const me = preview.user;
      const misses = ['Ann', 'Ben', 'Cid', 'Dee'].map((name, i) =>
        missedCallPublication({ userUuid: me }, { peer: { name, number: `30${i}` } }),
      );
      await publisher.publish(...ringingCall(me, 'Alice Martin', '1001').ringing, ...misses);
      await expect(app.getByTestId('toast').first()).toBeVisible();
      await expect(app.getByTestId('toast')).toHaveCount(size.width <= 480 ? 1 : 3);
      const covered = await app.evaluate(() => {
        const strip = document.querySelector('[data-testid=toasts]')!.getBoundingClientRect();
        const hits: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>('button, input, select, summary, a[href]')) {
          if (el.closest('[data-testid=toasts]')) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          // What the user sees of it: clipped by the scrolling content box.
          const box = document.querySelector('[data-testid=content]')!.getBoundingClientRect();
          const top = Math.max(r.top, box.top);
          const bottom = Math.min(r.bottom, box.bottom);
          if (bottom <= top) continue;
          if (bottom > strip.top && top < strip.bottom) hits.push(el.outerHTML.slice(0, 80));
        }
        return hits;
      });
      expect(covered).toEqual([]);
    });
  }
});
