/**
 * Sampled analysis driver for the page: SGP4 states come from a propagation worker pool (its own,
 * so the viewer's pool keeps ticking); each step is accumulated by the core (conical shadow,
 * station visibility, +Grid routing when links are on) with a yield to the event loop between
 * steps, so the view stays responsive, progress is shown and Cancel takes effect within a step.
 * Same core functions as analyzeSampledFleet (src/core/analysis/sampled.ts), driven step by step.
 */
import { windowFromScenario, type PerSatelliteMetrics } from '../core/analysis/analytic';
import { buildIslTopology, createIslWorkspace, routeIslStep } from '../core/analysis/isl';
import { accumulateRouted, accumulateStep, createSampledAccumulator, defaultIslStride, finishSampled, prepareStations, sampleCount } from '../core/analysis/sampled';
import type { Fleet } from '../core/fleet/fleet';
import type { Scenario } from '../core/scenario/schema';
import { createPropagationEngine, PropagationPool } from '../engine';
import type { PropagationEngine } from '../engine/types';

export interface SampledRunOptions {
  signal: AbortSignal;
  onProgress: (fraction: number, detail: string) => void;
  /** Propagation engine to use (default: a new worker pool, disposed at the end). */
  engine?: PropagationEngine;
}

export interface SampledRun {
  metrics: PerSatelliteMetrics;
  notes: string[];
  stepsDone: number;
  steps: number;
}

/** Fleets up to this size are propagated on the page's thread (between yields). */
export const IN_THREAD_MAX = 20_000;

const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

export async function runSampled(fleet: Fleet, scenario: Scenario, opts: SampledRunOptions): Promise<SampledRun> {
  const { signal, onProgress } = opts;
  const win = windowFromScenario(scenario);
  const steps = sampleCount(win);
  const n = fleet.count;
  const ownEngine = !opts.engine;
  // Small fleets propagate in-thread: a worker round trip per step costs more than the SGP4 work.
  const engine = opts.engine ?? (n <= IN_THREAD_MAX ? new PropagationPool({ host: null, workers: 1 }) : createPropagationEngine());
  try {
    onProgress(0, 'starting SGP4 workers');
    await engine.setFleet(fleet);
    if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
    const isl = scenario.links.interSatelliteLinks && n > 1;
    const stride = isl ? defaultIslStride(n, steps) : 0;
    const topology = isl ? buildIslTopology(fleet, scenario) : null;
    const ws = topology ? createIslWorkspace(n) : null;
    const acc = createSampledAccumulator(0, n, prepareStations(scenario.groundStations));
    const direct = new Float64Array(n);
    const routed = new Float64Array(n);
    let done = 0;
    let routedSteps = 0;
    let lastYield = performance.now();
    for (let j = 0; j < steps; j++) {
      if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
      const t = win.startMs + j * win.stepS * 1000;
      const frame = await engine.propagate(t);
      if (!frame) throw new Error('propagation request was superseded');
      if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
      const route = topology !== null && ws !== null && j % stride === 0;
      accumulateStep(acc, t, frame.positionKm, frame.error, route ? direct : undefined);
      if (route && topology && ws) {
        routeIslStep(topology, frame.positionKm, frame.error, direct, routed, ws, {
          grazingAltitudeKm: scenario.links.grazingAltitudeKm,
          perHopProcessingMs: scenario.links.perHopProcessingMs,
        });
        accumulateRouted(acc, routed);
        routedSteps++;
      }
      done++;
      // hand the thread back to the page every ~30 ms of work (input, rendering), not every step
      const now = performance.now();
      if (now - lastYield > 30 || done === steps) {
        onProgress(done / steps, `step ${done} of ${steps}`);
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    const notes: string[] = [];
    if (stride > 1) notes.push(`inter-satellite routing ran every ${stride}th step (${routedSteps} of ${steps} steps) to bound run time`);
    const r = finishSampled(fleet, scenario, acc, win);
    return { metrics: r.metrics, notes, stepsDone: done, steps };
  } finally {
    if (ownEngine) engine.dispose();
  }
}
