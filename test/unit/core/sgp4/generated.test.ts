/**
 * Generated-fleet elements (circular, B* = 0: the kernel's no-drag path, and with drag) against
 * satellite.js `sgp4` at exactly the same minutes since epoch: the kernel agrees to < 1 mm and
 * < 1 um/s (the 1 m / 1 mm/s budget is for `propagate`'s Date rounding, see catalogue.test.ts).
 */
import { json2satrec, sgp4 } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { allocElementColumns } from '../../../../src/core/elements/columns';
import { initSgp4Batch, propagateBatch, SGP4_FLAG_NO_DRAG, SGP4_FLAG_SIMPLE } from '../../../../src/core/sgp4';

const MU = 398600.8;
const R = 6378.135;

describe('generated fleets', () => {
  it('match satellite.js sgp4 for circular shells with and without drag, all inclinations', () => {
    const incs = [0, 28.5, 53, 90, 97.6, 120, 180];
    const alts = [160, 300, 550, 1200, 2000, 8000];
    const bstars = [0, 1e-4];
    const n = incs.length * alts.length * bstars.length * 3;
    const cols = allocElementColumns(n);
    const epochMs = Date.UTC(2026, 0, 1, 0, 0, 0, 250);
    let i = 0;
    for (const inc of incs) {
      for (const alt of alts) {
        for (const b of bstars) {
          for (let s = 0; s < 3; s++, i++) {
            const a = R + alt;
            cols.epochMs[i] = epochMs;
            cols.meanMotionRevPerDay[i] = (Math.sqrt(MU / (a * a * a)) * 86400) / (2 * Math.PI);
            cols.eccentricity[i] = s === 2 ? 0.001 : 0;
            cols.inclinationDeg[i] = inc;
            cols.raanDeg[i] = 40 * s + 10;
            cols.argPerigeeDeg[i] = s === 2 ? 45 : 0;
            cols.meanAnomalyDeg[i] = 120 * s + 7;
            cols.bstar[i] = b;
          }
        }
      }
    }
    const batch = initSgp4Batch(cols);
    let noDrag = 0;
    let simple = 0;
    for (let k = 0; k < n; k++) {
      if (batch.flags[k] & SGP4_FLAG_NO_DRAG) noDrag++;
      if (batch.flags[k] & SGP4_FLAG_SIMPLE) simple++;
    }
    expect(noDrag).toBeGreaterThan(0);
    expect(simple).toBeGreaterThan(0);
    const recs = Array.from({ length: n }, (_, k) =>
      json2satrec({
        OBJECT_NAME: '',
        OBJECT_ID: '',
        EPOCH: new Date(cols.epochMs[k]).toISOString(),
        MEAN_MOTION: cols.meanMotionRevPerDay[k],
        ECCENTRICITY: cols.eccentricity[k],
        INCLINATION: cols.inclinationDeg[k],
        RA_OF_ASC_NODE: cols.raanDeg[k],
        ARG_OF_PERICENTER: cols.argPerigeeDeg[k],
        MEAN_ANOMALY: cols.meanAnomalyDeg[k],
        NORAD_CAT_ID: k,
        ELEMENT_SET_NO: 0,
        BSTAR: cols.bstar[k],
        MEAN_MOTION_DOT: 0,
        MEAN_MOTION_DDOT: 0,
      }),
    );
    const p = new Float64Array(3 * n);
    const v = new Float64Array(3 * n);
    const e = new Uint8Array(n);
    let compared = 0;
    let maxDp = 0;
    let maxDv = 0;
    for (const hours of [-24, -1, 0, 0.5, 7, 30, 100, 168]) {
      const timeMs = epochMs + hours * 3_600_000;
      propagateBatch(batch, timeMs, p, v, e);
      for (let k = 0; k < n; k++) {
        const r = sgp4(recs[k], (timeMs - epochMs) / 60_000);
        const refCode = r === null ? recs[k].error : recs[k].tempa <= 0 ? 6 : 0;
        expect(e[k], `satellite ${k} at ${hours} h`).toBe(refCode);
        if (!r || refCode !== 0) continue;
        maxDp = Math.max(maxDp, Math.hypot(p[3 * k] - r.position.x, p[3 * k + 1] - r.position.y, p[3 * k + 2] - r.position.z));
        maxDv = Math.max(maxDv, Math.hypot(v[3 * k] - r.velocity.x, v[3 * k + 1] - r.velocity.y, v[3 * k + 2] - r.velocity.z));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(n * 6);
    expect(maxDp).toBeLessThan(1e-6);
    expect(maxDv).toBeLessThan(1e-9);
  });
});
