import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlaintextRefused, SecretStore } from '../../../electron/main/secret-store.js';

/**
 * A fake of safeStorage that "encrypts" by reversing and tagging, so ciphertext never equals the
 * secret, and follows Electron 41's Linux rule (electron_api_safe_storage.cc): encryption is
 * available when the OS keyring is, or when plain-text mode was switched on with the
 * `basic_text` backend; otherwise encryptString throws.
 */
function fakeSafeStorage(
  backend: 'gnome_libsecret' | 'basic_text' = 'gnome_libsecret',
  osCrypt = backend !== 'basic_text',
) {
  let plain = false;
  const available = () => osCrypt || (plain && backend === 'basic_text');
  return {
    isEncryptionAvailable: available,
    getSelectedStorageBackend: () => backend,
    setUsePlainTextEncryption: (on: boolean) => void (plain = on),
    encryptString: (s: string) => {
      if (!available())
        throw new Error(
          'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
        );
      return Buffer.from(`enc:${[...s].reverse().join('')}`);
    },
    decryptString: (b: Buffer) => [...b.toString().slice(4)].reverse().join(''),
  };
}

const dir = () => mkdtempSync(join(tmpdir(), 'wazo-secrets-'));

describe('secret store', () => {
  it('keeps secrets only encrypted, and reads them back', async () => {
    const d = dir();
    const store = new SecretStore(fakeSafeStorage(), d, 'linux');
    await store.set('bus-password', 's3cret');
    expect(await store.get('bus-password')).toBe('s3cret');
    expect(readFileSync(join(d, 'secrets.json'), 'utf8')).not.toContain('s3cret');
    await store.delete('bus-password');
    expect(await store.get('bus-password')).toBeNull();
  });

  it('refuses to write plain text silently where Linux has no keyring', async () => {
    const store = new SecretStore(fakeSafeStorage('basic_text'), dir(), 'linux');
    expect(store.isPlaintext()).toBe(true);
    await expect(store.set('bus-password', 's3cret')).rejects.toBeInstanceOf(PlaintextRefused);
    await expect(store.set('bus-password', 's3cret')).rejects.toThrow(/no encryption \(backend "basic_text"\)/);
  });

  it('writes there only once the user accepted it', async () => {
    const store = new SecretStore(fakeSafeStorage('basic_text'), dir(), 'linux', () => true);
    await store.set('bus-password', 's3cret');
    expect(await store.get('bus-password')).toBe('s3cret');
  });

  it('refuses when the OS offers no encryption at all, and says the OS protects it elsewhere', async () => {
    const none = new SecretStore(fakeSafeStorage('gnome_libsecret', false), dir(), 'darwin');
    await expect(none.set('k', 'v')).rejects.toBeInstanceOf(PlaintextRefused);
    expect(new SecretStore(fakeSafeStorage(), dir(), 'win32').backend()).toBe('os');
  });

  it('loses no write when a settings save and a token renewal overlap', async () => {
    const d = dir();
    const store = new SecretStore(fakeSafeStorage(), d, 'linux');
    await Promise.all([store.set('bus-password', 'a'), store.set('wazo-refresh-token', 'b'), store.set('k3', 'c')]);
    const again = new SecretStore(fakeSafeStorage(), d, 'linux');
    expect([await again.get('bus-password'), await again.get('wazo-refresh-token'), await again.get('k3')]).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
