/**
 * What the core asks the window to show as a toast. Structured data, never
 * text: the window words it in the user's language, and renders every value
 * as text.
 */
import type { ForwardName, ServiceName } from './snapshot.js';

export type Toast =
  | ToastBase<'incoming_call', { call_id: string; name: string | null; number: string | null }>
  | ToastBase<'call_answered', { call_id: string; name: string | null; number: string | null }>
  | ToastBase<'missed_call', { name: string | null; number: string | null }>
  | ToastBase<'voicemail', { message_id: string; name: string | null; number: string | null }>
  | ToastBase<'forward', { forward: ForwardName; enabled: boolean; destination: string | null }>
  | ToastBase<'service', { service: ServiceName; enabled: boolean }>;

/**
 * `at`: when the core saw it; `event_at`, when the event carries a timestamp:
 * when it happened, ISO 8601 UTC, as the core read that timestamp with the
 * server's clock (core/events/server-clock.ts: the moment of receipt for a
 * live event, the server's own time for one drained from a backlog).
 * `seq`: the snapshot's `seq` (the change feed's numbering) that first shows
 * what the toast says, so that the window can tell, once its copy is at least
 * that new, when the thing is over (a call no longer ringing, a message read).
 */
type ToastBase<K extends string, F> = { id: string; kind: K; at: string; event_at?: string; seq?: number } & F;
