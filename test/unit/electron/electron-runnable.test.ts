/** The Electron suite's skip: no binary, or a Linux without a display, is a reason, not a failure. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSkipReason } from '../../support/electron-runnable.js';

describe('the Electron suite’s skip', () => {
  it('names what is missing: the binary, then a display on Linux', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wazo-electron-'));
    expect(electronSkipReason(dir, 'linux', { DISPLAY: ':0' })).toMatch(/path\.txt is missing/);
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronSkipReason(dir, 'linux', { DISPLAY: ':0' })).toMatch(/dist\/electron is missing/);
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(electronSkipReason(dir, 'linux', {})).toMatch(/no display here/);
    expect(electronSkipReason(dir, 'linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeNull();
    expect(electronSkipReason(dir, 'darwin', {})).toBeNull();
  });
});
