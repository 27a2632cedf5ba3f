/**
 * Station links chosen in the propagation workers (issue 17): a pool given link stations hands,
 * with every frame, each station's top K over the whole fleet (shards merged), in shared, transfer
 * and in-thread mode; equal to a brute-force choice over the frame's states here (satellite.js
 * turns TEME into Earth-fixed). New stations reach the workers with the next request, also after
 * a worker was restarted.
 */
import { eciToEcf, gstime } from 'satellite.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WGS72 } from '../../../src/core/constants';
import { buildFleet } from '../../../src/core/fleet/generators';
import { linkStationsOf, MAX_LINKS_PER_STATION } from '../../../src/core/physics/stationLinks';
import { defaultGroundStations, GATEWAY_SITES, presetScenario } from '../../../src/core/presets';
import type { GroundStation } from '../../../src/core/scenario/schema';
import { nodeWorkerHost } from '../../../src/engine/nodeHost';
import { PropagationPool } from '../../../src/engine/propagationPool';
import type { StateFrame } from '../../../src/engine/types';

const K = MAX_LINKS_PER_STATION;
const R = WGS72.radiusKm;
const fleet = buildFleet(presetScenario('starlink-72x22')!);
const t1 = Date.parse('2026-03-20T13:00:00Z');
const pools: PropagationPool[] = [];
afterEach(() => {
  while (pools.length) pools.pop()!.dispose();
});

/** The km states at `t` from an in-thread pool (a viewer's pool keeps its km states in the workers). */
const reference = new PropagationPool({ host: null, workers: 1 });
const referenceReady = reference.setFleet(fleet);
afterAll(() => reference.dispose());
async function kmStates(f: StateFrame): Promise<Float64Array> {
  if (f.positionKm) return f.positionKm;
  await referenceReady;
  return (await reference.propagate(f.timeMs))!.positionKm!.slice();
}

/** Per station the K best ids by elevation above the mask (ties: lower id), over the km states at the frame's time. */
async function bruteForce(f: StateFrame, stations: GroundStation[]): Promise<number[][]> {
  const km = await kmStates(f);
  const gmst = gstime(new Date(f.timeMs));
  return stations.map((s) => {
    const lat = (s.latDeg * Math.PI) / 180;
    const lon = (s.lonDeg * Math.PI) / 180;
    const u = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
    const rs = R + s.altitudeKm;
    const sinMask = Math.sin(((s.minElevationDeg ?? 25) * Math.PI) / 180);
    const cand: Array<[number, number]> = [];
    for (let i = 0; i < f.count; i++) {
      if (f.error[i] !== 0) continue;
      const e = eciToEcf({ x: km[3 * i], y: km[3 * i + 1], z: km[3 * i + 2] }, gmst);
      const d = [e.x - rs * u[0], e.y - rs * u[1], e.z - rs * u[2]];
      const sinEl = (d[0] * u[0] + d[1] * u[1] + d[2] * u[2]) / Math.hypot(d[0], d[1], d[2]);
      if (sinEl >= sinMask) cand.push([sinEl, i]);
    }
    cand.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    return cand.slice(0, K).map((c) => c[1]);
  });
}

const chosen = (f: StateFrame, count: number): number[][] =>
  Array.from({ length: count }, (_, s) => Array.from(f.links!.ids.subarray(s * K, (s + 1) * K)).filter((id) => id >= 0));

const modes = [
  {
    name: 'shared, drawStates (the page)',
    make: () => new PropagationPool({ host: nodeWorkerHost({ shareMemory: true }), workers: 2, drawStates: true }),
  },
  { name: 'transfer', make: () => new PropagationPool({ host: nodeWorkerHost({ shareMemory: false }), workers: 2 }) },
  { name: 'in-thread', make: () => new PropagationPool({ host: null, workers: 1 }) },
];

describe('station links from the propagation workers', () => {
  for (const m of modes)
    it(`${m.name}: every frame carries the exact top ${K} per station`, async () => {
      const pool = m.make();
      pools.push(pool);
      await pool.setFleet(fleet);
      expect(pool.workers).toBe(m.name === 'in-thread' ? 0 : 2);
      // no stations: no links
      expect((await pool.propagate(t1))!.links).toBeUndefined();
      const stations = defaultGroundStations();
      const spec = linkStationsOf(stations);
      pool.setLinkStations(spec);
      for (const t of [t1, t1 + 600_000, t1 + 3_600_000]) {
        const f = (await pool.propagate(t))!;
        expect(f.links?.stations).toBe(spec);
        const want = await bruteForce(f, stations);
        expect(chosen(f, stations.length)).toEqual(want);
        expect(want.flat().length).toBeGreaterThan(stations.length); // the Starlink shell is in view of most stations
      }
      // other stations: the next request carries them to the workers
      const other = [...GATEWAY_SITES.slice(8, 12), { ...GATEWAY_SITES[0], name: 'Svalbard, mask 5', minElevationDeg: 5 }];
      const spec2 = linkStationsOf(other);
      pool.setLinkStations(spec2);
      const f2 = (await pool.propagate(t1 + 7_200_000))!;
      expect(f2.links?.stations).toBe(spec2);
      expect(chosen(f2, other.length)).toEqual(await bruteForce(f2, other));
      pool.setLinkStations(null);
      expect((await pool.propagate(t1 + 7_300_000))!.links).toBeUndefined();
    }, 60_000);

  it('a restarted worker gets the stations again', async () => {
    const pool = new PropagationPool({ host: nodeWorkerHost({ shareMemory: true }), workers: 2, drawStates: true });
    pools.push(pool);
    await pool.setFleet(fleet);
    const stations = defaultGroundStations();
    const spec = linkStationsOf(stations);
    pool.setLinkStations(spec);
    await pool.propagate(t1);
    // restart every worker (what the pool does after a crash or a failed sampled pass)
    await pool.shardAccess()!.restart();
    const f = (await pool.propagate(t1 + 60_000))!;
    expect(f.links?.stations).toBe(spec);
    expect(chosen(f, stations.length)).toEqual(await bruteForce(f, stations));
  }, 60_000);
});
