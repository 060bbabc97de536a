/**
 * The real desktop app, driven by Playwright's Electron support. It needs an
 * Electron binary, which cannot be downloaded on every machine: where it is
 * absent, the suite is skipped with the reason printed.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const binary = join(root, 'node_modules', 'electron', 'path.txt');
const reason =
  'no Electron binary here (node_modules/electron/path.txt is missing; run "npm run desktop" once to fetch it)';

test.describe('the desktop app', () => {
  test.skip(!existsSync(binary), reason);
  if (!existsSync(binary)) console.log(`skipped: ${reason}`);

  test('opens a sandboxed window with the notifier', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'wazo-desktop-'));
    const app = await electron.launch({ args: [root, `--user-data-dir=${profile}`], env: { ...process.env, CI: '1' } });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Wazo Notifier' })).toBeVisible();
      // No Node in the page, only the contract's bridge.
      const seen = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.keys((globalThis as { wazo?: object }).wazo ?? {}).sort(),
      }));
      expect(seen).toEqual({
        require: 'undefined',
        process: 'undefined',
        bridge: ['dismissToast', 'getSettings', 'getSnapshot', 'on', 'saveSettings'],
      });
    } finally {
      await app.close();
    }
  });
});
