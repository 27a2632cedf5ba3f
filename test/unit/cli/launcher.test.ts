/**
 * The shipped command line: `npm run plan` runs scripts/plan.mjs, which builds src/cli into
 * dist-cli/ (esbuild, code splitting, worker entries beside it) when the sources are newer and runs
 * the bundle. These tests run it as a user does, as a separate Node process, and hold it to the
 * source CLI's output.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main';
import { CATALOG, requireSharedData } from './shared-data';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'plan-launcher-'));

function plan(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/plan.mjs'), ...args], { cwd: tmp, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function source(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (s: string) => out.push(s) > 0, stderr: (s: string) => err.push(s) > 0 });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('scripts/plan.mjs (the bundled CLI)', () => {
  it('builds the bundle, then gives the source CLI output for states (in-thread, worker pool and parallel parts)', async () => {
    const build = plan(['--build']);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    for (const f of ['plan.mjs', 'propagation.node.mjs', 'states.node.mjs']) expect(existsSync(join(root, 'dist-cli', f))).toBe(true);

    const catalog = requireSharedData(CATALOG);
    const at = '2022-08-10T00:00:00Z';
    const ref = await source(['states', catalog, '--at', at, '--workers', '0']);
    expect(ref.code).toBe(0);
    for (const workers of ['0', '2']) {
      const r = plan(['states', catalog, '--at', at, '--workers', workers]);
      expect(r.stderr).toBe(ref.stderr);
      expect(r.code).toBe(0);
      expect(r.stdout === ref.stdout).toBe(true);
    }
    // Above 4 MB a TLE file is cut into parts for worker threads (dist-cli/states.node.mjs).
    const text = readFileSync(catalog, 'utf8');
    const big = join(tmp, 'big.tle');
    writeFileSync(big, `${text}\n${text}\n`);
    const bigRef = await source(['states', big, '--at', at, '--workers', '0']);
    const bigRun = plan(['states', big, '--at', at]);
    expect(bigRun.stderr).toBe(bigRef.stderr);
    expect(bigRun.stdout === bigRef.stdout).toBe(true);
  }, 180_000);

  it('is the package bin: plan -> scripts/plan.mjs runs as an executable (what npm links on install)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ plan: 'scripts/plan.mjs' });
    const bin = join(root, pkg.bin.plan);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const r = spawnSync(bin, ['--version'], { cwd: tmp, encoding: 'utf8' });
    expect(r.stdout).toBe(`${pkg.version}\n`);
    expect(r.status).toBe(0);
    const h = spawnSync(bin, ['ephemeris', '--help'], { cwd: tmp, encoding: 'utf8' });
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/^usage: plan ephemeris /);
  }, 120_000);

  it('writes the feasibility report with the design sources and version, and refuses bad input with exit 2', async () => {
    const out = join(tmp, 'report.html');
    const r = plan(['report', 'preset:suncatcher', '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<td class="note">[^<]*PHYSICS\.md/);
    expect(html).toMatch(/planner \d+\.\d+\.\d+/);
    const a = plan(['analyze', 'preset:suncatcher', '--json', '-']);
    const b = await source(['analyze', 'preset:suncatcher', '--json', '-']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));

    const bad = join(tmp, 'bad.tle');
    writeFileSync(bad, 'not\nan element file\n');
    const e = plan(['states', bad, '--at', '2022-08-10T00:00:00Z']);
    expect(e.code).toBe(2);
    expect(e.stderr.trim().split('\n')).toHaveLength(1);
    expect(e.stderr).toMatch(/^plan: .*bad\.tle/);
  }, 120_000);
});
