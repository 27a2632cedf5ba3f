import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { parseElements } from '../../../src/core/elements';
import { runAnalysis, analysisSummary } from '../../../src/core/report/run';
import { loadInput } from '../../../src/cli/input';
import { presetScenario } from '../../../src/core/presets';
import { serializeScenario } from '../../../src/core/scenario/load';
import { CATALOG, requireSharedData } from './shared-data';

const tmp = mkdtempSync(join(tmpdir(), 'plan-analyze-'));
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s) > 0, stderr: (s: string) => err.push(s) > 0 }, out, err };
}

describe('plan analyze', () => {
  it('analyses the real catalogue (analytic): JSON summary on stdout and a per-satellite CSV in input order', async () => {
    const catalog = requireSharedData(CATALOG);
    const csvPath = join(tmp, 'per-sat.csv');
    const c = capture();
    const code = await main(['analyze', catalog, '--json', '-', '--csv', csvPath], c.io);
    expect(c.err.join('')).not.toMatch(/internal error/);
    expect(code).toBe(0);
    const doc = JSON.parse(c.out.join(''));
    expect(doc.satellites).toBe(25_975);
    expect(doc.rejected).toBe(0);
    expect(doc.mode).toBe('analytic');
    // window starts at the newest epoch in the file
    const parsed = parseElements(readFileSync(catalog, 'utf8'));
    const newest = Math.max(...Array.from(parsed.columns.epochMs));
    expect(Math.abs(Date.parse(doc.window.start) - newest)).toBeLessThan(1);
    for (const k of [
      'usablePowerGW',
      'computeGW',
      'eclipseFraction',
      'latencyP50Ms',
      'latencyP95Ms',
      'latencyP99Ms',
      'h100Equivalents',
      'colossus1Equivalents',
      'massToOrbitT',
    ]) {
      expect(typeof doc.totals[k]).toBe('number');
    }
    expect(doc.shells.length).toBe(1);
    expect(doc.totals.eclipseFraction).toBeGreaterThan(0);
    expect(doc.totals.eclipseFraction).toBeLessThan(0.4);
    const rows = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    const header = rows[0].split(',');
    for (const col of [
      'id',
      'name',
      'norad',
      'beta_deg',
      'eclipse_fraction',
      'sunlit_fraction',
      'usable_power_w',
      'radiator_temp_c',
      'power_margin_w',
      'thermal_margin_w',
      'latency_ms',
    ]) {
      expect(header).toContain(col);
    }
    expect(rows.length).toBe(25_976);
    const norad = header.indexOf('norad');
    // input order: the n-th row carries the n-th record's catalogue number
    for (const i of [0, 1, 100, 25_974]) expect(Number(rows[i + 1].split(',')[norad])).toBe(parsed.columns.noradId[i]);
    // eclipse + sunlit = 1 for every valid row
    const ef = header.indexOf('eclipse_fraction');
    const sf = header.indexOf('sunlit_fraction');
    let bad = 0;
    for (const r of rows.slice(1)) {
      const f = r.split(',');
      if (f[ef] !== '' && Math.abs(Number(f[ef]) + Number(f[sf]) - 1) > 1e-5) bad++;
    }
    expect(bad).toBe(0);
  }, 120_000);

  it('gives the browser core the same numbers (same runAnalysis) for the same input', async () => {
    const catalog = requireSharedData(CATALOG);
    const c = capture();
    expect(await main(['analyze', catalog, '--json', '-'], c.io)).toBe(0);
    const cli = JSON.parse(c.out.join(''));
    const input = loadInput(catalog);
    const run = runAnalysis(input.fleet, input.scenario, 'analytic');
    const direct = JSON.parse(JSON.stringify(analysisSummary(run, input.scenario, input.fleet, { source: 'elements', rejected: [] })));
    expect(cli.totals).toEqual(direct.totals);
  }, 120_000);

  it('sampled mode over the real catalogue reports progress, window and per-satellite latency (empty when never in view)', async () => {
    const catalog = requireSharedData(CATALOG);
    const out = join(tmp, 'sampled.json');
    const csvPath = join(tmp, 'sampled.csv');
    const c = capture();
    const code = await main(
      ['analyze', catalog, '--mode', 'sampled', '--duration-min', '20', '--step-s', '60', '--json', out, '--csv', csvPath],
      c.io,
    );
    expect(c.err.join('')).not.toMatch(/internal error/);
    expect(code).toBe(0);
    expect(c.err.join('')).toMatch(/analyze: 20\/20 steps/);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.mode).toBe('sampled');
    expect(doc.window.durationMin).toBe(20);
    expect(doc.window.stepS).toBe(60);
    const rows = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    const lat = rows[0].split(',').indexOf('latency_ms');
    const empty = rows.slice(1).filter((r) => r.split(',')[lat] === '').length;
    const filled = rows.length - 1 - empty;
    expect(empty).toBeGreaterThan(0); // 20 minutes: many objects never see one of 8 stations
    expect(filled).toBeGreaterThan(0);
  }, 180_000);

  it('analytic and sampled eclipse fractions agree within 0.01 for a circular shell (Starlink-like preset, one orbit)', async () => {
    const path = join(tmp, 'starlink.json');
    writeFileSync(path, serializeScenario(presetScenario('starlink-72x22')!));
    const a = capture();
    const s = capture();
    expect(await main(['analyze', path, '--json', '-'], a.io)).toBe(0);
    expect(await main(['analyze', path, '--mode', 'sampled', '--json', '-'], s.io)).toBe(0);
    const ea = JSON.parse(a.out.join('')).totals.eclipseFraction;
    const es = JSON.parse(s.out.join('')).totals.eclipseFraction;
    expect(Math.abs(ea - es)).toBeLessThan(0.01);
  }, 180_000);

  it('exits 2 with one clear line for unusable input', async () => {
    const badScenario = join(tmp, 'bad.json');
    writeFileSync(badScenario, JSON.stringify({ version: 1, name: 'x', shells: 'nope' }));
    for (const argv of [
      ['analyze', badScenario],
      ['analyze', 'preset:orbital-compute-1m', '--mode', 'guess'],
      ['analyze', 'preset:nope'],
      ['analyze', 'preset:starlink-72x22', '--step-s', '-5'],
    ]) {
      const c = capture();
      expect(await main(argv, c.io)).toBe(2);
      expect(c.err.join('')).toMatch(/^plan: .+\n$/);
    }
  });
});
