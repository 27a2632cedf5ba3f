/**
 * Fewer SGP4 evaluations in the sampled pass: full SGP4 states ("knots") every K steps and Hermite
 * interpolation in between: quintic, from each knot's SGP4 position and velocity and its
 * acceleration from the Earth SGP4 uses (WGS-72 mu, two-body plus J2), when every satellite is
 * near-circular (e <= 0.01) with its perigee at least 300 km up; cubic, from positions and
 * velocities alone, otherwise.
 *
 * Error bounds (docs/ENGINE.md "Sampled analysis on the engine"), knots H = K steps apart. For an
 * orbit the n-th derivative |x^(n)| is largest at perigee, about r_p w_p^n with the perigee
 * angular rate w_p = n (1 + e)^2 / (1 - e^2)^1.5; SGP4's short-period terms (twice the orbital
 * frequency, amplitudes of kilometres) add a few per cent of that in LEO, and a safety factor of 2
 * covers them.
 * - Cubic: at most H^4 / 384 x max |x^(4)|.
 * - Quintic: at most H^6 / 46080 x max |x^(6)|, plus H^2 / 32 x da for an error da in the knots'
 *   accelerations. What the J2 Earth leaves out of SGP4's motion (J3 and J4, ~2e-8 km/s^2; SGP4's
 *   drag down to 300 km; its first-order short-period terms) is taken as ACCEL_ALLOWANCE_KM_S2 =
 *   1e-6 km/s^2 (measured: 13.6 m at K = 16 over 300-2,000 km, e <= 0.01, B* up to 2e-4, where
 *   the bound is 23 m). Above e ~ 0.01 SGP4's motion departs from the J2 Earth's by ~1e-5 km/s^2
 *   (measured: 50-80 m at e = 0.1, K = 12-16), which is why those fleets take the cubic.
 * K is the largest number of steps whose bound stays under `maxErrorKm` (default 0.05 km) for every
 * satellite of the pass, at most MAX_KNOT_STEPS (550 km at 30 s steps: quintic K = 16, cubic K = 5).
 * Interpolation is used only when every satellite has e <= 0.1 and a period under 225 min; any
 * other fleet (a real catalogue with deep-space objects) gets full SGP4 at every step. Measured
 * against full SGP4 in test/unit/core/analysis/interpolation.test.ts.
 *
 * What 50 m means: the shadow boundary is crossed ~7 ms earlier or later (at 7.6 km/s) against
 * 30 s steps; a one-way latency moves by 0.17 us. Error codes: a satellite with a non-zero code at
 * either knot gets the larger code and NaN states between them (it is flagged as failing from
 * the knot before the failure, at most K - 1 steps early).
 */
import { releaseNow } from '../../platform';
import type { ElementColumns } from '../../elements/columns';
import type { StateSource } from './types';

/** At most this many steps between knots. */
export const MAX_KNOT_STEPS = 16;
/** Default bound on the interpolated position error, km. */
export const DEFAULT_INTERPOLATION_ERROR_KM = 0.05;
const SAFETY = 2;
/** Acceleration SGP4's motion has beyond the two-body + J2 Earth of the knots, km/s^2 (see the file comment). */
const ACCEL_ALLOWANCE_KM_S2 = 1e-6;
/** The quintic is used when every satellite has e at most this and its perigee at least this high (km). */
export const QUINTIC_MAX_ECCENTRICITY = 0.01;
export const QUINTIC_MIN_PERIGEE_KM = 300;
/** WGS-72, as SGP4: equatorial radius, km, and J2. */
const EARTH_RADIUS_KM = 6378.135;
const J2 = 0.001082616;
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
  return interpolationFor(e, start, end, stepS, maxErrorKm).knotSteps;
}

/** How a pass interpolates: SGP4 every `knotSteps` steps, quintic (p, v, J2 a) or cubic (p, v) Hermite in between. */
export interface InterpolationPlan {
  knotSteps: number;
  quintic: boolean;
}

/**
 * The interpolation for satellites [start, end) of `e` at `stepS` whose bound stays under
 * `maxErrorKm`: quintic when every satellite is near-circular (e <= QUINTIC_MAX_ECCENTRICITY) with
 * its perigee at least QUINTIC_MIN_PERIGEE_KM up, else cubic; knotSteps 1 = full SGP4 every step.
 */
export function interpolationFor(
  e: ElementColumns,
  start: number,
  end: number,
  stepS: number,
  maxErrorKm = DEFAULT_INTERPOLATION_ERROR_KM,
): InterpolationPlan {
  const none = { knotSteps: 1, quintic: false };
  if (!(maxErrorKm > 0) || !(stepS > 0)) return none;
  let worst4 = 0; // max over satellites of r_p w_p^4, km/s^4
  let worst6 = 0; // and of r_p w_p^6, km/s^6
  let quintic = true;
  for (let i = start; i < end; i++) {
    const revDay = e.meanMotionRevPerDay[i];
    const ecc = e.eccentricity[i];
    if (!(revDay > 0) || !(ecc >= 0)) continue; // unusable elements fail at every step anyway
    if (ecc > 0.1 || revDay < 1440 / 225) return none;
    const n = (revDay * TWO_PI) / 86400;
    const a = Math.cbrt(MU_KM3_S2 / (n * n));
    const rp = a * (1 - ecc);
    // w_p = n (1 + e)^2 / (1 - e^2)^1.5, powers by multiplication (a serial pass over 1M rows)
    const q = 1 - ecc * ecc;
    const wp = (n * (1 + ecc) * (1 + ecc)) / (q * Math.sqrt(q));
    const wp2 = wp * wp;
    const wp4 = wp2 * wp2;
    if (ecc > QUINTIC_MAX_ECCENTRICITY || rp - EARTH_RADIUS_KM < QUINTIC_MIN_PERIGEE_KM) quintic = false;
    if (rp * wp4 > worst4) worst4 = rp * wp4;
    if (rp * wp4 * wp2 > worst6) worst6 = rp * wp4 * wp2;
  }
  if (worst4 === 0) return none;
  let K = 1;
  if (quintic) {
    while (K < MAX_KNOT_STEPS && quinticBoundKm(worst6, (K + 1) * stepS) <= maxErrorKm) K++;
  } else {
    const hS = ((384 * maxErrorKm) / (SAFETY * worst4)) ** 0.25;
    K = Math.max(1, Math.min(MAX_KNOT_STEPS, Math.floor(hS / stepS + 1e-9)));
  }
  return { knotSteps: K, quintic: quintic && K > 1 };
}

/** The stated position bound for knots hS apart, km, given max |x^(6)| (km/s^6; see the file comment). */
export function quinticBoundKm(sixthDerivativeKmS6: number, hS: number): number {
  return SAFETY * ((sixthDerivativeKmS6 * hS ** 6) / 46080 + (hS * hS * ACCEL_ALLOWANCE_KM_S2) / 32);
}

/**
 * One knot's states, stored as Float32 (half the memory of Float64: 73 -> 37 bytes per satellite
 * and knot, two knots held; ~72 MB at 1M). Rounding at LEO radii is under 0.25 m per coordinate in
 * position, 0.5 mm/s in velocity; through the Hermite weights that is of the order of a metre
 * (estimated), against the 50 m the interpolation is allowed; the tests' measured maxima did not
 * move (13.55 m quintic, 25.7 m cubic). The knot steps themselves report the rounded states too.
 */
interface Knot {
  index: number;
  pos: Float32Array;
  vel: Float32Array;
  /** Two-body + J2 acceleration at pos, km/s^2. */
  acc: Float32Array;
  err: Uint8Array;
}

/** Two-body + J2 acceleration (WGS-72, TEME z as the pole) of `count` positions into `acc`; rows with an error code are left. */
export function j2AccelerationKmS2(pos: Float64Array, err: Uint8Array, count: number, acc: Float64Array | Float32Array): void {
  const re2 = EARTH_RADIUS_KM * EARTH_RADIUS_KM;
  for (let k = 0; k < count; k++) {
    if (err[k] !== 0) continue;
    const o = 3 * k;
    const x = pos[o];
    const y = pos[o + 1];
    const z = pos[o + 2];
    const r2 = x * x + y * y + z * z;
    const inv2 = 1 / r2;
    const inv3 = inv2 / Math.sqrt(r2);
    const f = 1.5 * J2 * re2 * inv2;
    const z2 = 5 * z * z * inv2;
    const m = -MU_KM3_S2 * inv3;
    const c = m * (1 + f * (1 - z2));
    acc[o] = c * x;
    acc[o + 1] = c * y;
    acc[o + 2] = m * (1 + f * (3 - z2)) * z;
  }
}

/**
 * A StateSource that evaluates `exact` only at knots startMs + m K stepMs and interpolates at the
 * steps in between. Requests off the step grid go to `exact` directly. `knotSteps` 1 = pass-through.
 * With `positionsOnly`, no velocities are interpolated (a caller that reads only positions, such
 * as the sampled shard, saves a third of the interpolation) and the velocity array it passes is
 * not needed: it may be empty (a full-size one serves as scratch, contents unspecified). Knots
 * come block by block when `exact` has propagateBlocks, else through the caller's position array
 * and that velocity scratch, or one of the source's own. The knots are kept as Float32 (see Knot).
 */
export function hermiteStateSource(
  exact: StateSource,
  count: number,
  startMs: number,
  stepMs: number,
  knotSteps: number,
  opts: { positionsOnly?: boolean; quintic?: boolean } = {},
): StateSource {
  const withVel = opts.positionsOnly !== true;
  const quintic = opts.quintic === true;
  if (knotSteps <= 1) return exact;
  const K = knotSteps;
  const mk = (): Knot => ({
    index: Number.NaN,
    pos: new Float32Array(3 * count),
    vel: new Float32Array(3 * count),
    acc: new Float32Array(quintic ? 3 * count : 0),
    err: new Uint8Array(count),
  });
  let a = mk();
  let b = mk();
  /** A whole-fleet Float64 velocity scratch, made only when the caller's array cannot serve (positions only). */
  let ownVel: Float64Array | null = null;
  const velFor = (vel: Float64Array): Float64Array => {
    if (vel.length >= 3 * count) return vel;
    ownVel ??= new Float64Array(3 * count);
    return ownVel;
  };
  let into: Knot = a;
  const toKnot = (_b: number, from: number, to: number, p: Float64Array, v: Float64Array, e: Uint8Array): void => {
    const rows = to - from;
    into.err.set(e.subarray(0, rows), from);
    if (quintic) j2AccelerationKmS2(p, e, rows, into.acc.subarray(3 * from, 3 * to));
    into.pos.set(p.subarray(0, 3 * rows), 3 * from);
    into.vel.set(v.subarray(0, 3 * rows), 3 * from);
  };
  /** SGP4 at knot m into `k`: block by block, or through the caller's Float64 position array (overwritten after). */
  const knot = (k: Knot, m: number, pos64: Float64Array, vel: Float64Array): void => {
    if (k.index === m) return;
    const t = startMs + m * K * stepMs;
    if (exact.propagateBlocks) {
      into = k;
      exact.propagateBlocks(t, toKnot);
    } else {
      const vel64 = velFor(vel);
      exact.propagate(t, pos64, vel64, k.err);
      if (quintic) j2AccelerationKmS2(pos64, k.err, count, k.acc);
      k.pos.set(pos64.subarray(0, 3 * count));
      k.vel.set(vel64.subarray(0, 3 * count));
    }
    k.index = m;
  };
  return {
    propagate(timeMs, pos, vel, err) {
      const jf = (timeMs - startMs) / stepMs;
      const j = Math.round(jf);
      if (Math.abs(jf - j) > 1e-6 || j < 0) {
        // off the step grid: full SGP4 (velocities into scratch when the caller passed none)
        exact.propagate(timeMs, pos, velFor(vel), err);
        return;
      }
      const m = Math.floor(j / K);
      const r = j - m * K;
      if (b.index === m) {
        const t = a;
        a = b;
        b = t;
      }
      // the caller's arrays serve as the knots' Float64 scratch: they are written below in any case
      knot(a, m, pos, vel);
      if (r === 0) {
        pos.set(a.pos.subarray(0, 3 * count));
        if (withVel) vel.set(a.vel.subarray(0, 3 * count));
        err.set(a.err.subarray(0, count));
        return;
      }
      knot(b, m + 1, pos, vel);
      const s = r / K;
      const h = (K * stepMs) / 1000;
      const s2 = s * s;
      const s3 = s2 * s;
      const s4 = s3 * s;
      const s5 = s4 * s;
      // Hermite basis on s in [0, 1] over knots h seconds apart, for p, h v (and h^2 a) at each
      // end, and their time derivatives (per second): quintic, or cubic (no acceleration terms)
      let h0 = 2 * s3 - 3 * s2 + 1;
      let h1 = (s3 - 2 * s2 + s) * h;
      let h3 = -2 * s3 + 3 * s2;
      let h4 = (s3 - s2) * h;
      let d0 = (6 * s2 - 6 * s) / h;
      let d1 = 3 * s2 - 4 * s + 1;
      let d3 = (-6 * s2 + 6 * s) / h;
      let d4 = 3 * s2 - 2 * s;
      let h2 = 0;
      let h5 = 0;
      let d2 = 0;
      let d5 = 0;
      if (quintic) {
        h0 = 1 - 10 * s3 + 15 * s4 - 6 * s5;
        h1 = (s - 6 * s3 + 8 * s4 - 3 * s5) * h;
        h2 = 0.5 * (s2 - 3 * s3 + 3 * s4 - s5) * h * h;
        h3 = 10 * s3 - 15 * s4 + 6 * s5;
        h4 = (-4 * s3 + 7 * s4 - 3 * s5) * h;
        h5 = 0.5 * (s3 - 2 * s4 + s5) * h * h;
        d0 = (-30 * s2 + 60 * s3 - 30 * s4) / h;
        d1 = 1 - 18 * s2 + 32 * s3 - 15 * s4;
        d2 = (s - 4.5 * s2 + 6 * s3 - 2.5 * s4) * h;
        d3 = (30 * s2 - 60 * s3 + 30 * s4) / h;
        d4 = -12 * s2 + 28 * s3 - 15 * s4;
        d5 = (1.5 * s2 - 4 * s3 + 2.5 * s4) * h;
      }
      const pa = a.pos;
      const va = a.vel;
      const aa = a.acc;
      const pb = b.pos;
      const vb = b.vel;
      const ab = b.acc;
      const ea = a.err;
      const eb = b.err;
      if (quintic && !withVel) {
        // the sampled shard's case (positions only), written out: ~2x faster than the general loop
        for (let k = 0; k < count; k++) {
          const o = 3 * k;
          const e1 = ea[k];
          const e2 = eb[k];
          if (e1 !== 0 || e2 !== 0) {
            err[k] = e1 > e2 ? e1 : e2;
            pos[o] = pos[o + 1] = pos[o + 2] = Number.NaN;
            continue;
          }
          err[k] = 0;
          pos[o] = h0 * pa[o] + h1 * va[o] + h2 * aa[o] + h3 * pb[o] + h4 * vb[o] + h5 * ab[o];
          pos[o + 1] = h0 * pa[o + 1] + h1 * va[o + 1] + h2 * aa[o + 1] + h3 * pb[o + 1] + h4 * vb[o + 1] + h5 * ab[o + 1];
          pos[o + 2] = h0 * pa[o + 2] + h1 * va[o + 2] + h2 * aa[o + 2] + h3 * pb[o + 2] + h4 * vb[o + 2] + h5 * ab[o + 2];
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
          if (withVel) vel[o] = vel[o + 1] = vel[o + 2] = Number.NaN;
          continue;
        }
        err[k] = 0;
        for (let c = o; c < o + 3; c++) {
          const p0 = pa[c];
          const v0 = va[c];
          const p1 = pb[c];
          const v1 = vb[c];
          if (quintic) {
            const a0 = aa[c];
            const a1 = ab[c];
            pos[c] = h0 * p0 + h1 * v0 + h2 * a0 + h3 * p1 + h4 * v1 + h5 * a1;
            if (withVel) vel[c] = d0 * p0 + d1 * v0 + d2 * a0 + d3 * p1 + d4 * v1 + d5 * a1;
          } else {
            pos[c] = h0 * p0 + h1 * v0 + h3 * p1 + h4 * v1;
            if (withVel) vel[c] = d0 * p0 + d1 * v0 + d3 * p1 + d4 * v1;
          }
        }
      }
    },
    release() {
      releaseNow(a.pos, a.vel, a.acc, a.err, b.pos, b.vel, b.acc, b.err, ownVel);
    },
  };
}
