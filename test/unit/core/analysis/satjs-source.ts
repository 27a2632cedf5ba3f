/**
 * Test helper: a StateSource backed by satellite.js 7.1 (`json2satrec` + `propagate`), the
 * independent reference the sampled analysis is checked against.
 */
import { json2satrec, propagate, type SatRec } from 'satellite.js';
import type { ElementColumns } from '../../../../src/core/elements/columns';
import type { StateSource } from '../../../../src/core/analysis/sampled';

export function satrecsFromColumns(cols: ElementColumns, start = 0, end = cols.count): SatRec[] {
  const out: SatRec[] = [];
  for (let i = start; i < end; i++) {
    out.push(
      json2satrec({
        OBJECT_NAME: `SAT ${i}`,
        OBJECT_ID: `2026-001A`,
        EPOCH: new Date(cols.epochMs[i]).toISOString().replace('Z', ''),
        MEAN_MOTION: cols.meanMotionRevPerDay[i],
        ECCENTRICITY: cols.eccentricity[i],
        INCLINATION: cols.inclinationDeg[i],
        RA_OF_ASC_NODE: cols.raanDeg[i],
        ARG_OF_PERICENTER: cols.argPerigeeDeg[i],
        MEAN_ANOMALY: cols.meanAnomalyDeg[i],
        EPHEMERIS_TYPE: 0,
        CLASSIFICATION_TYPE: 'U',
        NORAD_CAT_ID: 1,
        ELEMENT_SET_NO: 999,
        REV_AT_EPOCH: 0,
        BSTAR: cols.bstar[i],
        MEAN_MOTION_DOT: cols.meanMotionDotRevPerDay2[i],
        MEAN_MOTION_DDOT: cols.meanMotionDdotRevPerDay3[i],
      } as never),
    );
  }
  return out;
}

/** StateSource over satrecs (row k = satrecs[k]); error 0 ok, else the satrec's error code or 7. */
export function satjsSource(satrecs: SatRec[]): StateSource & { calls: number } {
  const src = {
    calls: 0,
    propagate(timeMs: number, positionKm: Float64Array, velocityKmS: Float64Array, error: Uint8Array): void {
      src.calls++;
      const date = new Date(timeMs);
      for (let k = 0; k < satrecs.length; k++) {
        const pv = propagate(satrecs[k], date);
        if (!pv?.position || !pv.velocity) {
          error[k] = satrecs[k].error || 7;
          continue;
        }
        error[k] = 0;
        positionKm[3 * k] = pv.position.x;
        positionKm[3 * k + 1] = pv.position.y;
        positionKm[3 * k + 2] = pv.position.z;
        velocityKmS[3 * k] = pv.velocity.x;
        velocityKmS[3 * k + 1] = pv.velocity.y;
        velocityKmS[3 * k + 2] = pv.velocity.z;
      }
    },
  };
  return src;
}
