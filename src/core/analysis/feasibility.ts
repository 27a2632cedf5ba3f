/**
 * Feasibility beyond power and heat, per satellite and per shell: radiation dose against the
 * accelerators' tolerance, drag (station-keeping delta-v, propellant over the life, decay of a dead
 * satellite), closest approach within a shell against the keep-out distance, altitude bands
 * between shells, launches and the capacity ramp. Models: src/core/physics/radiation.ts, drag.ts,
 * launch.ts and ./closestApproach.ts; sources in docs/FEASIBILITY.md (and docs/PHYSICS.md "Beyond power and heat").
 *
 * These checks do not change the compute that can run: they make satellites infeasible with a
 * reason (REASON bits), and the rollup's feasible share counts a satellite only when its power
 * and thermal margins are >= 0 and no reason applies.
 */
import type { Fleet, FleetShell } from '../fleet/fleet';
import { satelliteName } from '../fleet/fleet';
import { ssoInclinationDeg } from '../orbit';
import {
  decayYears,
  dragDeltaVMPerSPerYear,
  edgeOnRadiatorDragFactor,
  propellantKg,
  sunTrackingDragFactor,
  yearMeanDragFactors,
} from '../physics/drag';
import { capacityRamp, launchesFor, satellitesPerLaunch, type RampShell, type RampYear } from '../physics/launch';
import { radiationDoseKradPerYear } from '../physics/radiation';
import type { Design } from '../scenario/design';
import type { Scenario } from '../scenario/schema';
import type { PerSatelliteMetrics } from './metrics';
import { METRIC_FLAGS } from './types';
import { bestPhasing, MAX_SCREENED_IMPORTED, shellClosestApproach, type ClosestApproach } from './closestApproach';
import { monotonicMs } from '../platform';

/** Per-satellite infeasibility reasons (bits of FeasibilityColumns.reasons). */
export const REASON = { power: 1, thermal: 2, radiation: 4, separation: 8, drag: 16 } as const;
export type ReasonName = keyof typeof REASON;
export const REASON_NAMES: readonly ReasonName[] = ['power', 'thermal', 'radiation', 'separation', 'drag'];
export const REASON_TEXT: Record<ReasonName, string> = {
  power: 'power margin below zero',
  thermal: 'thermal margin below zero',
  radiation: 'radiation dose over the life above the accelerators’ tolerance',
  separation: 'closest approach within the shell under the keep-out distance',
  drag: 'drag make-up over the life needs more propellant than the dry mass',
};

/**
 * Largest propellant load a design can carry, as a multiple of its dry mass (mass ratio 2, i.e.
 * half the wet mass; docs/FEASIBILITY.md "Feasibility: drag"). A satellite whose drag make-up over
 * the life needs more is infeasible by `drag`, and only this much propellant enters its mass.
 */
export const MAX_PROPELLANT_PER_DRY_MASS = 1;

/**
 * Decay times are reported up to this many years: beyond it the figure says only "stays up", and
 * the atmosphere model (fixed solar activity) has no meaning at such spans (docs/FEASIBILITY.md).
 */
export const MAX_DECAY_YEARS = 10_000;

export interface FeasibilityColumns {
  start: number;
  count: number;
  radiationDoseKradPerYear: Float64Array;
  /** Mean projected area facing the flow, m^2. */
  dragAreaM2: Float64Array;
  dragDeltaVMPerSPerYear: Float64Array;
  /** Propellant for drag make-up over the design life, kg. */
  propellantKg: Float64Array;
  /** Years for the satellite, dead, to decay to 120 km. */
  decayYears: Float64Array;
  /** REASON bits. */
  reasons: Uint8Array;
}

export interface SeparationResult extends ClosestApproach {
  /** Names of the closest pair. */
  pairNames: [string, string] | null;
  /** Proposed Walker phasing F (maximises the closest approach), when the search ran. */
  proposedPhasing: number | null;
  proposedMinSeparationKm: number | null;
  /** Seconds spent on this shell. */
  seconds: number;
}

export interface ShellFeasibility {
  shellId: string;
  altitudeKm: number;
  inclinationDeg: number;
  shieldingMmAl: number;
  radiationDoseKradPerYear: number;
  radiationDoseLifeKrad: number;
  radiationToleranceKrad: number;
  dragAreaM2: number;
  dragDeltaVMPerSPerYear: number;
  propellantKgPerSatellite: number;
  propellantT: number;
  decayYears: number;
  minSeparationKm: number;
  minSeparationLowerBound: boolean;
  separationMethod: string;
  closestPair: [string, string] | null;
  keepOutKm: number;
  proposedPhasing: number | null;
  proposedMinSeparationKm: number | null;
  /** Altitude band of the flown states plus the margin, km. */
  altitudeBandKm: [number, number];
  /** Other shells whose bands overlap this one's. */
  overlapsShellIds: string[];
  /** Gap to the nearest other shell's band, km (negative when they overlap; NaN alone). */
  altitudeGapKm: number;
  satellitesPerLaunch: number;
  launches: number;
  deploymentYears: number;
  /** Satellites per reason (a satellite can have several). */
  infeasibleCounts: Record<ReasonName, number>;
  /** Satellites with no reason at all. */
  feasibleSatellites: number;
}

export interface FeasibilityResult {
  columns: FeasibilityColumns;
  shells: ShellFeasibility[];
  separations: Array<SeparationResult | null>;
  totals: {
    launches: number;
    deploymentYears: number;
    propellantT: number;
    feasibleSatellites: number;
    infeasibleCounts: Record<ReasonName, number>;
    launchCampaignCostUsd: number;
    vehicle: string;
  };
  ramp: RampYear[];
  notes: string[];
}

/** Shell signature for the closest-approach cache (what the result depends on). */
function shellSignature(fleet: Fleet, sh: FleetShell, startMs: number, keepOutKm: number): string {
  const e = fleet.elements;
  const a = sh.start;
  const b = sh.start + sh.count - 1;
  const row = (i: number) =>
    [
      e.epochMs[i],
      e.meanMotionRevPerDay[i],
      e.eccentricity[i],
      e.inclinationDeg[i],
      e.raanDeg[i],
      e.argPerigeeDeg[i],
      e.meanAnomalyDeg[i],
      e.bstar[i],
    ].join(',');
  const mid = sh.start + (sh.count >> 1);
  return [
    sh.kind,
    sh.count,
    sh.planes,
    sh.satellitesPerPlane,
    row(a),
    row(mid),
    row(b),
    sh.kind === 'imported' ? `${startMs},${keepOutKm}` : `${keepOutKm}`,
  ].join('|');
}

const separationCache = new Map<string, SeparationResult>();

/** Closest approach of every shell (cached by geometry; the rigid result does not depend on the window). */
export function shellSeparations(fleet: Fleet, scenario: Scenario, startMs: number): Array<SeparationResult | null> {
  const keepOut = scenario.environment.keepOutKm;
  return fleet.shells.map((sh) => {
    if (sh.count < 2) return null;
    const key = shellSignature(fleet, sh, startMs, keepOut);
    const hit = separationCache.get(key);
    if (hit) return hit;
    const t0 = monotonicMs();
    const src = scenario.shells.find((s) => s.id === sh.id);
    const arcOnly = src?.kind === 'sso-dawn-dusk' && src.inPlaneArcDeg < 360;
    const ca = shellClosestApproach(fleet, sh, { startMs, keepOutKm: keepOut, arcOnly });
    let proposedPhasing: number | null = null;
    let proposedMin: number | null = null;
    // the phasing search for shells under the keep-out (Walker delta, and dawn-dusk shells whose
    // slots go all round the orbit): every F ranked by the closed form, the best checked by full
    // passes (exhaustive for small shells); proposed only when it beats the current F
    const searchable = (src?.kind === 'walker-delta' || (src?.kind === 'sso-dawn-dusk' && !arcOnly)) && ca.method === 'rigid-pattern';
    if (searchable && src && 'phasing' in src && ca.minSeparationKm < keepOut) {
      const ph = bestPhasing(fleet, sh, src.phasing, startMs, { currentMinKm: ca.minSeparationKm });
      if (ph && ph.bestF !== src.phasing && ph.bestMinKm > ca.minSeparationKm) {
        proposedPhasing = ph.bestF;
        proposedMin = ph.bestMinKm;
      }
    }
    const pairNames: [string, string] | null = ca.pair
      ? [satelliteName(fleet, sh.start + ca.pair[0]), satelliteName(fleet, sh.start + ca.pair[1])]
      : null;
    const seconds = (monotonicMs() - t0) / 1000;
    const r: SeparationResult = { ...ca, pairNames, proposedPhasing, proposedMinSeparationKm: proposedMin, seconds };
    if (separationCache.size > 256) separationCache.clear();
    separationCache.set(key, r);
    return r;
  });
}

interface DesignDrag {
  fixedKg: number;
  batteryWhPerKg: number;
  lifeYears: number;
  shieldingMmAl: number;
  toleranceKrad: number;
  isp: number;
  cd: number;
  busM2: number;
  arrayM2: number;
  sunTracking: boolean;
  radiatorM2: number;
  radiatorEdgeOnSunAvoiding: boolean;
}

function designDrag(d: Design): DesignDrag {
  return {
    fixedKg:
      d.mass.busKg +
      d.solarArray.areaM2 * d.mass.arrayKgPerM2 +
      d.radiator.areaM2 * d.mass.radiatorKgPerM2 +
      d.compute.acceleratorCount * d.mass.computeKgPerAccelerator,
    batteryWhPerKg: d.power.batteryWhPerKg,
    lifeYears: d.solarArray.lifeYears,
    shieldingMmAl: d.radiation.shieldingMmAl,
    toleranceKrad: d.radiation.toleranceKrad,
    isp: d.propulsion.specificImpulseS,
    cd: d.propulsion.dragCoefficient,
    busM2: d.propulsion.busFrontalAreaM2,
    arrayM2: d.solarArray.areaM2,
    sunTracking: d.solarArray.pointing === 'sun-tracking',
    radiatorM2: d.radiator.areaM2,
    radiatorEdgeOnSunAvoiding: d.radiator.orientation === 'edge-on' && !d.radiator.sunOnRadiator,
  };
}

/**
 * Mean projected area facing the flow, m^2 (docs/FEASIBILITY.md "Feasibility: drag"):
 * - sun-tracking array: A (2/pi) |cos beta| (the Sun's component along the velocity is -cos beta sin u);
 *   body-fixed array: A / 2 (the mean projection of a plate over all directions);
 * - edge-on radiator kept out of the Sun: normal along nadir x Sun, edgeOnRadiatorDragFactor(beta);
 *   nadir-facing radiator, or one allowed to see the Sun (flown edge-on to the flow): 0;
 * - plus the bus frontal area.
 * `sunTrack` and `radiator` are the orbit's (year-mean or sun-synchronous window) factors.
 */
function dragArea(dd: DesignDrag, sunTrack: number, radiator: number): number {
  const arr = dd.sunTracking ? dd.arrayM2 * sunTrack : dd.arrayM2 / 2;
  const rad = dd.radiatorEdgeOnSunAvoiding ? dd.radiatorM2 * radiator : 0;
  return arr + rad + dd.busM2;
}

/** Per-satellite columns and per-shell summaries. */
export function analyzeFeasibility(
  fleet: Fleet,
  scenario: Scenario,
  m: PerSatelliteMetrics,
  opts: {
    separations?: Array<SeparationResult | null>;
    startMs?: number;
    /** Reuse these columns (at least m.count rows) instead of allocating: fresh memory is most of the cost at 1M. */
    out?: FeasibilityColumns;
  } = {},
): FeasibilityResult {
  const n = m.count;
  const o = opts.out && opts.out.reasons.length >= n ? opts.out : null;
  const cols: FeasibilityColumns = o
    ? {
        start: m.start,
        count: n,
        radiationDoseKradPerYear: o.radiationDoseKradPerYear.subarray(0, n),
        dragAreaM2: o.dragAreaM2.subarray(0, n),
        dragDeltaVMPerSPerYear: o.dragDeltaVMPerSPerYear.subarray(0, n),
        propellantKg: o.propellantKg.subarray(0, n),
        decayYears: o.decayYears.subarray(0, n),
        reasons: o.reasons.subarray(0, n),
      }
    : {
        start: m.start,
        count: n,
        radiationDoseKradPerYear: new Float64Array(n),
        dragAreaM2: new Float64Array(n),
        dragDeltaVMPerSPerYear: new Float64Array(n),
        propellantKg: new Float64Array(n),
        decayYears: new Float64Array(n),
        reasons: new Uint8Array(n),
      };
  const designs = scenario.designs.map(designDrag);
  const activity = scenario.environment.solarActivity;
  const startMs = opts.startMs ?? Date.parse(scenario.window.start);
  const separations = opts.separations ?? shellSeparations(fleet, scenario, startMs);
  const keepOut = scenario.environment.keepOutKm;
  const underKeepOut = separations.map((s) => !!s && !s.lowerBound && s.minSeparationKm < keepOut);
  const yearFactors = new Map<number, ReturnType<typeof yearMeanDragFactors>>();
  const el = fleet.elements;
  // Per-shell constants; per satellite only the mass (battery) and, for sun-synchronous orbits, beta
  // vary. Drag delta-v scales as 1/m and the decay time as m (both through B = Cd A / m), so the
  // models run once per (design, altitude, inclination, beta) for a unit mass and are scaled.
  const shellSso = fleet.shells.map((sh) => sh.kind === 'sso-dawn-dusk');
  const shellImported = fleet.shells.map((sh) => sh.kind === 'imported');
  let pAlt = Number.NaN;
  let pInc = Number.NaN;
  let pCos = Number.NaN;
  let pDesign = -1;
  let pSso = false;
  let dose = Number.NaN;
  let area = Number.NaN;
  let dvUnit = Number.NaN; // m/s per year for 1 kg
  let decayUnit = Number.NaN; // years for 1 kg
  const shellIdx = fleet.shellIndex;
  const designIdx = fleet.designIndex;
  const incCol = el.inclinationDeg;
  // columns as locals (the metrics object is built key by key: its property reads are slow in a hot loop)
  const flags = m.flags;
  const powerM = m.powerMarginW;
  const thermalM = m.thermalMarginW;
  const altCol = m.altitudeKm;
  const cosCol = m.meanCosBeta;
  const batteryCol = m.batteryEnergyWh;
  const doseOut = cols.radiationDoseKradPerYear;
  const areaOut = cols.dragAreaM2;
  const dvOut = cols.dragDeltaVMPerSPerYear;
  const propOut = cols.propellantKg;
  const decayOut = cols.decayYears;
  const reasonOut = cols.reasons;
  for (let k = 0; k < n; ) {
    const id = m.start + k;
    const s = shellIdx[id];
    const di = designIdx[id];
    const dd = designs[di] ?? designs[0];
    // a run of rows with the same inputs (a Walker plane) gets the same outputs: computed once, filled
    let e = k + 1;
    while (
      e < n &&
      shellIdx[m.start + e] === s &&
      designIdx[m.start + e] === di &&
      flags[e] === flags[k] &&
      powerM[e] < 0 === powerM[k] < 0 &&
      thermalM[e] < 0 === thermalM[k] < 0 &&
      altCol[e] === altCol[k] &&
      incCol[m.start + e] === incCol[id] &&
      cosCol[e] === cosCol[k] &&
      batteryCol[e] === batteryCol[k]
    )
      e++;
    if (flags[k] & METRIC_FLAGS.invalid) {
      doseOut.fill(Number.NaN, k, e);
      areaOut.fill(Number.NaN, k, e);
      dvOut.fill(Number.NaN, k, e);
      propOut.fill(0, k, e);
      decayOut.fill(Number.NaN, k, e);
      reasonOut.fill(0, k, e);
      k = e;
      continue;
    }
    let reasons = 0;
    if (powerM[k] < 0) reasons |= REASON.power;
    if (thermalM[k] < 0) reasons |= REASON.thermal;
    if (underKeepOut[s]) reasons |= REASON.separation;
    const alt = altCol[k];
    const inc = incCol[id];
    const sso = shellSso[s] || (shellImported[s] && Math.abs(inc - ssoInclinationDeg(Math.min(alt, 5900))) < 0.5);
    const cosB = cosCol[k];
    if (!(di === pDesign && alt === pAlt && inc === pInc && sso === pSso && (!sso || cosB === pCos))) {
      pDesign = di;
      pAlt = alt;
      pInc = inc;
      pSso = sso;
      pCos = cosB;
      dose = radiationDoseKradPerYear(alt, inc, dd.shieldingMmAl);
      let sunTrack: number;
      let radiator: number;
      if (sso && Number.isFinite(cosB)) {
        sunTrack = sunTrackingDragFactor(cosB);
        radiator = edgeOnRadiatorDragFactor(cosB);
      } else {
        const key = Math.round(inc * 10);
        let f = yearFactors.get(key);
        if (!f) {
          f = yearMeanDragFactors(key / 10);
          yearFactors.set(key, f);
        }
        sunTrack = f.sunTracking;
        radiator = f.edgeOnRadiator;
      }
      area = dragArea(dd, sunTrack, radiator);
      dvUnit = dragDeltaVMPerSPerYear(alt, activity, dd.cd, area, 1);
      decayUnit = decayYears(alt, activity, dd.cd, area, 1);
    }
    const battery = batteryCol[k];
    const dryKg = dd.fixedKg + (battery > 0 ? battery / dd.batteryWhPerKg : 0);
    const dv = dvUnit / dryKg;
    if (dose * dd.lifeYears > dd.toleranceKrad) reasons |= REASON.radiation;
    let prop = propellantKg(dryKg, dv * dd.lifeYears, dd.isp);
    if (!(prop <= dryKg * MAX_PROPELLANT_PER_DRY_MASS) && !Number.isNaN(prop)) {
      reasons |= REASON.drag;
      prop = dryKg * MAX_PROPELLANT_PER_DRY_MASS;
    }
    doseOut.fill(dose, k, e);
    areaOut.fill(area, k, e);
    dvOut.fill(dv, k, e);
    propOut.fill(prop, k, e);
    decayOut.fill(Math.min(decayUnit * dryKg, MAX_DECAY_YEARS), k, e);
    reasonOut.fill(reasons, k, e);
    k = e;
  }
  return summarizeFeasibility(fleet, scenario, m, cols, separations);
}

function zeroCounts(): Record<ReasonName, number> {
  return { power: 0, thermal: 0, radiation: 0, separation: 0, drag: 0 };
}

function summarizeFeasibility(
  fleet: Fleet,
  scenario: Scenario,
  m: PerSatelliteMetrics,
  cols: FeasibilityColumns,
  separations: Array<SeparationResult | null>,
): FeasibilityResult {
  const S = fleet.shells.length;
  const acc = fleet.shells.map(() => ({
    valid: 0,
    alt: 0,
    inc: 0,
    dose: 0,
    area: 0,
    dv: 0,
    prop: 0,
    decay: 0,
    decayN: 0,
    doseN: 0,
    dragN: 0,
    feasible: 0,
    counts: zeroCounts(),
    computeW: 0,
    computeBolW: 0,
    massKg: 0,
    all: 0,
  }));
  const designs = scenario.designs.map(designDrag);
  const installedW = scenario.designs.map(
    (d) => d.compute.acceleratorCount * (d.compute.powerPerAcceleratorW + d.compute.overheadPerAcceleratorW),
  );
  const busW = scenario.designs.map((d) => d.compute.busPowerW);
  const shellIdx = fleet.shellIndex;
  const designIdx = fleet.designIndex;
  const incCol = fleet.elements.inclinationDeg;
  const flags = m.flags;
  const batteryCol = m.batteryEnergyWh;
  const altCol = m.altitudeKm;
  const computeCol = m.computePowerW;
  const bolCol = m.arrayPowerBolW;
  const eolCol = m.arrayPowerEolW;
  const usableCol = m.usablePowerW;
  const rejectCol = m.radiatorRejectW;
  const doseCol = cols.radiationDoseKradPerYear;
  const dvCol = cols.dragDeltaVMPerSPerYear;
  const propCol = cols.propellantKg;
  const areaCol = cols.dragAreaM2;
  const decayCol = cols.decayYears;
  const reasonCol = cols.reasons;
  const same = (x: Float64Array, e: number, k: number) => x[e] === x[k] || (Number.isNaN(x[e]) && Number.isNaN(x[k]));
  for (let k = 0; k < cols.count; ) {
    const id = cols.start + k;
    const a = acc[shellIdx[id]];
    // a run of identical rows (a Walker plane) is added once, times its length
    let e = k + 1;
    while (
      e < cols.count &&
      shellIdx[cols.start + e] === shellIdx[id] &&
      designIdx[cols.start + e] === designIdx[id] &&
      flags[e] === flags[k] &&
      reasonCol[e] === reasonCol[k] &&
      incCol[cols.start + e] === incCol[id] &&
      same(batteryCol, e, k) &&
      same(altCol, e, k) &&
      same(computeCol, e, k) &&
      same(bolCol, e, k) &&
      same(eolCol, e, k) &&
      same(usableCol, e, k) &&
      same(rejectCol, e, k) &&
      same(doseCol, e, k) &&
      same(dvCol, e, k) &&
      same(propCol, e, k) &&
      same(areaCol, e, k) &&
      same(decayCol, e, k)
    )
      e++;
    const r = e - k;
    k = e - 1;
    const next = e;
    if (!a) {
      k = next;
      continue;
    }
    a.all += r;
    const dd = designs[designIdx[id]] ?? designs[0];
    const battery = batteryCol[k];
    const pk = propCol[k];
    a.massKg += r * (dd.fixedKg + (battery > 0 ? battery / dd.batteryWhPerKg : 0) + (Number.isFinite(pk) ? pk : 0));
    if (flags[k] & METRIC_FLAGS.invalid) {
      k = next;
      continue;
    }
    a.valid += r;
    a.alt += r * altCol[k];
    a.inc += r * incCol[id];
    // means over the satellites whose models gave a number (imported oddities give NaN, not a NaN sum)
    const dose = doseCol[k];
    if (Number.isFinite(dose)) {
      a.dose += r * dose;
      a.doseN += r;
    }
    if (Number.isFinite(dvCol[k]) && Number.isFinite(propCol[k])) {
      a.area += r * areaCol[k];
      a.dv += r * dvCol[k];
      a.prop += r * propCol[k];
      a.dragN += r;
    }
    if (Number.isFinite(decayCol[k])) {
      a.decay += r * decayCol[k];
      a.decayN += r;
    }
    a.computeW += r * computeCol[k];
    {
      // compute when new: usable power scales with the array (BOL / EOL), the radiator does not age
      const inst = installedW[designIdx[id]] ?? installedW[0];
      const bus = busW[designIdx[id]] ?? busW[0];
      const ratio = eolCol[k] > 0 ? bolCol[k] / eolCol[k] : 1;
      a.computeBolW += r * Math.max(0, Math.min(inst, usableCol[k] * ratio - bus, rejectCol[k] - bus));
    }
    const rs = reasonCol[k];
    if (rs === 0) a.feasible += r;
    else {
      const c = a.counts;
      if (rs & REASON.power) c.power += r;
      if (rs & REASON.thermal) c.thermal += r;
      if (rs & REASON.radiation) c.radiation += r;
      if (rs & REASON.separation) c.separation += r;
      if (rs & REASON.drag) c.drag += r;
    }
    k = next;
  }
  const env = scenario.environment;
  const lv = scenario.launch;
  const bands: Array<[number, number]> = fleet.shells.map((sh, s) => {
    const sep = separations[s];
    let lo = sep?.altitudeMinKm ?? Number.NaN;
    let hi = sep?.altitudeMaxKm ?? Number.NaN;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      // single satellite or no flown track: perigee / apogee of the mean elements
      const e = fleet.elements;
      lo = Number.POSITIVE_INFINITY;
      hi = Number.NEGATIVE_INFINITY;
      for (let i = sh.start; i < sh.start + sh.count; i++) {
        const aKm = (398600.8 / ((e.meanMotionRevPerDay[i] * 2 * Math.PI) / 86400) ** 2) ** (1 / 3);
        lo = Math.min(lo, aKm * (1 - e.eccentricity[i]) - 6378.135);
        hi = Math.max(hi, aKm * (1 + e.eccentricity[i]) - 6378.135);
      }
    }
    return [lo - env.shellMarginKm, hi + env.shellMarginKm];
  });
  const shells: ShellFeasibility[] = fleet.shells.map((sh, s) => {
    const a = acc[s];
    const v = a.valid || Number.NaN;
    const sep = separations[s];
    const dd = designs[sh.designIndex] ?? designs[0];
    const overlaps: string[] = [];
    let gap = Number.NaN;
    for (let o = 0; o < fleet.shells.length; o++) {
      if (o === s || fleet.shells[o].count === 0 || sh.count === 0) continue;
      const [l1, h1] = bands[s];
      const [l2, h2] = bands[o];
      const g = Math.max(l2 - h1, l1 - h2);
      if (g < 0) overlaps.push(fleet.shells[o].id);
      if (!(g >= gap)) gap = g;
    }
    const meanMass = a.all > 0 ? a.massKg / a.all : 0;
    const perLaunch = satellitesPerLaunch(lv.payloadKg, meanMass);
    const launches = launchesFor(sh.count, perLaunch);
    const dose = a.doseN > 0 ? a.dose / a.doseN : Number.NaN;
    const dn = a.dragN || Number.NaN;
    return {
      shellId: sh.id,
      altitudeKm: Number.isFinite(sh.altitudeKm) ? sh.altitudeKm : a.alt / v,
      inclinationDeg: Number.isFinite(sh.inclinationDeg) ? sh.inclinationDeg : a.inc / v,
      shieldingMmAl: dd.shieldingMmAl,
      radiationDoseKradPerYear: dose,
      radiationDoseLifeKrad: dose * dd.lifeYears,
      radiationToleranceKrad: dd.toleranceKrad,
      dragAreaM2: a.area / dn,
      dragDeltaVMPerSPerYear: a.dv / dn,
      propellantKgPerSatellite: a.prop / dn,
      propellantT: a.prop / 1000,
      decayYears: a.decayN > 0 ? a.decay / a.decayN : Number.NaN,
      minSeparationKm: sep?.minSeparationKm ?? Number.NaN,
      minSeparationLowerBound: sep?.lowerBound ?? false,
      separationMethod: sep?.method ?? 'none',
      closestPair: sep?.pairNames ?? null,
      keepOutKm: env.keepOutKm,
      proposedPhasing: sep?.proposedPhasing ?? null,
      proposedMinSeparationKm: sep?.proposedMinSeparationKm ?? null,
      altitudeBandKm: bands[s],
      overlapsShellIds: overlaps,
      altitudeGapKm: gap,
      satellitesPerLaunch: perLaunch,
      launches,
      deploymentYears: launches / lv.launchesPerYear,
      infeasibleCounts: a.counts,
      feasibleSatellites: a.feasible,
    };
  });
  const counts = zeroCounts();
  let feasible = 0;
  let launches = 0;
  let prop = 0;
  for (const sh of shells) {
    for (const r of REASON_NAMES) counts[r] += sh.infeasibleCounts[r];
    feasible += sh.feasibleSatellites;
    launches += sh.launches;
    prop += sh.propellantT;
  }
  // capacity ramp: compute per satellite at EOL (the analysis figure) and at BOL
  const rampShells: RampShell[] = fleet.shells.map((sh, s) => {
    const a = acc[s];
    const f = shells[s];
    const d = scenario.designs[sh.designIndex] ?? scenario.designs[0];
    const eolW = a.valid > 0 ? a.computeW / a.valid : 0;
    const lifeRad = f.radiationDoseKradPerYear > 0 ? d.radiation.toleranceKrad / f.radiationDoseKradPerYear : Number.POSITIVE_INFINITY;
    const life = Math.max(1, Math.min(d.solarArray.lifeYears, lifeRad));
    const bolW = a.valid > 0 ? a.computeBolW / a.valid : 0;
    return {
      satellites: sh.count,
      satellitesPerLaunch: f.satellitesPerLaunch,
      computeEolW: eolW,
      computeBolW: Math.max(eolW, bolW),
      lifeYears: life,
    };
  });
  const deployYears = launches / lv.launchesPerYear;
  const horizon = Math.min(
    60,
    Math.max(10, Math.ceil(deployYears) + 2 * Math.ceil(Math.max(...scenario.designs.map((d) => d.solarArray.lifeYears), 1))),
  );
  const ramp = Number.isFinite(launches) ? capacityRamp(rampShells, lv.launchesPerYear, horizon) : [];
  const notes: string[] = [];
  if (separations.some((x) => x?.method === 'grid-screening'))
    notes.push('closest approach of imported shells: grid screening over one orbit from the window start');
  if (separations.some((x) => x?.method === 'not-screened'))
    notes.push(
      `closest approach not screened for imported shells above ${MAX_SCREENED_IMPORTED.toLocaleString('en-US')} objects ` +
        '(the screening cost); their separation check is left open',
    );
  return {
    columns: cols,
    shells,
    separations,
    totals: {
      launches,
      deploymentYears: deployYears,
      propellantT: prop,
      feasibleSatellites: feasible,
      infeasibleCounts: counts,
      launchCampaignCostUsd: launches * lv.priceUsd,
      vehicle: lv.vehicle,
    },
    ramp,
    notes,
  };
}

/** Ratio of counts to a denominator (NaN for 0). */
const share = (x: number, n: number): number => (n > 0 ? x / n : Number.NaN);

/**
 * Fold the feasibility checks into a rollup (in place; returns it): the feasible share counts only
 * satellites with no reason (power and thermal margins >= 0, dose within tolerance, closest approach
 * at or above the keep-out); the old power-and-heat share stays as powerThermalFeasibleShare; the
 * propellant joins the mass to orbit and the launch cost (design USD/kg).
 */
export function applyFeasibility<R extends import('./rollup').Rollup>(
  rollup: R,
  f: FeasibilityResult,
  fleet: Fleet,
  scenario: Scenario,
): R {
  let propUsd = 0;
  rollup.shells.forEach((sh, s) => {
    const fs = f.shells[s];
    if (!fs) return;
    const d = scenario.designs[fleet.shells[s]?.designIndex ?? 0] ?? scenario.designs[0];
    sh.powerThermalFeasibleShare = sh.feasibleShare;
    sh.feasibleShare = share(fs.feasibleSatellites, sh.validSatellites);
    sh.propellantT = fs.propellantT;
    const usd = Math.round(fs.propellantT * 1000 * d.mass.launchUsdPerKg);
    propUsd += usd;
    sh.massToOrbitT += fs.propellantT;
    sh.launchCostUsd += usd;
    sh.totalCostUsd += usd;
    sh.costPerGWUsd = sh.computeGW > 0 ? sh.totalCostUsd / sh.computeGW : Number.NaN;
    sh.feasibilityLimit = limitOf(fs.infeasibleCounts);
  });
  const t = rollup.totals;
  t.powerThermalFeasibleShare = t.feasibleShare;
  t.feasibleShare = share(f.totals.feasibleSatellites, t.validSatellites);
  t.propellantT = f.totals.propellantT;
  t.massToOrbitT += f.totals.propellantT;
  t.launchCostUsd += propUsd;
  t.totalCostUsd += propUsd;
  t.costPerGWUsd = t.computeGW > 0 ? t.totalCostUsd / t.computeGW : Number.NaN;
  t.feasibilityLimit = limitOf(f.totals.infeasibleCounts);
  rollup.feasibility = f;
  return rollup;
}

/** The reason that makes the most satellites infeasible ('none' when none does). */
export function limitOf(c: Record<ReasonName, number>): ReasonName | 'none' {
  let best: ReasonName | 'none' = 'none';
  let n = 0;
  for (const r of REASON_NAMES)
    if (c[r] > n) {
      n = c[r];
      best = r;
    }
  return best;
}
