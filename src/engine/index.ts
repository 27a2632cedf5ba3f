/**
 * Engine entry for the page: worker pools with an in-thread fallback.
 * Node code (CLI, tests) uses ./nodeHost instead.
 */
import { browserWorkerHost } from './browserHost';
import { PropagationPool } from './propagationPool';

export type { PropagationEngine, StateFrame, EngineNotice } from './types';
export { PropagationPool } from './propagationPool';

export interface EngineOptions {
  /** Number of workers; default navigator.hardwareConcurrency (at least 1, at most 8). */
  workers?: number;
  /** Use transferred buffers even when shared memory is available. */
  preferTransfer?: boolean;
  /** The workers also write the Float32 states the viewer draws (shared mode; see StateFrame.positionEr). */
  drawStates?: boolean;
}

export function defaultWorkerCount(): number {
  const hc = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(8, hc));
}

/** The propagation engine for this page: a Web Worker pool, or in-thread where Workers are missing. */
export function createPropagationEngine(opts: EngineOptions = {}): PropagationPool {
  if (typeof Worker === 'undefined') return new PropagationPool({ host: null, workers: 1 });
  return new PropagationPool({
    host: browserWorkerHost(),
    workers: opts.workers ?? defaultWorkerCount(),
    preferTransfer: opts.preferTransfer,
    drawStates: opts.drawStates,
  });
}
