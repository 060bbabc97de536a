/**
 * Contacts of the Wazo directory (wazo-dird) as the window shows them: a
 * favorite or a search result, with a name and the numbers to call. Shared
 * with the renderer: imports nothing from Node or the DOM.
 */
import * as v from 'valibot';
import type { ErrorReason } from './error-reason.js';

export interface ContactView {
  /** The dird source's name (`auto_wazo_<tenant>`, `personal`, …): with the id, what a favorite is. */
  source: string;
  source_entry_id: string;
  /** The `name` column, else first and last name; null when the source gives none. */
  name: string | null;
  /** Every `number` (or `callable`) column with a value, the main one first. */
  numbers: string[];
  /** Whether the contact is among the user's favorites. */
  favorite: boolean;
}

/** A contact as a command names it (what dird's favorites routes take). */
export const ContactKeySchema = v.strictObject({
  source: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  sourceEntryId: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
});

/** A search term as the window sends it: trimmed, 1 to 100 characters. */
export const SearchTermSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'type something to search for'),
  v.maxLength(100, 'a search is 100 characters at most'),
);

/**
 * Why a directory search failed, for the window to say in words: `signed-out`,
 * `forbidden` (dird's 401 for a missing ACL, or 403), `not-found` (the profile
 * does not exist), `unreachable` (a part of the server is down or cannot be
 * reached), else what any request may fail for.
 */
type DirectoryReason = ErrorReason;

/** What a search answers: the contacts found (at most `SEARCH_LIMIT`, and whether there were more), or why not. */
export type SearchResult =
  | { ok: true; term: string; contacts: ContactView[]; more: boolean }
  | { ok: false; reason: DirectoryReason; error: string };

/** The contacts a search shows at most (dird's lookup has no paging: Wazo's SDK slices it too). */
export const SEARCH_LIMIT = 50;
