#!/usr/bin/env node
// `npm test`: the lint, the type check, then every test, unit and browser.
// 0. `npm run lint` (Biome + the layer rules) and `npm run typecheck` (every tsconfig project): if
//    either fails, stop and print `0 passed, 1 failed` (no stale report is left for .ci/run).
// 1. Find Chromium for the browser tests (CHROMIUM_PATH, then /usr/bin/chromium); on Debian as
//    root install it with apt-get, otherwise stop with one line saying how.
// 2. Build the app (browser tests load the built planner).
// 3. Run vitest with the default and JSON reporters; print `N passed, N failed`.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const REPORT = '.vitest-report.json';
const args = process.argv.slice(2);

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}

rmSync(REPORT, { force: true });
for (const step of ['lint', 'typecheck']) {
  if (run('npm', ['run', '--silent', step]) !== 0) {
    console.error(`npm run ${step} failed: fix it before the tests run.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

let chromium = findChromium();
if (!chromium) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium not found: installing it with apt-get (Debian package "chromium") ...');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    chromium = findChromium();
  }
  if (!chromium) {
    console.error(
      'Browser tests need Chromium: install it (Debian: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to its binary.',
    );
    process.exit(1);
  }
}
process.env.CHROMIUM_PATH = chromium;

if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
  console.error('vite build failed: the browser tests need the built app.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

rmSync(REPORT, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', `--reporter=json`, `--outputFile.json=${REPORT}`, ...args]);

let passed = 0;
let failed = 0;
if (existsSync(REPORT)) {
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  // Suites that failed to load count as failures too (they hold no test results).
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
  }
} else {
  failed = 1;
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
