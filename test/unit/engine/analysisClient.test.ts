import { describe, expect, it } from 'vitest';
import { AnalysisClient, MAX_RESTARTS } from '../../../src/engine/analysisClient';
import { runAnalysisJob, analysisResultBuffers, summarize } from '../../../src/core/report/analysisJob';
import { presetScenario } from '../../../src/core/presets';
import { analyzeAnalytic } from '../../../src/core/analysis/analytic';
import { buildFleet } from '../../../src/core/fleet/generators';

describe('analysis client (in-thread where Worker is missing, as in Node)', () => {
  it('gives the same rollup as the core called directly', async () => {
    const s = presetScenario('starlink-72x22')!;
    const c = new AnalysisClient();
    const r = await c.analyze(s, []);
    const fleet = buildFleet(s);
    // the client's job is the core's summarize (rollup with the feasibility checks folded in)
    const direct = summarize(fleet, s, analyzeAnalytic(fleet, s));
    expect(r!.rollup).toEqual(direct);
    expect(r!.fleet.count).toBe(1584);
  });
  it('a newer request supersedes those still waiting (they resolve null)', async () => {
    const a = presetScenario('starlink-72x22')!;
    const b = { ...a, name: 'second' };
    const cc = { ...a, name: 'third' };
    const c = new AnalysisClient();
    const p1 = c.analyze(a, []);
    const p2 = c.analyze(b, []);
    const p3 = c.analyze(cc, []);
    const [r1, r2, r3] = await Promise.all([p1, p2, p3]);
    expect(r1).toBeNull();
    expect(r2).toBeNull();
    expect(r3!.fleet.count).toBe(1584);
    // and one made after the first finished runs on its own
    expect((await c.analyze(a, []))!.fleet.count).toBe(1584);
  });
  it('lists every metric and fleet buffer for the transfer back', () => {
    const r = runAnalysisJob(presetScenario('suncatcher')!, []);
    const bufs = analysisResultBuffers(r);
    expect(bufs).toContain(r.metrics.computePowerW.buffer);
    expect(bufs).toContain(r.fleet.elements.raanDeg.buffer);
    expect(bufs).toContain(r.fleet.shellIndex.buffer);
    expect(new Set(bufs).size).toBe(bufs.length);
  });
  it('a worker that dies mid-job is replaced and the job retried; after repeated deaths the page analyses it', async () => {
    // a stand-in Worker that takes the request and dies without answering (its error event)
    let started = 0;
    class DyingWorker extends EventTarget {
      constructor() {
        super();
        started++;
      }
      postMessage(): void {
        setTimeout(() => this.dispatchEvent(Object.assign(new Event('error'), { message: 'killed' })), 1);
      }
      terminate(): void {}
    }
    const g = globalThis as { Worker?: unknown };
    const saved = g.Worker;
    g.Worker = DyingWorker;
    try {
      const s = presetScenario('starlink-72x22')!;
      const c = new AnalysisClient();
      const r = await c.analyze(s, []);
      // every death started a fresh worker, then the page took over: the same figures as the core
      expect(c.restarts).toBe(MAX_RESTARTS + 1);
      expect(started).toBe(MAX_RESTARTS + 1);
      expect(r!.rollup).toEqual(runAnalysisJob(s, []).rollup);
      // and the next request runs too
      expect((await c.analyze(s, []))!.fleet.count).toBe(1584);
    } finally {
      g.Worker = saved;
    }
  });
});
