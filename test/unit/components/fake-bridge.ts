/** A recording fake of the contract's bridge, for component tests. */
import type {
  CommandResponses,
  PushEvent,
  PushEvents,
  WazoBridge,
  WazoCommandResult,
} from '../../../electron/shared/contract.js';
import type { CallActionResult } from '../../../electron/shared/call-actions.js';
import { initialState } from '../../../electron/core/store/state.js';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../electron/shared/preferences.js';
import { validateSettings } from '../../../electron/shared/settings.js';
import type { Snapshot } from '../../../electron/shared/snapshot.js';

/** What the fake answers to the commands sent to the Wazo server (default: accepted). */
export interface FakeAnswers {
  wazo: WazoCommandResult;
  /** What callBack, answerCall and hangUpCall answer (default: done). */
  call: CallActionResult;
  login: CommandResponses['login'];
  /** What getSnapshot answers (default: a fresh user's). */
  snapshot: Snapshot;
  /** What openLogFolder answers (default: the browser preview's refusal). */
  openLogFolder: CommandResponses['openLogFolder'];
  /** What getVoicemailRecording answers (default: a refusal, there is no recording here). */
  recording: CommandResponses['getVoicemailRecording'];
  /** What searchDirectory answers for a term (default: nothing found); may wait, to answer out of order. */
  search: (term: string) => CommandResponses['searchDirectory'] | Promise<CommandResponses['searchDirectory']>;
}

export function fakeBridge(answers: Partial<FakeAnswers> = {}) {
  const calls: { command: string; request: unknown }[] = [];
  const wazo = async (command: string, r: unknown): Promise<WazoCommandResult> => {
    calls.push({ command, request: r });
    return answers.wazo ?? { ok: true };
  };
  const call = async (command: string, r: unknown): Promise<CallActionResult> => {
    calls.push({ command, request: r });
    return answers.call ?? { ok: true };
  };
  let prefs: Preferences = DEFAULT_PREFERENCES;
  const listeners = new Map<PushEvent, Set<(p: never) => void>>();
  const bridge: WazoBridge = {
    getSnapshot: async (r) => (
      calls.push({ command: 'getSnapshot', request: r }),
      answers.snapshot ?? initialState('u').snapshot
    ),
    getSettings: async (r) => (
      calls.push({ command: 'getSettings', request: r }),
      {
        transport: 'auto',
        url: 'amqp://guest:guest@localhost:5672/',
        mode: 'auto',
        exchange: '',
        userUuid: '2e752722-0864-4665-887d-a78a024cf7c7',
      }
    ),
    dismissToast: async (r) => (calls.push({ command: 'dismissToast', request: r }), null),
    saveSettings: async (r) => {
      calls.push({ command: 'saveSettings', request: r });
      const checked = validateSettings(r);
      return checked.ok ? { ok: true, settings: checked.settings } : checked;
    },
    getPreferences: async (r) => (
      calls.push({ command: 'getPreferences', request: r }),
      { preferences: prefs, secrets: 'plaintext' }
    ),
    savePreferences: async (r) => {
      calls.push({ command: 'savePreferences', request: r });
      prefs = r;
      return { preferences: prefs, secrets: 'plaintext' };
    },
    login: async (r) => {
      calls.push({ command: 'login', request: r });
      return answers.login ?? { ok: true, account: { username: r.username, server: r.server, tenant_uuid: null } };
    },
    logout: async (r) => (calls.push({ command: 'logout', request: r }), { ok: true }),
    setService: (r) => wazo('setService', r),
    setForward: (r) => wazo('setForward', r),
    markVoicemailRead: (r) => wazo('markVoicemailRead', r),
    deleteVoicemail: (r) => wazo('deleteVoicemail', r),
    callBack: (r) => call('callBack', r),
    answerCall: (r) => call('answerCall', r),
    hangUpCall: (r) => call('hangUpCall', r),
    getVoicemailRecording: async (r) => (
      calls.push({ command: 'getVoicemailRecording', request: r }),
      answers.recording ?? { ok: false, reason: 'not-found', error: 'no recording in component tests' }
    ),
    openLogFolder: async (r) => (
      calls.push({ command: 'openLogFolder', request: r }),
      answers.openLogFolder ?? { ok: false, reason: 'no-log-file', error: 'the browser preview keeps no log file' }
    ),
    markMissedSeen: async (r) => (calls.push({ command: 'markMissedSeen', request: r }), { ok: true }),
    clearMissedCalls: async (r) => (calls.push({ command: 'clearMissedCalls', request: r }), { ok: true }),
    addFavorite: (r) => wazo('addFavorite', r),
    removeFavorite: (r) => wazo('removeFavorite', r),
    searchDirectory: async (r) => {
      calls.push({ command: 'searchDirectory', request: r });
      return answers.search ? answers.search(r.term) : { ok: true, term: r.term, contacts: [], more: false };
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: never) => void);
      return () => set.delete(listener as (p: never) => void);
    },
  };
  const push = <E extends PushEvent>(event: E, payload: PushEvents[E]) =>
    listeners.get(event)?.forEach((l) => (l as (p: PushEvents[E]) => void)(payload));
  return { bridge, calls, push };
}
