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
import type { Design } from '../scenario/design';
import type { Scenario } from '../scenario/schema';
import { DEG2RAD, MS_PER_MIN, RAD2DEG, TWO_PI } from '../units';
import { eclipseAltitudeFactor } from '../physics/eclipse';
import { arrayModelFromDesign, arrayOutputW, orbitAverageUsablePowerW, pathEfficiencies, type PathEfficiencies } from '../physics/power';
import {
  EARTH_ALBEDO,
  EARTH_OLR_W_PER_M2,
  emittedFluxWm2,
  equilibriumTemperatureK,
  SPACE_SINK_K,
  viewFactorEdgeOn,
  viewFactorNadir,
} from '../physics/thermal';
import { oneWayLatencyMs, slantRangeKm } from '../physics/latency';
import { solarFluxWm2, sunEphemeris } from '../physics/sun';
import { julianDateFromMs } from '../physics/time';
import { KELVIN } from '../constants';

/** Which limit sets computePowerW. */
export const BINDING = { installed: 0, power: 1, thermal: 2 } as const;
export type BindingName = keyof typeof BINDING;
export const BINDING_NAMES: readonly BindingName[] = ['installed', 'power', 'thermal'];

/** Per-satellite flag bits. */
export const METRIC_FLAGS = {
  /** Eccentricity above 0.01: circular-orbit formulas applied at the mean altitude. */
  eccentric: 1,
  /** Elements unusable (non-positive mean motion, perigee below the surface, NaN): metrics NaN, compute 0. */
  invalid: 2,
  /** Sampled mode: SGP4 reported an error at some step. */
  propagationError: 4,
} as const;

export type AnalysisMode = 'analytic' | 'sampled';

/** Per-satellite metric columns for fleet ids [start, start + count). Index = id - start. */
export interface PerSatelliteMetrics {
  mode: AnalysisMode;
  start: number;
  count: number;
  /** Beta angle at the window start, deg. */
  betaDeg: Float64Array;
  /** Mean cos(beta) over the window (weights albedo). */
  meanCosBeta: Float64Array;
  /** Mean altitude above the spherical Earth (WGS-84 R), km. */
  altitudeKm: Float64Array;
  /** Orbital period from the mean motion, s. */
  periodS: Float64Array;
  /** Eclipse fraction over the window (cylindrical mean over beta samples, or sampled conical mean). */
  eclipseFraction: Float64Array;
  sunlitFraction: Float64Array;
  arrayPowerBolW: Float64Array;
  arrayPowerEolW: Float64Array;
  usablePowerW: Float64Array;
  /** Battery capacity needed for the load that runs (or the installed capacity), Wh. */
  batteryEnergyWh: Float64Array;
  radiatorRejectW: Float64Array;
  radiatorTempC: Float64Array;
  /**
   * Steady-state radiator temperature bounds at the full installed load, °C: in eclipse (Earth IR
   * only; NaN for a satellite never in eclipse) and at orbit noon in sunlight (IR, albedo at the
   * window's mean cos(beta), the Sun when the design lets it fall on the radiator). A radiator with
   * thermal mass swings between them; radiatorTempC is the orbit-average equilibrium.
   */
  radiatorTempEclipseC: Float64Array;
  radiatorTempSunC: Float64Array;
  powerMarginW: Float64Array;
  thermalMarginW: Float64Array;
  computePowerW: Float64Array;
  /** BINDING code per satellite. */
  bindingLimit: Uint8Array;
  /** One-way downlink latency, ms (analytic: at the mask; sampled: mean to the nearest visible station, NaN if never). */
  latencyMs: Float64Array;
  /** METRIC_FLAGS bits. */
  flags: Uint8Array;
}

export interface AnalysisWindowMs {
  startMs: number;
  durationMs: number;
  stepS: number;
}

/**
 * Check a window; returns a message naming the bad field, or null. The analysis functions
 * throw a RangeError with this message (the scenario schema already guarantees valid windows;
 * this guards overrides such as --start / --duration-min / --step-s).
 */
export function windowProblem(win: AnalysisWindowMs): string | null {
  if (!Number.isFinite(win.startMs)) return 'window.start: not a valid time';
  if (!(win.durationMs > 0) || !Number.isFinite(win.durationMs))
    return `window.durationMin: must be a positive number of minutes (got ${win.durationMs / 60_000})`;
  if (!(win.stepS > 0) || !Number.isFinite(win.stepS)) return `window.stepS: must be a positive number of seconds (got ${win.stepS})`;
  if (win.durationMs / (win.stepS * 1000) > 10_000_000)
    return `window: ${win.durationMs / 60_000} min at ${win.stepS} s steps is more than 10 million steps`;
  return null;
}

export function assertWindow(win: AnalysisWindowMs): void {
  const p = windowProblem(win);
  if (p) throw new RangeError(p);
}

/** The scenario's analysis window in milliseconds. */
export function windowFromScenario(scenario: Scenario): AnalysisWindowMs {
  return {
    startMs: Date.parse(scenario.window.start),
    durationMs: scenario.window.durationMin * MS_PER_MIN,
    stepS: scenario.window.stepS,
  };
}

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

/** Allocate metric columns for `count` satellites. */
export function allocMetrics(count: number, start = 0, mode: AnalysisMode = 'analytic'): PerSatelliteMetrics {
  const f = () => new Float64Array(count);
  return {
    mode,
    start,
    count,
    betaDeg: f(),
    meanCosBeta: f(),
    altitudeKm: f(),
    periodS: f(),
    eclipseFraction: f(),
    sunlitFraction: f(),
    arrayPowerBolW: f(),
    arrayPowerEolW: f(),
    usablePowerW: f(),
    batteryEnergyWh: f(),
    radiatorRejectW: f(),
    radiatorTempC: f(),
    radiatorTempEclipseC: f(),
    radiatorTempSunC: f(),
    powerMarginW: f(),
    thermalMarginW: f(),
    computePowerW: f(),
    bindingLimit: new Uint8Array(count),
    latencyMs: f(),
    flags: new Uint8Array(count),
  };
}

/** Per-design constants (computed once per call). */
export interface DesignConstants {
  arrayBolW: number;
  arrayEolW: number;
  /** Array power used for usable power (EOL or BOL). */
  arrayForUsableW: number;
  x: PathEfficiencies;
  installedComputeW: number;
  busW: number;
  installedLoadW: number;
  batteryInstalledWh: number;
  dod: number;
  batteryEff: number;
  radiatorAreaM2: number;
  faces: number;
  emissivity: number;
  absorptivity: number;
  operatingK: number;
  /** faces x eps sigma (T_op^4 - T_sink^4), W/m^2 of radiator. */
  emittedAtOperatingWm2: number;
  edgeOn: boolean;
  sunOnRadiator: boolean;
}

export function designConstants(design: Design, solarFluxAtWindowWm2: number, powerAt: 'eol' | 'bol' = 'eol'): DesignConstants {
  const bol = arrayOutputW(solarFluxAtWindowWm2, arrayModelFromDesign(design, 0));
  const eol = arrayOutputW(solarFluxAtWindowWm2, arrayModelFromDesign(design, design.solarArray.lifeYears));
  const c = design.compute;
  const installedComputeW = c.acceleratorCount * (c.powerPerAcceleratorW + c.overheadPerAcceleratorW);
  const r = design.radiator;
  const operatingK = r.operatingTempC + KELVIN;
  return {
    arrayBolW: bol,
    arrayEolW: eol,
    arrayForUsableW: powerAt === 'bol' ? bol : eol,
    x: pathEfficiencies(design.power.regulation),
    installedComputeW,
    busW: c.busPowerW,
    installedLoadW: installedComputeW + c.busPowerW,
    batteryInstalledWh: design.power.batteryCapacityWh,
    dod: design.power.batteryDod,
    batteryEff: design.power.batteryEfficiency,
    radiatorAreaM2: r.areaM2,
    faces: r.sides,
    emissivity: r.emissivity,
    absorptivity: r.absorptivity,
    operatingK,
    emittedAtOperatingWm2: r.sides * emittedFluxWm2(r.emissivity, operatingK),
    edgeOn: r.orientation === 'edge-on',
    sunOnRadiator: r.sunOnRadiator,
  };
}

/**
 * Absorbed flux per m^2 of radiator, summed over its faces (PHYSICS.md "Absorbed per face"):
 * - edge-on: every face sees the Earth with the edge-on view factor;
 * - nadir: one face looks down (nadir view factor), a second face (if any) looks at space;
 * - albedo weighted by the orbit-mean day-side cos of the sub-solar angle, cos(beta)/pi;
 * - Sun on the radiator (*assumption*, only when the design allows it): one face at a mean
 *   cos of 2/pi over the sunlit part of the orbit.
 */
export function radiatorAbsorbedPerM2W(
  d: DesignConstants,
  altitudeKm: number,
  meanCosBeta: number,
  sunlitFraction: number,
  solarFluxWm2Value: number,
): number {
  let earthViewSum: number;
  if (d.edgeOn) earthViewSum = d.faces * viewFactorEdgeOn(altitudeKm);
  else earthViewSum = viewFactorNadir(altitudeKm);
  const albedo = d.absorptivity * EARTH_ALBEDO * solarFluxWm2Value * earthViewSum * (meanCosBeta / Math.PI);
  const ir = d.emissivity * EARTH_OLR_W_PER_M2 * earthViewSum;
  const sun = d.sunOnRadiator ? d.absorptivity * solarFluxWm2Value * (2 / Math.PI) * sunlitFraction : 0;
  return albedo + ir + sun;
}

/**
 * Absorbed flux per m^2 of radiator at the two ends of an orbit (same terms as
 * radiatorAbsorbedPerM2W): in eclipse only the Earth's IR; at orbit noon IR, albedo at the
 * sub-solar angle beta (cos(beta) from the window mean) and, when allowed, the Sun at normal incidence.
 */
export function radiatorAbsorbedBoundsPerM2W(
  d: DesignConstants,
  altitudeKm: number,
  meanCosBeta: number,
  solarFluxWm2Value: number,
): { eclipse: number; sunlit: number } {
  const earthViewSum = d.edgeOn ? d.faces * viewFactorEdgeOn(altitudeKm) : viewFactorNadir(altitudeKm);
  const ir = d.emissivity * EARTH_OLR_W_PER_M2 * earthViewSum;
  const albedo = d.absorptivity * EARTH_ALBEDO * solarFluxWm2Value * earthViewSum * Math.max(0, meanCosBeta);
  const sun = d.sunOnRadiator ? d.absorptivity * solarFluxWm2Value : 0;
  return { eclipse: ir, sunlit: ir + albedo + sun };
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
 * Fill the power and thermal columns of rows [0, m.count) from eclipseFraction, meanCosBeta,
 * altitudeKm and periodS (already set). Shared by the analytic and sampled modes, so a sampled
 * eclipse fraction flows through exactly the same design models.
 */
export function applyDesignModels(fleet: Fleet, m: PerSatelliteMetrics, solarFluxWm2Value: number, designs: DesignConstants[]): void {
  const dIdx = fleet.designIndex;
  const base = m.start;
  for (let k = 0; k < m.count; k++) {
    const d = designs[dIdx[base + k]] ?? designs[0];
    if (
      k > 0 &&
      dIdx[base + k] === dIdx[base + k - 1] &&
      m.flags[k] === m.flags[k - 1] &&
      m.eclipseFraction[k] === m.eclipseFraction[k - 1] &&
      m.meanCosBeta[k] === m.meanCosBeta[k - 1] &&
      m.altitudeKm[k] === m.altitudeKm[k - 1] &&
      m.periodS[k] === m.periodS[k - 1]
    ) {
      copyDesignRow(m, k - 1, k);
      continue;
    }
    if (m.flags[k] & METRIC_FLAGS.invalid) {
      setInvalid(m, k, d);
      continue;
    }
    const ecl = m.eclipseFraction[k];
    const sunlit = 1 - ecl;
    m.sunlitFraction[k] = sunlit;
    m.arrayPowerBolW[k] = d.arrayBolW;
    m.arrayPowerEolW[k] = d.arrayEolW;
    let usable = orbitAverageUsablePowerW(d.arrayForUsableW, sunlit, d.x);
    const eclipseS = ecl * m.periodS[k];
    if (d.batteryInstalledWh > 0 && eclipseS > 0) {
      const cap = (d.batteryInstalledWh * d.dod * d.batteryEff * 3600) / eclipseS;
      if (cap < usable) usable = cap;
    }
    m.usablePowerW[k] = usable;
    const absorbed = radiatorAbsorbedPerM2W(d, m.altitudeKm[k], m.meanCosBeta[k], sunlit, solarFluxWm2Value);
    const reject = d.radiatorAreaM2 * (d.emittedAtOperatingWm2 - absorbed);
    m.radiatorRejectW[k] = reject;
    m.radiatorTempC[k] =
      equilibriumTemperatureK(d.installedLoadW, d.radiatorAreaM2, d.faces, d.emissivity, absorbed, SPACE_SINK_K) - KELVIN;
    const bounds = radiatorAbsorbedBoundsPerM2W(d, m.altitudeKm[k], m.meanCosBeta[k], solarFluxWm2Value);
    m.radiatorTempEclipseC[k] =
      ecl > 0
        ? equilibriumTemperatureK(d.installedLoadW, d.radiatorAreaM2, d.faces, d.emissivity, bounds.eclipse, SPACE_SINK_K) - KELVIN
        : Number.NaN;
    m.radiatorTempSunC[k] =
      equilibriumTemperatureK(d.installedLoadW, d.radiatorAreaM2, d.faces, d.emissivity, bounds.sunlit, SPACE_SINK_K) - KELVIN;
    m.powerMarginW[k] = usable - d.installedLoadW;
    m.thermalMarginW[k] = reject - d.installedLoadW;
    const byPower = usable - d.busW;
    const byHeat = reject - d.busW;
    let compute = d.installedComputeW;
    let bind: number = BINDING.installed;
    if (byPower < compute) {
      compute = byPower;
      bind = BINDING.power;
    }
    if (byHeat < compute) {
      compute = byHeat;
      bind = BINDING.thermal;
    }
    if (compute < 0) compute = 0;
    m.computePowerW[k] = compute;
    m.bindingLimit[k] = bind;
    m.batteryEnergyWh[k] =
      d.batteryInstalledWh > 0 ? d.batteryInstalledWh : ((compute + d.busW) * eclipseS) / 3600 / (d.dod * d.batteryEff);
  }
}

/** Same inputs, same outputs: copy row `from` of the design-model columns to row `to`. */
function copyDesignRow(m: PerSatelliteMetrics, from: number, to: number): void {
  m.sunlitFraction[to] = m.sunlitFraction[from];
  m.arrayPowerBolW[to] = m.arrayPowerBolW[from];
  m.arrayPowerEolW[to] = m.arrayPowerEolW[from];
  m.usablePowerW[to] = m.usablePowerW[from];
  m.batteryEnergyWh[to] = m.batteryEnergyWh[from];
  m.radiatorRejectW[to] = m.radiatorRejectW[from];
  m.radiatorTempC[to] = m.radiatorTempC[from];
  m.radiatorTempEclipseC[to] = m.radiatorTempEclipseC[from];
  m.radiatorTempSunC[to] = m.radiatorTempSunC[from];
  m.powerMarginW[to] = m.powerMarginW[from];
  m.thermalMarginW[to] = m.thermalMarginW[from];
  m.computePowerW[to] = m.computePowerW[from];
  m.bindingLimit[to] = m.bindingLimit[from];
}

function setInvalid(m: PerSatelliteMetrics, k: number, d: DesignConstants): void {
  const nan = Number.NaN;
  m.sunlitFraction[k] = nan;
  m.arrayPowerBolW[k] = d.arrayBolW;
  m.arrayPowerEolW[k] = d.arrayEolW;
  m.usablePowerW[k] = nan;
  m.batteryEnergyWh[k] = nan;
  m.radiatorRejectW[k] = nan;
  m.radiatorTempC[k] = nan;
  m.radiatorTempEclipseC[k] = nan;
  m.radiatorTempSunC[k] = nan;
  m.powerMarginW[k] = nan;
  m.thermalMarginW[k] = nan;
  m.computePowerW[k] = 0;
  m.bindingLimit[k] = BINDING.installed;
}

/** Design constants for every design of the scenario at the window's solar flux. */
export function scenarioDesignConstants(scenario: Scenario, solarFluxWm2Value: number, powerAt: 'eol' | 'bol' = 'eol'): DesignConstants[] {
  return scenario.designs.map((d) => designConstants(d, solarFluxWm2Value, powerAt));
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
  let prevKey = -1; // index of the previous row whose results can be reused
  const onProgress = opts.onProgress;
  for (let k = 0; k < count; k++) {
    if (onProgress && k > 0 && (k & 0xffff) === 0) onProgress(k, count);
    const i = start + k;
    const sh = shells[shellIdx[i]];
    const nRevDay = el.meanMotionRevPerDay[i];
    const ecc = el.eccentricity[i];
    const incDeg = el.inclinationDeg[i];
    const raanDeg = el.raanDeg[i];
    const epochMs = el.epochMs[i];
    // reuse: same shell and identical plane elements as the previous satellite (Walker planes)
    if (
      prevKey >= 0 &&
      shellIdx[i] === shellIdx[i - 1] &&
      raanDeg === el.raanDeg[i - 1] &&
      incDeg === el.inclinationDeg[i - 1] &&
      nRevDay === el.meanMotionRevPerDay[i - 1] &&
      ecc === el.eccentricity[i - 1] &&
      epochMs === el.epochMs[i - 1]
    ) {
      const p = k - 1;
      m.betaDeg[k] = m.betaDeg[p];
      m.meanCosBeta[k] = m.meanCosBeta[p];
      m.altitudeKm[k] = m.altitudeKm[p];
      m.periodS[k] = m.periodS[p];
      m.eclipseFraction[k] = m.eclipseFraction[p];
      m.latencyMs[k] = m.latencyMs[p];
      m.flags[k] = m.flags[p];
      continue;
    }
    prevKey = k;
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
      continue;
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
  }
  applyDesignModels(fleet, m, fluxWm2, designs);
  return m;
}

/** The solar flux the analysis uses for a window: 1361 / r^2 at the window's midpoint. */
export function windowSolarFluxWm2(win: AnalysisWindowMs): number {
  return solarFluxWm2(sunEphemeris(julianDateFromMs(win.startMs + win.durationMs / 2)).distanceAu);
}
