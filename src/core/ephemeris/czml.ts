/**
 * CZML (Cesium's scene format, https://github.com/AnalyticalGraphicsInc/czml-writer/wiki): a JSON
 * array of packets, the first the `document` packet with the clock over the analysis window, then
 * one packet per satellite with sampled positions (`position.cartesian`: [seconds from epoch, x, y,
 * z, ...] in metres), Lagrange interpolation, a point and a name.
 *
 * Frame: positions are written Earth-fixed (`referenceFrame: FIXED`) from the TEME -> ITRF rotation
 * of src/core/frames.ts (good to about 0.5 km). Writing TEME as `INERTIAL` would be wrong by more:
 * Cesium's INERTIAL is ICRF, and TEME differs from it by precession and nutation since J2000
 * (about 0.3 deg in 2022, ~35 km at LEO radius). See docs/INTEROP.md "CZML".
 */
import { type EphemerisSegment, usablePoints } from './index';

export interface CzmlDocumentOptions {
  name: string;
  startMs: number;
  stopMs: number;
  /** Clock speed-up (default 60). */
  multiplier?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function czmlDocumentPacket(o: CzmlDocumentOptions): Record<string, unknown> {
  return {
    id: 'document',
    name: o.name,
    version: '1.0',
    clock: {
      interval: `${iso(o.startMs)}/${iso(o.stopMs)}`,
      currentTime: iso(o.startMs),
      multiplier: o.multiplier ?? 60,
      range: 'LOOP_STOP',
      step: 'SYSTEM_CLOCK_MULTIPLIER',
    },
  };
}

/** One satellite's packet (its Earth-fixed samples), or null without a usable point. `rgba`: point colour. */
export function czmlSatellitePacket(seg: EphemerisSegment, rgba: [number, number, number, number]): Record<string, unknown> | null {
  if (seg.frame !== 'itrf') throw new Error('czmlSatellitePacket needs Earth-fixed (itrf) states');
  const n = usablePoints(seg);
  if (n === 0) return null;
  const cartesian = new Array<number>(4 * n);
  for (let k = 0; k < n; k++) {
    cartesian[4 * k] = Math.round(k * seg.stepS * 1000) / 1000;
    // metres, to the millimetre
    for (let c = 0; c < 3; c++) cartesian[4 * k + 1 + c] = Math.round(seg.p[3 * k + c] * 1e6) / 1000;
  }
  const stopMs = seg.startMs + (n - 1) * seg.stepS * 1000;
  return {
    id: `sat-${seg.id}`,
    name: seg.name,
    description:
      `${seg.name}${seg.noradId >= 0 ? `, NORAD ${seg.noradId}` : ''}${seg.objectId ? `, ${seg.objectId}` : ''}; planner ` +
      `id ${seg.id}; SGP4`,
    availability: `${iso(seg.startMs)}/${iso(stopMs)}`,
    position: {
      epoch: iso(seg.startMs),
      referenceFrame: 'FIXED',
      interpolationAlgorithm: 'LAGRANGE',
      interpolationDegree: Math.min(5, Math.max(1, n - 1)),
      cartesian,
    },
    point: { pixelSize: 3, color: { rgba } },
  };
}
