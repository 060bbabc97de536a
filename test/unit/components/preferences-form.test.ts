import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import PreferencesForm from '../../../renderer/src/components/preferences-form.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

describe('preferences form', () => {
  it('saves each change at once, and asks consent before keeping a password unencrypted', async () => {
    const { bridge, calls } = fakeBridge();
    render(PreferencesForm, { bridge, tr });
    await vi.waitFor(() => expect(screen.getByTestId('secrets').textContent).toContain('cannot encrypt'));
    const missed = screen.getAllByLabelText('Missed calls')[0] as HTMLInputElement;
    expect(missed.checked).toBe(true);
    await fireEvent.click(missed);
    await vi.waitFor(() => expect(calls.filter((c) => c.command === 'savePreferences')).toHaveLength(1));
    const saved = calls.find((c) => c.command === 'savePreferences')!.request as {
      notifications: { enabled: { missed_call: boolean } };
    };
    expect(saved.notifications.enabled.missed_call).toBe(false);
    expect(screen.getByLabelText('Keep my password unencrypted anyway')).toBeTruthy();
  });

  it('links to the log file, and says so where there is none (browser preview)', async () => {
    const { bridge, calls } = fakeBridge();
    render(PreferencesForm, { bridge, tr });
    await fireEvent.click(await screen.findByTestId('open-logs'));
    await vi.waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'The browser preview keeps no log file: its log is the terminal it runs in.',
      ),
    );
    expect(screen.getByTestId('preferences-error-details').textContent).toContain('the browser preview keeps no log');
    expect(calls.filter((c) => c.command === 'openLogFolder')).toEqual([{ command: 'openLogFolder', request: {} }]);
  });

  it('says the log-file refusal in French, from its code', async () => {
    const { bridge } = fakeBridge({ openLogFolder: { ok: false, reason: 'no-log-file', error: 'no file' } });
    render(PreferencesForm, { bridge, tr: translator('fr') });
    await fireEvent.click(await screen.findByTestId('open-logs'));
    await vi.waitFor(() =>
      expect(screen.getByTestId('preferences-error').textContent).toMatch(
        /^L’aperçu dans le navigateur ne tient pas de fichier journal/,
      ),
    );
  });
});
