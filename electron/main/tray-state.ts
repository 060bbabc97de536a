/**
 * What the tray shows for a snapshot: an icon per state, a tooltip with the
 * counts that want attention, the badge number. Pure, so it is tested here.
 */
import { SERVICE_NAMES, unseenMissed, type ServiceName, type Snapshot } from '../shared/snapshot.js';
import { ENGLISH, fill, type MainStrings } from './main-strings.js';

export type TrayIcon = 'connected' | 'offline' | 'dnd';

export interface TrayState {
  icon: TrayIcon;
  tooltip: string;
  /** Unread voicemails plus missed calls not seen yet: the dock/taskbar badge. */
  badge: number;
}

/** The tray's icon, tooltip and badge for a snapshot, in the given language. */
export function trayState(s: Snapshot, t: MainStrings = ENGLISH): TrayState {
  const icon: TrayIcon =
    s.connection.status !== 'connected' ? 'offline' : s.services.dnd?.enabled ? 'dnd' : 'connected';
  const lines = [t.appName];
  if (s.connection.status === 'reconnecting') lines.push(fill(t.reconnecting, s.connection.attempt ?? 1));
  else if (s.connection.status === 'idle') lines.push(t.notSignedIn);
  else if (s.connection.status !== 'connected') lines.push(t.offline);
  if (s.services.dnd?.enabled) lines.push(t.dnd);
  const unread = s.voicemail.unread;
  const missed = unseenMissed(s);
  if (unread) lines.push(fill(unread > 1 ? t.unreadVoicemails : t.unreadVoicemail, unread));
  if (missed) lines.push(fill(missed > 1 ? t.missedCalls : t.missedCall, missed));
  return { icon, tooltip: lines.join('\n'), badge: unread + missed };
}

/** What a tray menu item does when clicked. */
export type TrayAction =
  { kind: 'toggle-window' } | { kind: 'set-service'; service: ServiceName; enabled: boolean } | { kind: 'quit' };

export type TrayMenuEntry =
  { kind: 'separator' } | { kind: 'item'; label: string; enabled: boolean; checked?: boolean; action?: TrayAction };

/**
 * The tray menu for a snapshot: show/hide, the connection state, DND and the
 * incall filter (changeable once logged in to Wazo; the result, or its
 * rollback, comes back through the snapshot), quit.
 */
export function trayMenu(s: Snapshot, windowVisible: boolean, t: MainStrings = ENGLISH): TrayMenuEntry[] {
  const state = trayState(s, t).tooltip.split('\n').slice(1).join(' · ') || t.connected;
  const labels: Record<ServiceName, string> = { dnd: t.dnd, incallfilter: t.incallfilter };
  return [
    { kind: 'item', label: windowVisible ? t.hide : t.show, enabled: true, action: { kind: 'toggle-window' } },
    { kind: 'separator' },
    { kind: 'item', label: state, enabled: false },
    ...SERVICE_NAMES.map((service): TrayMenuEntry => {
      const on = s.services[service]?.enabled ?? false;
      return {
        kind: 'item',
        label: labels[service],
        enabled: s.account !== null,
        checked: on,
        action: { kind: 'set-service', service, enabled: !on },
      };
    }),
    { kind: 'separator' },
    { kind: 'item', label: t.quit, enabled: true, action: { kind: 'quit' } },
  ];
}
