/**
 * Earth rotation and Sun direction at the render edge, from the core physics module
 * (src/core/physics: IAU-82 GMST as SGP4 uses it; Astronomical Almanac Sun, docs/PHYSICS.md "Frames, constants, time").
 * Allocation-free: runs every frame. TEME is treated as inertial for drawing.
 */
import { sunPositionKm } from '../core/physics/sun';
import { gmstRadAtMs, julianDateFromMs } from '../core/physics/time';

/** Greenwich mean sidereal time, rad, at Unix ms. */
export function gmstRad(timeMs: number): number {
  return gmstRadAtMs(timeMs);
}

/** Unit vector from the Earth to the Sun written into `out` (length 3). */
export function sunDirection(timeMs: number, out: Float64Array): void {
  sunPositionKm(julianDateFromMs(timeMs), out);
  const n = Math.hypot(out[0], out[1], out[2]);
  out[0] /= n;
  out[1] /= n;
  out[2] /= n;
}
