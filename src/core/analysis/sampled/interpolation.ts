/**
 * Fewer SGP4 evaluations in the sampled pass: full SGP4 states ("knots") every K steps and cubic
 * Hermite interpolation from the knots' positions and velocities in between.
 *
 * Error bound (docs/ENGINE.md "Sampled analysis on the engine"): for a function with a continuous
 * fourth derivative, the cubic Hermite interpolant between knots h apart is off by at most
 * h^4 / 384 x max |x''''|. For an orbit, |x''''| is largest at perigee, about r_p w_p^4 with the
 * perigee angular rate w_p = n (1 + e)^2 / (1 - e^2)^1.5; SGP4's short-period terms (twice the
 * orbital frequency, amplitudes of kilometres) add well under 5 % of that in LEO, and a safety
 * factor of 2 covers them. K is the largest number of steps whose bound stays under `maxErrorKm`
 * (default 0.05 km) for every satellite of the pass, at most MAX_KNOT_STEPS. Interpolation is used
 * only when every satellite is near-circular (e <= 0.1) and near-Earth (period < 225 min); any
 * other fleet (a real catalogue with deep-space objects) gets full SGP4 at every step.
 * Measured against full SGP4 in test/unit/core/analysis/interpolation.test.ts.
 *
 * What 50 m means: the shadow boundary is crossed ~7 ms earlier or later (at 7.6 km/s) against
 * 30 s steps; a one-way latency moves by 0.17 us. Error codes: a satellite with a non-zero code at
 * either knot gets the larger code and NaN states between them (it is flagged as failing from
 * the knot before the failure, at most K - 1 steps early).
 */
import type { ElementColumns } from '../../elements/columns';
import type { StateSource } from './types';

/** At most this many steps between knots. */
export const MAX_KNOT_STEPS = 16;
/** Default bound on the interpolated position error, km. */
export const DEFAULT_INTERPOLATION_ERROR_KM = 0.05;
const SAFETY = 2;
const MU_KM3_S2 = 398600.8; // WGS-72, as SGP4
const TWO_PI = 2 * Math.PI;

/**
 * Steps between knots for satellites [start, end) of `e` at `stepS`, so the Hermite bound stays
 * under `maxErrorKm`; 1 means full SGP4 at every step.
 */
export function knotStepsFor(
  e: ElementColumns,
  start: number,
  end: number,
  stepS: number,
  maxErrorKm = DEFAULT_INTERPOLATION_ERROR_KM,
): number {
  if (!(maxErrorKm > 0) || !(stepS > 0)) return 1;
  let worst = 0; // max over satellites of r_p w_p^4, km/s^4
  for (let i = start; i < end; i++) {
    const revDay = e.meanMotionRevPerDay[i];
    const ecc = e.eccentricity[i];
    if (!(revDay > 0) || !(ecc >= 0)) continue; // unusable elements fail at every step anyway
    if (ecc > 0.1 || revDay < 1440 / 225) return 1;
    const n = (revDay * TWO_PI) / 86400;
    const a = Math.cbrt(MU_KM3_S2 / (n * n));
    const wp = (n * (1 + ecc) ** 2) / (1 - ecc * ecc) ** 1.5;
    const b = a * (1 - ecc) * wp ** 4;
    if (b > worst) worst = b;
  }
  if (worst === 0) return 1;
  const hS = ((384 * maxErrorKm) / (SAFETY * worst)) ** 0.25;
  return Math.max(1, Math.min(MAX_KNOT_STEPS, Math.floor(hS / stepS + 1e-9)));
}

interface Knot {
  index: number;
  pos: Float64Array;
  vel: Float64Array;
  err: Uint8Array;
}

/**
 * A StateSource that evaluates `exact` only at knots startMs + m K stepMs and interpolates at the
 * steps in between. Requests off the step grid go to `exact` directly. `knotSteps` 1 = pass-through.
 * With `positionsOnly`, steps on the grid leave the velocity output untouched (a caller that
 * reads only positions, such as the sampled shard, saves half the interpolation).
 */
export function hermiteStateSource(
  exact: StateSource,
  count: number,
  startMs: number,
  stepMs: number,
  knotSteps: number,
  opts: { positionsOnly?: boolean } = {},
): StateSource {
  const withVel = opts.positionsOnly !== true;
  if (knotSteps <= 1) return exact;
  const K = knotSteps;
  const mk = (): Knot => ({
    index: Number.NaN,
    pos: new Float64Array(3 * count),
    vel: new Float64Array(3 * count),
    err: new Uint8Array(count),
  });
  let a = mk();
  let b = mk();
  const knot = (k: Knot, m: number): void => {
    if (k.index === m) return;
    exact.propagate(startMs + m * K * stepMs, k.pos, k.vel, k.err);
    k.index = m;
  };
  return {
    propagate(timeMs, pos, vel, err) {
      const jf = (timeMs - startMs) / stepMs;
      const j = Math.round(jf);
      if (Math.abs(jf - j) > 1e-6 || j < 0) {
        exact.propagate(timeMs, pos, vel, err);
        return;
      }
      const m = Math.floor(j / K);
      const r = j - m * K;
      if (b.index === m) {
        const t = a;
        a = b;
        b = t;
      }
      knot(a, m);
      if (r === 0) {
        pos.set(a.pos.subarray(0, 3 * count));
        if (withVel) vel.set(a.vel.subarray(0, 3 * count));
        err.set(a.err.subarray(0, count));
        return;
      }
      knot(b, m + 1);
      const s = r / K;
      const h = (K * stepMs) / 1000;
      const s2 = s * s;
      const s3 = s2 * s;
      const h00 = 2 * s3 - 3 * s2 + 1;
      const h10 = (s3 - 2 * s2 + s) * h;
      const h01 = -2 * s3 + 3 * s2;
      const h11 = (s3 - s2) * h;
      // derivatives over the knot interval, per second
      const d00 = (6 * s2 - 6 * s) / h;
      const d10 = 3 * s2 - 4 * s + 1;
      const d01 = (-6 * s2 + 6 * s) / h;
      const d11 = 3 * s2 - 2 * s;
      const pa = a.pos;
      const va = a.vel;
      const pb = b.pos;
      const vb = b.vel;
      const ea = a.err;
      const eb = b.err;
      if (!withVel) {
        for (let k = 0; k < count; k++) {
          const e1 = ea[k];
          const e2 = eb[k];
          const o = 3 * k;
          if (e1 !== 0 || e2 !== 0) {
            err[k] = e1 > e2 ? e1 : e2;
            pos[o] = pos[o + 1] = pos[o + 2] = Number.NaN;
            continue;
          }
          err[k] = 0;
          pos[o] = h00 * pa[o] + h10 * va[o] + h01 * pb[o] + h11 * vb[o];
          pos[o + 1] = h00 * pa[o + 1] + h10 * va[o + 1] + h01 * pb[o + 1] + h11 * vb[o + 1];
          pos[o + 2] = h00 * pa[o + 2] + h10 * va[o + 2] + h01 * pb[o + 2] + h11 * vb[o + 2];
        }
        return;
      }
      for (let k = 0; k < count; k++) {
        const e1 = ea[k];
        const e2 = eb[k];
        const o = 3 * k;
        if (e1 !== 0 || e2 !== 0) {
          err[k] = e1 > e2 ? e1 : e2;
          pos[o] = pos[o + 1] = pos[o + 2] = Number.NaN;
          vel[o] = vel[o + 1] = vel[o + 2] = Number.NaN;
          continue;
        }
        err[k] = 0;
        for (let c = o; c < o + 3; c++) {
          const p0 = pa[c];
          const v0 = va[c];
          const p1 = pb[c];
          const v1 = vb[c];
          pos[c] = h00 * p0 + h10 * v0 + h01 * p1 + h11 * v1;
          vel[c] = d00 * p0 + d10 * v0 + d01 * p1 + d11 * v1;
        }
      }
    },
  };
}
