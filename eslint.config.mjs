// One lint config for the whole repository (flat config): typescript-eslint's
// recommended rules on every TypeScript file, formatting left to prettier.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layering, kept by the linter rather than by habit: what each folder may import.
const ELECTRON = {
  name: 'electron',
  message:
    'core, shared, cli and the renderer run without Electron: import electron only under electron/main or electron/preload.',
};
const layer = (message, groups) => ({
  'no-restricted-imports': ['error', { paths: [ELECTRON], patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Everything outside the window runs on Node.
    ignores: ['renderer/**'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [ELECTRON] }],
    },
  },
  {
    // Typed rules for the app's Node code, where a promise nobody awaits or catches hides a failure
    // (a stop that does not wait, a rejection that goes unreported).
    files: ['electron/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The fake of Electron reads Electron's types (type-only), so that tsc catches drift.
    files: ['electron/main/**', 'electron/preload/**', 'test/support/fake-electron.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/shared/**'],
    rules: layer('shared is plain data and rules: no Node, no other layer', [
      'node:*',
      '**/core/**',
      '**/cli/**',
      '**/main/**',
      '**/preload/**',
      '**/renderer/**',
    ]),
  },
  {
    files: ['electron/core/**'],
    rules: layer(
      'the core knows no port or tool: not the CLI, the Electron shell, the window, the preview server, the profile file or the simulator',
      ['**/cli/**', '**/web/**', '**/profile/**', '**/sim/**', '**/main/**', '**/preload/**', '**/renderer/**'],
    ),
  },
  {
    // Listed again with the core's patterns: a later block's rule replaces the earlier one for these files.
    files: ['electron/core/wazo/**'],
    rules: layer(
      'the Wazo REST client talks to Wazo: the store and the services that drive it (service/wazo-sync.ts) are above it',
      [
        '**/store/**',
        '**/service/**',
        '**/cli/**',
        '**/web/**',
        '**/profile/**',
        '**/sim/**',
        '**/main/**',
        '**/preload/**',
        '**/renderer/**',
      ],
    ),
  },
  {
    files: ['electron/profile/**', 'electron/sim/**', 'electron/web/**'],
    rules: layer('an adapter or a tool of the core: not the CLI, the Electron shell or the window', [
      '**/cli/**',
      '**/main/**',
      '**/preload/**',
      '**/renderer/**',
    ]),
  },
  {
    files: ['electron/cli/**'],
    rules: layer('the CLI is a port of the core: not of the Electron shell or the window', [
      '**/main/**',
      '**/preload/**',
      '**/renderer/**',
    ]),
  },
  {
    files: ['renderer/**'],
    rules: layer('the renderer reads the core only through the contract in electron/shared', [
      'node:*',
      '**/electron/core/**',
      '**/electron/cli/**',
      '**/electron/main/**',
      '**/electron/preload/**',
    ]),
  },
  ...svelte.configs.recommended,
  {
    files: ['renderer/**/*.svelte', 'renderer/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  { files: ['renderer/**'], languageOptions: { globals: globals.browser } },
  prettier,
  ...svelte.configs.prettier,
);
