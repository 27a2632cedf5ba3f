import { describe, expect, it } from 'vitest';
import { SC, sincos } from '../../../../src/core/sgp4/sincos';

describe('sincos', () => {
  it('matches Math.sin / Math.cos to a few 1e-16 over the range SGP4 uses', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let worst = 0;
    const xs: number[] = [0, -0, 1e-300, Math.PI / 4, Math.PI / 2, Math.PI, -Math.PI, (3 * Math.PI) / 2, 2 * Math.PI, 99999.9];
    for (let k = 0; k < 20000; k++) xs.push((rnd() - 0.5) * 20, (rnd() - 0.5) * 2e5, (rnd() - 0.5) * 1e-3);
    for (const x of xs) {
      sincos(x);
      worst = Math.max(worst, Math.abs(SC[0] - Math.sin(x)), Math.abs(SC[1] - Math.cos(x)));
    }
    expect(worst).toBeLessThan(5e-16);
  });

  it('falls back to Math for huge and non-finite arguments', () => {
    sincos(1e9);
    expect(SC[0]).toBe(Math.sin(1e9));
    expect(SC[1]).toBe(Math.cos(1e9));
    sincos(Number.NaN);
    expect(Number.isNaN(SC[0]) && Number.isNaN(SC[1])).toBe(true);
  });
});
