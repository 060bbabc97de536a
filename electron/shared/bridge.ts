/**
 * Builds the window's bridge from the contract's names and a transport's two
 * primitives: how to invoke a command and how to subscribe to a push. The
 * Electron preload (IPC) and the browser preview (WebSocket) both build it
 * here, so the two cannot drift. Imports only the names, never the schemas:
 * the sandboxed preload bundles this file.
 */
import { COMMAND_NAMES, PUSH_EVENTS, type Command, type PushEvent } from './channels.js';
import type { CommandRequest, CommandResponses, PushEvents, WazoBridge } from './contract.js';

/** Sends one command and resolves with its answer. */
export type Invoke = <C extends Command>(command: C, request: CommandRequest<C>) => Promise<CommandResponses[C]>;
/** Subscribes to one pushed event; returns the unsubscribe function. */
export type Subscribe = <E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void) => () => void;

export function bridgeFrom(invoke: Invoke, subscribe: Subscribe): WazoBridge {
  const commands = Object.fromEntries(
    COMMAND_NAMES.map((command) => [command, (request: CommandRequest<typeof command>) => invoke(command, request)]),
  ) as { [C in Command]: (request: CommandRequest<C>) => Promise<CommandResponses[C]> };
  return {
    ...commands,
    on(event, listener) {
      // The window's code is not trusted to name only the contract's events.
      if (!PUSH_EVENTS.includes(event)) throw new Error(`unknown event ${String(event)}`);
      return subscribe(event, listener);
    },
  };
}
