/**
 * One call on the user's own channel, event by event, as wazo-calld publishes
 * it (seen on the wire; shared/docs/wazo-bus-facts.md): `call_created` with the
 * new channel's status `Down`, `call_updated` as it rings (`Ringing` here,
 * `Ring` there), `Up` with `call_answered`, then `call_ended`, which calld
 * builds from the channel's last snapshot with caller and peer swapped, plus
 * `reason_code` and `hangup_time`. The simulator, the tests and the benchmark
 * all build calls here, so that they all see what a real server sends.
 */
import { randomUUID } from 'node:crypto';
import { asteriskTime, calldUtcTime, publication, type Origin, type Publication } from './envelope.js';

export interface Party {
  name: string | null;
  number: string | null;
}

export interface SimCallOptions {
  /** Asterisk's channel id; default a fresh `epoch.counter`. */
  callId?: string;
  /** Asterisk's linkedid; default: the caller's channel id (another channel's for an incoming call). */
  conversationId?: string;
  /** The user's own line, as her channel's caller id shows it. */
  me?: Party;
  /** The other party. */
  peer: Party;
  /** The user placed the call: it rings there (`Ring`). Default: it rings here (`Ringing`). */
  outgoing?: boolean;
  /** Default `inbound` for an incoming call, `outbound` for an outgoing one. */
  direction?: 'inbound' | 'outbound' | 'internal';
  /** Default: the user's number for an incoming call, the peer's for an outgoing one. */
  dialedExtension?: string | null;
  /** The other party's Wazo user, if any. */
  peerUserUuid?: string | null;
}

/** The user's line when a test does not say: a name a test can check never shows as a caller. */
export const SIM_ME: Party = { name: 'Sam Lambert', number: '1002' };

let sequence = 0;
/** An Asterisk-style channel unique id (`epoch.counter`). */
function channelId(): string {
  return `${Math.floor(Date.now() / 1000)}.${++sequence}`;
}

/** A call of the user's; each method returns what the server publishes at that step, stamped `at` (default now). */
export class SimCall {
  readonly callId: string;
  readonly conversationId: string;
  private readonly me: Party;
  private readonly peer: Party;
  private readonly model: Record<string, unknown>;

  constructor(
    private readonly origin: Origin,
    private readonly opts: SimCallOptions,
  ) {
    const outgoing = opts.outgoing ?? false;
    // The conversation is Asterisk's linkedid: the first channel's id, the caller's.
    const callerChannel = outgoing ? undefined : channelId();
    this.callId = opts.callId ?? channelId();
    this.conversationId = opts.conversationId ?? callerChannel ?? this.callId;
    this.me = opts.me ?? SIM_ME;
    this.peer = opts.peer;
    this.model = {
      call_id: this.callId,
      conversation_id: this.conversationId,
      user_uuid: origin.userUuid,
      line_id: 12,
      sip_call_id: randomUUID(),
      bridges: [],
      caller_id_name: this.me.name,
      caller_id_number: this.me.number,
      peer_caller_id_name: this.peer.name,
      peer_caller_id_number: this.peer.number,
      creation_time: null,
      answer_time: null,
      hangup_time: null,
      status: 'Down',
      on_hold: false,
      muted: false,
      parked: false,
      is_video: false,
      is_caller: outgoing,
      record_state: 'inactive',
      talking_to: {},
      dialed_extension: opts.dialedExtension ?? (outgoing ? this.peer.number : this.me.number),
      direction: opts.direction ?? (outgoing ? 'outbound' : 'inbound'),
    };
  }

  /** `call_created`: the user's new channel, status `Down`. */
  created(at?: Date): Publication {
    this.model.creation_time = asteriskTime(this.date(at), this.origin.utcOffsetMinutes);
    return this.pub('call_created', at);
  }

  /** `call_updated`: ringing here (`Ringing`), or there for an outgoing call (`Ring`). */
  ringing(at?: Date): Publication {
    this.model.status = this.opts.outgoing ? 'Ring' : 'Ringing';
    return this.pub('call_updated', at);
  }

  /** `call_updated` with status `Up`, then `call_answered`. */
  answered(at?: Date): Publication[] {
    this.model.status = 'Up';
    this.model.answer_time = calldUtcTime(this.date(at));
    this.model.talking_to = { [channelId()]: this.opts.peerUserUuid ?? null };
    return [this.pub('call_updated', at), this.pub('call_answered', at)];
  }

  /** `call_held`. */
  held(at?: Date): Publication {
    this.model.on_hold = true;
    return publication('call_held', { call_id: this.callId, user_uuid: this.origin.userUuid }, this.stamp(at));
  }

  /** `call_resumed`. */
  resumed(at?: Date): Publication {
    this.model.on_hold = false;
    return publication('call_resumed', { call_id: this.callId, user_uuid: this.origin.userUuid }, this.stamp(at));
  }

  /** `call_ended`: the last snapshot with caller and peer swapped, the Q.850 `reason_code` and `hangup_time`. */
  ended(reasonCode = 16, at?: Date): Publication {
    this.model.hangup_time = calldUtcTime(this.date(at));
    return publication(
      'call_ended',
      {
        ...this.model,
        caller_id_name: this.peer.name,
        caller_id_number: this.peer.number,
        peer_caller_id_name: this.me.name,
        peer_caller_id_number: this.me.number,
        talking_to: {},
        reason_code: reasonCode,
      },
      this.stamp(at),
    );
  }

  /** `user_missed_call` for this call, naming its caller. */
  missed(reason = 'no-answer', at?: Date): Publication {
    return missedCallPublication(this.stamp(at), {
      peer: this.peer,
      conversationId: this.conversationId,
      reason,
      dialedExtension: this.me.number,
      callerUserUuid: this.opts.peerUserUuid ?? null,
    });
  }

  private pub(name: 'call_created' | 'call_updated' | 'call_answered', at: Date | undefined): Publication {
    return publication(name, { ...this.model }, this.stamp(at));
  }

  /** The moment of a step: the one given, else the origin's, else now. */
  private date(at: Date | undefined): Date {
    return at ?? this.origin.at ?? new Date();
  }

  /** The origin of a step's event: stamped `at` when given (else as the origin says: its time, or now). */
  private stamp(at: Date | undefined): Origin {
    return at ? { ...this.origin, at } : this.origin;
  }
}

/** `user_missed_call` as wazo-calld publishes it; also without any call of the user's (DND, no device). */
export function missedCallPublication(
  origin: Origin,
  miss: {
    peer: Party;
    conversationId?: string;
    reason?: string;
    dialedExtension?: string | null;
    callerUserUuid?: string | null;
  },
): Publication {
  return publication(
    'user_missed_call',
    {
      user_uuid: origin.userUuid,
      caller_user_uuid: miss.callerUserUuid ?? null,
      caller_id_name: miss.peer.name,
      caller_id_number: miss.peer.number,
      dialed_extension: miss.dialedExtension ?? SIM_ME.number,
      conversation_id: miss.conversationId ?? channelId(),
      reason: miss.reason ?? 'no-answer',
    },
    origin,
  );
}
