/**
 * Which satellites each ground station links to in the 3D view: the K highest-elevation
 * satellites above the station's elevation mask, on a spherical Earth (docs/PHYSICS.md "Latency":
 * elevation from the local vertical). Stations are Earth-fixed; the satellites are in TEME, which
 * the viewer treats as inertial, and the Earth turns by GMST (IAU-82, as SGP4 uses it) between
 * them, the same rotation the viewer draws the globe and the stations with (src/render/astro.ts).
 *
 * Run by the propagation workers on their shard after each propagate (exact: every satellite of
 * the shard), then merged on the main thread (W shards x K candidates per station); the viewer
 * keeps a strided main-thread scan for the ticks that come without a worker choice
 * (docs/ENGINE.md "Station links in the workers").
 *
 * Ordering: higher sin(elevation) first; equal values keep the lower satellite id first, so the
 * merge of contiguous shards equals one scan over the whole fleet.
 */
import { WGS72 } from '../constants';
import { DEG2RAD } from '../units';
import type { GroundStation } from '../scenario/schema';

/** Links drawn per station. */
export const MAX_LINKS_PER_STATION = 4;
/** Stations the viewer draws (and links): the first this many of the scenario. */
export const MAX_LINK_STATIONS = 64;
/** sin(elevation) of an empty link slot (below any real value, which is >= -1). */
export const NO_LINK_SIN = -2;

/** The stations as the choice needs them (small: sent to every worker when they change). */
export interface LinkStations {
  count: number;
  /** Links kept per station. */
  k: number;
  /** Earth-fixed positions, Earth radii (WGS-72 equatorial radius, spherical Earth), xyz. */
  ecefEr: Float64Array;
  /** sin of each station's elevation mask. */
  sinMask: Float64Array;
}

/** The chosen links, station-major: slot s * k + q is station s's q-th best (id -1 = none). */
export interface LinkChoice {
  ids: Int32Array;
  sinEl: Float64Array;
}

/** Earth-fixed unit vector of (lon, lat) scaled by `scale`, into out[at..at+2]. */
export function lonLatToEcef(lonDeg: number, latDeg: number, out: Float32Array | Float64Array | number[], at = 0, scale = 1): void {
  const lon = lonDeg * DEG2RAD;
  const lat = latDeg * DEG2RAD;
  const c = Math.cos(lat);
  out[at] = scale * c * Math.cos(lon);
  out[at + 1] = scale * c * Math.sin(lon);
  out[at + 2] = scale * Math.sin(lat);
}

export function linkStationsOf(
  stations: readonly GroundStation[],
  k = MAX_LINKS_PER_STATION,
  maxStations = MAX_LINK_STATIONS,
): LinkStations {
  const n = Math.min(stations.length, maxStations);
  const ecefEr = new Float64Array(3 * n);
  const sinMask = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = stations[i];
    lonLatToEcef(s.lonDeg, s.latDeg, ecefEr, 3 * i, 1 + s.altitudeKm / WGS72.radiusKm);
    sinMask[i] = Math.sin((s.minElevationDeg ?? 25) * DEG2RAD);
  }
  return { count: n, k, ecefEr, sinMask };
}

export function newLinkChoice(st: Pick<LinkStations, 'count' | 'k'>): LinkChoice {
  return { ids: new Int32Array(st.count * st.k).fill(-1), sinEl: new Float64Array(st.count * st.k).fill(NO_LINK_SIN) };
}

export function clearLinkChoice(out: LinkChoice): void {
  out.ids.fill(-1);
  out.sinEl.fill(NO_LINK_SIN);
}

/** Station i's position in the inertial frame at Earth rotation `gmstRad`, in units of `unitsPerEr` per Earth radius. */
export function stationInertialInto(st: LinkStations, i: number, gmstRad: number, unitsPerEr: number, out: Float64Array, at = 0): void {
  const c = Math.cos(gmstRad);
  const s = Math.sin(gmstRad);
  const x = st.ecefEr[3 * i];
  const y = st.ecefEr[3 * i + 1];
  out[at] = (c * x - s * y) * unitsPerEr;
  out[at + 1] = (s * x + c * y) * unitsPerEr;
  out[at + 2] = st.ecefEr[3 * i + 2] * unitsPerEr;
}

/** Insert (sin, id) into station s's sorted slots of `out` if it ranks; ties keep the earlier entry ahead. */
function insert(out: LinkChoice, base: number, k: number, sinEl: number, id: number): void {
  const best = out.sinEl;
  const ids = out.ids;
  let q = k - 1;
  while (q > 0 && best[base + q - 1] < sinEl) {
    best[base + q] = best[base + q - 1];
    ids[base + q] = ids[base + q - 1];
    q--;
  }
  best[base + q] = sinEl;
  ids[base + q] = id;
}

let scratch = new Float64Array(0);

/**
 * Add rows [start, end) of `pos` (xyz interleaved, row r at 3r; `unitsPerEr` position units per
 * Earth radius: 1 for the viewer's Earth-radii states, the WGS-72 radius for km) to `out`, the
 * top-k per station so far (clear it first for a fresh choice). Rows whose `error` is not 0 are
 * skipped (error indexed like the rows; null: none). The id stored is row + idOffset. With
 * stride > 1 only every stride-th row from `start` is looked at (the viewer's bounded fallback).
 *
 * The test per satellite and station: d = sat - station; up = d . (station / |station|);
 * below the horizon plane (up <= 0) is out, then sin(el) = up / |d| must be >= sin(mask).
 */
export function addStationLinks(
  pos: Float32Array | Float64Array,
  unitsPerEr: number,
  error: Uint8Array | null,
  start: number,
  end: number,
  idOffset: number,
  st: LinkStations,
  gmstRad: number,
  out: LinkChoice,
  stride = 1,
): void {
  const S = st.count;
  const k = st.k;
  if (S === 0 || k === 0 || end <= start) return;
  // Per station: inertial position (g), unit up vector (u), sin(mask), in 7 doubles.
  if (scratch.length < 7 * S) scratch = new Float64Array(7 * S);
  const w = scratch;
  for (let i = 0; i < S; i++) {
    stationInertialInto(st, i, gmstRad, unitsPerEr, w, 7 * i);
    const gr = Math.hypot(w[7 * i], w[7 * i + 1], w[7 * i + 2]);
    w[7 * i + 3] = w[7 * i] / gr;
    w[7 * i + 4] = w[7 * i + 1] / gr;
    w[7 * i + 5] = w[7 * i + 2] / gr;
    w[7 * i + 6] = st.sinMask[i];
  }
  const best = out.sinEl;
  const step = Math.max(1, Math.floor(stride));
  for (let r = start; r < end; r += step) {
    if (error !== null && error[r] !== 0) continue;
    const j = 3 * r;
    const px = pos[j],
      py = pos[j + 1],
      pz = pos[j + 2];
    for (let i = 0; i < S; i++) {
      const o = 7 * i;
      const dx = px - w[o],
        dy = py - w[o + 1],
        dz = pz - w[o + 2];
      const up = dx * w[o + 3] + dy * w[o + 4] + dz * w[o + 5];
      if (up <= 0) continue; // below the horizon plane
      const sinEl = up / Math.sqrt(dx * dx + dy * dy + dz * dz);
      const base = i * k;
      if (sinEl < w[o + 6] || sinEl <= best[base + k - 1]) continue;
      insert(out, base, k, sinEl, r + idOffset);
    }
  }
}

/**
 * Merge per-shard choices (each a top-k over its own rows, the shards in id order) into `out`:
 * per station the k best of all candidates, higher sin(elevation) first and, between equal values,
 * the lower id. Equal to one addStationLinks scan over all the shards' rows.
 */
export function mergeStationLinks(parts: readonly LinkChoice[], st: LinkStations, out: LinkChoice): void {
  clearLinkChoice(out);
  const k = st.k;
  for (let i = 0; i < st.count; i++) {
    const base = i * k;
    for (const p of parts) {
      for (let q = 0; q < k; q++) {
        const id = p.ids[base + q];
        if (id < 0) break; // a part's slots are filled in order
        const s = p.sinEl[base + q];
        // Rank: strictly higher sin, or equal sin and a lower id (a later shard can hold a lower id only if shards are out of order).
        const worstS = out.sinEl[base + k - 1];
        const worstId = out.ids[base + k - 1];
        if (s < worstS || (s === worstS && worstId >= 0 && id > worstId)) continue;
        let q2 = k - 1;
        while (q2 > 0 && (out.sinEl[base + q2 - 1] < s || (out.sinEl[base + q2 - 1] === s && out.ids[base + q2 - 1] > id))) {
          out.sinEl[base + q2] = out.sinEl[base + q2 - 1];
          out.ids[base + q2] = out.ids[base + q2 - 1];
          q2--;
        }
        out.sinEl[base + q2] = s;
        out.ids[base + q2] = id;
      }
    }
  }
}
