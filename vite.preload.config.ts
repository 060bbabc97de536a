import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The preload, bundled to one CommonJS file: a sandboxed preload can require
// nothing but electron and a few Node built-ins.
export default defineConfig({
  build: {
    outDir: 'dist/preload',
    // tsc type-checks the preload into the same folder; keep its output.
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    lib: {
      entry: fileURLToPath(new URL('./electron/preload/index.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'index.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
