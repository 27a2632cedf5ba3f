/** Ground stations prepared for the sampled pass (docs/PHYSICS.md "Frames, constants, time": WGS-84 geodetic stations). */
import { WGS84 } from '../../constants';
import type { GroundStation } from '../../scenario/schema';
import { DEG2RAD } from '../../units';

/** Ground stations in the Earth-fixed frame (WGS-84) with their geodetic up vectors. */
export interface StationSet {
  count: number;
  /** ECEF position, km, xyz interleaved. */
  ecefKm: Float64Array;
  /** Unit geodetic normal ("up"), xyz interleaved. */
  upEcef: Float64Array;
  /** sin of each station's elevation mask. */
  sinMask: Float64Array;
  names: string[];
}

/** Geodetic (WGS-84) to ECEF for each station (PHYSICS.md: geodetic ellipsoid WGS-84). */
export function prepareStations(stations: readonly GroundStation[]): StationSet {
  const n = stations.length;
  const ecefKm = new Float64Array(3 * n);
  const upEcef = new Float64Array(3 * n);
  const sinMask = new Float64Array(n);
  const a = WGS84.radiusKm;
  const f = WGS84.flattening;
  const e2 = f * (2 - f);
  stations.forEach((s, i) => {
    const lat = s.latDeg * DEG2RAD;
    const lon = s.lonDeg * DEG2RAD;
    const sl = Math.sin(lat);
    const cl = Math.cos(lat);
    const nRad = a / Math.sqrt(1 - e2 * sl * sl);
    ecefKm[3 * i] = (nRad + s.altitudeKm) * cl * Math.cos(lon);
    ecefKm[3 * i + 1] = (nRad + s.altitudeKm) * cl * Math.sin(lon);
    ecefKm[3 * i + 2] = (nRad * (1 - e2) + s.altitudeKm) * sl;
    upEcef[3 * i] = cl * Math.cos(lon);
    upEcef[3 * i + 1] = cl * Math.sin(lon);
    upEcef[3 * i + 2] = sl;
    sinMask[i] = Math.sin(s.minElevationDeg * DEG2RAD);
  });
  return { count: n, ecefKm, upEcef, sinMask, names: stations.map((s) => s.name) };
}
