/**
 * System notifications from the policy's decisions. On Linux the
 * notification servers render markup in bodies, so text from the bus is
 * escaped there; elsewhere it is shown as given. Clicking one shows the
 * window on the matching section.
 */
import type * as Electron from 'electron';
import type { NotificationConstructorOptions } from 'electron';
import type { Decision, NotificationPolicy } from '../core/notify/notification-policy.js';
import type { NotifierService } from '../core/service/notifier-service.js';
import type { DesktopProbe } from './probe.js';
import type { Section } from '../shared/contract.js';
import type { Toast } from '../shared/toast.js';

/** Escapes the markup that Linux notification servers interpret. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const who = (name: string | null, number: string | null) =>
  name && number && name !== number ? `${name} (${number})` : name || number || 'Unknown caller';

/** Title, body and target of a notification for a decision to show one. */
export function notificationFor(
  decision: Extract<Decision, { show: true }>,
  platform: NodeJS.Platform,
): { options: NotificationConstructorOptions; section: Section; tag: string } {
  const body = (s: string) => (platform === 'linux' ? escapeMarkup(s) : s);
  if ('summary' in decision) {
    return {
      options: { title: 'Wazo Notifier', body: body(`${decision.summary.count} more notifications`), silent: true },
      section: 'calls',
      tag: 'summary',
    };
  }
  const t: Toast = decision.toast;
  switch (t.kind) {
    case 'incoming_call':
      return {
        options: { title: 'Incoming call', body: body(who(t.name, t.number)), urgency: 'critical' },
        section: 'calls',
        tag: `call-${t.call_id}`,
      };
    case 'missed_call':
      return { options: { title: 'Missed call', body: body(who(t.name, t.number)) }, section: 'missed', tag: t.id };
    case 'voicemail':
      return {
        options: { title: 'New voicemail', body: body(who(t.name, t.number)) },
        section: 'voicemail',
        tag: t.id,
      };
    default:
      return { options: { title: 'Wazo Notifier', body: '' }, section: 'calls', tag: t.id };
  }
}

/**
 * Shows the system notifications the policy decides on: one per tag (a newer
 * one for the same call replaces it), a click shows the window on the item.
 */
export function setupNotifications(
  e: Pick<typeof Electron, 'Notification'>,
  deps: {
    service: Pick<NotifierService, 'on' | 'snapshot' | 'focus'>;
    policy: NotificationPolicy;
    show: () => void;
    platform: NodeJS.Platform;
    probe?: DesktopProbe | undefined;
  },
): void {
  const shown = new Map<string, Electron.Notification>();
  deps.service.on('toast', (toast) => {
    const decision = deps.policy.decide(toast, deps.service.snapshot);
    if (!decision.show) return;
    const n = notificationFor(decision, deps.platform);
    deps.probe?.notifications.push({ title: n.options.title ?? '', body: n.options.body ?? '', tag: n.tag });
    if (!e.Notification.isSupported()) return;
    shown.get(n.tag)?.close();
    const notification = new e.Notification(n.options);
    notification.on('click', () => {
      deps.show();
      deps.service.focus(n.section);
    });
    notification.on('close', () => shown.delete(n.tag));
    shown.set(n.tag, notification);
    notification.show();
  });
}
