/** Web Worker host for the propagation pool (Vite bundles the worker as an ES module). */
import * as Comlink from 'comlink';
import type { ShardApi } from '../../workers/propagation.api';
import type { ShardWorker, WorkerHost } from './propagationPool';

export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

export function browserWorkerHost(): WorkerHost {
  return {
    canShareMemory: canShareMemory(),
    spawn(index: number): ShardWorker {
      const w = new Worker(new URL('../../workers/propagation.worker.ts', import.meta.url), {
        type: 'module',
        name: `propagation-${index}`,
      });
      const crashed = new Promise<never>((_, reject) => {
        w.addEventListener('error', (e) => reject(new Error(e.message || 'worker error')));
        w.addEventListener('messageerror', () => reject(new Error('worker message error')));
      });
      crashed.catch(() => undefined); // observed through Promise.race by the pool
      return { api: Comlink.wrap<ShardApi>(w), crashed, terminate: () => w.terminate() };
    },
  };
}
