/**
 * Analytic per-satellite metrics: exact for circular orbits, a million satellites in well under
 * a second on one core. Models and their sources:
 * - beta angle from elements and the Sun, cylindrical eclipse fraction: PHYSICS.md "Sunlight and
 *   eclipse" (src/core/physics/eclipse.ts);
 * - array output, SMAD X factors, battery: PHYSICS.md "Electrical power" (physics/power.ts);
 * - radiator rejection and equilibrium temperature: PHYSICS.md "Heat rejection" (physics/thermal.ts);
 * - best-case downlink: PHYSICS.md "Latency" (physics/latency.ts).
 *
 * Speed: everything that depends only on the design (array power, installed load, radiator
 * emission) or only on the shell (altitude, view factors, latency) is computed once. Per
 * satellite only the beta angle varies; consecutive satellites with identical orbit planes
 * (a Walker plane) reuse the previous satellite's results. No per-satellite allocation.
 *
 * Definitions (documented in the report):
 * - installed load = accelerators x (power + overhead) + bus;
 * - usablePowerW = orbit-average power the array delivers through the X factors at end of life
 *   (or beginning, `powerAt`), capped by an installed battery if one is given;
 * - radiatorRejectW = net rejection at the operating temperature;
 * - computePowerW = max(0, min(usable - bus, rejectable - bus, installed compute));
 * - radiatorTempC = equilibrium temperature at the full installed load (so a negative thermal
 *   margin shows as a temperature above the operating one);
 * - latencyMs = one-way light time over the slant range at the lowest station elevation mask:
 *   the longest direct downlink while a station is in view, with no routing or queueing
 *   (the "best case" for a satellite that can see a station at all).
 */
import { WGS72, WGS84 } from '../constants';
import type { Fleet } from '../fleet/fleet';
import { sgp4SemiMajorAxisKm } from '../orbit';
import type { Scenario } from '../scenario/schema';
import { DEG2RAD, RAD2DEG, TWO_PI } from '../units';
import { eclipseAltitudeFactor } from '../physics/eclipse';
import { oneWayLatencyMs, slantRangeKm } from '../physics/latency';
import { sunEphemeris } from '../physics/sun';
import { julianDateFromMs } from '../physics/time';
import { applyDesignModels, scenarioDesignConstants } from './designModels';
import { allocMetrics, type PerSatelliteMetrics } from './metrics';
import { METRIC_FLAGS } from './types';
import { assertWindow, windowFromScenario, windowSolarFluxWm2, type AnalysisWindowMs } from './window';

export interface AnalyticOptions {
  /** First fleet id of the shard (default 0). */
  start?: number;
  /** End fleet id, exclusive (default fleet.count). */
  end?: number;
  /** Analysis window (default: the scenario's). */
  window?: AnalysisWindowMs;
  /** Beta samples across the window for the eclipse mean (default: 1 per day, 3 to 24). */
  betaSamples?: number;
  /** Array power feeding the usable power: end of life (default, SMAD practice) or beginning. */
  powerAt?: 'eol' | 'bol';
  /** Reuse these columns instead of allocating (must hold end - start rows). */
  out?: PerSatelliteMetrics;
  /** Called every 65,536 satellites (a progress point for long runs). */
  onProgress?: (done: number, total: number) => void;
}

/** Shell-level constants used per satellite. */
interface ShellConstants {
  imported: boolean;
  altitudeKm: number;
  latencyMs: number;
}

/** Lowest elevation mask among the scenario's stations, deg (25 when there are none: PHYSICS.md Starlink). */
export function lowestStationMaskDeg(scenario: Scenario): number {
  let m = Number.POSITIVE_INFINITY;
  for (const g of scenario.groundStations) m = Math.min(m, g.minElevationDeg);
  return Number.isFinite(m) ? m : 25;
}

/**
 * Analytic per-satellite metrics for fleet ids [start, end). Pure; safe to run on disjoint
 * shards in parallel (the result for a shard equals the same rows of a whole-fleet run).
 */
export function analyzeAnalytic(fleet: Fleet, scenario: Scenario, opts: AnalyticOptions = {}): PerSatelliteMetrics {
  const start = Math.max(0, Math.min(fleet.count, opts.start ?? 0));
  const end = Math.max(start, Math.min(fleet.count, opts.end ?? fleet.count));
  const count = end - start;
  const win = opts.window ?? windowFromScenario(scenario);
  assertWindow(win);
  const m = opts.out ?? allocMetrics(count, start, 'analytic');
  m.mode = 'analytic';
  m.start = start;
  m.count = count;

  // Sun at the window start and at K sample times across the window (shared by all satellites)
  const days = win.durationMs / 86_400_000;
  const kSamples = Math.max(1, Math.floor(opts.betaSamples ?? Math.min(24, Math.max(3, Math.ceil(days) + 2))));
  const sinRa = new Float64Array(kSamples + 1);
  const cosRa = new Float64Array(kSamples + 1);
  const cosDec = new Float64Array(kSamples + 1);
  const sinDec = new Float64Array(kSamples + 1);
  const tSample = new Float64Array(kSamples + 1);
  for (let s = 0; s <= kSamples; s++) {
    // slot 0: window start; slots 1..K: midpoints of K equal parts of the window
    const t = s === 0 ? win.startMs : win.startMs + ((s - 0.5) / kSamples) * win.durationMs;
    const e = sunEphemeris(julianDateFromMs(t));
    tSample[s] = t;
    sinRa[s] = Math.sin(e.rightAscensionRad);
    cosRa[s] = Math.cos(e.rightAscensionRad);
    cosDec[s] = Math.cos(e.declinationRad);
    sinDec[s] = Math.sin(e.declinationRad);
  }
  const fluxWm2 = windowSolarFluxWm2(win);
  const designs = scenarioDesignConstants(scenario, fluxWm2, opts.powerAt ?? 'eol');

  const maskRad = lowestStationMaskDeg(scenario) * DEG2RAD;
  const shells: ShellConstants[] = fleet.shells.map((sh) => {
    const imported = sh.kind === 'imported' || !Number.isFinite(sh.altitudeKm);
    // generated shells: SGP4 mean semi-major axis = WGS-72 R + altitude; measure altitude from WGS-84 R
    const altitudeKm = imported ? Number.NaN : sh.altitudeKm + WGS72.radiusKm - WGS84.radiusKm;
    return { imported, altitudeKm, latencyMs: imported ? Number.NaN : oneWayLatencyMs(slantRangeKm(altitudeKm, maskRad)) };
  });

  const el = fleet.elements;
  const shellIdx = fleet.shellIndex;
  const j2 = WGS72.j2;
  const rE = WGS72.radiusKm;
  const mu = WGS72.muKm3PerS2;
  const analyticRow = (k: number, i: number): void => {
    const sh = shells[shellIdx[i]];
    const nRevDay = el.meanMotionRevPerDay[i];
    const ecc = el.eccentricity[i];
    const incDeg = el.inclinationDeg[i];
    const raanDeg = el.raanDeg[i];
    const epochMs = el.epochMs[i];
    let flags = 0;
    const incRad = incDeg * DEG2RAD;
    let altitudeKm = sh.altitudeKm;
    let aKm: number;
    if (!(nRevDay > 0) || !(ecc >= 0 && ecc < 1) || !Number.isFinite(incRad) || !Number.isFinite(raanDeg) || !Number.isFinite(epochMs)) {
      flags |= METRIC_FLAGS.invalid;
      aKm = Number.NaN;
    } else {
      aKm = sgp4SemiMajorAxisKm(nRevDay, ecc, incRad);
      if (sh.imported) altitudeKm = aKm - WGS84.radiusKm;
      if (!(aKm * (1 - ecc) > WGS84.radiusKm) || !(altitudeKm > 0)) flags |= METRIC_FLAGS.invalid;
      if (ecc > 0.01) flags |= METRIC_FLAGS.eccentric;
    }
    m.flags[k] = flags;
    m.altitudeKm[k] = altitudeKm;
    m.periodS[k] = nRevDay > 0 ? 86400 / nRevDay : Number.NaN;
    if (flags & METRIC_FLAGS.invalid) {
      m.betaDeg[k] = Number.NaN;
      m.meanCosBeta[k] = Number.NaN;
      m.eclipseFraction[k] = Number.NaN;
      m.latencyMs[k] = Number.NaN;
      return;
    }
    // J2 nodal regression (PHYSICS.md Orbits): dOmega/dt = -1.5 n J2 (R/p)^2 cos i, rad/ms
    const p = aKm * (1 - ecc * ecc);
    const nRadS = Math.sqrt(mu / (aKm * aKm * aKm));
    const raanRateRadMs = (-1.5 * nRadS * j2 * (rE / p) * (rE / p) * Math.cos(incRad)) / 1000;
    const sinI = Math.sin(incRad);
    const cosI = Math.cos(incRad);
    const raan0 = raanDeg * DEG2RAD;
    const kAlt = eclipseAltitudeFactor(altitudeKm);
    let fSum = 0;
    let cbSum = 0;
    for (let s = 0; s <= kSamples; s++) {
      const om = (raan0 + raanRateRadMs * (tSample[s] - epochMs)) % TWO_PI;
      // sin(Omega - RA) = sin(Omega) cos(RA) - cos(Omega) sin(RA)
      const sinB = cosDec[s] * sinI * (Math.sin(om) * cosRa[s] - Math.cos(om) * sinRa[s]) + sinDec[s] * cosI;
      const sb = sinB > 1 ? 1 : sinB < -1 ? -1 : sinB;
      if (s === 0) {
        m.betaDeg[k] = Math.asin(sb) * RAD2DEG;
        continue;
      }
      const cosB = Math.sqrt(1 - sb * sb);
      cbSum += cosB;
      // f = acos(k / cos beta) / pi when k < cos beta (PHYSICS.md)
      if (kAlt < cosB) fSum += Math.acos(kAlt / cosB) / Math.PI;
    }
    m.eclipseFraction[k] = fSum / kSamples;
    m.meanCosBeta[k] = cbSum / kSamples;
    m.latencyMs[k] = sh.imported ? oneWayLatencyMs(slantRangeKm(altitudeKm, maskRad)) : sh.latencyMs;
  };

  const nCol = el.meanMotionRevPerDay;
  const eccCol = el.eccentricity;
  const incCol = el.inclinationDeg;
  const raanCol = el.raanDeg;
  const epochCol = el.epochMs;
  const onProgress = opts.onProgress;
  let nextProgress = 0x10000;
  for (let k = 0; k < count; ) {
    if (onProgress && k >= nextProgress) {
      onProgress(k, count);
      nextProgress = (Math.floor(k / 0x10000) + 1) * 0x10000;
    }
    const i = start + k;
    const nRevDay = nCol[i];
    const ecc = eccCol[i];
    const incDeg = incCol[i];
    const raanDeg = raanCol[i];
    const epochMs = epochCol[i];
    // a run of satellites with the same shell and identical plane elements (a Walker plane) shares
    // every figure here: computed once, filled over the run
    let e = k + 1;
    while (
      e < count &&
      shellIdx[start + e] === shellIdx[i] &&
      raanCol[start + e] === raanDeg &&
      incCol[start + e] === incDeg &&
      nCol[start + e] === nRevDay &&
      eccCol[start + e] === ecc &&
      epochCol[start + e] === epochMs
    )
      e++;
    analyticRow(k, i);
    if (e > k + 1) {
      m.betaDeg.fill(m.betaDeg[k], k + 1, e);
      m.meanCosBeta.fill(m.meanCosBeta[k], k + 1, e);
      m.altitudeKm.fill(m.altitudeKm[k], k + 1, e);
      m.periodS.fill(m.periodS[k], k + 1, e);
      m.eclipseFraction.fill(m.eclipseFraction[k], k + 1, e);
      m.latencyMs.fill(m.latencyMs[k], k + 1, e);
      m.flags.fill(m.flags[k], k + 1, e);
    }
    k = e;
  }
  applyDesignModels(fleet, m, fluxWm2, designs);
  return m;
}
