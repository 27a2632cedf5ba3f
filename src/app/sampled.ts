/**
 * Sampled analysis driver for the page. The work runs in a propagation pool of its own (so the
 * viewer's pool keeps ticking): each worker propagates and accumulates its shard in parallel,
 * and the +Grid routing steps run over the whole fleet (PropagationPool.analyzeSampled, the same
 * per-row arithmetic as analyzeSampledFleet in src/core/analysis/sampled.ts). Small fleets run in
 * this thread, yielding between steps, because a worker round trip per step costs more than the
 * work. Progress is reported between steps; Cancel takes effect at the next step.
 */
import type { AnalysisWindowMs, PerSatelliteMetrics } from '../core/analysis/analytic';
import type { Fleet } from '../core/fleet/fleet';
import type { Scenario } from '../core/scenario/schema';
import { createPropagationEngine, PropagationPool } from '../engine';

export interface SampledRunOptions {
  signal: AbortSignal;
  onProgress: (fraction: number, detail: string) => void;
  /** Pool to use (default: a new one, disposed at the end). */
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
  const own = !opts.pool;
  const pool = opts.pool ?? (fleet.count <= IN_THREAD_MAX ? new PropagationPool({ host: null, workers: 1 }) : createPropagationEngine());
  try {
    onProgress(0, pool.mode === 'in-thread' ? 'starting SGP4' : 'starting SGP4 workers');
    await pool.setFleet(fleet);
    if (signal.aborted) throw cancelled();
    const r = await pool.analyzeSampled(scenario, {
      signal,
      progressIntervalMs: 100,
      onProgress: (p) =>
        onProgress(
          p.fraction,
          p.phase === 'routing'
            ? `step ${p.stepsDone + 1} of ${p.steps}, routing links`
            : p.phase === 'finishing'
              ? 'finishing per-satellite figures'
              : `step ${p.stepsDone} of ${p.steps}`,
        ),
    });
    if (r.cancelled || signal.aborted) throw cancelled();
    return { metrics: r.metrics, notes: r.notes, window: r.window, stepsDone: r.stepsDone, steps: r.steps };
  } finally {
    if (own) pool.dispose();
  }
}
