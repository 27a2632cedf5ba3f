/**
 * Physical constants. Source: docs/PHYSICS.md, "Frames, constants, time".
 */
/** SGP4 Earth model (WGS-72), as satellite.js uses for propagation. */
export const WGS72 = {
  radiusKm: 6378.135,
  muKm3PerS2: 398600.8,
  j2: 0.001082616,
} as const;

/** Geodetic ellipsoid (WGS-84), as satellite.js eciToGeodetic uses. */
export const WGS84 = {
  radiusKm: 6378.137,
  flattening: 1 / 298.257223563,
  muKm3PerS2: 398600.4418,
} as const;

/** Earth rotation rate, rad/s. */
export const EARTH_ROTATION_RAD_PER_S = 7.292115e-5;
/** Speed of light in vacuum, km/s. */
export const SPEED_OF_LIGHT_KM_PER_S = 299792.458;
/** Group velocity in fibre (index 1.468), km/s. */
export const FIBRE_KM_PER_S = 204190;
/** Stefan-Boltzmann constant, W/m^2/K^4 (CODATA). */
export const STEFAN_BOLTZMANN = 5.670374419e-8;
/** Solar constant at 1 AU, W/m^2. */
export const SOLAR_CONSTANT_W_PER_M2 = 1361;
/** Sun radius, km. */
export const SUN_RADIUS_KM = 695700;
/** Astronomical unit, km (IAU 2012). */
export const AU_KM = 149597870.7;
/** Tropical year, days. Sun-synchronous nodal rate = 360 deg per tropical year. */
export const TROPICAL_YEAR_DAYS = 365.24219;
/** Kelvin offset. */
export const KELVIN = 273.15;
