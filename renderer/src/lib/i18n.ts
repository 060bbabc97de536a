/**
 * English and French, chosen from the system (browser) locale. Messages are
 * plain strings with {placeholders}; values are inserted as text by Svelte,
 * never as HTML.
 */
const en = {
  app_title: 'Wazo Notifier',
  'status.idle': 'Not signed in',
  'status.connecting': 'Connecting…',
  'status.connecting_to': 'Connecting to {host}…',
  'status.connecting_bus': 'Connecting to the bus at {broker}…',
  'status.connected': 'Connected',
  'status.connected_to': 'Connected to {host}',
  'status.connected_bus': 'Connected to the bus at {broker}',
  'status.connected_bus_exchange': 'Connected to the bus at {broker} ({exchange})',
  'status.lost_server': 'Lost the connection to the server',
  'status.lost_bus': 'Lost the connection to the bus',
  'status.retry_in': 'retrying in {seconds} s',
  'status.retry_now': 'retrying now',
  'status.closed': 'Offline',
  'status.details': 'Details',
  'status.details_label': 'Details of the connection problem',
  'status.attempt': 'Attempt {attempt}: {error}',
  'status.warning': 'Connected, with a warning: {warning}',
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
  'missed.none': 'No missed calls',
  'missed.count': '{count} missed',
  'voicemail.title': 'Voicemail',
  'voicemail.none': 'No messages',
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
  'favorites.none': 'No favorites',
  'advanced.title': 'Advanced: direct bus access',
  'advanced.hint':
    'For the Wazo server itself or an integration: follow a user’s events straight from the message bus (RabbitMQ). Signing in needs none of this.',
  'settings.transport': 'Event source',
  'settings.transport.auto': 'Automatic',
  'settings.transport.websocketd': 'Wazo server (websocketd)',
  'settings.transport.amqp': 'Direct bus (AMQP)',
  'settings.transport.hint': 'Automatic: from the Wazo server once signed in, else from this bus.',
  'settings.url': 'Bus URL',
  'settings.mode': 'Mode',
  'settings.mode.auto': 'Automatic (detected)',
  'settings.mode.topic': 'topic (xivo, before Wazo 23.01)',
  'settings.mode.headers': 'headers (wazo-headers, Wazo 23.01+)',
  'settings.exchange': 'Exchange (empty: the mode’s default)',
  'settings.user': 'User UUID',
  'settings.save': 'Save',
  'settings.saved': 'Settings saved',
  'settings.error': 'Could not save: {error}',
  'error.bridge': 'The notifier cannot be reached: {error}',
  'prefs.title': 'Desktop notifications',
  'prefs.enabled': 'Notify me of',
  'prefs.during_dnd': 'Even during Do not disturb',
  'prefs.kind.incoming_call': 'Incoming calls',
  'prefs.kind.missed_call': 'Missed calls',
  'prefs.kind.voicemail': 'New voicemails',
  'prefs.start_at_login': 'Start at login, in the tray',
  'prefs.allow_plaintext': 'Keep my password unencrypted anyway',
  'prefs.secrets.encrypted': 'Your password is kept encrypted by the system.',
  'prefs.secrets.plaintext': 'This system cannot encrypt your password: it is only kept if you allow it.',
  'prefs.secrets.none': 'Browser preview: no password is kept.',
  'prefs.error': 'Could not save: {error}',
  'prefs.logs': 'Show the log file (to send with a problem report)',
  'sync.syncing': 'Reading your state from the server…',
  'sync.failed': 'Could not read your state from the server: {error}',
  'sync.partial': 'Part of your state could not be read: {error}',
  'login.title': 'Wazo account',
  'signin.title': 'Sign in to Wazo',
  'signin.intro': 'Your calls, voicemail and forwards, as they happen.',
  'login.server': 'Server',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.tenant': 'Tenant domain (optional)',
  'login.advanced': 'Self-signed certificate',
  'login.fingerprint': 'Trusted certificate fingerprint (SHA-256)',
  'login.submit': 'Sign in',
  'login.logging_in': 'Signing in…',
  'login.logged_in': 'Signed in as {username} on {server}',
  'login.logout': 'Sign out',
  'login.error': 'Could not sign in: {error}',
  'login.needed': 'Sign in to a Wazo server to change these from here.',
  'command.refused': 'Not changed: {error}',
  'forward.destination': '{forward} forward destination',
  'forward.destination_hint': 'Number',
  'toggle.on': 'Turn on',
  'toggle.off': 'Turn off',
  'toggle.label_on': 'Turn on {name}',
  'toggle.label_off': 'Turn off {name}',
  'voicemail.mark_read': 'Mark read',
  'voicemail.delete': 'Delete',
  'voicemail.mark_read_label': 'Mark read: the message from {who}',
  'voicemail.delete_label': 'Delete the message from {who}',
  'calls.answer': 'Answer',
  'calls.decline': 'Decline',
  'calls.hang_up': 'Hang up',
  'calls.answer_label': 'Answer the call from {who}',
  'calls.decline_label': 'Decline the call from {who}',
  'calls.hang_up_label': 'Hang up the call with {who}',
  'callback.button': 'Call back',
  'callback.label': 'Call back {who}',
  'callback.ringing_first': 'Your phone rings first, then {who} is called when you pick up.',
  'action.error.signed_out': 'Sign in to a Wazo server to place and answer calls from here.',
  'action.error.no_line': 'Your Wazo user has no phone line to call from: ask your administrator for one.',
  'action.error.invalid_extension': 'This number cannot be called from your line.',
  'action.error.phone_offline': 'Your phone is not connected to the server, so it cannot ring: check that it is on.',
  'action.error.phone_unsupported': 'Your phone does not support answering from here: answer on the phone itself.',
  'action.error.no_such_call': 'This call has already ended.',
  'action.error.not_yours': 'This call belongs to another user.',
  'action.error.unreachable':
    'The Wazo server cannot do this right now (a part of it is unreachable): try again in a moment.',
  'action.error.other': 'Not done: {error}',
  'voicemail.play': 'Play',
  'voicemail.pause': 'Pause',
  'voicemail.play_label': 'Play the message from {who}',
  'voicemail.pause_label': 'Pause the message from {who}',
  'voicemail.play_error': 'Cannot play the message: {error}',
  // ---- Issue 12, window UX (branch ux): toasts, accessibility, layout, words. Kept together to ease merging. ----
  'toast.more.one': '{count} more notification',
  'toast.history': 'Notification history',
  'toast.history_open': 'Notification history',
  'toast.history_close': 'Close the history',
  'toast.dismiss_label': 'Dismiss: {title}',
  'missed.count.one': '{count} missed',
  'voicemail.unread.one': '{count} unread',
  'forward.inline.busy': 'Busy',
  'forward.inline.noanswer': 'No answer',
  'forward.inline.unconditional': 'Unconditional',
  'forward.toggle_name': 'the {forward} forward',
  'error.details': 'Technical details',
  'error.unreachable': 'The server cannot be reached: check its address and your network.',
  'error.credentials': 'Wrong username or password.',
  'error.server_down': 'The server is not available right now: try again in a moment.',
  'error.not_wazo': 'This address does not answer as a Wazo server does: check the server address.',
  'error.certificate':
    'The server’s certificate is not trusted. If it is your Wazo server’s own self-signed certificate, check the fingerprint below with your administrator, then trust it.',
  'error.certificate_mismatch':
    'The server’s certificate is not the one you trusted: someone may be in the way. Check with your administrator.',
  'error.forbidden': 'Your Wazo user is not allowed to do this.',
  'error.session': 'Your session has ended: sign in again.',
  'error.not_found': 'The server does not know this any more (it may have been removed already).',
  'error.timeout': 'The server took too long to answer: try again.',
  'error.destination': 'Type a number or an extension (digits, letters and * # + . _ @ : -).',
  'error.notifier_lost': 'The notifier cannot be reached.',
  'error.server_address': 'Type your Wazo server’s address, such as wazo.example.com.',
  'error.insecure_address': 'Use https:// for this server: http:// would send your password unencrypted.',
  'error.missing_credentials': 'Type your username and password.',
  'error.other': 'Something went wrong.',
  'error.settings.url': 'Type the bus address as amqp://user:password@host:5672/.',
  'error.settings.exchange': 'An exchange name has letters, digits and - _ . : only.',
  'error.settings.userUuid': 'Type the user’s UUID, such as 2e752722-0864-4665-887d-a78a024cf7c7.',
  'error.settings.other': 'This value is not valid.',
  'login.fingerprint_shown': 'The server presents this certificate (SHA-256):',
  'login.trust': 'Trust this certificate and sign in',
  'bridge.lost':
    'This page lost the notifier’s own process: what it shows may be out of date. Start wazo-notifier web again, then reload the page.',
  'status.preview_lost': 'Notifier stopped',
  'settings.user_signed_in':
    'Signed in as {username}: the window follows this user. To follow another user over a direct bus, sign out first.',
  // --- Issue 12, item 1, the remaining actions (branch `actions`): who I am, missed-call history,
  // favorites, directory search, undo delete. Kept together, after everything else, to ease merging. ---
  'me.name_extension': '{name}, extension {extension}',
  'me.extension': 'Extension {extension}',
  'missed.unseen': '{count} new',
  'missed.unseen.one': '{count} new',
  'missed.mark_seen': 'Mark all seen',
  'missed.clear': 'Clear seen',
  'missed.history_forbidden':
    'Only the calls missed since the app started are listed: your Wazo user may not read the call history.',
  'favorites.call': 'Call',
  'favorites.call_label': 'Call {who}',
  'favorites.remove': 'Remove',
  'favorites.remove_label': 'Remove {who} from favorites',
  'favorites.add': 'Add to favorites',
  'favorites.add_label': 'Add to favorites: {who}',
  'search.title': 'Directory',
  'search.label': 'Search the directory',
  'search.searching': 'Searching…',
  'search.none': 'No contact matches “{term}”.',
  'search.more': 'Only the first {count} contacts are shown: type more to narrow the search.',
  'search.error.signed_out': 'Sign in to a Wazo server to search its directory.',
  'search.error.forbidden': 'Your Wazo user is not allowed to search the directory.',
  'search.error.not_found': 'The server has no directory set up for your account: ask your administrator.',
  'search.error.unreachable': 'The directory cannot be reached right now: try again in a moment.',
  'search.error.other': 'The search failed: {error}',
  'voicemail.deleted': 'Message from {who} deleted.',
  'voicemail.undo': 'Undo',
  'voicemail.undo_label': 'Undo: keep the message from {who}',
  // --- end of the `actions` block ---
  // --- Issue 12, errors in words by their code (branch window3) ---
  'error.signed_out': 'Sign in to a Wazo server to do this from here.',
  'error.refused': 'The server refused this request.',
  'error.recording_missing': 'The server has this message, but not its recording.',
  'error.no_log_file': 'The browser preview keeps no log file: its log is the terminal it runs in.',
  'error.dropped': 'The connection was cut, by the server or the network.',
  'error.no_websocketd':
    'This server does not offer Wazo’s event service (wazo-websocketd) here: ask your administrator.',
  'error.protocol': 'The server and this app do not understand each other: please report it with the log file.',
  'error.bus_credentials':
    'The bus refused the user name and password in its address: check the bus URL under Advanced.',
  'error.unplayable': 'This recording cannot be played here.',
  // --- end of the window3 block ---
} as const;

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  app_title: 'Wazo Notifier',
  'status.idle': 'Non connecté',
  'status.connecting': 'Connexion…',
  'status.connecting_to': 'Connexion à {host}…',
  'status.connecting_bus': 'Connexion au bus {broker}…',
  'status.connected': 'Connecté',
  'status.connected_to': 'Connecté à {host}',
  'status.connected_bus': 'Connecté au bus {broker}',
  'status.connected_bus_exchange': 'Connecté au bus {broker} ({exchange})',
  'status.lost_server': 'Connexion au serveur perdue',
  'status.lost_bus': 'Connexion au bus perdue',
  'status.retry_in': 'nouvel essai dans {seconds} s',
  'status.retry_now': 'nouvel essai en cours',
  'status.closed': 'Hors ligne',
  'status.details': 'Détails',
  'status.details_label': 'Détails du problème de connexion',
  'status.attempt': 'Tentative {attempt} : {error}',
  'status.warning': 'Connecté, avec un avertissement : {warning}',
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
  'missed.count': '{count} manqués',
  'voicemail.title': 'Messagerie vocale',
  'voicemail.none': 'Aucun message',
  'voicemail.unread': '{count} non lus',
  'voicemail.new': 'Nouveau',
  'voicemail.more': 'Afficher {count} de plus',
  'voicemail.folder.new': 'Boîte de réception',
  'voicemail.folder.old': 'Ancien',
  'voicemail.folder.urgent': 'Urgent',
  'voicemail.folder.other': 'Autre',
  'forwards.title': 'Renvois et services',
  'forward.busy': 'Sur occupation',
  'forward.noanswer': 'Sur non-réponse',
  'forward.unconditional': 'Inconditionnel',
  'service.dnd': 'Ne pas déranger',
  'service.incallfilter': 'Filtrage des appels entrants',
  'state.on': 'Activé',
  'state.on_to': 'Activé, vers {destination}',
  'state.off': 'Désactivé',
  'state.unknown': 'Inconnu',
  'favorites.title': 'Favoris',
  'favorites.none': 'Aucun favori',
  'advanced.title': 'Avancé : accès direct au bus',
  'advanced.hint':
    'Pour le serveur Wazo lui-même ou une intégration : suivre les événements d’un utilisateur directement sur le bus de messages (RabbitMQ). La connexion à Wazo n’en a pas besoin.',
  'settings.transport': 'Source des événements',
  'settings.transport.auto': 'Automatique',
  'settings.transport.websocketd': 'Serveur Wazo (websocketd)',
  'settings.transport.amqp': 'Bus direct (AMQP)',
  'settings.transport.hint': 'Automatique : du serveur Wazo une fois connecté, sinon de ce bus.',
  'settings.url': 'URL du bus',
  'settings.mode': 'Mode',
  'settings.mode.auto': 'Automatique (détecté)',
  'settings.mode.topic': 'topic (xivo, avant Wazo 23.01)',
  'settings.mode.headers': 'headers (wazo-headers, Wazo 23.01+)',
  'settings.exchange': 'Échange (vide : celui du mode)',
  'settings.user': 'UUID de l’utilisateur',
  'settings.save': 'Enregistrer',
  'settings.saved': 'Réglages enregistrés',
  'settings.error': 'Enregistrement impossible : {error}',
  'error.bridge': 'Le notificateur est injoignable : {error}',
  'prefs.title': 'Notifications de bureau',
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
  'prefs.logs': 'Afficher le journal (à joindre à un signalement)',
  'sync.syncing': 'Lecture de votre état sur le serveur…',
  'sync.failed': 'Impossible de lire votre état sur le serveur : {error}',
  'sync.partial': 'Une partie de votre état n’a pas pu être lue : {error}',
  'login.title': 'Compte Wazo',
  'signin.title': 'Connexion à Wazo',
  'signin.intro': 'Vos appels, messages vocaux et renvois, en direct.',
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
  'forward.destination_hint': 'Numéro',
  'toggle.on': 'Activer',
  'toggle.off': 'Désactiver',
  'toggle.label_on': 'Activer {name}',
  'toggle.label_off': 'Désactiver {name}',
  'voicemail.mark_read': 'Marquer comme lu',
  'voicemail.delete': 'Supprimer',
  'voicemail.mark_read_label': 'Marquer comme lu : le message de {who}',
  'voicemail.delete_label': 'Supprimer le message de {who}',
  'calls.answer': 'Répondre',
  'calls.decline': 'Refuser',
  'calls.hang_up': 'Raccrocher',
  'calls.answer_label': 'Répondre à l’appel de {who}',
  'calls.decline_label': 'Refuser l’appel de {who}',
  'calls.hang_up_label': 'Raccrocher l’appel avec {who}',
  'callback.button': 'Rappeler',
  'callback.label': 'Rappeler {who}',
  'callback.ringing_first': 'Votre téléphone sonne d’abord, puis {who} est appelé quand vous décrochez.',
  'action.error.signed_out': 'Connectez-vous à un serveur Wazo pour passer et prendre des appels d’ici.',
  'action.error.no_line':
    'Votre utilisateur Wazo n’a pas de ligne pour appeler : demandez-en une à votre administrateur.',
  'action.error.invalid_extension': 'Ce numéro ne peut pas être appelé depuis votre ligne.',
  'action.error.phone_offline':
    'Votre téléphone n’est pas connecté au serveur et ne peut donc pas sonner : vérifiez qu’il est allumé.',
  'action.error.phone_unsupported':
    'Votre téléphone ne permet pas de répondre d’ici : répondez sur le téléphone lui-même.',
  'action.error.no_such_call': 'Cet appel est déjà terminé.',
  'action.error.not_yours': 'Cet appel appartient à un autre utilisateur.',
  'action.error.unreachable':
    'Le serveur Wazo ne peut pas le faire pour le moment (une partie est injoignable) : réessayez dans un instant.',
  'action.error.other': 'Non effectué : {error}',
  'voicemail.play': 'Écouter',
  'voicemail.pause': 'Pause',
  'voicemail.play_label': 'Écouter le message de {who}',
  'voicemail.pause_label': 'Mettre en pause le message de {who}',
  'voicemail.play_error': 'Impossible d’écouter le message : {error}',
  // ---- Issue 12, window UX (branch ux): toasts, accessibility, layout, words. Kept together to ease merging. ----
  'toast.more.one': '{count} notification de plus',
  'toast.history': 'Historique des notifications',
  'toast.history_open': 'Historique des notifications',
  'toast.history_close': 'Fermer l’historique',
  'toast.dismiss_label': 'Fermer : {title}',
  'missed.count.one': '{count} manqué',
  'voicemail.unread.one': '{count} non lu',
  'forward.inline.busy': 'sur occupation',
  'forward.inline.noanswer': 'sur non-réponse',
  'forward.inline.unconditional': 'inconditionnel',
  'forward.toggle_name': 'le renvoi {forward}',
  'error.details': 'Détails techniques',
  'error.unreachable': 'Le serveur est injoignable : vérifiez son adresse et votre réseau.',
  'error.credentials': 'Identifiant ou mot de passe incorrect.',
  'error.server_down': 'Le serveur n’est pas disponible pour le moment : réessayez dans un instant.',
  'error.not_wazo': 'Cette adresse ne répond pas comme un serveur Wazo : vérifiez l’adresse du serveur.',
  'error.certificate':
    'Le certificat du serveur n’est pas reconnu. S’il s’agit du certificat auto-signé de votre serveur Wazo, vérifiez l’empreinte ci-dessous avec votre administrateur, puis faites-lui confiance.',
  'error.certificate_mismatch':
    'Le certificat du serveur n’est pas celui auquel vous faites confiance : quelqu’un s’interpose peut-être. Vérifiez avec votre administrateur.',
  'error.forbidden': 'Votre utilisateur Wazo n’a pas le droit de le faire.',
  'error.session': 'Votre session a pris fin : reconnectez-vous.',
  'error.not_found': 'Le serveur ne le connaît plus (il a peut-être déjà été supprimé).',
  'error.timeout': 'Le serveur a mis trop de temps à répondre : réessayez.',
  'error.destination': 'Saisissez un numéro ou un poste (chiffres, lettres et * # + . _ @ : -).',
  'error.notifier_lost': 'Le notificateur est injoignable.',
  'error.server_address': 'Saisissez l’adresse de votre serveur Wazo, par exemple wazo.example.com.',
  'error.insecure_address': 'Utilisez https:// pour ce serveur : http:// enverrait votre mot de passe en clair.',
  'error.missing_credentials': 'Saisissez votre identifiant et votre mot de passe.',
  'error.other': 'Une erreur s’est produite.',
  'error.settings.url': 'Saisissez l’adresse du bus sous la forme amqp://utilisateur:motdepasse@hôte:5672/.',
  'error.settings.exchange': 'Un nom d’échange ne contient que des lettres, des chiffres et - _ . :',
  'error.settings.userUuid': 'Saisissez l’UUID de l’utilisateur, par exemple 2e752722-0864-4665-887d-a78a024cf7c7.',
  'error.settings.other': 'Cette valeur n’est pas valide.',
  'login.fingerprint_shown': 'Le serveur présente ce certificat (SHA-256) :',
  'login.trust': 'Faire confiance à ce certificat et se connecter',
  'bridge.lost':
    'Cette page a perdu le processus du notificateur : ce qu’elle affiche n’est peut-être plus à jour. Relancez wazo-notifier web, puis rechargez la page.',
  'status.preview_lost': 'Notificateur arrêté',
  'settings.user_signed_in':
    'Vous êtes connecté ({username}) : la fenêtre suit cet utilisateur. Pour suivre un autre utilisateur par un bus direct, déconnectez-vous d’abord.',
  // --- Issue 12, item 1, the remaining actions (branch `actions`): who I am, missed-call history,
  // favorites, directory search, undo delete. Kept together, after everything else, to ease merging. ---
  'me.name_extension': '{name}, poste {extension}',
  'me.extension': 'Poste {extension}',
  'missed.unseen': '{count} non vus',
  'missed.unseen.one': '{count} non vu',
  'missed.mark_seen': 'Tout marquer comme vu',
  'missed.clear': 'Effacer les vus',
  'missed.history_forbidden':
    'Seuls les appels manqués depuis le démarrage de l’application sont listés : votre utilisateur Wazo ne peut pas lire l’historique des appels.',
  'favorites.call': 'Appeler',
  'favorites.call_label': 'Appeler {who}',
  'favorites.remove': 'Retirer',
  'favorites.remove_label': 'Retirer {who} des favoris',
  'favorites.add': 'Ajouter aux favoris',
  'favorites.add_label': 'Ajouter aux favoris : {who}',
  'search.title': 'Annuaire',
  'search.label': 'Rechercher dans l’annuaire',
  'search.searching': 'Recherche…',
  'search.none': 'Aucun contact ne correspond à « {term} ».',
  'search.more': 'Seuls les {count} premiers contacts sont affichés : précisez la recherche.',
  'search.error.signed_out': 'Connectez-vous à un serveur Wazo pour chercher dans son annuaire.',
  'search.error.forbidden': 'Votre utilisateur Wazo n’a pas le droit de chercher dans l’annuaire.',
  'search.error.not_found':
    'Le serveur n’a pas d’annuaire configuré pour votre compte : demandez à votre administrateur.',
  'search.error.unreachable': 'L’annuaire est injoignable pour le moment : réessayez dans un instant.',
  'search.error.other': 'La recherche a échoué : {error}',
  'voicemail.deleted': 'Message de {who} supprimé.',
  'voicemail.undo': 'Annuler',
  'voicemail.undo_label': 'Annuler : garder le message de {who}',
  // --- end of the `actions` block ---
  // --- Issue 12, errors in words by their code (branch window3) ---
  'error.signed_out': 'Connectez-vous à un serveur Wazo pour le faire d’ici.',
  'error.refused': 'Le serveur a refusé cette demande.',
  'error.recording_missing': 'Le serveur a ce message, mais pas son enregistrement.',
  'error.no_log_file':
    'L’aperçu dans le navigateur ne tient pas de fichier journal : son journal est le terminal où il tourne.',
  'error.dropped': 'La connexion a été coupée, par le serveur ou par le réseau.',
  'error.no_websocketd':
    'Ce serveur n’offre pas ici le service d’événements de Wazo (wazo-websocketd) : demandez à votre administrateur.',
  'error.protocol':
    'Le serveur et cette application ne se comprennent pas : merci de le signaler avec le fichier journal.',
  'error.bus_credentials':
    'Le bus a refusé l’utilisateur et le mot de passe de son adresse : vérifiez l’URL du bus sous Avancé.',
  'error.unplayable': 'Cet enregistrement ne peut pas être lu ici.',
  // --- end of the window3 block ---
};

export type Locale = 'en' | 'fr';
/** Both tables, for the test that keeps them complete (same keys, same placeholders). */
export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, fr };

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
  /** A count in words: `key.one` (and so on, by `Intl.PluralRules`) when the table has it, else `key`. */
  plural(key: MessageKey, count: number, params?: Record<string, string | number>): string;
  /** A moment, short: "Today, 3:02 PM", "Yesterday, 9:10 AM", else the date and time. */
  time(iso: string | number): string;
  /** A moment in full, for a title or a screen reader: the date always written out. */
  fullTime(iso: string | number): string;
  duration(seconds: number): string;
}

const DAY_MS = 86_400_000;

/** A translator for one locale; `now` is the clock that says what "today" is. */
export function translator(locale: Locale, now: () => number = Date.now): Translator {
  const messages = MESSAGES[locale];
  const fill = (text: string, params?: Record<string, string | number>) =>
    text.replace(/\{(\w+)\}/g, (m, name: string) => String(params?.[name] ?? m));
  // French elides "de" and "que" before a vowel: "le message d’Alice", "en tant qu’Émile", never
  // "de Alice"; "de Bob", "de Yann" (a consonant y) and "de Hélène" (an h it cannot tell mute) stay.
  const format =
    locale === 'fr'
      ? (text: string, params?: Record<string, string | number>) =>
          fill(
            text.replace(/\b(de|que) \{(\w+)\}/g, (m, word: string, name: string) =>
              /^[aeiouàáâäåéèêëíìîïóòôöøœúùûü]/i.test(String(params?.[name] ?? ''))
                ? `${word === 'de' ? 'd' : 'qu'}’{${name}}`
                : m,
            ),
            params,
          )
      : fill;
  const rules = new Intl.PluralRules(locale);
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const fullFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
  const timeOnlyFmt = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const capital = (text: string) => text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
  const today = capital(relative.format(0, 'day'));
  const yesterday = capital(relative.format(-1, 'day'));
  const toDate = (when: string | number) => (typeof when === 'number' ? new Date(when * 1000) : new Date(when));
  // Intl formatting is slow and lists show the same times again and again; "today" moves at midnight.
  const times = new Map<string | number, string>();
  let cachedDay = -1;
  const startOfDay = (ms: number) => {
    const d = new Date(ms);
    d.setHours(0, 0, 0, 0);
    return d.getTime();
  };
  return {
    locale,
    t: (key, params) => format(messages[key], params),
    plural: (key, count, params) => {
      const forms = messages as Record<string, string>;
      const text = forms[`${key}.${rules.select(count)}`] ?? messages[key];
      return format(text, { count, ...params });
    },
    time: (when) => {
      const dayStart = startOfDay(now());
      if (dayStart !== cachedDay || times.size >= 20_000) {
        times.clear();
        cachedDay = dayStart;
      }
      const known = times.get(when);
      if (known !== undefined) return known;
      const d = toDate(when);
      const ms = d.getTime();
      let text = '';
      if (!Number.isNaN(ms)) {
        if (ms >= dayStart && ms < dayStart + DAY_MS) text = `${today}, ${timeOnlyFmt.format(d)}`;
        else if (ms >= startOfDay(dayStart - 1) && ms < dayStart) text = `${yesterday}, ${timeOnlyFmt.format(d)}`;
        else text = dateTimeFmt.format(d);
      }
      times.set(when, text);
      return text;
    },
    fullTime: (when) => {
      const d = toDate(when);
      return Number.isNaN(d.getTime()) ? '' : fullFmt.format(d);
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
