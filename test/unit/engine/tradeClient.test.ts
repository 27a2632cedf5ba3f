import { afterEach, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { TradeCancelled, TradePool } from '../../../src/engine/tradeClient';
import { presetScenario } from '../../../src/core/presets';
import { evaluateScenario } from '../../../src/core/trade';
import type { Scenario } from '../../../src/core/scenario/schema';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

/**
 * A stand-in for the browser's Worker running the real trade worker API in this thread over a
 * MessageChannel: `hang` makes every evaluation never answer (a long sampled variant).
 */
let hang = false;
const created: FakeWorker[] = [];
class FakeWorker {
  terminated = false;
  private port: MessageChannel['port1'];
  constructor() {
    const ch = new MessageChannel();
    this.port = ch.port1;
    const api = {
      setImported() {},
      evaluate(s: Scenario) {
        if (hang) return new Promise(() => {});
        const { cancelled: _c, ...f } = evaluateScenario(s, 'analytic');
        return f;
      },
    };
    Comlink.expose(api, nodeEndpoint(ch.port2));
    created.push(this);
    // the pool wraps the worker itself: forward the Worker endpoint methods to port1
    const ep = nodeEndpoint(ch.port1);
    Object.assign(this, {
      postMessage: ep.postMessage.bind(ep),
      addEventListener: ep.addEventListener.bind(ep),
      removeEventListener: ep.removeEventListener.bind(ep),
    });
  }
  terminate() {
    this.terminated = true;
    this.port.close();
  }
}

afterEach(() => {
  hang = false;
  Reflect.deleteProperty(globalThis, 'Worker');
});

describe('trade pool', () => {
  it('evaluates variants on its workers, and cancel stops hung ones at once', async () => {
    Object.assign(globalThis, { Worker: FakeWorker });
    const pool = new TradePool({ workers: 2 });
    const s = presetScenario('suncatcher') as Scenario;
    const f = await pool.evaluate(s, 'analytic');
    expect(f.totals).toEqual(evaluateScenario(s, 'analytic').totals);
    hang = true;
    const a = pool.evaluate(s, 'analytic');
    const b = pool.evaluate(s, 'analytic');
    const c = pool.evaluate(s, 'analytic'); // waits for a free worker
    const settled = Promise.allSettled([a, b]);
    await new Promise((r) => setTimeout(r, 20));
    pool.cancel();
    const [ra, rb] = await settled;
    expect(ra.status === 'rejected' && ra.reason instanceof TradeCancelled).toBe(true);
    expect(rb.status === 'rejected' && rb.reason instanceof TradeCancelled).toBe(true);
    // the waiting one then gets a fresh worker (still hanging): cancel it too
    await new Promise((r) => setTimeout(r, 20));
    const sc = Promise.allSettled([c]);
    pool.cancel();
    const [rc] = await sc;
    expect(rc.status === 'rejected' && rc.reason instanceof TradeCancelled).toBe(true);
    expect(created.filter((w) => w.terminated).length).toBe(3);
    hang = false;
    const g = await pool.evaluate(s, 'analytic');
    expect(g.satellites).toBe(81);
    pool.dispose();
  }, 15_000);
});
