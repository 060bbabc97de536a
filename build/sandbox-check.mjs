// Chromium's sandbox on Ubuntu 23.10+ (and others that set
// kernel.apparmor_restrict_unprivileged_userns=1): unprivileged user
// namespaces are refused unless an AppArmor profile allows the binary, so
// Electron falls back to its SUID helper, which an npm install never sets up,
// and aborts ("The SUID sandbox helper binary was found, but is not configured
// correctly"). The app never runs with --no-sandbox: this names the cause and
// the fixes in one line instead. Pure functions over what is read, so tested.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The fix, in one line (README: "Ubuntu 23.10 and later"). */
export const SANDBOX_ADVICE =
  "wazo-notifier: this system restricts unprivileged user namespaces (Ubuntu 23.10+ AppArmor), so Electron's sandbox cannot start here; " +
  'install the .deb (it adds an AppArmor profile), or add one for this Electron, or allow them with ' +
  '`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0` (see the README). The app never runs without its sandbox.';

/**
 * Whether Chromium's sandbox will abort: the restriction is on, the SUID
 * helper is not root-owned with the setuid bit, and no AppArmor profile names
 * the binary.
 * @param {{ restricted: boolean; helper: { uid: number; mode: number } | null; profileNamesBinary: boolean }} facts
 * @returns {boolean}
 */
export function sandboxWillAbort(facts) {
  if (!facts.restricted || facts.profileNamesBinary) return false;
  const suidRoot = facts.helper !== null && facts.helper.uid === 0 && (facts.helper.mode & 0o4000) !== 0;
  return !suidRoot;
}

/**
 * True when Electron's own output says it aborted in the sandbox set-up.
 * @param {string} stderr
 * @returns {boolean}
 */
export function isSandboxAbort(stderr) {
  return /setuid_sandbox_host|SUID sandbox helper binary|No usable sandbox/i.test(stderr);
}

/**
 * Reads the facts on this machine for the Electron binary at `electronPath`.
 * @param {string} electronPath
 * @param {{ sysctl?: string; apparmorDir?: string }} [where]
 */
export function readSandboxFacts(electronPath, where = {}) {
  const sysctl = where.sysctl ?? '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';
  const apparmorDir = where.apparmorDir ?? '/etc/apparmor.d';
  let restricted = false;
  try {
    restricted = readFileSync(sysctl, 'utf8').trim() === '1';
  } catch {
    // no such sysctl: not restricted
  }
  let helper = null;
  try {
    const s = statSync(join(dirname(electronPath), 'chrome-sandbox'));
    helper = { uid: s.uid, mode: s.mode };
  } catch {
    // no helper
  }
  let profileNamesBinary = false;
  try {
    for (const name of readdirSync(apparmorDir)) {
      try {
        if (readFileSync(join(apparmorDir, name), 'utf8').includes(electronPath)) profileNamesBinary = true;
      } catch {
        // a folder or unreadable file
      }
    }
  } catch {
    // no AppArmor
  }
  return { restricted, helper, profileNamesBinary };
}
