/**
 * System notifications from the policy's decisions. On Linux the
 * notification servers render markup in bodies, so text from the bus is
 * escaped there, with the five named entities only (GNOME Shell re-escapes
 * any other `&`, so numeric references would show raw); elsewhere it is shown
 * as given. Clicking one shows the window on the matching section. An
 * "Incoming call" (critical on Linux, which never expires) is closed as soon
 * as the call no longer rings.
 */
import type * as Electron from 'electron';
import type { NotificationConstructorOptions } from 'electron';
import type { Decision, NotificationPolicy } from '../core/notify/notification-policy.js';
import type { NotifierService } from '../core/service/notifier-service.js';
import type { DesktopProbe } from './probe.js';
import type { Section } from '../shared/contract.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { Toast } from '../shared/toast.js';
import { callerLine } from '../shared/caller-line.js';
import { ENGLISH, fill, type MainStrings } from './main-strings.js';

/** Escapes the markup that Linux notification servers interpret. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => NAMED_ENTITIES[c]!);
}

const NAMED_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** At most this many notifications are remembered (macOS banners that time out never say `close`). */
const MAX_SHOWN = 50;

const who = (name: string | null, number: string | null, t: MainStrings) => callerLine(name, number, t.unknownCaller);

/** Title, body and target of a notification for a decision to show one. */
export function notificationFor(
  decision: Extract<Decision, { show: true }>,
  platform: NodeJS.Platform,
  t: MainStrings = ENGLISH,
): { options: NotificationConstructorOptions; section: Section; tag: string } {
  const body = (s: string) => (platform === 'linux' ? escapeMarkup(s) : s);
  if ('summary' in decision) {
    return {
      options: { title: t.appName, body: body(fill(t.moreNotifications, decision.summary.count)), silent: true },
      section: 'calls',
      tag: 'summary',
    };
  }
  const toast: Toast = decision.toast;
  switch (toast.kind) {
    case 'incoming_call':
      return {
        options: { title: t.incomingCall, body: body(who(toast.name, toast.number, t)), urgency: 'critical' },
        section: 'calls',
        tag: callTag(toast.call_id),
      };
    case 'missed_call':
      return {
        options: { title: t.missedCallTitle, body: body(who(toast.name, toast.number, t)) },
        section: 'missed',
        tag: toast.id,
      };
    case 'voicemail':
      return {
        options: { title: t.newVoicemail, body: body(who(toast.name, toast.number, t)) },
        section: 'voicemail',
        tag: toast.id,
      };
    default:
      return { options: { title: t.appName, body: '' }, section: 'calls', tag: toast.id };
  }
}

const callTag = (callId: string) => `call-${callId}`;

/** The tags of the "Incoming call" notifications whose call no longer rings here. */
export function staleCallTags(tags: Iterable<string>, snapshot: Pick<Snapshot, 'calls'>): string[] {
  const ringing = new Set(snapshot.calls.filter((c) => c.status === 'Ringing').map((c) => callTag(c.call_id)));
  return [...tags].filter((tag) => tag.startsWith('call-') && !ringing.has(tag));
}

/**
 * Shows the system notifications the policy decides on: one per tag (a newer
 * one for the same call replaces it), a click shows the window on the item,
 * an incoming call's is closed once the call stops ringing. Returns the
 * function that stops listening (quitting; what is shown stays in the OS's centre).
 */
export function setupNotifications(
  e: Pick<typeof Electron, 'Notification'>,
  deps: {
    service: Pick<NotifierService, 'on' | 'snapshot' | 'focus'>;
    policy: NotificationPolicy;
    show: () => void;
    platform: NodeJS.Platform;
    probe?: DesktopProbe | undefined;
    strings?: MainStrings;
  },
): () => void {
  // Holding the object also keeps it from being garbage collected, which would drop its click handler.
  const shown = new Map<string, Electron.Notification>();
  const forget = (tag: string, n: Electron.Notification) => {
    if (shown.get(tag) === n) shown.delete(tag);
  };
  const closeTag = (tag: string) => {
    const n = shown.get(tag);
    shown.delete(tag);
    n?.close();
  };
  const offToast = deps.service.on('toast', (toast) => {
    const decision = deps.policy.decide(toast, deps.service.snapshot);
    if (!decision.show) return;
    const n = notificationFor(decision, deps.platform, deps.strings ?? ENGLISH);
    deps.probe?.notifications.push({ title: n.options.title ?? '', body: n.options.body ?? '', tag: n.tag });
    if (!e.Notification.isSupported()) return;
    closeTag(n.tag);
    const notification = new e.Notification(n.options);
    notification.on('click', () => {
      deps.show();
      deps.service.focus(n.section);
    });
    notification.on('close', () => forget(n.tag, notification));
    shown.set(n.tag, notification);
    while (shown.size > MAX_SHOWN) shown.delete(shown.keys().next().value!);
    notification.show();
  });
  const offState = deps.service.on('state', () => {
    for (const tag of staleCallTags(shown.keys(), deps.service.snapshot)) closeTag(tag);
  });
  return () => {
    offToast();
    offState();
  };
}
