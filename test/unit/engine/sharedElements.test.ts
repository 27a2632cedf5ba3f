/**
 * The fleet's elements in shared memory (issue 17, the page's memory at 1M): the page's analysis
 * worker builds them in one SharedArrayBuffer, and a shared-memory pool's workers then read them
 * in place instead of each holding a copy. The states must be those of a fleet with ordinary
 * columns, and the analytic figures those of the job without shared columns.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { elementColumnsShared, ELEMENT_FLOAT_FIELDS, ELEMENT_INT_FIELDS } from '../../../src/core/elements/columns';
import { presetScenario } from '../../../src/core/presets';
import { runAnalysisJob } from '../../../src/core/report/analysisJob';
import { nodeWorkerHost } from '../../../src/engine/nodeHost';
import { PropagationPool } from '../../../src/engine/propagationPool';

const sc = presetScenario('starlink-72x22')!;
const pools: PropagationPool[] = [];
afterEach(() => {
  while (pools.length) pools.pop()!.dispose();
});

describe('fleet elements in shared memory', () => {
  it('the analysis job builds them in one SharedArrayBuffer when asked, with the same figures', () => {
    const plain = runAnalysisJob(sc, []);
    const shared = runAnalysisJob(sc, [], { sharedColumns: true });
    expect(elementColumnsShared(plain.fleet.elements)).toBe(false);
    expect(elementColumnsShared(shared.fleet.elements)).toBe(true);
    const buffers = new Set([...ELEMENT_FLOAT_FIELDS, ...ELEMENT_INT_FIELDS].map((f) => shared.fleet.elements[f].buffer));
    expect(buffers.size).toBe(1);
    for (const f of [...ELEMENT_FLOAT_FIELDS, ...ELEMENT_INT_FIELDS])
      expect(Array.from(shared.fleet.elements[f]), f).toEqual(Array.from(plain.fleet.elements[f]));
    expect(shared.rollup.totals.computeGW).toBe(plain.rollup.totals.computeGW);
    expect(Array.from(shared.metrics.usablePowerW)).toEqual(Array.from(plain.metrics.usablePowerW));
  });

  it('a shared pool propagates shared elements in place to the states of copied ones', async () => {
    const plain = runAnalysisJob(sc, []).fleet;
    const shared = runAnalysisJob(sc, [], { sharedColumns: true }).fleet;
    const a = new PropagationPool({ host: nodeWorkerHost({ shareMemory: true }), workers: 2 });
    const b = new PropagationPool({ host: nodeWorkerHost({ shareMemory: true }), workers: 2 });
    pools.push(a, b);
    await Promise.all([a.setFleet(shared), b.setFleet(plain)]);
    for (const t of [Date.parse('2026-03-20T13:00:00Z'), Date.parse('2026-03-21T01:00:00Z')]) {
      const fa = (await a.propagate(t))!;
      const fb = (await b.propagate(t))!;
      expect(Array.from(fa.error)).toEqual(Array.from(fb.error));
      expect(Array.from(fa.positionKm!)).toEqual(Array.from(fb.positionKm!));
      expect(Array.from(fa.velocityKmS!)).toEqual(Array.from(fb.velocityKmS!));
    }
    // the pool left the page's columns as they were (nothing detached or transferred away)
    expect(shared.elements.epochMs.length).toBe(shared.count);
    expect(elementColumnsShared(shared.elements)).toBe(true);
  }, 60_000);
});
