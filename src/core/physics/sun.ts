/**
 * Sun position: the Astronomical Almanac low-precision series (0.01 deg, 1950-2050) in the form
 * Vallado gives it (Fundamentals of Astrodynamics, algorithm "SUN"), the same model as
 * satellite.js 7.1 `sunPos`. PHYSICS.md "Frames, constants, time": at JD 2451545.0 the ecliptic
 * longitude is 280.3757 deg, declination -23.0337 deg and distance 0.983308 AU.
 *
 * The vector is geocentric equatorial of date (mean equator and equinox), which we use as TEME:
 * the frames differ by the equation of the equinoxes (< 0.005 deg), below the series' accuracy.
 */
import { AU_KM, SOLAR_CONSTANT_W_PER_M2 } from '../constants';
import { DEG2RAD, TWO_PI } from '../units';
import { julianCenturiesSinceJ2000 } from './time';

export interface SunEphemeris {
  /** Apparent ecliptic longitude, rad in [0, 2 pi). */
  eclipticLongitudeRad: number;
  /** Obliquity of the ecliptic, rad. */
  obliquityRad: number;
  /** Right ascension, rad in [0, 2 pi). */
  rightAscensionRad: number;
  /** Declination, rad. */
  declinationRad: number;
  /** Earth-Sun distance, AU. */
  distanceAu: number;
}

const wrapTwoPi = (x: number): number => {
  const r = x % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
};

/** Sun ecliptic longitude, obliquity, RA, declination and distance at a Julian date (UTC ~ UT1 ~ TDB). */
export function sunEphemeris(jd: number): SunEphemeris {
  const t = julianCenturiesSinceJ2000(jd);
  const meanLongitudeDeg = 280.46 + 36000.77 * t;
  const meanAnomalyRad = wrapTwoPi((357.5277233 + 35999.05034 * t) * DEG2RAD);
  const lambda = wrapTwoPi(
    (meanLongitudeDeg + 1.914666471 * Math.sin(meanAnomalyRad) + 0.019994643 * Math.sin(2 * meanAnomalyRad)) * DEG2RAD,
  );
  const eps = (23.439291 - 0.0130042 * t) * DEG2RAD;
  const distanceAu = 1.000140612 - 0.016708617 * Math.cos(meanAnomalyRad) - 0.000139589 * Math.cos(2 * meanAnomalyRad);
  const sinL = Math.sin(lambda);
  return {
    eclipticLongitudeRad: lambda,
    obliquityRad: eps,
    rightAscensionRad: wrapTwoPi(Math.atan2(Math.cos(eps) * sinL, Math.cos(lambda))),
    declinationRad: Math.asin(Math.sin(eps) * sinL),
    distanceAu,
  };
}

/**
 * Sun position vector, km, written into `out` (length >= 3) and returned. No allocation when
 * `out` is given: use this in per-step loops.
 */
export function sunPositionKm(jd: number, out: Float64Array = new Float64Array(3)): Float64Array {
  const t = julianCenturiesSinceJ2000(jd);
  const meanLongitudeDeg = 280.46 + 36000.77 * t;
  const m = wrapTwoPi((357.5277233 + 35999.05034 * t) * DEG2RAD);
  const lambda = (meanLongitudeDeg + 1.914666471 * Math.sin(m) + 0.019994643 * Math.sin(2 * m)) * DEG2RAD;
  const eps = (23.439291 - 0.0130042 * t) * DEG2RAD;
  const rKm = (1.000140612 - 0.016708617 * Math.cos(m) - 0.000139589 * Math.cos(2 * m)) * AU_KM;
  const sinL = Math.sin(lambda);
  out[0] = rKm * Math.cos(lambda);
  out[1] = rKm * Math.cos(eps) * sinL;
  out[2] = rKm * Math.sin(eps) * sinL;
  return out;
}

/** Solar flux at a distance, W/m^2: 1361 / r^2 (PHYSICS.md: 1316.6 to 1407.7 W/m^2 over a year). */
export function solarFluxWm2(distanceAu: number): number {
  return SOLAR_CONSTANT_W_PER_M2 / (distanceAu * distanceAu);
}
