/**
 * Reference frames for states written out of the planner (plan states, plan ephemeris, CZML,
 * GeoJSON). SGP4 gives TEME (true equator, mean equinox of date). From it:
 *
 * - ITRF (Earth-fixed): r = R3(GMST) r_TEME and v = R3(GMST) v_TEME - w x r, GMST by IAU-82
 *   (src/core/physics/time.ts), w = 7.292115e-5 rad/s (src/core/constants.ts). This is the
 *   TEME -> PEF rotation (sources and error budget: docs/INTEROP.md "Frames"): no equation of the
 *   equinoxes is applied because TEME already uses the mean equinox (GMST, not GAST, is the right
 *   angle). Neglected, with their size at LEO radius (~6,900 km):
 *   polar motion (PEF -> ITRF, |x_p|, |y_p| < 0.5 arcsec: below ~15 m) and UT1 - UTC (UTC is used as
 *   UT1; |UT1 - UTC| < 0.9 s turns the Earth by up to 3.8 arcsec: up to ~0.45 km along the equator of
 *   rotation, typically less than 0.2 km today). The result is a PEF state labelled ITRF, good to
 *   about 0.5 km; not for precise work.
 * - Geodetic: WGS-84 latitude, longitude and height above the ellipsoid from the Earth-fixed
 *   position (Bowring's iteration; converged to well under 1 mm for any satellite altitude).
 *
 * All functions work on flat xyz arrays at an index and allocate nothing.
 */
import { EARTH_ROTATION_RAD_PER_S, WGS84 } from './constants';
import { gmstRadAtMs } from './physics/time';

export const STATE_FRAMES = ['teme', 'itrf', 'geodetic'] as const;
export type StateFrame = (typeof STATE_FRAMES)[number];

/**
 * TEME -> Earth-fixed (PEF, written as ITRF) at GMST `gmstRad`: position (km) and velocity (km/s)
 * of satellite k of `p`/`v` into satellite k of `outP`/`outV` (may be the same arrays).
 */
export function temeToItrfAt(gmstRad: number, p: Float64Array, v: Float64Array, k: number, outP: Float64Array, outV: Float64Array): void {
  const c = Math.cos(gmstRad);
  const s = Math.sin(gmstRad);
  const i = 3 * k;
  const x = c * p[i] + s * p[i + 1];
  const y = -s * p[i] + c * p[i + 1];
  const z = p[i + 2];
  const vx = c * v[i] + s * v[i + 1] + EARTH_ROTATION_RAD_PER_S * y;
  const vy = -s * v[i] + c * v[i + 1] - EARTH_ROTATION_RAD_PER_S * x;
  outP[i] = x;
  outP[i + 1] = y;
  outP[i + 2] = z;
  outV[i] = vx;
  outV[i + 1] = vy;
  outV[i + 2] = v[i + 2];
}

/** TEME -> ITRF for satellites [0, count) of the arrays, in place, at Unix ms `timeMs` (UTC). */
export function temeToItrfInPlace(timeMs: number, p: Float64Array, v: Float64Array, count: number): void {
  const g = gmstRadAtMs(timeMs);
  for (let k = 0; k < count; k++) temeToItrfAt(g, p, v, k, p, v);
}

const E2 = WGS84.flattening * (2 - WGS84.flattening);

/**
 * Earth-fixed position (km) -> WGS-84 geodetic latitude (deg, -90..90), longitude (deg, -180..180]
 * and height above the ellipsoid (km), into out[0..2].
 */
export function geodeticFromItrf(x: number, y: number, z: number, out: Float64Array | number[]): void {
  const a = WGS84.radiusKm;
  const r = Math.hypot(x, y);
  const lon = Math.atan2(y, x);
  let lat = Math.atan2(z, r * (1 - E2));
  for (let it = 0; it < 6; it++) {
    const sl = Math.sin(lat);
    const n = a / Math.sqrt(1 - E2 * sl * sl);
    lat = Math.atan2(z + E2 * n * sl, r);
  }
  const sl = Math.sin(lat);
  // Height along the normal, exact for this latitude and well conditioned at the poles too.
  const h = r * Math.cos(lat) + z * sl - a * Math.sqrt(1 - E2 * sl * sl);
  out[0] = (lat * 180) / Math.PI;
  out[1] = (lon * 180) / Math.PI;
  out[2] = h;
}
