import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The window: built into dist/renderer, loaded by Electron from the packaged
// files and served by `wazo-notifier web`. Relative asset paths let both hosts
// serve it under any prefix.
/**
 * The Content-Security-Policy as a meta tag in the built page, a second
 * line behind the one each host sends as a header (the preview server, the
 * app:// protocol). Only in builds: the dev server's page talks to the
 * preview's socket on another origin.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; media-src blob:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'";

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
