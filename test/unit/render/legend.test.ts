import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../../src/core/ticks';
import { fillColours, formatValue, legendFor, valueRange, COLOUR_MODES } from '../../../src/render/legend';
import { buildLut, CATEGORICAL, NO_DATA_RGB } from '../../../src/render/colormaps';

describe('legend ranges', () => {
  it('valueRange skips NaN and infinities', () => {
    expect(valueRange(new Float64Array([3, Number.NaN, -2, Infinity, 7, -Infinity]))).toEqual({ min: -2, max: 7, finite: 3 });
    const empty = valueRange(new Float64Array([Number.NaN]));
    expect(empty.finite).toBe(0);
    expect(Number.isNaN(empty.min)).toBe(true);
  });

  it("legend ticks are the charts' niceTicks (src/core/ticks.ts) over the legend range, about 5 of them", () => {
    const usablePowerW = new Float64Array([80_000, 95_500, Number.NaN, 120_000]);
    const l = legendFor('power', { shellNames: ['a'], count: 4, metrics: { usablePowerW } });
    if (l.kind !== 'continuous') throw new Error('power legend is continuous');
    expect(l.ticks).toEqual(niceTicks(l.min, l.max, 4));
    expect(l.ticks).toEqual([80, 90, 100, 110, 120]); // kW; raw step 10
  });

  it('power legend converts W to kW and counts satellites without data', () => {
    const usablePowerW = new Float64Array([80_000, 95_500, Number.NaN, 120_000]);
    const l = legendFor('power', { shellNames: ['a'], count: 4, metrics: { usablePowerW } });
    expect(l.kind).toBe('continuous');
    if (l.kind !== 'continuous') return;
    expect(l.unit).toBe('kW');
    expect(l.min).toBeCloseTo(80, 12);
    expect(l.max).toBeCloseTo(120, 12);
    expect(l.missing).toBe(1);
    expect(l.map).toBe(COLOUR_MODES.power.map);
  });

  it('a metric mode without its column says so (NaN range, all missing)', () => {
    const l = legendFor('latency', { shellNames: [], count: 10 });
    expect(l.kind === 'continuous' && Number.isNaN(l.min) && l.missing === 10).toBe(true);
  });

  it('shell legend lists shells with the categorical palette', () => {
    const l = legendFor('shell', { shellNames: ['s1', 's2'], count: 0 });
    expect(l).toEqual({
      kind: 'categorical',
      title: 'Shell',
      items: [
        { label: 's1', colour: CATEGORICAL[0] },
        { label: 's2', colour: CATEGORICAL[1] },
      ],
    });
  });

  it('fillColours maps min -> LUT[0], max -> LUT[255], NaN -> no-data grey, shells -> palette', () => {
    const shellIndex = new Uint16Array([0, 1, 0, 1]);
    const radiatorTempC = new Float64Array([10, 60, Number.NaN, 35]);
    const out = new Uint8Array(12);
    fillColours('radiatorTemp', shellIndex, { radiatorTempC }, out);
    const lut = buildLut('viridis');
    expect([...out.subarray(0, 3)]).toEqual([...lut.subarray(0, 3)]);
    expect([...out.subarray(3, 6)]).toEqual([...lut.subarray(765, 768)]);
    expect([...out.subarray(6, 9)]).toEqual(NO_DATA_RGB.map((u) => Math.round(u * 255)));
    // 35 is half way: LUT index round(127.5) = 128
    expect([...out.subarray(9, 12)]).toEqual([...lut.subarray(384, 387)]);
    fillColours('shell', shellIndex, undefined, out);
    expect([...out.subarray(3, 6)]).toEqual(CATEGORICAL[1].map((u) => Math.round(u * 255)));
  });

  it('formatValue keeps about 3 significant figures', () => {
    expect(formatValue(1234.5)).toBe('1,235');
    expect(formatValue(123.4)).toBe('123');
    expect(formatValue(12.34)).toBe('12.3');
    expect(formatValue(1.234)).toBe('1.23');
    expect(formatValue(0.01234)).toBe('0.012');
    expect(formatValue(Number.NaN)).toBe('–');
  });
});

describe('signed margins use a diverging map centred on zero', () => {
  it('zero gets the middle colour (ColorBrewer RdBu #f7f7f7), a shortfall red, spare blue; the legend is symmetric', () => {
    const w = new Float64Array([-2000, 0, 1000, Number.NaN]); // W
    const out = new Uint8Array(12);
    fillColours('powerMargin', new Uint16Array(4), { powerMarginW: w }, out);
    // -2 kW is the bottom of the symmetric range [-2, 2] kW: the darkest red stop #67001f
    expect([out[0], out[1], out[2]]).toEqual([0x67, 0x00, 0x1f]);
    // zero: lut entry 128 of 256, between the two centre-most entries of the near-white middle
    const lut = buildLut('rdbu');
    expect([out[3], out[4], out[5]]).toEqual([lut[128 * 3], lut[128 * 3 + 1], lut[128 * 3 + 2]]);
    expect(Math.min(out[3], out[4], out[5])).toBeGreaterThan(230);
    // +1 kW: three quarters up, blue dominates
    expect(out[8]).toBeGreaterThan(out[6]);
    expect([out[9], out[10], out[11]]).toEqual(NO_DATA_RGB.map((c) => Math.round(c * 255)));
    const l = legendFor('powerMargin', { shellNames: [], count: 4, metrics: { powerMarginW: w } });
    if (l.kind !== 'continuous') throw new Error('continuous legend expected');
    expect([l.min, l.max, l.centredOnZero, l.belowZero, l.missing]).toEqual([-2, 2, true, 1, 1]);
    expect(l.ticks).toContain(0);
  });
});
