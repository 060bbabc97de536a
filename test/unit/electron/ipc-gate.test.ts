import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/core/config.js';
import { NotifierService } from '../../../electron/core/service/notifier-service.js';
import { registerIpcGate } from '../../../electron/main/ipc-gate.js';
import { COMMAND_NAMES, channel } from '../../../electron/shared/channels.js';

/** A recording fake of ipcMain: handlers by channel, invoked as Electron would. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
  return {
    handlers,
    handle: (ch: string, fn: (event: unknown, request: unknown) => Promise<unknown>) => {
      if (handlers.has(ch)) throw new Error(`second handler for ${ch}`);
      handlers.set(ch, fn);
    },
    removeHandler: (ch: string) => handlers.delete(ch),
    invoke: (ch: string, event: unknown, request: unknown) => handlers.get(ch)!(event, request),
  };
}

function setup(local?: Parameters<typeof registerIpcGate>[0]['local']) {
  const parsed = parseConfig({ userUuid: '2e752722-0864-4665-887d-a78a024cf7c7', installId: 'gate' });
  if (!parsed.ok) throw new Error('config');
  // Never started: the gate's checks do not need a broker.
  const service = new NotifierService(parsed.config);
  const mainFrame = { url: 'app://wazo/index.html' };
  const sent: [string, unknown][] = [];
  const contents = {
    mainFrame,
    isDestroyed: () => false,
    send: (ch: string, payload: unknown) => sent.push([ch, payload]),
  };
  const ipcMain = fakeIpcMain();
  const warnings: string[] = [];
  const log = { info() {}, warn: (m: string) => warnings.push(m), error() {} };
  const undo = registerIpcGate({
    ipcMain: ipcMain as never,
    contents: () => contents as never,
    service,
    log,
    ...(local ? { local } : {}),
  });
  const ours = { sender: contents, senderFrame: mainFrame };
  return { ipcMain, ours, contents, sent, warnings, undo, service };
}

describe('IPC gate', () => {
  it('lets main answer the log folder itself, behind the same sender and schema checks', async () => {
    let opened = 0;
    const { ipcMain, ours } = setup({ openLogFolder: async () => (opened++, { ok: true }) });
    expect(await ipcMain.invoke(channel('openLogFolder'), ours, {})).toEqual({ ok: true });
    await expect(ipcMain.invoke(channel('openLogFolder'), { sender: {}, senderFrame: {} }, {})).rejects.toThrow(
      'refused',
    );
    await expect(ipcMain.invoke(channel('openLogFolder'), ours, { path: '/etc' })).rejects.toThrow(/invalid/);
    expect(opened).toBe(1);
  });

  it('says the browser preview has no log file, where the core answers', async () => {
    const { ipcMain, ours } = setup();
    expect(await ipcMain.invoke(channel('openLogFolder'), ours, {})).toMatchObject({ ok: false, error: /no log file/ });
  });

  it('registers every command of the contract', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(channel).sort());
  });

  it('answers our window', async () => {
    const { ipcMain, ours } = setup();
    const snap = (await ipcMain.invoke(channel('getSnapshot'), ours, {})) as { user_uuid: string };
    expect(snap.user_uuid).toBe('2e752722-0864-4665-887d-a78a024cf7c7');
  });

  it('refuses another sender, and a subframe of our window', async () => {
    const { ipcMain, ours, warnings } = setup();
    await expect(ipcMain.invoke(channel('getSnapshot'), { sender: {}, senderFrame: {} }, {})).rejects.toThrow(
      'refused',
    );
    await expect(
      ipcMain.invoke(channel('getSnapshot'), { ...ours, senderFrame: { url: 'https://evil.example/' } }, {}),
    ).rejects.toThrow('refused');
    expect(warnings).toHaveLength(2);
  });

  it('refuses a payload that does not match the contract', async () => {
    const { ipcMain, ours } = setup();
    await expect(ipcMain.invoke(channel('dismissToast'), ours, { id: 42 })).rejects.toThrow(
      /invalid dismissToast request/,
    );
    await expect(ipcMain.invoke(channel('getSnapshot'), ours, { extra: true })).rejects.toThrow(
      /invalid getSnapshot request/,
    );
    await expect(ipcMain.invoke(channel('saveSettings'), ours, 'url=x')).rejects.toThrow(
      /invalid saveSettings request/,
    );
  });

  it('never logs a password, even one of the wrong type or length', async () => {
    const { ipcMain, ours, warnings } = setup();
    const base = { server: 'https://wazo.example.com', username: 'alice' };
    for (const password of [987654321, 'p'.repeat(2000) + 'SECRET-TAIL']) {
      await expect(ipcMain.invoke(channel('login'), ours, { ...base, password })).rejects.toThrow(
        /invalid login request: × the password (must be text|is too long)/,
      );
    }
    expect(warnings.join('\n')).not.toMatch(/987654321|SECRET-TAIL|pppp/);
  });

  it('refuses a forward turned on without a destination, and one that is not a number', async () => {
    const { ipcMain, ours } = setup();
    await expect(
      ipcMain.invoke(channel('setForward'), ours, { forward: 'busy', enabled: true, destination: null }),
    ).rejects.toThrow(/a forward needs a destination/);
    await expect(
      ipcMain.invoke(channel('setForward'), ours, { forward: 'busy', enabled: true, destination: '<script>' }),
    ).rejects.toThrow(/the destination is a number or extension/);
    // Without a login, a valid request is answered, not applied.
    expect(await ipcMain.invoke(channel('setService'), ours, { service: 'dnd', enabled: true })).toEqual({
      ok: false,
      reason: 'signed-out',
      error: 'log in to a Wazo server to change this',
    });
  });

  it('answers invalid settings with field errors, not by applying them', async () => {
    const { ipcMain, ours, service } = setup();
    const reply = await ipcMain.invoke(channel('saveSettings'), ours, {
      url: 'http://x/',
      mode: 'topic',
      exchange: '',
      userUuid: 'bob',
    });
    expect(reply).toMatchObject({ ok: false, errors: [{ field: 'url' }, { field: 'userUuid' }] });
    expect(service.settings.userUuid).toBe('2e752722-0864-4665-887d-a78a024cf7c7');
  });

  it('pushes snapshot changes to our window, and stops once unregistered', () => {
    const { ipcMain, undo, sent, service } = setup();
    service.notifier.setSync({ status: 'failed', error: 'x' });
    expect(sent).toEqual([[channel('change'), { seq: 1, patch: { sync: { status: 'failed', error: 'x' } } }]]);
    service.focus('missed');
    expect(sent[1]).toEqual([channel('focus'), { section: 'missed' }]);
    undo();
    expect(ipcMain.handlers.size).toBe(0);
    service.notifier.setSync({ status: 'failed', error: 'y' });
    service.focus('calls');
    expect(sent).toHaveLength(2);
  });
});
