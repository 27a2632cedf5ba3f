/**
 * Time scales for the physics models. Source: docs/PHYSICS.md "Frames, constants, time".
 * UTC is used in place of UT1 (|UT1 - UTC| < 0.9 s, about 0.004 deg of Earth rotation), as satellite.js does.
 */
import { JD_UNIX_EPOCH, MS_PER_DAY, TWO_PI } from '../units';

/** Julian date of J2000.0 (2000-01-01T12:00:00 TT, used here as UTC like the low-precision series). */
export const JD_J2000 = 2451545.0;
/** Days per Julian century. */
export const DAYS_PER_JULIAN_CENTURY = 36525;

/** Unix milliseconds (UTC) to Julian date. */
export function julianDateFromMs(timeMs: number): number {
  return timeMs / MS_PER_DAY + JD_UNIX_EPOCH;
}

/** Julian date to Unix milliseconds (UTC). */
export function msFromJulianDate(jd: number): number {
  return (jd - JD_UNIX_EPOCH) * MS_PER_DAY;
}

/** Julian centuries since J2000.0. */
export function julianCenturiesSinceJ2000(jd: number): number {
  return (jd - JD_J2000) / DAYS_PER_JULIAN_CENTURY;
}

/**
 * Greenwich mean sidereal time, rad in [0, 2 pi): IAU-82 (Vallado 2013 eq. 3-45), the model of
 * satellite.js `gstime`. PHYSICS.md check: JD 2451545.0 -> 280.460618 deg.
 */
export function gmstRad(jdUt1: number): number {
  const t = julianCenturiesSinceJ2000(jdUt1);
  // seconds of sidereal time
  const seconds = 67310.54841 + (876600 * 3600 + 8640184.812866) * t + 0.093104 * t * t - 6.2e-6 * t * t * t;
  // 86400 s of time = 2 pi rad: 1 s = 2 pi / 86400 rad
  let theta = ((seconds * TWO_PI) / 86400) % TWO_PI;
  if (theta < 0) theta += TWO_PI;
  return theta;
}

/** GMST at Unix milliseconds (UTC), rad. */
export function gmstRadAtMs(timeMs: number): number {
  return gmstRad(julianDateFromMs(timeMs));
}
