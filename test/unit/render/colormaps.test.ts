import { describe, expect, it } from 'vitest';
import { buildLut, CATEGORICAL, CONTROL_POINTS, relativeLuminance, sampleMap, NO_DATA_RGB } from '../../../src/render/colormaps';

describe('colour maps', () => {
  it('hit the published end points of viridis (#440154 -> #fde725) and cividis (#00224e -> #fee838)', () => {
    const hex = (c: number[]) =>
      c
        .map((u) =>
          Math.round(u * 255)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('');
    expect(hex(sampleMap('viridis', 0))).toBe('440154');
    expect(hex(sampleMap('viridis', 1))).toBe('fde725');
    expect(hex(sampleMap('cividis', 0))).toBe('00224e');
    expect(hex(sampleMap('cividis', 1))).toBe('fee838');
    // viridis mid point (matplotlib's value at 0.5 is #21918c): within 2/255 per channel
    const mid = sampleMap('viridis', 0.5).map((u) => Math.round(u * 255));
    expect(Math.abs(mid[0] - 0x21)).toBeLessThanOrEqual(2);
    expect(Math.abs(mid[1] - 0x91)).toBeLessThanOrEqual(2);
    expect(Math.abs(mid[2] - 0x8c)).toBeLessThanOrEqual(2);
  });

  it('are monotone in luminance (readable without hue, the colour-blind-safe property)', () => {
    for (const name of ['viridis', 'cividis'] as const) {
      let prev = -1;
      for (let i = 0; i <= 100; i++) {
        const l = relativeLuminance(sampleMap(name, i / 100));
        expect(l).toBeGreaterThan(prev);
        prev = l;
      }
      expect(CONTROL_POINTS[name].length).toBeGreaterThanOrEqual(9);
    }
  });

  it('clamp out-of-range input and give the no-data grey for NaN', () => {
    expect(sampleMap('viridis', -3)).toEqual(sampleMap('viridis', 0));
    expect(sampleMap('viridis', 7)).toEqual(sampleMap('viridis', 1));
    expect(sampleMap('cividis', Number.NaN)).toEqual([...NO_DATA_RGB]);
  });

  it('LUT bytes equal the sampled map', () => {
    const lut = buildLut('cividis', 256);
    for (const i of [0, 37, 128, 255]) {
      const c = sampleMap('cividis', i / 255);
      expect(lut[i * 3]).toBe(Math.round(c[0] * 255));
      expect(lut[i * 3 + 1]).toBe(Math.round(c[1] * 255));
      expect(lut[i * 3 + 2]).toBe(Math.round(c[2] * 255));
    }
  });

  it('categorical palette colours are distinct and bright enough on the dark background', () => {
    const keys = new Set(CATEGORICAL.map((c) => c.join(',')));
    expect(keys.size).toBe(CATEGORICAL.length);
    for (const c of CATEGORICAL) expect(relativeLuminance(c)).toBeGreaterThan(0.08);
  });
});
