import { describe, expect, it } from 'vitest';
import { initialState } from '../../../electron/core/store/state.js';
import { trayMenu, type TrayMenuEntry } from '../../../electron/main/tray-state.js';
import { setupTray } from '../../../electron/main/tray.js';
import type { DesktopProbe } from '../../../electron/main/probe.js';

describe('tray menu', () => {
  const base = { ...initialState('u').snapshot, connection: { status: 'connected' as const } };
  const items = (m: TrayMenuEntry[]) => m.flatMap((e) => (e.kind === 'item' ? [e] : []));

  it('offers DND and the incall filter only once logged in, each set to the opposite of its state', () => {
    const out = items(trayMenu(base, true));
    expect(out.map((i) => i.label)).toEqual(['Hide', 'Connected', 'Do not disturb', 'Incoming call filter', 'Quit']);
    expect(out[2]).toMatchObject({ enabled: false, checked: false });
    const logged = {
      ...base,
      account: { username: 'alice', server: 'https://wazo.example.com', tenant_uuid: null },
      services: { dnd: { enabled: true }, incallfilter: null },
    };
    const menu = items(trayMenu(logged, false));
    expect(menu[0]!.label).toBe('Show');
    expect(menu[1]!.label).toBe('Do not disturb');
    expect(menu[2]).toMatchObject({
      label: 'Do not disturb',
      enabled: true,
      checked: true,
      action: { kind: 'set-service', service: 'dnd', enabled: false },
    });
    expect(menu[3]).toMatchObject({
      checked: false,
      action: { kind: 'set-service', service: 'incallfilter', enabled: true },
    });
  });

  it('is built into Electron’s tray, and a click on DND asks the core to change it', async () => {
    const asked: unknown[] = [];
    const templates: { label?: string; type?: string; click?: () => void }[][] = [];
    const service = {
      snapshot: {
        ...base,
        account: { username: 'alice', server: 'https://wazo.example.com', tenant_uuid: null },
        services: { dnd: { enabled: false }, incallfilter: { enabled: false } },
        voicemail: { unread: 1, messages: [] },
      },
      on: () => () => {},
      setService: async (r: unknown) => (asked.push(r), { ok: true as const }),
    };
    const recorded: { tooltip?: string; badge?: number } = {};
    class FakeTray {
      setImage() {}
      setToolTip(t: string) {
        recorded.tooltip = t;
      }
      setContextMenu() {}
      on() {}
    }
    const probe: DesktopProbe = { notifications: [], tray: null, menu: [] };
    setupTray(
      {
        Tray: FakeTray as never,
        Menu: { buildFromTemplate: (t: (typeof templates)[number]) => (templates.push(t), {}) } as never,
        nativeImage: { createFromBuffer: () => ({}) } as never,
      },
      {
        service: service as never,
        windowVisible: () => true,
        toggleWindow: () => {},
        quit: () => {},
        setBadgeCount: (n) => (recorded.badge = n),
        log: { info() {}, warn() {}, error() {} },
        probe,
      },
    );
    expect(recorded).toEqual({ tooltip: 'Wazo Notifier\n1 unread voicemail', badge: 1 });
    expect(probe.menu.find((m) => m.label === 'Do not disturb')).toEqual({
      label: 'Do not disturb',
      enabled: true,
      checked: false,
    });
    const dnd = templates[0]!.find((m) => m.label === 'Do not disturb')!;
    expect(dnd.type).toBe('checkbox');
    dnd.click!();
    await Promise.resolve();
    expect(asked).toEqual([{ service: 'dnd', enabled: true }]);
  });

  it('relabels Show/Hide when the window is shown or hidden, not only on a new snapshot', () => {
    const labels: string[] = [];
    class FakeTray {
      setImage() {}
      setToolTip() {}
      setContextMenu() {}
      on() {}
      isDestroyed() {
        return false;
      }
    }
    let visible = false;
    let onVisibility: () => void = () => {};
    setupTray(
      {
        Tray: FakeTray as never,
        Menu: {
          buildFromTemplate: (t: { label?: string }[]) => (labels.push(t[0]!.label!), {}),
        } as never,
        nativeImage: { createFromBuffer: () => ({}) } as never,
      },
      {
        service: { snapshot: base, on: () => () => {} } as never,
        windowVisible: () => visible,
        toggleWindow: () => {},
        quit: () => {},
        setBadgeCount: () => {},
        log: { info() {}, warn() {}, error() {} },
        onWindowVisibility: (fn) => (onVisibility = fn),
      },
    );
    visible = true;
    onVisibility();
    visible = false;
    onVisibility();
    expect(labels).toEqual(['Show', 'Hide', 'Show']);
  });
});
