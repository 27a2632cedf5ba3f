/**
 * Closest approach within a shell over one orbit, from the SGP4 states the planner flies (the
 * column kernel, src/core/sgp4). docs/FEASIBILITY.md "Feasibility: closest approach".
 *
 * Rigid pattern (generated shells: every satellite has the same epoch, mean motion, e = 0,
 * inclination, argument of perigee and B* = 0, only RAAN and phase differ): SGP4 is zonal
 * (axisymmetric) and, for e = 0 without drag, a satellite's state depends only on u = M + omega and
 * the node (the long-period J3 term enters through a constant), so satellite k at time t is
 * satellite 0's state at t + tau_k, turned about the z axis by phi_k:
 *   x_k(t) = Rz(phi_k) x_0(t + tau_k),  tau_k = du_k / (dM/dt + domega/dt),  phi_k = dOmega_k - dOmega/dt tau_k.
 * The distance of any pair (A, B) is then the distance of (0, B - A) at a shifted time, so the
 * reference satellite (two when a plane's slots span an arc instead of the whole circle) against
 * all others over one period of u gives the shell's closest approach. x_0 is flown with the kernel
 * every 10 s over two periods and Hermite-interpolated (error below a millimetre); each pair is
 * sampled 96 times per period and every sampled local minimum refined by golden-section search.
 * test/unit/core/analysis/closestApproach.test.ts checks it against a brute-force all-pairs pass.
 *
 * Anything else (imported element sets, eccentric shells): spatial-grid screening over one orbit
 * (the median period), every 10 s: SGP4 at knots every 60 s (300 s for deep-space objects), cubic
 * Hermite in between (metres; below a km for deep space). Between samples a pair closes at most
 * v_rel,max h / 2 + 2 km (v_rel,max = 16 km/s), so a pair
 * whose closest approach is below D shows a sample within D + that slack; D starts at
 * max(keep-out, 50 km) and shrinks to the best sampled distance as closer pairs turn up. Positions
 * hash into cubic cells twice the search radius wide, so each satellite probes the 8 cells on its
 * side; candidates are refined with the kernel, closest first, until none can beat the best. When
 * no pair comes within D + slack the result is the lower bound D.
 */
import { allocElementColumns, ELEMENT_FLOAT_FIELDS, ELEMENT_INT_FIELDS, type ElementColumns } from '../elements/columns';
import type { Fleet, FleetShell } from '../fleet/fleet';
import { initSgp4Batch, sgp4BatchColumn, type Sgp4Batch } from '../sgp4/batch';
import { propagateBatch } from '../sgp4/propagate';
import { DEG2RAD, TWO_PI } from '../units';

export interface ClosestApproach {
  /** Smallest distance between two satellites of the shell over one orbit, km (NaN: fewer than 2). */
  minSeparationKm: number;
  /** Shell-local indices of the closest pair and the time, Unix ms. */
  pair: [number, number] | null;
  timeMs: number;
  method: 'rigid-pattern' | 'grid-screening' | 'not-screened' | 'none';
  /** True when no pair came within the screening radius: minSeparationKm is a lower bound. */
  lowerBound: boolean;
  /** Geocentric radius minus the WGS-72 radius over the orbit (flown states), km. */
  altitudeMinKm: number;
  altitudeMaxKm: number;
}

const REF_STEP_S = 10;
const SAMPLES_PER_PERIOD = 96;
const V_REL_MAX_KM_S = 16;
const SCREEN_STEP_S = 10;
/** Screening samples per SGP4 knot (Hermite in between). */
const SCREEN_KNOT_STEPS = 6;
const SCREEN_DEEP_KNOT_STEPS = 30;
const R_WGS72 = 6378.135;

/** True when all satellites of [start, start + count) share everything but RAAN and phase, with e = 0 and no drag. */
export function isRigidPattern(el: ElementColumns, start: number, count: number): boolean {
  for (let i = start; i < start + count; i++) {
    if (
      el.eccentricity[i] !== 0 ||
      el.bstar[i] !== 0 ||
      el.epochMs[i] !== el.epochMs[start] ||
      el.meanMotionRevPerDay[i] !== el.meanMotionRevPerDay[start] ||
      el.inclinationDeg[i] !== el.inclinationDeg[start] ||
      el.argPerigeeDeg[i] !== el.argPerigeeDeg[start]
    )
      return false;
  }
  return true;
}

/** Reference track of one satellite: positions and velocities every `stepS` from t0. */
interface Track {
  t0Ms: number;
  stepS: number;
  n: number;
  pos: Float64Array;
  vel: Float64Array;
}

function flyTrack(el: ElementColumns, index: number, t0Ms: number, durationS: number, stepS: number): Track {
  const batch = initSgp4Batch(el, index, index + 1);
  const n = Math.ceil(durationS / stepS) + 2;
  const pos = new Float64Array(3 * n);
  const vel = new Float64Array(3 * n);
  const p = new Float64Array(3);
  const v = new Float64Array(3);
  const e = new Uint8Array(1);
  for (let j = 0; j < n; j++) {
    propagateBatch(batch, t0Ms + j * stepS * 1000, p, v, e);
    pos.set(p, 3 * j);
    vel.set(v, 3 * j);
  }
  return { t0Ms, stepS, n, pos, vel };
}

/** Cubic Hermite position at offset tS seconds from the track start, into out[0..2]. */
function trackAt(tr: Track, tS: number, out: Float64Array): void {
  const x = tS / tr.stepS;
  let j = Math.floor(x);
  if (j < 0) j = 0;
  if (j > tr.n - 2) j = tr.n - 2;
  const s = x - j;
  const h = tr.stepS;
  const s2 = s * s;
  const s3 = s2 * s;
  const h00 = 2 * s3 - 3 * s2 + 1;
  const h10 = s3 - 2 * s2 + s;
  const h01 = -2 * s3 + 3 * s2;
  const h11 = s3 - s2;
  const a = 3 * j;
  const b = a + 3;
  for (let c = 0; c < 3; c++) out[c] = h00 * tr.pos[a + c] + h10 * h * tr.vel[a + c] + h01 * tr.pos[b + c] + h11 * h * tr.vel[b + c];
}

export interface RigidOffsets {
  /** Time shift per satellite (shell-local), s, in [0, period). */
  tauS: Float64Array;
  /** z rotation per satellite, rad. */
  phiRad: Float64Array;
}

/** Secular rates of the first satellite of a batch, rad/s: u = M + omega and the node. */
function secularRates(batch: Sgp4Batch): { uDot: number; nodeDot: number } {
  const mdot = sgp4BatchColumn(batch, 'mdot')[0];
  const argpdot = sgp4BatchColumn(batch, 'argpdot')[0];
  const nodedot = sgp4BatchColumn(batch, 'nodedot')[0];
  return { uDot: (mdot + argpdot) / 60, nodeDot: nodedot / 60 };
}

const wrap2pi = (x: number): number => {
  const r = x % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
};

export interface RigidContext {
  el: ElementColumns;
  start: number;
  count: number;
  refLocal: number[];
  track: Track;
  periodS: number;
  uDot: number;
  nodeDot: number;
  /** Mean inclination, rad. */
  incRad: number;
  /** Mean geocentric radius of the reference track over one period, km. */
  radiusKm: number;
  /** Mean argument of latitude (M + omega) of satellite 0 at the track start, rad. */
  u00: number;
  /**
   * Time (s from the track start, within the first period) at which the reference track's true
   * argument of latitude, measured in its mean plane, passes 2 pi i / U_TABLE (i = 0..U_TABLE).
   */
  timeOfU: Float64Array;
  /** True argument of latitude of the table's first entry, rad. */
  uTableBase: number;
}

const U_TABLE = 1440;

/** Fly the reference satellite and the secular rates for a rigid shell. */
export function rigidContext(fleet: Fleet, shell: FleetShell, t0Ms: number, arcOnly: boolean): RigidContext {
  const el = fleet.elements;
  const batch = initSgp4Batch(el, shell.start, shell.start + 1);
  const { uDot, nodeDot } = secularRates(batch);
  const periodS = TWO_PI / uDot;
  const track = flyTrack(el, shell.start, t0Ms, 2 * periodS + 2 * REF_STEP_S, REF_STEP_S);
  const per = Math.max(1, shell.satellitesPerPlane);
  const refLocal = arcOnly && per > 1 ? [0, per - 1] : [0];
  const nPeriod = Math.min(track.n, Math.ceil(periodS / REF_STEP_S));
  let rSum = 0;
  for (let j = 0; j < nPeriod; j++) rSum += Math.hypot(track.pos[3 * j], track.pos[3 * j + 1], track.pos[3 * j + 2]);
  const u00 = wrap2pi(
    (el.meanAnomalyDeg[shell.start] + el.argPerigeeDeg[shell.start]) * DEG2RAD + (uDot * (t0Ms - el.epochMs[shell.start])) / 1000,
  );
  const incRad = el.inclinationDeg[shell.start] * DEG2RAD;
  const node00 = el.raanDeg[shell.start] * DEG2RAD + (nodeDot * (t0Ms - el.epochMs[shell.start])) / 1000;
  return {
    el,
    start: shell.start,
    count: shell.count,
    refLocal,
    track,
    periodS,
    uDot,
    nodeDot,
    incRad,
    radiusKm: rSum / nPeriod,
    u00,
    ...trueArgLatTimes(track, incRad, node00, nodeDot, u00, uDot),
  };
}

/**
 * Times at which the track's true argument of latitude (angle from the mean node in the mean
 * plane, which turns at nodeDot) passes each of U_TABLE + 1 even steps of 2 pi, starting from the
 * first step at or after the track start's value; times measured from the track start. The true
 * u runs ahead of and behind the mean u by the short-period J2 and long-period J3 terms (up to a
 * few km along track); the closed-form pairing uses these times instead of the mean rate.
 */
function trueArgLatTimes(
  tr: Track,
  incRad: number,
  node00: number,
  nodeDot: number,
  u00: number,
  uDot: number,
): { timeOfU: Float64Array; uTableBase: number } {
  const ci = Math.cos(incRad);
  const si = Math.sin(incRad);
  const uTrue = (j: number): number => {
    const t = j * tr.stepS;
    const o = node00 + nodeDot * t;
    const co = Math.cos(o);
    const so = Math.sin(o);
    const x = tr.pos[3 * j];
    const y = tr.pos[3 * j + 1];
    const z = tr.pos[3 * j + 2];
    // N = (cos o, sin o, 0), M = (-ci sin o, ci cos o, si)
    return Math.atan2(-ci * so * x + ci * co * y + si * z, co * x + so * y);
  };
  const out = new Float64Array(U_TABLE + 1);
  // unwrapped true u at every sample, near the mean u
  const n = tr.n;
  const u = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const mean = u00 + uDot * j * tr.stepS;
    let v = uTrue(j);
    v += TWO_PI * Math.round((mean - v) / TWO_PI);
    u[j] = v;
  }
  // table: grid value g_i = 2 pi i / U_TABLE + base, base = first grid line >= u[0]
  const step = TWO_PI / U_TABLE;
  const base = Math.ceil(u[0] / step) * step;
  let j = 0;
  for (let i = 0; i <= U_TABLE; i++) {
    const g = base + i * step;
    while (j < n - 2 && u[j + 1] < g) j++;
    const f = (g - u[j]) / (u[j + 1] - u[j]);
    out[i] = (j + f) * tr.stepS;
  }
  return { timeOfU: out, uTableBase: base };
}

/** Time (s from the track start, in [0, period)) at which the reference track's true u equals uRad (mod 2 pi). */
function timeAtTrueU(ctx: RigidContext, uRad: number): number {
  const step = TWO_PI / U_TABLE;
  let x = (uRad - ctx.uTableBase) / step;
  x -= U_TABLE * Math.floor(x / U_TABLE);
  const i = Math.min(U_TABLE - 1, Math.floor(x));
  const f = x - i;
  const t = ctx.timeOfU[i] + f * (ctx.timeOfU[i + 1] - ctx.timeOfU[i]);
  return wrapT(t, ctx.periodS);
}

/** Cubic Hermite position and velocity at offset tS seconds from the track start. */
function trackStateAt(tr: Track, tS: number, p: Float64Array, v: Float64Array): void {
  const x = tS / tr.stepS;
  let j = Math.floor(x);
  if (j < 0) j = 0;
  if (j > tr.n - 2) j = tr.n - 2;
  const s = x - j;
  const h = tr.stepS;
  const s2 = s * s;
  const s3 = s2 * s;
  const h00 = 2 * s3 - 3 * s2 + 1;
  const h10 = s3 - 2 * s2 + s;
  const h01 = -2 * s3 + 3 * s2;
  const h11 = s3 - s2;
  const d00 = (6 * s2 - 6 * s) / h;
  const d10 = 3 * s2 - 4 * s + 1;
  const d01 = (-6 * s2 + 6 * s) / h;
  const d11 = 3 * s2 - 2 * s;
  const a = 3 * j;
  const b = a + 3;
  const P = tr.pos;
  const V = tr.vel;
  for (let c = 0; c < 3; c++) {
    p[c] = h00 * P[a + c] + h10 * h * V[a + c] + h01 * P[b + c] + h11 * h * V[b + c];
    v[c] = d00 * P[a + c] + d10 * V[a + c] + d01 * P[b + c] + d11 * V[b + c];
  }
}

/**
 * Crossing geometry of two circular orbits of the same inclination whose nodes differ by dNode:
 * the angle gamma between the planes and the arguments of latitude at which each passes the line
 * where the planes cross (n_a x n_b). Writes [gamma, uCrossA, uCrossB] into out.
 */
export function crossingGeometry(incRad: number, dNode: number, out: Float64Array): void {
  const si = Math.sin(incRad);
  const ci = Math.cos(incRad);
  const sn = Math.sin(dNode);
  const cn = Math.cos(dNode);
  // n_a = (0, -si, ci) (node 0), n_b = (si sn, -si cn, ci)
  const lx = -si * ci + ci * si * cn; // (n_a x n_b).x = na.y nb.z - na.z nb.y
  const ly = ci * si * sn; // na.z nb.x - na.x nb.z
  const lz = si * si * sn; // na.x nb.y - na.y nb.x
  const cosG = si * si * cn + ci * ci;
  out[0] = Math.acos(cosG > 1 ? 1 : cosG < -1 ? -1 : cosG);
  // u at L in plane a: N_a = (1, 0, 0), M_a = (0, ci, si)
  out[1] = Math.atan2(ly * ci + lz * si, lx);
  // in plane b: N_b = (cn, sn, 0), M_b = (-ci sn, ci cn, si)
  out[2] = Math.atan2(-lx * ci * sn + ly * ci * cn + lz * si, lx * cn + ly * sn);
}

/**
 * Closed-form closest approach of two circular orbits of one radius r and one inclination whose
 * planes cross at angle gamma, with the satellites delta apart in arc from the crossing line
 * (delta = (u_a - u_b) - (uCross_a - uCross_b), constant for equal mean motions):
 *   d_min = 2 r |sin(delta / 2)| cos(gamma / 2),
 * reached when the two are symmetric about a crossing, u_a = uCross_a + delta / 2 (+ pi).
 * (From cos theta = cos s_a cos s_b + sin s_a sin s_b cos gamma with s_b = s_a - delta, the arcs
 * from the crossing.) docs/FEASIBILITY.md "Feasibility: closest approach".
 */
export function circularClosestKm(radiusKm: number, deltaRad: number, gammaRad: number): number {
  return 2 * radiusKm * Math.abs(Math.sin(deltaRad / 2)) * Math.cos(gammaRad / 2);
}

/**
 * Slack between the closed form and the closest approach on the SGP4 track, km: pairs whose
 * closed-form estimate exceeds the best found so far by more than this are not refined. The
 * short-period J2 and the J3 terms move a satellite up to a few km from the ideal circle, and at
 * a crossing the two satellites sit at u and pi - u, where these terms differ. The pairing uses
 * the track's true argument of latitude (timeAtTrueU), which takes the along-track part out; what
 * is left (the planes' short-period wobble) put the closed form at most 2.4 km above the refined
 * closest approach over every pair of the default shells, the Starlink-like shell and six other
 * Walker shells (test/unit/core/analysis/closestApproach.test.ts checks every pair of two shells).
 */
export const CLOSED_FORM_SLACK_KM = 10;
/** Pairs whose planes cross at a chord 2 r sin(gamma / 2) below this are sampled over the whole orbit. */
const COPLANAR_CHORD_KM = 60;

/**
 * Minimum over one period of |x_ref(t) - x_k(t)| for every other satellite k (the same answer as
 * rigidMinimumSampled, much faster): the closed form (circularClosestKm) ranks every pair and
 * gives the two times of its closest approach; pairs that can beat the best so far are refined on
 * the SGP4 track by Newton's method on d/dt |dx|^2 / 2 = dx . dv from both times. Pairs in nearly
 * the same plane (crossing chord below COPLANAR_CHORD_KM), where the closest approach need not be
 * at a crossing, are sampled over the whole orbit as rigidMinimumSampled does.
 */
export function rigidMinimum(
  ctx: RigidContext,
  duRad: Float64Array,
  dNodeRad: Float64Array,
  opts: { slackKm?: number; refineAll?: boolean; onPair?: (k: number, estKm: number, exactKm: number) => void } = {},
): { minKm: number; a: number; b: number; tS: number; refined: number } {
  const { track, periodS, uDot, nodeDot, count, incRad, radiusKm } = ctx;
  const slack = opts.slackKm ?? CLOSED_FORM_SLACK_KM;
  const pa = new Float64Array(3);
  const va = new Float64Array(3);
  const pb = new Float64Array(3);
  const vb = new Float64Array(3);
  const geo = new Float64Array(3);
  const m = SAMPLES_PER_PERIOD;
  const dt = periodS / m;
  const d2 = new Float64Array(m);
  const refPos = new Float64Array(3 * m);
  const n2 = (uDot * uDot) / 1; // mean motion squared, rad^2/s^2 (u rate ~ n)
  let best = Number.POSITIVE_INFINITY;
  let bestA = -1;
  let bestB = -1;
  let bestT = 0;
  let refined = 0;
  // per node difference the crossing geometry is the same: cache on the value
  let gNode = Number.NaN;
  let gGamma = 0;
  let gUa = 0;
  let gUb = 0;
  let gCosHalf = 1;
  let gTRa = 0;
  let gTRb = 0;
  let gTKa = 0;
  let gTKb = 0;
  for (const ref of ctx.refLocal) {
    const tauR = wrap2pi(duRad[ref] - duRad[0]) / uDot;
    const phiR = dNodeRad[ref] - dNodeRad[0] - nodeDot * tauR;
    const cr = Math.cos(phiR);
    const sr = Math.sin(phiR);
    let refFilled = false;
    gNode = Number.NaN;
    for (let k = 0; k < count; k++) {
      if (k === ref) continue;
      const tauK = wrap2pi(duRad[k] - duRad[0]) / uDot;
      const dNode = dNodeRad[k] - dNodeRad[ref];
      if (dNode !== gNode) {
        // per node difference (per plane): the crossing geometry and the reference's crossing times
        gNode = dNode;
        crossingGeometry(incRad, dNode, geo);
        gGamma = geo[0];
        gUa = geo[1];
        gUb = geo[2];
        gCosHalf = Math.cos(gGamma / 2);
        gTRa = wrapT(timeAtTrueU(ctx, gUa) - tauR, periodS);
        gTRb = wrapT(timeAtTrueU(ctx, gUa + Math.PI) - tauR, periodS);
        gTKa = timeAtTrueU(ctx, gUb);
        gTKb = timeAtTrueU(ctx, gUb + Math.PI);
      }
      // the times each passes the crossing line (true u on the track) give the arc between them there
      const tRa = gTRa;
      const tRb = gTRb;
      const lagA = wrapHalf(gTKa - tauK - tRa, periodS);
      const lagB = wrapHalf(gTKb - tauK - tRb, periodS);
      const sa = Math.abs(Math.sin((uDot * lagA) / 2));
      const sb = Math.abs(Math.sin((uDot * lagB) / 2));
      const est = 2 * radiusKm * (sa < sb ? sa : sb) * gCosHalf;
      if (!opts.refineAll && est > best + slack) continue;
      refined++;
      const phiK = dNodeRad[k] - dNodeRad[0] - nodeDot * tauK;
      const ck = Math.cos(phiK);
      const sk = Math.sin(phiK);
      const distAt = (t: number): number => {
        trackAt(track, t + tauR, pa);
        const ax = cr * pa[0] - sr * pa[1];
        const ay = sr * pa[0] + cr * pa[1];
        const az = pa[2];
        trackAt(track, t + tauK, pb);
        const dx = ax - (ck * pb[0] - sk * pb[1]);
        const dy = ay - (sk * pb[0] + ck * pb[1]);
        const dz = az - pb[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
      };
      let pairBest = Number.POSITIVE_INFINITY;
      let pairT = 0;
      if (2 * radiusKm * Math.sin(gGamma / 2) < COPLANAR_CHORD_KM) {
        // nearly coplanar: sample the whole orbit, refine the sampled minima (golden section)
        if (!refFilled) {
          for (let j = 0; j < m; j++) {
            trackAt(track, j * dt + tauR, pa);
            refPos[3 * j] = cr * pa[0] - sr * pa[1];
            refPos[3 * j + 1] = sr * pa[0] + cr * pa[1];
            refPos[3 * j + 2] = pa[2];
          }
          refFilled = true;
        }
        for (let j = 0; j < m; j++) {
          trackAt(track, j * dt + tauK, pb);
          const dx = refPos[3 * j] - (ck * pb[0] - sk * pb[1]);
          const dy = refPos[3 * j + 1] - (sk * pb[0] + ck * pb[1]);
          const dz = refPos[3 * j + 2] - pb[2];
          d2[j] = dx * dx + dy * dy + dz * dz;
        }
        for (let j = 0; j < m; j++) {
          const f2 = d2[j];
          if (f2 > d2[(j + m - 1) % m] || f2 > d2[(j + 1) % m]) continue;
          const r = goldenMin(distAt, (j - 1) * dt, (j + 1) * dt, periodS);
          const f = Math.min(r.f, Math.sqrt(f2));
          if (f < pairBest) {
            pairBest = f;
            pairT = r.t;
          }
        }
      } else {
        // the two crossings' times (midway between the passes), refined by Newton's method on the track
        for (let c = 0; c < 2; c++) {
          let t = wrapT(c === 0 ? tRa + lagA / 2 : tRb + lagB / 2, periodS);
          let f = Number.POSITIVE_INFINITY;
          for (let it = 0; it < 8; it++) {
            trackStateAt(track, t + tauR, pa, va);
            trackStateAt(track, t + tauK, pb, vb);
            const dx = cr * pa[0] - sr * pa[1] - (ck * pb[0] - sk * pb[1]);
            const dy = sr * pa[0] + cr * pa[1] - (sk * pb[0] + ck * pb[1]);
            const dz = pa[2] - pb[2];
            const dvx = cr * va[0] - sr * va[1] - (ck * vb[0] - sk * vb[1]);
            const dvy = sr * va[0] + cr * va[1] - (sk * vb[0] + ck * vb[1]);
            const dvz = va[2] - vb[2];
            const g = dx * dvx + dy * dvy + dz * dvz;
            const dv2 = dvx * dvx + dvy * dvy + dvz * dvz;
            const dx2 = dx * dx + dy * dy + dz * dz;
            f = Math.sqrt(dx2);
            // g' = |dv|^2 + dx . da, with da ~ -n^2 dx for two satellites on one radius
            let gp = dv2 - n2 * dx2;
            if (!(gp > 0.25 * dv2)) gp = dv2;
            if (!(gp > 0)) break;
            const step = g / gp;
            t = wrapT(t - step, periodS);
            if (Math.abs(step) < 1e-4) break;
          }
          const fEnd = distAt(t);
          if (fEnd < f) f = fEnd;
          if (f < pairBest) {
            pairBest = f;
            pairT = t;
          }
        }
      }
      opts.onPair?.(k, est, pairBest);
      if (pairBest < best) {
        best = pairBest;
        bestA = ref;
        bestB = k;
        bestT = pairT;
      }
    }
  }
  return { minKm: best, a: bestA, b: bestB, tS: bestT, refined };
}

/** Golden-section minimum of a unimodal f on [lo, hi], until the bracket is under `tol` (at most `maxIter` steps). */
function goldenSection(f: (t: number) => number, lo: number, hi: number, tol: number, maxIter: number): { f: number; t: number } {
  const g = 0.3819660112501051;
  let x1 = lo + g * (hi - lo);
  let x2 = hi - g * (hi - lo);
  let g1 = f(x1);
  let g2 = f(x2);
  for (let it = 0; it < maxIter && hi - lo > tol; it++) {
    if (g1 < g2) {
      hi = x2;
      x2 = x1;
      g2 = g1;
      x1 = lo + g * (hi - lo);
      g1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      g1 = g2;
      x2 = hi - g * (hi - lo);
      g2 = f(x2);
    }
  }
  return g1 < g2 ? { f: g1, t: x1 } : { f: g2, t: x2 };
}

/** Golden-section minimum of f on [lo, hi] (times wrapped into [0, period)), to 1e-3 s. */
function goldenMin(f: (t: number) => number, lo: number, hi: number, periodS: number): { f: number; t: number } {
  const r = goldenSection((t) => f(wrapT(t, periodS)), lo, hi, 1e-3, 40);
  return { f: r.f, t: wrapT(r.t, periodS) };
}

/**
 * Minimum over one period of |x_ref(t) - x_k(t)| for every other satellite k, with phase offsets
 * `duRad` (per shell-local satellite: u_k - u_0 at epoch, rad) and node offsets `dNodeRad`.
 */
export function rigidMinimumSampled(
  ctx: RigidContext,
  duRad: Float64Array,
  dNodeRad: Float64Array,
): { minKm: number; a: number; b: number; tS: number } {
  const { track, periodS, uDot, nodeDot, count } = ctx;
  const pa = new Float64Array(3);
  const pb = new Float64Array(3);
  let best = Number.POSITIVE_INFINITY;
  let bestA = -1;
  let bestB = -1;
  let bestT = 0;
  const m = SAMPLES_PER_PERIOD;
  const dt = periodS / m;
  const d2 = new Float64Array(m);
  const refPos = new Float64Array(3 * m);
  for (const ref of ctx.refLocal) {
    // the reference of this pass: x_ref(t) = Rz(phi_r) x_0(t + tau_r)
    const tauR = wrap2pi(duRad[ref] - duRad[0]) / uDot;
    const phiR = dNodeRad[ref] - dNodeRad[0] - nodeDot * tauR;
    const cr = Math.cos(phiR);
    const sr = Math.sin(phiR);
    for (let j = 0; j < m; j++) {
      trackAt(track, j * dt + tauR, pa);
      refPos[3 * j] = cr * pa[0] - sr * pa[1];
      refPos[3 * j + 1] = sr * pa[0] + cr * pa[1];
      refPos[3 * j + 2] = pa[2];
    }
    for (let k = 0; k < count; k++) {
      if (k === ref) continue;
      const tauK = wrap2pi(duRad[k] - duRad[0]) / uDot;
      const phiK = dNodeRad[k] - dNodeRad[0] - nodeDot * tauK;
      const ck = Math.cos(phiK);
      const sk = Math.sin(phiK);
      const distAt = (t: number): number => {
        trackAt(track, t + tauR, pa);
        const ax = cr * pa[0] - sr * pa[1];
        const ay = sr * pa[0] + cr * pa[1];
        const az = pa[2];
        trackAt(track, t + tauK, pb);
        const dx = ax - (ck * pb[0] - sk * pb[1]);
        const dy = ay - (sk * pb[0] + ck * pb[1]);
        const dz = az - pb[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
      };
      // coarse squared distances (reference positions precomputed)
      for (let j = 0; j < m; j++) {
        trackAt(track, j * dt + tauK, pb);
        const dx = refPos[3 * j] - (ck * pb[0] - sk * pb[1]);
        const dy = refPos[3 * j + 1] - (sk * pb[0] + ck * pb[1]);
        const dz = refPos[3 * j + 2] - pb[2];
        d2[j] = dx * dx + dy * dy + dz * dz;
      }
      for (let j = 0; j < m; j++) {
        const f2 = d2[j];
        const f1 = d2[(j + m - 1) % m];
        const f3 = d2[(j + 1) % m];
        if (f2 > f1 || f2 > f3) continue;
        // d^2 is quadratic in t for straight-line relative motion: its vertex through the three samples
        // estimates the minimum; refine only minima that can beat the best so far (20 km or 20 % slack
        // for the curvature of the relative path over two samples)
        const curv = f1 + f3 - 2 * f2;
        const est = curv > 0 ? Math.max(0, f2 - ((f3 - f1) * (f3 - f1)) / (8 * curv)) : f2;
        const slack = Math.max(20, 0.2 * best);
        if (Number.isFinite(best) && Math.sqrt(est) > best + slack) continue;
        const r = goldenMin(distAt, (j - 1) * dt, (j + 1) * dt, periodS);
        const f = Math.min(r.f, Math.sqrt(f2));
        if (f < best) {
          best = f;
          bestA = ref;
          bestB = k;
          bestT = r.t;
        }
      }
    }
  }
  return { minKm: best, a: bestA, b: bestB, tS: bestT };
}

/** t wrapped into [-p/2, p/2). */
const wrapHalf = (t: number, p: number): number => t - p * Math.floor(t / p + 0.5);

const wrapT = (t: number, p: number): number => {
  const r = t % p;
  return r < 0 ? r + p : r;
};

/** Phase (u = M + omega) and node offsets of a shell's satellites from its first, rad. */
export function rigidOffsets(el: ElementColumns, start: number, count: number): { du: Float64Array; dNode: Float64Array } {
  const du = new Float64Array(count);
  const dNode = new Float64Array(count);
  const u0 = (el.meanAnomalyDeg[start] + el.argPerigeeDeg[start]) * DEG2RAD;
  const n0 = el.raanDeg[start] * DEG2RAD;
  for (let k = 0; k < count; k++) {
    du[k] = wrap2pi((el.meanAnomalyDeg[start + k] + el.argPerigeeDeg[start + k]) * DEG2RAD - u0);
    dNode[k] = el.raanDeg[start + k] * DEG2RAD - n0;
  }
  return { du, dNode };
}

/** Altitude band of a rigid shell from the reference track over one period, km above the WGS-72 radius. */
function trackBand(tr: Track, periodS: number): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const n = Math.min(tr.n, Math.ceil(periodS / tr.stepS) + 1);
  for (let j = 0; j < n; j++) {
    const r = Math.hypot(tr.pos[3 * j], tr.pos[3 * j + 1], tr.pos[3 * j + 2]);
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  return [lo - R_WGS72, hi - R_WGS72];
}

export interface ClosestApproachOptions {
  /** Start of the orbit, Unix ms (default: the first satellite's epoch). */
  startMs?: number;
  /** Keep-out distance, km: sets the screening radius for non-rigid shells. */
  keepOutKm?: number;
  /** Plane slots span an arc (cluster) rather than the whole circle. */
  arcOnly?: boolean;
  /** Upper bound on candidate pairs refined in screening (closest first). */
  maxRefine?: number;
  /** Imported shells with more objects are not screened (default MAX_SCREENED_IMPORTED). */
  maxScreenedImported?: number;
}

/**
 * Imported shells above this many objects are not grid-screened: the screening costs ~0.4 ms of CPU
 * per object per orbit on these machines (the 25,975-object 2022 catalogue ~9-12 s, a 100,000-object
 * imported Walker set ~42 s), too much for every analytic run. Their separation check is left open
 * and a note says so.
 */
export const MAX_SCREENED_IMPORTED = 30_000;

/** Closest approach within one shell of the fleet. */
export function shellClosestApproach(fleet: Fleet, shell: FleetShell, opts: ClosestApproachOptions = {}): ClosestApproach {
  const el = fleet.elements;
  const none: ClosestApproach = {
    minSeparationKm: Number.NaN,
    pair: null,
    timeMs: Number.NaN,
    method: 'none',
    lowerBound: false,
    altitudeMinKm: Number.NaN,
    altitudeMaxKm: Number.NaN,
  };
  if (shell.count < 1) return none;
  const t0 = opts.startMs ?? el.epochMs[shell.start];
  if (shell.kind !== 'imported' && isRigidPattern(el, shell.start, shell.count)) {
    const ctx = rigidContext(fleet, shell, t0, opts.arcOnly ?? false);
    const [lo, hi] = trackBand(ctx.track, ctx.periodS);
    if (shell.count < 2) return { ...none, altitudeMinKm: lo, altitudeMaxKm: hi, method: 'rigid-pattern' };
    const { du, dNode } = rigidOffsets(el, shell.start, shell.count);
    const r = rigidMinimum(ctx, du, dNode);
    return {
      minSeparationKm: r.minKm,
      pair: [r.a, r.b],
      timeMs: t0 + r.tS * 1000,
      method: 'rigid-pattern',
      lowerBound: false,
      altitudeMinKm: lo,
      altitudeMaxKm: hi,
    };
  }
  if (shell.count > (opts.maxScreenedImported ?? MAX_SCREENED_IMPORTED)) return { ...none, method: 'not-screened' };
  return screenShell(fleet, shell, t0, opts);
}

/** Satellites (shell-local `idx`) flown at SGP4 knots every k screening steps, Hermite in between. */
function knotGroup(el: ElementColumns, start: number, idx: number[], k: number, t0: number) {
  const m = idx.length;
  const sub = allocElementColumns(m);
  for (const f of ELEMENT_FLOAT_FIELDS) for (let i = 0; i < m; i++) sub[f][i] = el[f][start + idx[i]];
  for (const f of ELEMENT_INT_FIELDS) for (let i = 0; i < m; i++) sub[f][i] = el[f][start + idx[i]];
  const batch = m > 0 ? initSgp4Batch(sub, 0, m) : null;
  const hS = k * SCREEN_STEP_S;
  const pA = new Float64Array(3 * m);
  const vA = new Float64Array(3 * m);
  const eA = new Uint8Array(m);
  const pB = new Float64Array(3 * m);
  const vB = new Float64Array(3 * m);
  const eB = new Uint8Array(m);
  let knot = -1;
  return {
    idx,
    /** Positions at screening step st into pos (3 per shell-local satellite), error flags into err. */
    fill(st: number, pos: Float64Array, err: Uint8Array): void {
      if (!batch) return;
      const kn = Math.floor(st / k);
      if (kn !== knot) {
        if (kn === knot + 1 && knot >= 0) {
          pA.set(pB);
          vA.set(vB);
          eA.set(eB);
        } else propagateBatch(batch, t0 + kn * hS * 1000, pA, vA, eA);
        propagateBatch(batch, t0 + (kn + 1) * hS * 1000, pB, vB, eB);
        knot = kn;
      }
      const f = (st - kn * k) / k;
      const f2 = f * f;
      const f3 = f2 * f;
      const h00 = 2 * f3 - 3 * f2 + 1;
      const h10 = (f3 - 2 * f2 + f) * hS;
      const h01 = -2 * f3 + 3 * f2;
      const h11 = (f3 - f2) * hS;
      for (let i = 0; i < m; i++) {
        const o = 3 * idx[i];
        const a = 3 * i;
        if (f === 0) {
          pos[o] = pA[a];
          pos[o + 1] = pA[a + 1];
          pos[o + 2] = pA[a + 2];
          err[idx[i]] = eA[i];
        } else {
          for (let c = 0; c < 3; c++) pos[o + c] = h00 * pA[a + c] + h10 * vA[a + c] + h01 * pB[a + c] + h11 * vB[a + c];
          err[idx[i]] = eA[i] | eB[i];
        }
      }
    },
  };
}

/**
 * The `capacity` pairs with the smallest distances offered so far, each pair at its smallest
 * offered distance (and the time of it): a max-heap on typed arrays plus a map from pair key to
 * heap slot, so memory stays O(capacity) however many pairs are offered. A pair among the
 * `capacity` smallest at the end is in the heap: when its best sample was offered, fewer than
 * `capacity` pairs had smaller ones, and only smaller samples ever push it out.
 */
export class CandidateHeap {
  size = 0;
  private readonly key: Float64Array;
  private readonly dist: Float64Array;
  private readonly time: Float64Array;
  private readonly slotOf = new Map<number, number>();
  constructor(readonly capacity: number) {
    this.key = new Float64Array(capacity);
    this.dist = new Float64Array(capacity);
    this.time = new Float64Array(capacity);
  }
  offer(pairKey: number, d: number, tMs: number): void {
    if (this.capacity <= 0) return;
    if (this.size === this.capacity && d >= this.dist[0]) return; // not closer than the farthest kept
    const at = this.slotOf.get(pairKey);
    if (at !== undefined) {
      if (d < this.dist[at]) {
        this.dist[at] = d;
        this.time[at] = tMs;
        this.down(at);
      }
      return;
    }
    let k: number;
    if (this.size < this.capacity) {
      k = this.size++;
      this.put(k, pairKey, d, tMs);
      this.up(k);
    } else {
      this.slotOf.delete(this.key[0]);
      this.put(0, pairKey, d, tMs);
      this.down(0);
    }
  }
  /** [pair key, distance, time] by increasing distance. */
  sorted(): Array<[number, number, number]> {
    const out: Array<[number, number, number]> = [];
    for (let k = 0; k < this.size; k++) out.push([this.key[k], this.dist[k], this.time[k]]);
    return out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  }
  private put(k: number, pairKey: number, d: number, tMs: number): void {
    this.key[k] = pairKey;
    this.dist[k] = d;
    this.time[k] = tMs;
    this.slotOf.set(pairKey, k);
  }
  private swap(a: number, b: number): void {
    const ka = this.key[a];
    const da = this.dist[a];
    const ta = this.time[a];
    this.put(a, this.key[b], this.dist[b], this.time[b]);
    this.put(b, ka, da, ta);
  }
  private up(k: number): void {
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (this.dist[p] >= this.dist[k]) return;
      this.swap(p, k);
      k = p;
    }
  }
  private down(k: number): void {
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < this.size && this.dist[l] > this.dist[m]) m = l;
      if (r < this.size && this.dist[r] > this.dist[m]) m = r;
      if (m === k) return;
      this.swap(m, k);
      k = m;
    }
  }
}

/** Spatial-grid screening over one orbit (see the module comment). */
function screenShell(fleet: Fleet, shell: FleetShell, t0: number, opts: ClosestApproachOptions): ClosestApproach {
  const el = fleet.elements;
  const n = shell.count;
  // one orbit: the median period of the shell
  const periods = new Float64Array(n);
  for (let i = 0; i < n; i++) periods[i] = 86400 / el.meanMotionRevPerDay[shell.start + i];
  periods.sort();
  const periodS = Number.isFinite(periods[n >> 1]) ? periods[n >> 1] : 5400;
  const steps = Math.max(2, Math.ceil(periodS / SCREEN_STEP_S) + 1);
  // between samples a pair closes at most v_rel,max h / 2: every pair whose closest approach is
  // below D shows a sample within D + slack. D is the keep-out at first and shrinks to the best
  // sampled distance U (an upper bound of the minimum) as the screening finds closer pairs.
  const slack = (V_REL_MAX_KM_S * SCREEN_STEP_S) / 2 + 2;
  const floorKm = Math.max(opts.keepOutKm ?? 1, 50);
  const radius0 = floorKm + slack;
  // cells at least twice the search radius: a sphere of that radius around a point lies in the
  // 2 x 2 x 2 block of cells on the point's side of its cell, so 8 cells are probed instead of 27
  let cell = 2 * radius0;
  const pos = new Float64Array(3 * n);
  const err = new Uint8Array(n);
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const keys = new Int32Array(size);
  const heads = new Int32Array(size);
  const next = new Int32Array(n);
  // the maxRefine pairs with the smallest sampled distance so far (each pair's best sample), a
  // max-heap on typed arrays: a dense imported shell meets ~10^8 distinct pairs in one orbit (a
  // 100,000-object Walker set overflowed a Map of every pair), and only the closest are refined
  const cands = new CandidateHeap(opts.maxRefine ?? 2000);
  let altLo = Number.POSITIVE_INFINITY;
  let altHi = Number.NEGATIVE_INFINITY;
  let upper = Number.POSITIVE_INFINITY; // best sampled distance so far
  // integer cell coordinates, 10 bits each (cells beyond +-512 are clamped: extra candidates, never missed pairs)
  const EMPTY = -1;
  const cellOf = (x: number): number => {
    const c = Math.floor(x / cell);
    return c < -511 ? -511 : c > 510 ? 510 : c;
  };
  const pack = (ix: number, iy: number, iz: number): number => ((ix + 512) << 20) | ((iy + 512) << 10) | (iz + 512);
  const slot = (key: number): number => {
    let h = Math.imul(key, 0x9e3779b1);
    h ^= h >>> 15;
    return h & (size - 1);
  };
  const cx = new Int32Array(n);
  const cy = new Int32Array(n);
  const cz = new Int32Array(n);
  // SGP4 at knots, cubic Hermite between them (positions and velocities at both knots): knots every
  // 60 s for near-Earth objects (well under a metre in LEO), every 300 s for deep-space ones
  // (period >= 225 min: satellite.js's SDP4, ~100x the cost; below a km even at a Molniya perigee)
  const near: number[] = [];
  const deep: number[] = [];
  for (let i = 0; i < n; i++) (el.meanMotionRevPerDay[shell.start + i] < 6.4 ? deep : near).push(i);
  const groups = [
    knotGroup(el, shell.start, near, SCREEN_KNOT_STEPS, t0),
    knotGroup(el, shell.start, deep, SCREEN_DEEP_KNOT_STEPS, t0),
  ].filter((g) => g.idx.length > 0);
  for (let st = 0; st < steps; st++) {
    const t = t0 + st * SCREEN_STEP_S * 1000;
    for (const g of groups) g.fill(st, pos, err);
    // the search radius of this step (it shrinks with the best sampled distance) sets the cells
    const radius = Math.min(radius0, upper + slack);
    const r2 = radius * radius;
    cell = 2 * radius;
    keys.fill(EMPTY);
    for (let i = 0; i < n; i++) {
      if (err[i] !== 0) continue;
      const x = pos[3 * i];
      const y = pos[3 * i + 1];
      const z = pos[3 * i + 2];
      const r = Math.sqrt(x * x + y * y + z * z) - R_WGS72;
      if (r < altLo) altLo = r;
      if (r > altHi) altHi = r;
      const ix = cellOf(x);
      const iy = cellOf(y);
      const iz = cellOf(z);
      cx[i] = ix;
      cy[i] = iy;
      cz[i] = iz;
      const key = pack(ix, iy, iz);
      let h = slot(key);
      while (keys[h] !== EMPTY && keys[h] !== key) h = (h + 1) & (size - 1);
      if (keys[h] === EMPTY) {
        keys[h] = key;
        heads[h] = -1;
      }
      next[i] = heads[h];
      heads[h] = i;
    }
    for (let i = 0; i < n; i++) {
      if (err[i] !== 0) continue;
      const x = pos[3 * i];
      const y = pos[3 * i + 1];
      const z = pos[3 * i + 2];
      // the neighbour block: this cell and the one on the point's side along each axis
      const sx = x - cx[i] * cell < cell / 2 ? -1 : 1;
      const sy = y - cy[i] * cell < cell / 2 ? -1 : 1;
      const sz = z - cz[i] * cell < cell / 2 ? -1 : 1;
      for (let b = 0; b < 8; b++) {
        const key = pack(cx[i] + (b & 1 ? sx : 0), cy[i] + (b & 2 ? sy : 0), cz[i] + (b & 4 ? sz : 0));
        let h = slot(key);
        while (keys[h] !== EMPTY && keys[h] !== key) h = (h + 1) & (size - 1);
        if (keys[h] !== key) continue;
        for (let j = heads[h]; j >= 0; j = next[j]) {
          if (j <= i) continue;
          const ddx = pos[3 * j] - x;
          const ddy = pos[3 * j + 1] - y;
          const ddz = pos[3 * j + 2] - z;
          const dd = ddx * ddx + ddy * ddy + ddz * ddz;
          if (dd >= r2) continue;
          const d = Math.sqrt(dd);
          if (d < upper) upper = d;
          cands.offer(i * n + j, d, t);
        }
      }
    }
  }
  const band = { altitudeMinKm: altLo, altitudeMaxKm: altHi };
  if (n < 2) return { minSeparationKm: Number.NaN, pair: null, timeMs: Number.NaN, method: 'grid-screening', lowerBound: false, ...band };
  if (cands.size === 0)
    return { minSeparationKm: floorKm, pair: null, timeMs: Number.NaN, method: 'grid-screening', lowerBound: true, ...band };
  // refine the candidates that can still beat the best sampled distance, closest first (a budget of
  // maxRefine pairs; the early break below usually stops far sooner)
  const list = cands.sorted().filter((e) => e[1] < upper + slack);
  let best = Number.POSITIVE_INFINITY;
  let bestPair: [number, number] = [0, 0];
  let bestT = Number.NaN;
  const pa = new Float64Array(3);
  const pb = new Float64Array(3);
  const va = new Float64Array(3);
  const e1 = new Uint8Array(1);
  for (const [pk, dSample, tc] of list) {
    // nothing can beat a pair at the same place (duplicated element sets), nor a sample farther than the best plus the slack
    if (best <= 0 || dSample - slack > best) break;
    const i = Math.floor(pk / n);
    const j = pk - i * n;
    const bi = initSgp4Batch(el, shell.start + i, shell.start + i + 1);
    const bj = initSgp4Batch(el, shell.start + j, shell.start + j + 1);
    const f = (tMs: number): number => {
      propagateBatch(bi, tMs, pa, va, e1);
      propagateBatch(bj, tMs, pb, va, e1);
      return Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]);
    };
    const r = goldenSection(f, tc - SCREEN_STEP_S * 1000, tc + SCREEN_STEP_S * 1000, 1, 50);
    const d = Math.min(r.f, dSample);
    if (d < best) {
      best = d;
      bestPair = [i, j];
      bestT = r.t;
    }
  }
  return { minSeparationKm: best, pair: bestPair, timeMs: bestT, method: 'grid-screening', lowerBound: false, ...band };
}

/** Satellites x F values under which every F of the phasing search is checked by a full pass. */
export const PHASING_EXACT_BUDGET = 200_000;
/** F values refined by a full pass when the shell is larger (the best by the closed form). */
const PHASING_REFINED = 3;

/**
 * Walker phasing search: the F in [0, P) that maximises the closest approach of a rigid
 * generated shell whose planes' slots go all round the orbit (Walker delta, or a dawn-dusk shell
 * without an arc), on the same reference track with the phase offsets re-derived per F.
 * Every F is ranked by the closed form (circularClosestKm at both crossings of every plane against
 * plane 0, the nearest slot found from the slot spacing: O(P) per F); for small shells
 * (count x P <= PHASING_EXACT_BUDGET) every F is then checked by a full pass, otherwise the
 * PHASING_REFINED best by the closed form and the current F are. `minKmByF` holds the full-pass
 * minimum where one ran and the closed-form one elsewhere (`exactByF` says which).
 */
export function bestPhasing(
  fleet: Fleet,
  shell: FleetShell,
  currentF: number,
  startMs?: number,
  opts: { exhaustive?: boolean; currentMinKm?: number } = {},
): { bestF: number; bestMinKm: number; minKmByF: Float64Array; exactByF: Uint8Array } | null {
  const el = fleet.elements;
  if (shell.planes < 2 || shell.satellitesPerPlane < 1 || shell.count !== shell.planes * shell.satellitesPerPlane) return null;
  if (shell.kind !== 'walker-delta' && shell.kind !== 'sso-dawn-dusk') return null;
  if (!isRigidPattern(el, shell.start, shell.count)) return null;
  const ctx = rigidContext(fleet, shell, startMs ?? el.epochMs[shell.start], false);
  const { du, dNode } = rigidOffsets(el, shell.start, shell.count);
  const per = shell.satellitesPerPlane;
  // slots must go all round the orbit (even spacing 2 pi / S)
  if (per > 1 && Math.abs(wrap2pi(du[1] - du[0]) - TWO_PI / per) > 1e-9) return null;
  const total = shell.count;
  const P = shell.planes;
  const { uDot, periodS, incRad, radiusKm } = ctx;
  const q = TWO_PI / per;
  // per plane j (against plane 0): crossing times of satellite 0 and of slot 0 of plane j
  // (at the current F), the crossing angle
  const geo = new Float64Array(3);
  const tR = new Float64Array(2 * P);
  const tK = new Float64Array(2 * P);
  const cosHalf = new Float64Array(P);
  for (let j = 1; j < P; j++) {
    crossingGeometry(incRad, dNode[j * per] - dNode[0], geo);
    cosHalf[j] = Math.cos(geo[0] / 2);
    const tau = du[j * per] / uDot;
    tR[2 * j] = timeAtTrueU(ctx, geo[1]);
    tR[2 * j + 1] = timeAtTrueU(ctx, geo[1] + Math.PI);
    tK[2 * j] = timeAtTrueU(ctx, geo[2]) - tau;
    tK[2 * j + 1] = timeAtTrueU(ctx, geo[2] + Math.PI) - tau;
  }
  const sameplane = per > 1 ? 2 * radiusKm * Math.sin(Math.PI / per) : Number.POSITIVE_INFINITY;
  const minKmByF = new Float64Array(P);
  const exactByF = new Uint8Array(P);
  for (let f = 0; f < P; f++) {
    let worst = sameplane;
    for (let j = 1; j < P; j++) {
      // F - currentF moves plane j's slots by j (F - F0) 2 pi / T ahead: they pass a point that much earlier
      const shift = (j * (f - currentF) * TWO_PI) / total / uDot;
      for (let c = 0; c < 2; c++) {
        const phi = uDot * wrapHalf(tK[2 * j + c] - shift - tR[2 * j + c], periodS);
        const r = phi - q * Math.round(phi / q);
        const d = 2 * radiusKm * Math.abs(Math.sin(r / 2)) * cosHalf[j];
        if (d < worst) worst = d;
      }
    }
    minKmByF[f] = worst;
  }
  const order = Array.from({ length: P }, (_, f) => f);
  const exactAll = opts.exhaustive ?? total * P <= PHASING_EXACT_BUDGET;
  const toCheck = exactAll ? order : [...order.sort((a, b) => minKmByF[b] - minKmByF[a]).slice(0, PHASING_REFINED), currentF];
  const duF = new Float64Array(total);
  let bestF = currentF;
  let bestMin = Number.NEGATIVE_INFINITY;
  for (const f of new Set(toCheck)) {
    if (f === currentF && opts.currentMinKm !== undefined && !exactAll) {
      // the shell's own pass already gave the current F's closest approach
      minKmByF[f] = opts.currentMinKm;
      exactByF[f] = 1;
      if (opts.currentMinKm > bestMin + 1e-9 || (Math.abs(opts.currentMinKm - bestMin) <= 1e-9 && f < bestF)) {
        bestMin = opts.currentMinKm;
        bestF = f;
      }
      continue;
    }
    for (let k = 0; k < total; k++) {
      const plane = Math.floor(k / per);
      duF[k] = wrap2pi(du[k] + (plane * (f - currentF) * TWO_PI) / total);
    }
    const r = rigidMinimum(ctx, duF, dNode);
    minKmByF[f] = r.minKm;
    exactByF[f] = 1;
    if (r.minKm > bestMin + 1e-9 || (Math.abs(r.minKm - bestMin) <= 1e-9 && f < bestF)) {
      bestMin = r.minKm;
      bestF = f;
    }
  }
  return { bestF, bestMinKm: bestMin, minKmByF, exactByF };
}
