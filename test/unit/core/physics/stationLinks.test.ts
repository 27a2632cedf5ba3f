/**
 * Station links as the workers choose them (src/core/physics/stationLinks.ts, issue 17): per shard
 * the top K by elevation above the mask over every satellite, merged on the main thread, must equal
 * a brute-force choice over the whole fleet. The brute force here is independent: the TEME states
 * are turned into the Earth-fixed frame by satellite.js (gstime, eciToEcf), the station placed on
 * the spherical Earth from its latitude, longitude and altitude, the elevation taken from the
 * angle to the local vertical, every candidate sorted, ties by the lower id.
 */
import { eciToEcf, gstime } from 'satellite.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { WGS72 } from '../../../../src/core/constants';
import { parseElements } from '../../../../src/core/elements/stream';
import {
  addStationLinks,
  clearLinkChoice,
  lastLinkScan,
  linkStationsOf,
  mergeStationLinks,
  newLinkChoice,
  type LinkChoice,
} from '../../../../src/core/physics/stationLinks';
import { defaultGroundStations, GATEWAY_SITES } from '../../../../src/core/presets';
import type { GroundStation } from '../../../../src/core/scenario/schema';
import { gmstRadAtMs } from '../../../../src/core/physics/time';
import { initSgp4Batch } from '../../../../src/core/sgp4/batch';
import { statesToEarthRadii } from '../../../../src/core/sgp4/drawStates';
import { propagateBatch } from '../../../../src/core/sgp4/propagate';
import { readSharedData } from '../elements/helpers';

const R = WGS72.radiusKm;
const K = 4;

/** The k best (sin elevation, id) per station over rows with error 0, by brute force. */
function bruteForce(
  posKm: Float64Array,
  err: Uint8Array,
  stations: GroundStation[],
  gmst: number,
  k = K,
): { ids: number[]; sin: number[] }[] {
  const n = err.length;
  return stations.map((s) => {
    const lat = (s.latDeg * Math.PI) / 180;
    const lon = (s.lonDeg * Math.PI) / 180;
    const ux = Math.cos(lat) * Math.cos(lon),
      uy = Math.cos(lat) * Math.sin(lon),
      uz = Math.sin(lat);
    const rs = R + s.altitudeKm;
    const sinMask = Math.sin(((s.minElevationDeg ?? 25) * Math.PI) / 180);
    const cand: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      if (err[i] !== 0) continue;
      const e = eciToEcf({ x: posKm[3 * i], y: posKm[3 * i + 1], z: posKm[3 * i + 2] }, gmst);
      const dx = e.x - rs * ux,
        dy = e.y - rs * uy,
        dz = e.z - rs * uz;
      const sinEl = (dx * ux + dy * uy + dz * uz) / Math.hypot(dx, dy, dz);
      if (sinEl >= sinMask) cand.push([sinEl, i]);
    }
    cand.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const top = cand.slice(0, k);
    return { ids: top.map((c) => c[1]), sin: top.map((c) => c[0]) };
  });
}

/** Per station, the chosen ids (dropping empty slots) and sin values. */
function rows(c: LinkChoice, count: number, k = K): { ids: number[]; sin: number[] }[] {
  return Array.from({ length: count }, (_, s) => {
    const ids: number[] = [];
    const sin: number[] = [];
    for (let q = 0; q < k; q++)
      if (c.ids[s * k + q] >= 0) {
        ids.push(c.ids[s * k + q]);
        sin.push(c.sinEl[s * k + q]);
      }
    return { ids, sin };
  });
}

/** As the workers do it: each shard scans its own rows (ids offset), then the shards are merged. */
function shardedChoice(posKm: Float64Array, err: Uint8Array, cuts: number[], stations: GroundStation[], gmst: number): LinkChoice {
  const st = linkStationsOf(stations, K);
  const parts = cuts.slice(0, -1).map((a, i) => {
    const b = cuts[i + 1];
    const part = newLinkChoice(st);
    // a transfer-mode worker holds only its shard: rows 0..b-a, ids = row + a
    addStationLinks(posKm.subarray(3 * a, 3 * b), R, err.subarray(a, b), 0, b - a, a, st, gmst, part);
    return part;
  });
  const out = newLinkChoice(st);
  mergeStationLinks(parts, st, out);
  return out;
}

describe('station links chosen per shard and merged (real catalogue)', () => {
  let posKm: Float64Array;
  let velKmS: Float64Array;
  let err: Uint8Array;
  let n: number;
  let timeMs: number;
  const stations: GroundStation[] = [...defaultGroundStations(), { ...GATEWAY_SITES[10], name: 'Singapore, mask 5', minElevationDeg: 5 }];
  beforeAll(() => {
    const cols = parseElements(readSharedData('catalog-2022-08-09.tle')).columns;
    n = cols.count;
    const batch = initSgp4Batch(cols, 0, n);
    timeMs = Date.parse('2022-08-10T06:00:00Z');
    posKm = new Float64Array(3 * n);
    velKmS = new Float64Array(3 * n);
    err = new Uint8Array(n);
    propagateBatch(batch, timeMs, posKm, velKmS, err, 0);
  });

  it('equals the brute-force choice over all 25,975 satellites, for any cut into shards', () => {
    const gmst = gmstRadAtMs(timeMs);
    // some satellites fail SGP4 (decayed): the choice skips them as the brute force does
    let failed = 0;
    for (let i = 0; i < n; i++) if (err[i] !== 0) failed++;
    expect(failed).toBeGreaterThan(0);
    const want = bruteForce(posKm, err, stations, gstime(new Date(timeMs)));
    // every station of the real catalogue has K satellites in view
    for (const w of want) expect(w.ids.length).toBe(K);
    for (const cuts of [
      [0, n],
      [0, 9000, n],
      [0, 1, 5000, 5001, 17_000, n],
      [0, 0, n, n],
    ]) {
      const got = rows(shardedChoice(posKm, err, cuts, stations, gmst), stations.length);
      expect(got.map((g) => g.ids)).toEqual(want.map((w) => w.ids));
      for (let s = 0; s < stations.length; s++) for (let q = 0; q < K; q++) expect(got[s].sin[q]).toBeCloseTo(want[s].sin[q], 10);
    }
  });

  it('block bounds (ordered fleet) and row by row (catalogue order) give the same exact choice', () => {
    const gmst = gmstRadAtMs(timeMs);
    const st = linkStationsOf(stations, K);
    // catalogue order: neighbours in the file are not neighbours in space, the scan goes row by row
    const c = newLinkChoice(st);
    addStationLinks(posKm, R, err, 0, n, 0, st, gmst, c);
    expect(lastLinkScan.rowByRow).toBe(true);
    const want = bruteForce(posKm, err, stations, gstime(new Date(timeMs)));
    expect(rows(c, stations.length).map((g) => g.ids)).toEqual(want.map((w) => w.ids));
    // the same satellites sorted into compact blocks (by 200 km of radius, then 1-degree cells of
    // latitude and longitude, boustrophedon; failed rows last): the scan stays in blocks
    const key = (i: number) => {
      if (err[i] !== 0) return Number.MAX_SAFE_INTEGER;
      const x = posKm[3 * i],
        y = posKm[3 * i + 1],
        z = posKm[3 * i + 2];
      const shell = Math.floor(Math.hypot(x, y, z) / 200);
      const lat = Math.floor((Math.atan2(z, Math.hypot(x, y)) * 180) / Math.PI + 90);
      const lon = Math.floor((Math.atan2(y, x) * 180) / Math.PI + 180);
      return (shell * 181 + lat) * 360 + (lat % 2 ? 359 - lon : lon);
    };
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => key(a) - key(b) || a - b);
    const sp = new Float64Array(3 * n);
    const se = new Uint8Array(n);
    order.forEach((from, to) => {
      sp.set(posKm.subarray(3 * from, 3 * from + 3), 3 * to);
      se[to] = err[from];
    });
    const s = newLinkChoice(st);
    addStationLinks(sp, R, se, 0, n, 0, st, gmst, s);
    expect(lastLinkScan).toMatchObject({ rowByRow: false });
    // (the catalogue reaches GEO, which a station sees much of: about two thirds are skipped)
    expect(lastLinkScan.skippedPairs).toBeGreaterThan(0.5 * Math.ceil(n / 8) * stations.length);
    expect(rows(s, stations.length).map((g) => g.ids)).toEqual(bruteForce(sp, se, stations, gstime(new Date(timeMs))).map((w) => w.ids));
  });

  it('from the Float32 Earth-radii states the viewer draws: the same satellites', () => {
    const posEr = new Float32Array(3 * n);
    const velEr = new Float32Array(3 * n);
    statesToEarthRadii(posKm, velKmS, err, 0, n, posEr, velEr);
    const st = linkStationsOf(stations, K);
    const out = newLinkChoice(st);
    // a shared-mode worker: rows at their fleet index, ids = rows
    const parts = [
      [0, 12_000],
      [12_000, n],
    ].map(([a, b]) => {
      const p = newLinkChoice(st);
      addStationLinks(posEr, 1, err, a, b, 0, st, gmstRadAtMs(timeMs), p);
      return p;
    });
    mergeStationLinks(parts, st, out);
    const want = bruteForce(posKm, err, stations, gstime(new Date(timeMs)));
    const got = rows(out, stations.length);
    expect(got.map((g) => g.ids)).toEqual(want.map((w) => w.ids));
    // Float32 rounding of the positions (< 1 m) moves sin(elevation) by < 1e-6
    for (let s = 0; s < stations.length; s++)
      for (let q = 0; q < K; q++) expect(Math.abs(got[s].sin[q] - want[s].sin[q])).toBeLessThan(1e-6);
  });
});

describe('station links: ties, empty and failed rows', () => {
  const station: GroundStation = { name: 'Equator 0E', latDeg: 0, lonDeg: 0, altitudeKm: 0, minElevationDeg: 25 };
  const gmst = 0; // Earth-fixed = inertial: the station sits on +x
  /** States (km) for `n` satellites, all far below the horizon (on -x) unless placed. */
  const fleet = (n: number) => {
    const pos = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) pos[3 * i] = -(R + 550);
    return { pos, err: new Uint8Array(n) };
  };
  const place = (pos: Float64Array, i: number, elevDeg: number, azDeg = 0) => {
    // satellite at 550 km seen from the station at (R, 0, 0) at this elevation, azimuth from +z towards +y
    const el = (elevDeg * Math.PI) / 180;
    const h = R + 550;
    // slant range from the law of cosines: h^2 = R^2 + d^2 + 2 R d sin(el)
    const d = -R * Math.sin(el) + Math.sqrt(R * R * Math.sin(el) ** 2 + h * h - R * R);
    const az = (azDeg * Math.PI) / 180;
    pos[3 * i] = R + d * Math.sin(el);
    pos[3 * i + 1] = d * Math.cos(el) * Math.sin(az);
    pos[3 * i + 2] = d * Math.cos(el) * Math.cos(az);
  };
  const choose = (pos: Float64Array, err: Uint8Array, cuts: number[]) => shardedChoice(pos, err, cuts, [station], gmst);
  const n = 3000;

  it('equal elevations: the lower ids win, across shard boundaries too', () => {
    const { pos, err } = fleet(n);
    // six satellites at exactly the same point (identical sin(elevation)), spread over the shards
    for (const i of [2999, 1500, 7, 1499, 3, 2000]) place(pos, i, 60);
    const want = bruteForce(pos, err, [station], gmst)[0].ids;
    expect(want).toEqual([3, 7, 1499, 1500]);
    for (const cuts of [
      [0, n],
      [0, 1500, n],
      [0, 5, 1500, 2500, n],
    ])
      expect(rows(choose(pos, err, cuts), 1)[0].ids).toEqual(want);
    // a shard list given out of id order still merges by id on equal values
    const st = linkStationsOf([station], K);
    const a = newLinkChoice(st);
    const b = newLinkChoice(st);
    addStationLinks(pos.subarray(3 * 1500), R, err.subarray(1500), 0, n - 1500, 1500, st, gmst, a);
    addStationLinks(pos, R, err, 0, 1500, 0, st, gmst, b);
    const out = newLinkChoice(st);
    mergeStationLinks([a, b], st, out);
    expect(rows(out, 1)[0].ids).toEqual(want);
  });

  it('highest elevation first; nothing below the mask', () => {
    const { pos, err } = fleet(n);
    place(pos, 10, 30);
    place(pos, 20, 80, 90);
    place(pos, 30, 24.9); // below the 25 deg mask
    place(pos, 40, 45, 200);
    place(pos, 2500, 26, 10);
    place(pos, 2600, 25.5, 300);
    const got = rows(choose(pos, err, [0, 1000, n]), 1)[0];
    expect(got.ids).toEqual([20, 40, 10, 2500]);
    expect(got.ids).toEqual(bruteForce(pos, err, [station], gmst)[0].ids);
    // elevations back from sin: 80, 45, 30, 26 deg
    expect(got.sin.map((s) => +((Math.asin(s) * 180) / Math.PI).toFixed(6))).toEqual([80, 45, 30, 26]);
  });

  it('empty: nothing in view, no rows, every row failed, no stations', () => {
    const { pos, err } = fleet(n);
    expect(rows(choose(pos, err, [0, n]), 1)[0].ids).toEqual([]);
    place(pos, 5, 70);
    place(pos, 6, 50);
    err[5] = 6; // decayed: skipped even though it would rank first
    expect(rows(choose(pos, err, [0, n]), 1)[0].ids).toEqual([6]);
    expect(bruteForce(pos, err, [station], gmst)[0].ids).toEqual([6]);
    err.fill(1);
    expect(rows(choose(pos, err, [0, 1000, n]), 1)[0].ids).toEqual([]);
    expect(rows(choose(new Float64Array(0), new Uint8Array(0), [0, 0]), 1)[0].ids).toEqual([]);
    const none = linkStationsOf([], K);
    const c = newLinkChoice(none);
    addStationLinks(pos, R, err, 0, n, 0, none, gmst, c);
    mergeStationLinks([c], none, c);
    expect(c.ids.length).toBe(0);
  });

  it('fewer candidates than K leave -1 slots; a cleared choice starts over', () => {
    const { pos, err } = fleet(n);
    place(pos, 100, 40);
    const st = linkStationsOf([station], K);
    const c = newLinkChoice(st);
    addStationLinks(pos, R, err, 0, n, 0, st, gmst, c);
    expect(Array.from(c.ids)).toEqual([100, -1, -1, -1]);
    clearLinkChoice(c);
    addStationLinks(pos, R, err, 0, 50, 0, st, gmst, c);
    expect(Array.from(c.ids)).toEqual([-1, -1, -1, -1]);
  });
});
