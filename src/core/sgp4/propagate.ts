/**
 * Column-wise SGP4 propagation: TEME position (km) and velocity (km/s) of every satellite of
 * an Sgp4Batch at one UTC time.
 *
 * Algorithm: procedure `sgp4` of Vallado, Crawford, Hujsak & Kelso, "Revisiting Spacetrack
 * Report #3", AIAA 2006-6753 (near-Earth branch), as satellite.js 7.1 implements it, WGS-72.
 * Deep-space satellites (flag DEEP) are propagated by satellite.js `sgp4` on their own SatRec
 * (see batch.ts). Error codes are satellite.js's SatRecError values:
 *   1 mean eccentricity out of range (also: elements that cannot be initialised, flag INVALID),
 *   2 mean motion below zero, 3 perturbed eccentricity out of range (deep space only),
 *   4 semi-latus rectum below zero, 6 decayed: either SGP4's own "mrt < 1" test or
 *   satellite.js `checkForDecay` (tempa <= 0), which `propagate(..., { communityDecayCheckEnabled:
 *   true })` applies. Failed satellites get NaN position and velocity.
 *
 * Numerically the kernel differs from satellite.js only where an identity makes it cheaper
 * (details in docs/ENGINE.md): the stored semi-major axis ao instead of (xke/no)^(2/3);
 * nm = no / |tempa|^3; no mod-2pi reductions (later uses are periodic); sin/cos by an inlined
 * fdlibm-style kernel (sincos.ts); and sin/cos of "known angle + small angle" (drag offset of the
 * mean anomaly, Kepler's start value and Newton steps, the short-period corrections of the
 * argument of latitude and inclination) by angle addition with a Taylor series for the small
 * angle instead of atan2 / new sin/cos calls. Satellites with B* = 0 skip the drag terms (exactly
 * zero). Each change moves results by a few ulps; tests check the kernel against satellite.js on
 * the whole catalogue (< 1 m, < 1 mm/s against `propagate`; micrometres at equal minutes).
 */
import { sgp4 } from 'satellite.js';
import { allocElementColumns } from '../elements/columns';
import {
  initSgp4Batch,
  SGP4_BATCH_STRIDE,
  SGP4_FLAG_DEEP,
  SGP4_FLAG_INVALID,
  SGP4_FLAG_NO_DRAG,
  SGP4_FLAG_SIMPLE,
  type Sgp4Batch,
} from './batch';
import { C1, C2, C3, C4, C5, C6, PIO2_HI, PIO2_LO, S1, S2, S3, S4, S5, S6, SC, sincos, TWO_OVER_PI } from './sincos';
import { DEG2RAD, J2, J3_OVER_J2, RADIUS_KM, TUMIN, VKM_PER_SEC, XKE } from './wgs72';

/** SGP4_BATCH_STRIDE as a literal the compiler can fold into the index arithmetic. */
const KS = 18;
if (SGP4_BATCH_STRIDE !== KS) throw new Error('propagate.ts: SGP4_BATCH_STRIDE changed; update KS');

/** SGP4 error codes as in satellite.js SatRecError. */
export const SGP4_OK = 0;
export const SGP4_ERR_ECCENTRICITY = 1;
export const SGP4_ERR_MEAN_MOTION = 2;
export const SGP4_ERR_PERTURBED_ECCENTRICITY = 3;
export const SGP4_ERR_SEMI_LATUS_RECTUM = 4;
export const SGP4_ERR_DECAYED = 6;

const MS_PER_MIN = 60_000;
const MIN_PER_MS = 1 / MS_PER_MIN;
/**
 * Below this (rad), sin/cos of a small angle d come from Taylor series to d^7 and d^8
 * (truncation error below d^9/9! < 1e-17 for d < 0.05), used to rotate an already known sin/cos pair.
 */
const SMALL_ANGLE = 0.05;
const SIN3 = -1 / 6;
const SIN5 = 1 / 120;
const SIN7 = -1 / 5040;
const COS2 = -1 / 2;
const COS4 = 1 / 24;
const COS6 = -1 / 720;
const COS8 = 1 / 40320;

/**
 * Propagate every satellite of `batch` to `timeMs` (Unix ms UTC). Results go to
 * positionKm / velocityKmS at [3 * (outOffset + i) .. +2] and error[outOffset + i].
 * Allocates nothing for near-Earth satellites (beyond the once-per-thread primer, primeKernel);
 * never throws for a bad satellite.
 * Returns the number of satellites with a non-zero error code.
 */
export function propagateBatch(
  batch: Sgp4Batch,
  timeMs: number,
  positionKm: Float64Array,
  velocityKmS: Float64Array,
  error: Uint8Array,
  outOffset = 0,
): number {
  const n = batch.count;
  if (!Number.isFinite(timeMs)) {
    throw new RangeError(`propagateBatch: timeMs must be a finite Unix time in ms (got ${timeMs})`);
  }
  if (!(Number.isInteger(outOffset) && outOffset >= 0)) {
    throw new RangeError(`propagateBatch: outOffset must be a non-negative integer (got ${outOffset})`);
  }
  if (positionKm.length < 3 * (outOffset + n) || velocityKmS.length < 3 * (outOffset + n) || error.length < outOffset + n) {
    throw new RangeError(`propagateBatch: output arrays too short for ${n} satellites at offset ${outOffset}`);
  }
  // The near-Earth loop and the deep-space pass are functions of their own: an engine that
  // optimises the loop while it runs (on-stack replacement) would otherwise meet code after it
  // that has never run, throw the optimised code away there and compile the large function
  // again (7 compilations, ~350 ms of compile time, in one `plan states` run of 300k satellites).
  if (!primed && n >= PRIME_AT_COUNT) primeKernel();
  let failed = propagateNearEarth(batch, timeMs, positionKm, velocityKmS, error, outOffset);
  if (batch.deepIndex.length > 0) failed += propagateDeepSpace(batch, timeMs, positionKm, velocityKmS, error, outOffset);
  return failed;
}

/** A first batch of this many satellites or more primes the kernel (below, once per thread). */
const PRIME_AT_COUNT = 1024;
let primed = false;

/**
 * Type feedback for every branch of the kernel before its first large batch. An engine that
 * optimises the near-Earth loop while a batch runs knows only the branches taken so far; the first
 * satellite to take another (a large drag correction, a decayed orbit, an error) throws the
 * optimised code away and the ~10 kB function is compiled again: 9 compilations, ~500 ms of
 * compile time, in one `plan states` run of 300,000 satellites on two threads. So once per thread
 * a small fixed set (96 satellites: perigees from 150 km, e up to 0.6, B* up to 0.05, invalid
 * elements) is initialised and propagated from epoch to four years on, unoptimised, and its
 * results are dropped: 2-7 ms (a first call of 1,024 satellites against one of 1,023).
 */
function primeKernel(): void {
  primed = true;
  const N = 96;
  const c = allocElementColumns(N);
  const meanMotion = [16.3, 15.5, 14.2, 12.5, 7.0, 15.9];
  const ecc = [0, 0.0005, 0.02, 0.2, 0.6, 0.004];
  const bstar = [0, 1e-5, 1e-3, 0.05];
  for (let i = 0; i < N; i++) {
    c.epochMs[i] = 1.7e12;
    c.meanMotionRevPerDay[i] = meanMotion[i % 6];
    c.eccentricity[i] = i === N - 1 ? 1.5 : ecc[(i * 7) % 6]; // the last one invalid
    c.inclinationDeg[i] = i % 8 === 3 ? 179.9 : (i * 37) % 180; // near 180 deg: the large long-period term
    c.raanDeg[i] = (i * 53) % 360;
    c.argPerigeeDeg[i] = (i * 71) % 360;
    c.meanAnomalyDeg[i] = (i * 97) % 360;
    c.bstar[i] = (i % 5 === 4 ? -1 : 1) * bstar[(i >> 1) % 4];
  }
  const batch = initSgp4Batch(c);
  const pos = new Float64Array(3 * N);
  const vel = new Float64Array(3 * N);
  const err = new Uint8Array(N);
  for (const days of [0, 0.5, 20, 800, 1500]) propagateNearEarth(batch, 1.7e12 + days * 86_400_000, pos, vel, err, 0);
}

/** The near-Earth satellites of propagateBatch (arguments checked there); returns how many failed. */
function propagateNearEarth(
  batch: Sgp4Batch,
  timeMs: number,
  positionKm: Float64Array,
  velocityKmS: Float64Array,
  error: Uint8Array,
  outOffset: number,
): number {
  const n = batch.count;
  const epochMs = batch.epochMs;
  const eccCol = batch.eccentricity;
  const inclCol = batch.inclinationDeg;
  const raanCol = batch.raanDeg;
  const argpCol = batch.argPerigeeDeg;
  const maCol = batch.meanAnomalyDeg;
  // derived constants, SGP4_BATCH_STRIDE per satellite in SGP4_BATCH_COLUMNS order
  const kc = batch.constants;
  const flags = batch.flags;
  const pos = positionKm;
  const vel = velocityKmS;
  let failed = 0;

  for (let i = 0; i < n; i++) {
    const o = outOffset + i;
    const o3 = 3 * o;
    const kb = KS * i;
    const fl = flags[i];
    if (fl & (SGP4_FLAG_DEEP | SGP4_FLAG_INVALID)) {
      if (fl & SGP4_FLAG_INVALID) {
        error[o] = SGP4_ERR_ECCENTRICITY;
        pos[o3] = pos[o3 + 1] = pos[o3 + 2] = NaN;
        vel[o3] = vel[o3 + 1] = vel[o3 + 2] = NaN;
        failed++;
      }
      continue; // deep space: below
    }
    const t = (timeMs - epochMs[i]) * MIN_PER_MS;
    const mo = maCol[i] * DEG2RAD;
    const argpo = argpCol[i] * DEG2RAD;
    const nodeo = raanCol[i] * DEG2RAD;
    const ao = kc[kb];
    // un-Kozai'd mean motion from the stored semi-major axis: no = xke / ao^1.5
    const no = XKE / (ao * Math.sqrt(ao));
    const cc1 = kc[kb + 5];

    // ---- secular gravity and atmospheric drag ----
    const xmdf = mo + kc[kb + 1] * t;
    const argpdf = argpo + kc[kb + 2] * t;
    const nodedf = nodeo + kc[kb + 3] * t;
    let argpm = argpdf;
    let mm = xmdf;
    const t2 = t * t;
    const nodem = nodedf + kc[kb + 4] * t2;
    let tempa = 1.0 - cc1 * t;
    let tempe = kc[kb + 6] * t;
    let templ = 1.5 * cc1 * t2;
    // sin/cos(xmdf) and the offset of the final mean anomaly from xmdf, when known
    let sxm = 0;
    let cxm = 0;
    let dmm = 0;
    const full = (fl & (SGP4_FLAG_SIMPLE | SGP4_FLAG_NO_DRAG)) === 0;
    if (full) {
      const delomg = kc[kb + 9] * t;
      // sin/cos(xmdf): sincos.ts inlined by hand (engines do not inline calls into a body this large)
      let sinxmdf: number, cosxmdf: number;
      {
        const xa = xmdf;
        if (Math.abs(xa) <= 1e5) {
          const k = Math.floor(xa * TWO_OVER_PI + 0.5);
          const r = xa - k * PIO2_HI - k * PIO2_LO;
          const z = r * r;
          const ps = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
          const pc = 1.0 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
          // quadrant k mod 4 without branches: swap sin/cos on odd k, signs from bits of k
          const qd = k & 3;
          const sw = qd & 1;
          sinxmdf = (1 - (qd & 2)) * (ps * (1 - sw) + pc * sw);
          cosxmdf = (1 - ((qd + 1) & 2)) * (pc * (1 - sw) + ps * sw);
        } else {
          sinxmdf = Math.sin(xa);
          cosxmdf = Math.cos(xa);
        }
      }
      sxm = sinxmdf;
      cxm = cosxmdf;
      const delmtemp = 1.0 + kc[kb + 10] * cosxmdf;
      const delm = kc[kb + 11] * (delmtemp * delmtemp * delmtemp - kc[kb + 12]);
      const temp = delomg + delm;
      mm = xmdf + temp;
      argpm = argpdf - temp;
      dmm = temp;
      const t3 = t2 * t;
      const t4 = t3 * t;
      const d2 = kc[kb + 13],
        d3 = kc[kb + 14],
        d4 = kc[kb + 15];
      tempa = tempa - d2 * t2 - d3 * t3 - d4 * t4;
      // sin(mm) = sin(xmdf + temp); temp (drag corrections) is usually small
      let sinmm: number;
      if (Math.abs(temp) < SMALL_ANGLE) {
        const q = temp * temp;
        const sd = temp * (1 + q * (SIN3 + q * (SIN5 + q * SIN7)));
        const cd = 1 + q * (COS2 + q * (COS4 + q * (COS6 + q * COS8)));
        sinmm = sinxmdf * cd + cosxmdf * sd;
      } else {
        sincos(mm);
        sinmm = SC[0];
      }
      tempe += kc[kb + 7] * (sinmm - kc[kb + 8]);
      // t3cof, t4cof, t5cof of sgp4init, recomputed from cc1, d2, d3, d4
      const cc1sq = cc1 * cc1;
      const t3cof = d2 + 2.0 * cc1sq;
      const t4cof = 0.25 * (3.0 * d3 + cc1 * (12.0 * d2 + 10.0 * cc1sq));
      const t5cof = 0.2 * (3.0 * d4 + 12.0 * cc1 * d3 + 6.0 * d2 * d2 + 15.0 * cc1sq * (2.0 * d2 + cc1sq));
      templ = templ + t3cof * t3 + t4 * (t4cof + t * t5cof);
    }
    if (!(no > 0.0)) {
      error[o] = SGP4_ERR_MEAN_MOTION;
      pos[o3] = pos[o3 + 1] = pos[o3 + 2] = NaN;
      vel[o3] = vel[o3 + 1] = vel[o3 + 2] = NaN;
      failed++;
      continue;
    }
    // am = (xke / no)^(2/3) * tempa^2 = ao * tempa^2; nm = xke / am^1.5 = no / |tempa|^3
    const am = ao * tempa * tempa;
    const nm = no / (tempa * tempa * Math.abs(tempa));
    let em = eccCol[i] - tempe;
    if (em >= 1.0 || em < -0.001) {
      error[o] = SGP4_ERR_ECCENTRICITY;
      pos[o3] = pos[o3 + 1] = pos[o3 + 2] = NaN;
      vel[o3] = vel[o3 + 1] = vel[o3 + 2] = NaN;
      failed++;
      continue;
    }
    if (em < 1.0e-6) em = 1.0e-6;
    const dml = no * templ;
    mm += dml;
    dmm += dml;
    // satellite.js reduces nodem, argpm, xlm and mm modulo 2 pi here; every later use is
    // periodic (sin/cos) or a Newton start value, so the reduction is left out (it only moves
    // rounding by ~1e-13 rad for a week-long propagation).

    // sin/cos(mm): rotate sin/cos(xmdf) by the drag offset when small, else evaluate
    let smm: number, cmm: number;
    if (full && Math.abs(dmm) < SMALL_ANGLE) {
      const q = dmm * dmm;
      const sd = dmm * (1 + q * (SIN3 + q * (SIN5 + q * SIN7)));
      const cd = 1 + q * (COS2 + q * (COS4 + q * (COS6 + q * COS8)));
      smm = sxm * cd + cxm * sd;
      cmm = cxm * cd - sxm * sd;
    } else {
      // sin/cos(mm): sincos.ts inlined by hand (engines do not inline calls into a body this large)
      let smx: number, cmx: number;
      {
        const xa = mm;
        if (Math.abs(xa) <= 1e5) {
          const k = Math.floor(xa * TWO_OVER_PI + 0.5);
          const r = xa - k * PIO2_HI - k * PIO2_LO;
          const z = r * r;
          const ps = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
          const pc = 1.0 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
          // quadrant k mod 4 without branches: swap sin/cos on odd k, signs from bits of k
          const qd = k & 3;
          const sw = qd & 1;
          smx = (1 - (qd & 2)) * (ps * (1 - sw) + pc * sw);
          cmx = (1 - ((qd + 1) & 2)) * (pc * (1 - sw) + ps * sw);
        } else {
          smx = Math.sin(xa);
          cmx = Math.cos(xa);
        }
      }
      smm = smx;
      cmm = cmx;
    }

    // ---- long-period periodics ----
    const cosio = kc[kb + 16];
    const sinio = kc[kb + 17];
    const cosio2 = cosio * cosio;
    const aycof = -0.5 * J3_OVER_J2 * sinio;
    const xlcof =
      Math.abs(cosio + 1.0) > 1.5e-12
        ? (-0.25 * J3_OVER_J2 * sinio * (3.0 + 5.0 * cosio)) / (1.0 + cosio)
        : (-0.25 * J3_OVER_J2 * sinio * (3.0 + 5.0 * cosio)) / 1.5e-12;
    // sin/cos(argpm): sincos.ts inlined by hand (engines do not inline calls into a body this large)
    let sinargp: number, cosargp: number;
    {
      const xa = argpm;
      if (Math.abs(xa) <= 1e5) {
        const k = Math.floor(xa * TWO_OVER_PI + 0.5);
        const r = xa - k * PIO2_HI - k * PIO2_LO;
        const z = r * r;
        const ps = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
        const pc = 1.0 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        // quadrant k mod 4 without branches: swap sin/cos on odd k, signs from bits of k
        const qd = k & 3;
        const sw = qd & 1;
        sinargp = (1 - (qd & 2)) * (ps * (1 - sw) + pc * sw);
        cosargp = (1 - ((qd + 1) & 2)) * (pc * (1 - sw) + ps * sw);
      } else {
        sinargp = Math.sin(xa);
        cosargp = Math.cos(xa);
      }
    }
    const axnl = em * cosargp;
    let temp = 1.0 / (am * (1.0 - em * em));
    const aynl = em * sinargp + temp * aycof;
    // xl = mm + argpm + nodem + dxl, u = xl - nodem
    const dxl = temp * xlcof * axnl;

    // ---- Kepler's equation (Vallado's bounded Newton iteration) ----
    // sin/cos of the iterate come from angle addition: u = mm + argpm + dxl at the start, then
    // each small Newton step (< SMALL_ANGLE rad) rotates the pair; larger ones re-evaluate.
    const u = mm + argpm + dxl;
    let eo1 = u;
    let tem5 = 9999.9;
    let ktr = 1;
    let sineo1 = smm * cosargp + cmm * sinargp;
    let coseo1 = cmm * cosargp - smm * sinargp;
    if (Math.abs(dxl) < SMALL_ANGLE) {
      const q = dxl * dxl;
      const sd = dxl * (1 + q * (SIN3 + q * (SIN5 + q * SIN7)));
      const cd = 1 + q * (COS2 + q * (COS4 + q * (COS6 + q * COS8)));
      const s0 = sineo1;
      sineo1 = s0 * cd + coseo1 * sd;
      coseo1 = coseo1 * cd - s0 * sd;
    } else {
      sincos(eo1);
      sineo1 = SC[0];
      coseo1 = SC[1];
    }
    for (;;) {
      tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
      tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
      if (Math.abs(tem5) >= 0.95) tem5 = tem5 > 0.0 ? 0.95 : -0.95;
      ktr += 1;
      // satellite.js leaves sin/cos of the iterate before the last (sub-1e-12) step
      if (!(Math.abs(tem5) >= 1.0e-12 && ktr <= 10)) break;
      eo1 += tem5;
      if (Math.abs(tem5) < SMALL_ANGLE) {
        const q = tem5 * tem5;
        const sd = tem5 * (1 + q * (SIN3 + q * (SIN5 + q * SIN7)));
        const cd = 1 + q * (COS2 + q * (COS4 + q * (COS6 + q * COS8)));
        const s0 = sineo1;
        sineo1 = s0 * cd + coseo1 * sd;
        coseo1 = coseo1 * cd - s0 * sd;
      } else {
        sincos(eo1);
        sineo1 = SC[0];
        coseo1 = SC[1];
      }
    }

    // ---- short-period preliminary quantities ----
    const ecose = axnl * coseo1 + aynl * sineo1;
    const esine = axnl * sineo1 - aynl * coseo1;
    const el2 = axnl * axnl + aynl * aynl;
    const pl = am * (1.0 - el2);
    if (pl < 0.0) {
      error[o] = SGP4_ERR_SEMI_LATUS_RECTUM;
      pos[o3] = pos[o3 + 1] = pos[o3 + 2] = NaN;
      vel[o3] = vel[o3 + 1] = vel[o3 + 2] = NaN;
      failed++;
      continue;
    }
    const rl = am * (1.0 - ecose);
    const invrl = 1.0 / rl;
    const rdotl = Math.sqrt(am) * esine * invrl;
    const rvdotl = Math.sqrt(pl) * invrl;
    const betal = Math.sqrt(1.0 - el2);
    temp = esine / (1.0 + betal);
    const amrl = am * invrl;
    const sinu = amrl * (sineo1 - aynl - axnl * temp);
    const cosu = amrl * (coseo1 - axnl + aynl * temp);
    const sin2u = (cosu + cosu) * sinu;
    const cos2u = 1.0 - 2.0 * sinu * sinu;
    temp = 1.0 / pl;
    const temp1 = 0.5 * J2 * temp;
    const temp2 = temp1 * temp;

    // ---- short-period periodics ----
    const con41 = 3.0 * cosio2 - 1.0;
    const x1mth2 = 1.0 - cosio2;
    const x7thm1 = 7.0 * cosio2 - 1.0;
    const mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
    if (mrt < 1.0) {
      error[o] = SGP4_ERR_DECAYED;
      pos[o3] = pos[o3 + 1] = pos[o3 + 2] = NaN;
      vel[o3] = vel[o3 + 1] = vel[o3 + 2] = NaN;
      failed++;
      continue;
    }
    // su = u + dsu, xnode = nodem + dnode, xinc = inclo + dinc: dsu and dinc are short-period
    // corrections of ~1e-3 rad, so sin/cos of su and xinc come from angle addition with the
    // small-angle series.
    const dsu = -0.25 * temp2 * x7thm1 * sin2u;
    const dnode = 1.5 * temp2 * cosio * sin2u;
    const dinc = 1.5 * temp2 * cosio * sinio * cos2u;
    const mvt = rdotl - nm * temp1 * x1mth2 * sin2u * TUMIN;
    const rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) * TUMIN;

    // sin/cos(su) with su = atan2(sinu, cosu) + dsu; (sinu, cosu) is a unit vector by
    // construction. Degenerate orbits (e.g. long-decayed elements, where pl is tiny) can make
    // the corrections large: then the exact form is used, as satellite.js does.
    let sinsu: number, cossu: number, sini: number, cosi: number;
    if (Math.abs(dsu) < SMALL_ANGLE && Math.abs(dinc) < SMALL_ANGLE) {
      // (sinu, cosu) has unit length for any E (ellipse geometry), to rounding
      const su0 = sinu;
      const cu0 = cosu;
      let q = dsu * dsu;
      let sd = dsu * (1 + q * (SIN3 + q * (SIN5 + q * SIN7)));
      let cd = 1 + q * (COS2 + q * (COS4 + q * (COS6 + q * COS8)));
      sinsu = su0 * cd + cu0 * sd;
      cossu = cu0 * cd - su0 * sd;
      q = dinc * dinc;
      sd = dinc * (1 + q * (SIN3 + q * (SIN5 + q * SIN7)));
      cd = 1 + q * (COS2 + q * (COS4 + q * (COS6 + q * COS8)));
      sini = sinio * cd + cosio * sd;
      cosi = cosio * cd - sinio * sd;
    } else {
      const su = Math.atan2(sinu, cosu) + dsu;
      sincos(su);
      sinsu = SC[0];
      cossu = SC[1];
      sincos(inclCol[i] * DEG2RAD + dinc);
      sini = SC[0];
      cosi = SC[1];
    }
    const xnode = nodem + dnode;
    // sincos(xnode) inlined (see sincos.ts; the engine does not inline calls in a body this large)
    let snod: number, cnod: number;
    {
      const xa = xnode;
      if (Math.abs(xa) <= 1e5) {
        const k = Math.floor(xa * TWO_OVER_PI + 0.5);
        const r = xa - k * PIO2_HI - k * PIO2_LO;
        const z = r * r;
        const ps = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
        const pc = 1.0 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        // quadrant k mod 4 without branches: swap sin/cos on odd k, signs from bits of k
        const qd = k & 3;
        const sw = qd & 1;
        snod = (1 - (qd & 2)) * (ps * (1 - sw) + pc * sw);
        cnod = (1 - ((qd + 1) & 2)) * (pc * (1 - sw) + ps * sw);
      } else {
        snod = Math.sin(xa);
        cnod = Math.cos(xa);
      }
    }

    // ---- orientation vectors, position and velocity ----
    const xmx = -snod * cosi;
    const xmy = cnod * cosi;
    const ux = xmx * sinsu + cnod * cossu;
    const uy = xmy * sinsu + snod * cossu;
    const uz = sini * sinsu;
    const vx = xmx * cossu - cnod * sinsu;
    const vy = xmy * cossu - snod * sinsu;
    const vz = sini * cossu;
    const rk = mrt * RADIUS_KM;
    pos[o3] = rk * ux;
    pos[o3 + 1] = rk * uy;
    pos[o3 + 2] = rk * uz;
    vel[o3] = (mvt * ux + rvdot * vx) * VKM_PER_SEC;
    vel[o3 + 1] = (mvt * uy + rvdot * vy) * VKM_PER_SEC;
    vel[o3 + 2] = (mvt * uz + rvdot * vz) * VKM_PER_SEC;
    // satellite.js checkForDecay: tempa <= 0 means decayed even though SGP4 returned a state
    if (tempa <= 0) {
      error[o] = SGP4_ERR_DECAYED;
      pos[o3] = pos[o3 + 1] = pos[o3 + 2] = NaN;
      vel[o3] = vel[o3 + 1] = vel[o3 + 2] = NaN;
      failed++;
    } else {
      error[o] = SGP4_OK;
    }
  }
  return failed;
}

/** Deep-space satellites: satellite.js per satellite (allocates; only catalogue objects take it). Returns how many failed. */
function propagateDeepSpace(
  batch: Sgp4Batch,
  timeMs: number,
  pos: Float64Array,
  vel: Float64Array,
  error: Uint8Array,
  outOffset: number,
): number {
  const epochMs = batch.epochMs;
  let failed = 0;
  const deepIndex = batch.deepIndex;
  const recs = batch.deepRecs;
  for (let k = 0; k < deepIndex.length; k++) {
    const i = deepIndex[k];
    const o = outOffset + i;
    const o3 = 3 * o;
    const rec = recs[k];
    let code = SGP4_OK;
    try {
      const r = sgp4(rec, (timeMs - epochMs[i]) / MS_PER_MIN);
      if (r === null) {
        code = rec.error || SGP4_ERR_ECCENTRICITY;
      } else if (rec.tempa <= 0) {
        code = SGP4_ERR_DECAYED;
      } else {
        pos[o3] = r.position.x;
        pos[o3 + 1] = r.position.y;
        pos[o3 + 2] = r.position.z;
        vel[o3] = r.velocity.x;
        vel[o3 + 1] = r.velocity.y;
        vel[o3 + 2] = r.velocity.z;
      }
    } catch {
      code = SGP4_ERR_ECCENTRICITY;
    }
    error[o] = code;
    if (code !== SGP4_OK) {
      pos[o3] = pos[o3 + 1] = pos[o3 + 2] = NaN;
      vel[o3] = vel[o3 + 1] = vel[o3 + 2] = NaN;
      failed++;
    }
  }
  return failed;
}
