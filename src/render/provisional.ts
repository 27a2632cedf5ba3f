/**
 * Provisional satellite states from the mean elements, so the fleet appears before the SGP4 pool
 * has finished initialising (issue 5: first satellites on screen within 2 s at 1M).
 * Two-body Kepler motion plus the J2 secular drift of RAAN, argument of perigee and mean anomaly
 * (PHYSICS.md "Orbits", Vallado ch. 9). Off from SGP4 by a few km at most over a day for the
 * circular generated shells: invisible at globe scale, and replaced by the first engine tick.
 * Pure: runs over a row range so the caller can spread a million rows over several tasks.
 */
import { WGS72 } from '../core/constants';
import type { ElementColumns } from '../core/elements/columns';
import { DEG2RAD, TWO_PI } from '../core/units';
import { statesToEarthRadii } from '../core/sgp4/drawStates';

const RE = WGS72.radiusKm;
const MU = WGS72.muKm3PerS2;

/**
 * Write r (Earth radii) and v (Earth radii per second) of rows [start, end) at `timeMs` into the
 * interleaved Float32 arrays `posEr` and `velErS`.
 */
export function fillProvisionalStates(
  els: ElementColumns,
  start: number,
  end: number,
  timeMs: number,
  posEr: Float32Array,
  velErS: Float32Array,
): void {
  for (let i = start; i < end; i++) {
    const nRadS = (els.meanMotionRevPerDay[i] * TWO_PI) / 86400;
    const e = Math.min(0.99, Math.max(0, els.eccentricity[i]));
    const inc = els.inclinationDeg[i] * DEG2RAD;
    if (!(nRadS > 0)) {
      posEr[3 * i] = posEr[3 * i + 1] = posEr[3 * i + 2] = 0;
      velErS[3 * i] = velErS[3 * i + 1] = velErS[3 * i + 2] = 0;
      continue;
    }
    const a = Math.cbrt(MU / (nRadS * nRadS));
    const p = a * (1 - e * e);
    const dt = (timeMs - els.epochMs[i]) / 1000;
    const k = nRadS * WGS72.j2 * (RE / p) ** 2;
    const ci = Math.cos(inc);
    const si = Math.sin(inc);
    const raan = els.raanDeg[i] * DEG2RAD - 1.5 * k * ci * dt;
    const argp = els.argPerigeeDeg[i] * DEG2RAD + 0.75 * k * (5 * ci * ci - 1) * dt;
    const m = els.meanAnomalyDeg[i] * DEG2RAD + nRadS * dt;
    // Kepler's equation by Newton iteration (converges in a few steps for e < 0.1).
    let E = m;
    for (let it = 0; it < 6; it++) E -= (E - e * Math.sin(E) - m) / (1 - e * Math.cos(E));
    const cE = Math.cos(E);
    const sE = Math.sin(E);
    const sq = Math.sqrt(1 - e * e);
    // Perifocal position and velocity.
    const xp = a * (cE - e);
    const yp = a * sq * sE;
    const rr = a * (1 - e * cE);
    const vf = Math.sqrt(MU * a) / rr;
    const vxp = -vf * sE;
    const vyp = vf * sq * cE;
    const cO = Math.cos(raan);
    const sO = Math.sin(raan);
    const cw = Math.cos(argp);
    const sw = Math.sin(argp);
    // Rotation perifocal -> inertial: Rz(raan) Rx(inc) Rz(argp).
    const r11 = cO * cw - sO * sw * ci;
    const r12 = -cO * sw - sO * cw * ci;
    const r21 = sO * cw + cO * sw * ci;
    const r22 = -sO * sw + cO * cw * ci;
    const r31 = sw * si;
    const r32 = cw * si;
    posEr[3 * i] = (r11 * xp + r12 * yp) / RE;
    posEr[3 * i + 1] = (r21 * xp + r22 * yp) / RE;
    posEr[3 * i + 2] = (r31 * xp + r32 * yp) / RE;
    velErS[3 * i] = (r11 * vxp + r12 * vyp) / RE;
    velErS[3 * i + 1] = (r21 * vxp + r22 * vyp) / RE;
    velErS[3 * i + 2] = (r31 * vxp + r32 * vyp) / RE;
  }
}

/**
 * Convert an engine frame (TEME km, km/s, Float64) into the GPU arrays (Earth radii, Float32).
 * Rows whose error is 7 (not yet computed) keep their previous values; other errors are zeroed,
 * which the shader hides. Returns the number of rows written.
 */
export function frameToGpu(
  positionKm: Float64Array,
  velocityKmS: Float64Array,
  error: Uint8Array,
  count: number,
  posEr: Float32Array,
  velErS: Float32Array,
): number {
  return statesToEarthRadii(positionKm, velocityKmS, error, 0, count, posEr, velErS);
}
