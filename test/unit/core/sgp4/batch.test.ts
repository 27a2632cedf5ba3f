/**
 * sgp4BatchWindow (src/core/sgp4/batch.ts): rows of a batch propagated as a batch of their own
 * give exactly those rows of the whole, deep-space satellites (satellite.js path) included. The
 * viewer's workers propagate their shard in such blocks (workers/propagation.api.ts).
 * Needs the real catalogue in ../shared/data (not copied into the repository).
 */
import { describe, expect, it } from 'vitest';
import { initSgp4Batch, SGP4_FLAG_DEEP, sgp4BatchWindow } from '../../../../src/core/sgp4/batch';
import { propagateBatch } from '../../../../src/core/sgp4/propagate';
import { readSharedData, satrecsAndColumns, splitTle } from './helpers';

const { cols } = satrecsAndColumns(splitTle(readSharedData('catalog-2022-08-09.tle')).slice(0, 6000));

describe('sgp4BatchWindow', () => {
  it('propagates rows [a, b) exactly as the whole batch does, deep-space rows included', () => {
    // two batches of the same rows: the deep-space SatRecs keep integrator state between calls
    const whole = initSgp4Batch(cols, 1000, 6000);
    const parts = initSgp4Batch(cols, 1000, 6000);
    const n = whole.count;
    let deep = 0;
    for (let i = 0; i < n; i++) if (whole.flags[i] & SGP4_FLAG_DEEP) deep++;
    expect(deep).toBeGreaterThan(50); // the catalogue's GEO / Molniya objects
    const cuts = [0, 1, 777, 4096, 4097, n];
    const windows = cuts.slice(0, -1).map((a, k) => sgp4BatchWindow(parts, a, cuts[k + 1]));
    expect(windows.reduce((s, w) => s + w.deepIndex.length, 0)).toBe(deep);
    for (const days of [0, 1.5, 30]) {
      const t = Date.parse('2022-08-09T00:00:00Z') + days * 86_400_000;
      const p = new Float64Array(3 * n);
      const v = new Float64Array(3 * n);
      const e = new Uint8Array(n);
      propagateBatch(whole, t, p, v, e);
      const p2 = new Float64Array(3 * n);
      const v2 = new Float64Array(3 * n);
      const e2 = new Uint8Array(n);
      for (const w of windows) {
        const pw = new Float64Array(3 * w.count);
        const vw = new Float64Array(3 * w.count);
        const ew = new Uint8Array(w.count);
        propagateBatch(w, t, pw, vw, ew);
        const at = w.start - whole.start;
        p2.set(pw, 3 * at);
        v2.set(vw, 3 * at);
        e2.set(ew, at);
      }
      expect(Array.from(e2)).toEqual(Array.from(e));
      expect(Array.from(p2)).toEqual(Array.from(p));
      expect(Array.from(v2)).toEqual(Array.from(v));
    }
  });

  it('names rows outside the batch', () => {
    const b = initSgp4Batch(cols, 0, 10);
    expect(() => sgp4BatchWindow(b, 5, 11)).toThrow(/rows \[5, 11\) are not within 0..10/);
    expect(() => sgp4BatchWindow(b, 6, 5)).toThrow(RangeError);
    expect(sgp4BatchWindow(b, 3, 3).count).toBe(0);
  });
});
