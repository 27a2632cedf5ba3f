/**
 * TEME -> ITRF and WGS-84 geodetic (src/core/frames.ts) against satellite.js (eciToEcf,
 * eciToGeodetic: an independent implementation), and the Earth-fixed velocity against the finite
 * difference of Earth-fixed positions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eciToEcf, eciToGeodetic, gstime, propagate, twoline2satrec } from 'satellite.js';
import { geodeticFromItrf, temeToItrfAt } from '../../../src/core/frames';
import { gmstRadAtMs } from '../../../src/core/physics/time';
import { propertyRuns } from '../propertyRuns';

const ISS = [
  '1 25544U 98067A   22221.92646991  .00006058  00000-0  11289-3 0  9998',
  '2 25544  51.6448  70.3700 0005152 101.7041  98.6467 15.50292585353513',
] as const;

function itrf(tMs: number): { p: Float64Array; v: Float64Array } {
  const pv = propagate(twoline2satrec(ISS[0], ISS[1]), new Date(tMs));
  if (!pv) throw new Error('SGP4 failed');
  const p = Float64Array.of(pv.position.x, pv.position.y, pv.position.z);
  const v = Float64Array.of(pv.velocity.x, pv.velocity.y, pv.velocity.z);
  temeToItrfAt(gmstRadAtMs(tMs), p, v, 0, p, v);
  return { p, v };
}

describe('frames', () => {
  it('ITRF position equals satellite.js eciToEcf with its gstime', () => {
    const t0 = Date.UTC(2022, 7, 10);
    for (let k = 0; k < 50; k++) {
      const t = t0 + k * 617_000;
      const pv = propagate(twoline2satrec(ISS[0], ISS[1]), new Date(t));
      if (!pv) throw new Error('SGP4 failed');
      const ref = eciToEcf(pv.position, gstime(new Date(t)));
      const { p } = itrf(t);
      expect(Math.hypot(p[0] - ref.x, p[1] - ref.y, p[2] - ref.z)).toBeLessThan(1e-6);
    }
  });

  it('ITRF velocity is the time derivative of the ITRF position (w x r included), for an exact circular TEME motion', () => {
    // p(t) = r (cos nt, sin nt cos i, sin nt sin i): its velocity is exact, unlike SGP4's (which is
    // not exactly the derivative of its position).
    const rKm = 6878;
    const n = 0.00113; // rad/s
    const inc = 0.9;
    const t0 = Date.UTC(2022, 7, 10);
    const at = (tMs: number) => {
      const a = n * ((tMs - t0) / 1000);
      const p = Float64Array.of(rKm * Math.cos(a), rKm * Math.sin(a) * Math.cos(inc), rKm * Math.sin(a) * Math.sin(inc));
      const v = Float64Array.of(-rKm * n * Math.sin(a), rKm * n * Math.cos(a) * Math.cos(inc), rKm * n * Math.cos(a) * Math.sin(inc));
      temeToItrfAt(gmstRadAtMs(tMs), p, v, 0, p, v);
      return { p, v };
    };
    for (let k = 0; k < 40; k++) {
      const t = t0 + k * 397_000;
      const { v } = at(t);
      // Five-point derivative over +-20 s (GMST from a Julian date carries ~3e-9 rad of rounding,
      // ~2e-5 km at this radius, so a 1 s difference would be noise).
      const h = 10;
      const [m2, m1, p1, p2] = [-2, -1, 1, 2].map((j) => at(t + j * h * 1000).p);
      const fd = [0, 1, 2].map((c) => (m2[c] - 8 * m1[c] + 8 * p1[c] - p2[c]) / (12 * h));
      // Leaving out w x r would be an error of ~0.5 km/s.
      expect(Math.hypot(v[0] - fd[0], v[1] - fd[1], v[2] - fd[2])).toBeLessThan(1e-5);
    }
  });

  it('geodetic latitude, longitude and height equal satellite.js eciToGeodetic (WGS-84) anywhere from the surface to GEO', () => {
    const out = new Float64Array(3);
    fc.assert(
      fc.property(
        // (satellite.js divides by cos(latitude) for the height: ill-conditioned at the poles, checked below by the published anchor)
        fc.double({ min: -1.569, max: 1.569, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 40_000, noNaN: true }),
        (lat, lon, hKm) => {
          // a point by its spherical direction and radius, fed to both as ECF (gmst 0)
          const r = 6378 + hKm;
          const x = r * Math.cos(lat) * Math.cos(lon);
          const y = r * Math.cos(lat) * Math.sin(lon);
          const z = r * Math.sin(lat);
          geodeticFromItrf(x, y, z, out);
          const ref = eciToGeodetic({ x, y, z }, 0);
          const dLon = Math.abs(((out[1] - (ref.longitude * 180) / Math.PI + 540) % 360) - 180);
          return Math.abs(out[0] - (ref.latitude * 180) / Math.PI) < 1e-7 && dLon < 1e-9 && Math.abs(out[2] - ref.height) < 1e-5;
        },
      ),
      propertyRuns(2000, 18),
    );
    // Published WGS-84 anchors: the equator at the semi-major axis, the pole at the semi-minor axis (6356.752314 km).
    geodeticFromItrf(6378.137, 0, 0, out);
    expect(out[0]).toBe(0);
    expect(Math.abs(out[2])).toBeLessThan(1e-9);
    geodeticFromItrf(0, 0, 6356.752314245 + 500, out);
    expect(out[0]).toBeCloseTo(90, 9);
    expect(out[2]).toBeCloseTo(500, 6);
  });
});
