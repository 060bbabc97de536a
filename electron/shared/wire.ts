/**
 * The browser preview's WebSocket framing of the contract: calls with an id,
 * their replies, and pushed events. JSON text frames only.
 */
import type { Command, PushEvent, PushEvents } from './contract.js';

export type ClientFrame = { t: 'call'; id: number; command: Command; request: unknown };

export type ServerFrame =
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; error: string }
  | { [E in PushEvent]: { t: 'push'; event: E; payload: PushEvents[E] } }[PushEvent];
