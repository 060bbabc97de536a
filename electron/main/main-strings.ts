/**
 * The words the main process shows outside the window (tray, system
 * notifications), in English and French like the window itself. A table of
 * its own: the renderer's i18n is a browser module, and main must not import
 * it. The language is chosen from Electron's locale and the system's
 * preferred languages, passed in so that this stays plain data.
 */

/** The languages the app speaks. */
export type MainLanguage = 'en' | 'fr';

const EN = {
  appName: 'Wazo Notifier',
  show: 'Show',
  hide: 'Hide',
  quit: 'Quit',
  connected: 'Connected',
  reconnecting: 'Reconnecting (attempt {n})',
  notSignedIn: 'Not signed in',
  offline: 'Offline',
  dnd: 'Do not disturb',
  incallfilter: 'Incoming call filter',
  unreadVoicemail: '{n} unread voicemail',
  unreadVoicemails: '{n} unread voicemails',
  missedCall: '{n} missed call',
  missedCalls: '{n} missed calls',
  incomingCall: 'Incoming call',
  missedCallTitle: 'Missed call',
  newVoicemail: 'New voicemail',
  unknownCaller: 'Unknown caller',
  moreNotifications: '{n} more notifications',
};

/** Every text the main process shows, by key. */
export type MainStrings = typeof EN;

const FR: MainStrings = {
  appName: 'Wazo Notifier',
  show: 'Afficher',
  hide: 'Masquer',
  quit: 'Quitter',
  connected: 'Connecté',
  reconnecting: 'Reconnexion (essai {n})',
  notSignedIn: 'Non connecté',
  offline: 'Hors ligne',
  dnd: 'Ne pas déranger',
  incallfilter: 'Filtrage des appels entrants',
  unreadVoicemail: '{n} message vocal non lu',
  unreadVoicemails: '{n} messages vocaux non lus',
  missedCall: '{n} appel manqué',
  missedCalls: '{n} appels manqués',
  incomingCall: 'Appel entrant',
  missedCallTitle: 'Appel manqué',
  newVoicemail: 'Nouveau message vocal',
  unknownCaller: 'Appelant inconnu',
  moreNotifications: '{n} notifications de plus',
};

/** The English table: the default, and what tests of other modules see. */
export const ENGLISH: MainStrings = EN;

/** The table for a language. */
export function stringsFor(lang: MainLanguage): MainStrings {
  return lang === 'fr' ? FR : EN;
}

/**
 * The first supported language among the system's preferred ones (then the
 * app's locale), English when none is: e.g. ['fr-CA', 'en-US'] gives 'fr'.
 */
export function pickLanguage(preferred: readonly string[], locale: string): MainLanguage {
  for (const tag of [...preferred, locale]) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

/** A text with its {n} placeholder filled. */
export function fill(text: string, n: number): string {
  return text.replace('{n}', String(n));
}
