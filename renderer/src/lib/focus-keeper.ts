/**
 * Keeps the keyboard focus next to where the user was when an action removes
 * the focused control (a message read or deleted, the sign-in form replaced by
 * the dashboard, a toast dismissed): the same control in the same row, else
 * the control that took its place in that row, else the same control in the
 * row that took the removed row's place, else the nearest part of the window
 * still there (its landing point, its first control, or itself).
 *
 * Controls that wait for the server say so with `aria-disabled`, never
 * `disabled`, so that they keep the focus while they wait.
 */

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, a[href], [tabindex]:not([tabindex="-1"])';

interface Remembered {
  el: HTMLElement;
  testid: string | undefined;
  row: HTMLElement | null;
  list: HTMLElement | null;
  rowIndex: number;
  indexInRow: number;
  ancestors: HTMLElement[];
}

const focusables = (within: HTMLElement) => [...within.querySelectorAll<HTMLElement>(FOCUSABLE)];

function remember(el: HTMLElement, root: HTMLElement): Remembered {
  const row = el.closest<HTMLElement>('li');
  const list = row?.parentElement ?? null;
  const ancestors: HTMLElement[] = [];
  for (let a = el.parentElement; a && a !== root; a = a.parentElement) ancestors.push(a);
  ancestors.push(root);
  return {
    el,
    testid: el.dataset['testid'],
    row: row && root.contains(row) ? row : null,
    list,
    rowIndex: row && list ? [...list.children].indexOf(row) : -1,
    indexInRow: row ? focusables(row).indexOf(el) : -1,
    ancestors,
  };
}

function inRow(row: HTMLElement, r: Remembered): HTMLElement | undefined {
  const same = r.testid ? row.querySelector<HTMLElement>(`[data-testid="${r.testid}"]`) : null;
  if (same) return same;
  const all = focusables(row);
  return all[Math.min(Math.max(r.indexInRow, 0), all.length - 1)];
}

/** Where the focus goes once `r.el` is gone. */
function replacement(r: Remembered): HTMLElement | undefined {
  if (r.row?.isConnected) {
    const found = inRow(r.row, r);
    if (found) return found;
  }
  if (r.list?.isConnected && r.rowIndex >= 0) {
    const rows = [...r.list.children] as HTMLElement[];
    const next = rows[Math.min(r.rowIndex, rows.length - 1)];
    const found = next && inRow(next, r);
    if (found) return found;
  }
  for (const a of r.ancestors) {
    if (!a.isConnected) continue;
    const landing = a.querySelector<HTMLElement>('[data-focus-landing]');
    if (landing) return landing;
    const first = focusables(a)[0];
    if (first) return first;
    if (a.hasAttribute('tabindex')) return a;
  }
  return undefined;
}

/** Watches `root`; returns the function that stops watching. */
export function keepFocus(root: HTMLElement): () => void {
  const doc = root.ownerDocument;
  let last: Remembered | null = null;
  const onFocusIn = (e: FocusEvent) => {
    if (e.target instanceof HTMLElement) last = remember(e.target, root);
  };
  const observer = new MutationObserver(() => {
    if (!last || last.el.isConnected) return;
    const active = doc.activeElement;
    // Someone else already put the focus somewhere: leave it there.
    if (active && active !== doc.body && active.isConnected) return;
    replacement(last)?.focus();
  });
  observer.observe(root, { childList: true, subtree: true });
  root.addEventListener('focusin', onFocusIn);
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', onFocusIn);
  };
}
