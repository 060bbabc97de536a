/**
 * The benchmark's Wazo server in a process of its own (as websocketd is a
 * daemon of its own): the fake Wazo's REST APIs and its websocketd stand-in,
 * consuming from the real RabbitMQ. Prints one JSON line with its URL, then
 * serves until SIGTERM.
 *
 *   node --import tsx test/bench/websocketd-server.ts <user-uuid> <headers-exchange>
 */
import { sampleUser, startFakeWazo } from '../support/fake-wazo.js';

const [user, exchange] = process.argv.slice(2);
if (!user || !exchange) throw new Error('usage: websocketd-server.ts <user-uuid> <headers-exchange>');
const fake = await startFakeWazo({ users: [sampleUser(user)], websocketd: { exchange } });
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
process.on('SIGTERM', () => {
  void fake.close().then(() => process.exit(0));
});
