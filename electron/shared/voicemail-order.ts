/** The inbox order, shared by the core (which keeps it) and the window (which patches its copy). */
import type { VoicemailMessageView } from './snapshot.js';

/** Newest first; ties broken by id, so the order is total. */
export const newestFirst = (a: VoicemailMessageView, b: VoicemailMessageView): number =>
  (b.timestamp ?? 0) - (a.timestamp ?? 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Where `item` goes in a list sorted by `newestFirst` (after its equals). */
export function insertionPoint(sorted: readonly VoicemailMessageView[], item: VoicemailMessageView): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (newestFirst(sorted[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
