import { describe, expect, it } from 'vitest';
import { initialState } from '../../../electron/core/store/state.js';
import { trayState } from '../../../electron/main/tray-state.js';

describe('tray state', () => {
  const base = initialState('u').snapshot;
  it('shows offline, connected and DND, with counts in the tooltip and the badge', () => {
    expect(trayState(base)).toMatchObject({ icon: 'offline', badge: 0 });
    const connected = { ...base, connection: { status: 'connected' as const } };
    expect(trayState(connected).icon).toBe('connected');
    const busy = {
      ...connected,
      services: { dnd: { enabled: true }, incallfilter: null },
      voicemail: { unread: 2, messages: [] },
      missed_calls: [{ caller_id_name: null, caller_id_number: '1', at: '', source: 'bus' as const }],
    };
    expect(trayState(busy)).toEqual({
      icon: 'dnd',
      tooltip: 'Wazo Notifier\nDo not disturb\n2 unread voicemails\n1 missed call',
      badge: 3,
    });
    expect(trayState({ ...base, connection: { status: 'reconnecting', attempt: 3 } }).tooltip).toContain(
      'Reconnecting (attempt 3)',
    );
    expect(trayState({ ...base, connection: { status: 'idle' } })).toMatchObject({
      icon: 'offline',
      tooltip: 'Wazo Notifier\nNot signed in',
    });
  });
});
