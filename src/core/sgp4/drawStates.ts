/**
 * States for drawing: TEME km and km/s (Float64) into Earth radii and Earth radii per second
 * (Float32, WGS-72 radius), the units the viewer's vertex shader moves points in. Rows with an
 * SGP4 error are zeroed (the shader hides a zero position); rows still marked "not computed" (7)
 * keep what the output held. Run by the propagation workers for their shard, so the main thread
 * never converts a million rows per tick (docs/ENGINE.md "States for the GPU").
 */
import { WGS72 } from '../constants';

const NOT_COMPUTED = 7;

/** Convert rows [start, end) in place of their index; returns the rows written. */
export function statesToEarthRadii(
  positionKm: Float64Array,
  velocityKmS: Float64Array,
  error: Uint8Array,
  start: number,
  end: number,
  posEr: Float32Array,
  velErS: Float32Array,
): number {
  const inv = 1 / WGS72.radiusKm;
  let written = 0;
  for (let i = start; i < end; i++) {
    const err = error[i];
    const j = 3 * i;
    if (err === 0) {
      posEr[j] = positionKm[j] * inv;
      posEr[j + 1] = positionKm[j + 1] * inv;
      posEr[j + 2] = positionKm[j + 2] * inv;
      velErS[j] = velocityKmS[j] * inv;
      velErS[j + 1] = velocityKmS[j + 1] * inv;
      velErS[j + 2] = velocityKmS[j + 2] * inv;
      written++;
    } else if (err !== NOT_COMPUTED) {
      posEr[j] = posEr[j + 1] = posEr[j + 2] = 0;
      velErS[j] = velErS[j + 1] = velErS[j + 2] = 0;
      written++;
    }
  }
  return written;
}
