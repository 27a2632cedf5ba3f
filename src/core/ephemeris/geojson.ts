/**
 * GeoJSON (RFC 7946) for maps: sub-satellite tracks, ground stations and their visibility circles.
 *
 * RFC 7946 as written here: positions are [longitude, latitude] in WGS-84 degrees (6 decimals, about
 * 0.1 m), longitudes in [-180, 180], latitudes in [-90, 90]; no `crs` member; lines and polygons
 * that cross the antimeridian are cut there (section 3.1.9) into MultiLineString / MultiPolygon
 * parts; polygon exterior rings are counter-clockwise (the right-hand rule, section 3.1.6), closed,
 * with at least four positions. A circle around a pole is a ring along the circle from -180 to 180
 * closed through the pole's corners.
 *
 * Visibility circle: the ground area from which a satellite at `altitudeKm` is above the station's
 * minimum elevation e, an Earth central angle lambda = acos(R cos(e) / (R + h)) - e around the station
 * (spherical Earth, R = 6378.137 km), drawn as a small circle on the sphere.
 */
import { WGS84 } from '../constants';
import { geodeticFromItrf } from '../frames';
import type { GroundStation } from '../scenario/schema';
import { type EphemerisSegment, usablePoints } from './index';

type Position = [number, number];
export interface Feature {
  type: 'Feature';
  geometry:
    | { type: 'Point'; coordinates: Position }
    | { type: 'LineString'; coordinates: Position[] }
    | { type: 'MultiLineString'; coordinates: Position[][] }
    | { type: 'Polygon'; coordinates: Position[][] }
    | { type: 'MultiPolygon'; coordinates: Position[][][] };
  properties: Record<string, string | number | null>;
}

const DEG = Math.PI / 180;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const pos = (lon: number, lat: number): Position => [r6(lon), r6(lat)];

/** Longitude into [-180, 180). */
const wrap = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;

/**
 * Sub-satellite track of an Earth-fixed segment, cut at the antimeridian: the crossing point is
 * interpolated (in unwrapped longitude) and each piece ends at +-180 exactly. Null without points.
 */
export function trackFeature(seg: EphemerisSegment): Feature | null {
  if (seg.frame !== 'itrf') throw new Error('trackFeature needs Earth-fixed (itrf) states');
  const n = usablePoints(seg);
  if (n === 0) return null;
  const geo = new Float64Array(3);
  const pieces: Position[][] = [[]];
  let prevLon = Number.NaN;
  let prevLat = Number.NaN;
  for (let k = 0; k < n; k++) {
    geodeticFromItrf(seg.p[3 * k], seg.p[3 * k + 1], seg.p[3 * k + 2], geo);
    const lat = geo[0];
    const lon = geo[1] >= 180 ? geo[1] - 360 : geo[1];
    if (k > 0 && Math.abs(lon - prevLon) > 180) {
      // crossing: unwrap this point next to the previous one and find lat at +-180
      const edge = prevLon > 0 ? 180 : -180;
      const unwrapped = lon + (prevLon > 0 ? 360 : -360);
      const f = (edge - prevLon) / (unwrapped - prevLon);
      const latX = prevLat + f * (lat - prevLat);
      pieces[pieces.length - 1].push(pos(edge, latX));
      pieces.push([pos(-edge, latX)]);
    }
    pieces[pieces.length - 1].push(pos(lon, lat));
    prevLon = lon;
    prevLat = lat;
  }
  const lines = pieces.filter((p) => p.length >= 2);
  if (lines.length === 0) lines.push([pieces[0][0], pieces[0][0]]);
  const properties = {
    kind: 'track',
    id: seg.id,
    name: seg.name,
    norad: seg.noradId >= 0 ? seg.noradId : null,
    start: new Date(seg.startMs).toISOString(),
    stepS: seg.stepS,
    points: n,
  };
  return lines.length === 1
    ? { type: 'Feature', geometry: { type: 'LineString', coordinates: lines[0] }, properties }
    : { type: 'Feature', geometry: { type: 'MultiLineString', coordinates: lines }, properties };
}

export function stationFeature(s: GroundStation): Feature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: pos(wrap(s.lonDeg), s.latDeg) },
    properties: { kind: 'station', name: s.name, altitudeKm: s.altitudeKm, minElevationDeg: s.minElevationDeg },
  };
}

/** Earth central angle (deg) of the visibility circle for a satellite at `altitudeKm` and elevation mask `maskDeg`. */
export function visibilityRadiusDeg(altitudeKm: number, maskDeg: number): number {
  const e = maskDeg * DEG;
  return (Math.acos((WGS84.radiusKm * Math.cos(e)) / (WGS84.radiusKm + altitudeKm)) - e) / DEG;
}

/** Twice the signed area of a ring in the lon/lat plane (> 0: counter-clockwise). */
export function ringArea2(ring: readonly Position[]): number {
  let a = 0;
  for (let k = 0; k + 1 < ring.length; k++) a += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return a;
}

/** Clip a closed ring (unwrapped longitudes) to x <= c (keep 'le') or x >= c (keep 'ge'). */
function clip(ring: Position[], c: number, keep: 'le' | 'ge'): Position[] {
  const inside = (p: Position) => (keep === 'le' ? p[0] <= c : p[0] >= c);
  const out: Position[] = [];
  for (let k = 0; k + 1 < ring.length; k++) {
    const a = ring[k];
    const b = ring[k + 1];
    if (inside(a)) out.push(a);
    if (inside(a) !== inside(b)) {
      const f = (c - a[0]) / (b[0] - a[0]);
      out.push([c, a[1] + f * (b[1] - a[1])]);
    }
  }
  if (out.length > 0) out.push(out[0]);
  return out;
}

/** Visibility circle of a station as a Polygon (MultiPolygon when cut by the antimeridian). */
export function visibilityFeature(s: GroundStation, altitudeKm: number, segments = 128): Feature {
  const radiusDeg = visibilityRadiusDeg(altitudeKm, s.minElevationDeg);
  const lat0 = s.latDeg * DEG;
  const lon0 = s.lonDeg * DEG;
  const d = radiusDeg * DEG;
  const properties = { kind: 'visibility', name: s.name, altitudeKm, minElevationDeg: s.minElevationDeg, radiusDeg: r6(radiusDeg) };
  // Points on the small circle, counter-clockwise seen from above (bearing decreasing), unwrapped.
  const ring: Position[] = [];
  let prev = Number.NaN;
  for (let k = 0; k <= segments; k++) {
    const brg = -(2 * Math.PI * (k % segments)) / segments;
    const lat = Math.asin(Math.sin(lat0) * Math.cos(d) + Math.cos(lat0) * Math.sin(d) * Math.cos(brg));
    let lon = (lon0 + Math.atan2(Math.sin(brg) * Math.sin(d) * Math.cos(lat0), Math.cos(d) - Math.sin(lat0) * Math.sin(lat))) / DEG;
    if (Number.isFinite(prev)) while (lon - prev > 180) lon -= 360;
    if (Number.isFinite(prev)) while (lon - prev < -180) lon += 360;
    ring.push([lon, lat / DEG]);
    prev = lon;
  }
  const span = ring[ring.length - 1][0] - ring[0][0];
  if (Math.abs(span) > 180) {
    // The circle goes round a pole: follow it from -180 to 180 and close through the pole.
    const north = s.latDeg > 0;
    const pts = ring.slice(0, -1).map(([lon, lat]) => [wrap(lon), lat] as Position);
    pts.sort((a, b) => a[0] - b[0]);
    const first = pts[0];
    const last = pts[pts.length - 1];
    // latitude where the circle meets the antimeridian: between the last and first (wrapped) points
    const f = (180 - last[0]) / (first[0] + 360 - last[0]);
    const latX = last[1] + f * (first[1] - last[1]);
    const pole = north ? 90 : -90;
    let closed: Position[] = [[-180, latX], ...pts, [180, latX], [180, pole], [-180, pole], [-180, latX]];
    if (ringArea2(closed) < 0) closed = closed.reverse();
    return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [closed.map(([a, b]) => pos(a, b))] }, properties };
  }
  // Shift so that the ring's centre longitude is in [-180, 180), then cut at +-180.
  const shift = Math.round(s.lonDeg / 360) * 360;
  const shifted = ring.map(([a, b]) => [a - shift, b] as Position);
  const minLon = Math.min(...shifted.map((p) => p[0]));
  const maxLon = Math.max(...shifted.map((p) => p[0]));
  const parts: Position[][] = [];
  if (maxLon > 180) {
    parts.push(clip(shifted, 180, 'le'));
    parts.push(clip(shifted, 180, 'ge').map(([a, b]) => [a - 360, b] as Position));
  } else if (minLon < -180) {
    parts.push(clip(shifted, -180, 'ge'));
    parts.push(clip(shifted, -180, 'le').map(([a, b]) => [a + 360, b] as Position));
  } else parts.push(shifted);
  const rings = parts.filter((r) => r.length >= 4).map((r) => (ringArea2(r) < 0 ? r.reverse() : r).map(([a, b]) => pos(a, b)));
  return rings.length === 1
    ? { type: 'Feature', geometry: { type: 'Polygon', coordinates: [rings[0]] }, properties }
    : { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) }, properties };
}
