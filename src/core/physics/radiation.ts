/**
 * Total ionising dose behind aluminium shielding on a circular orbit.
 * Source (docs/FEASIBILITY.md "Feasibility: radiation"): the NASA trapped-particle models AP8MIN
 * (protons) and AE8MAX (electrons) flown with IRBEM and folded through SHIELDOSE-2 (Seltzer 1994,
 * NIST) for a silicon detector at the centre of a solid aluminium sphere, tabulated in
 * radiationTable.ts by scripts/feasibility/dose_table.f. Solar protons and cosmic rays are not in
 * the table (they add little behind millimetres of aluminium in LEO below ~60 deg; more in polar
 * orbits during solar-particle events).
 *
 * Interpolation: log(dose) linear in altitude, inclination and thickness; doses below
 * 1e-3 rad/yr count as 1e-3 for the logarithm. Inclinations above 90 deg fold to 180 - i (the
 * longitude-averaged orbit covers the same latitudes). Altitude and thickness clamp to the table
 * (300 to 35,786 km; 0.5 to 50 mm).
 */
import { DOSE_ALTITUDES_KM, DOSE_INCLINATIONS_DEG, DOSE_RAD_PER_YEAR, DOSE_THICKNESS_MM_AL } from './radiationTable';

const FLOOR_RAD = 1e-3;
const NA = DOSE_ALTITUDES_KM.length;
const NI = DOSE_INCLINATIONS_DEG.length;
const NT = DOSE_THICKNESS_MM_AL.length;
/** log(rad/yr), [a][i][t] flattened. */
const LOG_DOSE = new Float64Array(NA * NI * NT);
for (let a = 0; a < NA; a++)
  for (let i = 0; i < NI; i++)
    for (let t = 0; t < NT; t++) LOG_DOSE[(a * NI + i) * NT + t] = Math.log(Math.max(FLOOR_RAD, DOSE_RAD_PER_YEAR[a][i][t]));

/** Bracketing index and fraction of x in an ascending axis (clamped). */
function bracket(axis: readonly number[], x: number): [number, number] {
  const n = axis.length;
  if (!(x > axis[0])) return [0, 0];
  if (x >= axis[n - 1]) return [n - 2, 1];
  let k = 0;
  while (axis[k + 1] <= x) k++;
  return [k, (x - axis[k]) / (axis[k + 1] - axis[k])];
}

export const RADIATION_TABLE_RANGE = {
  altitudeKm: [DOSE_ALTITUDES_KM[0], DOSE_ALTITUDES_KM[NA - 1]] as const,
  thicknessMmAl: [DOSE_THICKNESS_MM_AL[0], DOSE_THICKNESS_MM_AL[NT - 1]] as const,
};

/** Annual total ionising dose in silicon, krad(Si) per year, behind `shieldingMmAl` of aluminium. */
export function radiationDoseKradPerYear(altitudeKm: number, inclinationDeg: number, shieldingMmAl: number): number {
  if (!Number.isFinite(altitudeKm) || !Number.isFinite(inclinationDeg) || !Number.isFinite(shieldingMmAl)) return Number.NaN;
  let inc = Math.abs(inclinationDeg) % 360;
  if (inc > 180) inc = 360 - inc;
  if (inc > 90) inc = 180 - inc;
  const [ka, fa] = bracket(DOSE_ALTITUDES_KM, altitudeKm);
  const [ki, fi] = bracket(DOSE_INCLINATIONS_DEG, inc);
  const [kt, ft] = bracket(DOSE_THICKNESS_MM_AL, shieldingMmAl);
  let s = 0;
  for (let da = 0; da < 2; da++) {
    const wa = da ? fa : 1 - fa;
    if (wa === 0) continue;
    for (let di = 0; di < 2; di++) {
      const wi = di ? fi : 1 - fi;
      if (wi === 0) continue;
      for (let dt = 0; dt < 2; dt++) {
        const wt = dt ? ft : 1 - ft;
        if (wt === 0) continue;
        s += wa * wi * wt * LOG_DOSE[((ka + da) * NI + (ki + di)) * NT + (kt + dt)];
      }
    }
  }
  return Math.exp(s) / 1000;
}
