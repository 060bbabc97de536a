/**
 * The window's runners of commands and call actions: a refusal because the
 * server could not be reached ends when the connection comes back; any other
 * stays until the next action in its card.
 */
import { describe, expect, it } from 'vitest';
import { CommandRunner } from '../../../renderer/src/lib/command-runner.svelte.js';
import { CallActionRunner } from '../../../renderer/src/lib/call-action-runner.svelte.js';
import { connectivity } from '../../../renderer/src/lib/connectivity.svelte.js';
import { translator } from '../../../renderer/src/lib/i18n.js';

const tr = translator('en');

describe('a runner’s refusal', () => {
  it('said because the server could not be reached, ends when the connection is back', async () => {
    const commands = new CommandRunner(() => tr);
    await commands.run('dnd', () =>
      Promise.resolve({ ok: false, reason: 'unreachable', error: 'connect ECONNREFUSED' }),
    );
    expect(commands.error).toBe('Not changed: The server cannot be reached: check its address and your network.');
    expect(commands.detail).toBe('connect ECONNREFUSED');
    connectivity.returns++;
    expect(commands.error).toBe('');
    expect(commands.detail).toBe('');
  });

  it('of another kind, stays until the next action', async () => {
    const calling = new CallActionRunner(() => tr);
    await calling.run('c1', () => Promise.resolve({ ok: false, reason: 'no-such-call', error: 'calld: 404' }));
    const said = calling.error;
    expect(said).not.toBe('');
    connectivity.returns++;
    expect(calling.error).toBe(said);
    await calling.run('c1', () => Promise.resolve({ ok: true }));
    expect(calling.error).toBe('');
  });

  it('of a call action out of reach ends with the connection’s return too', async () => {
    const calling = new CallActionRunner(() => tr);
    await calling.run('c1', () => Promise.resolve({ ok: false, reason: 'unreachable', error: 'calld: timeout' }));
    expect(calling.error).not.toBe('');
    connectivity.returns++;
    expect(calling.error).toBe('');
  });
});
