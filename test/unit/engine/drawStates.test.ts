/**
 * Workers write what the viewer draws (issue 17): a shared-memory pool made with drawStates hands
 * Float32 Earth-radii states, equal to converting the km states of a pool without it, and keeps
 * the km states in its workers (they propagate block by block into scratch: no Float64 frames in
 * shared memory). The real catalogue (../shared/data) gives shards of several blocks with ragged
 * ends and deep-space objects.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildFleet } from '../../../src/core/fleet/generators';
import type { Fleet } from '../../../src/core/fleet/fleet';
import { presetScenario } from '../../../src/core/presets';
import { WGS72 } from '../../../src/core/constants';
import { nodeWorkerHost } from '../../../src/engine/nodeHost';
import { PropagationPool } from '../../../src/engine/propagationPool';
import { frameToGpu } from '../../../src/render/provisional';
import { STATE_BLOCK_ROWS } from '../../../src/core/analysis/sampled';
import { readSharedData, satrecsAndColumns, splitTle } from '../core/sgp4/helpers';

const starlink = buildFleet(presetScenario('starlink-72x22')!);
const t1 = Date.parse('2026-03-20T13:00:00Z');
const pools: PropagationPool[] = [];
afterEach(() => {
  while (pools.length) pools.pop()!.dispose();
});

function catalogueFleet(): Fleet {
  const { cols } = satrecsAndColumns(splitTle(readSharedData('catalog-2022-08-09.tle')));
  const n = cols.count;
  return { count: n, elements: cols, shellIndex: new Uint16Array(n), designIndex: new Uint16Array(n), shells: [] };
}

describe('draw states written by the workers', () => {
  it('drawStates: the Float32 Earth radii equal the conversion of the km states, with no km frames', async () => {
    const fleet = catalogueFleet();
    expect(fleet.count / 2).toBeGreaterThan(3 * STATE_BLOCK_ROWS);
    expect((fleet.count / 2) % STATE_BLOCK_ROWS).not.toBe(0);
    const draw = new PropagationPool({ host: nodeWorkerHost({ shareMemory: true }), workers: 2, drawStates: true });
    const km = new PropagationPool({ host: nodeWorkerHost({ shareMemory: true }), workers: 2 });
    pools.push(draw, km);
    expect(draw.mode).toBe('shared');
    await Promise.all([draw.setFleet(fleet), km.setFleet(fleet)]);
    for (const t of [Date.parse('2022-08-09T06:00:00Z'), Date.parse('2022-08-20T00:00:00Z')]) {
      const f = (await draw.propagate(t))!;
      const k = (await km.propagate(t))!;
      expect(f.positionKm).toBeUndefined();
      expect(f.velocityKmS).toBeUndefined();
      expect(f.positionEr).toBeInstanceOf(Float32Array);
      expect(f.positionEr!.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from(f.error)).toEqual(Array.from(k.error));
      expect(k.error.filter((e) => e !== 0).length).toBeGreaterThan(0); // decayed objects: zeroed rows
      const pos = new Float32Array(3 * fleet.count);
      const vel = new Float32Array(3 * fleet.count);
      frameToGpu(k.positionKm!, k.velocityKmS!, k.error, fleet.count, pos, vel);
      expect(Array.from(f.positionEr!)).toEqual(Array.from(pos));
      expect(Array.from(f.velocityErS!)).toEqual(Array.from(vel));
      // and they are the km states in Earth radii to Float32 rounding (half an ulp: 6e-8 relative)
      let m = 0;
      for (let j = 0; j < pos.length; j++) {
        const r = k.positionKm![j];
        if (k.error[Math.floor(j / 3)] === 0) m = Math.max(m, Math.abs(f.positionEr![j] * WGS72.radiusKm - r) / Math.max(Math.abs(r), 1));
      }
      expect(m).toBeLessThan(1.2e-7);
    }
  }, 120_000);

  it('without drawStates (the CLI, the sampled pools) the frames carry km states only', async () => {
    const pool = new PropagationPool({ host: nodeWorkerHost({ shareMemory: true }), workers: 2 });
    pools.push(pool);
    await pool.setFleet(starlink);
    const f = (await pool.propagate(t1))!;
    expect(f.positionEr).toBeUndefined();
    expect(f.positionKm!.length).toBe(3 * starlink.count);
    expect(f.positionKm!.buffer).toBeInstanceOf(SharedArrayBuffer);
  }, 60_000);
});
