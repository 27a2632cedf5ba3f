/**
 * Node worker_threads host for the propagation pool (CLI, tests, benchmarks). From source the worker
 * entry is TypeScript, so each thread starts with tsx's loader; in the bundled CLI
 * (scripts/plan.mjs) the bundle defines __PLAN_NODE_WORKER_ENTRY__ and the threads load the
 * bundled worker next to it. Not imported by browser code.
 */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { ShardApi } from '../../workers/propagation.api';
import { PropagationPool, type ShardWorker, type WorkerHost } from './propagationPool';
import { availableParallelism } from 'node:os';

declare const __PLAN_NODE_WORKER_ENTRY__: string | undefined;

function workerEntry(): URL {
  if (typeof __PLAN_NODE_WORKER_ENTRY__ === 'string') return new URL(__PLAN_NODE_WORKER_ENTRY__, import.meta.url);
  return new URL('../../workers/propagation.node-boot.mjs', import.meta.url);
}

export function nodeWorkerHost(opts: { shareMemory?: boolean; onSpawn?: (w: Worker, index: number) => void } = {}): WorkerHost {
  const entry = workerEntry();
  return {
    canShareMemory: opts.shareMemory ?? true,
    spawn(index: number): ShardWorker {
      const w = new Worker(entry, { name: `propagation-${index}` });
      const crashed = new Promise<never>((_, reject) => {
        w.on('error', (e) => reject(e));
        w.on('exit', (code) => reject(new Error(`worker exited with code ${code}`)));
      });
      crashed.catch(() => undefined);
      opts.onSpawn?.(w, index);
      const api = Comlink.wrap<ShardApi>(nodeEndpoint(w as never));
      return {
        api,
        crashed,
        terminate: () => {
          api[Comlink.releaseProxy]?.();
          void w.terminate();
        },
      };
    },
  };
}

/** A pool of Node worker threads (default: one per core), or in-thread when `workers` is 0. */
export function createNodePropagationEngine(opts: { workers?: number; preferTransfer?: boolean } = {}): PropagationPool {
  const workers = opts.workers ?? availableParallelism();
  if (workers <= 0) return new PropagationPool({ host: null, workers: 1 });
  return new PropagationPool({ host: nodeWorkerHost(), workers, preferTransfer: opts.preferTransfer });
}
