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

const MS_PER_KM = 1000 / SPEED_OF_LIGHT_KM_PER_S;

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
  for (let k = 0; k < n; k++) {
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
      const rx = px - gE[3 * s];
      const ry = py - gE[3 * s + 1];
      const rz = pz - gE[3 * s + 2];
      const up = rx * gU[3 * s] + ry * gU[3 * s + 1] + rz * gU[3 * s + 2];
      if (up <= 0) continue;
      const r2 = rx * rx + ry * ry + rz * rz;
      const sm = sinMask[s];
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
