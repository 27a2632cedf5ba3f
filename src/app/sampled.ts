/**
 * Sampled analysis driver for the page. Fleets above IN_THREAD_MAX run on worker pool shards: each
 * worker propagates and accumulates its shard in parallel, and the +Grid routing steps run over the
 * whole fleet (analyzeSampledOnPool in src/engine/sampledAnalysis.ts, the same driver as
 * analyzeSampledFleet, src/core/analysis/sampled/driver.ts). The pool is the view's when it holds
 * this fleet (./viewPool.ts: no second copy of the fleet's SGP4 state, no start-up; the view ticks
 * between the run's steps), else one of its own, disposed at the end. If the view's pool takes
 * another fleet during the run (the scenario changed), the run stops with SampledFleetReplacedError. Small
 * fleets run in this thread, yielding to the event loop every ~25 ms of work
 * (src/engine/sampledAnalysis.ts), because a worker round trip per step costs more than the work.
 * Cancel takes effect at the next yield.
 */
import type { AnalysisWindowMs } from '../core/analysis/window';
import type { PerSatelliteMetrics } from '../core/analysis/metrics';
import type { SampledProgress, SampledResult } from '../core/analysis/sampled';
import type { Fleet } from '../core/fleet/fleet';
import type { Scenario } from '../core/scenario/schema';
import { createPropagationEngine, type PropagationPool } from '../engine';
import { analyzeSampledInThread, analyzeSampledOnPool } from '../engine/sampledAnalysis';
import { viewPoolFor } from './viewPool';
import { releaseNow } from '../core/platform';

export interface SampledRunOptions {
  signal: AbortSignal;
  onProgress: (fraction: number, detail: string) => void;
  /** Pool to use (default: the view's when it holds this fleet, else a new one, disposed at the end). */
  pool?: PropagationPool;
}

export interface SampledRun {
  metrics: PerSatelliteMetrics;
  notes: string[];
  window: AnalysisWindowMs;
  stepsDone: number;
  steps: number;
}

/** Fleets up to this size are propagated on the page's thread (between yields). */
export const IN_THREAD_MAX = 20_000;

const cancelled = () => new DOMException('cancelled', 'AbortError');

export async function runSampled(fleet: Fleet, scenario: Scenario, opts: SampledRunOptions): Promise<SampledRun> {
  const { signal, onProgress } = opts;
  const inThread = !opts.pool && fleet.count <= IN_THREAD_MAX;
  const viewPool = opts.pool || inThread ? null : await viewPoolFor(fleet);
  const own = !opts.pool && !inThread && !viewPool;
  const pool: PropagationPool | null = opts.pool ?? viewPool ?? (inThread ? null : createPropagationEngine());
  const progress = (p: SampledProgress) =>
    onProgress(
      p.fraction,
      p.phase === 'routing'
        ? `step ${p.stepsDone + 1} of ${p.steps}, routing links`
        : p.phase === 'finishing'
          ? 'finishing per-satellite figures'
          : `step ${p.stepsDone} of ${p.steps}`,
    );
  try {
    onProgress(0, viewPool ? "on the view's SGP4 workers" : pool ? 'starting SGP4 workers' : 'starting SGP4');
    let r: SampledResult;
    if (pool) {
      if (!viewPool) await pool.setFleet(fleet);
      if (signal.aborted) throw cancelled();
      r = await analyzeSampledOnPool(pool, scenario, { signal, progressIntervalMs: 100, onProgress: progress });
    } else {
      r = await analyzeSampledInThread(fleet, scenario, { signal, progressIntervalMs: 100, onProgress: progress });
    }
    // the page keeps the metrics only: the other per-satellite columns (32 MB at 1M) go now
    releaseNow(r.directLatencyMs, r.stationVisibleFraction, r.islLatencyMs, r.islReachableFraction);
    if (r.cancelled || signal.aborted) throw cancelled();
    return { metrics: r.metrics, notes: r.notes, window: r.window, stepsDone: r.stepsDone, steps: r.steps };
  } finally {
    if (own) pool?.dispose();
  }
}
