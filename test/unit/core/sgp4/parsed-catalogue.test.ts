/**
 * End to end with the project's own TLE parser (src/core/elements): parse the real catalogue,
 * initialise the column kernel from the parsed columns, and compare with satellite.js
 * `twoline2satrec` + `propagate` (decay check on) from the same TLE text. The parser's epochs
 * are exact; satellite.js's Julian-date epochs are within ~20 us of them, so this is the
 * 1 m / 1 mm/s budget with real rounding on both sides. States whose SGP4 mean semi-major axis
 * is below 0.95 Earth radii are meaningless (see catalogue.test.ts) and compared by code only.
 */
import { propagate, twoline2satrec, type SatRec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { parseElements } from '../../../../src/core/elements';
import { initSgp4Batch, propagateBatch, SGP4_BATCH_STRIDE, SGP4_FLAG_DEEP, SGP4_FLAG_SIMPLE } from '../../../../src/core/sgp4';
import { readSharedData, splitTle } from './helpers';

describe('parsed catalogue -> column SGP4 vs satellite.js', () => {
  it('agrees for every satellite at its epoch + 0 and 7 days and at one common time', () => {
    const text = readSharedData('catalog-2022-08-09.tle');
    const parsed = parseElements(text);
    const pairs = splitTle(text);
    expect(parsed.accepted).toBe(pairs.length);
    const cols = parsed.columns;
    const recs: SatRec[] = pairs.map((p) => twoline2satrec(p.line1, p.line2));
    const p = new Float64Array(3);
    const v = new Float64Array(3);
    const e = new Uint8Array(1);
    let compared = 0;
    let maxDp = 0;
    let maxDv = 0;
    const problems: string[] = [];
    for (let i = 0; i < cols.count; i++) {
      const one = initSgp4Batch(cols, i, i + 1);
      const times = [0, 7].map((d) => Math.round(cols.epochMs[i] + d * 86_400_000));
      times.push(Date.UTC(2022, 7, 9, 12));
      for (const timeMs of times) {
        propagateBatch(one, timeMs, p, v, e);
        const r = propagate(recs[i], new Date(timeMs), { communityDecayCheckEnabled: true });
        const code = r ? 0 : recs[i].error;
        if (code !== e[0]) {
          if (problems.length < 10) problems.push(`#${pairs[i].line1.slice(2, 7)} at ${timeMs}: code ${code} vs ours ${e[0]}`);
          continue;
        }
        if (!r || r.meanElements.am < 0.95) continue;
        const dp = Math.hypot(p[0] - r.position.x, p[1] - r.position.y, p[2] - r.position.z);
        const dv = Math.hypot(v[0] - r.velocity.x, v[1] - r.velocity.y, v[2] - r.velocity.z);
        maxDp = Math.max(maxDp, dp);
        maxDv = Math.max(maxDv, dv);
        if (!(dp < 1e-3 && dv < 1e-6) && problems.length < 10) {
          problems.push(`#${pairs[i].line1.slice(2, 7)} at ${timeMs}: ${(dp * 1e3).toFixed(3)} m, ${(dv * 1e6).toFixed(3)} mm/s`);
        }
        compared++;
      }
    }
    console.log(`parsed catalogue: ${compared} states, max ${(maxDp * 1e3).toFixed(4)} m, ${(maxDv * 1e6).toFixed(4)} mm/s`);
    expect(problems).toEqual([]);
    expect(compared).toBeGreaterThan(cols.count * 2.5);
  });

  it('gives bit-identical states when blocks are initialised in reused (poisoned) scratch memory', () => {
    // The catalogue has every kind: near-Earth, low-perigee (simple), deep-space and failing satellites.
    const cols = parseElements(readSharedData('catalog-2022-08-09.tle')).columns;
    const timeMs = Date.UTC(2022, 7, 10);
    const n = cols.count;
    const fresh = { p: new Float64Array(3 * n), v: new Float64Array(3 * n), e: new Uint8Array(n) };
    const reused = { p: new Float64Array(3 * n), v: new Float64Array(3 * n), e: new Uint8Array(n) };
    const maxBlock = 4096;
    const scratch = { constants: new Float64Array(SGP4_BATCH_STRIDE * maxBlock), flags: new Uint8Array(maxBlock) };
    const kinds = new Set<number>();
    // Blocks of varying size, so that every satellite lands where others' constants were.
    for (let s = 0, k = 0; s < n; k++) {
      const e = Math.min(n, s + [4096, 1, 777, 4000, 33][k % 5]);
      const a = initSgp4Batch(cols, s, e);
      scratch.constants.fill(Number.NaN);
      scratch.flags.fill(255);
      const b = initSgp4Batch(cols, s, e, scratch);
      expect(Array.from(b.flags)).toEqual(Array.from(a.flags));
      for (const f of a.flags) kinds.add(f);
      propagateBatch(a, timeMs, fresh.p.subarray(3 * s), fresh.v.subarray(3 * s), fresh.e.subarray(s));
      propagateBatch(b, timeMs, reused.p.subarray(3 * s), reused.v.subarray(3 * s), reused.e.subarray(s));
      s = e;
    }
    expect(kinds.has(0)).toBe(true);
    expect(kinds.has(SGP4_FLAG_SIMPLE)).toBe(true);
    expect(kinds.has(SGP4_FLAG_DEEP | SGP4_FLAG_SIMPLE)).toBe(true);
    expect(Array.from(reused.e)).toEqual(Array.from(fresh.e));
    expect(fresh.e.some((x) => x !== 0)).toBe(true);
    for (let i = 0; i < 3 * n; i++) {
      if (!Object.is(reused.p[i], fresh.p[i]) || !Object.is(reused.v[i], fresh.v[i])) {
        expect.fail(`satellite ${Math.floor(i / 3)}: ${reused.p[i]} / ${reused.v[i]} vs ${fresh.p[i]} / ${fresh.v[i]}`);
      }
    }
  });
});
