/**
 * Contacts of the Wazo directory (wazo-dird) as the window shows them: a
 * favorite or a search result, with a name and the numbers to call. Shared
 * with the renderer: imports nothing from Node or the DOM.
 */
import * as v from 'valibot';

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
