/**
 * Run after each component test (vitest.config.ts, the `components` project):
 * the rendered components unmounted, the real clock and globals back, so that
 * no test sees another's DOM, fake timers or stubs.
 */
import { cleanup } from '@testing-library/svelte';
import { afterEach, vi } from 'vitest';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
