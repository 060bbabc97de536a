/**
 * Where the window opens and what closing it does. A remembered place is
 * used only while it is still on a display (a monitor unplugged since, or
 * another layout, would open the window off-screen). Closing hides to the
 * tray only where a tray is shown: stock GNOME shows no StatusNotifierItem,
 * so there closing minimises instead and the window stays reachable.
 */
import type { Rectangle } from 'electron';
import type { Bounds, WindowPlace } from './window-options.js';

/** How much of the window's title bar must be on a display's work area to be reachable (px). */
const MIN_VISIBLE = 48;

/**
 * The remembered bounds if enough of the window's top lands on a current
 * display's work area; else only its size, for the OS to place it.
 */
export function placeOnDisplays(bounds: Bounds | null, workAreas: readonly Rectangle[]): WindowPlace | null {
  if (!bounds) return null;
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: MIN_VISIBLE };
  const reachable = workAreas.some((area) => {
    const w = Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
    const h = Math.min(titleBar.y + titleBar.height, area.y + area.height) - Math.max(titleBar.y, area.y);
    return w >= MIN_VISIBLE && h >= MIN_VISIBLE / 2;
  });
  return reachable ? bounds : { width: bounds.width, height: bounds.height };
}

/** What closing the window does. */
export type CloseAction = 'hide' | 'minimize';

/** Desktops known to show StatusNotifierItem or XEmbed tray icons (XDG_CURRENT_DESKTOP names). */
const TRAY_DESKTOPS = [
  'kde',
  'xfce',
  'cinnamon',
  'x-cinnamon',
  'mate',
  'lxqt',
  'lxde',
  'unity',
  'budgie',
  'deepin',
  'pantheon',
  'ubuntu',
];

/**
 * 'hide' where a tray icon brings the window back (Windows, macOS and Linux
 * desktops with a tray; Ubuntu's GNOME ships the AppIndicator extension),
 * 'minimize' elsewhere (stock GNOME, unknown desktops).
 */
export function closeAction(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): CloseAction {
  if (platform !== 'linux') return 'hide';
  const desktops = (env['XDG_CURRENT_DESKTOP'] ?? '').toLowerCase().split(':');
  return desktops.some((d) => TRAY_DESKTOPS.includes(d)) ? 'hide' : 'minimize';
}
