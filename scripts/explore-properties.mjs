#!/usr/bin/env node
/**
 * Explore the property tests with new seeds: runs every unit test file that uses
 * test/unit/propertyRuns.ts N times (default 50), each time with PROPERTY_SEED set to a fresh
 * random integer, and prints the seeds that failed with the command that replays each one.
 *
 *   node scripts/explore-properties.mjs [--seeds N] [--runs R] [file ...]
 *
 * --runs sets PROPERTY_RUNS (cases per property). Files default to every property test file.
 * Exit code 1 when any seed failed. CI does not run this (it runs the fixed seed); see
 * docs/TESTING.md.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  options: { seeds: { type: 'string', default: '50' }, runs: { type: 'string' } },
  allowPositionals: true,
});
const seeds = Number(values.seeds);
if (!Number.isInteger(seeds) || seeds < 1) {
  console.error(`--seeds ${values.seeds}: expected a whole number of at least 1`);
  process.exit(2);
}

function propertyFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) propertyFiles(p, out);
    else if (/\.test\.tsx?$/.test(e.name) && readFileSync(p, 'utf8').includes('propertyRuns')) out.push(relative(root, p));
  }
  return out;
}
const files = positionals.length ? positionals : propertyFiles(join(root, 'test/unit'));
const failed = [];
for (let i = 0; i < seeds; i++) {
  const seed = (Math.random() * 2 ** 31) | 0;
  const env = { ...process.env, PROPERTY_SEED: String(seed), NO_COLOR: '1', FORCE_COLOR: '0' };
  if (values.runs) env.PROPERTY_RUNS = values.runs;
  const r = spawnSync('npx', ['vitest', 'run', '--project', 'unit', '--maxWorkers', '1', ...files], { cwd: root, env, encoding: 'utf8' });
  const ok = r.status === 0;
  console.log(`seed ${String(i + 1).padStart(3)}/${seeds}: PROPERTY_SEED=${seed} ${ok ? 'passed' : 'FAILED'}`);
  if (!ok) {
    failed.push(seed);
    const plain = `${r.stdout}\n${r.stderr}`;
    for (const line of plain.split('\n')) if (/^(Replay:| FAIL |Counterexample:)/.test(line.trim())) console.log(`  ${line.trim()}`);
  }
}
console.log(`${seeds - failed.length} of ${seeds} seeds passed${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
