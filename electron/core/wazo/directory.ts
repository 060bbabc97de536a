/**
 * wazo-dird's contact lists (favorites, lookup) read by their `column_types`,
 * never by their headers: the auto-created display's headers are French, and
 * an administrator may rename or reorder columns (facts §4). As Wazo's SDK
 * reads them: the `name` column (else first and last name), every `number` or
 * `callable` column with a value (the first is the main number), the
 * `favorite` column; the contact is its source and `relations.source_entry_id`.
 */
import * as v from 'valibot';
import type { ContactView } from '../../shared/directory.js';

const cell = v.nullish(v.union([v.string(), v.number(), v.boolean()]));

export const ContactListReply = v.looseObject({
  column_types: v.optional(v.array(v.nullish(v.string())), []),
  results: v.array(
    v.looseObject({
      column_values: v.optional(v.array(cell), []),
      source: v.nullish(v.string()),
      relations: v.nullish(
        v.looseObject({
          source_entry_id: v.nullish(v.union([v.string(), v.number()])),
          source: v.nullish(v.string()),
        }),
      ),
    }),
  ),
});

export type ContactList = v.InferOutput<typeof ContactListReply>;

const text = (value: unknown): string | null => {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t ? t : null;
};

/** The contacts of a dird answer; results without a source or an id (nothing to act on) are left out. */
export function contactsFrom(list: ContactList): ContactView[] {
  const types = list.column_types;
  const at = (type: string) => types.indexOf(type);
  const numberColumns = types.flatMap((t, i) => (t === 'number' || t === 'callable' ? [i] : []));
  return list.results.flatMap((r): ContactView[] => {
    const source = r.source ?? r.relations?.source;
    const id = r.relations?.source_entry_id;
    if (!source || id === null || id === undefined) return [];
    const values = r.column_values;
    const value = (type: string) => (at(type) === -1 ? null : text(values[at(type)]));
    const full = [value('firstname'), value('lastname')].filter(Boolean).join(' ');
    const numbers = [...new Set(numberColumns.flatMap((i) => text(values[i]) ?? []))];
    const fav = at('favorite') === -1 ? false : values[at('favorite')] === true;
    return [{ source, source_entry_id: String(id), name: value('name') ?? (full || null), numbers, favorite: fav }];
  });
}
