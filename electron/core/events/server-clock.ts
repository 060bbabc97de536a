/**
 * When did a Wazo event happen? wazo-bus stamps each envelope with the
 * server's wall-clock time and no zone (`2026-11-27T14:55:18.758052`), so
 * reading it as the client's local time is wrong by the difference between
 * the two zones. The rule here never uses either machine's zone:
 *
 * - an instant that carries an offset (`Z`, `+00:00`, `+0000`) is used as it is;
 * - a zone-less timestamp is converted with the server's UTC offset, learned
 *   exactly from the login token or from a call event's own zoned instants, and
 *   otherwise estimated from the freshest events received recently;
 * - converted, it is live when within a few seconds of its receipt (or in the
 *   future: clock skew), and the event's instant is then the moment of receipt;
 *   older, it was drained from a backlog and its instant is the converted one;
 * - with no offset known, the moment of receipt.
 */

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;

/** Real zones lie between UTC−12:00 and UTC+14:00, on quarter hours. */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;

/** A converted timestamp at most this much older than its receipt counts as live. */
export const DEFAULT_LIVE_WINDOW_MS = 5_000;
/** How long an event's receipt−timestamp difference counts towards the estimate (the smallest wins). */
const DEFAULT_ESTIMATE_WINDOW_MS = 15 * MINUTE;
/** A call event's stamp and its own zoned instant are one moment, give or take this. */
const CALL_PAIR_TOLERANCE_MS = 5_000;
/** The token's two expiry times are written in the same request. */
const TOKEN_PAIR_TOLERANCE_MS = 60_000;
/** Estimate samples kept at most (a burst drained at once needs no more). */
const MAX_SAMPLES = 256;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

interface Parsed {
  /** The written date and time read as if it were UTC, in epoch ms (sub-millisecond digits dropped). */
  wall: number;
  /** The written offset in minutes, or null when none is written. */
  zone: number | null;
}

/** Reads an ISO 8601 date-time; null for anything else, impossible dates included. */
function parseIso(text: string): Parsed | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, z, sign, zh, zm] = m;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  const back = new Date(wall);
  if (
    back.getUTCFullYear() !== Number(y) ||
    back.getUTCMonth() !== Number(mo) - 1 ||
    back.getUTCDate() !== Number(d) ||
    back.getUTCHours() !== Number(h) ||
    back.getUTCMinutes() !== Number(mi)
  ) {
    return null;
  }
  let zone: number | null = null;
  if (z) zone = 0;
  else if (sign) {
    const minutes = Number(zh) * 60 + Number(zm ?? 0);
    if (Number(zm ?? 0) > 59 || minutes > 18 * 60) return null;
    zone = sign === '-' ? -minutes : minutes;
  }
  return { wall, zone };
}

/** The instant a date-time with an offset names, in epoch ms; null when it has no offset (or is not one). */
export function parseInstant(text: string | null | undefined): number | null {
  const p = text ? parseIso(text) : null;
  return p && p.zone !== null ? p.wall - p.zone * MINUTE : null;
}

/** A zone-less date-time read as if it were UTC, in epoch ms; null when it carries an offset (or is not one). */
export function parseWallClock(text: string | null | undefined): number | null {
  const p = text ? parseIso(text) : null;
  return p && p.zone === null ? p.wall : null;
}

/** True for an offset a real zone can have. */
export function isPlausibleOffset(minutes: number): boolean {
  return (
    Number.isInteger(minutes) && minutes % 15 === 0 && minutes >= MIN_OFFSET_MINUTES && minutes <= MAX_OFFSET_MINUTES
  );
}

/**
 * The offset (minutes) that makes `wall`, a zone-less reading, the instant
 * `instant`: their difference rounded to a quarter hour, if the rest is within
 * `toleranceMs` and the result is a real zone's.
 */
function offsetBetween(wall: number, instant: number, toleranceMs: number): number | null {
  const diff = wall - instant;
  const quarters = Math.round(diff / QUARTER);
  const minutes = quarters * 15 || 0;
  if (Math.abs(diff - quarters * QUARTER) > toleranceMs || !isPlausibleOffset(minutes)) return null;
  return minutes;
}

/**
 * The server's UTC offset from a wazo-auth token: `expires_at` is the
 * server's wall clock, `utc_expires_at` the same moment in UTC (both zone-less).
 */
export function offsetFromToken(
  expiresAt: string | null | undefined,
  utcExpiresAt: string | null | undefined,
): number | null {
  const local = expiresAt ? parseIso(expiresAt) : null;
  if (!local) return null;
  // Should wazo-auth ever write the offset, it says it outright.
  if (local.zone !== null) return isPlausibleOffset(local.zone) ? local.zone : null;
  const utc = utcExpiresAt ? parseIso(utcExpiresAt) : null;
  if (!utc) return null;
  return offsetBetween(local.wall, utc.wall - (utc.zone ?? 0) * MINUTE, TOKEN_PAIR_TOLERANCE_MS);
}

/** What the clock reads of an event: its name, its envelope stamp, its data. */
export interface StampedEvent {
  name: string;
  timestamp?: string | null | undefined;
  data?: unknown;
}

/** The zoned field of a call event written at the same moment as its envelope stamp. */
const SAME_MOMENT: Record<string, string> = {
  call_created: 'creation_time',
  call_answered: 'answer_time',
  call_ended: 'hangup_time',
};

/**
 * The server's UTC offset from a call event: its zone-less stamp and its own
 * zoned instant of the same moment (`creation_time` of `call_created`,
 * `answer_time` of `call_answered`, `hangup_time` of `call_ended`).
 */
export function offsetFromCall(event: StampedEvent): number | null {
  const field = SAME_MOMENT[event.name];
  if (!field || typeof event.data !== 'object' || event.data === null) return null;
  const wall = parseWallClock(event.timestamp);
  const raw = (event.data as Record<string, unknown>)[field];
  const instant = typeof raw === 'string' ? parseInstant(raw) : null;
  return wall === null || instant === null ? null : offsetBetween(wall, instant, CALL_PAIR_TOLERANCE_MS);
}

/**
 * The rule, pure: the instant (epoch ms) of an event stamped `timestamp` and
 * received at `receivedAt`, given the server's offset (minutes) or null.
 */
export function eventInstant(
  timestamp: string | null | undefined,
  receivedAt: number,
  offsetMinutes: number | null,
  liveWindowMs = DEFAULT_LIVE_WINDOW_MS,
): number {
  const zoned = parseInstant(timestamp);
  if (zoned !== null) return zoned;
  const wall = parseWallClock(timestamp);
  if (wall === null || offsetMinutes === null) return receivedAt;
  const happened = wall - offsetMinutes * MINUTE;
  return receivedAt - happened <= liveWindowMs ? receivedAt : happened;
}

/** How the server's offset is known: exactly (`token`, `call`) or by estimate. */
type OffsetSource = 'token' | 'call' | 'estimate';

export interface ServerOffset {
  /** Server wall clock minus UTC, in minutes (UTC+01:00 is 60). */
  minutes: number;
  source: OffsetSource;
}

export interface ServerClockOptions {
  liveWindowMs?: number;
  estimateWindowMs?: number;
}

/**
 * One server's clock as the client learns it, event after event. Holds what
 * it learned (an exact offset, the recent estimate samples); everything else
 * is the pure functions above.
 */
export class ServerClock {
  private exact: ServerOffset | null = null;
  /** Receipt time and receipt−wall difference, the differences increasing from the front (a sliding minimum). */
  private samples: { at: number; diff: number }[] = [];
  private readonly liveWindowMs: number;
  private readonly estimateWindowMs: number;

  constructor(opts: ServerClockOptions = {}) {
    this.liveWindowMs = opts.liveWindowMs ?? DEFAULT_LIVE_WINDOW_MS;
    this.estimateWindowMs = opts.estimateWindowMs ?? DEFAULT_ESTIMATE_WINDOW_MS;
  }

  /** The server's offset as known now, or null. */
  get offset(): ServerOffset | null {
    return this.exact ?? this.estimate();
  }

  /** Takes an offset learned exactly (the latest wins); false, ignored, when no real zone has it. */
  learn(minutes: number | null | undefined, source: 'token' | 'call'): boolean {
    if (minutes === null || minutes === undefined || !isPlausibleOffset(minutes)) return false;
    this.exact = { minutes, source };
    return true;
  }

  /**
   * Learns from one event what it tells of the server's zone, then gives the
   * instant it happened (epoch ms). `live`: the transport cannot hold a
   * backlog (websocketd drops what was published before `start`), so a
   * zone-less stamp is the moment of receipt whatever the two clocks say.
   */
  instantOf(event: StampedEvent, receivedAt: number, live = false): number {
    this.learn(offsetFromCall(event), 'call');
    const wall = parseWallClock(event.timestamp);
    if (wall !== null) this.sample(receivedAt, receivedAt - wall);
    if (live) return parseInstant(event.timestamp) ?? receivedAt;
    return eventInstant(event.timestamp, receivedAt, this.offset?.minutes ?? null, this.liveWindowMs);
  }

  private sample(at: number, diff: number): void {
    const s = this.samples;
    while (s.length && s.at(-1)!.diff >= diff) s.pop();
    s.push({ at, diff });
    if (s.length > MAX_SAMPLES) s.shift();
  }

  /** The smallest receipt−wall difference of the recent events, rounded to a quarter hour. */
  private estimate(): ServerOffset | null {
    const s = this.samples;
    const last = s.at(-1);
    if (!last) return null;
    while (s.length && s[0]!.at < last.at - this.estimateWindowMs) s.shift();
    const minutes = -Math.round(s[0]!.diff / QUARTER) * 15 || 0;
    return isPlausibleOffset(minutes) ? { minutes, source: 'estimate' } : null;
  }
}
