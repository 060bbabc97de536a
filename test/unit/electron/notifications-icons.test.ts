import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NotificationPolicy } from '../../../electron/core/notify/notification-policy.js';
import { initialState } from '../../../electron/core/store/state.js';
import { escapeMarkup, notificationFor, setupNotifications } from '../../../electron/main/notifications.js';
import type { DesktopProbe } from '../../../electron/main/probe.js';
import type { Toast } from '../../../electron/shared/toast.js';
import { trayIconPng } from '../../../electron/main/tray-icons.js';

describe('system notifications, shown', () => {
  it('shows what the policy decides, one per call, and a click opens the window on the item', () => {
    const made: FakeNotification[] = [];
    class FakeNotification {
      static isSupported = () => true;
      handlers: Record<string, () => void> = {};
      shown = false;
      closed = false;
      constructor(readonly options: { title?: string; body?: string }) {
        made.push(this);
      }
      on(event: string, h: () => void) {
        this.handlers[event] = h;
      }
      show() {
        this.shown = true;
      }
      close() {
        this.closed = true;
        this.handlers.close?.();
      }
    }
    let emit: (t: Toast) => void = () => {};
    const focused: string[] = [];
    let shows = 0;
    const probe: DesktopProbe = { notifications: [], tray: null, menu: [] };
    setupNotifications(
      { Notification: FakeNotification as never },
      {
        service: {
          on: ((_: string, l: (t: Toast) => void) => ((emit = l), () => {})) as never,
          snapshot: { ...initialState('u').snapshot, connection: { status: 'connected' } },
          focus: (section) => void focused.push(section),
        },
        policy: new NotificationPolicy(),
        show: () => void shows++,
        platform: 'linux',
        probe,
      },
    );
    const ring = (id: string): Toast => ({
      id,
      kind: 'incoming_call',
      at: '',
      call_id: 'c1',
      name: 'Eve <i>',
      number: '1',
    });
    emit(ring('t1'));
    expect(made).toHaveLength(1);
    expect(made[0]!).toMatchObject({ shown: true, options: { title: 'Incoming call', body: 'Eve &#60;i&#62; (1)' } });
    emit({ id: 't2', kind: 'service', at: '', service: 'dnd', enabled: true } as Toast);
    expect(made).toHaveLength(1); // not a kind that notifies
    made[0]!.handlers.click!();
    expect({ shows, focused }).toEqual({ shows: 1, focused: ['calls'] });
    expect(probe.notifications).toEqual([{ title: 'Incoming call', body: 'Eve &#60;i&#62; (1)', tag: 'call-c1' }]);
  });
});

describe('system notifications', () => {
  const ring = {
    show: true as const,
    toast: { id: 't1', kind: 'incoming_call' as const, at: '', call_id: 'c9', name: '<b>Eve</b> & co', number: '1001' },
  };

  it('escapes markup on Linux, where notification servers render it', () => {
    expect(notificationFor(ring, 'linux').options.body).toBe('&#60;b&#62;Eve&#60;/b&#62; &#38; co (1001)');
    expect(escapeMarkup(`"'`)).toBe('&#34;&#39;');
  });

  it('shows the text as given elsewhere, tagged once per call and leading to the calls', () => {
    const n = notificationFor(ring, 'darwin');
    expect(n).toMatchObject({
      options: { title: 'Incoming call', body: '<b>Eve</b> & co (1001)' },
      section: 'calls',
      tag: 'call-c9',
    });
  });

  it('leads a missed call and a voicemail to their sections, and keeps one summary for a storm', () => {
    const missed = notificationFor(
      { show: true, toast: { id: 'm', kind: 'missed_call', at: '', name: null, number: '5' } },
      'win32',
    );
    expect(missed).toMatchObject({ options: { title: 'Missed call', body: '5' }, section: 'missed' });
    const vm = notificationFor(
      { show: true, toast: { id: 'v', kind: 'voicemail', at: '', message_id: 'x', name: 'Al', number: null } },
      'win32',
    );
    expect(vm).toMatchObject({ options: { title: 'New voicemail', body: 'Al' }, section: 'voicemail' });
    expect(notificationFor({ show: true, summary: { count: 4 } }, 'linux')).toMatchObject({
      tag: 'summary',
      options: { body: '4 more notifications' },
    });
  });
});

describe('tray icons', () => {
  it('draws a valid RGBA PNG per state, coloured by state', () => {
    const centres = new Set<string>();
    for (const state of ['connected', 'offline', 'dnd'] as const) {
      const png = trayIconPng(state, 32);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
      expect(png.readUInt32BE(16)).toBe(32);
      expect(png.readUInt32BE(20)).toBe(32);
      const idatLen = png.readUInt32BE(33);
      const raw = inflateSync(png.subarray(41, 41 + idatLen));
      expect(raw.length).toBe(32 * (1 + 32 * 4));
      const row = 16 * (1 + 32 * 4);
      const centre = raw.subarray(row + 1 + 16 * 4, row + 1 + 16 * 4 + 4);
      expect(centre[3]).toBe(255);
      centres.add(centre.toString('hex'));
      expect(raw[1 + 3]).toBe(0); // a corner is transparent
    }
    expect(centres.size).toBe(3);
  });
});
