import { describe, expect, it } from 'vitest';
import { sunPos, gstime } from 'satellite.js';
import { gmstRad, sunDirection } from '../../../src/render/astro';
import { msToJd } from '../../../src/core/units';

describe('render astro', () => {
  it('Sun direction agrees with satellite.js sunPos within 0.02 deg over 2020-2035', () => {
    const out = new Float64Array(3);
    for (let t = Date.parse('2020-01-01T00:00:00Z'); t < Date.parse('2035-01-01T00:00:00Z'); t += 37.3 * 86_400_000) {
      sunDirection(t, out);
      const r = sunPos(msToJd(t)).rsun;
      const n = Math.hypot(r.x, r.y, r.z);
      const cos = (out[0] * r.x + out[1] * r.y + out[2] * r.z) / n;
      const angleDeg = (Math.acos(Math.min(1, cos)) * 180) / Math.PI;
      expect(angleDeg).toBeLessThan(0.02);
      expect(Math.hypot(out[0], out[1], out[2])).toBeCloseTo(1, 12);
    }
  });

  it('Sun is near the March equinox direction (+x) on 2026-03-20 14:46 UTC and at max declination at the June solstice', () => {
    const out = new Float64Array(3);
    sunDirection(Date.parse('2026-03-20T14:46:00Z'), out);
    expect(out[0]).toBeGreaterThan(0.9999);
    expect(Math.abs(out[2])).toBeLessThan(0.001);
    sunDirection(Date.parse('2026-06-21T08:24:00Z'), out);
    // declination = obliquity 23.436 deg (+-0.01)
    expect((Math.asin(out[2]) * 180) / Math.PI).toBeCloseTo(23.436, 1);
  });

  it('GMST agrees with satellite.js gstime', () => {
    const t = Date.parse('2026-03-20T12:00:00Z');
    expect(gmstRad(t)).toBeCloseTo(gstime(msToJd(t)), 9);
  });
});
