import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { propagate, twoline2satrec } from 'satellite.js';
import { main } from '../../../src/cli/main';
import { CATALOG, requireSharedData } from './shared-data';

const tmp = mkdtempSync(join(tmpdir(), 'plan-states-'));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (s: string) => out.push(s) > 0,
    stderr: (s: string) => err.push(s) > 0,
  };
  return { io, out, err };
}

describe('plan states', () => {
  it('writes the TEME state of every catalogue satellite in input order, matching satellite.js within 1 m', async () => {
    const catalog = requireSharedData(CATALOG);
    const outPath = join(tmp, 'states.csv');
    const at = '2022-08-10T00:00:00Z';
    const c = capture();
    const code = await main(['states', catalog, '--at', at, '--out', outPath], c.io);
    expect(c.err.join('')).not.toMatch(/internal error/);
    expect(code).toBe(0);
    const lines = readFileSync(outPath, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('id,name,norad,epoch_utc,frame,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error');
    // Reference: satellite.js on the same TLE text, record by record.
    const tle = readFileSync(catalog, 'utf8').split(/\r?\n/);
    const recs: Array<{ norad: number; l1: string; l2: string }> = [];
    for (let k = 0; k + 1 < tle.length; k++) {
      if (tle[k].startsWith('1 ') && tle[k + 1]?.startsWith('2 ')) {
        recs.push({ norad: Number(tle[k].slice(2, 7)), l1: tle[k], l2: tle[k + 1] });
        k++;
      }
    }
    const rows = lines.slice(1).map((l) => l.split(','));
    const accepted = rows.length;
    expect(accepted).toBeGreaterThan(25_000);
    // Rows are in input order: norad ids appear in the file's order.
    const byNorad = new Map(recs.map((r) => [r.norad, r]));
    let checked = 0;
    let worstKm = 0;
    for (let i = 0; i < rows.length; i += 97) {
      const row = rows[i];
      expect(Number(row[0])).toBe(i);
      const ref = byNorad.get(Number(row[2]));
      if (!ref) continue;
      const sr = twoline2satrec(ref.l1, ref.l2);
      const pv = propagate(sr, new Date(at), { communityDecayCheckEnabled: true });
      expect(row[3]).toBe('2022-08-10T00:00:00.000Z');
      expect(row[4]).toBe('TEME');
      if (!pv || row[11] !== '0') {
        expect(pv === null).toBe(row[11] !== '0');
        continue;
      }
      const p = pv.position as { x: number; y: number; z: number };
      worstKm = Math.max(worstKm, Math.hypot(Number(row[5]) - p.x, Number(row[6]) - p.y, Number(row[7]) - p.z));
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
    expect(worstKm).toBeLessThan(1e-3);
  }, 120_000);

  it('reports rejected records on stderr with their line numbers and still writes the good ones', async () => {
    const good = [
      'ISS (ZARYA)',
      '1 25544U 98067A   22220.51041667  .00006811  00000+0  12616-3 0  9992',
      '2 25544  51.6423 123.4611 0005040 187.7227 292.2757 15.50003388353013',
    ];
    const bad = ['BROKEN', '1 25544U 98067A   22220.51041667  .00006811  00000+0  12616-3 0  9990', good[2]];
    const path = join(tmp, 'mixed.tle');
    writeFileSync(path, `${[...good, ...bad].join('\n')}\n`);
    const c = capture();
    const code = await main(['states', path, '--at', '2022-08-08T12:00:00Z'], c.io);
    expect(code).toBe(0);
    expect(c.err.join('')).toMatch(/line 5: rejected: .*checksum/);
    const csv = c.out.join('').trimEnd().split('\n');
    expect(csv.length).toBe(2);
    expect(csv[1].startsWith('0,ISS (ZARYA),25544,')).toBe(true);
    expect(c.err.join('')).toMatch(/1 accepted, 1 rejected/);
  });

  it('exits 2 with one clear line for unusable input', async () => {
    const garbage = join(tmp, 'garbage.txt');
    writeFileSync(garbage, 'hello world\nthis is not an element file\n');
    for (const argv of [
      ['states', join(tmp, 'missing.tle'), '--at', '2022-08-10T00:00:00Z'],
      ['states', garbage, '--at', '2022-08-10T00:00:00Z'],
      ['states', garbage, '--at', 'tomorrow'],
      ['states', garbage],
      ['frobnicate', garbage],
    ]) {
      const c = capture();
      expect(await main(argv, c.io)).toBe(2);
      const text = c.err.join('');
      expect(text.startsWith('plan: ')).toBe(true);
      expect(text).not.toMatch(/internal error|at .*\.ts:\d+/);
    }
    // An empty or blank file is named as such, not as an unknown format.
    for (const [name, body] of [
      ['empty.tle', ''],
      ['blank.tle', '\n  \r\n\t\n'],
    ]) {
      const path = join(tmp, name);
      writeFileSync(path, body);
      const c = capture();
      expect(await main(['states', path, '--at', '2022-08-10T00:00:00Z'], c.io)).toBe(2);
      expect(c.err.join('')).toBe(`plan: ${path}: the file is empty${body ? ' (only blank lines)' : ''}\n`);
    }
  });
});
