/** `wazo-notifier simulate`: publishes realistic Wazo event sequences for a user. */
import * as amqplib from 'amqplib';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_EXCHANGES } from '../core/bus/topology.js';
import { detectMode, ensureExchange } from '../core/bus/exchange.js';
import { describeError, redactUrl } from '../core/logger.js';
import { SCENARIOS, scenario, type ScenarioName } from '../sim/scenarios.js';
import { publish } from '../sim/publisher.js';
import { BUS_OPTIONS, busConfig, intFlag, parse, UsageError } from './args.js';
import { stderrLogger } from '../core/logger.js';
import { drained, jsonLines } from './output.js';

const SIMULATE_HELP = `Usage: wazo-notifier simulate --user UUID [options]

Publishes realistic sequences of the user's events, with the envelope and
headers a Wazo server sets, and prints one JSON line per event published:
  {"type":"published","name":...,"routing_key":...}

Options:
  --url URL               AMQP broker (default amqp://guest:guest@localhost:5672/)
  --user UUID             the Wazo user the events are for (required)
  --mode auto|topic|headers
                          exchange "xivo" (topic) or "wazo-headers" (headers); default
                          auto: "wazo-headers" when the broker has it, else "xivo"
  --exchange NAME         override the exchange name
  --scenario NAME         all (default), ${SCENARIOS.join(', ')}
  --delay MS              pause between events (default 300)
  -h, --help              this help

Exit codes: 0 done, 2 bad arguments, 3 broker unreachable.
`;

/** Runs `simulate`; resolves with the exit code. */
export async function simulate(argv: string[]): Promise<number> {
  const values = parse(argv, {
    ...BUS_OPTIONS,
    scenario: { type: 'string', default: 'all' },
    delay: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(SIMULATE_HELP);
    return 0;
  }
  const config = busConfig(values);
  const name = values.scenario;
  if (name !== 'all' && !(SCENARIOS as readonly string[]).includes(name)) {
    throw new UsageError(`--scenario must be one of all, ${SCENARIOS.join(', ')}; not "${name}"`);
  }
  const delay = intFlag('delay', values.delay, 0, 60_000) ?? 300;
  const out = jsonLines();
  const log = stderrLogger();

  let conn: amqplib.ChannelModel;
  try {
    conn = await amqplib.connect(config.url, {
      timeout: 5_000,
      clientProperties: { connection_name: 'wazo-notifier simulate' },
    });
  } catch (err) {
    log.error(`cannot reach the broker at ${redactUrl(config.url)}: ${describeError(err)}`);
    return 3;
  }
  conn.on('error', (err: Error) => log.warn(`bus connection error: ${describeError(err)}`));
  try {
    const mode = config.mode === 'auto' ? await detectMode(conn) : config.mode;
    const exchange = config.exchange ?? DEFAULT_EXCHANGES[mode];
    await ensureExchange(conn, exchange, mode);
    const ch = await conn.createChannel();
    const pubs = scenario(name as ScenarioName, { userUuid: config.userUuid });
    for (const [i, pub] of pubs.entries()) {
      if (i > 0 && delay > 0) await sleep(delay);
      await publish(ch, exchange, pub);
      out({ type: 'published', name: pub.name, routing_key: pub.routingKey });
    }
    await ch.close();
  } finally {
    await conn.close().catch(() => {});
  }
  await drained();
  return 0;
}
