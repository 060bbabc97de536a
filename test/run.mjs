// The whole test run, as the README's test command and CI run it: make sure the
// services are up, build, type-check and lint, run every suite, and end with a
// line "N passed, N failed" counted from the runners' JSON reports.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

function step(title, cmd, args, opts = {}) {
  process.stdout.write(`\n== ${title}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

const npx = (args) => ['npx', ['--no-install', ...args]];
let broken = [];

if (step('RabbitMQ', 'bash', ['test/support/ensure-rabbitmq.sh']) !== 0) broken.push('RabbitMQ unavailable');
const chromium = step('Chromium', 'bash', ['test/support/ensure-chromium.sh']) === 0;
if (!chromium) broken.push('Chromium unavailable: the window tests cannot run');
if (step('build', 'npm', ['run', '--silent', 'build']) !== 0) broken.push('build failed');
if (step('typecheck', 'npm', ['run', '--silent', 'typecheck']) !== 0) broken.push('typecheck failed');
if (step('lint', 'npm', ['run', '--silent', 'lint']) !== 0) broken.push('lint failed');

// Electron security review of the built app: no high-severity finding may stand.
const sarif = join(results, 'electronegativity.sarif');
step(
  'electronegativity',
  ...npx(['electronegativity', '-i', 'dist', '-r', '-e', '41.0.0', '-v', 'false', '-o', sarif]),
);
if (existsSync(sarif)) {
  const findings = JSON.parse(readFileSync(sarif, 'utf8')).runs.flatMap((r) => r.results ?? []);
  const byLevel = (level) => findings.filter((f) => f.level === level);
  for (const f of findings)
    process.stdout.write(`electronegativity: ${f.level} ${f.ruleId}: ${f.message?.text ?? ''}\n`);
  process.stdout.write(
    `electronegativity: ${byLevel('error').length} high, ${byLevel('warning').length} medium, ${byLevel('note').length} low\n`,
  );
  if (byLevel('error').length > 0) broken.push('electronegativity found high-severity issues');
} else {
  broken.push('electronegativity wrote no report');
}

const vitestReport = join(results, 'vitest.json');
step(
  'unit and integration tests (vitest)',
  ...npx(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]),
);

// The soak suite's short run (issue 13): a tenth of the scale, judged on lost/duplicated/foreign/crashes and
// state = truth; each scenario counts as one test.
const soakReport = join(results, 'soak.json');
step('soak, short run', 'node', ['--expose-gc', '--import', 'tsx', 'test/soak/run.ts', '--short', '--out', soakReport]);

const playwrightReport = join(results, 'playwright.json');
if (chromium) step('window tests in Chromium (playwright)', ...npx(['playwright', 'test']));

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A suite that failed to load has no tests to count but is still a failure.
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      failed += 1;
      broken.push(`${file.name}: ${String(file.message ?? 'failed to run').split('\n')[0]}`);
    }
  }
} else {
  broken.push('vitest wrote no report');
}

if (existsSync(soakReport)) {
  const report = JSON.parse(readFileSync(soakReport, 'utf8'));
  for (const s of report.scenarios ?? []) {
    if (s.pass) passed += 1;
    else {
      failed += 1;
      broken.push(`soak ${s.id}: ${String(s.failures?.[0] ?? 'failed').split('\n')[0]}`);
    }
  }
} else {
  broken.push('the soak run wrote no report');
}

if (chromium) {
  if (existsSync(playwrightReport)) {
    const report = JSON.parse(readFileSync(playwrightReport, 'utf8'));
    const stats = report.stats ?? {};
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
    skipped += stats.skipped ?? 0;
    for (const e of report.errors ?? []) broken.push(`playwright: ${String(e.message ?? e).split('\n')[0]}`);
    if ((stats.expected ?? 0) + (stats.unexpected ?? 0) + (stats.flaky ?? 0) === 0)
      broken.push('playwright ran no test');
  } else {
    broken.push('playwright wrote no report');
  }
}

if (passed + failed === 0) broken.push('no test ran');
for (const b of broken) process.stdout.write(`problem: ${b}\n`);
failed += broken.length && failed === 0 ? 1 : 0;
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 || broken.length > 0 ? 1 : 0);
