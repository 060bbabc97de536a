/**
 * The headless notifier: event source → decode → user scope → store. Every
 * port (the CLI, the window, the tray) watches one of these; nothing here
 * knows Electron, and nothing after the source knows which transport fed it.
 * It is the store's only writer: the Wazo side (login, REST reads, the user's
 * commands) changes the state through its methods, never the store itself.
 */
import type { Socket } from 'node:net';
import type { ConnectionState, MissedMarks, Snapshot } from '../shared/snapshot.js';
import type { Toast } from '../shared/toast.js';
import { toastFor } from './notify/toast-policy.js';
import { NO_USER } from '../shared/settings.js';
import { BusClient } from './bus/bus-client.js';
import { IdleSource, type EventSource, type SourceMessage } from './bus/event-source.js';
import { WebsocketdSource, type WebsocketdAuth, type WebsocketdSourceOptions } from './bus/websocketd-source.js';
import { EVENT_NAMES } from './events/catalog.js';
import { topologyFor, type Topology } from './bus/topology.js';
import type { NotifierConfig } from './config.js';
import { Emitter } from './emitter.js';
import type { RawEnvelope, RejectReason } from './events/decode.js';
import { ServerClock } from './events/server-clock.js';
import { ingest, type Verdict } from './ingest.js';
import { silentLogger, type Logger } from './logger.js';
import { AclChecker } from './scope/acl.js';
import { UserScope } from './scope/user-scope.js';
import type { LocalChange } from './store/reducer.js';
import type { RestSlices } from './store/resync.js';
import { StateStore } from './store/store.js';

export interface NotifierEvents extends Record<string, unknown> {
  status: ConnectionState;
  /** Connected, and the backlog the transport held handled: a REST read of the state may begin (see `SourceEvents`). */
  ready: undefined;
  /** An accepted event of the user, as received. */
  event: RawEnvelope;
  rejected: { reason: RejectReason; detail: string; routingKey: string };
  state: Snapshot;
  /** Something worth a toast happened. */
  toast: Toast;
}

export interface NotifierStats {
  accepted: number;
  duplicates: number;
  foreign: number;
  rejected: Partial<Record<RejectReason, number>>;
}

export interface NotifierDeps {
  now?: () => number;
  log?: Logger;
  connectionName?: string;
  /** Replaces queue arguments (the benchmark queues more than `x-max-length` before it consumes). */
  queueArguments?: Record<string, unknown>;
  /** What is known of the server's clock (default: nothing yet; it learns from the events). */
  clock?: ServerClock;
  /** The Wazo login's side of websocketd, when a user is logged in (see `wazo/websocketd-link.ts`). */
  websocketd?: WebsocketdLink | undefined;
  /** How long after a failed REST read of the state the next one starts (default 30 s; the soak shortens it). */
  resyncRetryMs?: number;
  /** websocketd's ping and handshake deadlines (tests shorten them). */
  websocketdTimings?: Pick<
    WebsocketdSourceOptions,
    'pingIntervalMs' | 'pongTimeoutMs' | 'handshakeTimeoutMs' | 'maxReconnectDelayMs'
  >;
}

/** What websocketd needs of a logged-in user: their server, their token, and how to trust the server. */
export interface WebsocketdLink {
  server: URL;
  auth: WebsocketdAuth;
  connectSocket?: ((url: URL) => Promise<Socket>) | undefined;
}

/** Which source feeds a notifier (see `TransportSettingSchema`). */
export type Transport = 'amqp' | 'websocketd' | 'idle';

/**
 * `auto` is websocketd once logged in (the only way in from a user's desk),
 * else the direct bus for a user named by hand, else nothing yet. A forced
 * `websocketd` without a login has nothing to connect with, and neither has
 * the bus without a user: idle.
 */
export function chooseTransport(config: Pick<NotifierConfig, 'transport' | 'userUuid'>, loggedIn: boolean): Transport {
  if (config.transport !== 'amqp' && loggedIn) return 'websocketd';
  // Nobody to follow on the bus (the nil uuid binds nothing): no queue is made for nobody.
  if (config.transport === 'websocketd' || config.userUuid === NO_USER) return 'idle';
  return 'amqp';
}

export class Notifier extends Emitter<NotifierEvents> {
  /** Written only by this class: the bus path below, and the Wazo side through the methods after it. */
  private readonly store: StateStore;
  readonly stats: NotifierStats = { accepted: 0, duplicates: 0, foreign: 0, rejected: {} };
  /** The server's clock: each event's instant comes from it (the login tells it the server's offset). */
  readonly clock: ServerClock;
  private readonly scope: UserScope;
  private readonly acl: AclChecker | null;
  private readonly source: EventSource;
  /** The transport feeding this notifier. */
  readonly transport: Transport;
  private readonly log: Logger;
  private readonly now: () => number;
  private toastCount = 0;

  constructor(config: NotifierConfig, deps: NotifierDeps = {}) {
    super();
    this.log = deps.log ?? silentLogger;
    this.now = deps.now ?? Date.now;
    this.clock = deps.clock ?? new ServerClock();
    this.scope = new UserScope(config.userUuid, (id) => this.store.isLiveCall(id));
    this.acl = config.acl
      ? new AclChecker(config.acl, { userUuid: config.userUuid, sessionUuid: config.sessionUuid })
      : null;
    this.transport = chooseTransport(config, deps.websocketd !== undefined);
    this.source = this.makeSource(config, deps);
    this.store = new StateStore(config.userUuid, deps.now, this.source.status);
    this.store.on('change', (snap) => this.emit('state', snap));
    this.source.on('status', (status) => {
      this.emit('status', status);
      this.store.setConnection(status);
    });
    this.source.on('ready', () => this.emit('ready', undefined));
  }

  /** The current snapshot. */
  get snapshot(): Snapshot {
    return this.store.snapshot;
  }

  /** Records who is logged in to Wazo (null once nobody is). */
  setAccount(account: Snapshot['account']): void {
    this.store.setAccount(account);
  }

  /** Records what the user has seen and cleared of their missed calls (the cleared ones leave the list). */
  setMissedMarks(marks: MissedMarks): void {
    this.store.setMissedMarks(marks);
  }

  /** Records where reading the state from the Wazo server stands. */
  setSync(sync: Snapshot['sync']): void {
    this.store.setSync(sync);
  }

  /** A REST read of the state begins: events applied from now on are replayed over its answer. */
  beginResync(): void {
    this.store.beginResync();
  }

  /** Merges a REST read's answer; false (nothing changed) when the read was abandoned. */
  completeResync(rest: RestSlices): boolean {
    return this.store.completeResync(rest);
  }

  /** Forgets a REST read that will not complete. */
  abortResync(): void {
    this.store.abortResync();
  }

  /** Applies a change the user asked for (shown before the server confirms it), or its undoing. */
  applyLocal(change: LocalChange): void {
    this.store.apply(change);
  }

  private makeSource(config: NotifierConfig, deps: NotifierDeps): EventSource {
    const handler = (msg: SourceMessage): void => void this.handle(msg);
    if (this.transport === 'idle') return new IdleSource();
    if (this.transport === 'websocketd') {
      const link = deps.websocketd!;
      return new WebsocketdSource(
        {
          server: link.server,
          events: EVENT_NAMES,
          auth: link.auth,
          ...(link.connectSocket ? { connectSocket: link.connectSocket } : {}),
          ...deps.websocketdTimings,
          log: this.log,
        },
        handler,
      );
    }
    return new BusClient(
      {
        url: config.url,
        mode: config.mode,
        topology: (mode) => withQueueArguments(topologyFor({ ...config, mode }), deps.queueArguments),
        prefetch: config.prefetch,
        maxReconnectDelayMs: config.maxReconnectDelayMs,
        ...(deps.connectionName ? { connectionName: deps.connectionName } : {}),
        log: this.log,
      },
      handler,
    );
  }

  /** Connects and keeps following the user's events until `stop`. */
  start(): Promise<void> {
    return this.source.start();
  }

  stop(): Promise<void> {
    return this.source.stop();
  }

  /** Takes one message through the pipeline. Public so that a benchmark can drive it without a transport. */
  handle(msg: SourceMessage): Verdict {
    const verdict = ingest(msg, this.scope, this.acl);
    if (verdict.ok) {
      if (!this.store.firstSight(verdict.fingerprint)) {
        this.stats.duplicates++;
        return verdict;
      }
      this.stats.accepted++;
      this.emit('event', verdict.raw);
      const before = this.store.snapshot;
      // When it happened, read once from the server's clock: for the store and the toast alike.
      const at = this.clock.instantOf(verdict.event, this.now(), msg.live === true);
      this.store.apply(verdict.event, undefined, at); // its fingerprint is remembered above
      const draft = toastFor(verdict.event, before, this.store.snapshot);
      if (draft) {
        const toast = { ...draft, id: `t${++this.toastCount}`, at: new Date(this.now()).toISOString() } as Toast;
        if (verdict.event.timestamp) toast.event_at = new Date(at).toISOString();
        this.emit('toast', toast);
      }
    } else if (verdict.reason === 'foreign') {
      this.stats.foreign++;
    } else {
      this.stats.rejected[verdict.reason] = (this.stats.rejected[verdict.reason] ?? 0) + 1;
      this.emit('rejected', { reason: verdict.reason, detail: verdict.detail, routingKey: msg.routingKey });
    }
    return verdict;
  }
}

function withQueueArguments(t: Topology, args: Record<string, unknown> | undefined): Topology {
  return args ? { ...t, queueArguments: { ...t.queueArguments, ...args } } : t;
}
