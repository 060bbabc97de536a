/**
 * A busy server's traffic: the events of 1,000 other users on the topic
 * exchange (where call and voicemail events reach every queue), some forged to
 * look like the user's — the user's `user_uuid:<uuid>` header or body key on
 * another user's event, the user's uuid in the routing key, or in the wrong
 * field (a caller name, `talking_to`, `caller_user_uuid`) — with the user's own
 * events among them. Nothing of theirs may reach the store or a toast.
 */
import { randomUUID } from 'node:crypto';
import { SimCall } from '../../../electron/sim/call-events.js';
import { publication, voicemailPublication, type Publication } from '../../../electron/sim/envelope.js';
import { openBusUser } from '../bus-user.js';
import {
  differences,
  eventKey,
  interleave,
  model,
  publishJudged,
  seeded,
  tally,
  userStream,
  type Scenario,
} from '../common.js';

const SCALE = { full: { foreign: 1_000_000, mine: 10_000 }, short: { foreign: 100_000, mine: 1_000 } };
const USERS = 1_000;
const POOL = 20_000;
/** Every other user's names carry this, so that a leak shows in the snapshot and the toasts. */
const MARK = 'Other-';

/** One event of another user, forged in one of several ways one time in three. */
function theirs(rand: () => number, me: string, others: readonly string[]): Publication {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const u = pick(others);
  const o = { userUuid: u };
  const peer = { name: `${MARK}${u.slice(0, 8)}`, number: '4000' };
  const r = rand();
  let pub: Publication;
  if (r < 0.6) {
    const c = new SimCall(o, { peer });
    pub = pick([c.created(), c.ringing(), c.answered()[0]!, c.ended(19), c.missed(), c.held()]);
  } else if (r < 0.8) {
    pub = voicemailPublication(
      'created',
      {
        id: `${MARK}${randomUUID()}`,
        name: peer.name,
        number: '4000',
        duration: 3,
        timestamp: 1_700_000_000,
        folder: 'new',
      },
      o,
    );
  } else if (r < 0.9) {
    // The user's uuid in the routing key of another user's toggle (routed to the user's queue).
    pub = publication('users_services_dnd_updated', { user_uuid: u, enabled: rand() < 0.5 }, o);
    pub.routingKey = `config.users.${me}.services.dnd.updated`;
  } else {
    pub = publication('favorite_added', { xivo_uuid: 'x', user_uuid: u, source: `${MARK}src`, source_entry_id: 1 }, o);
    pub.routingKey = `directory.${me}.favorite.created`;
  }
  const d = pub.body.data as Record<string, unknown>;
  switch (Math.floor(rand() * 9)) {
    case 0:
      pub.headers[`user_uuid:${me}`] = true;
      break;
    case 1:
      pub.body[`user_uuid:${me}`] = true;
      break;
    case 2:
      if ('talking_to' in d) d.talking_to = { '1700000000.99': me };
      else d.caller_user_uuid = me;
      break;
    case 3:
      if ('peer_caller_id_name' in d) d.peer_caller_id_name = me;
      else d.tenant_uuid = me;
      break;
  }
  return pub;
}

export const foreignScenario: Scenario = {
  id: 'foreign',
  title: "other users' events, some forged to look like the user's (AMQP, topic)",
  criterion: '0 foreign events in the store or the window',
  async run(scale) {
    const { foreign, mine } = SCALE[scale];
    const user = await openBusUser('soak-foreign', { layout: 'topic' });
    const { me, notifier, publisher, applied } = user;
    const others = Array.from({ length: USERS }, () => randomUUID());
    const rand = seeded(1_000);
    let leakedToasts = 0;
    notifier.on('toast', (t) => {
      if (JSON.stringify(t).includes(MARK)) leakedToasts++;
    });
    const stream = userStream(me, mine);
    const failures: string[] = [];
    try {
      await user.start();
      // A pool of encoded events, cycled: building a million calls would cost more than judging them.
      const pool = Array.from({ length: POOL }, () => {
        const p = theirs(rand, me, others);
        return { routingKey: p.routingKey, headers: p.headers, content: Buffer.from(JSON.stringify(p.body)) };
      });
      const started = Date.now();
      const sent = await publishJudged(
        notifier,
        interleave(stream, foreign, (i) => pool[i % POOL]!),
        (p) => ('body' in p ? publisher.publish(p) : publisher.raw(p.routingKey, p.content, p.headers)),
        { backlog: 8_000 },
      );
      const seconds = (Date.now() - started) / 1000;
      const mineKeys = new Set(stream.map((p) => eventKey(p.body)));
      const accepted = [...applied.keys()].filter((k) => !mineKeys.has(k)).length;
      const snap = JSON.stringify(notifier.snapshot);
      const inStore = others.filter((u) => snap.includes(u)).length + (snap.includes(MARK) ? 1 : 0);
      const { lost, twice } = tally(stream, applied);
      const diff = differences(notifier.snapshot, model(me, stream));
      if (accepted) failures.push(`${accepted} foreign events accepted`);
      if (inStore) failures.push(`other users' data in the store (${inStore} marks)`);
      if (leakedToasts) failures.push(`${leakedToasts} toasts about other users`);
      if (lost) failures.push(`${lost} of the user's events not applied`);
      if (twice) failures.push(`${twice} of the user's events applied twice`);
      failures.push(...diff);
      return {
        pass: failures.length === 0,
        figures: {
          foreign_events: foreign,
          other_users: USERS,
          user_events: mine,
          foreign_accepted: accepted,
          foreign_in_store: inStore,
          foreign_toasts: leakedToasts,
          dropped_as_foreign: notifier.stats.foreign,
          rejected: Object.values(notifier.stats.rejected).reduce((a, b) => a + (b ?? 0), 0),
          user_events_applied: mine - lost,
          state_equal: diff.length === 0 ? 'yes' : 'no',
          msg_per_s: Math.round(sent / seconds),
        },
        failures,
      };
    } finally {
      await user.close();
    }
  },
};
