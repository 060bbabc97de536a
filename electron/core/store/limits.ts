/**
 * How much history the store keeps. Each cap bounds memory whatever the bus
 * sends; the oldest entries go first.
 */
export const LIMITS = {
  /** Live calls: a desk phone user has a handful; more means calls whose end we never saw. */
  calls: 100,
  /** Call ids recently ended, so that a late `call_updated` cannot bring a call back. */
  endedCalls: 500,
  /** Missed calls shown, newest first. */
  missedCalls: 200,
  /**
   * Voicemail messages kept. Above what a mailbox can hold (Asterisk refuses a
   * message past `maxmsg`, 100 a folder by default, 9,999 at most), so a real
   * inbox is never cut; at about 300 bytes a message it bounds the inbox at
   * ~3 MB of heap (measured by the week soak, which fills it).
   */
  voicemails: 10_000,
  favorites: 2_000,
  /** Fingerprints of recently applied messages, to ignore a redelivery. */
  fingerprints: 4_096,
  /** Events kept to replay over a REST read in flight; a read outlasting this many is abandoned and tried again. */
  resyncReplay: 20_000,
  /** Calls the user declined, remembered so that no report of them lists them as missed (store/declined-calls.ts). */
  declinedCalls: 100,
  /** How close in time a `user_missed_call` without conversation id and an inferred miss must be to count once. */
  missedMatchWindowMs: 60_000,
} as const;
