// Runs the desktop app. Electron's install script is not allowed to run at
// `npm install` time (it downloads a binary, which some machines cannot), so
// the binary is fetched here on first use; where that fails, say so clearly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isSandboxAbort, readSandboxFacts, SANDBOX_ADVICE, sandboxWillAbort } from './sandbox-check.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = fileURLToPath(new URL('../node_modules/electron/', import.meta.url));

if (!existsSync(`${electronDir}path.txt`)) {
  process.stderr.write(
    'wazo-notifier: fetching Electron for this machine (first start only, about 100 MB, up to 10 minutes)…\n',
  );
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [`${electronDir}install.js`], { encoding: 'utf8', env, timeout: 600_000 });
  if (r.status !== 0 || !existsSync(`${electronDir}path.txt`)) {
    // The installer's own stack trace helps nobody: its first error line says why.
    const why =
      `${r.stderr ?? ''}`
        .split('\n')
        .find((l) => /error/i.test(l))
        ?.trim() ?? (r.error ? `${r.error.message}` : `exit code ${r.status}`);
    process.stderr.write(
      `wazo-notifier: Electron could not be downloaded on this machine (${why}), so the desktop app cannot start here.\n` +
        'The same window runs in a browser: npm start -- web --user <your Wazo user UUID>\n',
    );
    process.exit(1);
  }
}
const electron = require('electron');
// Ubuntu 23.10+: Chromium's sandbox would abort with a FATAL line; say why and what to do instead.
if (process.platform === 'linux' && sandboxWillAbort(readSandboxFacts(electron))) {
  process.stderr.write(`${SANDBOX_ADVICE}\n`);
  process.exit(1);
}
// Electron's stderr passes through, watched for a sandbox abort this check could not foresee.
const child = spawn(electron, [root, ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'pipe'] });
let tail = '';
child.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  tail = (tail + chunk).slice(-4096);
});
child.on('exit', (code, signal) => {
  if ((signal || code) && isSandboxAbort(tail)) process.stderr.write(`${SANDBOX_ADVICE}\n`);
  process.exit(signal ? 1 : (code ?? 0));
});
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
