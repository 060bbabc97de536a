import { describe, expect, it } from 'vitest';
import { NotificationPolicy } from '../../../electron/core/notify/notification-policy.js';
import { initialState } from '../../../electron/core/store/state.js';
import { stringsFor } from '../../../electron/main/main-strings.js';
import {
  escapeMarkup,
  notificationFor,
  setupNotifications,
  staleCallTags,
} from '../../../electron/main/notifications.js';
import type { DesktopProbe } from '../../../electron/main/probe.js';
import type { Toast } from '../../../electron/shared/toast.js';

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
    const listeners = new Map<string, (payload: never) => void>();
    const emit = (t: Toast) => listeners.get('toast')!(t as never);
    const focused: string[] = [];
    let shows = 0;
    const probe: DesktopProbe = { notifications: [], tray: null, menu: [] };
    setupNotifications(
      { Notification: FakeNotification as never },
      {
        service: {
          on: ((name: string, l: (payload: never) => void) => (listeners.set(name, l), () => {})) as never,
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
    expect(made[0]!).toMatchObject({ shown: true, options: { title: 'Incoming call', body: 'Eve &lt;i&gt; (1)' } });
    emit({ id: 't2', kind: 'service', at: '', service: 'dnd', enabled: true } as Toast);
    expect(made).toHaveLength(1); // not a kind that notifies
    made[0]!.handlers.click!();
    expect({ shows, focused }).toEqual({ shows: 1, focused: ['calls'] });
    expect(probe.notifications).toEqual([{ title: 'Incoming call', body: 'Eve &lt;i&gt; (1)', tag: 'call-c1' }]);
  });
});

/** A recording fake of Electron's Notification whose `close` event comes later, as over D-Bus. */
function fakeNotifications() {
  const made: FakeNotification[] = [];
  class FakeNotification {
    static isSupported = () => true;
    handlers: Record<string, () => void> = {};
    closed = false;
    constructor(readonly options: { title?: string; body?: string }) {
      made.push(this);
    }
    on(event: string, h: () => void) {
      this.handlers[event] = h;
    }
    show() {}
    close() {
      this.closed = true;
    }
  }
  return { made, Notification: FakeNotification };
}

describe('system notifications, kept', () => {
  const setup = () => {
    const fake = fakeNotifications();
    const listeners = new Map<string, (payload: never) => void>();
    const service = {
      on: ((name: string, l: (payload: never) => void) => (listeners.set(name, l), () => {})) as never,
      snapshot: { ...initialState('u').snapshot, connection: { status: 'connected' as const } },
      focus: () => {},
    };
    let shows = 0;
    setupNotifications(
      { Notification: fake.Notification as never },
      {
        service,
        // Every toast shown, repeats included: what is tested here is the bookkeeping, not the policy.
        policy: { decide: (toast: Toast) => ({ show: true, toast }) } as unknown as NotificationPolicy,
        show: () => void shows++,
        platform: 'linux',
      },
    );
    const ring = (id: string, callId: string): Toast => ({
      id,
      kind: 'incoming_call',
      at: '',
      call_id: callId,
      name: 'A',
      number: '1',
    });
    return {
      ...fake,
      service,
      toast: (t: Toast) => listeners.get('toast')!(t as never),
      state: () => listeners.get('state')!(service.snapshot as never),
      ring,
      shows: () => shows,
    };
  };

  it('closes the incoming call notification once the call stops ringing', () => {
    const s = setup();
    const call = (status: string) => ({ call_id: 'c1', status }) as never;
    s.service.snapshot = { ...s.service.snapshot, calls: [call('Ringing')] };
    s.toast(s.ring('t1', 'c1'));
    s.state();
    expect(s.made[0]!.closed).toBe(false);
    s.service.snapshot = { ...s.service.snapshot, calls: [call('Up')] };
    s.state();
    expect(s.made[0]!.closed).toBe(true);
    expect(staleCallTags(['call-c1', 'mc-1'], { calls: [] })).toEqual(['call-c1']);
  });

  it('keeps the replacement’s click when the replaced one says `close` late', () => {
    const s = setup();
    s.toast(s.ring('t1', 'c1'));
    s.toast({ ...s.ring('t2', 'c1'), name: 'B' } as Toast);
    s.made[0]!.handlers.close!(); // the first one's close arrives after the second is shown
    s.service.snapshot = { ...s.service.snapshot, calls: [{ call_id: 'c1', status: 'Up' } as never] };
    s.state();
    expect(s.made[1]!.closed).toBe(true); // still known under its tag, so still closable
  });
});

describe('system notifications', () => {
  const ring = {
    show: true as const,
    toast: { id: 't1', kind: 'incoming_call' as const, at: '', call_id: 'c9', name: '<b>Eve</b> & co', number: '1001' },
  };

  it('escapes markup on Linux with the named entities that GNOME Shell keeps', () => {
    expect(notificationFor(ring, 'linux').options.body).toBe('&lt;b&gt;Eve&lt;/b&gt; &amp; co (1001)');
    expect(escapeMarkup(`"'`)).toBe('&quot;&apos;');
    // GNOME Shell's fixMarkup (and elementary's): every other `&` is escaped again, so shows raw.
    const fixMarkup = (text: string) => text.replace(/&(?!amp;|quot;|apos;|lt;|gt;)/g, '&amp;');
    const body = escapeMarkup(`O'Brien & D'Amico <b>"Co"</b>`);
    expect(fixMarkup(body)).toBe(body);
  });

  it('speaks French where the system does', () => {
    expect(notificationFor(ring, 'darwin', stringsFor('fr')).options.title).toBe('Appel entrant');
    expect(
      notificationFor(
        { show: true, toast: { id: 'm', kind: 'missed_call', at: '', name: null, number: null } },
        'win32',
        stringsFor('fr'),
      ).options,
    ).toMatchObject({ title: 'Appel manqué', body: 'Appelant inconnu' });
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
