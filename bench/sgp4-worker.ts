/**
 * Node worker_threads entry for the benchmark (not product code): owns one shard of the
 * element columns (SharedArrayBuffer views), initialises the column SGP4 batch for it and
 * propagates on request into shared output arrays.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ELEMENT_FLOAT_FIELDS, ELEMENT_INT_FIELDS, type ElementColumns } from '../src/core/elements/columns';
import { initSgp4Batch, propagateBatch, type Sgp4Batch } from '../src/core/sgp4';

export interface WorkerInit {
  count: number;
  start: number;
  end: number;
  floatBuffers: Record<string, SharedArrayBuffer>;
  intBuffers: Record<string, SharedArrayBuffer>;
  position: SharedArrayBuffer;
  velocity: SharedArrayBuffer;
  error: SharedArrayBuffer;
}
export type WorkerRequest = { kind: 'propagate'; id: number; timeMs: number } | { kind: 'close' };
export type WorkerReply = { kind: 'ready'; initMs: number; batchBytes: number } | { kind: 'done'; id: number; ms: number; failed: number };

const init = workerData as WorkerInit;
const cols = { count: init.count, names: null, objectIds: null, classification: null } as ElementColumns;
for (const f of ELEMENT_FLOAT_FIELDS) cols[f] = new Float64Array(init.floatBuffers[f]);
for (const f of ELEMENT_INT_FIELDS) cols[f] = new Int32Array(init.intBuffers[f]);
const pos = new Float64Array(init.position);
const vel = new Float64Array(init.velocity);
const err = new Uint8Array(init.error);

const t0 = performance.now();
const batch: Sgp4Batch = initSgp4Batch(cols, init.start, init.end);
const initMs = performance.now() - t0;
let bytes = batch.flags.byteLength;
bytes += batch.constants.byteLength;
parentPort!.postMessage({ kind: 'ready', initMs, batchBytes: bytes } satisfies WorkerReply);

parentPort!.on('message', (m: WorkerRequest) => {
  if (m.kind === 'close') {
    parentPort!.close();
    return;
  }
  const s = performance.now();
  const failed = propagateBatch(batch, m.timeMs, pos, vel, err, init.start);
  parentPort!.postMessage({ kind: 'done', id: m.id, ms: performance.now() - s, failed } satisfies WorkerReply);
});
