import { afterEach, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { json2satrec, propagate } from 'satellite.js';
import { buildFleet } from '../../../src/core/fleet/generators';
import { presetScenario } from '../../../src/core/presets';
import { nodeWorkerHost } from '../../../src/engine/nodeHost';
import { PropagationPool } from '../../../src/engine/propagationPool';
import { analyzeSampledOnPool, SAMPLED_STEPS_AHEAD, SampledFleetReplacedError } from '../../../src/engine/sampledAnalysis';
import { browserLikeHost } from './browserLikeHost';
import type { EngineNotice, StateFrame } from '../../../src/engine/types';
import type { Fleet } from '../../../src/core/fleet/fleet';

const fleet = buildFleet(presetScenario('starlink-72x22')!);
const t1 = Date.parse('2026-03-20T13:00:00Z');

function satjsRef(f: Fleet, i: number, timeMs: number) {
  const e = f.elements;
  const rec = json2satrec({
    OBJECT_NAME: 'X',
    OBJECT_ID: 'X',
    EPOCH: new Date(e.epochMs[i]).toISOString().replace('Z', ''),
    MEAN_MOTION: e.meanMotionRevPerDay[i],
    ECCENTRICITY: e.eccentricity[i],
    INCLINATION: e.inclinationDeg[i],
    RA_OF_ASC_NODE: e.raanDeg[i],
    ARG_OF_PERICENTER: e.argPerigeeDeg[i],
    MEAN_ANOMALY: e.meanAnomalyDeg[i],
    NORAD_CAT_ID: 1,
    BSTAR: 0,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  } as unknown as Parameters<typeof json2satrec>[0]);
  const pv = propagate(rec, new Date(timeMs));
  if (!pv) throw new Error('satellite.js failed');
  return pv;
}

function maxDiffKm(a: StateFrame, b: StateFrame): number {
  const pa = a.positionKm!;
  const pb = b.positionKm!;
  let m = 0;
  for (let k = 0; k < pa.length; k++) m = Math.max(m, Math.abs(pa[k] - pb[k]));
  return m;
}

const pools: PropagationPool[] = [];
afterEach(() => {
  while (pools.length) pools.pop()!.dispose();
});

describe('propagation engine', () => {
  it('in-thread fallback agrees with satellite.js for every satellite', async () => {
    const pool = new PropagationPool({ host: null, workers: 1 });
    pools.push(pool);
    expect(pool.mode).toBe('in-thread');
    await pool.setFleet(fleet);
    const f = (await pool.propagate(t1))!;
    expect(f.count).toBe(1584);
    let worst = 0;
    for (let i = 0; i < fleet.count; i += 7) {
      const ref = satjsRef(fleet, i, t1);
      const p = ref.position as { x: number; y: number; z: number };
      const q = f.positionKm!;
      worst = Math.max(worst, Math.hypot(q[3 * i] - p.x, q[3 * i + 1] - p.y, q[3 * i + 2] - p.z));
      expect(f.error[i]).toBe(0);
    }
    expect(worst).toBeLessThan(1e-3); // 1 m
  });

  for (const shareMemory of [true, false]) {
    it(`worker_threads pool (${shareMemory ? 'SharedArrayBuffer' : 'transferred buffers'}) gives the in-thread result`, async () => {
      const local = new PropagationPool({ host: null, workers: 1 });
      const pool = new PropagationPool({ host: nodeWorkerHost({ shareMemory }), workers: 2 });
      pools.push(local, pool);
      expect(pool.mode).toBe(shareMemory ? 'shared' : 'transfer');
      await Promise.all([local.setFleet(fleet), pool.setFleet(fleet)]);
      for (const t of [t1, t1 + 600_000]) {
        const a = (await local.propagate(t))!;
        const b = (await pool.propagate(t))!;
        expect(b.timeMs).toBe(t);
        expect(maxDiffKm(a, b)).toBe(0);
        expect(Array.from(b.error).every((e) => e === 0)).toBe(true);
      }
      if (shareMemory) expect(pool.lastKernelMs.length).toBe(2);
    }, 60_000);
  }

  it('latest request wins: superseded requests resolve to null', async () => {
    const pool = new PropagationPool({ host: nodeWorkerHost({ shareMemory: false }), workers: 2 });
    pools.push(pool);
    await pool.setFleet(fleet);
    const times = [t1, t1 + 1000, t1 + 2000, t1 + 3000];
    const results = await Promise.all(times.map((t) => pool.propagate(t)));
    expect(results.slice(0, 3).every((r) => r === null)).toBe(true);
    expect(results[3]?.timeMs).toBe(t1 + 3000);
  }, 60_000);

  it('restarts a crashed worker, recomputes its shard and tells the user', async () => {
    const spawned: Worker[] = [];
    const pool = new PropagationPool({ host: nodeWorkerHost({ shareMemory: false, onSpawn: (w) => spawned.push(w) }), workers: 2 });
    pools.push(pool);
    const notices: EngineNotice[] = [];
    pool.onNotice((n) => notices.push(n));
    await pool.setFleet(fleet);
    const before = (await pool.propagate(t1))!;
    const copy = Float64Array.from(before.positionKm!);
    await spawned[1].terminate(); // the worker dies between requests
    const after = (await pool.propagate(t1))!;
    expect(after).not.toBeNull();
    expect(pool.restarts).toBe(1);
    expect(spawned.length).toBe(3);
    expect(notices.some((n) => n.level === 'warning' && /restarted/.test(n.message))).toBe(true);
    let m = 0;
    for (let k = 0; k < copy.length; k++) m = Math.max(m, Math.abs(copy[k] - after.positionKm![k]));
    expect(m).toBe(0);
  }, 60_000);
});

describe('sampled analysis in the pool', () => {
  it('equals single-thread analyzeSampledFleet with ISL routing, in-thread and on 2 workers (shared and transferred)', async () => {
    const { analyzeSampledFleet } = await import('../../../src/core/analysis/sampled');
    const { kernelStateSource } = await import('../../../src/core/report/run');
    const scenario = presetScenario('starlink-72x22')!;
    const win = { startMs: Date.parse(scenario.window.start), durationMs: 20 * 60_000, stepS: 60 };
    const ref = analyzeSampledFleet(fleet, scenario, kernelStateSource(fleet), { window: win, islStride: 3 });
    expect(ref.islStepsRouted).toBe(7);
    for (const pool of [
      new PropagationPool({ host: null, workers: 1 }),
      new PropagationPool({ host: nodeWorkerHost({ shareMemory: false }), workers: 2 }),
      new PropagationPool({ host: nodeWorkerHost({ shareMemory: true }), workers: 2 }),
    ]) {
      pools.push(pool);
      await pool.setFleet(fleet);
      const progress: number[] = [];
      const phases: Array<string | undefined> = [];
      const r = await analyzeSampledOnPool(pool, scenario, {
        window: win,
        islStride: 3,
        progressIntervalMs: 0,
        onProgress: (p) => {
          progress.push(p.stepsDone);
          phases.push(p.phase);
        },
      });
      expect(r.stepsDone).toBe(20);
      expect(r.islStepsRouted).toBe(7);
      expect(progress.at(-1)).toBe(20);
      for (let k = 1; k < progress.length; k++) expect(progress[k]).toBeGreaterThanOrEqual(progress[k - 1]);
      // Long synchronous pieces are announced: before and inside each routing (in this thread only;
      // worker modes route in the workers), and while finishing.
      // (worker modes: 'routing' heartbeats only while a worker routes and no step came back for 400 ms)
      if (pool.mode === 'in-thread') expect(phases.filter((p) => p === 'routing').length).toBe(14);
      expect(phases.slice(-2)).toEqual(['finishing', 'finishing']);
      expect(phases.filter((p) => p === undefined).length).toBe(21); // set-up done, then each step
      // Propagation and accumulation are the same code in the same order: identical.
      for (const k of ['eclipseFraction', 'usablePowerW', 'computePowerW'] as const) {
        expect(Array.from(r.metrics[k])).toEqual(Array.from(ref.metrics[k]));
      }
      expect(Array.from(r.stationVisibleFraction)).toEqual(Array.from(ref.stationVisibleFraction));
      expect(Array.from(r.islReachableFraction!)).toEqual(Array.from(ref.islReachableFraction!));
      // Routed latencies: the same shortest paths; the workers' sums are added in another order (1e-12 ms).
      let maxDiff = 0;
      for (let i = 0; i < fleet.count; i++) {
        const a = r.metrics.latencyMs[i];
        const b = ref.metrics.latencyMs[i];
        if (Number.isNaN(b)) expect(a).toBeNaN();
        else maxDiff = Math.max(maxDiff, Math.abs(a - b));
      }
      expect(maxDiff).toBeLessThan(1e-12);
      if (pool.mode === 'in-thread') expect(Array.from(r.metrics.latencyMs)).toEqual(Array.from(ref.metrics.latencyMs));
    }
  }, 120_000);

  it('keeps SAMPLED_STEPS_AHEAD steps queued in the workers (a step is sent before the one before it finishes)', async () => {
    // Regression: a plain step's send waited for the previous step's results, so the workers got
    // one step at a time and idled for a round trip after each (8 s per worker at 1M).
    const scenario = presetScenario('starlink-72x22')!;
    const pool = new PropagationPool({ host: nodeWorkerHost({ shareMemory: true }), workers: 2 });
    pools.push(pool);
    await pool.setFleet(fleet);
    const access = pool.shardAccess()!;
    const outstanding = [0, 0];
    const most = [0, 0];
    const counted: typeof access = {
      ...access,
      call: ((k: number, method: string, ...args: unknown[]) => {
        const real = (access.call as (k: number, m: string, ...a: unknown[]) => Promise<unknown>)(k, method, ...args);
        if (method !== 'sampledStep') return real;
        outstanding[k]++;
        most[k] = Math.max(most[k], outstanding[k]);
        return real.finally(() => outstanding[k]--);
      }) as typeof access.call,
    };
    const win = { startMs: Date.parse(scenario.window.start), durationMs: 30 * 60_000, stepS: 60 };
    const r = await analyzeSampledOnPool({ shardAccess: () => counted } as unknown as PropagationPool, scenario, {
      window: win,
      islStride: 3,
    });
    expect(r.stepsDone).toBe(30);
    // The first SAMPLED_STEPS_AHEAD steps go out at once (sends are microtasks, results macrotasks).
    expect(most).toEqual([SAMPLED_STEPS_AHEAD, SAMPLED_STEPS_AHEAD]);
  }, 60_000);

  it('stops between steps when cancelled and says so', async () => {
    const scenario = presetScenario('starlink-72x22')!;
    const pool = new PropagationPool({ host: nodeWorkerHost({ shareMemory: false }), workers: 2 });
    pools.push(pool);
    await pool.setFleet(fleet);
    const signal = { aborted: false };
    const r = await analyzeSampledOnPool(pool, scenario, {
      signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.stepsDone === 5) signal.aborted = true;
      },
    });
    // Steps already queued in the workers (at most SAMPLED_STEPS_AHEAD - 1 after the 5th) still finish and count.
    expect(r.cancelled).toBe(true);
    expect(r.stepsDone).toBeGreaterThanOrEqual(5);
    expect(r.stepsDone).toBeLessThanOrEqual(5 + SAMPLED_STEPS_AHEAD - 1);
    expect(r.stepsDone).toBeLessThan(r.steps);
    expect(r.notes.join()).toMatch(new RegExp(`cancelled after ${r.stepsDone} of ${r.steps}`));
  }, 60_000);
});

describe('propagation engine: fleet changes while a request runs (issue 19 item 1)', () => {
  const smaller = buildFleet({
    ...presetScenario('starlink-72x22')!,
    shells: presetScenario('starlink-72x22')!.shells.map((s) =>
      s.kind === 'walker-delta' ? { ...s, planes: 48, totalSatellites: 48 * 22, phasing: 1 } : s,
    ),
  });
  /** Settles with the promise's value, or 'hung' if it has not settled after `ms` (a liveness check, not a speed target). */
  const within = <T>(p: Promise<T>, ms: number): Promise<T | 'hung'> =>
    Promise.race([p, new Promise<'hung'>((r) => setTimeout(() => r('hung'), ms))]);

  it('a request in flight when the fleet changes resolves to null, and the next request gets the new fleet', async () => {
    const { host, spawned } = browserLikeHost(30);
    const pool = new PropagationPool({ host, workers: 2 });
    pools.push(pool);
    await pool.setFleet(fleet);
    const inFlight = pool.propagate(t1); // the workers are busy with it ...
    await new Promise((r) => setTimeout(r, 5));
    await pool.setFleet(smaller); // ... when the edit replaces the fleet (and its workers)
    expect(spawned()).toBe(4);
    expect(smaller.count).toBe(1056); // two shards of over 1,000 rows: two new workers
    expect(await within(inFlight, 10_000)).toBeNull();
    const next = await within(pool.propagate(t1 + 60_000), 10_000);
    expect(next).not.toBe('hung');
    const frame = next as StateFrame;
    expect(frame.count).toBe(smaller.count);
    expect(frame.timeMs).toBe(t1 + 60_000);
    const ref = satjsRef(smaller, smaller.count - 1, t1 + 60_000);
    const p = ref.position as { x: number; y: number; z: number };
    expect(Math.abs(frame.positionKm![3 * (smaller.count - 1)] - p.x)).toBeLessThan(1e-3);
    expect(Math.abs(frame.positionKm![3 * (smaller.count - 1) + 2] - p.z)).toBeLessThan(1e-3);
  }, 60_000);

  it('a fleet replaced while its workers still initialise: the first setFleet is refused, the second works', async () => {
    const { host } = browserLikeHost(30);
    const pool = new PropagationPool({ host, workers: 2 });
    pools.push(pool);
    const first = pool.setFleet(fleet);
    first.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 5));
    await pool.setFleet(smaller);
    const r1 = await within(
      first.then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
      10_000,
    );
    expect(r1).toMatch(/replaced/);
    const next = await within(pool.propagate(t1), 10_000);
    expect((next as StateFrame).count).toBe(smaller.count);
  }, 60_000);

  it('Node worker threads: replacing the fleet mid-request restarts nothing and loses nothing', async () => {
    const pool = new PropagationPool({ host: nodeWorkerHost({ shareMemory: false }), workers: 2 });
    pools.push(pool);
    const notices: EngineNotice[] = [];
    pool.onNotice((n) => notices.push(n));
    await pool.setFleet(fleet);
    const inFlight = pool.propagate(t1);
    await pool.setFleet(smaller);
    expect(await inFlight).toBeNull();
    const next = (await pool.propagate(t1))!;
    expect(next.count).toBe(smaller.count);
    expect(pool.restarts).toBe(0);
    expect(notices.filter((n) => /stopped/.test(n.message))).toEqual([]);
  }, 60_000);
});

describe("the page's sampled run on the view's pool (issue 17)", () => {
  const scenario = presetScenario('starlink-72x22')!;
  const window = { startMs: t1, durationMs: 40 * 60_000, stepS: 60 };
  const within = <T>(p: Promise<T>, ms: number): Promise<T | 'hung'> =>
    Promise.race([p, new Promise<'hung'>((r) => setTimeout(() => r('hung'), ms))]);

  it('holds(): true for the fleet it propagates once its workers are up, false for another or after dispose', async () => {
    const { host } = browserLikeHost(5);
    const pool = new PropagationPool({ host, workers: 2 });
    pools.push(pool);
    expect(await pool.holds(fleet)).toBe(false);
    const ready = pool.setFleet(fleet);
    const held = pool.holds(fleet); // waits for the workers to start
    await ready;
    expect(await held).toBe(true);
    expect(await pool.holds(buildFleet(scenario))).toBe(false); // equal content, another fleet object
    pool.dispose();
    expect(await pool.holds(fleet)).toBe(false);
  }, 60_000);

  it('view requests between the run’s steps get frames, and the result equals a run on a pool of its own', async () => {
    const { host } = browserLikeHost(2);
    const view = new PropagationPool({ host, workers: 2 });
    const own = new PropagationPool({ host: browserLikeHost(2).host, workers: 2 });
    pools.push(view, own);
    await Promise.all([view.setFleet(fleet), own.setFleet(fleet)]);
    let frames = 0;
    let ticking = true;
    const ticks = (async () => {
      while (ticking) {
        const f = await within(view.propagate(t1 + frames * 1000), 10_000);
        if (f === 'hung') throw new Error('a view request hung during the sampled run');
        if (f) frames++;
      }
    })();
    const shared = await analyzeSampledOnPool(view, scenario, { window });
    ticking = false;
    await ticks;
    const alone = await analyzeSampledOnPool(own, scenario, { window });
    expect(frames).toBeGreaterThan(0);
    expect(shared.stepsDone).toBe(shared.steps);
    expect(Array.from(shared.metrics.eclipseFraction)).toEqual(Array.from(alone.metrics.eclipseFraction));
    expect(Array.from(shared.metrics.latencyMs)).toEqual(Array.from(alone.metrics.latencyMs));
  }, 60_000);

  it('a fleet change mid-run stops it with SampledFleetReplacedError: no restart, no unhandled rejection', async () => {
    const { host } = browserLikeHost(2);
    const pool = new PropagationPool({ host, workers: 2 });
    pools.push(pool);
    const notices: EngineNotice[] = [];
    pool.onNotice((n) => notices.push(n));
    await pool.setFleet(fleet);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      let edited: Promise<void> | null = null;
      const run = analyzeSampledOnPool(pool, scenario, {
        window,
        progressIntervalMs: 0,
        onProgress: (p) => {
          if (p.stepsDone === 3 && !edited) edited = pool.setFleet(buildFleet(scenario)); // the view takes the edited scenario's fleet
        },
      });
      const r = await within(
        run.then(
          () => 'finished',
          (e: Error) => e,
        ),
        20_000,
      );
      expect(r).toBeInstanceOf(SampledFleetReplacedError);
      await edited;
      await new Promise((res) => setTimeout(res, 50)); // let rejections of the queued steps surface
      expect(unhandled).toEqual([]);
      expect(pool.restarts).toBe(0);
      expect(notices).toEqual([]);
      // the pool serves the new fleet
      const next = await within(pool.propagate(t1), 10_000);
      expect((next as StateFrame).count).toBe(fleet.count);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 60_000);

  it('restart() (after a failed run) while a view request is in flight: the request ends with no frame, the next gets one', async () => {
    const { host } = browserLikeHost(30);
    const pool = new PropagationPool({ host, workers: 2 });
    pools.push(pool);
    await pool.setFleet(fleet);
    const inFlight = pool.propagate(t1);
    await new Promise((r) => setTimeout(r, 5));
    await pool.shardAccess()!.restart(); // terminates the workers under the request (a terminated Web Worker never answers)
    expect(await within(inFlight, 10_000)).toBeNull();
    const next = await within(pool.propagate(t1 + 1000), 10_000);
    expect((next as StateFrame).count).toBe(fleet.count);
  }, 60_000);
});
