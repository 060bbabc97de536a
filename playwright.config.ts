import { defineConfig } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium.js';

// Debian's Chromium, with the flags this machine's closed network needs; no browser is downloaded.
export default defineConfig({
  testMatch: '**/*.spec.ts',
  // One broker and one preview server per test: run them one after the other.
  workers: 1,
  fullyParallel: false,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/playwright',
  projects: [
    { name: 'window', testDir: 'test/renderer' },
    // Runs only where an Electron binary exists; skipped with the reason elsewhere.
    { name: 'desktop', testDir: 'test/electron' },
  ],
  use: {
    browserName: 'chromium',
    locale: 'en-US',
    colorScheme: 'light',
    viewport: { width: 1100, height: 760 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
});
