import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { presetScenario } from '../../../src/core/presets';
import { serializeScenario } from '../../../src/core/scenario/load';
import { setAtPath } from '../../../src/core/trade';
import { CATALOG, requireSharedData } from './shared-data';

const tmp = mkdtempSync(join(tmpdir(), 'plan-sweep-'));
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s) > 0, stderr: (s: string) => err.push(s) > 0 }, out, err };
}
async function run(args: string[]) {
  const c = capture();
  const code = await main(args, c.io);
  return { code, out: c.out.join(''), err: c.err.join('') };
}

describe('plan sweep', () => {
  it('the point equal to the base scenario carries exactly the figures of plan analyze --json', async () => {
    const a = await run(['analyze', 'preset:starlink-72x22', '--json', '-']);
    const s = await run([
      'sweep',
      'preset:starlink-72x22',
      '--param',
      'shells[0].altitudeKm',
      '--from',
      '500',
      '--to',
      '600',
      '--steps',
      '3',
      '--json',
      '-',
    ]);
    expect(a.code).toBe(0);
    expect(s.code).toBe(0);
    const analyze = JSON.parse(a.out);
    const sweep = JSON.parse(s.out);
    expect(sweep.param).toBe('shells[0].altitudeKm');
    expect(sweep.points.map((p: { value: number }) => p.value)).toEqual([500, 550, 600]);
    const base = sweep.points[1];
    expect(base.valid).toBe(true);
    expect(base.totals).toEqual(analyze.totals);
    expect(base.shells).toEqual(analyze.shells);
  });

  it('works on an element file: 3,000 objects of the real catalogue, swept over the radiator of its default design', async () => {
    // the first 3,000 records (the whole catalogue's separation screening would make this slow)
    const lines = readFileSync(requireSharedData(CATALOG), 'utf8').split(/\r?\n/);
    const per = lines[0].startsWith('1 ') ? 2 : 3;
    const catalog = join(tmp, 'catalogue-3000.tle');
    writeFileSync(catalog, `${lines.slice(0, 3000 * per).join('\n')}\n`);
    const a = await run(['analyze', catalog, '--json', '-']);
    const s = await run([
      'sweep',
      catalog,
      '--param',
      'designs[0].radiator.areaM2',
      '--from',
      '160',
      '--to',
      '320',
      '--steps',
      '2',
      '--json',
      '-',
    ]);
    expect(s.code).toBe(0);
    const doc = JSON.parse(s.out);
    expect(doc.points[0].satellites).toBe(3000);
    expect(doc.points[0].totals).toEqual(JSON.parse(a.out).totals); // 160 m^2 is the default
    expect(doc.points[1].totals.computeRejectableGW).toBeGreaterThan(doc.points[0].totals.computeRejectableGW);
  });

  it('reports refused variants at their point (JSON and CSV) and goes on', async () => {
    const args = [
      'sweep',
      'preset:starlink-72x22',
      '--param',
      'shells[0].totalSatellites',
      '--from',
      '1584',
      '--to',
      '1656',
      '--steps',
      '4',
    ];
    const j = await run([...args, '--json', '-']);
    expect(j.code).toBe(0);
    const pts = JSON.parse(j.out).points;
    expect(pts.map((p: { valid: boolean }) => p.valid)).toEqual([true, false, false, true]);
    expect(pts[1].error).toMatch(/T = 1608 is not a multiple of P = 72/);
    const csvPath = join(tmp, 'sweep.csv');
    const c = await run([...args, '--csv', csvPath]);
    expect(c.code).toBe(0);
    const rows = readFileSync(csvPath, 'utf8').trim().split('\n');
    expect(rows[0].split(',').slice(0, 5)).toEqual(['value', 'valid', 'error', 'satellites', 'compute_gw']);
    expect(rows).toHaveLength(5);
    expect(rows[2]).toMatch(/^1608,false,.*not a multiple/);
    expect(rows[4]).toMatch(/^1656,true,,1656,/);
  });

  it('two parameters: a grid with value and value2', async () => {
    const s = await run([
      'sweep',
      'preset:starlink-72x22',
      '--param',
      'shells[0].altitudeKm',
      '--from',
      '500',
      '--to',
      '600',
      '--steps',
      '2',
      '--param2',
      'shells[0].planes',
      '--from2',
      '66',
      '--to2',
      '72',
      '--steps2',
      '2',
      '--json',
      '-',
    ]);
    expect(s.code).toBe(0);
    const doc = JSON.parse(s.out);
    expect(doc.param2).toBe('shells[0].planes');
    expect(doc.points).toHaveLength(4);
    // 1584 satellites in 66 planes is valid (24 per plane)
    expect(doc.points.map((p: { value2: number; valid: boolean }) => [p.value2, p.valid])).toEqual([
      [66, true],
      [72, true],
      [66, true],
      [72, true],
    ]);
  });

  it('--optimise prints the best value; the CLI and the JSON agree', async () => {
    const args = ['sweep', 'preset:starlink-72x22', '--param', 'designs[0].radiator.areaM2', '--from', '40', '--to', '400', '--steps', '7'];
    const t = await run([...args, '--optimise', 'compute-per-tonne']);
    const j = await run([...args, '--optimise', 'compute-per-tonne', '--json', '-']);
    expect(t.code).toBe(0);
    const o = JSON.parse(j.out).optimum;
    expect(o.found).toBe(true);
    expect(o.value).toBeGreaterThan(100);
    expect(o.value).toBeLessThan(160);
    expect(t.out).toMatch(/optimum \(maximise compute per tonne to orbit, feasible share >= 0\.0 %\): value 13\d\.\d+ gives/);
    const none = await run([...args, '--optimise', 'compute', '--min-feasible-share', '0.99']);
    expect(none.out).toMatch(/optimum .*: none: no valid point of the sweep reaches a feasible share of at least 99\.0 %/);
  });

  it('bad arguments are one line and exit 2', async () => {
    const base = ['sweep', 'preset:starlink-72x22'];
    const cases: Array<[string[], RegExp]> = [
      [[...base, '--from', '1', '--to', '2', '--steps', '2'], /needs --param/],
      [[...base, '--param', 'shells[0].name', '--from', '1', '--to', '2', '--steps', '2'], /shells\[0\]\.name: not a numeric field/],
      [[...base, '--param', 'shells[7].altitudeKm', '--from', '1', '--to', '2', '--steps', '2'], /no such field/],
      [[...base, '--param', 'shells[0].altitudeKm', '--from', 'x', '--to', '2', '--steps', '2'], /--from: "x" is not a number/],
      [[...base, '--param', 'shells[0].altitudeKm', '--from', '1', '--to', '2', '--steps', '0'], /--steps/],
      [
        [...base, '--param', 'shells[0].altitudeKm', '--from', '1', '--to', '2', '--steps', '2', '--optimise', 'speed'],
        /--optimise must be/,
      ],
      [[...base, '--param', 'shells[0].altitudeKm', '--from', '1', '--to', '2', '--steps', '2', '--bogus'], /bogus/],
    ];
    for (const [args, re] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(re);
    }
  });
});

describe('plan compare', () => {
  it('puts scenarios side by side with the differing figures marked', async () => {
    const a = presetScenario('starlink-72x22');
    if (!a) throw new Error('preset');
    const b = setAtPath(a, ['designs', 0, 'radiator', 'areaM2'], 320);
    const pa = join(tmp, 'a.json');
    const pb = join(tmp, 'b.json');
    writeFileSync(pa, serializeScenario(a));
    writeFileSync(pb, serializeScenario({ ...b, name: 'Bigger radiator' }));
    const j = await run(['compare', pa, pb, '--json', '-']);
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.out);
    expect(doc.scenarios.map((s: { name: string }) => s.name)).toEqual([a.name, 'Bigger radiator']);
    const by = new Map(doc.figures.map((f: { key: string }) => [f.key, f]));
    const analyzeA = JSON.parse((await run(['analyze', pa, '--json', '-'])).out);
    expect((by.get('computeGW') as { values: number[] }).values[0]).toBe(analyzeA.totals.computeGW);
    expect(doc.differing).toContain('massToOrbitT');
    expect(doc.differing).not.toContain('satellites');
    const t = await run(['compare', pa, pb]);
    expect(t.out).toMatch(/^\* Mass to orbit/m);
    expect(t.out).toMatch(/^ {2}Satellites/m);
  });

  it('plan report --compare adds the comparison appendix (HTML and PDF)', async () => {
    const a = presetScenario('starlink-72x22');
    if (!a) throw new Error('preset');
    const pa = join(tmp, 'ra.json');
    const pb = join(tmp, 'rb.json');
    writeFileSync(pa, serializeScenario(a));
    writeFileSync(pb, serializeScenario({ ...setAtPath(a, ['designs', 0, 'radiator', 'areaM2'], 320), name: 'Radiator <b>320</b>' }));
    const html = await run(['report', pa, '--compare', `${pb},preset:suncatcher`, '--format', 'html']);
    expect(html.code).toBe(0);
    expect(html.out).toContain('Appendix: comparison with other scenarios');
    expect(html.out).toContain('Radiator &lt;b&gt;320&lt;/b&gt;');
    expect(html.out).not.toContain('<b>320</b>');
    expect(html.out).toContain('Suncatcher');
    const plain = await run(['report', pa, '--format', 'html']);
    expect(plain.out).not.toContain('Appendix: comparison');
    const bad = await run(['report', pa, '--compare', 'a,b,c,d', '--format', 'html']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--compare takes 1 to 3/);
  });

  it('takes 2 to 4 inputs', async () => {
    const one = await run(['compare', 'preset:suncatcher']);
    expect(one.code).toBe(2);
    expect(one.err).toMatch(/compare needs <b>/);
    const five = await run(['compare', ...Array(5).fill('preset:suncatcher')]);
    expect(five.code).toBe(2);
    expect(five.err).toMatch(/unexpected argument/);
  });
});
