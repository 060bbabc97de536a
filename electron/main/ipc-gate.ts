/**
 * The one door between the window and the core in the desktop app. Every
 * invocation must come from our window's top frame; every request is checked
 * against the contract's schema (in dispatchCommand); the core's pushes go to
 * our window only. Electron is a parameter, so this is tested with fakes.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Logger } from '../core/logger.js';
import { dispatchCommand, type Handlers } from '../core/service/commands.js';
import type { NotifierService } from '../core/service/notifier-service.js';
import { COMMAND_NAMES, PUSH_EVENTS, channel } from '../shared/channels.js';

export interface IpcGateOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** Our window's contents, or null while there is no window. */
  contents: () => Pick<WebContents, 'send' | 'mainFrame' | 'isDestroyed'> | null;
  service: Pick<NotifierService, 'on'> & Parameters<typeof dispatchCommand>[0];
  log: Logger;
  /** Commands main answers itself (what only the shell can do), after the same sender and schema checks. */
  local?: Partial<Handlers>;
}

/** True when an invocation comes from our window's top frame. */
function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  contents: Pick<WebContents, 'mainFrame'> | null,
): boolean {
  return contents !== null && event.sender === contents && event.senderFrame === contents.mainFrame;
}

/** Registers every command of the contract and forwards the pushes; returns the function that undoes it. */
export function registerIpcGate(opts: IpcGateOptions): () => void {
  for (const command of COMMAND_NAMES) {
    opts.ipcMain.handle(channel(command), async (event: IpcMainInvokeEvent, request: unknown) => {
      if (!isTrustedSender(event, opts.contents())) {
        opts.log.warn(`refused ${command} from a sender that is not our window`);
        throw new Error('refused');
      }
      const reply = await dispatchCommand(opts.service, command, request, opts.local);
      if (!reply.ok) {
        opts.log.warn(reply.error);
        throw new Error(reply.error);
      }
      return reply.value;
    });
  }
  const offs = PUSH_EVENTS.map((event) =>
    opts.service.on(event, (payload) => {
      const contents = opts.contents();
      if (contents && !contents.isDestroyed()) contents.send(channel(event), payload);
    }),
  );
  return () => {
    for (const command of COMMAND_NAMES) opts.ipcMain.removeHandler(channel(command));
    offs.forEach((off) => off());
  };
}
