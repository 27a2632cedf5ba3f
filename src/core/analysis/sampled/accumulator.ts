/**
 * The per-satellite running sums of a sampled pass, defined once (SAMPLED_SUM_COLUMNS): the
 * accumulator a shard adds steps into, the sums a worker hands back, and their merge into one
 * whole-range set all come from this list. A new sum is one line there.
 */
import { SPEED_OF_LIGHT_KM_PER_S, SUN_RADIUS_KM } from '../../constants';
import { conicalShadowFractionPre, ECLIPSE_EARTH_RADIUS_KM } from '../../physics/eclipse';
import { sunPositionKm } from '../../physics/sun';
import { gmstRad, julianDateFromMs } from '../../physics/time';
import { METRIC_FLAGS } from '../types';
import type { StationSet } from './stations';
import { releaseNow } from '../../platform';

/** Each per-satellite sum and its array type. */
export const SAMPLED_SUM_COLUMNS = {
  /** Sum of the conical shadow fraction over valid steps. */
  shadowSum: Float64Array,
  /** Steps with a valid state. */
  validSteps: Uint32Array,
  /** Steps with at least one station above its mask. */
  inViewSteps: Uint32Array,
  /** Sum of the one-way latency to the nearest visible station, ms. */
  directLatencySumMs: Float64Array,
  /** Routed (ISL) latency sums and the routed steps with a path, when routing ran. */
  routedSumMs: Float64Array,
  routedSteps: Uint32Array,
  /** METRIC_FLAGS bits seen at any step (propagationError). */
  flags: Uint8Array,
} as const;

type SumColumns = typeof SAMPLED_SUM_COLUMNS;
export type SampledSumColumn = keyof SumColumns;
const SUM_KEYS = Object.keys(SAMPLED_SUM_COLUMNS) as SampledSumColumn[];

/** The sums of a sampled pass over fleet ids [start, start + count) (row k = id start + k). */
export type SampledSums = { start: number; count: number; routedStepsTotal: number } & {
  [K in SampledSumColumn]: InstanceType<SumColumns[K]>;
};

/** Sums plus the scratch one shard needs to add steps. */
export interface SampledAccumulator extends SampledSums {
  stations: StationSet;
  /** Scratch: station ECI positions and up vectors at the current step. */
  stationEci: Float64Array;
  stationUpEci: Float64Array;
  sunKm: Float64Array;
  /** Scratch: the stations a block of rows may see (accumulateStep): ECI positions, up vectors, sin(mask). */
  candidateEci: Float64Array;
  candidateUpEci: Float64Array;
  candidateSinMask: Float64Array;
  /** Scratch: the centre of the current block's box. */
  blockCentreKm: Float64Array;
  /** Whether the block pre-test is in use, and steps since that was chosen. */
  blocked: boolean;
  stepsSinceLayoutCheck: number;
}

/** Zeroed sums for `count` rows from fleet id `start`. */
export function createSampledSums(start: number, count: number): SampledSums {
  const s: Record<string, unknown> = { start, count, routedStepsTotal: 0 };
  for (const k of SUM_KEYS) s[k] = new SAMPLED_SUM_COLUMNS[k](count);
  return s as SampledSums;
}

export function createSampledAccumulator(start: number, count: number, stations: StationSet): SampledAccumulator {
  return {
    ...createSampledSums(start, count),
    stations,
    stationEci: new Float64Array(3 * stations.count),
    stationUpEci: new Float64Array(3 * stations.count),
    sunKm: new Float64Array(3),
    candidateEci: new Float64Array(3 * stations.count),
    candidateUpEci: new Float64Array(3 * stations.count),
    candidateSinMask: new Float64Array(stations.count),
    blockCentreKm: new Float64Array(3),
    blocked: false,
    stepsSinceLayoutCheck: 0,
  };
}

/** Just the sums of an accumulator (what a worker hands back; the arrays are not copied). */
export function sumsOf(acc: SampledSums): SampledSums {
  const s: Record<string, unknown> = { start: acc.start, count: acc.count, routedStepsTotal: acc.routedStepsTotal };
  for (const k of SUM_KEYS) s[k] = acc[k];
  return s as SampledSums;
}

/**
 * Shards' sums (disjoint, inside [start, start + count)) placed into one set. A single part
 * covering the whole range is returned as it is. routedStepsTotal is the same in every shard.
 */
export function mergeSampledSums(start: number, count: number, parts: readonly SampledSums[]): SampledSums {
  if (parts.length === 1 && parts[0].start === start && parts[0].count === count) return parts[0];
  const out = createSampledSums(start, count);
  for (const p of parts) {
    for (const k of SUM_KEYS) (out[k] as Float64Array).set(p[k] as Float64Array, p.start - start);
    out.routedStepsTotal = p.routedStepsTotal;
  }
  return out;
}

/** Free the arrays of sums nobody reads any more (../../platform releaseNow). */
export function releaseSums(s: SampledSums): void {
  for (const k of SUM_KEYS) releaseNow(s[k]);
}

const MS_PER_KM = 1000 / SPEED_OF_LIGHT_KM_PER_S;

/** Consecutive rows tested together against each ground station before the per-satellite test (accumulateStep). */
export const STATION_BLOCK = 8;
/** Slack of the block pre-test, km: rounding in it is ~1e-8 km, so no visible satellite is ever skipped. */
const STATION_BLOCK_MARGIN_KM = 1e-3;
/** Blocks wider than this (half the box diagonal, km) skip the pre-test: it would pass every station anyway. */
const STATION_BLOCK_MAX_HALF_DIAGONAL_KM = 2000;

/**
 * Add one step: states of the accumulator's satellites at `timeMs` (row k of the arrays is
 * satellite start + k). If `directLatencyOutMs` is given, row k receives this step's one-way
 * latency to the nearest visible station (Infinity when none is in view or the state failed).
 */
export function accumulateStep(
  acc: SampledAccumulator,
  timeMs: number,
  positionKm: Float64Array,
  error: Uint8Array,
  directLatencyOutMs?: Float64Array,
): void {
  const jd = julianDateFromMs(timeMs);
  const sun = sunPositionKm(jd, acc.sunKm);
  const sunDist = Math.hypot(sun[0], sun[1], sun[2]);
  const ux = sun[0] / sunDist;
  const uy = sun[1] / sunDist;
  const uz = sun[2] / sunDist;
  const sunAngRad = Math.asin(SUN_RADIUS_KM / sunDist);
  const cosS = Math.cos(sunAngRad);
  const sinS = Math.sin(sunAngRad);
  const earthR = ECLIPSE_EARTH_RADIUS_KM;
  // stations: ECEF -> ECI (TEME) by a rotation of GMST about z (satellite.js ecfToEci convention)
  const th = gmstRad(jd);
  const ct = Math.cos(th);
  const st = Math.sin(th);
  const st3 = acc.stations;
  const gE = acc.stationEci;
  const gU = acc.stationUpEci;
  const nS = st3.count;
  for (let s = 0; s < nS; s++) {
    const x = st3.ecefKm[3 * s],
      y = st3.ecefKm[3 * s + 1];
    gE[3 * s] = ct * x - st * y;
    gE[3 * s + 1] = st * x + ct * y;
    gE[3 * s + 2] = st3.ecefKm[3 * s + 2];
    const ux2 = st3.upEcef[3 * s],
      uy2 = st3.upEcef[3 * s + 1];
    gU[3 * s] = ct * ux2 - st * uy2;
    gU[3 * s + 1] = st * ux2 + ct * uy2;
    gU[3 * s + 2] = st3.upEcef[3 * s + 2];
  }
  const sinMask = st3.sinMask;
  const n = acc.count;
  const sky: SkyAtStep = { ux, uy, uz, sunAngRad, cosS, sinS, earthR };
  // The block pre-test pays where consecutive rows are close (generated shells, a Walker file);
  // rows in no spatial order (a catalogue) test every station row by row. Chosen every 32 steps.
  if (acc.stepsSinceLayoutCheck++ % LAYOUT_CHECK_STEPS === 0) acc.blocked = compactBlockShare(positionKm, error, n) >= MIN_COMPACT_SHARE;
  if (!acc.blocked) {
    accumulateRows(acc, 0, n, positionKm, error, directLatencyOutMs, sky, gE, gU, sinMask, nS);
    return;
  }
  const candE = acc.candidateEci;
  const candU = acc.candidateUpEci;
  const candM = acc.candidateSinMask;
  for (let k0 = 0; k0 < n; k0 += STATION_BLOCK) {
    const k1 = k0 + STATION_BLOCK < n ? k0 + STATION_BLOCK : n;
    // Ground-station pre-test for a block of consecutive rows (neighbours in a plane are close):
    // a box around the block's valid positions, centre c, half-diagonal h. For every p in the box,
    // (p - g) . up <= (c - g) . up + h and |p - g| >= |c - g| - h, so with a = sin(mask) >= 0,
    // (p - g) . up - a |p - g| <= (c - g) . up - a |c - g| + h (1 + a). Below zero, no satellite of
    // the block clears that station's mask (the row test would reject each one), so the station
    // is skipped for the block; the figures are the same as testing every station.
    const h = blockHalfDiagonalKm(positionKm, error, k0, k1, acc.blockCentreKm);
    // a wide block, no valid row, or a NaN position (flagged by the row test): every station
    if (!(h <= STATION_BLOCK_MAX_HALF_DIAGONAL_KM)) {
      accumulateRows(acc, k0, k1, positionKm, error, directLatencyOutMs, sky, gE, gU, sinMask, nS);
      continue;
    }
    const cx = acc.blockCentreKm[0];
    const cy = acc.blockCentreKm[1];
    const cz = acc.blockCentreKm[2];
    let nc = 0;
    for (let s = 0; s < nS; s++) {
      const rx = cx - gE[3 * s];
      const ry = cy - gE[3 * s + 1];
      const rz = cz - gE[3 * s + 2];
      const up = rx * gU[3 * s] + ry * gU[3 * s + 1] + rz * gU[3 * s + 2];
      const am = sinMask[s];
      if (up - am * Math.sqrt(rx * rx + ry * ry + rz * rz) + h * (1 + am) < -STATION_BLOCK_MARGIN_KM) continue;
      candE[3 * nc] = gE[3 * s];
      candE[3 * nc + 1] = gE[3 * s + 1];
      candE[3 * nc + 2] = gE[3 * s + 2];
      candU[3 * nc] = gU[3 * s];
      candU[3 * nc + 1] = gU[3 * s + 1];
      candU[3 * nc + 2] = gU[3 * s + 2];
      candM[nc++] = am;
    }
    accumulateRows(acc, k0, k1, positionKm, error, directLatencyOutMs, sky, candE, candU, candM, nc);
  }
}

/** The Sun of one step, as the shadow test takes it. */
interface SkyAtStep {
  ux: number;
  uy: number;
  uz: number;
  sunAngRad: number;
  cosS: number;
  sinS: number;
  earthR: number;
}

/** Steps between two looks at how compact the blocks are. */
const LAYOUT_CHECK_STEPS = 32;
/** Share of compact blocks above which the block pre-test is used. */
const MIN_COMPACT_SHARE = 0.25;

/**
 * Half the diagonal of the box around the valid positions of rows [k0, k1), km (Infinity when
 * none is valid, NaN with a NaN position); its centre goes to `centreKm`.
 */
function blockHalfDiagonalKm(positionKm: Float64Array, error: Uint8Array, k0: number, k1: number, centreKm: Float64Array): number {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let z0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  let z1 = Number.NEGATIVE_INFINITY;
  for (let k = k0; k < k1; k++) {
    if (error[k] !== 0) continue;
    const px = positionKm[3 * k];
    const py = positionKm[3 * k + 1];
    const pz = positionKm[3 * k + 2];
    x0 = Math.min(x0, px);
    x1 = Math.max(x1, px);
    y0 = Math.min(y0, py);
    y1 = Math.max(y1, py);
    z0 = Math.min(z0, pz);
    z1 = Math.max(z1, pz);
  }
  centreKm[0] = 0.5 * (x0 + x1);
  centreKm[1] = 0.5 * (y0 + y1);
  centreKm[2] = 0.5 * (z0 + z1);
  return 0.5 * Math.sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0) + (z1 - z0) * (z1 - z0));
}

/** Share of the blocks of STATION_BLOCK rows whose box is compact enough for the pre-test. */
function compactBlockShare(positionKm: Float64Array, error: Uint8Array, n: number): number {
  if (n === 0) return 0;
  const c = new Float64Array(3);
  let compact = 0;
  let blocks = 0;
  for (let k0 = 0; k0 < n; k0 += STATION_BLOCK) {
    blocks++;
    if (blockHalfDiagonalKm(positionKm, error, k0, Math.min(n, k0 + STATION_BLOCK), c) <= STATION_BLOCK_MAX_HALF_DIAGONAL_KM) compact++;
  }
  return compact / blocks;
}

/** Rows [k0, k1) of one step against the `nS` stations in E (ECI km), U (up) and M (sin mask). */
function accumulateRows(
  acc: SampledAccumulator,
  k0: number,
  k1: number,
  positionKm: Float64Array,
  error: Uint8Array,
  directLatencyOutMs: Float64Array | undefined,
  sky: SkyAtStep,
  E: Float64Array,
  U: Float64Array,
  M: Float64Array,
  nS: number,
): void {
  const { ux, uy, uz, sunAngRad, cosS, sinS, earthR } = sky;
  for (let k = k0; k < k1; k++) {
    if (error[k] !== 0) {
      acc.flags[k] |= METRIC_FLAGS.propagationError;
      if (directLatencyOutMs) directLatencyOutMs[k] = Number.POSITIVE_INFINITY;
      continue;
    }
    const px = positionKm[3 * k];
    const py = positionKm[3 * k + 1];
    const pz = positionKm[3 * k + 2];
    if (Number.isNaN(px) || Number.isNaN(py) || Number.isNaN(pz)) {
      acc.flags[k] |= METRIC_FLAGS.propagationError;
      if (directLatencyOutMs) directLatencyOutMs[k] = Number.POSITIVE_INFINITY;
      continue;
    }
    acc.validSteps[k]++;
    acc.shadowSum[k] += conicalShadowFractionPre(px, py, pz, ux, uy, uz, sunAngRad, cosS, sinS, earthR);
    // nearest station above its mask: elevation el with sin(el) = (rho . up) / |rho|
    let best2 = Number.POSITIVE_INFINITY;
    for (let s = 0; s < nS; s++) {
      const rx = px - E[3 * s];
      const ry = py - E[3 * s + 1];
      const rz = pz - E[3 * s + 2];
      const up = rx * U[3 * s] + ry * U[3 * s + 1] + rz * U[3 * s + 2];
      if (up <= 0) continue;
      const r2 = rx * rx + ry * ry + rz * rz;
      const sm = M[s];
      if (up * up < r2 * sm * sm) continue;
      if (r2 < best2) best2 = r2;
    }
    if (best2 < Number.POSITIVE_INFINITY) {
      const lat = Math.sqrt(best2) * MS_PER_KM;
      acc.inViewSteps[k]++;
      acc.directLatencySumMs[k] += lat;
      if (directLatencyOutMs) directLatencyOutMs[k] = lat;
    } else if (directLatencyOutMs) {
      directLatencyOutMs[k] = Number.POSITIVE_INFINITY;
    }
  }
}

/** Add one routed step: row k of `routedLatencyMs` (fleet id start + k + offset) is Infinity when unreachable. */
export function accumulateRouted(acc: SampledSums, routedLatencyMs: Float64Array, offset = 0): void {
  acc.routedStepsTotal++;
  for (let k = 0; k < acc.count; k++) {
    const v = routedLatencyMs[offset + k];
    if (v < Number.POSITIVE_INFINITY) {
      acc.routedSumMs[k] += v;
      acc.routedSteps[k]++;
    }
  }
}
