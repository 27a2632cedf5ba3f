/**
 * Two-body and J2 secular orbit relations. Source: docs/PHYSICS.md "Orbits"
 * (Vallado ch. 9) and the SGP4 mean-element recovery (Hoots & Roehrich, Spacetrack Report #3).
 * Defaults use the WGS-72 constants of SGP4 so generated shells propagate at the altitude asked.
 */
import { WGS72, TROPICAL_YEAR_DAYS } from './constants';
import { DEG2RAD, RAD2DEG } from './units';

export interface EarthModel {
  radiusKm: number;
  muKm3PerS2: number;
  j2: number;
}

/** Mean motion n = sqrt(mu / a^3), rad/s. */
export function meanMotionRadPerS(semiMajorAxisKm: number, earth: EarthModel = WGS72): number {
  return Math.sqrt(earth.muKm3PerS2 / semiMajorAxisKm ** 3);
}

/** Orbital period, s. */
export function periodS(semiMajorAxisKm: number, earth: EarthModel = WGS72): number {
  return (2 * Math.PI) / meanMotionRadPerS(semiMajorAxisKm, earth);
}

export interface J2Rates {
  raanDegPerDay: number;
  argPerigeeDegPerDay: number;
  meanAnomalyDegPerDay: number;
}

/** J2 secular rates (PHYSICS.md Orbits; check: 550 km, 53 deg -> -4.489 and +3.024 deg/day). */
export function j2Rates(semiMajorAxisKm: number, eccentricity: number, inclinationRad: number, earth: EarthModel = WGS72): J2Rates {
  const n = meanMotionRadPerS(semiMajorAxisKm, earth);
  const p = semiMajorAxisKm * (1 - eccentricity * eccentricity);
  const k = n * earth.j2 * (earth.radiusKm / p) ** 2;
  const ci = Math.cos(inclinationRad);
  const si2 = Math.sin(inclinationRad) ** 2;
  const perDay = 86400 * RAD2DEG;
  return {
    raanDegPerDay: -1.5 * k * ci * perDay,
    argPerigeeDegPerDay: 0.75 * k * (4 - 5 * si2) * perDay,
    meanAnomalyDegPerDay:
      n * (1 + 0.75 * earth.j2 * (earth.radiusKm / p) ** 2 * Math.sqrt(1 - eccentricity ** 2) * (3 * ci * ci - 1)) * perDay,
  };
}

/** Sun-synchronous nodal rate, rad/s (360 deg per tropical year). */
export const SSO_RAAN_RATE_RAD_PER_S = (2 * Math.PI) / (TROPICAL_YEAR_DAYS * 86400);

/**
 * Sun-synchronous inclination, deg (PHYSICS.md: 550 -> 97.593, 650 -> 97.986, 800 -> 98.603).
 * Returns NaN above the altitude where no sun-synchronous orbit exists.
 */
export function ssoInclinationDeg(altitudeKm: number, eccentricity = 0, earth: EarthModel = WGS72): number {
  const a = earth.radiusKm + altitudeKm;
  const c =
    (-2 * SSO_RAAN_RATE_RAD_PER_S * a ** 3.5 * (1 - eccentricity ** 2) ** 2) /
    (3 * earth.j2 * earth.radiusKm ** 2 * Math.sqrt(earth.muKm3PerS2));
  if (c < -1 || c > 1) return Number.NaN;
  return Math.acos(c) * RAD2DEG;
}

/**
 * SGP4's recovery of the Brouwer mean semi-major axis (km) from a Kozai mean motion (rev/day),
 * as in the SGP4 initialisation (Spacetrack Report #3; Vallado 2006 `initl`).
 */
export function sgp4SemiMajorAxisKm(kozaiRevPerDay: number, eccentricity: number, inclinationRad: number): number {
  const xke = 60 / Math.sqrt(WGS72.radiusKm ** 3 / WGS72.muKm3PerS2); // per minute, Earth radii units
  const j2 = WGS72.j2;
  const no = (kozaiRevPerDay * 2 * Math.PI) / 1440; // rad/min
  const cosio = Math.cos(inclinationRad);
  const theta2 = cosio * cosio;
  const x3thm1 = 3 * theta2 - 1;
  const eosq = eccentricity * eccentricity;
  const betao2 = 1 - eosq;
  const betao = Math.sqrt(betao2);
  const a1 = (xke / no) ** (2 / 3);
  const d1 = (0.75 * j2 * x3thm1) / (betao * betao2);
  const del1 = d1 / (a1 * a1);
  const ao = a1 * (1 - del1 * del1 - del1 * (1 / 3 + (134 * del1 * del1) / 81));
  const delo = d1 / (ao * ao);
  const noUnkozai = no / (1 + delo);
  const aER = (xke / noUnkozai) ** (2 / 3);
  return aER * WGS72.radiusKm;
}

/**
 * Kozai mean motion (rev/day) whose SGP4 mean semi-major axis is R + altitude: what a TLE for
 * a circular shell at `altitudeKm` should carry. Fixed-point iteration, converges in a few steps.
 */
export function kozaiMeanMotionForAltitude(altitudeKm: number, eccentricity: number, inclinationRad: number): number {
  const target = WGS72.radiusKm + altitudeKm;
  let n = (meanMotionRadPerS(target) * 86400) / (2 * Math.PI);
  for (let k = 0; k < 8; k++) {
    const a = sgp4SemiMajorAxisKm(n, eccentricity, inclinationRad);
    n *= (a / target) ** 1.5;
  }
  return n;
}

/**
 * Right ascension of the mean Sun, deg: the Sun's mean longitude (Astronomical Almanac,
 * L = 280.460 + 0.9856474 d, d = days from J2000.0). Used for LTAN -> RAAN.
 */
export function meanSunRightAscensionDeg(jdUtc: number): number {
  const d = jdUtc - 2451545.0;
  return (((280.46 + 0.9856474 * d) % 360) + 360) % 360;
}

/** RAAN (deg) of a node at local solar time `ltanHours` (PHYSICS.md: RA mean Sun + (LTAN-12)*15). */
export function raanForLtanDeg(jdUtc: number, ltanHours: number): number {
  return (((meanSunRightAscensionDeg(jdUtc) + (ltanHours - 12) * 15) % 360) + 360) % 360;
}

export { DEG2RAD };
