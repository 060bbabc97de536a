import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/components/**'],
          environment: 'node',
        },
      },
      {
        // Svelte components in jsdom, with Svelte's browser build.
        plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) })],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'components',
          include: ['test/unit/components/**/*.test.ts'],
          environment: 'jsdom',
          // Unmounts, and brings back the real clock and globals, after each test.
          setupFiles: ['test/unit/components/setup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // One broker is shared by every file, and some tests kill connections: run files one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
