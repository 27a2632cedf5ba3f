/**
 * Link geometry and latency. Source: docs/PHYSICS.md "Latency".
 */
import { SPEED_OF_LIGHT_KM_PER_S, WGS84 } from '../constants';

/** Slant range at elevation el, km: d = sqrt((R+h)^2 - R^2 cos^2 el) - R sin el. */
export function slantRangeKm(altitudeKm: number, elevationRad: number, earthRadiusKm: number = WGS84.radiusKm): number {
  const rs = earthRadiusKm + altitudeKm;
  const c = Math.cos(elevationRad);
  return Math.sqrt(rs * rs - earthRadiusKm * earthRadiusKm * c * c) - earthRadiusKm * Math.sin(elevationRad);
}

/** Earth central angle of coverage, rad: lambda = acos(R cos el / (R+h)) - el. */
export function coverageCentralAngleRad(altitudeKm: number, elevationRad: number, earthRadiusKm: number = WGS84.radiusKm): number {
  return Math.acos((earthRadiusKm * Math.cos(elevationRad)) / (earthRadiusKm + altitudeKm)) - elevationRad;
}

/** Footprint radius along the surface, km: R lambda. */
export function footprintRadiusKm(altitudeKm: number, elevationRad: number, earthRadiusKm: number = WGS84.radiusKm): number {
  return earthRadiusKm * coverageCentralAngleRad(altitudeKm, elevationRad, earthRadiusKm);
}

/** One-way light time over a vacuum path, ms. */
export function oneWayLatencyMs(distanceKm: number): number {
  return (distanceKm / SPEED_OF_LIGHT_KM_PER_S) * 1000;
}

/**
 * Longest inter-satellite link between two satellites at altitude h whose line of sight stays
 * above the grazing altitude g, km: 2 sqrt((R+h)^2 - (R+g)^2) (PHYSICS.md: 5016.6 km at 550 km, g = 80).
 */
export function islMaxLinkKm(altitudeKm: number, grazingAltitudeKm: number = 80, earthRadiusKm: number = WGS84.radiusKm): number {
  const a = earthRadiusKm + altitudeKm;
  const b = earthRadiusKm + grazingAltitudeKm;
  return a > b ? 2 * Math.sqrt(a * a - b * b) : 0;
}

/**
 * Whether the segment between two points clears a sphere of radius `clearRadiusKm` (line of
 * sight above the grazing altitude). Works for satellites at different altitudes.
 */
export function segmentClearsSphere(
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
  clearRadiusKm: number,
): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const dz = bz - az;
  const dd = dx * dx + dy * dy + dz * dz;
  let t = dd > 0 ? -(ax * dx + ay * dy + az * dz) / dd : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const cx = ax + t * dx;
  const cy = ay + t * dy;
  const cz = az + t * dz;
  return cx * cx + cy * cy + cz * cz >= clearRadiusKm * clearRadiusKm;
}
