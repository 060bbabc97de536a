/**
 * Deleting a voicemail with a few seconds to undo: the message leaves the
 * list at once, and the delete is sent only when the time is up (or the
 * window goes away), so that an undo never needs the server to bring back a
 * message it already deleted. While the delete is sent the message stays
 * hidden; if the server refuses, the core puts it back and says why.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { VoicemailState } from '../../../electron/shared/snapshot';

/**
 * The unread count the user should see: a message waiting to be deleted (or
 * being deleted) is gone for them, so it is not unread any more, even while
 * the core, which has not been asked yet, still counts it.
 */
export function unreadShown(voicemail: VoicemailState, hidden: ReadonlySet<string>): number {
  if (hidden.size === 0) return voicemail.unread;
  let gone = 0;
  for (const m of voicemail.messages) if (m.unread && hidden.has(m.id)) gone++;
  return Math.max(0, voicemail.unread - gone);
}

export class PendingDeletes {
  /** The messages waiting to be deleted, oldest first, with the words that name them. */
  waiting = $state<{ id: string; who: string }[]>([]);
  /** Every message hidden from the list: waiting, or being deleted. */
  readonly hidden = new SvelteSet<string>();
  // The timers are looked up, never shown: a plain Map.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly send: (id: string) => Promise<unknown>,
    private readonly undoMs = 5_000,
  ) {}

  /** Hides the message and sends its delete once the undo time is up. */
  delete(id: string, who: string): void {
    if (this.hidden.has(id)) return;
    this.hidden.add(id);
    this.waiting.push({ id, who });
    this.timers.set(
      id,
      setTimeout(() => void this.finish(id), this.undoMs),
    );
  }

  /** Keeps the message: nothing was sent. */
  undo(id: string): void {
    const timer = this.timers.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(id);
    this.waiting = this.waiting.filter((w) => w.id !== id);
    this.hidden.delete(id);
  }

  /** Sends every delete still waiting (the window is going away: the user meant them). */
  flush(): void {
    for (const id of [...this.timers.keys()]) void this.finish(id);
  }

  private async finish(id: string): Promise<void> {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.waiting = this.waiting.filter((w) => w.id !== id);
    try {
      await this.send(id);
    } finally {
      // By now the core has removed it, or put it back with its reason.
      this.hidden.delete(id);
    }
  }
}
