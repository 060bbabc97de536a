/**
 * English and French, chosen from the system (browser) locale. Messages are
 * plain strings with {placeholders}; values are inserted as text by Svelte,
 * never as HTML.
 */
const en = {
  app_title: 'Wazo Notifier',
  'status.connecting': 'Connecting…',
  'status.connected': 'Connected',
  'status.reconnecting': 'Reconnecting (attempt {attempt})',
  'status.reconnecting_reason': 'Reconnecting (attempt {attempt}): {error}',
  'status.closed': 'Offline',
  'header.user': 'User {user}',
  'header.dnd': 'Do not disturb',
  'toast.incoming_call': 'Incoming call',
  'toast.call_answered': 'Call answered',
  'toast.missed_call': 'Missed call',
  'toast.voicemail': 'New voicemail',
  'toast.forward_on': '{forward} forward on',
  'toast.forward_on_to': '{forward} forward on, to {destination}',
  'toast.forward_off': '{forward} forward off',
  'toast.service_on': '{service} on',
  'toast.service_off': '{service} off',
  'toast.more': '{count} more notifications',
  'toast.dismiss': 'Dismiss',
  'toast.region': 'Notifications',
  unknown_caller: 'Unknown caller',
  'calls.title': 'Active calls',
  'calls.none': 'No call in progress',
  'calls.ringing_in': 'Ringing',
  'calls.ringing_out': 'Calling',
  'calls.talking': 'Talking',
  'calls.setting_up': 'Setting up…',
  'calls.other': 'Call',
  'calls.on_hold': 'On hold',
  'missed.title': 'Missed calls',
  'missed.none': 'No missed call',
  'missed.count': '{count} missed',
  'voicemail.title': 'Voicemail',
  'voicemail.none': 'No message',
  'voicemail.unread': '{count} unread',
  'voicemail.new': 'New',
  'voicemail.more': 'Show {count} more',
  'voicemail.folder.new': 'Inbox',
  'voicemail.folder.old': 'Old',
  'voicemail.folder.urgent': 'Urgent',
  'voicemail.folder.other': 'Other',
  'forwards.title': 'Forwards and services',
  'forward.busy': 'Busy',
  'forward.noanswer': 'No answer',
  'forward.unconditional': 'Unconditional',
  'service.dnd': 'Do not disturb',
  'service.incallfilter': 'Incoming call filter',
  'state.on': 'On',
  'state.on_to': 'On, to {destination}',
  'state.off': 'Off',
  'state.unknown': 'Unknown',
  'favorites.title': 'Favorites',
  'favorites.none': 'No favorite',
  'settings.title': 'Settings',
  'settings.url': 'Bus URL',
  'settings.mode': 'Mode',
  'settings.mode.topic': 'topic (exchange xivo, Wazo before 23.01)',
  'settings.mode.headers': 'headers (exchange wazo-headers, Wazo 23.01+)',
  'settings.exchange': 'Exchange (empty: the mode’s default)',
  'settings.user': 'User UUID',
  'settings.save': 'Save',
  'settings.saved': 'Settings saved',
  'settings.error': 'Could not save: {error}',
  'error.bridge': 'The notifier cannot be reached: {error}',
  'prefs.title': 'Desktop notifications',
  'prefs.enabled': 'Notify me of',
  'prefs.during_dnd': 'Even during do not disturb',
  'prefs.kind.incoming_call': 'Incoming calls',
  'prefs.kind.missed_call': 'Missed calls',
  'prefs.kind.voicemail': 'New voicemails',
  'prefs.start_at_login': 'Start at login, in the tray',
  'prefs.allow_plaintext': 'Keep my password unencrypted anyway',
  'prefs.secrets.encrypted': 'Your password is kept encrypted by the system.',
  'prefs.secrets.plaintext': 'This system cannot encrypt your password: it is only kept if you allow it.',
  'prefs.secrets.none': 'Browser preview: no password is kept.',
  'prefs.error': 'Could not save: {error}',
  'header.account': '{username} on {server}',
  'sync.syncing': 'Reading your state from the server…',
  'sync.failed': 'Could not read your state from the server: {error}',
  'sync.partial': 'Part of your state could not be read: {error}',
  'login.title': 'Wazo account',
  'login.server': 'Server',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.tenant': 'Tenant domain (optional)',
  'login.advanced': 'Self-signed certificate',
  'login.fingerprint': 'Trusted certificate fingerprint (SHA-256)',
  'login.submit': 'Log in',
  'login.logging_in': 'Logging in…',
  'login.logged_in': 'Logged in as {username} on {server}',
  'login.logout': 'Log out',
  'login.error': 'Could not log in: {error}',
  'login.needed': 'Log in to a Wazo server to change these from here.',
  'command.refused': 'Not changed: {error}',
  'forward.destination': '{forward} forward destination',
  'toggle.on': 'Turn on',
  'toggle.off': 'Turn off',
  'toggle.label_on': 'Turn on {name}',
  'toggle.label_off': 'Turn off {name}',
  'voicemail.mark_read': 'Mark read',
  'voicemail.delete': 'Delete',
  'voicemail.mark_read_label': 'Mark the message from {who} read',
  'voicemail.delete_label': 'Delete the message from {who}',
} as const;

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  app_title: 'Wazo Notifier',
  'status.connecting': 'Connexion…',
  'status.connected': 'Connecté',
  'status.reconnecting': 'Reconnexion (tentative {attempt})',
  'status.reconnecting_reason': 'Reconnexion (tentative {attempt}) : {error}',
  'status.closed': 'Hors ligne',
  'header.user': 'Utilisateur {user}',
  'header.dnd': 'Ne pas déranger',
  'toast.incoming_call': 'Appel entrant',
  'toast.call_answered': 'Appel décroché',
  'toast.missed_call': 'Appel manqué',
  'toast.voicemail': 'Nouveau message vocal',
  'toast.forward_on': 'Renvoi {forward} activé',
  'toast.forward_on_to': 'Renvoi {forward} activé, vers {destination}',
  'toast.forward_off': 'Renvoi {forward} désactivé',
  'toast.service_on': '{service} activé',
  'toast.service_off': '{service} désactivé',
  'toast.more': '{count} notifications de plus',
  'toast.dismiss': 'Fermer',
  'toast.region': 'Notifications',
  unknown_caller: 'Appelant inconnu',
  'calls.title': 'Appels en cours',
  'calls.none': 'Aucun appel en cours',
  'calls.ringing_in': 'Sonne',
  'calls.ringing_out': 'Appel sortant',
  'calls.talking': 'En communication',
  'calls.setting_up': 'Mise en relation…',
  'calls.other': 'Appel',
  'calls.on_hold': 'En attente',
  'missed.title': 'Appels manqués',
  'missed.none': 'Aucun appel manqué',
  'missed.count': '{count} manqué(s)',
  'voicemail.title': 'Messagerie vocale',
  'voicemail.none': 'Aucun message',
  'voicemail.unread': '{count} non lu(s)',
  'voicemail.new': 'Nouveau',
  'voicemail.more': 'Afficher {count} de plus',
  'voicemail.folder.new': 'Boîte de réception',
  'voicemail.folder.old': 'Anciens',
  'voicemail.folder.urgent': 'Urgent',
  'voicemail.folder.other': 'Autre',
  'forwards.title': 'Renvois et services',
  'forward.busy': 'sur occupation',
  'forward.noanswer': 'sur non-réponse',
  'forward.unconditional': 'inconditionnel',
  'service.dnd': 'Ne pas déranger',
  'service.incallfilter': 'Filtrage des appels entrants',
  'state.on': 'Activé',
  'state.on_to': 'Activé, vers {destination}',
  'state.off': 'Désactivé',
  'state.unknown': 'Inconnu',
  'favorites.title': 'Favoris',
  'favorites.none': 'Aucun favori',
  'settings.title': 'Réglages',
  'settings.url': 'URL du bus',
  'settings.mode': 'Mode',
  'settings.mode.topic': 'topic (échange xivo, Wazo avant 23.01)',
  'settings.mode.headers': 'headers (échange wazo-headers, Wazo 23.01+)',
  'settings.exchange': 'Échange (vide : celui du mode)',
  'settings.user': 'UUID de l’utilisateur',
  'settings.save': 'Enregistrer',
  'settings.saved': 'Réglages enregistrés',
  'settings.error': 'Enregistrement impossible : {error}',
  'error.bridge': 'Le notificateur est injoignable : {error}',
  'prefs.title': 'Notifications du bureau',
  'prefs.enabled': 'Me prévenir des',
  'prefs.during_dnd': 'Même en mode ne pas déranger',
  'prefs.kind.incoming_call': 'Appels entrants',
  'prefs.kind.missed_call': 'Appels manqués',
  'prefs.kind.voicemail': 'Nouveaux messages vocaux',
  'prefs.start_at_login': 'Démarrer à l’ouverture de session, dans la barre système',
  'prefs.allow_plaintext': 'Conserver mon mot de passe non chiffré malgré tout',
  'prefs.secrets.encrypted': 'Votre mot de passe est conservé chiffré par le système.',
  'prefs.secrets.plaintext':
    'Ce système ne peut pas chiffrer votre mot de passe : il n’est conservé que si vous l’autorisez.',
  'prefs.secrets.none': 'Aperçu navigateur : aucun mot de passe n’est conservé.',
  'prefs.error': 'Enregistrement impossible : {error}',
  'header.account': '{username} sur {server}',
  'sync.syncing': 'Lecture de votre état sur le serveur…',
  'sync.failed': 'Impossible de lire votre état sur le serveur : {error}',
  'sync.partial': 'Une partie de votre état n’a pas pu être lue : {error}',
  'login.title': 'Compte Wazo',
  'login.server': 'Serveur',
  'login.username': 'Identifiant',
  'login.password': 'Mot de passe',
  'login.tenant': 'Domaine du tenant (facultatif)',
  'login.advanced': 'Certificat auto-signé',
  'login.fingerprint': 'Empreinte du certificat de confiance (SHA-256)',
  'login.submit': 'Se connecter',
  'login.logging_in': 'Connexion…',
  'login.logged_in': 'Connecté en tant que {username} sur {server}',
  'login.logout': 'Se déconnecter',
  'login.error': 'Connexion impossible : {error}',
  'login.needed': 'Connectez-vous à un serveur Wazo pour les modifier d’ici.',
  'command.refused': 'Non modifié : {error}',
  'forward.destination': 'Destination du renvoi {forward}',
  'toggle.on': 'Activer',
  'toggle.off': 'Désactiver',
  'toggle.label_on': 'Activer {name}',
  'toggle.label_off': 'Désactiver {name}',
  'voicemail.mark_read': 'Marquer comme lu',
  'voicemail.delete': 'Supprimer',
  'voicemail.mark_read_label': 'Marquer comme lu le message de {who}',
  'voicemail.delete_label': 'Supprimer le message de {who}',
};

export type Locale = 'en' | 'fr';
const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** The first supported language among the system's preferred ones; English otherwise. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lang = tag.toLowerCase().split('-')[0];
    if (lang === 'fr' || lang === 'en') return lang;
  }
  return 'en';
}

export interface Translator {
  locale: Locale;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  time(iso: string | number): string;
  duration(seconds: number): string;
}

/** A translator for one locale. */
export function translator(locale: Locale): Translator {
  const messages = MESSAGES[locale];
  const timeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  // Intl formatting is slow and lists show the same times again and again.
  const times = new Map<string | number, string>();
  return {
    locale,
    t: (key, params) => messages[key].replace(/\{(\w+)\}/g, (m, name: string) => String(params?.[name] ?? m)),
    time: (when) => {
      const known = times.get(when);
      if (known !== undefined) return known;
      const d = typeof when === 'number' ? new Date(when * 1000) : new Date(when);
      const text = Number.isNaN(d.getTime()) ? '' : timeFmt.format(d);
      if (times.size >= 20_000) times.clear();
      times.set(when, text);
      return text;
    },
    duration: (seconds) => {
      const s = Math.max(0, Math.floor(seconds));
      const h = Math.floor(s / 3600);
      const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
      const ss = String(s % 60).padStart(2, '0');
      return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
    },
  };
}
