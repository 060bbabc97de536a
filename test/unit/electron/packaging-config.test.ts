/**
 * The packaging config, checked by electron-builder's own code, offline:
 * packaging needs an Electron download this machine cannot make, but the
 * config's schema validation and the deb's metadata (maintainer, depends) are
 * plain functions of app-builder-lib that fail `npm run dist` the same way.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../../', import.meta.url));

interface BuilderConfig {
  linux?: Record<string, unknown>;
  deb?: { depends?: string[] } & Record<string, unknown>;
  [key: string]: unknown;
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(dir: string, path: string, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { normalizePackageData } = require('app-builder-lib/out/util/normalizePackageData.js') as {
  normalizePackageData(data: Record<string, unknown>): void;
};
const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget.js') as {
  default: {
    prototype: {
      computeFpmMetaInfoOptions(this: unknown): Promise<{ maintainer: string; url: string }>;
      getDefaultDepends(target: string): string[];
    };
  };
};

const loadConfig = () => getConfig(root, 'build/electron-builder.yml', null);
const metadata = () => {
  const data = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as Record<string, unknown>;
  normalizePackageData(data);
  return data;
};

/** The deb target's options as FpmTarget's constructor merges them: linux, then deb. */
const debOptions = (config: BuilderConfig) => ({ ...config.linux, ...config.deb });

describe('packaging config (build/electron-builder.yml)', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(await loadConfig(), new DebugLogger(false))).resolves.toBeUndefined();
    // electron-builder's schema is large: loading it takes seconds on a busy shared machine.
  }, 60_000);

  it('gives the deb a maintainer, as electron-builder’s FpmTarget requires', async () => {
    const config = await loadConfig();
    const meta = metadata();
    const fakeTarget = {
      options: debOptions(config),
      packager: {
        info: { metadata: meta },
        appInfo: { computePackageUrl: async () => meta['homepage'] ?? null, linuxPackageName: 'wazo-notifier' },
      },
    };
    const info = await FpmTarget.prototype.computeFpmMetaInfoOptions.call(fakeTarget);
    expect(info.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(info.url).toBe('https://wazo-platform.org');
  });

  it('keeps electron-builder’s default deb dependencies (GTK, NSS, libsecret, libnotify…)', async () => {
    const defaults = FpmTarget.prototype.getDefaultDepends('deb');
    expect(defaults).toContain('libsecret-1-0');
    const depends = debOptions(await loadConfig())['depends'] as string[] | undefined;
    // No key means the defaults; a list must hold every one of them.
    if (depends !== undefined) expect(depends).toEqual(expect.arrayContaining(defaults));
  });
});
