import { describe, expect, it } from 'vitest';
import { gstime, sunPos } from 'satellite.js';
import { AU_KM } from '../../../../src/core/constants';
import { gmstRad, gmstRadAtMs, julianDateFromMs, msFromJulianDate } from '../../../../src/core/physics/time';
import { solarFluxWm2, sunEphemeris, sunPositionKm } from '../../../../src/core/physics/sun';

const RAD2DEG = 180 / Math.PI;

describe('time', () => {
  it('converts Unix ms to Julian dates and back', () => {
    expect(julianDateFromMs(Date.parse('2000-01-01T12:00:00Z'))).toBe(2451545.0);
    expect(msFromJulianDate(2451545.0)).toBe(Date.parse('2000-01-01T12:00:00Z'));
  });

  it('GMST at J2000.0 is 280.460618 deg (PHYSICS.md), tolerance 1e-6 deg', () => {
    expect(gmstRad(2451545.0) * RAD2DEG).toBeCloseTo(280.460618, 6);
  });

  it('GMST agrees with satellite.js gstime within 1e-9 rad across 1990-2040', () => {
    for (let k = 0; k < 200; k++) {
      const ms = Date.parse('1990-01-01T00:00:00Z') + k * 86_400_000 * 91.31 + k * 3_601_234;
      expect(Math.abs(gmstRadAtMs(ms) - gstime(julianDateFromMs(ms)))).toBeLessThan(1e-9);
    }
  });
});

describe('sun', () => {
  it('matches the PHYSICS.md check at JD 2451545.0 (lambda 280.3757, dec -23.0337, r 0.983308 AU)', () => {
    const e = sunEphemeris(2451545.0);
    expect(e.eclipticLongitudeRad * RAD2DEG).toBeCloseTo(280.3757, 4);
    expect(e.declinationRad * RAD2DEG).toBeCloseTo(-23.0337, 4);
    expect(e.distanceAu).toBeCloseTo(0.983308, 6);
  });

  it('agrees with satellite.js 7.1 sunPos: direction within 1e-9 rad, distance within 1e-9 AU', () => {
    const out = new Float64Array(3);
    for (let k = 0; k < 100; k++) {
      const jd = 2433282.5 + k * 365.25 + k * 0.37; // 1950 .. 2049
      const ref = sunPos(jd as never);
      const e = sunEphemeris(jd);
      sunPositionKm(jd, out);
      const r = Math.hypot(ref.rsun.x, ref.rsun.y, ref.rsun.z);
      expect(Math.abs(e.distanceAu - r)).toBeLessThan(1e-9);
      expect(Math.abs(Math.hypot(out[0], out[1], out[2]) / AU_KM - r)).toBeLessThan(1e-9);
      const cos = (out[0] * ref.rsun.x + out[1] * ref.rsun.y + out[2] * ref.rsun.z) / (Math.hypot(out[0], out[1], out[2]) * r);
      expect(Math.acos(Math.min(1, cos))).toBeLessThan(1e-7);
      expect(Math.abs(e.declinationRad - ref.decl)).toBeLessThan(1e-9);
      // satellite.js rtasc is not wrapped to [0, 2pi); compare on the circle
      const dRa = Math.atan2(Math.sin(e.rightAscensionRad - ref.rtasc), Math.cos(e.rightAscensionRad - ref.rtasc));
      expect(Math.abs(dRa)).toBeLessThan(1e-9);
    }
  });

  it('solar flux spans 1316.6 to 1407.7 W/m^2 over a year (PHYSICS.md), tolerance 0.5 W/m^2', () => {
    let min = Infinity;
    let max = -Infinity;
    for (let d = 0; d < 366; d++) {
      const f = solarFluxWm2(sunEphemeris(2460676.5 + d).distanceAu);
      min = Math.min(min, f);
      max = Math.max(max, f);
    }
    expect(Math.abs(min - 1316.6)).toBeLessThan(0.5);
    expect(Math.abs(max - 1407.7)).toBeLessThan(0.5);
  });
});
