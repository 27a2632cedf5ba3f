/**
 * Spacetrack Report #3 (Hoots & Roehrich 1980) test vectors, from ../shared/data.
 * The 1980 values come from the original single-precision FORTRAN with its own constants;
 * Vallado et al. 2006 (and satellite.js, which implements it) reproduce them to about 10 m
 * near Earth and 30 m for the deep-space case. So two checks: our kernel against the report
 * within 15 m / 15 mm/s (SGP4) and 40 m / 5 mm/s (SDP4), and against satellite.js `sgp4` at
 * the same minutes within 1 mm / 1 um/s.
 */
import { sgp4, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { initSgp4Batch, propagateBatch, SGP4_FLAG_DEEP } from '../../../../src/core/sgp4';
import { columnsFromSatrecs, readSharedData } from './helpers';

interface Vec {
  x: number;
  y: number;
  z: number;
}
interface Case {
  info: string;
  tle_line_1: string;
  tle_line_2: string;
  results: Array<{ time: number; known_pos: Vec; known_vel: Vec }>;
}

const cases = JSON.parse(readSharedData('spacetrack-report-3.json')) as Case[];

const dist = (a: ArrayLike<number>, b: Vec): number => Math.hypot(a[0] - b.x, a[1] - b.y, a[2] - b.z);

describe('Spacetrack Report #3 vectors', () => {
  it('has the near-Earth and deep-space cases', () => {
    expect(cases.length).toBe(2);
    expect(cases.every((c) => c.results.length >= 5)).toBe(true);
  });

  for (const c of cases) {
    it(`reproduces ${c.info}`, () => {
      const rec = twoline2satrec(c.tle_line_1, c.tle_line_2);
      const cols = columnsFromSatrecs([rec]);
      const batch = initSgp4Batch(cols);
      const deep = (batch.flags[0] & SGP4_FLAG_DEEP) !== 0;
      expect(deep).toBe(c.tle_line_2.startsWith('2 11801'));
      const posTolKm = deep ? 0.04 : 0.015;
      const velTolKmS = deep ? 5e-6 : 15e-6;
      const p = new Float64Array(3);
      const v = new Float64Array(3);
      const e = new Uint8Array(1);
      for (const r of c.results) {
        propagateBatch(batch, cols.epochMs[0] + r.time * 60_000, p, v, e);
        expect(e[0]).toBe(0);
        expect(dist(p, r.known_pos)).toBeLessThan(posTolKm);
        expect(dist(v, r.known_vel)).toBeLessThan(velTolKmS);
        const ref = sgp4(rec, r.time);
        expect(ref).not.toBeNull();
        expect(dist(p, ref!.position)).toBeLessThan(1e-6);
        expect(dist(v, ref!.velocity)).toBeLessThan(1e-9);
      }
    });
  }
});
