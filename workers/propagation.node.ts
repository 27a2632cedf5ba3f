/** Node worker_threads entry for one propagation shard (thin: see propagation.api.ts). */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createShardApi, transferablesOf, type ShardApi } from './propagation.api';

if (!parentPort) throw new Error('propagation.node.ts must run in a worker thread');
const api = createShardApi();
const out = <T>(r: T): T => Comlink.transfer(r, transferablesOf(r));
const exposed: ShardApi = {
  init: (msg) => api.init(msg),
  propagate: (seq, timeMs, recycle, sharedSlot, linkStations) => out(api.propagate(seq, timeMs, recycle, sharedSlot, linkStations)),
  sampledBegin: (stations, plan, routing) => api.sampledBegin(stations, plan, routing),
  sampledStep: (timeMs, route, slot) => {
    const r = api.sampledStep(timeMs, route, slot);
    return r ? out(r) : r;
  },
  sampledRoute: (states) => api.sampledRoute(states),
  sampledRoutedSums: () => {
    const r = api.sampledRoutedSums();
    return r ? out(r) : r;
  },
  sampledRouted: (routedMs) => api.sampledRouted(routedMs),
  sampledFinish: () => out(api.sampledFinish()),
};
Comlink.expose(exposed, nodeEndpoint(parentPort));
