/**
 * The layout at the three sizes the window lives at (the tray pop-over, a small
 * and a common desktop window), in English and French: nothing clipped, nothing
 * past its card's edge, long names cut with an ellipsis and given whole in their
 * title — except a ringing call's caller, in its row and its toast, which wraps
 * so that the number is read whole — and at 360 px one column with calls,
 * missed calls and voicemail first.
 */
import type { Page } from '@playwright/test';
import { missedCallPublication, SimCall } from '../../electron/sim/call-events.js';
import type { TestPublisher } from '../support/broker.js';
import { expect, test } from './fixtures.js';

const SIZES = [
  { width: 360, height: 640 },
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
];

const LONG_NAME = 'Maximilian Alexander Montgomery-Featherstonehaugh de la Rochefoucauld';
const LONG_NUMBER = '+33 1 23 45 67 89 00 11 22 33 44';

/** What is clipped or past its card, and ellipsized text without its whole in a title. */
function problems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const content = document.querySelector('[data-testid=content]')!;
    if (content.scrollWidth > content.clientWidth + 1) found.push('the content scrolls sideways');
    for (const el of document.querySelectorAll<HTMLElement>('.shell *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('[hidden], .visually-hidden')) continue;
      // The content of a closed <details> is not shown (Chromium skips its layout, so its boxes are not
      // where they would be): only its summary is there to be clipped.
      const folded = el.closest('details:not([open])');
      if (folded && !el.closest('summary')) continue;
      const style = getComputedStyle(el);
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (!scrolls && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
        if (style.textOverflow === 'ellipsis') {
          if (el.title !== (el.textContent ?? '').trim()) found.push(`cut without its whole text: ${name(el)}`);
        } else if (!['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) {
          found.push(`clipped (${el.scrollWidth} > ${el.clientWidth}): ${name(el)}`);
        }
      }
      const card = el.parentElement?.closest('.card');
      if (card) {
        const c = card.getBoundingClientRect();
        if (r.right > c.right + 0.5 || r.left < c.left - 0.5) found.push(`past its card's edge: ${name(el)}`);
      }
    }
    return found;
  });
}

async function busy(page: Page, publisher: TestPublisher, me: string) {
  const origin = { userUuid: me };
  const call = new SimCall(origin, { peer: { name: LONG_NAME, number: LONG_NUMBER } });
  await publisher.publish(
    call.created(),
    call.ringing(),
    missedCallPublication(origin, { peer: { name: LONG_NAME, number: LONG_NUMBER } }),
  );
  await expect(page.getByTestId('missed-call')).toHaveCount(1);
  await expect(page.getByTestId('call')).toHaveCount(1);
}

for (const locale of ['en-US', 'fr-FR']) {
  test.describe(`layout, ${locale}`, () => {
    test.use({ locale });
    for (const size of SIZES) {
      test(`busy with long names at ${size.width}×${size.height}`, async ({ app, preview, publisher }) => {
        await app.setViewportSize(size);
        await busy(app, publisher, preview.user);
        const who = app.getByTestId('missed-call').locator('.who');
        await expect(who).toHaveAttribute('title', `${LONG_NAME} (${LONG_NUMBER})`);
        expect(await problems(app)).toEqual([]);
        if (size.width === 360) {
          const order = await app
            .locator('main.grid > *')
            .evaluateAll((els) =>
              els.map((e) => [e.getAttribute('data-testid'), Math.round(e.getBoundingClientRect().left)]),
            );
          expect(order.slice(0, 3).map(([id]) => id)).toEqual(['calls', 'missed', 'voicemail']);
          // One column: every card starts at the same left edge.
          expect(new Set(order.map(([, left]) => left)).size).toBe(1);
        }
      });

      test(`a ringing call's caller whole, number included, in its row and its toast, at ${size.width}×${size.height}`, async ({
        app,
        preview,
        publisher,
      }) => {
        await app.setViewportSize(size);
        const call = new SimCall(
          { userUuid: preview.user },
          { peer: { name: 'Alice Martin-Beauregard', number: '+33612345678' } },
        );
        await publisher.publish(call.created(), call.ringing());
        const shown = [app.getByTestId('call').locator('.who'), app.getByTestId('toast').locator('.toast-body')];
        for (const el of shown) {
          await expect(el).toHaveText('Alice Martin-Beauregard (+33612345678)');
          const whole = await el.evaluate(
            (e) => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1,
          );
          expect(whole).toBe(true);
        }
        expect(await problems(app)).toEqual([]);
      });

      test(`signed in, the forwards' buttons whole, at ${size.width}×${size.height}`, async ({ app, wazo }) => {
        await app.setViewportSize(size);
        await app.locator('input[name=server]').fill(wazo.url);
        await app.locator('input[name=username]').fill('alice');
        await app.locator('input[name=password]').fill('pa55-word');
        await app.locator('[data-testid=login-form] button[type=submit]').click();
        await expect(app.getByTestId('toggle-busy')).toBeVisible();
        await expect(app.getByTestId('voicemail-message')).toHaveCount(2);
        expect(await problems(app)).toEqual([]);
      });
    }
  });
}
