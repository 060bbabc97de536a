/**
 * Secrets (the bus password, the Wazo refresh token) kept only through
 * Electron's safeStorage, encrypted, in one file of the profile folder.
 * Where the OS offers no real encryption (Linux without a keyring falls back
 * to 'basic_text'), nothing is written unless the user explicitly accepted
 * it (and then Electron is told to use its plain-text mode, without which it
 * refuses to encrypt anything); the settings say which backend is in use.
 * Writes are queued, one at a time: two writers (a settings save and a token
 * renewal) each read-modify-write the one file. Secrets never reach a log.
 */
import type { SafeStorage } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../profile/atomic-file.js';

export type SecretBackend = ReturnType<SafeStorage['getSelectedStorageBackend']> | 'os';

/** Thrown when a secret would be stored as plain text without the user's consent. */
export class PlaintextRefused extends Error {
  constructor(backend: string) {
    super(
      `secrets were not saved: this system offers no encryption (backend "${backend}"); allow it in the settings to save them anyway`,
    );
  }
}

/** The safeStorage functions the store uses. */
export type SafeStorageLike = Pick<
  SafeStorage,
  | 'isEncryptionAvailable'
  | 'encryptString'
  | 'decryptString'
  | 'getSelectedStorageBackend'
  | 'setUsePlainTextEncryption'
>;

/** Secrets by name, sealed by safeStorage in one file. */
export class SecretStore {
  private readonly file: string;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly safe: SafeStorageLike,
    dir: string,
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly allowPlaintext: () => boolean = () => false,
  ) {
    this.file = join(dir, 'secrets.json');
  }

  /** Which protection the OS gives: 'os' (Keychain, DPAPI) or the Linux backend's name. */
  backend(): SecretBackend {
    return this.platform === 'linux' ? this.safe.getSelectedStorageBackend() : 'os';
  }

  /** True when secrets are stored unencrypted in effect (the settings warn about it). */
  isPlaintext(): boolean {
    return !this.safe.isEncryptionAvailable() || this.backend() === 'basic_text';
  }

  /** The secret kept under `key`, or null (absent, or sealed under another user or keyring). */
  async get(key: string): Promise<string | null> {
    this.usePlaintextIfAllowed();
    const all = await this.readAll();
    const sealed = all[key];
    if (!sealed || !this.safe.isEncryptionAvailable()) return null;
    try {
      return this.safe.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      return null; // encrypted under another OS user or keyring: as good as absent
    }
  }

  /** Keeps a secret; throws PlaintextRefused where it would be plain text without consent. */
  set(key: string, value: string): Promise<void> {
    if (this.isPlaintext() && !this.allowPlaintext()) return Promise.reject(new PlaintextRefused(this.backend()));
    this.usePlaintextIfAllowed();
    return this.queued(async () => {
      const all = await this.readAll();
      all[key] = this.safe.encryptString(value).toString('base64');
      await this.writeAll(all);
    });
  }

  /** Forgets a secret. */
  delete(key: string): Promise<void> {
    return this.queued(async () => {
      const all = await this.readAll();
      if (!(key in all)) return;
      delete all[key];
      await this.writeAll(all);
    });
  }

  /**
   * Linux without a keyring: once the user consented, Electron's in-memory
   * key must be switched on, else `encryptString` throws "Encryption is not available".
   */
  private usePlaintextIfAllowed(): void {
    if (this.platform === 'linux' && this.allowPlaintext() && !this.safe.isEncryptionAvailable()) {
      this.safe.setUsePlainTextEncryption(true);
    }
  }

  private queued(write: () => Promise<void>): Promise<void> {
    const next = this.writes.then(write, write);
    this.writes = next.catch(() => {});
    return next;
  }

  private async readAll(): Promise<Record<string, string>> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  private async writeAll(all: Record<string, string>): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(all));
  }
}
