#!/usr/bin/env node
/** The `wazo-notifier` command line: the headless core, for scripts, demos and tests. */
import { describeError } from '../core/logger.js';
import { UsageError } from './args.js';
import { simulate } from './simulate.js';
import { watch } from './watch.js';
import { web } from './web.js';

const HELP = `Usage: wazo-notifier <command> [options]

Commands:
  watch      follow a Wazo user's events on the bus and print them as JSON Lines
  simulate   publish realistic Wazo events for a user (demos, local testing)
  web        serve the notifier's window to a browser on 127.0.0.1 (preview)

Run "wazo-notifier <command> --help" for a command's options.
`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  watch,
  simulate,
  web,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  const cmd = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!cmd) {
    process.stderr.write(`wazo-notifier: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await cmd(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(
        `wazo-notifier ${command}: ${err.message}\nRun "wazo-notifier ${command} --help" for usage.\n`,
      );
      return 2;
    }
    process.stderr.write(`wazo-notifier ${command}: ${describeError(err)}\n`);
    return 1;
  }
}

process.on('unhandledRejection', (err) => {
  process.stderr.write(`wazo-notifier: error: unexpected failure: ${describeError(err)}\n`);
});

main(process.argv.slice(2)).then(
  (code) => {
    // Commands resolve once their output is flushed; amqplib's timers must not keep the process alive.
    process.exitCode = code;
    setImmediate(() => process.exit(code));
  },
  (err: unknown) => {
    process.stderr.write(`wazo-notifier: ${describeError(err)}\n`);
    process.exit(1);
  },
);
