/**
 * The contract's commands, served by a NotifierService. Every transport (the
 * Electron IPC gate, the preview's WebSocket) dispatches through here, so a
 * request is checked by the same schema whichever way it came.
 */
import {
  checkRequest,
  type CheckedCommand,
  type CheckedRequest,
  type Command,
  type CommandResponses,
} from '../../shared/contract.js';
import { describeError } from '../logger.js';
import type { NotifierService } from './notifier-service.js';

export type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** What runs each command: its checked request in, its response out. */
export type Handlers = {
  [C in Command]: (request: CheckedRequest<C>) => Promise<CommandResponses[C]> | CommandResponses[C];
};

function handlers(service: NotifierService): Handlers {
  return {
    getSnapshot: () => service.snapshot,
    getSettings: () => service.settings,
    dismissToast: (request) => {
      service.dismissToast(request.id);
      return null;
    },
    saveSettings: (request) => service.saveSettings(request),
    getPreferences: () => service.preferences,
    savePreferences: (request) => service.savePreferences(request),
    login: (request) => {
      const { tlsFingerprint, tenant, ...rest } = request;
      // The window (desktop and browser preview) never sends a password over plain http to another host.
      return service.login({
        ...rest,
        allowPlainHttp: 'loopback-only',
        ...(tenant ? { tenant } : {}),
        ...(tlsFingerprint ? { tlsFingerprint } : {}),
      });
    },
    logout: () => service.logout(),
    setService: (request) => service.setService(request),
    setForward: (request) => service.setForward(request),
    markVoicemailRead: (request) => service.markVoicemailRead(request),
    deleteVoicemail: (request) => service.deleteVoicemail(request),
    callBack: (request) => service.callBack(request),
    answerCall: (request) => service.answerCall(request),
    hangUpCall: (request) => service.hangUpCall(request),
    getVoicemailRecording: (request) => service.getVoicemailRecording(request),
    markMissedSeen: () => service.markMissedSeen(),
    clearMissedCalls: () => service.clearMissedCalls(),
    addFavorite: (request) => service.addFavorite(request),
    removeFavorite: (request) => service.removeFavorite(request),
    searchDirectory: (request) => service.searchDirectory(request),
    // The desktop's IPC gate answers this one itself (it owns the log file); the preview has no log file.
    openLogFolder: () => ({
      ok: false,
      reason: 'no-log-file',
      error: 'the browser preview keeps no log file: its log is the terminal it runs in',
    }),
  };
}

/**
 * Checks and runs one command; never throws. `local` answers some commands
 * instead of the service (what only a host can do, e.g. the desktop's log
 * folder), after the same check.
 */
export async function dispatchCommand(
  service: NotifierService,
  command: unknown,
  request: unknown,
  local: Partial<Handlers> = {},
): Promise<Reply> {
  const checked = checkRequest(command, request);
  if (!checked.ok) return checked;
  try {
    return { ok: true, value: await run({ ...handlers(service), ...local }, checked) };
  } catch (err) {
    return { ok: false, error: `${checked.command} failed: ${describeError(err)}` };
  }
}

/** One command through its own handler: the command and its request's type go together. */
function run<C extends Command>(
  all: Handlers,
  checked: Extract<CheckedCommand, { command: C }>,
): Promise<CommandResponses[C]> | CommandResponses[C] {
  const handler: Handlers[C] = all[checked.command];
  return handler(checked.request);
}
