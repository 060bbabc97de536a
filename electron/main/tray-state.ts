/**
 * What the tray shows for a snapshot: an icon per state, a tooltip with the
 * counts that want attention, the badge number. Pure, so it is tested here.
 */
import { SERVICE_NAMES, type ServiceName, type Snapshot } from '../shared/snapshot.js';

export type TrayIcon = 'connected' | 'offline' | 'dnd';

export interface TrayState {
  icon: TrayIcon;
  tooltip: string;
  /** Unread voicemails plus missed calls: the dock/taskbar badge. */
  badge: number;
}

export function trayState(s: Snapshot): TrayState {
  const icon: TrayIcon =
    s.connection.status !== 'connected' ? 'offline' : s.services.dnd?.enabled ? 'dnd' : 'connected';
  const lines = ['Wazo Notifier'];
  if (s.connection.status === 'reconnecting') lines.push(`Reconnecting (attempt ${s.connection.attempt ?? 1})`);
  else if (s.connection.status === 'idle') lines.push('Not signed in');
  else if (s.connection.status !== 'connected') lines.push('Offline');
  if (s.services.dnd?.enabled) lines.push('Do not disturb');
  const unread = s.voicemail.unread;
  const missed = s.missed_calls.length;
  if (unread) lines.push(`${unread} unread voicemail${unread > 1 ? 's' : ''}`);
  if (missed) lines.push(`${missed} missed call${missed > 1 ? 's' : ''}`);
  return { icon, tooltip: lines.join('\n'), badge: unread + missed };
}

/** What a tray menu item does when clicked. */
export type TrayAction =
  { kind: 'toggle-window' } | { kind: 'set-service'; service: ServiceName; enabled: boolean } | { kind: 'quit' };

export type TrayMenuEntry =
  { kind: 'separator' } | { kind: 'item'; label: string; enabled: boolean; checked?: boolean; action?: TrayAction };

const SERVICE_LABELS: Record<ServiceName, string> = { dnd: 'Do not disturb', incallfilter: 'Incoming call filter' };

/**
 * The tray menu for a snapshot: show/hide, the connection state, DND and the
 * incall filter (changeable once logged in to Wazo; the result, or its
 * rollback, comes back through the snapshot), quit.
 */
export function trayMenu(s: Snapshot, windowVisible: boolean): TrayMenuEntry[] {
  const state = trayState(s).tooltip.split('\n').slice(1).join(' · ') || 'Connected';
  return [
    { kind: 'item', label: windowVisible ? 'Hide' : 'Show', enabled: true, action: { kind: 'toggle-window' } },
    { kind: 'separator' },
    { kind: 'item', label: state, enabled: false },
    ...SERVICE_NAMES.map((service): TrayMenuEntry => {
      const on = s.services[service]?.enabled ?? false;
      return {
        kind: 'item',
        label: SERVICE_LABELS[service],
        enabled: s.account !== null,
        checked: on,
        action: { kind: 'set-service', service, enabled: !on },
      };
    }),
    { kind: 'separator' },
    { kind: 'item', label: 'Quit', enabled: true, action: { kind: 'quit' } },
  ];
}
