/**
 * Capacity rollup per shell and for the whole fleet: gigawatts, GPU equivalents, feasible share,
 * latency percentiles, areas, mass and cost. Sources: PHYSICS.md "Compute equivalence" (GPU and
 * Colossus 1 equivalents) and the per-satellite models of designModels.ts.
 *
 * Mergeable by construction, so worker shards combine to exactly the whole-fleet answer:
 * - Sums are accumulated as integers in fixed units (1 mW, 1 g, 1 cm^2, 1 USD, 1e-9 for
 *   fractions): float64 adds integers below 2^53 exactly, so the total does not depend on how the
 *   fleet was split or in which order partials are merged (4 M satellites of 1 MW each stay
 *   below 2^53 mW).
 * - Latency percentiles come from a fixed log-spaced histogram: 0.01 ms to 10 s, bins a factor
 *   1.001 wide (13,816 bins). A percentile is the geometric centre of the bin holding the
 *   nearest-rank sample, so it is within 0.05 % of the exact order statistic. Histograms add.
 */
import type { Fleet } from '../fleet/fleet';
import type { Scenario } from '../scenario/schema';
import { allInGpuEquivalents, colossus1Equivalents, h100Equivalents } from '../physics/compute';
import { BINDING_NAMES, METRIC_FLAGS, type AnalysisMode, type BindingName } from './types';
import type { PerSatelliteMetrics } from './metrics';

/** Histogram layout for latency, ms. */
export const LATENCY_HIST = {
  minMs: 0.01,
  maxMs: 10_000,
  ratio: 1.001,
  bins: Math.ceil(Math.log(10_000 / 0.01) / Math.log(1.001)),
} as const;
const LOG_RATIO = Math.log(LATENCY_HIST.ratio);
const LOG_MIN = Math.log(LATENCY_HIST.minMs);

/** Sum fields of a shell partial; units are the fixed-point units named. */
const F = {
  satellites: 0,
  valid: 1,
  feasible: 2,
  arrayBolMw: 3, // milliwatts
  arrayEolMw: 4,
  usableMw: 5,
  deliverableComputeMw: 6,
  rejectableComputeMw: 7,
  installedComputeMw: 8,
  computeMw: 9,
  bindInstalled: 10,
  bindPower: 11,
  bindThermal: 12,
  eclipseNano: 13, // fraction x 1e9
  sunlitNano: 14,
  radiatorCm2: 15,
  arrayCm2: 16,
  massG: 17,
  launchUsd: 18,
  hardwareUsd: 19,
  latencyCount: 20,
  latencyNever: 21,
  latencySumNs: 22, // nanoseconds
  batteryMWh: 23, // milliwatt-hours
} as const;
const NF = 24;

export interface RollupPartial {
  mode: AnalysisMode;
  shellCount: number;
  /** shellCount x NF integer-valued sums. */
  sums: Float64Array;
  /** Latency histogram per shell (null until a shell has a finite latency). */
  latencyHist: Array<Uint32Array | null>;
}

export function createRollupPartial(shellCount: number, mode: AnalysisMode): RollupPartial {
  return { mode, shellCount, sums: new Float64Array(shellCount * NF), latencyHist: new Array(shellCount).fill(null) };
}

/** Histogram bin of a latency, ms (clamped to the first and last bins). */
export function latencyBin(ms: number): number {
  const b = Math.floor((Math.log(ms) - LOG_MIN) / LOG_RATIO);
  return b < 0 ? 0 : b >= LATENCY_HIST.bins ? LATENCY_HIST.bins - 1 : b;
}

/** Geometric centre of a bin, ms. */
export function latencyBinCentreMs(bin: number): number {
  return Math.exp(LOG_MIN + (bin + 0.5) * LOG_RATIO);
}

const round = Math.round;

/** Per-design mass and cost constants. */
interface DesignMass {
  fixedKg: number;
  batteryWhPerKg: number;
  launchUsdPerKg: number;
  hardwareUsd: number;
  arrayM2: number;
  radiatorM2: number;
  busW: number;
  installedComputeW: number;
}

function designMass(scenario: Scenario): DesignMass[] {
  return scenario.designs.map((d) => ({
    fixedKg:
      d.mass.busKg +
      d.solarArray.areaM2 * d.mass.arrayKgPerM2 +
      d.radiator.areaM2 * d.mass.radiatorKgPerM2 +
      d.compute.acceleratorCount * d.mass.computeKgPerAccelerator,
    batteryWhPerKg: d.power.batteryWhPerKg,
    launchUsdPerKg: d.mass.launchUsdPerKg,
    hardwareUsd: d.mass.hardwareUsdPerSatellite,
    arrayM2: d.solarArray.areaM2,
    radiatorM2: d.radiator.areaM2,
    busW: d.compute.busPowerW,
    installedComputeW: d.compute.acceleratorCount * (d.compute.powerPerAcceleratorW + d.compute.overheadPerAcceleratorW),
  }));
}

/**
 * Add the satellites of `metrics` (fleet ids metrics.start ..) into `partial`. Mass per satellite
 * = bus + array area x kg/m^2 + radiator area x kg/m^2 + accelerators x kg + battery (energy /
 * Wh/kg); launch cost = mass x USD/kg; hardware cost per satellite from the design.
 */
export function accumulateRollup(partial: RollupPartial, fleet: Fleet, scenario: Scenario, metrics: PerSatelliteMetrics): RollupPartial {
  const masses = designMass(scenario);
  const sums = partial.sums;
  let prevLat = Number.NaN;
  let prevBin = 0;
  const mt = metrics;
  const shellIdx = fleet.shellIndex;
  const designIdx = fleet.designIndex;
  // columns as locals: the metrics object is built key by key, so its property reads are slow in a hot loop
  const flags = mt.flags;
  const battery = mt.batteryEnergyWh;
  const bol = mt.arrayPowerBolW;
  const eol = mt.arrayPowerEolW;
  const usableW = mt.usablePowerW;
  const rejectW = mt.radiatorRejectW;
  const computeW = mt.computePowerW;
  const binding = mt.bindingLimit;
  const eclipse = mt.eclipseFraction;
  const sunlitF = mt.sunlitFraction;
  const latency = mt.latencyMs;
  const powerM = mt.powerMarginW;
  const thermalM = mt.thermalMarginW;
  for (let k = 0; k < mt.count; ) {
    const id = mt.start + k;
    const s = shellIdx[id];
    const d = masses[designIdx[id]] ?? masses[0];
    const o = s * NF;
    // a run of identical rows (a Walker plane) adds r times the same integers: exact, as r single adds
    let e = k + 1;
    while (
      e < mt.count &&
      shellIdx[mt.start + e] === s &&
      designIdx[mt.start + e] === designIdx[id] &&
      flags[e] === flags[k] &&
      battery[e] === battery[k] &&
      bol[e] === bol[k] &&
      eol[e] === eol[k] &&
      usableW[e] === usableW[k] &&
      rejectW[e] === rejectW[k] &&
      computeW[e] === computeW[k] &&
      binding[e] === binding[k] &&
      eclipse[e] === eclipse[k] &&
      sunlitF[e] === sunlitF[k] &&
      latency[e] === latency[k] &&
      powerM[e] === powerM[k] &&
      thermalM[e] === thermalM[k]
    )
      e++;
    const r = e - k;
    sums[o + F.satellites] += r;
    // design-fixed quantities count for every satellite flown, valid elements or not
    const batteryWh = battery[k];
    const massKg = d.fixedKg + (batteryWh > 0 ? batteryWh / d.batteryWhPerKg : 0);
    sums[o + F.massG] += r * round(massKg * 1000);
    sums[o + F.launchUsd] += r * round(massKg * d.launchUsdPerKg);
    sums[o + F.hardwareUsd] += r * round(d.hardwareUsd);
    sums[o + F.radiatorCm2] += r * round(d.radiatorM2 * 1e4);
    sums[o + F.arrayCm2] += r * round(d.arrayM2 * 1e4);
    sums[o + F.arrayBolMw] += r * round(bol[k] * 1000);
    sums[o + F.arrayEolMw] += r * round(eol[k] * 1000);
    if (batteryWh > 0) sums[o + F.batteryMWh] += r * round(batteryWh * 1000);
    k = e;
    if (flags[e - 1] & METRIC_FLAGS.invalid) continue;
    const j = e - 1;
    sums[o + F.valid] += r;
    const usable = usableW[j];
    const reject = rejectW[j];
    const compute = computeW[j];
    const installed = d.installedComputeW;
    if (powerM[j] >= 0 && thermalM[j] >= 0) sums[o + F.feasible] += r;
    sums[o + F.usableMw] += r * round(usable * 1000);
    sums[o + F.deliverableComputeMw] += r * round(Math.max(0, usable - d.busW) * 1000);
    sums[o + F.rejectableComputeMw] += r * round(Math.max(0, reject - d.busW) * 1000);
    sums[o + F.installedComputeMw] += r * round(installed * 1000);
    sums[o + F.computeMw] += r * round(compute * 1000);
    sums[o + F.bindInstalled + binding[j]] += r;
    sums[o + F.eclipseNano] += r * round(eclipse[j] * 1e9);
    sums[o + F.sunlitNano] += r * round(sunlitF[j] * 1e9);
    const lat = latency[j];
    if (lat > 0 && Number.isFinite(lat)) {
      sums[o + F.latencyCount] += r;
      sums[o + F.latencySumNs] += r * round(lat * 1e6);
      let h = partial.latencyHist[s];
      if (!h) h = partial.latencyHist[s] = new Uint32Array(LATENCY_HIST.bins);
      if (lat !== prevLat) {
        prevLat = lat;
        prevBin = latencyBin(lat);
      }
      h[prevBin] += r;
    } else {
      sums[o + F.latencyNever] += r;
    }
  }
  return partial;
}

/** Merge `b` into `a` (exact: integer sums and histogram counts add). Returns `a`. */
export function mergeRollupPartials(a: RollupPartial, b: RollupPartial): RollupPartial {
  if (a.shellCount !== b.shellCount) throw new RangeError(`cannot merge rollups of ${a.shellCount} and ${b.shellCount} shells`);
  for (let i = 0; i < a.sums.length; i++) a.sums[i] += b.sums[i];
  for (let s = 0; s < a.shellCount; s++) {
    const hb = b.latencyHist[s];
    if (!hb) continue;
    const ha = a.latencyHist[s];
    if (!ha) a.latencyHist[s] = hb.slice();
    else for (let i = 0; i < hb.length; i++) ha[i] += hb[i];
  }
  return a;
}

export interface RollupFigures {
  satellites: number;
  /** Satellites whose elements gave usable metrics. */
  validSatellites: number;
  arrayPowerBolGW: number;
  arrayPowerEolGW: number;
  /** Orbit-average usable power of all satellites, GW (bus included). */
  usablePowerGW: number;
  /** Power available to compute (usable - bus, >= 0), GW. */
  computeDeliverableGW: number;
  /** Heat the radiators reject beyond the bus (>= 0), GW. */
  computeRejectableGW: number;
  installedComputeGW: number;
  /** Sum over satellites of min(deliverable, rejectable, installed), GW. */
  computeGW: number;
  /** The limit that binds for the most satellites. */
  binding: BindingName;
  bindingCounts: Record<BindingName, number>;
  h100Equivalents: number;
  allInGpuEquivalents: number;
  colossus1Equivalents: number;
  /**
   * Share of valid satellites that pass every check: power and thermal margins >= 0, and (once the
   * feasibility checks are folded in, ./feasibility.ts applyFeasibility) radiation dose within the
   * tolerance and closest approach at or above the keep-out distance.
   */
  feasibleShare: number;
  /** Share with power margin >= 0 and thermal margin >= 0 only. */
  powerThermalFeasibleShare: number;
  /** The feasibility reason that excludes the most satellites ('none'; set by applyFeasibility). */
  feasibilityLimit: string;
  /** Station-keeping propellant over the life, t (included in massToOrbitT once applied). */
  propellantT: number;
  eclipseFraction: number;
  sunlitFraction: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  /** Share of valid satellites without a latency (sampled: never in view or reachable). */
  neverInViewShare: number;
  radiatorAreaKm2: number;
  arrayAreaKm2: number;
  batteryEnergyMWh: number;
  massToOrbitT: number;
  launchCostUsd: number;
  hardwareCostUsd: number;
  totalCostUsd: number;
  /** (launch + hardware) / computeGW, USD per GW of compute that runs. */
  costPerGWUsd: number;
}

export interface ShellRollup extends RollupFigures {
  shellId: string;
  name: string;
  kind: string;
}

export interface Rollup {
  mode: AnalysisMode;
  /** How percentiles were computed. */
  percentileMethod: string;
  totals: RollupFigures;
  shells: ShellRollup[];
  /** Radiation, drag, closest approach and launches (./feasibility.ts), when applied. */
  feasibility?: import('./feasibility').FeasibilityResult;
}

function figures(sums: Float64Array, o: number, hist: Uint32Array | null): RollupFigures {
  const g = (f: number) => sums[o + f];
  const valid = g(F.valid);
  const gw = (f: number) => g(f) / 1e12; // mW -> GW
  const computeGW = gw(F.computeMw);
  const counts: Record<BindingName, number> = { installed: g(F.bindInstalled), power: g(F.bindPower), thermal: g(F.bindThermal) };
  let binding: BindingName = 'installed';
  for (const n of BINDING_NAMES) if (counts[n] > counts[binding]) binding = n;
  const launch = g(F.launchUsd);
  const hardware = g(F.hardwareUsd);
  const lc = g(F.latencyCount);
  return {
    satellites: g(F.satellites),
    validSatellites: valid,
    arrayPowerBolGW: gw(F.arrayBolMw),
    arrayPowerEolGW: gw(F.arrayEolMw),
    usablePowerGW: gw(F.usableMw),
    computeDeliverableGW: gw(F.deliverableComputeMw),
    computeRejectableGW: gw(F.rejectableComputeMw),
    installedComputeGW: gw(F.installedComputeMw),
    computeGW,
    binding,
    bindingCounts: counts,
    h100Equivalents: h100Equivalents(computeGW * 1e9),
    allInGpuEquivalents: allInGpuEquivalents(computeGW * 1e9),
    colossus1Equivalents: colossus1Equivalents(computeGW * 1e9),
    feasibleShare: valid > 0 ? g(F.feasible) / valid : Number.NaN,
    powerThermalFeasibleShare: valid > 0 ? g(F.feasible) / valid : Number.NaN,
    feasibilityLimit: 'none',
    propellantT: 0,
    eclipseFraction: valid > 0 ? g(F.eclipseNano) / 1e9 / valid : Number.NaN,
    sunlitFraction: valid > 0 ? g(F.sunlitNano) / 1e9 / valid : Number.NaN,
    latencyP50Ms: histPercentile(hist, lc, 0.5),
    latencyP95Ms: histPercentile(hist, lc, 0.95),
    latencyP99Ms: histPercentile(hist, lc, 0.99),
    latencyMeanMs: lc > 0 ? g(F.latencySumNs) / 1e6 / lc : Number.NaN,
    neverInViewShare: valid > 0 ? g(F.latencyNever) / valid : Number.NaN,
    radiatorAreaKm2: g(F.radiatorCm2) / 1e10,
    arrayAreaKm2: g(F.arrayCm2) / 1e10,
    batteryEnergyMWh: g(F.batteryMWh) / 1e9,
    massToOrbitT: g(F.massG) / 1e6,
    launchCostUsd: launch,
    hardwareCostUsd: hardware,
    totalCostUsd: launch + hardware,
    costPerGWUsd: computeGW > 0 ? (launch + hardware) / computeGW : Number.NaN,
  };
}

/** Nearest-rank percentile from a histogram holding `n` samples (NaN when empty). */
export function histPercentile(hist: Uint32Array | null, n: number, p: number): number {
  if (!hist || n <= 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(p * n));
  let acc = 0;
  for (let b = 0; b < hist.length; b++) {
    acc += hist[b];
    if (acc >= rank) return latencyBinCentreMs(b);
  }
  return latencyBinCentreMs(hist.length - 1);
}

/** Turn a (merged) partial into per-shell and total figures with units in the field names. */
export function finalizeRollup(partial: RollupPartial, fleet: Pick<Fleet, 'shells'>): Rollup {
  const total = new Float64Array(NF);
  let totalHist: Uint32Array | null = null;
  const shells: ShellRollup[] = [];
  for (let s = 0; s < partial.shellCount; s++) {
    const o = s * NF;
    for (let f = 0; f < NF; f++) total[f] += partial.sums[o + f];
    const h = partial.latencyHist[s];
    if (h) {
      if (!totalHist) totalHist = new Uint32Array(LATENCY_HIST.bins);
      for (let i = 0; i < h.length; i++) totalHist[i] += h[i];
    }
    const sh = fleet.shells[s];
    shells.push({
      shellId: sh?.id ?? `shell-${s}`,
      name: sh?.name ?? `shell ${s}`,
      kind: sh?.kind ?? 'unknown',
      ...figures(partial.sums, o, h),
    });
  }
  return {
    mode: partial.mode,
    percentileMethod:
      `nearest rank on a log histogram, ${LATENCY_HIST.minMs}-${LATENCY_HIST.maxMs} ms, ` + `bins x${LATENCY_HIST.ratio} (within 0.05 %)`,
    totals: figures(total, 0, totalHist),
    shells,
  };
}

/** Convenience: rollup of one metrics block (a whole fleet, or a shard to merge later). */
export function rollupMetrics(fleet: Fleet, scenario: Scenario, metrics: PerSatelliteMetrics): RollupPartial {
  return accumulateRollup(createRollupPartial(fleet.shells.length, metrics.mode), fleet, scenario, metrics);
}
