/** How toasts and states are worded, from structured data, in the user's language. */
import type {
  AccountView,
  CallView,
  ConnectionSource,
  ConnectionState,
  ForwardState,
  IdentityView,
  ServiceState,
} from '../../../electron/shared/snapshot';
import type { Toast } from '../../../electron/shared/toast';
import { callerLine } from '../../../electron/shared/caller-line';
import type { Translator } from './i18n';

/** A caller as one line: "Name (number)", or whichever is known. */
export function caller(tr: Translator, name: string | null, number: string | null): string {
  return callerLine(name, number, tr.t('unknown_caller'));
}

/** A toast's title and body. */
export function toastText(tr: Translator, toast: Toast): { title: string; body: string } {
  switch (toast.kind) {
    case 'incoming_call':
    case 'call_answered':
    case 'missed_call':
    case 'voicemail':
      return { title: tr.t(`toast.${toast.kind}`), body: caller(tr, toast.name, toast.number) };
    case 'forward': {
      const forward = tr.t(`forward.inline.${toast.forward}`);
      const key = !toast.enabled ? 'toast.forward_off' : toast.destination ? 'toast.forward_on_to' : 'toast.forward_on';
      return { title: tr.t(key, { forward, destination: toast.destination ?? '' }), body: '' };
    }
    case 'service': {
      const service = tr.t(`service.${toast.service}`);
      return { title: tr.t(toast.enabled ? 'toast.service_on' : 'toast.service_off', { service }), body: '' };
    }
  }
}

/** A forward's or service's state; `null` (never announced) is unknown, not off. */
export function toggleText(tr: Translator, state: ForwardState | ServiceState | null): string {
  if (!state) return tr.t('state.unknown');
  if (!state.enabled) return tr.t('state.off');
  const destination = 'destination' in state ? state.destination : null;
  return destination ? tr.t('state.on_to', { destination }) : tr.t('state.on');
}

/** A call's phase, from its Asterisk channel state. */
export function callPhase(tr: Translator, status: CallView['status']): string {
  switch (status) {
    case 'Ringing':
      return tr.t('calls.ringing_in');
    case 'Ring':
      return tr.t('calls.ringing_out');
    case 'Up':
      return tr.t('calls.talking');
    case 'Down':
      // A channel not up yet: call_created arrives with it while the call is being set up.
      return tr.t('calls.setting_up');
    default:
      return tr.t('calls.other');
  }
}

/** How the header names the signed-in user. A display name, once the account carries one, goes first here. */
/** Who the signed-in user is, as the header says it: "Alice Martin, extension 1001", or what is known of it. */
export function identityText(tr: Translator, me: IdentityView): string {
  if (me.name && me.extension) return tr.t('me.name_extension', { name: me.name, extension: me.extension });
  if (me.extension) return tr.t('me.extension', { extension: me.extension });
  return me.name ?? '';
}

export function accountName(account: AccountView): string {
  return account.username;
}

/** A server origin's host as a user knows it (`wazo.example.com`, with the port only when not the default). */
export function serverHost(server: string): string {
  try {
    return new URL(server).host || server;
  } catch {
    return server;
  }
}

/**
 * The connection in words, from its status and its source only: the attempt
 * number, the delay and the technical reason never change it, so that a
 * live region holding it is announced once per state, not on every retry.
 */
export function connectionHeadline(tr: Translator, c: Pick<ConnectionState, 'status' | 'source'>): string {
  const s: ConnectionSource | undefined = c.source;
  switch (c.status) {
    case 'idle':
      return tr.t('status.idle');
    case 'closed':
      return tr.t('status.closed');
    case 'reconnecting':
      return tr.t(s?.transport === 'amqp' ? 'status.lost_bus' : 'status.lost_server');
    case 'connecting':
      if (!s) return tr.t('status.connecting');
      return s.transport === 'websocketd'
        ? tr.t('status.connecting_to', { host: serverHost(s.server) })
        : tr.t('status.connecting_bus', { broker: s.broker });
    case 'connected':
      if (!s) return tr.t('status.connected');
      if (s.transport === 'websocketd') return tr.t('status.connected_to', { host: serverHost(s.server) });
      return s.exchange
        ? tr.t('status.connected_bus_exchange', { broker: s.broker, exchange: s.exchange })
        : tr.t('status.connected_bus', { broker: s.broker });
  }
}

/** When the next attempt comes, in whole seconds; "now" under one second. */
export function retryText(tr: Translator, ms: number): string {
  return ms < 1000 ? tr.t('status.retry_now') : tr.t('status.retry_in', { seconds: Math.round(ms / 1000) });
}
