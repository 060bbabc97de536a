/**
 * What the tray shows for a snapshot: an icon per state, a tooltip with the
 * counts that want attention, the badge number. Pure, so it is tested here.
 */
import type { Snapshot } from '../shared/snapshot.js';

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
  else if (s.connection.status !== 'connected') lines.push('Offline');
  if (s.services.dnd?.enabled) lines.push('Do not disturb');
  const unread = s.voicemail.unread;
  const missed = s.missed_calls.length;
  if (unread) lines.push(`${unread} unread voicemail${unread > 1 ? 's' : ''}`);
  if (missed) lines.push(`${missed} missed call${missed > 1 ? 's' : ''}`);
  return { icon, tooltip: lines.join('\n'), badge: unread + missed };
}
