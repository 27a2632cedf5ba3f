import { describe, expect, it } from 'vitest';
import { shadowFraction, sunPos } from 'satellite.js';
import { AU_KM, SUN_RADIUS_KM, WGS72 } from '../../../../src/core/constants';
import {
  betaAngleFromStateRad,
  betaAngleRad,
  betaStarRad,
  conicalShadowFraction,
  eclipseFractionCylindrical,
} from '../../../../src/core/physics/eclipse';
import { sunEphemeris, sunPositionKm } from '../../../../src/core/physics/sun';
import { julianDateFromMs } from '../../../../src/core/physics/time';
import { raanForLtanDeg, ssoInclinationDeg, SSO_RAAN_RATE_RAD_PER_S } from '../../../../src/core/orbit';

const D = Math.PI / 180;
// PHYSICS.md eclipse checks use R = 6378.137 km, mu = 398600.4418 km^3/s^2
const R = 6378.137;
const MU = 398600.4418;
const periodMin = (h: number) => (2 * Math.PI * Math.sqrt((R + h) ** 3 / MU)) / 60;

describe('cylindrical eclipse (PHYSICS.md "Sunlight and eclipse" checks)', () => {
  it('550 km, beta 0: period 95.650 min, f 0.3723 (35.61 min), beta* 67.016 deg', () => {
    expect(Math.abs(periodMin(550) - 95.65)).toBeLessThan(0.001);
    const f = eclipseFractionCylindrical(0, 550);
    expect(Math.abs(f - 0.3723)).toBeLessThan(0.00005);
    expect(Math.abs(f * periodMin(550) - 35.61)).toBeLessThan(0.005);
    expect(Math.abs(betaStarRad(550) / D - 67.016)).toBeLessThan(0.0005);
  });

  it('550 km at beta 60 deg: f 0.2147 (20.54 min); at 70 deg: 0', () => {
    const f = eclipseFractionCylindrical(60 * D, 550);
    expect(Math.abs(f - 0.2147)).toBeLessThan(0.00005);
    expect(Math.abs(f * periodMin(550) - 20.54)).toBeLessThan(0.005);
    expect(eclipseFractionCylindrical(70 * D, 550)).toBe(0);
    expect(eclipseFractionCylindrical(-70 * D, 550)).toBe(0);
  });

  it('beta 0 at 400 / 650 / 1000 km: 0.3901 / 0.3620 / 0.3323 (tolerance 5e-5)', () => {
    expect(Math.abs(eclipseFractionCylindrical(0, 400) - 0.3901)).toBeLessThan(0.00005);
    expect(Math.abs(eclipseFractionCylindrical(0, 650) - 0.362)).toBeLessThan(0.00005);
    expect(Math.abs(eclipseFractionCylindrical(0, 1000) - 0.3323)).toBeLessThan(0.00005);
  });

  it('falls to 0 continuously at beta*', () => {
    const bs = betaStarRad(550);
    expect(eclipseFractionCylindrical(bs - 1e-6, 550)).toBeLessThan(0.01);
    expect(eclipseFractionCylindrical(bs + 1e-9, 550)).toBe(0);
  });
});

describe('beta angle', () => {
  it('from elements equals asin(n_hat . s_hat) from a state', () => {
    const e = sunEphemeris(2460800.5);
    const s = [
      Math.cos(e.declinationRad) * Math.cos(e.rightAscensionRad),
      Math.cos(e.declinationRad) * Math.sin(e.rightAscensionRad),
      Math.sin(e.declinationRad),
    ];
    for (const [i, raan, u] of [
      [53, 10, 0],
      [97.6, 250, 40],
      [30, 180, 200],
      [0.1, 0, 90],
    ]) {
      const ci = Math.cos(i * D),
        si = Math.sin(i * D),
        co = Math.cos(raan * D),
        so = Math.sin(raan * D);
      const cu = Math.cos(u * D),
        su = Math.sin(u * D);
      // position and velocity directions of a circular orbit (perifocal -> ECI)
      const r = [co * cu - so * su * ci, so * cu + co * su * ci, su * si];
      const v = [-co * su - so * cu * ci, -so * su + co * cu * ci, cu * si];
      const b1 = betaAngleRad(i * D, raan * D, e.rightAscensionRad, e.declinationRad);
      const b2 = betaAngleFromStateRad(r[0], r[1], r[2], v[0], v[1], v[2], s[0], s[1], s[2]);
      expect(Math.abs(b1 - b2)).toBeLessThan(1e-12);
    }
  });
});

describe('dawn-dusk SSO 650 km, LTAN 18:00, year 2025 (PHYSICS.md)', () => {
  // RAAN follows the mean Sun (sun-synchronous rate); beta from the true Sun, hourly.
  function year(h: number) {
    const t0 = Date.parse('2025-01-01T00:00:00Z');
    const raan0 = raanForLtanDeg(julianDateFromMs(t0), 18) * D;
    const inc = ssoInclinationDeg(h) * D;
    let bMin = Infinity,
      bMax = -Infinity,
      fMax = 0,
      fSum = 0,
      n = 0;
    let first = NaN,
      last = NaN;
    for (let k = 0; k < 365 * 24; k++) {
      const t = t0 + k * 3_600_000;
      const e = sunEphemeris(julianDateFromMs(t));
      const b = betaAngleRad(inc, raan0 + (SSO_RAAN_RATE_RAD_PER_S * (t - t0)) / 1000, e.rightAscensionRad, e.declinationRad);
      bMin = Math.min(bMin, Math.abs(b));
      bMax = Math.max(bMax, Math.abs(b));
      const f = eclipseFractionCylindrical(b, h);
      fSum += f;
      n++;
      fMax = Math.max(fMax, f);
      if (f > 0) {
        if (Number.isNaN(first)) first = t;
        last = t;
      }
    }
    return { bMin: bMin / D, bMax: bMax / D, longestMin: fMax * periodMin(h), meanF: fSum / n, first, last };
  }

  it('beta 58.6..86.9 deg, eclipse season May 7 .. Aug 5, longest 19.7 min, mean f 0.040', () => {
    const y = year(650);
    expect(Math.abs(y.bMin - 58.6)).toBeLessThan(0.05);
    expect(Math.abs(y.bMax - 86.9)).toBeLessThan(0.05);
    expect(Math.abs(y.longestMin - 19.7)).toBeLessThan(0.05);
    expect(Math.abs(y.meanF - 0.04)).toBeLessThan(0.0005);
    const day = 86_400_000;
    expect(Math.abs(y.first - Date.parse('2025-05-07T00:00:00Z'))).toBeLessThan(day);
    expect(Math.abs(y.last - Date.parse('2025-08-05T12:00:00Z'))).toBeLessThan(day);
  });

  it('annual mean f at 550 km is 0.050', () => {
    expect(Math.abs(year(550).meanF - 0.05)).toBeLessThan(0.0005);
  });
});

describe('conical shadow', () => {
  it('550 km, beta 0: umbra 35.47 min, about 8.5 s of penumbra each side', () => {
    const a = R + 550;
    const nRad = Math.sqrt(MU / a ** 3);
    const sunDistKm = AU_KM;
    const aS = Math.asin(SUN_RADIUS_KM / sunDistKm);
    const dt = 0.05;
    let umbraS = 0,
      penS = 0;
    const T = (2 * Math.PI) / nRad;
    for (let t = 0; t < T; t += dt) {
      const u = nRad * t;
      const f = conicalShadowFraction(a * Math.cos(u), a * Math.sin(u), 0, 1, 0, 0, aS, R);
      if (f >= 1) umbraS += dt;
      else if (f > 0) penS += dt;
    }
    expect(Math.abs(umbraS / 60 - 35.47)).toBeLessThan(0.02);
    expect(Math.abs(penS / 2 - 8.5)).toBeLessThan(0.5);
  });

  it('orbit-mean shadow fraction agrees with the cylindrical f within 0.001 at beta 0, 30, 60 deg', () => {
    const h = 550;
    const a = R + h;
    const aS = Math.asin(SUN_RADIUS_KM / AU_KM);
    for (const beta of [0, 30, 60]) {
      const sx = Math.cos(beta * D),
        sz = Math.sin(beta * D);
      let sum = 0;
      const n = 200_000;
      for (let k = 0; k < n; k++) {
        const u = (2 * Math.PI * (k + 0.5)) / n;
        sum += conicalShadowFraction(a * Math.cos(u), a * Math.sin(u), 0, sx, 0, sz, aS, R);
      }
      expect(Math.abs(sum / n - eclipseFractionCylindrical(beta * D, h))).toBeLessThan(0.001);
    }
  });

  it('agrees with satellite.js 7.1 shadowFraction within 1e-6 at points through umbra, penumbra and sunlight', () => {
    const jd = 2460800.25;
    const ref = sunPos(jd as never);
    const sun = sunPositionKm(jd);
    const dist = Math.hypot(sun[0], sun[1], sun[2]);
    const ux = sun[0] / dist,
      uy = sun[1] / dist,
      uz = sun[2] / dist;
    const aS = Math.asin(SUN_RADIUS_KM / dist);
    // a deterministic sweep of positions around the shadow boundary at several radii
    let penumbraPoints = 0;
    // two perpendicular axes to the Sun direction
    const px = [-uy, ux, 0];
    const pn = Math.hypot(px[0], px[1], px[2]);
    const e1 = [px[0] / pn, px[1] / pn, 0];
    const e2 = [uy * e1[2] - uz * e1[1], uz * e1[0] - ux * e1[2], ux * e1[1] - uy * e1[0]];
    for (const r of [6800, 7000, 7500, 8400, 12000, 42164]) {
      for (let k = 0; k < 2000; k++) {
        const ang = (k / 2000) * 2 * Math.PI;
        const off = WGS72.radiusKm - 120 + (k % 97) * 2.5; // distance from the shadow axis
        if (off >= r) continue;
        const along = -Math.sqrt(r * r - off * off);
        const x = along * ux + off * (Math.cos(ang) * e1[0] + Math.sin(ang) * e2[0]);
        const y = along * uy + off * (Math.cos(ang) * e1[1] + Math.sin(ang) * e2[1]);
        const z = along * uz + off * (Math.cos(ang) * e1[2] + Math.sin(ang) * e2[2]);
        const mine = conicalShadowFraction(x, y, z, ux, uy, uz, aS, WGS72.radiusKm);
        const theirs = shadowFraction(ref.rsun, { x, y, z } as never);
        if (mine > 0 && mine < 1) penumbraPoints++;
        expect(Math.abs(mine - theirs)).toBeLessThan(1e-6);
      }
    }
    expect(penumbraPoints).toBeGreaterThan(100);
  });
});
