/**
 * What the desktop app shows outside its window (system notifications, the
 * tray), recorded for its end-to-end tests: Playwright can read the main
 * process but not the OS's notification centre or tray. Installed only when
 * WAZO_NOTIFIER_PROBE=1; it records, it never changes what the app does.
 */
import type { TrayState } from './tray-state.js';

export interface DesktopProbe {
  notifications: { title: string; body: string; tag: string }[];
  tray: TrayState | null;
  /** The tray menu's labels, with their checked state where they have one. */
  menu: { label: string; checked?: boolean; enabled: boolean }[];
}

declare global {
  var __wazoNotifierProbe: DesktopProbe | undefined;
}

/** The probe, when the environment asks for one (made visible to Playwright's `app.evaluate`). */
export function probeFromEnv(env: NodeJS.ProcessEnv): DesktopProbe | undefined {
  if (env['WAZO_NOTIFIER_PROBE'] !== '1') return undefined;
  globalThis.__wazoNotifierProbe = { notifications: [], tray: null, menu: [] };
  return globalThis.__wazoNotifierProbe;
}
