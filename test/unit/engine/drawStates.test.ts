/**
 * Workers write what the viewer draws (issue 17): a shared-memory pool made with drawStates hands
 * Float32 Earth-radii states next to the Float64 km ones, equal to converting the km states here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildFleet } from '../../../src/core/fleet/generators';
import { presetScenario } from '../../../src/core/presets';
import { WGS72 } from '../../../src/core/constants';
import { nodeWorkerHost } from '../../../src/engine/nodeHost';
import { PropagationPool } from '../../../src/engine/propagationPool';
import { frameToGpu } from '../../../src/render/provisional';

const fleet = buildFleet(presetScenario('starlink-72x22')!);
const t1 = Date.parse('2026-03-20T13:00:00Z');
const pools: PropagationPool[] = [];
afterEach(() => {
  while (pools.length) pools.pop()!.dispose();
});

describe('draw states written by the workers', () => {
  it('shared pool with drawStates: Float32 Earth radii from the workers equal the main-thread conversion', async () => {
    const pool = new PropagationPool({ host: nodeWorkerHost({ shareMemory: true }), workers: 2, drawStates: true });
    pools.push(pool);
    expect(pool.mode).toBe('shared');
    await pool.setFleet(fleet);
    for (const t of [t1, t1 + 600_000]) {
      const f = (await pool.propagate(t))!;
      expect(f.positionEr).toBeInstanceOf(Float32Array);
      expect(f.positionEr!.buffer).toBeInstanceOf(SharedArrayBuffer);
      const pos = new Float32Array(3 * fleet.count);
      const vel = new Float32Array(3 * fleet.count);
      frameToGpu(f.positionKm, f.velocityKmS, f.error, fleet.count, pos, vel);
      expect(Array.from(f.positionEr!)).toEqual(Array.from(pos));
      expect(Array.from(f.velocityErS!)).toEqual(Array.from(vel));
      // and they are the km states in Earth radii (to Float32 rounding: < 1 m at LEO)
      let m = 0;
      for (let k = 0; k < pos.length; k++) m = Math.max(m, Math.abs(f.positionEr![k] * WGS72.radiusKm - f.positionKm[k]));
      expect(m).toBeLessThan(0.001);
    }
  }, 60_000);

  it('without drawStates (the CLI, the sampled pools) nothing extra is written', async () => {
    const pool = new PropagationPool({ host: nodeWorkerHost({ shareMemory: true }), workers: 2 });
    pools.push(pool);
    await pool.setFleet(fleet);
    const f = (await pool.propagate(t1))!;
    expect(f.positionEr).toBeUndefined();
  }, 60_000);
});
