/**
 * The toast stack's rules: a bounded number visible, newest first; during a
 * storm the extra toasts are folded into one "N more" line instead of
 * flooding the screen; each toast leaves after its time.
 */
import type { Toast } from '../../../electron/shared/toast';

export const MAX_VISIBLE = 3;

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
  visible: Toast[];
  /** Toasts folded away during a storm. */
  overflow: number;
}

export const emptyToasts: ToastState = { visible: [], overflow: 0 };

/** What matters most stays on screen in a storm: a ringing call above all. */
const PRIORITY: Record<Toast['kind'], number> = {
  incoming_call: 3,
  missed_call: 2,
  voicemail: 2,
  call_answered: 1,
  forward: 1,
  service: 1,
};

/**
 * Adds a toast on top while there is room. When the stack is full, a more
 * important toast takes the place of the oldest of the least important ones,
 * and whichever loses is counted in the overflow.
 */
export function addToast(state: ToastState, toast: Toast): ToastState {
  if (state.visible.some((t) => t.id === toast.id)) return state;
  if (state.visible.length < MAX_VISIBLE) return { ...state, visible: [toast, ...state.visible] };
  let victim = -1;
  for (let i = state.visible.length - 1; i >= 0; i--) {
    const p = PRIORITY[state.visible[i]!.kind];
    if (p < PRIORITY[toast.kind] && (victim === -1 || p < PRIORITY[state.visible[victim]!.kind])) victim = i;
  }
  if (victim === -1) return { ...state, overflow: state.overflow + 1 };
  const visible = state.visible.filter((_, i) => i !== victim);
  return { visible: [toast, ...visible], overflow: state.overflow + 1 };
}

/** Removes a toast (dismissed or expired); the "N more" line goes with the last one. */
export function removeToast(state: ToastState, id: string): ToastState {
  const visible = state.visible.filter((t) => t.id !== id);
  if (visible.length === state.visible.length) return state;
  return { visible, overflow: visible.length ? state.overflow : 0 };
}

/** Clears the "N more" line. */
export const clearOverflow = (state: ToastState): ToastState => ({ ...state, overflow: 0 });
