import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ForwardsServices from '../../../renderer/src/components/forwards-services.svelte';
import { translator } from '../../../renderer/src/lib/i18n.js';
import { fakeBridge } from './fake-bridge.js';

const tr = translator('en');

describe('forwards and services', () => {
  it('tells unknown from off from on', () => {
    render(ForwardsServices, {
      tr,
      bridge: fakeBridge().bridge,
      canEdit: false,
      forwards: {
        busy: { enabled: true, destination: '1003' },
        noanswer: { enabled: false, destination: null },
        unconditional: null,
      },
      services: { dnd: null, incallfilter: { enabled: true } },
    });
    expect(screen.getByTestId('forward-busy').textContent).toBe('On, to 1003');
    expect(screen.getByTestId('forward-noanswer').textContent).toBe('Off');
    expect(screen.getByTestId('forward-unconditional').textContent).toBe('Unknown');
    expect(screen.getByTestId('service-dnd').className).toContain('unknown');
    expect(screen.queryByTestId('toggle-dnd')).toBeNull();
    expect(screen.getByText('Sign in to a Wazo server to change these from here.')).toBeTruthy();
  });

  const known = {
    forwards: {
      busy: { enabled: true, destination: '1003' },
      noanswer: { enabled: false, destination: null },
      unconditional: { enabled: false, destination: '1009' },
    },
    services: { dnd: { enabled: false }, incallfilter: { enabled: true } },
  };

  it('toggles a service to the opposite of its state', async () => {
    const { bridge, calls } = fakeBridge();
    render(ForwardsServices, { tr, bridge, canEdit: true, ...known });
    await fireEvent.click(screen.getByRole('button', { name: 'Turn on Do not disturb' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Turn off Incoming call filter' }));
    expect(calls).toEqual([
      { command: 'setService', request: { service: 'dnd', enabled: true } },
      { command: 'setService', request: { service: 'incallfilter', enabled: false } },
    ]);
  });

  it('sets a forward to the typed destination, or the last one, and refuses an invalid one before sending', async () => {
    const { bridge, calls } = fakeBridge();
    render(ForwardsServices, { tr, bridge, canEdit: true, ...known });
    await fireEvent.click(screen.getByRole('button', { name: 'Turn on the No answer forward' }));
    expect(calls).toEqual([]);
    // Said next to its field, and tied to it for a screen reader.
    const field = screen.getByTestId('destination-noanswer');
    expect(screen.getByTestId('destination-error-noanswer').textContent?.trim()).toBe(
      'Type a number or an extension (digits, letters and * # + . _ @ : -).',
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe('destination-error-noanswer');
    expect(screen.getByTestId('forwards-error').textContent).toBe('');
    await fireEvent.input(field, { target: { value: ' 1004 ' } });
    expect(screen.queryByTestId('destination-error-noanswer')).toBeNull();
    // Enter in the field turns the forward on, as its button does.
    await fireEvent.keyDown(field, { key: 'Enter' });
    await fireEvent.click(screen.getByRole('button', { name: 'Turn on the Unconditional forward' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Turn off the Busy forward' }));
    expect(calls.map((c) => c.request)).toEqual([
      { forward: 'noanswer', enabled: true, destination: '1004' },
      { forward: 'unconditional', enabled: true, destination: '1009' },
      { forward: 'busy', enabled: false, destination: '1003' },
    ]);
  });

  it('shows the server’s refusal', async () => {
    // Worded by its code: the technical text (which names no refusal) is only the detail.
    const { bridge } = fakeBridge({
      wazo: { ok: false, reason: 'forbidden', error: 'turn do not disturb on: the server answered 418' },
    });
    render(ForwardsServices, { tr, bridge, canEdit: true, ...known });
    await fireEvent.click(screen.getByRole('button', { name: 'Turn on Do not disturb' }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('forwards-error').textContent).toBe(
        'Not changed: Your Wazo user is not allowed to do this.',
      ),
    );
    // The server's own words, on demand.
    const details = screen.getByTestId('forwards-error-details');
    expect(details.tagName).toBe('DETAILS');
    expect(details.textContent).toContain('turn do not disturb on: the server answered 418');
  });
});
