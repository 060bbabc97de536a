import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import AdvancedAccess from '../../../renderer/src/components/advanced-access.svelte';
import SettingsForm from '../../../renderer/src/components/settings-form.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

describe('settings form', () => {
  it('explains invalid values next to their fields and does not send them', async () => {
    const { bridge, calls } = fakeBridge();
    render(SettingsForm, { bridge, tr });
    await tick();
    await fireEvent.input(screen.getByLabelText('User UUID'), { target: { value: 'bob' } });
    await fireEvent.input(screen.getByLabelText('Exchange (empty: the mode’s default)'), {
      target: { value: 'bad name!' },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByTestId('error-userUuid').textContent).toBe(
      'Type the user’s UUID, such as 2e752722-0864-4665-887d-a78a024cf7c7.',
    );
    expect(screen.getByTestId('error-exchange').textContent).toBe(
      'An exchange name has letters, digits and - _ . : only.',
    );
    expect(calls.some((c) => c.command === 'saveSettings')).toBe(false);
  });

  it('saves valid values', async () => {
    const { bridge, calls } = fakeBridge();
    render(SettingsForm, { bridge, tr });
    await vi.waitFor(() => expect((screen.getByLabelText('User UUID') as HTMLInputElement).value).not.toBe(''));
    await fireEvent.change(screen.getByLabelText('Event source'), { target: { value: 'amqp' } });
    await fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'headers' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.getByTestId('settings-message').textContent).toBe('Settings saved'));
    expect(calls.filter((c) => c.command === 'saveSettings').map((c) => c.request)).toEqual([
      {
        transport: 'amqp',
        url: 'amqp://guest:guest@localhost:5672/',
        mode: 'headers',
        exchange: '',
        userUuid: '2e752722-0864-4665-887d-a78a024cf7c7',
      },
    ]);
  });

  it('shows the signed-in user, read-only, and keeps the bus’s user when saving', async () => {
    const { bridge, calls } = fakeBridge();
    const alice = { username: 'alice', uuid: 'a11ce000-0000-4000-8000-000000000001' };
    const { rerender } = render(SettingsForm, { bridge, tr, userUuid: alice.uuid, signedIn: alice });
    const field = screen.getByLabelText('User UUID') as HTMLInputElement;
    expect(field.value).toBe(alice.uuid);
    expect(field.readOnly).toBe(true);
    // Whole on hover where a narrow column cuts it.
    expect(field.title).toBe(alice.uuid);
    const hint = document.getElementById(field.getAttribute('aria-describedby')!)!;
    expect(hint.textContent?.trim()).toBe(
      'Signed in as alice: the window follows this user. To follow another user over a direct bus, sign out first.',
    );
    await vi.waitFor(() => expect(calls.some((c) => c.command === 'getSettings')).toBe(true));
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.getByTestId('settings-message').textContent).toBe('Settings saved'));
    // The bus's own user as the settings hold it, not the signed-in one (which would end the session).
    expect(calls.filter((c) => c.command === 'saveSettings').map((c) => c.request)).toEqual([
      expect.objectContaining({ userUuid: '2e752722-0864-4665-887d-a78a024cf7c7' }),
    ]);
    // Signed out: the bus's user, editable again.
    await rerender({ bridge, tr, userUuid: '2e752722-0864-4665-887d-a78a024cf7c7', signedIn: null });
    const busField = screen.getByLabelText('User UUID') as HTMLInputElement;
    await vi.waitFor(() => expect(busField.value).toBe('2e752722-0864-4665-887d-a78a024cf7c7'));
    expect(busField.readOnly).toBe(false);
    expect(screen.queryByTestId('settings-signed-in')).toBeNull();
  });

  it('says it in French', () => {
    render(SettingsForm, {
      bridge: fakeBridge().bridge,
      tr: translator('fr'),
      signedIn: { username: 'alice', uuid: 'a11ce000-0000-4000-8000-000000000001' },
    });
    expect(screen.getByTestId('settings-signed-in').textContent?.trim()).toMatch(
      /^Vous êtes connecté \(alice\) : la fenêtre suit cet utilisateur\./,
    );
  });

  it('offers the transport and the bus layout, automatic first', async () => {
    render(SettingsForm, { bridge: fakeBridge().bridge, tr });
    const options = (label: string) =>
      [...(screen.getByLabelText(label) as HTMLSelectElement).options].map((o) => [o.value, o.textContent]);
    expect(options('Event source')).toEqual([
      ['auto', 'Automatic'],
      ['websocketd', 'Wazo server (websocketd)'],
      ['amqp', 'Direct bus (AMQP)'],
    ]);
    expect(screen.getByLabelText('Event source').getAttribute('aria-describedby')).toBe('settings-transport-hint');
    expect(document.getElementById('settings-transport-hint')!.textContent).toBe(
      'Automatic: from the Wazo server once signed in, else from this bus.',
    );
    expect(options('Mode').map(([value]) => value)).toEqual(['auto', 'headers', 'topic']);
    await vi.waitFor(() => expect((screen.getByLabelText('Mode') as HTMLSelectElement).value).toBe('auto'));
    expect((screen.getByLabelText('Event source') as HTMLSelectElement).value).toBe('auto');
  });
});

describe('advanced access', () => {
  it('folds the bus settings away under one summary, passing the form everything it is given', async () => {
    const alice = { username: 'alice', uuid: 'a11ce000-0000-4000-8000-000000000001' };
    render(AdvancedAccess, { bridge: fakeBridge().bridge, tr, userUuid: alice.uuid, signedIn: alice });
    const section = screen.getByTestId('settings') as HTMLDetailsElement;
    expect(section.tagName).toBe('DETAILS');
    expect(section.open).toBe(false);
    expect(screen.getByTestId('advanced-summary').textContent).toBe('Advanced: direct bus access');
    await fireEvent.click(screen.getByTestId('advanced-summary'));
    expect((screen.getByLabelText('User UUID') as HTMLInputElement).value).toBe(alice.uuid);
    expect(screen.getByTestId('settings-signed-in').textContent).toContain('Signed in as alice');
  });
});
