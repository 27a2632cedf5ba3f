/**
 * SGP4 constants, WGS-72 ("wgs72" gravity model of Vallado et al. 2006, the model satellite.js
 * 7.1 propagates with). R, mu and J2 come from ../../constants (PHYSICS.md "Frames, constants,
 * time"); J3 and J4 are the WGS-72 zonal harmonics of Vallado, Crawford, Hujsak & Kelso,
 * "Revisiting Spacetrack Report #3", AIAA 2006-6753, `getgravconst`.
 */
import { WGS72 } from '../constants';

/** Earth equatorial radius, km (WGS-72). */
export const RADIUS_KM = WGS72.radiusKm;
/** Earth gravitational parameter, km^3/s^2 (WGS-72). */
export const MU_KM3_PER_S2 = WGS72.muKm3PerS2;
export const J2 = WGS72.j2;
export const J3 = -0.00000253881;
export const J4 = -0.00000165597;
export const J3_OVER_J2 = J3 / J2;
/** sqrt(mu / R^3) in 1/min (Earth radii and minutes are SGP4's internal units). */
export const XKE = 60.0 / Math.sqrt((RADIUS_KM * RADIUS_KM * RADIUS_KM) / MU_KM3_PER_S2);
/** Minutes per SGP4 time unit. */
export const TUMIN = 1.0 / XKE;
/** Earth radii per minute -> km/s. */
export const VKM_PER_SEC = (RADIUS_KM * XKE) / 60.0;
export const X2O3 = 2.0 / 3.0;
/** rev/day -> rad/min divisor: 1440 / (2 pi). */
export const XPDOTP = 1440.0 / (2.0 * Math.PI);
export const TWO_PI = 2 * Math.PI;
export const DEG2RAD = Math.PI / 180.0;
/** Orbits with period >= 225 min use the deep-space (SDP4) branch. */
export const DEEP_SPACE_PERIOD_MIN = 225.0;
