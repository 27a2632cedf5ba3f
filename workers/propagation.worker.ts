/** Browser Web Worker entry for one propagation shard (thin: see propagation.api.ts). */
import * as Comlink from 'comlink';
import { createShardApi, type ShardApi } from './propagation.api';

const api = createShardApi();
const exposed: ShardApi = {
  init: (msg) => api.init(msg),
  propagate: (seq, timeMs, recycle, sharedSlot) => {
    const r = api.propagate(seq, timeMs, recycle, sharedSlot);
    return r.positionKm ? Comlink.transfer(r, [r.positionKm.buffer, r.velocityKmS!.buffer, r.error!.buffer]) : r;
  },
};
Comlink.expose(exposed);
