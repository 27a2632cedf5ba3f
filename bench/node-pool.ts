/**
 * A minimal Node worker_threads pool for the benchmark: the element columns are copied once
 * into SharedArrayBuffers, each worker initialises SGP4 for a contiguous half (or 1/k) of the
 * satellites and writes its states straight into shared output arrays. The product's pool
 * (src/engine) is separate; this one only measures the kernel on k threads.
 */
import { Worker } from 'node:worker_threads';
import { ELEMENT_FLOAT_FIELDS, ELEMENT_INT_FIELDS, type ElementColumns } from '../src/core/elements/columns';
import { shardRanges } from '../src/core/fleet/fleet';
import type { WorkerInit, WorkerReply } from './sgp4-worker';

export interface NodeSgp4Pool {
  threads: number;
  /** Wall time from spawning the workers to all of them having initialised their shard, ms. */
  readyMs: number;
  /** Per-worker SGP4 init time, ms. */
  workerInitMs: number[];
  positionKm: Float64Array;
  velocityKmS: Float64Array;
  error: Uint8Array;
  /** Propagate all satellites to timeMs on all workers; resolves with wall time, ms. */
  propagate(timeMs: number): Promise<number>;
  close(): Promise<void>;
}

// The worker is TypeScript: sgp4-worker-boot.mjs registers tsx in the worker thread (Node 20
// workers do not apply the main thread's loader to their entry file) and imports it.
const WORKER_URL = new URL('./sgp4-worker-boot.mjs', import.meta.url);

function shareFloat(a: Float64Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(a.byteLength);
  new Float64Array(sab).set(a);
  return sab;
}
function shareInt(a: Int32Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(a.byteLength);
  new Int32Array(sab).set(a);
  return sab;
}

export async function startNodeSgp4Pool(cols: ElementColumns, threads: number): Promise<NodeSgp4Pool> {
  const n = cols.count;
  const floatBuffers: Record<string, SharedArrayBuffer> = {};
  const intBuffers: Record<string, SharedArrayBuffer> = {};
  for (const f of ELEMENT_FLOAT_FIELDS) floatBuffers[f] = shareFloat(cols[f]);
  for (const f of ELEMENT_INT_FIELDS) intBuffers[f] = shareInt(cols[f]);
  const position = new SharedArrayBuffer(24 * n);
  const velocity = new SharedArrayBuffer(24 * n);
  const error = new SharedArrayBuffer(n);
  const t0 = performance.now();
  const workers: Worker[] = [];
  const ready: Array<Promise<number>> = [];
  for (const [start, end] of shardRanges(n, threads)) {
    const data: WorkerInit = { count: n, start, end, floatBuffers, intBuffers, position, velocity, error };
    const w = new Worker(WORKER_URL, { workerData: data });
    workers.push(w);
    ready.push(
      new Promise<number>((resolve, reject) => {
        w.once('error', reject);
        w.once('message', (m: WorkerReply) => (m.kind === 'ready' ? resolve(m.initMs) : reject(new Error('unexpected reply'))));
      }),
    );
  }
  const workerInitMs = await Promise.all(ready);
  const readyMs = performance.now() - t0;
  // one request in flight at a time: each worker answers 'done' with the request id
  let seq = 0;
  let pending: { id: number; left: number; resolve: () => void; reject: (e: Error) => void } | null = null;
  for (const w of workers) {
    w.on('message', (m: WorkerReply) => {
      if (m.kind === 'done' && pending && m.id === pending.id && --pending.left === 0) {
        const p = pending;
        pending = null;
        p.resolve();
      }
    });
    w.on('error', (e) => {
      if (pending) {
        const p = pending;
        pending = null;
        p.reject(e);
      }
    });
  }
  return {
    threads,
    readyMs,
    workerInitMs,
    positionKm: new Float64Array(position),
    velocityKmS: new Float64Array(velocity),
    error: new Uint8Array(error),
    async propagate(timeMs: number): Promise<number> {
      if (pending) throw new Error('node pool: one propagation at a time');
      const id = ++seq;
      const s = performance.now();
      await new Promise<void>((resolve, reject) => {
        pending = { id, left: workers.length, resolve, reject };
        for (const w of workers) w.postMessage({ kind: 'propagate', id, timeMs });
      });
      return performance.now() - s;
    },
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
