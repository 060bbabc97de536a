/**
 * Keeps the profile in one JSON file, written atomically (a temporary file,
 * flushed, then renamed over the old one), so a crash never leaves half a
 * profile. A file that cannot be read is kept aside, the app starts from the
 * defaults, and it says so. While the app runs, the profile changes only
 * through KeptProfile.update, which queues the writes: one at a time, in
 * order, so an older profile never lands over a newer one.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, type Logger } from '../core/logger.js';
import { writeFileAtomic } from './atomic-file.js';
import { defaultProfile, readProfile, type Profile } from './profile.js';

export interface LoadedProfile {
  profile: Profile;
  /** Something the user should be told: a corrupt file kept aside, fields reset to defaults. */
  warning?: string;
}

export class ProfileStore {
  readonly file: string;

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.file = join(dir, 'profile.json');
  }

  async load(): Promise<LoadedProfile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { profile: this.withInstallId(defaultProfile()) };
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const kept = `${this.file}.corrupt-${new Date(this.now()).toISOString().replaceAll(':', '-')}`;
      await rename(this.file, kept);
      const profile = this.withInstallId(defaultProfile());
      await this.save(profile);
      return { profile, warning: `The profile could not be read and was kept as ${kept}; the defaults are in use.` };
    }
    const { profile, repaired } = readProfile(json);
    const loaded: LoadedProfile = { profile: this.withInstallId(profile) };
    if (repaired.length)
      loaded.warning = `Invalid profile settings were reset to their defaults: ${repaired.join(', ')}.`;
    return loaded;
  }

  /** Writes the profile atomically. */
  async save(profile: Profile): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(profile, null, 2)}\n`);
  }

  private withInstallId(profile: Profile): Profile {
    return profile.installId ? profile : { ...profile, installId: `desk-${randomBytes(6).toString('hex')}` };
  }
}

/** The profile of this run: one current value, every change written through one queue. */
export class KeptProfile {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private value: Profile,
    private readonly store: Pick<ProfileStore, 'save'>,
    private readonly log: Logger,
  ) {}

  get current(): Profile {
    return this.value;
  }

  /**
   * Changes some fields at once and queues the profile's write; resolves once
   * written. Never rejects: a failed write is logged, and the next one writes
   * the whole profile again.
   */
  update(patch: Partial<Profile>): Promise<void> {
    this.value = { ...this.value, ...patch };
    this.writing = this.writing
      .then(() => this.store.save(this.value))
      .catch((err: unknown) => this.log.error(`profile not saved: ${describeError(err)}`));
    return this.writing;
  }
}
