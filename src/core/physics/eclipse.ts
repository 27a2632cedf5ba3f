/**
 * Sunlight and eclipse geometry. Source: docs/PHYSICS.md "Sunlight and eclipse".
 * - beta angle from the orbit normal and the Sun direction;
 * - cylindrical eclipse fraction f(beta, h) of a circular orbit and the critical beta*;
 * - conical shadow (umbra + penumbra) as the overlap of the Sun's and Earth's apparent disks,
 *   the model of satellite.js 7.1 `shadowFraction`.
 */
import { WGS84 } from '../constants';

/** Spherical Earth radius used by the eclipse checks in PHYSICS.md (WGS-84 equatorial), km. */
export const ECLIPSE_EARTH_RADIUS_KM: number = WGS84.radiusKm;

/**
 * Beta angle, rad: sin(beta) = cos(dec) sin(i) sin(raan - ra) + sin(dec) cos(i)
 * (PHYSICS.md: beta = asin(n_hat . s_hat)).
 */
export function betaAngleRad(inclinationRad: number, raanRad: number, sunRightAscensionRad: number, sunDeclinationRad: number): number {
  const s =
    Math.cos(sunDeclinationRad) * Math.sin(inclinationRad) * Math.sin(raanRad - sunRightAscensionRad) +
    Math.sin(sunDeclinationRad) * Math.cos(inclinationRad);
  return Math.asin(s > 1 ? 1 : s < -1 ? -1 : s);
}

/** Beta angle from a state: asin(n_hat . s_hat), n = r x v; the Sun vector need not be unit. */
export function betaAngleFromStateRad(
  rx: number,
  ry: number,
  rz: number,
  vx: number,
  vy: number,
  vz: number,
  sx: number,
  sy: number,
  sz: number,
): number {
  const nx = ry * vz - rz * vy;
  const ny = rz * vx - rx * vz;
  const nz = rx * vy - ry * vx;
  const s = (nx * sx + ny * sy + nz * sz) / (Math.hypot(nx, ny, nz) * Math.hypot(sx, sy, sz));
  return Math.asin(s > 1 ? 1 : s < -1 ? -1 : s);
}

/** Critical beta above which a circular orbit sees no eclipse: beta* = asin(R / (R + h)), rad. */
export function betaStarRad(altitudeKm: number, earthRadiusKm: number = ECLIPSE_EARTH_RADIUS_KM): number {
  return Math.asin(earthRadiusKm / (earthRadiusKm + altitudeKm));
}

/**
 * Eclipse fraction of a circular orbit in a cylindrical shadow (PHYSICS.md):
 * f = (1/pi) acos( sqrt(h^2 + 2 R h) / ((R + h) cos beta) ) for |beta| < beta*, else 0.
 */
export function eclipseFractionCylindrical(betaRad: number, altitudeKm: number, earthRadiusKm: number = ECLIPSE_EARTH_RADIUS_KM): number {
  if (!(altitudeKm > 0)) return Number.NaN;
  const c = Math.cos(betaRad);
  const x = Math.sqrt(altitudeKm * altitudeKm + 2 * earthRadiusKm * altitudeKm) / ((earthRadiusKm + altitudeKm) * c);
  // x >= 1 exactly when |beta| >= beta*: no eclipse
  if (!(x < 1)) return 0;
  return Math.acos(x) / Math.PI;
}

/**
 * The constant part of the cylindrical formula for one altitude: k = sqrt(h^2 + 2 R h) / (R + h),
 * so that f = acos(k / cos beta) / pi. Lets shell loops compute k once.
 */
export function eclipseAltitudeFactor(altitudeKm: number, earthRadiusKm: number = ECLIPSE_EARTH_RADIUS_KM): number {
  return Math.sqrt(altitudeKm * altitudeKm + 2 * earthRadiusKm * altitudeKm) / (earthRadiusKm + altitudeKm);
}

/** f from a precomputed altitude factor k (see eclipseAltitudeFactor). */
export function eclipseFractionFromFactor(betaRad: number, altitudeFactor: number): number {
  const x = altitudeFactor / Math.cos(betaRad);
  if (!(x < 1) || x < 0) return 0;
  return Math.acos(x) / Math.PI;
}

/**
 * Fraction of the Sun's disk hidden by the Earth as seen from a satellite: 0 lit, 1 umbra, in
 * between penumbra (docs/PHYSICS.md "Sunlight and eclipse", conical shadow; same disk-overlap model as satellite.js
 * `shadowFraction`, with the Sun direction taken from the Earth's centre).
 *
 * Inputs are scalars so hot loops allocate nothing: satellite position (km), Sun unit vector
 * (from the Earth) and the Sun's angular radius (rad, = asin(R_sun / |r_sun|)).
 * The lit and umbra tests are exact and trig-free: with p the satellite's distance from the
 * shadow axis and rho = sqrt(|r|^2 - R^2), the disks just touch when
 * p = R cos(a_s) +- rho sin(a_s). Only penumbra points evaluate the disk overlap.
 */
export function conicalShadowFraction(
  px: number,
  py: number,
  pz: number,
  sunUx: number,
  sunUy: number,
  sunUz: number,
  sunAngularRadiusRad: number,
  earthRadiusKm: number = ECLIPSE_EARTH_RADIUS_KM,
): number {
  return conicalShadowFractionPre(
    px,
    py,
    pz,
    sunUx,
    sunUy,
    sunUz,
    sunAngularRadiusRad,
    Math.cos(sunAngularRadiusRad),
    Math.sin(sunAngularRadiusRad),
    earthRadiusKm,
  );
}

/**
 * `conicalShadowFraction` with cos and sin of the Sun's angular radius precomputed (per time
 * step rather than per satellite).
 */
export function conicalShadowFractionPre(
  px: number,
  py: number,
  pz: number,
  sunUx: number,
  sunUy: number,
  sunUz: number,
  sunAngularRadiusRad: number,
  cosS: number,
  sinS: number,
  earthRadiusKm: number,
): number {
  // distance of the satellite behind the terminator plane, along the anti-Sun direction
  const x = -(px * sunUx + py * sunUy + pz * sunUz);
  if (x <= 0) return 0;
  const r2 = px * px + py * py + pz * pz;
  const p2 = r2 - x * x;
  // cheap lit test first: p^2 above (R cos a + |r| sin a)^2 (rho < |r|) means lit
  const outer = earthRadiusKm * cosS + Math.sqrt(r2) * sinS;
  if (p2 >= outer * outer) return 0;
  const p = p2 > 0 ? Math.sqrt(p2) : 0;
  const rho = Math.sqrt(Math.max(0, r2 - earthRadiusKm * earthRadiusKm));
  if (p >= earthRadiusKm * cosS + rho * sinS) return 0;
  if (p <= earthRadiusKm * cosS - rho * sinS) return 1;
  // penumbra: overlap of two disks of angular radii a (Sun) and b (Earth) at centre distance d
  const r = Math.sqrt(r2);
  const a = sunAngularRadiusRad;
  const b = Math.asin(earthRadiusKm / r);
  const d = Math.acos(Math.min(1, x / r));
  return diskOverlapArea(a, b, d) / (Math.PI * a * a);
}

/** Area of the intersection of two disks of radii a and b whose centres are d apart (planar lens). */
export function diskOverlapArea(a: number, b: number, d: number): number {
  if (d >= a + b) return 0;
  if (d <= Math.abs(a - b)) {
    const m = Math.min(a, b);
    return Math.PI * m * m;
  }
  const ca = (d * d + a * a - b * b) / (2 * d * a);
  const cb = (d * d + b * b - a * a) / (2 * d * b);
  const alpha = Math.acos(ca > 1 ? 1 : ca < -1 ? -1 : ca);
  const beta = Math.acos(cb > 1 ? 1 : cb < -1 ? -1 : cb);
  const k = (-d + a + b) * (d + a - b) * (d - a + b) * (d + a + b);
  return a * a * alpha + b * b * beta - 0.5 * Math.sqrt(k > 0 ? k : 0);
}
