/**
 * Which toasts also become system notifications. The desktop interrupts
 * only for what needs the user now: a call ringing here, a missed call, a
 * new voicemail. Never for an event drained long after it happened (a queue
 * emptied after a reconnect), at most once per call, never during DND unless
 * the user asked, and a storm folds into one summary.
 */
import { DEFAULT_PREFERENCES, isNotifiable, type Preferences } from '../../shared/preferences.js';
import type { Snapshot } from '../../shared/snapshot.js';
import type { Toast } from '../../shared/toast.js';
import { parseInstant } from '../events/server-clock.js';

/** Which kinds notify, and which still do during DND: the window's preferences. */
export type NotificationPrefs = Preferences['notifications'];

export const DEFAULT_PREFS: NotificationPrefs = DEFAULT_PREFERENCES.notifications;

export interface PolicyOptions {
  /** An event older than this when it arrives is history, not news. */
  staleMs: number;
  /** Storm detection: more than `stormMax` notifications within `stormWindowMs` fold into one summary. */
  stormWindowMs: number;
  stormMax: number;
}

const DEFAULT_POLICY: PolicyOptions = { staleMs: 10_000, stormWindowMs: 10_000, stormMax: 3 };

export type Decision =
  | { show: true; toast: Toast }
  /** Replaces the storm's one summary notification: `count` notifications folded so far. */
  | { show: true; summary: { count: number } }
  | { show: false; why: 'kind' | 'muted' | 'stale' | 'dnd' | 'repeat' };

export class NotificationPolicy {
  private readonly recent: number[] = [];
  private readonly calls = new Set<string>();
  private folded = 0;

  constructor(
    private prefs: NotificationPrefs = DEFAULT_PREFS,
    private readonly now: () => number = Date.now,
    private readonly opts: PolicyOptions = DEFAULT_POLICY,
  ) {}

  setPrefs(prefs: NotificationPrefs): void {
    this.prefs = prefs;
  }

  /** Decides for one toast, given the snapshot right after its event. */
  decide(toast: Toast, snapshot: Snapshot): Decision {
    const kind = toast.kind;
    if (!isNotifiable(kind)) return { show: false, why: 'kind' };
    if (!this.prefs.enabled[kind]) return { show: false, why: 'muted' };
    const now = this.now();
    // Only an instant with its offset can be judged: a zone-less time read as local would be off by the zones.
    const happened = parseInstant(toast.event_at);
    if (happened !== null && now - happened > this.opts.staleMs) return { show: false, why: 'stale' };
    if (snapshot.services.dnd?.enabled && !this.prefs.duringDnd[kind]) return { show: false, why: 'dnd' };
    if (kind === 'incoming_call') {
      if (this.calls.has(toast.call_id)) return { show: false, why: 'repeat' };
      this.calls.add(toast.call_id);
      if (this.calls.size > 500) this.calls.delete(this.calls.values().next().value!);
    }
    while (this.recent.length && now - this.recent[0]! > this.opts.stormWindowMs) this.recent.shift();
    if (this.recent.length === 0) this.folded = 0;
    this.recent.push(now);
    if (this.recent.length <= this.opts.stormMax) return { show: true, toast };
    // Past the limit, one summary notification is kept up to date instead.
    return { show: true, summary: { count: ++this.folded } };
  }
}
