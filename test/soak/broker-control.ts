/**
 * The broker's side of the faults: closing one named client connection (ours,
 * never anyone else's on this shared broker) and stopping/starting the
 * RabbitMQ application. `rabbitmqctl` starts an Erlang VM per call (1–2 s on
 * this machine), so the close is one `eval` that finds the connection by its
 * `connection_name` and closes it in the same call.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Closes, broker side, every connection whose `connection_name` is exactly `name`; returns how many. */
export async function forceClose(name: string): Promise<number> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`connection name not safe to quote: ${name}`);
  // A connection still opening has no client properties yet (`none`): it is skipped, not an error.
  const expr =
    '[rabbit_networking:close_connection(P, "soak: forced close") || ' +
    'P <- rabbit_networking:connections(), ' +
    `lists:member({<<"connection_name">>, longstr, <<"${name}">>}, ` +
    'case catch rabbit_networking:connection_info(P, [client_properties]) of ' +
    '[{client_properties, CP}] when is_list(CP) -> CP; _ -> [] end)].';
  const { stdout } = await run('rabbitmqctl', ['-q', 'eval', expr]);
  return (stdout.match(/ok/g) ?? []).length;
}

/** `rabbitmqctl stop_app` (under the exclusive broker lock only: every client of the broker loses it). */
export async function stopApp(): Promise<void> {
  await run('rabbitmqctl', ['-q', 'stop_app']);
}

/** `rabbitmqctl start_app`, then waits until the broker says it is up. */
export async function startApp(): Promise<void> {
  await run('rabbitmqctl', ['-q', 'start_app']);
  await run('rabbitmqctl', ['-q', 'await_startup', '--timeout', '30']);
}
