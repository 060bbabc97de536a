/** Flag parsing and validation shared by the CLI commands. */
import { randomBytes } from 'node:crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_BUS_URL, parseConfig, type NotifierConfig } from '../core/config.js';

/** A usage error (a flag missing, unknown or out of range): printed on stderr, exit code 2. */
export class UsageError extends Error {}

/** The flags every bus command takes. */
export const BUS_OPTIONS = {
  url: { type: 'string' },
  user: { type: 'string' },
  mode: { type: 'string', default: 'auto' },
  transport: { type: 'string' },
  exchange: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

const SOURCE_FLAGS: [flag: string, text: string[]][] = [
  [
    '--url URL',
    [
      'the direct bus (AMQP), e.g. amqp://guest:guest@localhost:5672/',
      '(the default without a login); with a login, giving it',
      'reads events from the bus instead of websocketd',
    ],
  ],
  [
    '--transport websocketd|amqp',
    [
      'override: websocketd (needs a login: wss://<server>/api/websocketd/)',
      'or amqp (the bus at --url). Default: websocketd when logged',
      'in without --url, else amqp',
    ],
  ],
  [
    '--mode auto|topic|headers',
    [
      'the bus layout: topic = exchange "xivo" (Wazo\'s message-bus',
      'page), headers = "wazo-headers" (Wazo 23.01+); auto (default)',
      'uses "wazo-headers" when the broker has it, else "xivo"',
    ],
  ],
];

/** The help of the flags that choose where events come from, for `watch` and `web` (`width`: their flag column). */
export function sourceHelp(width: number): string {
  const indent = ' '.repeat(width + 2);
  const rows = SOURCE_FLAGS.map(([flag, [first, ...rest]]) => {
    const head = flag.length < width ? [`  ${flag.padEnd(width)}${first}`] : [`  ${flag}`, `${indent}${first}`];
    return [...head, ...rest.map((t) => `${indent}${t}`)].join('\n');
  });
  return `${rows.join('\n')}\n`;
}

/** Parses argv strictly; an unknown flag or a stray argument is a usage error. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>>['values'] {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** A positive integer flag, or a usage error naming it. */
export function intFlag(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return n;
}

/** A fresh install id: a queue of its own for this run. */
export function randomInstallId(): string {
  return `cli-${randomBytes(6).toString('hex')}`;
}

/** Validates the bus flags into a notifier config, or throws a usage error listing every problem. */
export function busConfig(values: {
  url?: string | undefined;
  transport?: string | undefined;
  user?: string | undefined;
  mode?: string | undefined;
  exchange?: string | undefined;
  installId?: string | undefined;
  acl?: string[] | undefined;
  maxReconnectDelayMs?: number | undefined;
  prefetch?: number | undefined;
}): NotifierConfig {
  if (!values.user) throw new UsageError('--user UUID is required (the Wazo user whose events to follow)');
  const result = parseConfig({
    // An explicit --url asks for the direct bus; without one, a login means websocketd.
    transport: values.transport ?? (values.url !== undefined ? 'amqp' : 'auto'),
    url: values.url ?? DEFAULT_BUS_URL,
    userUuid: values.user,
    mode: values.mode,
    exchange: values.exchange,
    installId: values.installId ?? randomInstallId(),
    acl: values.acl && values.acl.length > 0 ? values.acl : null,
    ...(values.maxReconnectDelayMs !== undefined ? { maxReconnectDelayMs: values.maxReconnectDelayMs } : {}),
    ...(values.prefetch !== undefined ? { prefetch: values.prefetch } : {}),
  });
  if (!result.ok) {
    const flag: Record<string, string> = {
      userUuid: '--user',
      url: '--url',
      transport: '--transport',
      mode: '--mode',
      exchange: '--exchange',
      installId: '--install-id',
    };
    throw new UsageError(
      result.errors.map((e) => e.replace(/^(\w+):/, (_, k: string) => `${flag[k] ?? k}:`)).join('\n'),
    );
  }
  return result.config;
}
