import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { windowCsp } from './electron/shared/csp.js';

/**
 * The Content-Security-Policy as a meta tag in the built page, a second
 * line behind the one each host sends as a header (the preview server, the
 * app:// protocol). Only in builds: the dev server's page talks to the
 * preview's socket on another origin.
 */
const CSP = windowCsp("'self'", { meta: true });

// The window: built into dist/renderer, loaded by Electron from the packaged
// files and served by `wazo-notifier web`. Relative asset paths let both hosts
// serve it under any prefix.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) }),
    {
      name: 'csp-meta',
      apply: 'build',
      transformIndexHtml: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
      ],
    },
  ],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or styles: the strict Content-Security-Policy allows neither.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
