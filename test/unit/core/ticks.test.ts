/**
 * The one tick function against d3-array's published test cases (d3/d3-array test/ticks-test.js,
 * the reference implementation of this rounding rule), plus what the charts rely on.
 */
import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../../src/core/ticks';

describe('niceTicks', () => {
  it('gives the ticks d3-array publishes for [0, 1], [0, 10] and [-10, 10] at counts 1 to 10', () => {
    const tenths = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    const fifths = [0, 0.2, 0.4, 0.6, 0.8, 1];
    const expected: Array<[number, number, number, number[]]> = [
      [0, 1, 10, tenths],
      [0, 1, 9, tenths],
      [0, 1, 8, tenths],
      [0, 1, 7, fifths],
      [0, 1, 6, fifths],
      [0, 1, 5, fifths],
      [0, 1, 4, fifths],
      [0, 1, 3, [0, 0.5, 1]],
      [0, 1, 2, [0, 0.5, 1]],
      [0, 1, 1, [0, 1]],
      [0, 10, 10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
      [0, 10, 8, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
      [0, 10, 7, [0, 2, 4, 6, 8, 10]],
      [0, 10, 4, [0, 2, 4, 6, 8, 10]],
      [0, 10, 3, [0, 5, 10]],
      [0, 10, 2, [0, 5, 10]],
      [0, 10, 1, [0, 10]],
      [-10, 10, 10, [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]],
      [-10, 10, 7, [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]],
      [-10, 10, 6, [-10, -5, 0, 5, 10]],
      [-10, 10, 3, [-10, -5, 0, 5, 10]],
      [-10, 10, 2, [-10, 0, 10]],
      [-10, 10, 1, [0]],
    ];
    for (const [lo, hi, count, ticks] of expected) {
      expect(niceTicks(lo, hi, count), `${lo}..${hi} / ${count}`).toEqual(ticks);
      expect(niceTicks(hi, lo, count), `${hi}..${lo} / ${count}`).toEqual([...ticks].reverse());
    }
  });

  it('exact decimals, inside the range, no negative zero, degenerate input', () => {
    expect(niceTicks(0.98, 1.14, 10)).toEqual([0.98, 1, 1.02, 1.04, 1.06, 1.08, 1.1, 1.12, 1.14]);
    expect(niceTicks(0, 2.2, 3)).toEqual([0, 1, 2]);
    expect(Object.is(niceTicks(-1, 0, 5).pop(), 0)).toBe(true);
    expect(niceTicks(5, 5)).toEqual([5]);
    for (const bad of [
      [Number.NaN, 1, 5],
      [0, Number.POSITIVE_INFINITY, 5],
      [0, 1, 0],
      [0, 1, -1],
      [0, 1, Number.NaN],
      [0, 1, Number.POSITIVE_INFINITY],
    ])
      expect(niceTicks(bad[0], bad[1], bad[2])).toEqual([]);
  });

  it('the ranges the charts draw: compute in GW, latency in ms, power margins in W', () => {
    expect(niceTicks(-3.2, 7.9, 4)).toEqual([-2, 0, 2, 4, 6]);
    expect(niceTicks(0, 137.4, 4)).toEqual([0, 50, 100]); // raw 34.35: 5 x 10^1 (34.35 / 10 = 3.4 >= sqrt 10)
    expect(niceTicks(22.5, 41.2, 5)).toEqual([25, 30, 35, 40]); // raw 3.74 -> 5
    expect(niceTicks(-12_500, 8_000, 4)).toEqual([-10_000, -5_000, 0, 5_000]);
    expect(niceTicks(0.013, 0.061, 4)).toEqual([0.02, 0.03, 0.04, 0.05, 0.06]); // raw 0.012 -> 0.01
  });
});
