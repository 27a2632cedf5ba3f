import { describe, expect, it } from 'vitest';
import { cdf, eclipseAcrossYear, histogram, orbitPowerProfile } from '../../../../src/core/report/chartMath';
import { kozaiMeanMotionForAltitude, raanForLtanDeg, ssoInclinationDeg } from '../../../../src/core/orbit';
import { msToJd, DEG2RAD } from '../../../../src/core/units';
import { WGS72, WGS84 } from '../../../../src/core/constants';

describe('chart math', () => {
  it('histograms count every finite value once and report the rest', () => {
    const a = new Float64Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, Number.NaN, Infinity]);
    const h = histogram(a, 5);
    expect(Array.from(h.counts)).toEqual([2, 2, 2, 2, 2]);
    expect(h.nonFinite).toBe(2);
    expect(h.edges[0]).toBe(0);
    expect(h.edges[5]).toBe(9);
    const c = histogram(new Float64Array([3, 3, 3]), 10);
    expect(Array.from(c.counts)).toEqual([3]);
  });
  it('CDF is monotone and ends at 1', () => {
    const a = new Float64Array(1000).map((_, i) => (i * 7919) % 1000);
    const c = cdf(a, 50);
    expect(c.n).toBe(1000);
    expect(c.y[c.y.length - 1]).toBe(1);
    expect(c.x[c.x.length - 1]).toBe(999);
    for (let k = 1; k < c.x.length; k++) expect(c.x[k]).toBeGreaterThanOrEqual(c.x[k - 1]);
    // median step: half the values are <= ~499
    const k = c.y.findIndex((y) => y >= 0.5);
    expect(c.x[k]).toBeCloseTo(499, 0);
  });
  it('a dawn-dusk SSO at 650 km has an eclipse season in northern summer and none in winter (PHYSICS.md check)', () => {
    // PHYSICS.md: 650 km LTAN 18:00, 2025: beta 58.6..86.9 deg, eclipse season about May 7 to Aug 5, longest 19.7 min.
    const start = Date.parse('2025-01-01T00:00:00Z');
    const inc = ssoInclinationDeg(650);
    // 650 km above the WGS-84 sphere, as PHYSICS.md measures altitude
    const altWgs72 = 650 + WGS84.radiusKm - WGS72.radiusKm;
    const n = kozaiMeanMotionForAltitude(altWgs72, 0, inc * DEG2RAD);
    const y = eclipseAcrossYear(
      { meanMotionRevPerDay: n, eccentricity: 0, inclinationDeg: inc, raanDeg: raanForLtanDeg(msToJd(start), 18), epochMs: start },
      start,
      364,
    );
    const eclDays = Array.from(y.eclipseFraction)
      .map((f, d) => [d, f] as const)
      .filter(([, f]) => f > 0)
      .map(([d]) => d);
    const may7 = 126;
    const aug5 = 216;
    expect(eclDays[0]).toBeGreaterThanOrEqual(may7 - 4);
    expect(eclDays[0]).toBeLessThanOrEqual(may7 + 4);
    expect(eclDays[eclDays.length - 1]).toBeGreaterThanOrEqual(aug5 - 4);
    expect(eclDays[eclDays.length - 1]).toBeLessThanOrEqual(aug5 + 4);
    const betas = Array.from(y.betaDeg).map(Math.abs);
    expect(Math.min(...betas)).toBeGreaterThan(58.6 - 0.7);
    expect(Math.max(...betas)).toBeLessThan(86.9 + 0.7);
    const periodMin = 1440 / n;
    expect(Math.max(...y.eclipseFraction) * periodMin).toBeGreaterThan(19.7 - 0.6);
    expect(Math.max(...y.eclipseFraction) * periodMin).toBeLessThan(19.7 + 0.6);
  });
  it('orbit power profile: battery reaches 1 - DOD at eclipse exit when sized as C = Pe Te / (DOD n)', () => {
    // PHYSICS.md check: 1 kW load, eclipse 35.61 min of a 95.65 min orbit, battery 2,198 Wh at DOD 0.3, n 0.9.
    const p = orbitPowerProfile(
      { periodS: 95.65 * 60, eclipseFraction: 35.61 / 95.65, arrayW: 2239, loadW: 1000, batteryWh: 2198, batteryEfficiency: 0.9 },
      1001,
    );
    expect(p.minSocPct).toBeCloseTo(70, 0);
    // full at eclipse entry (phase 0.5 - f/2), lowest at eclipse exit, linear recharge in between
    const f = 35.61 / 95.65;
    const entry = Math.round((0.5 - f / 2) * 1000);
    const exit = Math.round((0.5 + f / 2) * 1000);
    expect(p.socPct[entry]).toBeCloseTo(100, 0);
    expect(p.socPct[exit]).toBeCloseTo(70, 0);
    expect(p.socPct[0]).toBeCloseTo(p.socPct[1000], 6);
    const mid = 500;
    expect(p.arrayW[mid]).toBe(0);
    expect(p.arrayW[0]).toBe(2239);
  });
});

import * as THREE from 'three';
import { globeLatLonAtPixel } from '../../../../src/render/globePick';
import { lonLatToUnit } from '../../../../src/render/globe';

describe('globe click coordinates', () => {
  it('reads back the latitude and longitude the viewer draws at the centre of the view', () => {
    const v = [0, 0, 0];
    for (const [lon, lat] of [
      [0, 0],
      [88.97, 14.19],
      [-70.85, -52.94],
      [179.5, 78.23],
      [-179.5, -89],
    ]) {
      for (const gmstDeg of [0, 37.5, 290]) {
        const g = (gmstDeg * Math.PI) / 180;
        lonLatToUnit(lon, lat, v, 0, 1);
        // Earth-fixed -> inertial: rotate by +GMST about z; put the camera 3 radii out along it.
        const xi = Math.cos(g) * v[0] - Math.sin(g) * v[1];
        const yi = Math.sin(g) * v[0] + Math.cos(g) * v[1];
        const cam = new THREE.PerspectiveCamera(40, 1, 0.01, 100);
        cam.position.set(3 * xi, 3 * yi, 3 * v[2]);
        cam.up.set(0, 0, 1);
        if (Math.abs(lat) > 89) cam.up.set(1, 0, 0);
        cam.lookAt(0, 0, 0);
        cam.updateMatrixWorld();
        const r = globeLatLonAtPixel(cam, g, 400, 400, 800, 800)!;
        expect(r.latDeg).toBeCloseTo(lat, 6);
        if (Math.abs(lat) < 89) expect(((r.lonDeg - lon + 540) % 360) - 180).toBeCloseTo(0, 6);
        // a corner pixel misses the globe from 3 radii with a 40 deg field of view
        expect(globeLatLonAtPixel(cam, g, 0, 0, 800, 800)).toBeNull();
      }
    }
  });
});
