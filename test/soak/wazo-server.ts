/**
 * A Wazo server's side of a soak over REST and the bus: each step changes the
 * fake Wazo's state (what its REST APIs answer) and publishes the event a
 * real server publishes for that change, so that the truth is the server's
 * own state, as a resync reads it. Calls, voicemails, DND and forwards,
 * favorites; the state stays small (a few live calls, a short inbox).
 */
import { SimCall } from '../../electron/sim/call-events.js';
import { publication, voicemailPublication, type Origin, type Publication } from '../../electron/sim/envelope.js';
import type { Snapshot } from '../../electron/shared/snapshot.js';
import type { FakeMessage, FakeUser } from '../support/fake-wazo.js';

type User = Required<FakeUser>;

export class WazoServerSim {
  private n = 0;
  private readonly live: { call: SimCall; data: Record<string, unknown> }[] = [];
  /** Events published, by kind of step. */
  readonly published: Publication[] = [];

  constructor(
    private readonly user: User,
    readonly publish: (p: Publication) => Promise<void>,
  ) {}

  private get origin(): Origin {
    return { userUuid: this.user.uuid, tenantUuid: this.user.tenantUuid };
  }

  private async send(...pubs: Publication[]): Promise<void> {
    for (const p of pubs) {
      this.published.push(p);
      await this.publish(p);
    }
  }

  /** One change on the server, and its event. */
  async step(): Promise<void> {
    const n = ++this.n;
    const u = this.user;
    switch (n % 7) {
      case 0: {
        u.services.dnd = { enabled: !u.services.dnd.enabled };
        return this.send(
          publication(
            'users_services_dnd_updated',
            { user_uuid: u.uuid, enabled: u.services.dnd.enabled },
            this.origin,
          ),
        );
      }
      case 1: {
        const fwd = (['busy', 'noanswer', 'unconditional'] as const)[n % 3]!;
        u.forwards[fwd] = { enabled: n % 2 === 0, destination: String(1000 + (n % 900)) };
        return this.send(
          publication(`users_forwards_${fwd}_updated`, { user_uuid: u.uuid, ...u.forwards[fwd] }, this.origin),
        );
      }
      case 2:
      case 5:
        return this.callStep(n);
      case 3: {
        const m: FakeMessage = {
          id: `vm-${n}`,
          caller_id_name: `Voice ${n}`,
          caller_id_num: '1003',
          duration: 9,
          timestamp: Math.floor(Date.now() / 1000),
          folder: 'new',
        };
        u.voicemail!.push(m);
        const pubs = [voicemailPublication('created', this.vm(m), this.origin)];
        if (u.voicemail!.length > 12) {
          const old = u.voicemail!.shift()!;
          pubs.push(voicemailPublication('deleted', this.vm(old), this.origin));
        }
        return this.send(...pubs);
      }
      case 4: {
        const m = u.voicemail!.find((x) => x.folder === 'new');
        if (!m) return;
        m.folder = 'old';
        return this.send(voicemailPublication('updated', this.vm(m), this.origin));
      }
      case 6: {
        const id = String(n % 5);
        const i = u.favorites.findIndex((f) => f.source_entry_id === id);
        const fav = { xivo_uuid: 'x', user_uuid: u.uuid, source: 'internal', source_entry_id: id };
        if (i === -1) {
          u.favorites.push({ source: 'internal', source_entry_id: id });
          return this.send(publication('favorite_added', fav, this.origin));
        }
        u.favorites.splice(i, 1);
        return this.send(publication('favorite_deleted', fav, this.origin));
      }
    }
  }

  private vm(m: FakeMessage) {
    return {
      id: m.id,
      name: m.caller_id_name,
      number: m.caller_id_num,
      duration: m.duration,
      timestamp: m.timestamp,
      folder: m.folder,
    };
  }

  /** A call's next step: a new one rings, a ringing one is answered, an answered one is held or hung up. */
  private async callStep(n: number): Promise<void> {
    const calls = this.user.calls;
    const put = (data: Record<string, unknown>): void => {
      const i = calls.findIndex((c) => c.call_id === data.call_id);
      if (i === -1) calls.push(data);
      else calls[i] = data;
    };
    const next = this.live.find((c) => c.data.status !== 'Up') ?? (this.live.length >= 3 ? this.live[0] : undefined);
    if (!next) {
      const call = new SimCall(this.origin, { peer: { name: `Caller ${n}`, number: String(2000 + (n % 700)) } });
      const created = call.created();
      const ringing = call.ringing();
      const entry = { call, data: ringing.body.data as Record<string, unknown> };
      this.live.push(entry);
      put(entry.data);
      return this.send(created, ringing);
    }
    if (next.data.status !== 'Up') {
      const [up, answered] = next.call.answered();
      next.data = up!.body.data as Record<string, unknown>;
      put(next.data);
      return this.send(up!, answered!);
    }
    if (!next.data.on_hold && n % 2 === 0) {
      const held = next.call.held();
      next.data = { ...next.data, on_hold: true };
      put(next.data);
      return this.send(held);
    }
    this.live.splice(this.live.indexOf(next), 1);
    calls.splice(
      calls.findIndex((c) => c.call_id === next.data.call_id),
      1,
    );
    return this.send(next.call.ended(16));
  }
}

/** What the server's REST state says, in the shape `differences` compares (missed calls are not read over REST). */
export function serverTruth(user: User, base: Snapshot): Snapshot {
  const messages = (user.voicemail ?? []).map((m) => ({
    id: m.id,
    voicemail_id: 1,
    folder: { id: null, name: null, type: m.folder },
    caller_id_name: m.caller_id_name,
    caller_id_num: m.caller_id_num,
    duration: m.duration,
    timestamp: m.timestamp,
    unread: m.folder !== 'old',
  }));
  return {
    ...base,
    calls: user.calls.map((c) => ({
      ...(base.calls[0] ?? {}),
      call_id: String(c.call_id),
      status: (c.status as string) ?? null,
      on_hold: Boolean(c.on_hold),
      peer_caller_id_name: (c.peer_caller_id_name as string) ?? null,
    })) as Snapshot['calls'],
    voicemail: { unread: messages.filter((m) => m.unread).length, messages },
    forwards: user.forwards,
    services: user.services,
    favorites: user.favorites.map((f) => ({ ...f })),
  };
}

/** The slices a REST read decides. */
export const REST_SLICES = ['calls', 'voicemail', 'forwards', 'services', 'favorites'] as const;
