/**
 * One analysis run, the same in the CLI and in the browser: analytic or sampled metrics for the
 * whole fleet, the capacity rollup, and a JSON summary whose field names carry their units.
 */
import { analyzeAnalytic } from '../analysis/analytic';
import { windowFromScenario, type AnalysisWindowMs } from '../analysis/window';
import type { PerSatelliteMetrics } from '../analysis/metrics';
import type { AnalysisMode } from '../analysis/types';
import type { Rollup } from '../analysis/rollup';
import { summarize } from './analysisJob';
import { analyzeSampledFleet, type CancelSignal, type SampledProgress, type SampledResult, type StateSource } from '../analysis/sampled';
import { satelliteName, type Fleet } from '../fleet/fleet';
import { BINDING_NAMES } from '../analysis/types';
import { REASON, REASON_NAMES, type FeasibilityColumns } from '../analysis/feasibility';
import { ByteCsvWriter } from '../csv';
import type { Scenario } from '../scenario/schema';
import { initSgp4Batch } from '../sgp4/batch';
import { batchStateSource } from '../analysis/sampled/batchSource';

export interface AnalysisRun {
  mode: AnalysisMode;
  window: AnalysisWindowMs;
  metrics: PerSatelliteMetrics;
  rollup: Rollup;
  notes: string[];
  cancelled: boolean;
  /** Sampled only: per-satellite share of time with a ground station in view. */
  stationVisibleFraction: Float64Array | null;
}

/** SGP4 states of the whole fleet from the column kernel, in this thread. */
export function kernelStateSource(fleet: Fleet): StateSource {
  return batchStateSource(initSgp4Batch(fleet.elements, 0, fleet.count));
}

export interface RunOptions {
  signal?: CancelSignal;
  onProgress?: (p: SampledProgress) => void;
  /** States for sampled mode (default: the column SGP4 kernel in this thread). */
  source?: StateSource;
}

export function runAnalysis(fleet: Fleet, scenario: Scenario, mode: AnalysisMode, opts: RunOptions = {}): AnalysisRun {
  const window = windowFromScenario(scenario);
  if (mode === 'analytic') {
    const metrics = analyzeAnalytic(fleet, scenario, { window });
    return {
      mode,
      window,
      metrics,
      rollup: summarize(fleet, scenario, metrics),
      notes: [
        'analytic: circular-orbit formulas (cylindrical shadow, beta angle sampled across the window, best-case downlink at the ' +
          'elevation mask)',
      ],
      cancelled: false,
      stationVisibleFraction: null,
    };
  }
  const source = opts.source ?? kernelStateSource(fleet);
  const r = analyzeSampledFleet(fleet, scenario, source, {
    window,
    signal: opts.signal,
    onProgress: opts.onProgress,
    progressIntervalMs: 500,
  });
  return sampledRun(fleet, scenario, r);
}

/** Wrap a sampled result (from this thread or the worker pool) as an analysis run. */
export function sampledRun(fleet: Fleet, scenario: Scenario, r: SampledResult): AnalysisRun {
  return {
    mode: 'sampled',
    window: r.window,
    metrics: r.metrics,
    rollup: summarize(fleet, scenario, r.metrics),
    notes: [
      'sampled: SGP4 states at each step, conical shadow, ground stations above their masks, +Grid routing when links are on',
      ...r.notes,
    ],
    cancelled: r.cancelled,
    stationVisibleFraction: r.stationVisibleFraction,
  };
}

export interface SummaryExtras {
  source: string;
  rejected: Array<{ shell: string; line: number; reason: string }>;
}

/** The JSON document of `plan analyze --json` (and the app's JSON export). */
export function analysisSummary(run: AnalysisRun, scenario: Scenario, fleet: Fleet, extras: SummaryExtras) {
  return {
    planner: 'orbital-dc-planner',
    scenario: scenario.name,
    source: extras.source,
    mode: run.mode,
    satellites: fleet.count,
    rejected: extras.rejected.length,
    rejectedRecords: extras.rejected.slice(0, 1000),
    window: {
      start: new Date(run.window.startMs).toISOString(),
      durationMin: run.window.durationMs / 60_000,
      stepS: run.window.stepS,
    },
    cancelled: run.cancelled,
    notes: run.notes,
    percentileMethod: run.rollup.percentileMethod,
    ...summaryFigures(run.rollup, scenario),
    launchVehicle: scenario.launch,
    environment: scenario.environment,
    capacityRamp: run.rollup.feasibility?.ramp ?? [],
  };
}

/** `totals` and `shells` as `plan analyze --json` writes them: the rollup with the feasibility checks merged in. */
export function summaryFigures(r: Rollup, scenario: Scenario) {
  return {
    totals: { ...r.totals, ...feasibilityTotals(r, scenario) },
    shells: r.shells.map((s, i) => ({ ...s, ...(r.feasibility?.shells[i] ?? {}) })),
  };
}

function feasibilityTotals(r: Rollup, scenario: Scenario) {
  const f = r.feasibility;
  if (!f) return {};
  return {
    launches: f.totals.launches,
    deploymentYears: f.totals.deploymentYears,
    launchCampaignCostUsd: f.totals.launchCampaignCostUsd,
    infeasibleCounts: f.totals.infeasibleCounts,
    feasibleSatellites: f.totals.feasibleSatellites,
    keepOutKm: scenario.environment.keepOutKm,
  };
}

export const PER_SATELLITE_CSV_HEADER =
  'id,name,norad,shell,beta_deg,eclipse_fraction,sunlit_fraction,usable_power_w,compute_power_w,' +
  'radiator_temp_c,power_margin_w,thermal_margin_w,' +
  'binding,latency_ms,radiator_temp_eclipse_c,radiator_temp_sun_c,' +
  'radiation_dose_krad_per_year,drag_delta_v_m_s_per_year,propellant_kg,decay_years,infeasible_reasons';

/** Infeasibility reasons of a satellite as "radiation;separation" ('' when feasible). */
export function reasonText(bits: number): string {
  return REASON_NAMES.filter((r) => bits & REASON[r]).join(';');
}

/**
 * Row `i` of the per-satellite CSV (columns of PER_SATELLITE_CSV_HEADER) and its line break, as
 * bytes into `w`: the same in `plan analyze --csv` and the page download. `fc`: the feasibility
 * columns (empty fields without them). Numbers are `toFixed` digits made by the writer (no string
 * per field): the string-built row took ~4 us, the CLI's CSV of 100k rows ~0.4 s of a 2.8 s run.
 */
export function writePerSatelliteCsvRow(
  w: ByteCsvWriter,
  fleet: Fleet,
  m: PerSatelliteMetrics,
  fc: FeasibilityColumns | undefined,
  i: number,
): void {
  const e = fleet.elements;
  const sh = fleet.shells[fleet.shellIndex[i]];
  w.uint(i).comma().field(satelliteName(fleet, i)).comma();
  if (e.noradId[i] >= 0) w.uint(e.noradId[i]);
  w.comma()
    .field(sh?.name ?? '')
    .comma();
  w.fixed(m.betaDeg[i], 4).comma();
  w.fixed(m.eclipseFraction[i], 6).comma();
  w.fixed(m.sunlitFraction[i], 6).comma();
  w.fixed(m.usablePowerW[i], 1).comma();
  w.fixed(m.computePowerW[i], 1).comma();
  w.fixed(m.radiatorTempC[i], 2).comma();
  w.fixed(m.powerMarginW[i], 1).comma();
  w.fixed(m.thermalMarginW[i], 1).comma();
  w.text(BINDING_NAMES[m.bindingLimit[i]] ?? '').comma();
  w.fixed(m.latencyMs[i], 4).comma();
  w.fixed(m.radiatorTempEclipseC[i], 2).comma();
  w.fixed(m.radiatorTempSunC[i], 2).comma();
  if (fc) {
    w.fixed(fc.radiationDoseKradPerYear[i], 4).comma();
    w.fixed(fc.dragDeltaVMPerSPerYear[i], 4).comma();
    w.fixed(fc.propellantKg[i], 2).comma();
    w.fixed(fc.decayYears[i], 2).comma();
    if (fc.reasons[i] !== 0) w.text(reasonText(fc.reasons[i]));
  } else w.comma().comma().comma().comma();
  w.newline();
}
