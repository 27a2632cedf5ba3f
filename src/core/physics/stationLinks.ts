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

/** Rows per block of the horizon-plane bound (generated fleets are stored plane by plane, slot by slot: neighbours are close). */
export const LINK_BLOCK_ROWS = 8;
/**
 * A block is skipped for a station only when its bound is below the station's horizon plane by
 * this share of the station's radius: far more than any rounding, so no row the per-row test
 * would keep is ever skipped.
 */
const BLOCK_MARGIN = 1e-9;

/**
 * Add rows [start, end) of `pos` (xyz interleaved, row r at 3r; `unitsPerEr` position units per
 * Earth radius: 1 for the viewer's Earth-radii states, the WGS-72 radius for km) to `out`, the
 * top-k per station so far (clear it first for a fresh choice). Rows whose `error` is not 0 are
 * skipped (error indexed like the rows; null: none). The id stored is row + idOffset. With
 * stride > 1 only every stride-th row from `start` is looked at (the viewer's bounded fallback).
 *
 * The test per satellite and station: d = sat - station; up = d . (station / |station|);
 * below the horizon plane (up <= 0) is out, then sin(el) = up / |d| must be >= sin(mask).
 *
 * With stride 1 the rows go in blocks of LINK_BLOCK_ROWS: the block's bounding box gives the
 * largest p . u any of its rows can have, and a station whose horizon plane (p . u = |station|)
 * lies above that bound skips the block. Each station sees a cap of a few per cent of the sky, so
 * most blocks of an ordered fleet are skipped by most stations. A fleet in random order (a
 * catalogue) skips few, and would pay the boxes and bounds for nothing: when fewer than 60 % of
 * the (block, station) pairs of the first 1,024 blocks were skipped, the rest goes row by row.
 * Either way the rows kept, their order and the result are those of the plain per-row scan.
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
  // Per station: inertial position (g), unit up vector (u), sin(mask), the block threshold, in 8 doubles.
  if (scratch.length < 8 * S) scratch = new Float64Array(8 * S);
  const w = scratch;
  for (let i = 0; i < S; i++) {
    const o = 8 * i;
    stationInertialInto(st, i, gmstRad, unitsPerEr, w, o);
    const gr = Math.hypot(w[o], w[o + 1], w[o + 2]);
    w[o + 3] = w[o] / gr;
    w[o + 4] = w[o + 1] / gr;
    w[o + 5] = w[o + 2] / gr;
    w[o + 6] = st.sinMask[i];
    w[o + 7] = gr * (1 - BLOCK_MARGIN);
  }
  const step = Math.max(1, Math.floor(stride));
  lastLinkScan.skippedPairs = 0;
  lastLinkScan.rowByRow = step > 1;
  if (step > 1) {
    scanRows(pos, error, start, end, step, S, w, k, idOffset, out);
    return;
  }
  // Blocks, while they pay: after BLOCK_TRIAL blocks, a fleet whose blocks are mostly not skipped
  // (random order) goes on row by row.
  let tried = 0;
  let skipped = 0;
  for (let b = start; b < end; b += LINK_BLOCK_ROWS) {
    if (tried === BLOCK_TRIAL && skipped < BLOCK_MIN_SKIP_SHARE * tried * S) {
      lastLinkScan.skippedPairs = skipped;
      lastLinkScan.rowByRow = true;
      scanRows(pos, error, b, end, 1, S, w, k, idOffset, out);
      return;
    }
    tried++;
    const e = Math.min(end, b + LINK_BLOCK_ROWS);
    let x0 = Infinity,
      x1 = -Infinity,
      y0 = Infinity,
      y1 = -Infinity,
      z0 = Infinity,
      z1 = -Infinity;
    for (let j = 3 * b; j < 3 * e; j += 3) {
      const x = pos[j],
        y = pos[j + 1],
        z = pos[j + 2];
      // A NaN stays out of the box: harmless, the per-row test never keeps a NaN row.
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (z < z0) z0 = z;
      if (z > z1) z1 = z;
    }
    for (let i = 0; i < S; i++) {
      const o = 8 * i;
      const ux = w[o + 3],
        uy = w[o + 4],
        uz = w[o + 5];
      const bound = (ux > 0 ? ux * x1 : ux * x0) + (uy > 0 ? uy * y1 : uy * y0) + (uz > 0 ? uz * z1 : uz * z0);
      if (bound < w[o + 7]) {
        skipped++; // every row of the block is below this station's horizon plane
        continue;
      }
      const gx = w[o],
        gy = w[o + 1],
        gz = w[o + 2];
      const sm = w[o + 6];
      const base = i * k;
      for (let r = b; r < e; r++) {
        if (error !== null && error[r] !== 0) continue;
        const j = 3 * r;
        const dx = pos[j] - gx,
          dy = pos[j + 1] - gy,
          dz = pos[j + 2] - gz;
        const up = dx * ux + dy * uy + dz * uz;
        if (!(up > 0)) continue; // below the horizon plane (or not a number)
        const sinEl = up / Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (sinEl < sm || sinEl <= out.sinEl[base + k - 1]) continue;
        insert(out, base, k, sinEl, r + idOffset);
      }
    }
  }
  lastLinkScan.skippedPairs = skipped;
}

/** How the last addStationLinks call went (for tests and benchmarks): (block, station) pairs skipped, and whether it went on row by row. */
export const lastLinkScan = { skippedPairs: 0, rowByRow: false };

/** Blocks looked at before deciding whether they pay, and the share of (block, station) pairs that must be skipped. */
const BLOCK_TRIAL = 1024;
const BLOCK_MIN_SKIP_SHARE = 0.6;

/** The per-row scan of addStationLinks over rows from, from + step, ... < to (w: the station table). */
function scanRows(
  pos: Float32Array | Float64Array,
  error: Uint8Array | null,
  from: number,
  to: number,
  step: number,
  S: number,
  w: Float64Array,
  k: number,
  idOffset: number,
  out: LinkChoice,
): void {
  const best = out.sinEl;
  for (let r = from; r < to; r += step) {
    if (error !== null && error[r] !== 0) continue;
    const j = 3 * r;
    const px = pos[j],
      py = pos[j + 1],
      pz = pos[j + 2];
    for (let i = 0; i < S; i++) {
      const o = 8 * i;
      const dx = px - w[o],
        dy = py - w[o + 1],
        dz = pz - w[o + 2];
      const up = dx * w[o + 3] + dy * w[o + 4] + dz * w[o + 5];
      if (!(up > 0)) continue; // below the horizon plane (or not a number)
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
