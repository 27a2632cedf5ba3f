/** Node worker_threads entry for one propagation shard (thin: see propagation.api.ts). */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createShardApi, type ShardApi } from './propagation.api';

if (!parentPort) throw new Error('propagation.node.ts must run in a worker thread');
const api = createShardApi();
const exposed: ShardApi = {
  init: (msg) => api.init(msg),
  propagate: (seq, timeMs, recycle, sharedSlot) => {
    const r = api.propagate(seq, timeMs, recycle, sharedSlot);
    return r.positionKm ? Comlink.transfer(r, [r.positionKm.buffer as ArrayBuffer, r.velocityKmS!.buffer as ArrayBuffer, r.error!.buffer as ArrayBuffer]) : r;
  },
};
Comlink.expose(exposed, nodeEndpoint(parentPort));
