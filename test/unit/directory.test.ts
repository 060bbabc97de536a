/**
 * dird's contact lists read by `column_types`, never by header wording: the
 * auto-created display is French, an administrator may rename and reorder it.
 */
import { describe, expect, it } from 'vitest';
import { contactsFrom } from '../../electron/core/wazo/directory.js';

const relations = (id: string | number) => ({ source_entry_id: id, user_uuid: null });

describe('dird contacts', () => {
  it('reads the auto-created (French) display by column type', () => {
    const contacts = contactsFrom({
      column_types: ['name', 'firstname', 'lastname', 'number', 'number', 'voicemail', 'favorite', 'email'],
      results: [
        {
          column_values: ['Willy Wonka', 'Willy', 'Wonka', '1604', '+15145550100', null, true, null],
          relations: relations(42),
          source: 'auto_wazo_t',
        },
      ],
    });
    expect(contacts).toEqual([
      {
        source: 'auto_wazo_t',
        source_entry_id: '42',
        name: 'Willy Wonka',
        numbers: ['1604', '+15145550100'],
        favorite: true,
      },
    ]);
  });

  it('follows the types whatever the order and headers, with callable numbers and names from first and last', () => {
    const contacts = contactsFrom({
      column_types: ['favorite', 'callable', 'lastname', null, 'firstname', 'number'],
      results: [
        {
          column_values: [false, '  ', 'Tremblay', 'Numéro', 'Bob', '1002'],
          relations: relations('b'),
          source: 'personal',
        },
        // Nothing to act on without a source or an id.
        { column_values: [false, '1', 'X', null, 'Y', '1'], relations: null, source: 'personal' },
        { column_values: [true, null, null, null, null, null], relations: relations('c'), source: 'personal' },
      ],
    });
    expect(contacts).toEqual([
      { source: 'personal', source_entry_id: 'b', name: 'Bob Tremblay', numbers: ['1002'], favorite: false },
      { source: 'personal', source_entry_id: 'c', name: null, numbers: [], favorite: true },
    ]);
  });
});
