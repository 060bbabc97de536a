import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlaintextRefused, SecretStore } from '../../../electron/main/secret-store.js';

/** A recording fake of safeStorage that "encrypts" by reversing and tagging, so ciphertext never equals the secret. */
function fakeSafeStorage(backend: 'gnome_libsecret' | 'basic_text' = 'gnome_libsecret', available = true) {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s: string) => Buffer.from(`enc:${[...s].reverse().join('')}`),
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
});
