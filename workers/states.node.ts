/** Node worker_threads entry for one share of a parallel `plan states` run (thin: see src/engine/statesShard.ts). */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createStatesShard, type StatesShard } from '../src/engine/statesShard';

if (!parentPort) throw new Error('states.node.ts must run in a worker thread');
const shard = createStatesShard();
const exposed: StatesShard = {
  run: (range) => shard.run(range),
  render: (idOffset) => {
    const r = shard.render(idOffset);
    return Comlink.transfer(
      r,
      r.chunks.map((c) => c.buffer as ArrayBuffer),
    );
  },
};
Comlink.expose(exposed, nodeEndpoint(parentPort));
