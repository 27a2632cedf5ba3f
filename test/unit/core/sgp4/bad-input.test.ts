/** Bad satellites never throw: they get an error code, NaN state and a message naming them. */
import { propagate, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { allocElementColumns } from '../../../../src/core/elements/columns';
import { initSgp4Batch, propagateBatch, SGP4_ERR_ECCENTRICITY, SGP4_FLAG_INVALID } from '../../../../src/core/sgp4';
import { columnsFromSatrecs } from './helpers';

// ISS-like elements (a real 2022 TLE shape) as the good satellite
const L1 = '1 25544U 98067A   22221.50000000  .00006000  00000-0  11000-3 0  9990';
const L2 = '2 25544  51.6400 200.0000 0005000  90.0000 270.0000 15.50000000    00';

describe('bad input', () => {
  it('flags non-finite and out-of-range elements and still propagates the good ones', () => {
    const good = columnsFromSatrecs([twoline2satrec(L1, L2)]);
    const cols = allocElementColumns(5);
    for (let i = 0; i < 5; i++) {
      cols.epochMs[i] = good.epochMs[0];
      cols.meanMotionRevPerDay[i] = good.meanMotionRevPerDay[0];
      cols.eccentricity[i] = good.eccentricity[0];
      cols.inclinationDeg[i] = good.inclinationDeg[0];
      cols.raanDeg[i] = good.raanDeg[0];
      cols.argPerigeeDeg[i] = good.argPerigeeDeg[0];
      cols.meanAnomalyDeg[i] = good.meanAnomalyDeg[0];
      cols.bstar[i] = good.bstar[0];
    }
    cols.eccentricity[1] = 1.2;
    cols.meanMotionRevPerDay[2] = -3;
    cols.inclinationDeg[3] = Number.NaN;
    cols.epochMs[4] = Number.POSITIVE_INFINITY;
    const batch = initSgp4Batch(cols);
    expect(Array.from(batch.flags, (f) => (f & SGP4_FLAG_INVALID) !== 0)).toEqual([false, true, true, true, true]);
    expect(batch.messages).toHaveLength(4);
    expect(batch.messages[0]).toMatch(/^satellite 1: /);
    const p = new Float64Array(15);
    const v = new Float64Array(15);
    const e = new Uint8Array(5);
    const timeMs = good.epochMs[0] + 3_600_000;
    expect(propagateBatch(batch, timeMs, p, v, e)).toBe(4);
    expect(Array.from(e)).toEqual([0, 1, 1, 1, 1].map((x) => x * SGP4_ERR_ECCENTRICITY));
    expect(Number.isNaN(p[3]) && Number.isNaN(v[14])).toBe(true);
    const ref = propagate(twoline2satrec(L1, L2), new Date(timeMs))!;
    expect(Math.hypot(p[0] - ref.position.x, p[1] - ref.position.y, p[2] - ref.position.z)).toBeLessThan(1e-3);
  });

  it('rejects a bad range, short output arrays, a bad offset or time with a RangeError naming the problem', () => {
    const cols = allocElementColumns(3);
    expect(() => initSgp4Batch(cols, 2, 5)).toThrow(/range \[2, 5\)/);
    const batch = initSgp4Batch(cols);
    expect(() => propagateBatch(batch, 0, new Float64Array(3), new Float64Array(9), new Uint8Array(3))).toThrow(/output arrays too short/);
    const ok = [new Float64Array(9), new Float64Array(9), new Uint8Array(3)] as const;
    expect(() => propagateBatch(batch, 0, ...ok, -1)).toThrow(/outOffset must be a non-negative integer/);
    expect(() => propagateBatch(batch, 0, ...ok, Number.NaN)).toThrow(/outOffset/);
    expect(() => propagateBatch(batch, Number.NaN, ...ok)).toThrow(/timeMs must be a finite/);
  });
});
