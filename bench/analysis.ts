/**
 * Analysis benchmarks: the analytic rollup and the sampled pass on a "1M default-like" fleet
 * (the default preset's shells, planes scaled so the fleet has about n satellites).
 *
 * - `benchAnalytic(n)`: analyzeAnalytic + rollup on one thread (median of repeats).
 * - `benchSampled(n)`: one orbit of the longest shell at 30 s steps with the column-wise SGP4
 *   kernel (src/core/sgp4) as the state source, split into SGP4 time, per-step accumulation
 *   (Sun, conical shadow, stations) and ISL routing time; `maxSteps` caps the steps actually run
 *   (the totals are then extrapolated to the full window and marked as such).
 * - `analysisSection`: a BenchSection for bench/sections.ts (fields snake_case, unit last).
 */
import { analyzeAnalytic } from '../src/core/analysis/analytic';
import { buildIslTopology, createIslWorkspace, routeIslStep } from '../src/core/analysis/isl';
import { finalizeRollup, rollupMetrics } from '../src/core/analysis/rollup';
import {
  accumulateRouted,
  accumulateStep,
  createSampledAccumulator,
  defaultIslStride,
  finishSampled,
  oneOrbitWindow,
  prepareStations,
  sampleCount,
} from '../src/core/analysis/sampled';
import { buildFleet } from '../src/core/fleet/generators';
import type { Fleet } from '../src/core/fleet/fleet';
import { defaultScenario } from '../src/core/presets';
import { ScenarioSchema, type Scenario } from '../src/core/scenario/schema';
import { initSgp4Batch, propagateBatch } from '../src/core/sgp4';
import type { BenchOptions, BenchSection, BenchSectionResult } from './sections';

const now = (): number => performance.now();
/** Process CPU time, ms (user + system). On a shared, loaded machine this is the fairer figure for single-thread work. */
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The default preset with each generated shell's plane count scaled so the fleet has about n satellites. */
export function defaultLikeScenario(n: number): Scenario {
  const base = defaultScenario();
  const total = base.shells.reduce(
    (a, s) =>
      a +
      (s.kind === 'walker-delta' || s.kind === 'walker-star'
        ? s.totalSatellites
        : s.kind === 'sso-dawn-dusk'
          ? s.planes * s.satellitesPerPlane
          : 0),
    0,
  );
  const f = n / total;
  const shells = base.shells.map((s) => {
    if (s.kind === 'walker-delta' || s.kind === 'walker-star') {
      const perPlane = s.totalSatellites / s.planes;
      const planes = Math.max(1, Math.round(s.planes * f));
      return { ...s, planes, totalSatellites: planes * perPlane, phasing: Math.min(s.phasing, planes - 1) };
    }
    if (s.kind === 'sso-dawn-dusk') {
      const planes = Math.max(1, Math.round(s.planes * f));
      return { ...s, planes, phasing: Math.min(s.phasing, planes - 1) };
    }
    return s;
  });
  return ScenarioSchema.parse({ ...base, shells });
}

export interface AnalyticBench {
  satellites: number;
  build_fleet_ms: number;
  analytic_ms: number;
  rollup_ms: number;
  analytic_cpu_ms: number;
  rollup_cpu_ms: number;
  analytic_plus_rollup_ms: number;
  analytic_ns_per_sat: number;
  total_compute_gw: number;
}

/** Time the analytic metrics and the rollup on one thread (median of `repeats`). */
export async function benchAnalytic(n: number, repeats = 5): Promise<AnalyticBench> {
  const sc = defaultLikeScenario(n);
  let t = now();
  const fleet = buildFleet(sc);
  const buildMs = now() - t;
  const a: number[] = [];
  const r: number[] = [];
  const ac: number[] = [];
  const rc: number[] = [];
  let gw = 0;
  for (let k = 0; k < repeats + 1; k++) {
    const c0 = cpu();
    t = now();
    const m = analyzeAnalytic(fleet, sc);
    const t1 = now();
    const c1 = cpu();
    const roll = finalizeRollup(rollupMetrics(fleet, sc, m), fleet);
    const t2 = now();
    const c2 = cpu();
    gw = roll.totals.computeGW;
    if (k > 0) {
      // first run is warm-up (JIT)
      a.push(t1 - t);
      r.push(t2 - t1);
      ac.push(c1 - c0);
      rc.push(c2 - c1);
    }
  }
  const am = median(a);
  const rm = median(r);
  return {
    satellites: fleet.count,
    build_fleet_ms: buildMs,
    analytic_ms: am,
    rollup_ms: rm,
    analytic_cpu_ms: median(ac),
    rollup_cpu_ms: median(rc),
    analytic_plus_rollup_ms: am + rm,
    analytic_ns_per_sat: (am * 1e6) / fleet.count,
    total_compute_gw: gw,
  };
}

export interface SampledBench {
  satellites: number;
  stations: number;
  window_steps: number;
  steps_run: number;
  sgp4_ms_per_step: number;
  accumulate_ms_per_step: number;
  isl_ms_per_step: number | null;
  isl_stride: number;
  /** Routing stride used for the full-window total. */
  window_isl_stride: number;
  /** CPU time per step of the analysis itself (accumulate + ISL), ms. */
  analysis_cpu_ms_per_step: number;
  /** CPU time per routed step of the ISL routing, ms. */
  isl_cpu_ms_per_step: number | null;
  /** Full window on one thread: steps x (sgp4 + accumulate) + routed steps x isl. */
  one_orbit_single_thread_ms: number;
  extrapolated: boolean;
  max_progress_gap_ms: number;
}

export interface SampledBenchOptions {
  /** Run at most this many steps and extrapolate (default: the whole window). */
  maxSteps?: number;
  /** Route the ISL mesh (default true) every islStride-th step (default 1 = each step run). */
  isl?: boolean;
  islStride?: number;
  /** Routing stride of the full window the single-thread total is extrapolated to (default: islStride). */
  windowIslStride?: number;
  stepS?: number;
}

/** Time one orbit of sampled analysis with the SGP4 batch kernel as the state source. */
export async function benchSampled(n: number, opts: SampledBenchOptions = {}): Promise<SampledBench> {
  const sc = defaultLikeScenario(n);
  const fleet: Fleet = buildFleet(sc);
  const win = oneOrbitWindow(fleet, Date.parse(sc.window.start), opts.stepS ?? 30);
  const steps = sampleCount(win);
  const run = Math.min(steps, opts.maxSteps ?? steps);
  const batch = initSgp4Batch(fleet.elements);
  const count = fleet.count;
  const pos = new Float64Array(3 * count);
  const vel = new Float64Array(3 * count);
  const err = new Uint8Array(count);
  const direct = new Float64Array(count);
  const routed = new Float64Array(count);
  const acc = createSampledAccumulator(0, count, prepareStations(sc.groundStations));
  const isl = opts.isl ?? true;
  const stride = Math.max(1, opts.islStride ?? 1);
  const topo = isl ? buildIslTopology(fleet, sc) : null;
  const ws = isl ? createIslWorkspace(count) : null;
  let sgp4 = 0;
  let accum = 0;
  let route = 0;
  let routedSteps = 0;
  let lastStepEnd = now();
  let maxGap = 0;
  let analysisCpu = 0;
  let islCpu = 0;
  for (let j = 0; j < run; j++) {
    const t = win.startMs + j * win.stepS * 1000;
    let t0 = now();
    propagateBatch(batch, t, pos, vel, err);
    let t1 = now();
    sgp4 += t1 - t0;
    const doRoute = topo !== null && ws !== null && j % stride === 0;
    const cA = cpu();
    accumulateStep(acc, t, pos, err, doRoute ? direct : undefined);
    t0 = now();
    accum += t0 - t1;
    if (doRoute && topo && ws) {
      const cI = cpu();
      routeIslStep(topo, pos, err, direct, routed, ws, {
        grazingAltitudeKm: sc.links.grazingAltitudeKm,
        perHopProcessingMs: sc.links.perHopProcessingMs,
      });
      accumulateRouted(acc, routed);
      islCpu += cpu() - cI;
      t1 = now();
      route += t1 - t0;
      routedSteps++;
    }
    analysisCpu += cpu() - cA;
    const end = now();
    // progress can be reported between steps: the longest step is the worst gap
    maxGap = Math.max(maxGap, end - lastStepEnd);
    lastStepEnd = end;
  }
  finishSampled(fleet, sc, acc, win);
  const sgp4Step = sgp4 / run;
  const accStep = accum / run;
  const islStep = routedSteps > 0 ? route / routedSteps : null;
  const routedFull = isl ? Math.ceil(steps / Math.max(1, opts.windowIslStride ?? stride)) : 0;
  return {
    satellites: count,
    stations: sc.groundStations.length,
    window_steps: steps,
    steps_run: run,
    sgp4_ms_per_step: sgp4Step,
    accumulate_ms_per_step: accStep,
    isl_ms_per_step: islStep,
    isl_stride: isl ? stride : 0,
    window_isl_stride: isl ? Math.max(1, opts.windowIslStride ?? stride) : 0,
    analysis_cpu_ms_per_step: analysisCpu / run,
    isl_cpu_ms_per_step: routedSteps > 0 ? islCpu / routedSteps : null,
    one_orbit_single_thread_ms: steps * (sgp4Step + accStep) + routedFull * (islStep ?? 0),
    extrapolated: run < steps,
    max_progress_gap_ms: maxGap,
  };
}

const f0 = (x: number | null): string => (x === null || !Number.isFinite(x) ? 'n/a' : x < 10 ? x.toFixed(2) : x.toFixed(0));

/** Bench section for bench/sections.ts. Skip names: 'analytic', 'sampled', 'isl'. */
export const analysisSection: BenchSection = {
  id: 'analysis',
  title: 'Analysis: analytic rollup and sampled pass (default-like fleet)',
  async run(opts: BenchOptions): Promise<BenchSectionResult> {
    const fields: BenchSectionResult['fields'] = {};
    const rows: BenchSectionResult['rows'] = [];
    if (!opts.skip.has('analytic')) {
      opts.log(`analytic: ${opts.n} satellites`);
      const a = await benchAnalytic(opts.n, opts.repeats);
      Object.assign(fields, {
        analytic_satellites: a.satellites,
        analytic_ms: a.analytic_ms,
        rollup_ms: a.rollup_ms,
        analytic_plus_rollup_ms: a.analytic_plus_rollup_ms,
        analytic_ns_per_sat: a.analytic_ns_per_sat,
        analytic_cpu_ms: a.analytic_cpu_ms,
        rollup_cpu_ms: a.rollup_cpu_ms,
      });
      rows.push({
        label: 'analytic metrics (1 thread)',
        value: `${f0(a.analytic_ms)} ms`,
        note: `${a.analytic_ns_per_sat.toFixed(0)} ns/satellite; CPU ${f0(a.analytic_cpu_ms)} ms`,
      });
      rows.push({ label: 'rollup (1 thread)', value: `${f0(a.rollup_ms)} ms`, note: `CPU ${f0(a.rollup_cpu_ms)} ms` });
      rows.push({ label: 'analytic + rollup', value: `${f0(a.analytic_plus_rollup_ms)} ms`, note: 'target < 1000 ms on 2 cores' });
    }
    if (!opts.skip.has('sampled')) {
      // run enough steps to time the pass, extrapolate to one orbit
      const maxSteps = opts.n > 200_000 ? 6 : undefined;
      opts.log(`sampled: ${opts.n} satellites${maxSteps ? `, ${maxSteps} steps (extrapolated)` : ''}`);
      // time routing on every step run; extrapolate with the product's routing stride (defaultIslStride)
      const sc = defaultLikeScenario(opts.n);
      const winSteps = sampleCount(oneOrbitWindow(buildFleet(sc), Date.parse(sc.window.start), 30));
      const s = await benchSampled(opts.n, { maxSteps, isl: !opts.skip.has('isl'), windowIslStride: defaultIslStride(opts.n, winSteps) });
      Object.assign(fields, {
        sampled_satellites: s.satellites,
        sampled_window_steps: s.window_steps,
        sampled_steps_run: s.steps_run,
        sampled_sgp4_ms_per_step: s.sgp4_ms_per_step,
        sampled_accumulate_ms_per_step: s.accumulate_ms_per_step,
        sampled_isl_ms_per_step: s.isl_ms_per_step,
        sampled_analysis_cpu_ms_per_step: s.analysis_cpu_ms_per_step,
        sampled_isl_cpu_ms_per_step: s.isl_cpu_ms_per_step,
        sampled_one_orbit_single_thread_ms: s.one_orbit_single_thread_ms,
        sampled_extrapolated: s.extrapolated,
        sampled_max_progress_gap_ms: s.max_progress_gap_ms,
      });
      rows.push({ label: 'sampled: SGP4 per step', value: `${f0(s.sgp4_ms_per_step)} ms` });
      rows.push({
        label: 'sampled: Sun, shadow, stations per step',
        value: `${f0(s.accumulate_ms_per_step)} ms`,
        note: `${s.stations} stations`,
      });
      rows.push({ label: 'sampled: ISL routing per step', value: `${f0(s.isl_ms_per_step)} ms` });
      rows.push({
        label: `sampled: one orbit (${s.window_steps} steps, 1 thread)`,
        value: `${f0(s.one_orbit_single_thread_ms)} ms`,
        note:
          `${s.extrapolated ? `extrapolated from ${s.steps_run} steps, ` : ''}` +
          `${s.window_isl_stride <= 1 ? 'ISL on every step' : `ISL every ${s.window_isl_stride} steps`}; the 2-core figure is sampled_pool`,
      });
    }
    return { fields, rows };
  },
};
