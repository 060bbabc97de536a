/**
 * Secrets (the bus password now, the Wazo token later) kept only through
 * Electron's safeStorage, encrypted, in one file of the profile folder.
 * Where the OS offers no real encryption (Linux without a keyring falls back
 * to 'basic_text'), nothing is written unless the user explicitly accepted
 * it; the settings say which backend is in use. Secrets never reach a log.
 */
import type { SafeStorage } from 'electron';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type SecretBackend = ReturnType<SafeStorage['getSelectedStorageBackend']> | 'os';

/** Thrown when a secret would be stored as plain text without the user's consent. */
export class PlaintextRefused extends Error {
  constructor(backend: string) {
    super(
      `secrets were not saved: this system offers no encryption (backend "${backend}"); allow it in the settings to save them anyway`,
    );
  }
}

export class SecretStore {
  private readonly file: string;

  constructor(
    private readonly safe: Pick<
      SafeStorage,
      'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
    >,
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

  async get(key: string): Promise<string | null> {
    const all = await this.readAll();
    const sealed = all[key];
    if (!sealed || !this.safe.isEncryptionAvailable()) return null;
    try {
      return this.safe.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      return null; // encrypted under another OS user or keyring: as good as absent
    }
  }

  async set(key: string, value: string): Promise<void> {
    if (this.isPlaintext() && !this.allowPlaintext()) throw new PlaintextRefused(this.backend());
    const all = await this.readAll();
    all[key] = this.safe.encryptString(value).toString('base64');
    await this.writeAll(all);
  }

  async delete(key: string): Promise<void> {
    const all = await this.readAll();
    if (!(key in all)) return;
    delete all[key];
    await this.writeAll(all);
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
    await mkdir(join(this.file, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp-${process.pid}`;
    await writeFile(tmp, JSON.stringify(all), { mode: 0o600 });
    await rename(tmp, this.file);
  }
}
