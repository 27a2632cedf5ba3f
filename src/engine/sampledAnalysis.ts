/**
 * The sampled analysis on the engine: the one driver (src/core/analysis/sampled/driver.ts) run
 * asynchronously, on a propagation pool's shards or in this thread, with yields to the event loop
 * by time budget (not per step), so a page paints progress and takes a Cancel without every step
 * waiting behind a frame.
 */
import {
  localSampledExecutor,
  PAUSE_SLICE,
  runSampledAsync,
  sampledPass,
  type CancelSignal,
  type SampledExecutor,
  type SampledPause,
  type SampledProgress,
  type SampledResult,
  type SampledStepStates,
  type SampledSums,
} from '../core/analysis/sampled';
import type { AnalysisWindowMs } from '../core/analysis/window';
import type { Fleet } from '../core/fleet/fleet';
import type { Scenario } from '../core/scenario/schema';
import { kernelStateSource } from '../core/report/run';
import type { PropagationPool } from './propagationPool';

/** Sampled steps kept queued in the workers ahead of the one being collected (worker modes). */
export const SAMPLED_STEPS_AHEAD = 4;
/** Longest stretch of sampled work between two yields to the event loop, ms. */
export const SAMPLED_YIELD_BUDGET_MS = 25;

export interface EngineSampledOptions {
  window?: AnalysisWindowMs;
  signal?: CancelSignal;
  onProgress?: (p: SampledProgress) => void;
  islStride?: number;
  progressIntervalMs?: number;
  /** SGP4 knots with Hermite interpolation (default on, 50 m bound) or false (src/core/analysis/sampled/interpolation.ts). */
  interpolation?: { maxErrorKm: number } | false;
  /** Work between yields to the event loop, ms (default SAMPLED_YIELD_BUDGET_MS). */
  yieldBudgetMs?: number;
}

const nowMs = (): number => performance.now();

/**
 * One macrotask turn: MessageChannel where it exists outside Node (not clamped like nested
 * setTimeout, and not queued behind animation frames), setImmediate in Node, else setTimeout.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown; process?: { versions?: { node?: string } } };
  if (typeof g.setImmediate === 'function' && g.process?.versions?.node) return new Promise((r) => g.setImmediate!(r));
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      // The DOM's MessagePort (this branch never runs in Node, whose port type has no onmessage).
      const ch = new MessageChannel() as unknown as {
        port1: { onmessage: (() => void) | null; close(): void };
        port2: { postMessage(v: 0): void };
      };
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(0);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

/** Pause policy: between routing slices always yield; after a step only when `budgetMs` of work has passed. */
export function budgetPause(budgetMs: number): (p: SampledPause) => Promise<void> | undefined {
  let last = nowMs();
  return (p) => {
    if (p !== PAUSE_SLICE && nowMs() - last < budgetMs) return undefined;
    return yieldToEventLoop().then(() => {
      last = nowMs();
    });
  };
}

/** The pool's shards as a SampledExecutor: each call goes to every shard's worker in parallel. */
function poolExecutor(access: NonNullable<ReturnType<PropagationPool['shardAccess']>>): SampledExecutor {
  const k = access.ranges.map((_, i) => i);
  const start = access.ranges.length > 0 ? access.ranges[0][0] : 0;
  const all = <T>(f: (i: number) => Promise<T>): Promise<T[]> => {
    const p = Promise.all(k.map(f));
    p.catch(() => undefined); // awaited by the driver in order; this keeps a later rejection from being "unhandled"
    return p;
  };
  return {
    ranges: access.ranges,
    ahead: access.mode === 'in-thread' ? 1 : SAMPLED_STEPS_AHEAD,
    begin: (stations, plan) => all((i) => access.call(i, 'sampledBegin', [...stations], plan)),
    step: (t, route) => all((i) => access.call(i, 'sampledStep', t, route)) as Promise<Array<SampledStepStates | null>>,
    routed: (ms) => all((i) => access.call(i, 'sampledRouted', ms.slice(access.ranges[i][0] - start, access.ranges[i][1] - start))),
    finish: () => all((i) => access.call(i, 'sampledFinish')) as Promise<SampledSums[]>,
  };
}

/**
 * Sampled analysis of the pool's fleet: each worker propagates and accumulates its shard in
 * parallel; on routing steps the shards' states come back and the routing runs here over the
 * whole fleet. Exactly the numbers of analyzeSampledFleet (the same driver and shard code).
 * A worker that dies fails the run with a notice; the workers are restarted.
 */
export async function analyzeSampledOnPool(
  pool: PropagationPool,
  scenario: Scenario,
  opts: EngineSampledOptions = {},
): Promise<SampledResult> {
  const access = pool.shardAccess();
  if (!access) throw new Error('analyzeSampledOnPool() before setFleet()');
  const signal = {
    get aborted() {
      return opts.signal?.aborted === true || access.stale();
    },
  };
  try {
    return await runSampledAsync(
      sampledPass(access.fleet, scenario, poolExecutor(access), {
        window: opts.window,
        signal,
        onProgress: opts.onProgress,
        islStride: opts.islStride,
        interpolation: opts.interpolation,
        progressIntervalMs: opts.progressIntervalMs,
      }),
      budgetPause(opts.yieldBudgetMs ?? SAMPLED_YIELD_BUDGET_MS),
    );
  } catch (e) {
    // A worker died mid-pass: its sums are gone. Restart the workers so the pool stays usable.
    await access.restart();
    access.notice({ level: 'error', message: `Sampled analysis stopped: a worker failed (${(e as Error)?.message ?? e}). Run it again.` });
    throw e;
  }
}

/** The same pass in this thread (small fleets in the page: a worker round trip per step costs more than the work). */
export async function analyzeSampledInThread(fleet: Fleet, scenario: Scenario, opts: EngineSampledOptions = {}): Promise<SampledResult> {
  return runSampledAsync(
    sampledPass(fleet, scenario, localSampledExecutor(kernelStateSource(fleet), 0, fleet.count), {
      window: opts.window,
      signal: opts.signal,
      onProgress: opts.onProgress,
      islStride: opts.islStride,
      interpolation: opts.interpolation,
      progressIntervalMs: opts.progressIntervalMs,
    }),
    budgetPause(opts.yieldBudgetMs ?? SAMPLED_YIELD_BUDGET_MS),
  );
}
