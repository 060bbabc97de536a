/**
 * The one contract every event source keeps, whatever its transport (AMQP on
 * the server itself, wazo-websocketd from a user's desk): a status to watch,
 * message bodies handed to one synchronous handler, and a stop. Everything
 * after it (decode → scope → ACL → store → ports) never knows which transport
 * fed it: a websocketd event's `data` is the very body AMQP carries.
 */
import type { ConnectionState } from '../../shared/snapshot.js';
import { Emitter } from '../emitter.js';
import type { MessageMeta } from '../scope/user-scope.js';

/** One message as a transport received it: the envelope's bytes and what the transport says about them. */
export interface SourceMessage extends MessageMeta {
  content: Buffer;
  /** The transport holds no backlog: the message is news as it arrives (websocketd). */
  live?: boolean;
}

/** Takes one message through the pipeline; must not throw (a source guards against it anyway). */
export type MessageHandler = (msg: SourceMessage) => void;

/** What a source tells (a type, not an interface: its names are exactly these, `on('redy')` does not compile). */
export type SourceEvents = {
  status: ConnectionState;
  /**
   * After each `connected`: the messages the transport held for us when the
   * connection opened (an AMQP queue's backlog, as counted when the queue was
   * declared) have been handled, or stopped coming for a while, so what comes
   * next is newer than this moment. A REST read of the state begins here, not
   * at `connected`: a backlog event replayed over the read's answer would undo
   * a later change whose event was lost (published while the broker was down).
   * Best effort where the count cannot be exact: a message the broker gives
   * back after the count (unacknowledged on a connection it has not yet seen
   * die) comes after `ready`.
   */
  ready: undefined;
};

/** A source of the user's events. `start` resolves at once; the source keeps retrying until `stop`. */
export interface EventSource {
  readonly status: ConnectionState;
  on<K extends keyof SourceEvents>(name: K, listener: (payload: SourceEvents[K]) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Nothing to follow yet (nobody signed in, no direct bus configured): says so and waits. */
export class IdleSource extends Emitter<SourceEvents> implements EventSource {
  private current: ConnectionState = { status: 'idle' };

  get status(): ConnectionState {
    return this.current;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.current = { status: 'closed' };
    this.emit('status', this.current);
    return Promise.resolve();
  }
}
