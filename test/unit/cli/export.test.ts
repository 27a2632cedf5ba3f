/**
 * `plan export`: the fleet's elements as TLE / OMM JSON / OMM CSV / OMM XML / OMM KVN. Read back with the
 * element readers they must give the fleet's elements (OMM: the same doubles; TLE: to its
 * printed precision), and slicing the writers (how a million satellites are written) must not
 * change a byte.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseElements } from '../../../src/core/elements';
import { buildFleet } from '../../../src/core/fleet/generators';
import { satelliteName } from '../../../src/core/fleet/fleet';
import { presetScenario } from '../../../src/core/presets';
import { main } from '../../../src/cli/main';
import { EXPORT_FORMATS, exportFleet } from '../../../src/core/fleet/export';

const tmp = mkdtempSync(join(tmpdir(), 'plan-export-'));
const fleet = buildFleet(presetScenario('starlink-72x22')!);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s) > 0, stderr: (s: string) => err.push(s) > 0 }, out, err };
}

describe('plan export', () => {
  it('writes every format, and reading it back gives the fleet (names included)', async () => {
    for (const format of EXPORT_FORMATS) {
      const path = join(tmp, `starlink.${format}`);
      const c = capture();
      expect(await main(['export', 'preset:starlink-72x22', '--format', format, '--out', path], c.io)).toBe(0);
      expect(c.err.join('')).toContain(`1584 of 1584 satellites written as ${format}`);
      const back = parseElements(readFileSync(path, 'utf8'));
      expect(back.format).toBe(format);
      expect(back.accepted).toBe(1584);
      expect(back.rejected).toEqual([]);
      const e = fleet.elements;
      for (let i = 0; i < fleet.count; i += 37) {
        expect(back.columns.names?.[i]).toBe(satelliteName(fleet, i));
        if (format === 'tle') {
          expect(back.columns.noradId[i]).toBe(i + 1);
          expect(Math.abs(back.columns.meanMotionRevPerDay[i] - e.meanMotionRevPerDay[i])).toBeLessThan(5e-9);
          expect(Math.abs(back.columns.raanDeg[i] - e.raanDeg[i])).toBeLessThan(5e-5);
          expect(Math.abs(back.columns.meanAnomalyDeg[i] - e.meanAnomalyDeg[i])).toBeLessThan(5e-5);
          expect(Math.abs(back.columns.epochMs[i] - e.epochMs[i])).toBeLessThan(1);
        } else {
          for (const f of [
            'meanMotionRevPerDay',
            'eccentricity',
            'inclinationDeg',
            'raanDeg',
            'argPerigeeDeg',
            'meanAnomalyDeg',
            'bstar',
            'epochMs',
          ] as const) {
            expect(back.columns[f][i]).toBe(e[f][i]);
          }
        }
      }
    }
  });

  it('slicing the writers does not change a byte', () => {
    for (const format of EXPORT_FORMATS) {
      const whole: string[] = [];
      const sliced: string[] = [];
      // OMM KVN carries a CREATION_DATE: the same one for both, so only the slicing differs.
      const creationMs = Date.UTC(2026, 0, 1);
      const a = exportFleet(fleet, format, (t) => whole.push(t), { creationMs });
      const b = exportFleet(fleet, format, (t) => sliced.push(t), { sliceSize: 333, creationMs });
      expect(b.written).toBe(a.written);
      expect(sliced.join('') === whole.join('')).toBe(true);
    }
  });

  it('a range of the fleet writes just those satellites, so TLE can be split into files that each number from 1', () => {
    for (const format of EXPORT_FORMATS) {
      const parts: string[] = [];
      const r = exportFleet(fleet, format, (t) => parts.push(t), { start: 1000, end: 1584, sliceSize: 200 });
      expect(r.written).toBe(584);
      const back = parseElements(parts.join(''));
      expect(back.accepted).toBe(584);
      expect(back.columns.names?.[0]).toBe(satelliteName(fleet, 1000));
      expect(back.columns.names?.[583]).toBe(satelliteName(fleet, 1583));
      if (format === 'tle') expect(back.columns.noradId[0]).toBe(1);
    }
  });

  it('numbers TLE satellites from --first-id and says how many did not fit Alpha-5; bad options exit 2', async () => {
    const c = capture();
    expect(await main(['export', 'preset:starlink-72x22', '--format', 'tle', '--first-id', '339000'], c.io)).toBe(0);
    const back = parseElements(c.out.join(''));
    expect(back.accepted).toBe(1000);
    expect(back.columns.noradId[0]).toBe(339_000);
    expect(c.err.join('')).toMatch(/1000 of 1584 satellites written as tle; 584 skipped \(first: satellite 1000: no catalogue number left/);
    for (const argv of [
      ['export', 'preset:suncatcher'],
      ['export', 'preset:suncatcher', '--format', 'kml'],
      ['export', 'preset:suncatcher', '--format', 'tle', '--first-id', '1.5'],
      ['export', 'preset:suncatcher', '--format', 'tle', '--out', join(tmp, 'no-such-dir', 'x.tle')],
    ]) {
      const e = capture();
      expect(await main(argv, e.io)).toBe(2);
      expect(e.err.join('')).toMatch(/^plan: /);
    }
  });
});
