/**
 * The toast rules, pure so that they are tested with plain data:
 *
 * - a toast about a thing is tied to it: it goes as soon as the snapshot says
 *   the thing is over (the call stopped ringing or ended, the message was
 *   read or deleted, the forward or service no longer in that state);
 * - a newer toast about the same thing replaces the older one, so the newest
 *   state always wins what is shown;
 * - a few are shown, the rest are counted in one "N more" line that opens the
 *   history; nothing is discarded: the history keeps the last 50 toasts,
 *   whether they are still shown or not;
 * - each toast leaves after its time (the component runs the timers).
 */
import type { Snapshot } from '../../../electron/shared/snapshot';
import type { Toast } from '../../../electron/shared/toast';

export const MAX_VISIBLE = 3;
/** The tray-sized window shows one toast: the rest of the space is the user's. */
export const MAX_VISIBLE_COMPACT = 1;
export const HISTORY_SIZE = 50;

/** How long each kind stays, in ms. An incoming call stays longer: it is the one that matters. */
export const TOAST_MS: Record<Toast['kind'], number> = {
  incoming_call: 20_000,
  call_answered: 5_000,
  missed_call: 10_000,
  voicemail: 10_000,
  forward: 6_000,
  service: 6_000,
};

export interface ToastState {
  /** Toasts still true and not dismissed nor expired, newest first. */
  live: Toast[];
  /** The last HISTORY_SIZE toasts, newest first, whatever became of them. */
  history: Toast[];
}

export const emptyToasts: ToastState = { live: [], history: [] };

/** What matters most stays on screen in a storm: a ringing call above all. */
const PRIORITY: Record<Toast['kind'], number> = {
  incoming_call: 3,
  missed_call: 2,
  voicemail: 2,
  call_answered: 1,
  forward: 1,
  service: 1,
};

/** The thing a toast is about; toasts about the same thing replace each other. `null`: its own (a miss). */
function subjectOf(toast: Toast): string | null {
  switch (toast.kind) {
    case 'incoming_call':
    case 'call_answered':
      return `call:${toast.call_id}`;
    case 'voicemail':
      return `voicemail:${toast.message_id}`;
    case 'forward':
      return `forward:${toast.forward}`;
    case 'service':
      return `service:${toast.service}`;
    case 'missed_call':
      return null;
  }
}

/**
 * Whether what the toast says is no longer true in `snap`. A snapshot older
 * than the toast (its change not applied yet) cannot tell: the toast stays.
 */
export function isOver(toast: Toast, snap: Snapshot): boolean {
  if (toast.seq !== undefined && snap.seq < toast.seq) return false;
  switch (toast.kind) {
    case 'incoming_call':
      return !snap.calls.some((c) => c.call_id === toast.call_id && c.status === 'Ringing');
    case 'call_answered':
      return !snap.calls.some((c) => c.call_id === toast.call_id);
    case 'voicemail':
      return !snap.voicemail.messages.some((m) => m.id === toast.message_id && m.unread);
    case 'forward': {
      const now = snap.forwards[toast.forward];
      if (!now) return false;
      return now.enabled !== toast.enabled || (toast.enabled && now.destination !== toast.destination);
    }
    case 'service': {
      const now = snap.services[toast.service];
      return now !== null && now.enabled !== toast.enabled;
    }
    case 'missed_call':
      return false;
  }
}

/** Adds a toast: it replaces any live toast about the same thing, and goes into the history. */
export function addToast(state: ToastState, toast: Toast): ToastState {
  if (state.history.some((t) => t.id === toast.id)) return state;
  const subject = subjectOf(toast);
  const live = subject === null ? state.live : state.live.filter((t) => subjectOf(t) !== subject);
  return { live: [toast, ...live], history: [toast, ...state.history].slice(0, HISTORY_SIZE) };
}

/** Removes a toast from the screen (dismissed or expired); the history keeps it. */
export function removeToast(state: ToastState, id: string): ToastState {
  const live = state.live.filter((t) => t.id !== id);
  return live.length === state.live.length ? state : { ...state, live };
}

/** Removes the toasts that `snap` shows are no longer true. */
export function pruneOver(state: ToastState, snap: Snapshot): ToastState {
  const live = state.live.filter((t) => !isOver(t, snap));
  return live.length === state.live.length ? state : { ...state, live };
}

/** The toasts shown, most important then newest first, and how many more are live. */
export function visibleToasts(state: ToastState, max: number): { shown: Toast[]; more: number } {
  const ranked = state.live
    .map((t, i) => ({ t, i }))
    .sort((a, b) => PRIORITY[b.t.kind] - PRIORITY[a.t.kind] || a.i - b.i)
    .slice(0, max)
    .map((x) => x.t);
  return { shown: ranked, more: state.live.length - ranked.length };
}

/** The newest toast on screen, which Escape dismisses. */
export function newestShown(state: ToastState, max: number): Toast | undefined {
  const { shown } = visibleToasts(state, max);
  return state.live.find((t) => shown.includes(t));
}
