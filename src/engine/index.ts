/**
 * Engine entry for the page: worker pools with an in-thread fallback.
 * Node code (CLI, tests) uses ./nodeHost instead.
 */
import { browserWorkerHost, canShareMemory } from './browserHost';
import { PropagationPool } from './propagationPool';

export type { PropagationEngine, StateFrame, EngineNotice } from './types';
export { PropagationPool } from './propagationPool';

export interface EngineOptions {
  /** Number of workers; default defaultWorkerCount() for this page's mode. */
  workers?: number;
  /** Use transferred buffers even when shared memory is available. */
  preferTransfer?: boolean;
  /** The workers also write the Float32 states the viewer draws (shared mode; see StateFrame.positionEr). */
  drawStates?: boolean;
}

/**
 * Propagation workers for this page: one per core (at most 8) when the page is cross-origin
 * isolated, one fewer (at least 1) when it is not. Without SharedArrayBuffer the main thread takes
 * over the per-tick work the workers do in shared mode: it receives every shard's states, copies
 * them into the frame and converts them to the Float32 arrays the GPU draws (a pass over the whole
 * fleet each tick, ~30-60 ms at 1M here), on top of rendering; a worker on every core then competes
 * with it for the CPU. Leaving it a core keeps the picture smooth at the cost of slower ticks
 * (measured in docs/ENGINE.md, "Workers without cross-origin isolation").
 */
export function defaultWorkerCount(shared: boolean = canShareMemory(), cores: number = hardwareCores()): number {
  const n = shared ? cores : cores - 1;
  return Math.max(1, Math.min(8, n));
}

function hardwareCores(): number {
  return typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
}

/** The propagation engine for this page: a Web Worker pool, or in-thread where Workers are missing. */
export function createPropagationEngine(opts: EngineOptions = {}): PropagationPool {
  if (typeof Worker === 'undefined') return new PropagationPool({ host: null, workers: 1 });
  const host = browserWorkerHost();
  return new PropagationPool({
    host,
    workers: opts.workers ?? defaultWorkerCount(host.canShareMemory && !opts.preferTransfer),
    preferTransfer: opts.preferTransfer,
    drawStates: opts.drawStates,
  });
}
