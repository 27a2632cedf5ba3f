/**
 * How many propagation workers a page gets (src/engine/index.ts defaultWorkerCount): one per core when
 * cross-origin isolated (shared memory), one fewer without isolation (transfer mode: the main thread
 * copies and converts every state each tick, so it keeps a core), always 1 to 8; and the pool reports
 * the threads it runs.
 */
import { describe, expect, it } from 'vitest';
import { buildFleet } from '../../../src/core/fleet/generators';
import { presetScenario } from '../../../src/core/presets';
import { defaultWorkerCount } from '../../../src/engine';
import { PropagationPool } from '../../../src/engine/propagationPool';
import { browserLikeHost } from './browserLikeHost';

describe('defaultWorkerCount', () => {
  it('gives every core to shared memory and keeps one for the main thread in transfer mode', () => {
    expect([1, 2, 4, 8, 16].map((c) => defaultWorkerCount(true, c))).toEqual([1, 2, 4, 8, 8]);
    expect([1, 2, 4, 8, 16].map((c) => defaultWorkerCount(false, c))).toEqual([1, 1, 3, 7, 8]);
  });
});

describe('PropagationPool.workers', () => {
  it('counts the worker threads of the current fleet (0 in-thread), never more than the fleet has shards for', async () => {
    // 1,584 satellites: shards hold at least 1,000, so ceil(1,584 / 1,000) = 2 workers however many are allowed
    const fleet = buildFleet(presetScenario('starlink-72x22')!);
    const inThread = new PropagationPool({ host: null, workers: 4 });
    await inThread.setFleet(fleet);
    expect(inThread.workers).toBe(0);
    inThread.dispose();
    const transfer = new PropagationPool({ host: browserLikeHost(0).host, workers: 3 });
    expect(transfer.workers).toBe(0); // no fleet yet
    await transfer.setFleet(fleet);
    expect(transfer.mode).toBe('transfer');
    expect(transfer.workers).toBe(2);
    transfer.dispose();
  }, 60_000);
});
