/**
 * The contract's commands, served by a NotifierService. Every transport (the
 * Electron IPC gate, the preview's WebSocket) dispatches through here, so a
 * request is checked by the same schema whichever way it came.
 */
import { checkRequest, type CheckedRequest, type Command, type CommandResponses } from '../../shared/contract.js';
import { describeError } from '../logger.js';
import type { Preferences } from '../../shared/preferences.js';
import type { NotifierService } from './notifier-service.js';

export type Reply = { ok: true; value: unknown } | { ok: false; error: string };

type Handlers = { [C in Command]: (request: never) => Promise<CommandResponses[C]> | CommandResponses[C] };

function handlers(service: NotifierService): Handlers {
  return {
    getSnapshot: () => service.snapshot,
    getSettings: () => service.settings,
    dismissToast: (request: { id: string }) => {
      service.dismissToast(request.id);
      return null;
    },
    saveSettings: (request: unknown) => service.saveSettings(request),
    getPreferences: () => service.preferences,
    savePreferences: (request: Preferences) => service.savePreferences(request),
    login: (request: CheckedRequest<'login'>) => {
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
    setService: (request: CheckedRequest<'setService'>) => service.setService(request),
    setForward: (request: CheckedRequest<'setForward'>) => service.setForward(request),
    markVoicemailRead: (request: CheckedRequest<'markVoicemailRead'>) => service.markVoicemailRead(request),
    deleteVoicemail: (request: CheckedRequest<'deleteVoicemail'>) => service.deleteVoicemail(request),
    callBack: (request: CheckedRequest<'callBack'>) => service.callBack(request),
    answerCall: (request: CheckedRequest<'answerCall'>) => service.answerCall(request),
    hangUpCall: (request: CheckedRequest<'hangUpCall'>) => service.hangUpCall(request),
    getVoicemailRecording: (request: CheckedRequest<'getVoicemailRecording'>) => service.getVoicemailRecording(request),
    markMissedSeen: () => service.markMissedSeen(),
    clearMissedCalls: () => service.clearMissedCalls(),
    addFavorite: (request: CheckedRequest<'addFavorite'>) => service.addFavorite(request),
    removeFavorite: (request: CheckedRequest<'removeFavorite'>) => service.removeFavorite(request),
    searchDirectory: (request: CheckedRequest<'searchDirectory'>) => service.searchDirectory(request),
    // The desktop's IPC gate answers this one itself (it owns the log file); the preview has no log file.
    openLogFolder: () => ({
      ok: false,
      error: 'the browser preview keeps no log file: its log is the terminal it runs in',
    }),
  };
}

/** Checks and runs one command; never throws. */
export async function dispatchCommand(service: NotifierService, command: unknown, request: unknown): Promise<Reply> {
  const checked = checkRequest(command, request);
  if (!checked.ok) return checked;
  try {
    const run = handlers(service)[checked.command] as (r: unknown) => unknown;
    return { ok: true, value: await run(checked.request) };
  } catch (err) {
    return { ok: false, error: `${checked.command} failed: ${describeError(err)}` };
  }
}
