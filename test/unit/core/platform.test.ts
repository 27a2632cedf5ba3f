/**
 * releaseNow (src/core/platform.ts): memory of a finished pass given back at once (issue 17, the
 * page's memory at the end of a sampled run). Node 20 has no ArrayBuffer.prototype.transfer, so
 * there the buffer is detached by a transferring structuredClone: a use after release fails here
 * exactly as in Chromium, where transfer(0) frees the memory.
 */
import { describe, expect, it } from 'vitest';
import { releaseNow } from '../../../src/core/platform';
import { localSampledExecutor, runSampledSync, sampledPass, type SampledSums } from '../../../src/core/analysis/sampled';
import { SAMPLED_SUM_COLUMNS, type SampledSumColumn } from '../../../src/core/analysis/sampled/accumulator';
import { finishSampled } from '../../../src/core/analysis/sampled/finish';
import { buildFleet } from '../../../src/core/fleet/generators';
import { presetScenario } from '../../../src/core/presets';
import { kernelStateSource } from '../../../src/core/report/run';

describe('releaseNow', () => {
  it('detaches every view of an owned buffer and counts its bytes; shared buffers and nothing are left alone', () => {
    const a = new Float64Array(1000).fill(1);
    const alias = new Uint8Array(a.buffer, 8, 16);
    const shared = new Float64Array(new SharedArrayBuffer(80));
    shared[0] = 5;
    expect(releaseNow(a, null, undefined, shared)).toBe(8000);
    expect(a.length).toBe(0);
    expect(alias.length).toBe(0);
    expect(a.buffer.byteLength).toBe(0);
    expect(shared[0]).toBe(5);
    expect(releaseNow(a)).toBe(0); // already released
  });

  it("a sampled pass frees the shards' sums once the figures are made, and the figures are those made from kept sums", () => {
    const sc = presetScenario('starlink-72x22')!;
    const fleet = buildFleet(sc);
    const window = { startMs: Date.parse('2026-03-20T12:00:00Z'), durationMs: 30 * 60_000, stepS: 60 };
    const handed: SampledSums[] = [];
    const kept: SampledSums[] = [];
    const exec = localSampledExecutor(kernelStateSource(fleet), 0, fleet.count);
    const finish = exec.finish.bind(exec);
    exec.finish = () => {
      const p = finish() as SampledSums[];
      handed.push(...p);
      for (const s of p) {
        const copy = { ...s };
        for (const k of Object.keys(SAMPLED_SUM_COLUMNS) as SampledSumColumn[]) (copy as Record<string, unknown>)[k] = s[k].slice();
        kept.push(copy);
      }
      return p;
    };
    const r = runSampledSync(sampledPass(fleet, sc, exec, { window }));
    expect(handed.length).toBe(1);
    expect(handed[0].shadowSum.length).toBe(0);
    expect(handed[0].routedSumMs.length).toBe(0);
    const ref = finishSampled(fleet, sc, kept[0], window);
    expect(r.metrics.eclipseFraction.length).toBe(fleet.count);
    expect(Array.from(r.metrics.eclipseFraction)).toEqual(Array.from(ref.metrics.eclipseFraction));
    expect(Array.from(r.metrics.latencyMs)).toEqual(Array.from(ref.metrics.latencyMs));
    expect(Array.from(r.metrics.usablePowerW)).toEqual(Array.from(ref.metrics.usablePowerW));
  });
});
