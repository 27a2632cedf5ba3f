/**
 * The analytic pass as one job: scenario (+ parsed imported shells) -> fleet, per-satellite
 * metrics and rollup. Pure; runs in the analysis worker (analysis.worker.ts) or, where workers
 * are unavailable, on the page.
 */
import { analyzeAnalytic } from '../analysis/analytic';
import type { PerSatelliteMetrics } from '../analysis/metrics';
import { analyzeFeasibility, applyFeasibility } from '../analysis/feasibility';
import { finalizeRollup, rollupMetrics, type Rollup } from '../analysis/rollup';
import { elementColumnBuffers, type ElementColumns } from '../elements/columns';
import type { Fleet } from '../fleet/fleet';
import { buildFleet } from '../fleet/generators';
import type { Scenario } from '../scenario/schema';
import { monotonicMs } from '../platform';

export interface AnalysisJobResult {
  fleet: Fleet;
  metrics: PerSatelliteMetrics;
  rollup: Rollup;
  /** Time spent in the job itself, ms. */
  ms: number;
}

/**
 * Capacity rollup with the feasibility checks folded in (radiation, drag, closest approach,
 * launches: src/core/analysis/feasibility.ts). `reuse`: an earlier rollup of the same fleet whose
 * closest-approach results are taken instead of recomputed (the page's sampled pass reuses the
 * analytic one's, which ran in the worker).
 */
export function summarize(fleet: Fleet, scenario: Scenario, metrics: PerSatelliteMetrics, reuse?: Rollup | null): Rollup {
  const rollup = finalizeRollup(rollupMetrics(fleet, scenario, metrics), fleet);
  const prev = reuse?.feasibility?.separations;
  const separations = prev && prev.length === fleet.shells.length ? prev : undefined;
  const f = analyzeFeasibility(fleet, scenario, metrics, { separations });
  return applyFeasibility(rollup, f, fleet, scenario);
}

export function runAnalysisJob(
  scenario: Scenario,
  imported: ReadonlyArray<[string, ElementColumns]>,
  /** The fleet's element columns in shared memory (see BuildFleetOptions.sharedColumns). */
  opts: { sharedColumns?: boolean } = {},
): AnalysisJobResult {
  const t0 = monotonicMs();
  const fleet = buildFleet(scenario, { imported: new Map(imported), sharedColumns: opts.sharedColumns });
  const metrics = analyzeAnalytic(fleet, scenario);
  const rollup = summarize(fleet, scenario, metrics);
  const ms = monotonicMs() - t0;
  return { fleet, metrics, rollup, ms };
}

/** Every ArrayBuffer of a job result, for a zero-copy transfer back to the page. */
export function analysisResultBuffers(r: AnalysisJobResult): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>(elementColumnBuffers(r.fleet.elements));
  const add = (a: ArrayBufferView) => {
    if (a.buffer instanceof ArrayBuffer) seen.add(a.buffer);
  };
  add(r.fleet.shellIndex);
  add(r.fleet.designIndex);
  for (const v of Object.values(r.metrics)) if (ArrayBuffer.isView(v)) add(v);
  const fc = r.rollup.feasibility?.columns;
  if (fc) for (const v of Object.values(fc)) if (ArrayBuffer.isView(v)) add(v);
  return [...seen];
}
