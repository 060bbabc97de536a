/**
 * B2: the launcher recognises the Ubuntu 23.10+ sandbox abort before (and
 * after) starting Electron, and says what to do in one line; it never turns
 * the sandbox off.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSandboxAbort, readSandboxFacts, SANDBOX_ADVICE, sandboxWillAbort } from '../../../build/sandbox-check.mjs';

describe('the Chromium sandbox check', () => {
  const restricted = { restricted: true, helper: { uid: 1000, mode: 0o100755 }, profileNamesBinary: false };

  it('foresees the abort where user namespaces are restricted and nothing else lets the sandbox start', () => {
    expect(sandboxWillAbort(restricted)).toBe(true);
    expect(sandboxWillAbort({ ...restricted, restricted: false })).toBe(false);
    expect(sandboxWillAbort({ ...restricted, profileNamesBinary: true })).toBe(false);
    expect(sandboxWillAbort({ ...restricted, helper: { uid: 0, mode: 0o104755 } })).toBe(false);
    expect(sandboxWillAbort({ ...restricted, helper: null })).toBe(true);
  });

  it('reads the sysctl, the helper and the AppArmor profiles', () => {
    const d = mkdtempSync(join(tmpdir(), 'wazo-sandbox-'));
    mkdirSync(join(d, 'dist'));
    mkdirSync(join(d, 'apparmor.d'));
    writeFileSync(join(d, 'sysctl'), '1\n');
    writeFileSync(join(d, 'dist', 'chrome-sandbox'), '');
    const electron = join(d, 'dist', 'electron');
    const where = { sysctl: join(d, 'sysctl'), apparmorDir: join(d, 'apparmor.d') };
    const facts = readSandboxFacts(electron, where);
    expect(facts).toMatchObject({ restricted: true, profileNamesBinary: false });
    expect(facts.helper).not.toBeNull();
    writeFileSync(join(d, 'apparmor.d', 'wazo'), `profile wazo ${electron} flags=(unconfined) { userns, }\n`);
    expect(readSandboxFacts(electron, where).profileNamesBinary).toBe(true);
    expect(readSandboxFacts(electron, { sysctl: join(d, 'none'), apparmorDir: join(d, 'none') }).restricted).toBe(
      false,
    );
  });

  it('recognises Electron’s own abort message, and advises without --no-sandbox', () => {
    expect(
      isSandboxAbort(
        "[1:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now.",
      ),
    ).toBe(true);
    expect(isSandboxAbort('some other failure')).toBe(false);
    expect(SANDBOX_ADVICE).toMatch(/\.deb.*AppArmor.*kernel\.apparmor_restrict_unprivileged_userns=0/);
    expect(SANDBOX_ADVICE).not.toContain('\n');
    const launcher = readFileSync(new URL('../../../build/run-electron.mjs', import.meta.url), 'utf8');
    expect(launcher).not.toContain("'--no-sandbox'");
  });
});
