/**
 * `plan ephemeris`: OEM / STK / CSV states of real catalogue satellites. The states must be the
 * states `plan states` writes at the same times, and agree with an independent SGP4 (Vallado's
 * code as the python3-sgp4 package ships it, run through /usr/bin/python3).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { CATALOG, requireSharedData } from './shared-data';

const tmp = mkdtempSync(join(tmpdir(), 'plan-ephemeris-'));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** ISS (LEO), a GPS satellite (MEO, deep-space SGP4 branch off), a geostationary one (deep space), a Molniya (deep space, resonant). */
const NORADS = [25544, 26360, 28884, 40296];

/** A small TLE file with these satellites, taken from the real catalogue. */
function catalogueSubset(): { path: string; lines: Map<number, [string, string]> } {
  const text = readFileSync(requireSharedData(CATALOG), 'utf8').split(/\r?\n/);
  const lines = new Map<number, [string, string]>();
  for (let k = 0; k + 1 < text.length; k++)
    if (text[k].startsWith('1 ') && text[k + 1].startsWith('2 ') && NORADS.includes(Number(text[k].slice(2, 7))))
      lines.set(Number(text[k].slice(2, 7)), [text[k], text[k + 1]]);
  const path = join(tmp, 'subset.tle');
  writeFileSync(path, NORADS.flatMap((n) => lines.get(n) ?? []).join('\n') + '\n');
  return { path, lines };
}

interface OemSegment {
  meta: Record<string, string>;
  rows: Array<{ t: string; s: number[] }>;
}

/** A strict reader for what the test needs: header keys, META blocks, data lines of 7 fields. */
function readOem(text: string): { header: Record<string, string>; segments: OemSegment[] } {
  const header: Record<string, string> = {};
  const segments: OemSegment[] = [];
  let seg: OemSegment | null = null;
  let inMeta = false;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('COMMENT')) continue;
    if (line === 'META_START') {
      seg = { meta: {}, rows: [] };
      segments.push(seg);
      inMeta = true;
      continue;
    }
    if (line === 'META_STOP') {
      inMeta = false;
      continue;
    }
    const kv = /^([A-Z_]+) = (.+)$/.exec(line);
    if (kv && (inMeta || !seg)) {
      (seg && inMeta ? seg.meta : header)[kv[1]] = kv[2];
      continue;
    }
    const f = line.split(' ');
    expect(f.length, line).toBe(7);
    expect(f[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    seg?.rows.push({ t: f[0], s: f.slice(1).map(Number) });
  }
  return { header, segments };
}

/** Positions and velocities from Vallado's SGP4 (python3-sgp4), or a clear failure when it is missing. */
function pythonSgp4(l1: string, l2: string, timesMs: number[]): number[][] {
  const script = [
    'import json, sys',
    'from sgp4.api import Satrec',
    'a = json.loads(sys.argv[1])',
    's = Satrec.twoline2rv(a["l1"], a["l2"])',
    'out = []',
    'for ms in a["t"]:',
    '    e, r, v = s.sgp4(2440587.5, ms / 86400000.0)',
    '    out.append([e] + list(r) + list(v))',
    'print(json.dumps(out))',
  ].join('\n');
  let text: string;
  try {
    text = execFileSync('/usr/bin/python3', ['-c', script, JSON.stringify({ l1, l2, t: timesMs })], { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`this check needs /usr/bin/python3 with the sgp4 package (apt-get install python3-sgp4): ${(e as Error).message}`);
  }
  return JSON.parse(text) as number[][];
}

describe('plan ephemeris', () => {
  it('OEM: one segment per satellite with the CCSDS keywords; states equal plan states and Vallado SGP4 (python3-sgp4)', async () => {
    const { path, lines } = catalogueSubset();
    const start = '2022-08-10T00:00:00Z';
    const r = await run([
      'ephemeris',
      path,
      '--norad',
      NORADS.join(','),
      '--start',
      start,
      '--duration-min',
      '180',
      '--step-s',
      '300',
      '--format',
      'oem',
    ]);
    expect(r.stderr).toMatch(/ephemeris: 4 of 4 satellites, 148 points \(oem, teme\)/);
    expect(r.code).toBe(0);
    const oem = readOem(r.stdout);
    expect(oem.header.CCSDS_OEM_VERS).toBe('2.0');
    expect(oem.header.CREATION_DATE).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(oem.header.ORIGINATOR).toBe('ORBITAL-DC-PLANNER');
    expect(oem.segments.length).toBe(4);
    let worstKm = 0;
    let worstKmS = 0;
    for (const [k, seg] of oem.segments.entries()) {
      expect(seg.meta).toMatchObject({
        CENTER_NAME: 'EARTH',
        REF_FRAME: 'TEME',
        TIME_SYSTEM: 'UTC',
        START_TIME: '2022-08-10T00:00:00.000',
        STOP_TIME: '2022-08-10T03:00:00.000',
      });
      expect(seg.meta.OBJECT_NAME).toBe(`NORAD ${NORADS[k]}`);
      expect(seg.meta.OBJECT_ID).toMatch(/^\d{4}-\d{3}[A-Z]+$/);
      expect(seg.rows.length).toBe(37);
      const [l1, l2] = lines.get(NORADS[k]) as [string, string];
      const times = seg.rows.map((row) => Date.parse(`${row.t}Z`));
      const ref = pythonSgp4(l1, l2, times);
      for (const [i, row] of seg.rows.entries()) {
        expect(ref[i][0]).toBe(0);
        worstKm = Math.max(worstKm, Math.hypot(row.s[0] - ref[i][1], row.s[1] - ref[i][2], row.s[2] - ref[i][3]));
        worstKmS = Math.max(worstKmS, Math.hypot(row.s[3] - ref[i][4], row.s[4] - ref[i][5], row.s[5] - ref[i][6]));
      }
    }
    // Two implementations of the same model: metres at most (GEO and Molniya included).
    expect(worstKm).toBeLessThan(0.01);
    expect(worstKmS).toBeLessThan(1e-5);

    // The same states as plan states at three of the times, digit for digit.
    for (const k of [0, 17, 36]) {
      const t = oem.segments[0].rows[k].t;
      const s = await run(['states', path, '--at', t]);
      expect(s.code).toBe(0);
      const rows = s.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));
      for (const [j, seg] of oem.segments.entries()) {
        const row = rows[j];
        expect(Number(row[2])).toBe(NORADS[j]);
        expect(row.slice(5, 11).map(Number)).toEqual(seg.rows[k].s);
      }
    }
  }, 120_000);

  it('CSV rows are plan states rows at each time (teme, itrf, geodetic); STK writes one .e file per satellite', async () => {
    const { path } = catalogueSubset();
    for (const frame of ['teme', 'itrf', 'geodetic']) {
      const e = await run([
        'ephemeris',
        path,
        '--ids',
        '0-3',
        '--start',
        '2022-08-10T06:00',
        '--duration-min',
        '10',
        '--step-s',
        '300',
        '--format',
        'csv',
        '--frame',
        frame,
      ]);
      expect(e.code).toBe(0);
      const rows = e.stdout.trim().split('\n');
      expect(rows.length).toBe(1 + 4 * 3);
      for (const [k, t] of ['2022-08-10T06:00:00Z', '2022-08-10T06:05:00Z', '2022-08-10T06:10:00Z'].entries()) {
        const s = (await run(['states', path, '--at', t, '--frame', frame])).stdout.trim().split('\n');
        expect(rows[0]).toBe(s[0]);
        for (let j = 0; j < 4; j++) expect(rows[1 + j * 3 + k]).toBe(s[1 + j]);
      }
    }
    const dir = join(tmp, 'stk');
    const stk = await run([
      'ephemeris',
      path,
      '--ids',
      'all',
      '--start',
      '2022-08-10',
      '--duration-min',
      '60',
      '--step-s',
      '60',
      '--format',
      'stk',
      '--frame',
      'itrf',
      '--out',
      dir,
    ]);
    expect(stk.code).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files.length).toBe(4);
    const text = readFileSync(join(dir, files[0]), 'utf8');
    expect(text.startsWith('stk.v.11.0\n')).toBe(true);
    expect(text).toMatch(/\nBEGIN Ephemeris\n/);
    expect(text).toMatch(/\nScenarioEpoch 10 Aug 2022 00:00:00\.000\n/);
    expect(text).toMatch(/\nCoordinateSystem Fixed\n/);
    expect(text).toMatch(/\nCentralBody Earth\n/);
    expect(text).toMatch(/\nDistanceUnit Kilometers\n/);
    const points = Number(/NumberOfEphemerisPoints (\d+)/.exec(text)?.[1]);
    expect(points).toBe(61);
    const data = text.split('EphemerisTimePosVel\n')[1].split('END Ephemeris')[0].trim().split('\n');
    expect(data.length).toBe(points);
    expect(data[60].split(' ')[0]).toBe('3600.000');
  }, 120_000);

  it('refuses unknown satellites and bad lists with one line and exit 2', async () => {
    const { path } = catalogueSubset();
    for (const [argv, re] of [
      [['--ids', '4'], /--ids: 4 is not a satellite id \(the file has ids 0 to 3\)/],
      [['--ids', '3-1'], /runs backwards/],
      [['--norad', '99999'], /--norad: catalogue number 99999 not in the input/],
      [['--ids', 'x'], /"x" is not a number or a range/],
      [[], /needs one of --ids/],
      [['--ids', 'all', '--frame', 'geodetic'], /--frame must be teme, itrf/],
    ] as Array<[string[], RegExp]>) {
      const r = await run(['ephemeris', path, '--format', 'oem', ...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(re);
    }
  });
});
