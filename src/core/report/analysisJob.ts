/**
 * The analytic pass as one job: scenario (+ parsed imported shells) -> fleet, per-satellite
 * metrics and rollup. Pure; runs in the analysis worker (analysis.worker.ts) or, where workers
 * are unavailable, on the page.
 */
import { analyzeAnalytic } from '../analysis/analytic';
import type { PerSatelliteMetrics } from '../analysis/metrics';
import { finalizeRollup, rollupMetrics, type Rollup } from '../analysis/rollup';
import { elementColumnBuffers, type ElementColumns } from '../elements/columns';
import type { Fleet } from '../fleet/fleet';
import { buildFleet } from '../fleet/generators';
import type { Scenario } from '../scenario/schema';

export interface AnalysisJobResult {
  fleet: Fleet;
  metrics: PerSatelliteMetrics;
  rollup: Rollup;
  /** Time spent in the job itself, ms. */
  ms: number;
}

export function summarize(fleet: Fleet, scenario: Scenario, metrics: PerSatelliteMetrics): Rollup {
  return finalizeRollup(rollupMetrics(fleet, scenario, metrics), fleet);
}

export function runAnalysisJob(scenario: Scenario, imported: ReadonlyArray<[string, ElementColumns]>): AnalysisJobResult {
  const t0 = typeof performance !== 'undefined' ? performance.now() : Date.now();
  const fleet = buildFleet(scenario, { imported: new Map(imported) });
  const metrics = analyzeAnalytic(fleet, scenario);
  const rollup = summarize(fleet, scenario, metrics);
  const ms = (typeof performance !== 'undefined' ? performance.now() : Date.now()) - t0;
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
  return [...seen];
}
