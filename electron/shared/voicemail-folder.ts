/**
 * wazo-calld's voicemail folders, the one place their types, ids and names
 * are written: a message's folder has a type, `new` (the INBOX), `old`,
 * `urgent` or `other`; unread means `new` or `urgent`; marking a message read
 * moves it to the `old` folder (docs: wazo-bus-facts, voicemail message;
 * wazo-rest-actions-facts §6). Shared by the core (the inbox, the commands),
 * the simulator and the window.
 */

/** The folder types wazo-calld gives a message. */
export type VoicemailFolderType = 'new' | 'old' | 'urgent' | 'other';

/** wazo-calld's own folders of a voicemail box (storage.py: 1 inbox, 2 old, 3 urgent), by type. */
export const WAZO_FOLDERS = {
  new: { id: 1, name: 'inbox', type: 'new' },
  old: { id: 2, name: 'old', type: 'old' },
  urgent: { id: 3, name: 'urgent', type: 'urgent' },
} as const satisfies Record<string, { id: number; name: string; type: VoicemailFolderType }>;

/** A folder wazo-calld has in every box. */
export type WazoFolderType = keyof typeof WAZO_FOLDERS;

/**
 * Where a message goes when it is read: calld's `old` folder. Its id is the
 * default; the read of the box says which id the `old` folder has there.
 */
export const READ_FOLDER = WAZO_FOLDERS.old;

/** Whether a message in a folder of this type is unread. */
export function isUnreadFolder(type: string | null): boolean {
  return type === WAZO_FOLDERS.new.type || type === WAZO_FOLDERS.urgent.type;
}
