/**
 * The viewer's tick loop never waits forever (issue 19 item 1, issue 16): a lost request or a
 * failed hand-over is reported and retried; a fleet replaced during playback is propagated again.
 * Engines here are scripted stand-ins (their behaviour is the point of each test) except the
 * last test, which runs the real pool on a browser-like worker host.
 */
import { describe, expect, it } from 'vitest';
import { buildFleet } from '../../../src/core/fleet/generators';
import { presetScenario } from '../../../src/core/presets';
import type { Fleet } from '../../../src/core/fleet/fleet';
import { PropagationPool } from '../../../src/engine/propagationPool';
import type { PropagationEngine, StateFrame } from '../../../src/engine/types';
import { createRuntime } from '../../../src/render/runtime';
import { createViewerStore, type ViewerClock } from '../../../src/render/store';
import { BACKGROUND_TICK_INTERVAL_MS, startTickLoop, TICK_INTERVAL_MS } from '../../../src/render/tickLoop';
import { ViewerController } from '../../../src/render/viewerController';
import { browserLikeHost } from '../engine/browserLikeHost';

const until = async (cond: () => boolean, what: string, maxIterations = 4000): Promise<void> => {
  for (let i = 0; i < maxIterations; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never happened: ${what}`);
};

const scenario = presetScenario('starlink-72x22')!;
const fleet = buildFleet(scenario);
const playing: ViewerClock = { baseSimMs: Date.parse(scenario.window.start), baseWallMs: 0, speed: 60, playing: true };

/** An engine scripted per call: each entry says what the n-th propagate() does. */
function scripted(plan: Array<'hang' | 'fail' | 'ok'>, setFleetPlan: Array<'fail' | 'ok'> = []) {
  const log: string[] = [];
  let calls = 0;
  let sets = 0;
  const engine: PropagationEngine = {
    mode: 'in-thread',
    setFleet: async (f: Fleet) => {
      const what = setFleetPlan[sets++] ?? 'ok';
      log.push(`setFleet:${what}`);
      if (what === 'fail') throw new Error('worker script failed to load');
      expect(f).toBe(fleet);
    },
    propagate: (timeMs: number) => {
      const what = plan[calls++] ?? 'ok';
      log.push(`propagate:${what}`);
      if (what === 'hang') return new Promise<StateFrame | null>(() => {});
      if (what === 'fail') return Promise.reject(new Error('shard 1 threw'));
      const n = 1;
      return Promise.resolve({
        seq: calls,
        timeMs,
        count: n,
        positionKm: new Float64Array(3),
        velocityKmS: new Float64Array(3),
        error: new Uint8Array(n),
      });
    },
    onNotice: () => () => {},
    dispose: () => {},
  };
  return { engine, log };
}

const fast = { sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5))), stallMs: 40, retryMs: 5 };

describe('tick loop', () => {
  it('a request that never answers is reported, the fleet handed over again, and frames resume', async () => {
    const { engine, log } = scripted(['ok', 'hang', 'ok', 'ok']);
    const frames: number[] = [];
    const errors: string[] = [];
    const loop = startTickLoop({
      engine,
      fleet,
      clock: () => playing,
      hasFrame: () => frames.length > 0,
      onFrame: (f) => frames.push(f.seq),
      onError: (m) => errors.push(m),
      ...fast,
    });
    await until(() => frames.length >= 3, 'three frames');
    loop.stop();
    await loop.done;
    expect(errors).toEqual(['SGP4 has not answered for 0.04 s. Restarting the propagation workers.']);
    expect(log.slice(0, 5)).toEqual(['setFleet:ok', 'propagate:ok', 'propagate:hang', 'setFleet:ok', 'propagate:ok']);
  });

  it('waits TICK_INTERVAL_MS between ticks, BACKGROUND_TICK_INTERVAL_MS while a page task runs, read before each wait', async () => {
    const { engine } = scripted([]);
    const waits: number[] = [];
    let clockMs = 0;
    let busy = false;
    const frames: number[] = [];
    const loop = startTickLoop({
      engine,
      fleet,
      clock: () => playing,
      hasFrame: () => frames.length > 0,
      onFrame: (f) => {
        frames.push(f.seq);
        clockMs += 30; // each tick "takes" 30 ms
        if (frames.length === 3) busy = true;
        if (frames.length === 5) busy = false;
      },
      onError: () => {},
      now: () => clockMs,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise<void>((r) => setTimeout(r, 1));
      },
      intervalMs: () => (busy ? BACKGROUND_TICK_INTERVAL_MS : TICK_INTERVAL_MS),
    });
    await until(() => frames.length >= 6, 'six frames');
    loop.stop();
    await loop.done;
    expect(waits.slice(0, 6)).toEqual([370, 370, 1970, 1970, 370, 370]);
  });

  it('a failed hand-over says what failed and is retried', async () => {
    const { engine, log } = scripted([], ['fail', 'ok']);
    const frames: number[] = [];
    const errors: string[] = [];
    const loop = startTickLoop({
      engine,
      fleet,
      clock: () => playing,
      hasFrame: () => frames.length > 0,
      onFrame: (f) => frames.push(f.seq),
      onError: (m) => errors.push(m),
      ...fast,
    });
    await until(() => frames.length >= 1, 'a frame');
    loop.stop();
    await loop.done;
    expect(errors).toEqual(['Propagation engine failed: worker script failed to load. Retrying in 0 s.']);
    expect(log.slice(0, 3)).toEqual(['setFleet:fail', 'setFleet:ok', 'propagate:ok']);
  });

  it('repeated failures restart the workers; single ones are retried in place', async () => {
    const { engine, log } = scripted(['fail', 'ok', 'fail', 'fail', 'fail', 'ok']);
    const frames: number[] = [];
    const errors: string[] = [];
    const loop = startTickLoop({
      engine,
      fleet,
      clock: () => playing,
      hasFrame: () => frames.length > 0,
      onFrame: (f) => frames.push(f.seq),
      onError: (m) => errors.push(m),
      ...fast,
    });
    await until(() => frames.length >= 2, 'two frames');
    loop.stop();
    await loop.done;
    expect(errors).toEqual([
      'Propagation failed: shard 1 threw. Retrying.',
      'Propagation failed: shard 1 threw. Retrying.',
      'Propagation failed: shard 1 threw. Retrying.',
      'Propagation failed: shard 1 threw. Restarting the propagation workers.',
    ]);
    expect(log.filter((l) => l.startsWith('setFleet'))).toHaveLength(2);
  });

  it('the view re-propagates after an edit made while playing (real pool, browser-like workers)', async () => {
    const store = createViewerStore({ clock: { ...playing, baseWallMs: performance.now() } });
    const ctrl = new ViewerController(store, createRuntime(store));
    const pool = new PropagationPool({ host: browserLikeHost(20).host, workers: 2 });
    let cleanup = ctrl.setFleet(fleet, 2);
    let stop = ctrl.startEngine(pool);
    await until(() => store.getState().status.phase === 'ready', 'first SGP4 frame');
    // Edits while the clock runs: each replaces the fleet while a request is (likely) in flight.
    const edited = [48, 36, 60].map((planes) =>
      buildFleet({
        ...scenario,
        shells: scenario.shells.map((s) => (s.kind === 'walker-delta' ? { ...s, planes, totalSatellites: planes * 22, phasing: 1 } : s)),
      }),
    );
    for (const f of edited) {
      // what the hooks do on a new fleet prop: stop ticks, drop the layer, new layer, new ticks
      stop();
      cleanup();
      cleanup = ctrl.setFleet(f, 2);
      stop = ctrl.startEngine(pool);
      await new Promise((r) => setTimeout(r, 25)); // mid-request
    }
    const last = edited[edited.length - 1];
    await until(() => store.getState().status.phase === 'ready' && store.getState().status.total === last.count, 'SGP4 for the last fleet');
    expect(store.getState().status).toMatchObject({ phase: 'ready', shown: last.count, total: last.count });
    expect(ctrl.layer!.live).toBe(true);
    const ticks = ctrl.runtime.stats.ticks;
    await until(() => ctrl.runtime.stats.ticks > ticks + 2, 'ticks go on');
    stop();
    cleanup();
    pool.dispose();
  });
});
