/**
 * The tray: its icon, tooltip, badge and menu follow the snapshot (at most
 * four times a second); the menu's model is `trayMenu`, tested without Electron.
 */
import type * as Electron from 'electron';
import type { NotifierService } from '../core/service/notifier-service.js';
import type { Logger } from '../core/logger.js';
import type { DesktopProbe } from './probe.js';
import { trayIconPng } from './tray-icons.js';
import { ENGLISH, type MainStrings } from './main-strings.js';
import { trayMenu, trayState, type TrayAction, type TrayIcon } from './tray-state.js';

export interface TrayDeps {
  service: NotifierService;
  windowVisible: () => boolean;
  toggleWindow: () => void;
  quit: () => void;
  setBadgeCount: (n: number) => void;
  log: Logger;
  probe?: DesktopProbe | undefined;
  /** The tray's language (English by default). */
  strings?: MainStrings;
  /**
   * Subscribes to the window being shown or hidden: the menu's Show/Hide label
   * must follow the window, not only the snapshot.
   */
  onWindowVisibility?: (listener: () => void) => void;
}

/** Builds the tray and keeps its icon, tooltip, badge and menu up to date. */
export function setupTray(e: Pick<typeof Electron, 'Tray' | 'Menu' | 'nativeImage'>, deps: TrayDeps): Electron.Tray {
  const icon = (state: TrayIcon) => e.nativeImage.createFromBuffer(trayIconPng(state, 32), { scaleFactor: 2 });
  const tray = new e.Tray(icon('offline'));
  const run = (action: TrayAction): void => {
    if (action.kind === 'toggle-window') deps.toggleWindow();
    else if (action.kind === 'quit') deps.quit();
    else {
      void deps.service.setService({ service: action.service, enabled: action.enabled }).then((r) => {
        if (!r.ok) deps.log.warn(r.error);
      });
    }
  };
  const refresh = (): void => {
    const snapshot = deps.service.snapshot;
    const s = trayState(snapshot, deps.strings ?? ENGLISH);
    const menu = trayMenu(snapshot, deps.windowVisible(), deps.strings ?? ENGLISH);
    tray.setImage(icon(s.icon));
    tray.setToolTip(s.tooltip);
    deps.setBadgeCount(s.badge);
    tray.setContextMenu(
      e.Menu.buildFromTemplate(
        menu.map((m): Electron.MenuItemConstructorOptions => {
          if (m.kind === 'separator') return { type: 'separator' };
          const { action } = m;
          return {
            label: m.label,
            enabled: m.enabled,
            ...(m.checked === undefined ? {} : { type: 'checkbox', checked: m.checked }),
            ...(action ? { click: () => run(action) } : {}),
          };
        }),
      ),
    );
    if (deps.probe) {
      deps.probe.tray = s;
      deps.probe.menu = menu.flatMap((m) =>
        m.kind === 'item'
          ? [{ label: m.label, enabled: m.enabled, ...(m.checked === undefined ? {} : { checked: m.checked }) }]
          : [],
      );
    }
  };
  let timer: NodeJS.Timeout | undefined;
  deps.service.on('state', () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      refresh();
    }, 250);
  });
  deps.onWindowVisibility?.(() => {
    if (!tray.isDestroyed()) refresh();
  });
  refresh();
  return tray;
}
