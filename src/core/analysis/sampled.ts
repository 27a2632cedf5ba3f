/**
 * Sampled analysis over a window (default one orbit at 30 s steps): SGP4 states at each step,
 * the Sun at each step, conical shadow, ground-station visibility above each station's mask,
 * one-way latency to the nearest visible station, share of time with a station in view, and
 * (over the whole fleet) shortest paths through the +Grid inter-satellite mesh (isl.ts).
 * Sources: PHYSICS.md "Sunlight and eclipse" (conical shadow), "Latency", "Frames" (GMST,
 * WGS-84 geodetic stations).
 *
 * Pieces, so the worker pool can split the work:
 * - `createSampledAccumulator` + `accumulateStep` run on a shard of satellites (no cross-shard
 *   data); `accumulateStep` can also write each satellite's direct latency for that step, the
 *   seed of the ISL routing, which needs the whole fleet at one step (`routeIslStep`, isl.ts);
 * - `accumulateRouted` adds a routed latency vector for the shard's rows;
 * - `finishSampled` turns the accumulator into PerSatelliteMetrics (mode 'sampled') through the
 *   same design models as the analytic mode.
 * `analyzeSampled` (shard, direct links only) and `analyzeSampledFleet` (whole fleet, with ISL)
 * drive them in-thread with progress and cancel between steps.
 */
import { SPEED_OF_LIGHT_KM_PER_S, SUN_RADIUS_KM, WGS84 } from '../constants';
import type { Fleet } from '../fleet/fleet';
import type { GroundStation, Scenario } from '../scenario/schema';
import { DEG2RAD } from '../units';
import { conicalShadowFractionPre, ECLIPSE_EARTH_RADIUS_KM } from '../physics/eclipse';
import { sunPositionKm } from '../physics/sun';
import { gmstRad, julianDateFromMs } from '../physics/time';
import {
  analyzeAnalytic,
  applyDesignModels,
  assertWindow,
  METRIC_FLAGS,
  scenarioDesignConstants,
  windowFromScenario,
  windowSolarFluxWm2,
  type AnalysisWindowMs,
  type PerSatelliteMetrics,
} from './analytic';
import { buildIslTopology, createIslWorkspace, routeIslStep, type IslTopology } from './isl';

/**
 * Source of SGP4 states for a contiguous block of satellites (a shard, or the whole fleet).
 * Writes TEME position (km) and velocity (km/s) xyz-interleaved and an error code per satellite
 * (0 = ok, as satellite.js / src/core/sgp4).
 */
export interface StateSource {
  propagate(timeMs: number, positionKm: Float64Array, velocityKmS: Float64Array, error: Uint8Array): void;
}

/** Cooperative cancel, checked between steps (an AbortSignal satisfies it). */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface SampledProgress {
  stepsDone: number;
  steps: number;
  fraction: number;
  /**
   * What runs now, when it is not the time steps themselves: 'routing' (the inter-satellite
   * routing of the step after `stepsDone`, up to ~0.5 s at 1M) or 'finishing' (all steps done;
   * the per-satellite metrics are being computed). Absent while steps run.
   */
  phase?: 'routing' | 'finishing';
}

/** Ground stations in the Earth-fixed frame (WGS-84) with their geodetic up vectors. */
export interface StationSet {
  count: number;
  /** ECEF position, km, xyz interleaved. */
  ecefKm: Float64Array;
  /** Unit geodetic normal ("up"), xyz interleaved. */
  upEcef: Float64Array;
  /** sin of each station's elevation mask. */
  sinMask: Float64Array;
  names: string[];
}

/** Geodetic (WGS-84) to ECEF for each station (PHYSICS.md: geodetic ellipsoid WGS-84). */
export function prepareStations(stations: readonly GroundStation[]): StationSet {
  const n = stations.length;
  const ecefKm = new Float64Array(3 * n);
  const upEcef = new Float64Array(3 * n);
  const sinMask = new Float64Array(n);
  const a = WGS84.radiusKm;
  const f = WGS84.flattening;
  const e2 = f * (2 - f);
  stations.forEach((s, i) => {
    const lat = s.latDeg * DEG2RAD;
    const lon = s.lonDeg * DEG2RAD;
    const sl = Math.sin(lat);
    const cl = Math.cos(lat);
    const nRad = a / Math.sqrt(1 - e2 * sl * sl);
    ecefKm[3 * i] = (nRad + s.altitudeKm) * cl * Math.cos(lon);
    ecefKm[3 * i + 1] = (nRad + s.altitudeKm) * cl * Math.sin(lon);
    ecefKm[3 * i + 2] = (nRad * (1 - e2) + s.altitudeKm) * sl;
    upEcef[3 * i] = cl * Math.cos(lon);
    upEcef[3 * i + 1] = cl * Math.sin(lon);
    upEcef[3 * i + 2] = sl;
    sinMask[i] = Math.sin(s.minElevationDeg * DEG2RAD);
  });
  return { count: n, ecefKm, upEcef, sinMask, names: stations.map((s) => s.name) };
}

/** Per-satellite running sums of a sampled pass over rows [start, start + count) of the fleet. */
export interface SampledAccumulator {
  start: number;
  count: number;
  stations: StationSet;
  /** Sum of the conical shadow fraction over valid steps. */
  shadowSum: Float64Array;
  /** Steps with a valid state. */
  validSteps: Uint32Array;
  /** Steps with at least one station above its mask. */
  inViewSteps: Uint32Array;
  /** Sum of the one-way latency to the nearest visible station, ms. */
  directLatencySumMs: Float64Array;
  /** Routed (ISL) latency sums and counts, when routing ran. */
  routedSumMs: Float64Array;
  routedSteps: Uint32Array;
  routedStepsTotal: number;
  flags: Uint8Array;
  /** Scratch: station ECI positions and up vectors at the current step. */
  stationEci: Float64Array;
  stationUpEci: Float64Array;
  sunKm: Float64Array;
}

export function createSampledAccumulator(start: number, count: number, stations: StationSet): SampledAccumulator {
  return {
    start,
    count,
    stations,
    shadowSum: new Float64Array(count),
    validSteps: new Uint32Array(count),
    inViewSteps: new Uint32Array(count),
    directLatencySumMs: new Float64Array(count),
    routedSumMs: new Float64Array(count),
    routedSteps: new Uint32Array(count),
    routedStepsTotal: 0,
    flags: new Uint8Array(count),
    stationEci: new Float64Array(3 * stations.count),
    stationUpEci: new Float64Array(3 * stations.count),
    sunKm: new Float64Array(3),
  };
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
    if (!(px === px && py === py && pz === pz)) {
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
export function accumulateRouted(acc: SampledAccumulator, routedLatencyMs: Float64Array, offset = 0): void {
  acc.routedStepsTotal++;
  for (let k = 0; k < acc.count; k++) {
    const v = routedLatencyMs[offset + k];
    if (v < Number.POSITIVE_INFINITY) {
      acc.routedSumMs[k] += v;
      acc.routedSteps[k]++;
    }
  }
}

export interface SampledResult {
  /** Per-satellite metrics, mode 'sampled'. latencyMs: mean over steps with a path to a station (routed when ISL ran, else direct); NaN if never. */
  metrics: PerSatelliteMetrics;
  /** Mean one-way latency to the nearest visible station over the steps it had one in view, ms (NaN if never). */
  directLatencyMs: Float64Array;
  /** Share of valid steps with a station above its mask. */
  stationVisibleFraction: Float64Array;
  /** Mean routed latency over routed steps with a path (NaN if never), or null without ISL. */
  islLatencyMs: Float64Array | null;
  /** Share of routed steps with a path to a station, or null without ISL. */
  islReachableFraction: Float64Array | null;
  window: AnalysisWindowMs;
  steps: number;
  stepsDone: number;
  /** ISL routing ran every islStride-th step (0 = no routing). */
  islStride: number;
  islStepsRouted: number;
  cancelled: boolean;
  /** Plain-language notes for the report (e.g. routing stride). */
  notes: string[];
}

/** Number of sample times in a window: round(duration / step), at least 1; times start + j * step. */
export function sampleCount(win: AnalysisWindowMs): number {
  return Math.max(1, Math.round(win.durationMs / (win.stepS * 1000)));
}

/**
 * "One orbit" window: the longest orbital period among generated shells, or the median period of
 * the satellites when all are imported (a catalogue with GEO objects would otherwise ask for days).
 */
export function oneOrbitWindow(fleet: Fleet, startMs: number, stepS = 30): AnalysisWindowMs {
  let longestS = 0;
  const n = fleet.elements.meanMotionRevPerDay;
  for (const sh of fleet.shells) {
    if (sh.kind === 'imported' || sh.count === 0) continue;
    const rev = n[sh.start];
    if (rev > 0) longestS = Math.max(longestS, 86400 / rev);
  }
  if (longestS === 0 && fleet.count > 0) {
    const periods = Array.from(n.subarray(0, fleet.count))
      .filter((x) => x > 0)
      .map((x) => 86400 / x)
      .sort((a, b) => a - b);
    longestS = periods.length > 0 ? periods[Math.floor(periods.length / 2)] : 5400;
  }
  return { startMs, durationMs: (longestS || 5400) * 1000, stepS };
}

/**
 * Per-satellite metrics from an accumulator: eclipse fraction = mean conical shadow fraction over
 * valid steps; beta, altitude and albedo geometry from the analytic pass over the same rows;
 * then the shared design models (power, heat, compute).
 */
export function finishSampled(
  fleet: Fleet,
  scenario: Scenario,
  acc: SampledAccumulator,
  win: AnalysisWindowMs,
  /** Progress points while the per-satellite figures are computed (~1 s at a million satellites). */
  heartbeat?: () => void,
): Omit<SampledResult, 'steps' | 'stepsDone' | 'islStride' | 'islStepsRouted' | 'cancelled' | 'notes' | 'window'> {
  const m = analyzeAnalytic(fleet, scenario, { start: acc.start, end: acc.start + acc.count, window: win, onProgress: heartbeat });
  heartbeat?.();
  m.mode = 'sampled';
  const n = acc.count;
  const direct = new Float64Array(n);
  const visible = new Float64Array(n);
  const routed = acc.routedStepsTotal > 0;
  const islLat = routed ? new Float64Array(n) : null;
  const islReach = routed ? new Float64Array(n) : null;
  for (let k = 0; k < n; k++) {
    const v = acc.validSteps[k];
    m.flags[k] |= acc.flags[k];
    if (v === 0) {
      m.flags[k] |= METRIC_FLAGS.invalid;
      m.eclipseFraction[k] = Number.NaN;
      direct[k] = Number.NaN;
      visible[k] = Number.NaN;
      m.latencyMs[k] = Number.NaN;
      if (islLat && islReach) {
        islLat[k] = Number.NaN;
        islReach[k] = Number.NaN;
      }
      continue;
    }
    m.eclipseFraction[k] = acc.shadowSum[k] / v;
    visible[k] = acc.inViewSteps[k] / v;
    direct[k] = acc.inViewSteps[k] > 0 ? acc.directLatencySumMs[k] / acc.inViewSteps[k] : Number.NaN;
    if (islLat && islReach) {
      islLat[k] = acc.routedSteps[k] > 0 ? acc.routedSumMs[k] / acc.routedSteps[k] : Number.NaN;
      islReach[k] = acc.routedSteps[k] / acc.routedStepsTotal;
      m.latencyMs[k] = islLat[k];
    } else {
      m.latencyMs[k] = direct[k];
    }
  }
  applyDesignModels(fleet, m, windowSolarFluxWm2(win), scenarioDesignConstants(scenario, windowSolarFluxWm2(win)));
  return { metrics: m, directLatencyMs: direct, stationVisibleFraction: visible, islLatencyMs: islLat, islReachableFraction: islReach };
}

export interface SampledOptions {
  start?: number;
  end?: number;
  /** Window (default: the scenario's window). */
  window?: AnalysisWindowMs;
  signal?: CancelSignal;
  onProgress?: (p: SampledProgress) => void;
  /**
   * Minimum interval between progress calls, ms (default 200; the last step always reports).
   * Progress is also offered between the phases of a step (after SGP4, after the per-satellite
   * pass), so one slow step at a million satellites does not starve the callback.
   */
  progressIntervalMs?: number;
  /** Clock for progress throttling (default performance.now / Date.now). */
  now?: () => number;
}

const defaultNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Throttled progress reporter: `at(stepsDone, withinStep)` reports when the interval has passed or at the end. */
function progressReporter(opts: SampledOptions, steps: number): (stepsDone: number, withinStep?: number) => void {
  const cb = opts.onProgress;
  if (!cb) return () => {};
  const now = opts.now ?? defaultNow;
  const interval = opts.progressIntervalMs ?? 200;
  let last = now();
  return (stepsDone, withinStep = 0) => {
    const t = now();
    if (t - last >= interval || (stepsDone === steps && withinStep === 0)) {
      last = t;
      cb({ stepsDone, steps, fraction: Math.min(1, (stepsDone + withinStep) / steps) });
    }
  };
}

/**
 * Sampled metrics for fleet ids [start, end) with direct ground links only. `source` propagates
 * exactly those end - start satellites (row k = id start + k).
 */
export function analyzeSampled(fleet: Fleet, scenario: Scenario, source: StateSource, opts: SampledOptions = {}): SampledResult {
  const start = Math.max(0, Math.min(fleet.count, opts.start ?? 0));
  const end = Math.max(start, Math.min(fleet.count, opts.end ?? fleet.count));
  const n = end - start;
  const win = opts.window ?? windowFromScenario(scenario);
  assertWindow(win);
  const steps = sampleCount(win);
  const acc = createSampledAccumulator(start, n, prepareStations(scenario.groundStations));
  const pos = new Float64Array(3 * n);
  const vel = new Float64Array(3 * n);
  const err = new Uint8Array(n);
  const report = progressReporter(opts, steps);
  let done = 0;
  for (let j = 0; j < steps; j++) {
    if (opts.signal?.aborted) break;
    const t = win.startMs + j * win.stepS * 1000;
    source.propagate(t, pos, vel, err);
    report(done, 0.5);
    accumulateStep(acc, t, pos, err);
    done++;
    report(done);
  }
  const cancelled = done < steps;
  return {
    ...finishSampled(fleet, scenario, acc, win),
    window: win,
    steps,
    stepsDone: done,
    islStride: 0,
    islStepsRouted: 0,
    cancelled,
    notes: cancelled ? [`cancelled after ${done} of ${steps} steps; figures cover the steps done`] : [],
  };
}

export interface SampledFleetOptions extends Omit<SampledOptions, 'start' | 'end'> {
  /** Route the ISL mesh every k-th step (default: chosen so routing visits about 30 M satellite-steps at most). */
  islStride?: number;
  /** Prebuilt topology (default: built from the fleet and scenario). */
  topology?: IslTopology;
}

/** Default ISL stride: route every step up to 30 M satellite-steps, else every k-th step. */
export function defaultIslStride(satellites: number, steps: number): number {
  return Math.max(1, Math.ceil((satellites * steps) / 30_000_000));
}

/**
 * Sampled metrics for the whole fleet, with inter-satellite routing when the scenario's links
 * have interSatelliteLinks on. `source` propagates all fleet.count satellites.
 */
export function analyzeSampledFleet(fleet: Fleet, scenario: Scenario, source: StateSource, opts: SampledFleetOptions = {}): SampledResult {
  const n = fleet.count;
  const win = opts.window ?? windowFromScenario(scenario);
  assertWindow(win);
  const steps = sampleCount(win);
  const isl = scenario.links.interSatelliteLinks;
  const stride = isl ? Math.max(1, Math.floor(opts.islStride ?? defaultIslStride(n, steps))) : 0;
  const topology = isl ? (opts.topology ?? buildIslTopology(fleet, scenario)) : null;
  const ws = topology ? createIslWorkspace(n) : null;
  const acc = createSampledAccumulator(0, n, prepareStations(scenario.groundStations));
  const pos = new Float64Array(3 * n);
  const vel = new Float64Array(3 * n);
  const err = new Uint8Array(n);
  const direct = new Float64Array(n);
  const routed = new Float64Array(n);
  const report = progressReporter(opts, steps);
  let done = 0;
  let routedSteps = 0;
  for (let j = 0; j < steps; j++) {
    if (opts.signal?.aborted) break;
    const t = win.startMs + j * win.stepS * 1000;
    source.propagate(t, pos, vel, err);
    report(done, 0.4);
    const route = topology !== null && ws !== null && j % stride === 0;
    accumulateStep(acc, t, pos, err, route ? direct : undefined);
    report(done, 0.6);
    if (route && topology && ws) {
      routeIslStep(topology, pos, err, direct, routed, ws, {
        grazingAltitudeKm: scenario.links.grazingAltitudeKm,
        perHopProcessingMs: scenario.links.perHopProcessingMs,
      });
      accumulateRouted(acc, routed);
      routedSteps++;
    }
    done++;
    report(done);
  }
  const cancelled = done < steps;
  const notes: string[] = [];
  if (stride > 1) notes.push(`inter-satellite routing ran every ${stride}th step (${routedSteps} of ${steps} steps) to bound run time`);
  if (cancelled) notes.push(`cancelled after ${done} of ${steps} steps; figures cover the steps done`);
  return {
    ...finishSampled(fleet, scenario, acc, win),
    window: win,
    steps,
    stepsDone: done,
    islStride: stride,
    islStepsRouted: routedSteps,
    cancelled,
    notes,
  };
}
