/**
 * THE sampled driver: one loop over the sample times, written once, for every way the pass runs
 * (in this thread for the CLI and tests, in the page between yields, on the worker pool).
 *
 * `sampledPass` is a generator over a SampledExecutor (the shards, in this thread or in workers).
 * It yields what it waits for: an executor result (a value, or a Promise in worker mode) or a
 * pause point (PAUSE_STEP after each step, PAUSE_SLICE between routing slices). `runSampledSync`
 * drives it with synchronous executors and ignores the pauses; `runSampledAsync` awaits the
 * results and hands pause points to a caller-supplied yield (the engine yields to the event loop
 * by time budget, so a page paints and takes a Cancel without waiting per step behind a frame).
 *
 * Per step: every shard propagates and accumulates its rows (order-free sums); on routing steps
 * (every islStride-th, whole fleet only) the shards' states come back and the +Grid routing
 * (../isl) runs over the whole fleet in ~50 ms slices, then each shard adds the routed latencies.
 * Up to `executor.ahead` steps are queued, so workers go on propagating while a step is routed.
 */
import type { Fleet } from '../../fleet/fleet';
import type { GroundStation, Scenario } from '../../scenario/schema';
import { buildIslTopology, createIslWorkspace, releaseIslWorkspace, startIslRoute, type IslTopology } from '../isl';
import { assertWindow, sampleCount, windowFromScenario, type AnalysisWindowMs } from '../window';
import { mergeSampledSums, releaseSums, type SampledSums } from './accumulator';
import { finishSampled, type SampledResult } from './finish';
import { DEFAULT_INTERPOLATION_ERROR_KM, interpolationFor } from './interpolation';
import type { SampledRoutingPlan } from './router';
import type { SampledShardPlan } from './shard';
import type { CancelSignal, SampledProgress, SampledStepStates } from './types';
import { monotonicMs, releaseNow } from '../../platform';

type Maybe<T> = T | Promise<T>;

/** The shards of a pass, wherever they run. Results may be plain values (this thread) or Promises (workers). */
export interface SampledExecutor {
  /** Fleet-id ranges [start, end) of the shards: ascending and contiguous; together the range of the pass. */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
  /** Steps that may be queued before the oldest is collected (1 in this thread). */
  readonly ahead: number;
  /**
   * The executor routes the routing steps itself (in its workers, in parallel with the steps and
   * each other): begin() gets the routing plan, step(t, true) hands the states to a router and
   * returns nulls, and finish() returns sums with the routed columns already added (./router.ts).
   * Otherwise the driver routes each routing step in its own thread and calls routed().
   */
  readonly routesSteps?: boolean;
  begin(stations: readonly GroundStation[], plan: SampledShardPlan, routing?: SampledRoutingPlan): Maybe<unknown>;
  /** Every shard's step; routing steps return each shard's states (else nulls). */
  step(timeMs: number, route: boolean): Maybe<ReadonlyArray<SampledStepStates | null>>;
  /** Routed latencies for the whole range of the pass (row k = id start + k); the executor hands each shard its rows. */
  routed(routedMs: Float64Array): Maybe<unknown>;
  /** The shards' sums; the driver owns them from here and frees their arrays once the figures are made. */
  finish(): Maybe<ReadonlyArray<SampledSums>>;
}

export interface SampledPassOptions {
  /** Window (default: the scenario's). */
  window?: AnalysisWindowMs;
  signal?: CancelSignal;
  onProgress?: (p: SampledProgress) => void;
  /** Minimum interval between progress calls, ms (default 200; the last step always reports). */
  progressIntervalMs?: number;
  /** Clock for progress throttling and routing slices (default performance.now / Date.now). */
  now?: () => number;
  /** Route the ISL mesh (whole-fleet passes with interSatelliteLinks on; default true). */
  route?: boolean;
  /** Route every k-th step (default: defaultIslStride). */
  islStride?: number;
  /** Prebuilt topology (default: built from the fleet and scenario). */
  topology?: IslTopology;
  /**
   * SGP4 every few steps with cubic Hermite interpolation in between, its position error bounded
   * by maxErrorKm (default 0.05 km; ./interpolation.ts), or false for full SGP4 at every step.
   */
  interpolation?: { maxErrorKm: number } | false;
  /** Called once the shards' sums are in, before the per-satellite figures (e.g. to free the workers' memory). */
  onShardsDone?: () => void;
}

/** A pause point the driver yields: after a step, or between routing slices. */
export const PAUSE_STEP = Symbol('sampled step done');
export const PAUSE_SLICE = Symbol('sampled routing slice');
export type SampledPause = typeof PAUSE_STEP | typeof PAUSE_SLICE;

/** ISL routing runs in slices of about this long, with a pause point between them. */
export const ROUTE_SLICE_MS = 50;

/**
 * Default ISL stride: route every step up to 90 M satellite-steps, else every k-th step (one orbit
 * of 1M at 30 s: every 3rd step). Worker modes route in parallel in the workers (./router.ts).
 */
export function defaultIslStride(satellites: number, steps: number): number {
  return Math.max(1, Math.ceil((satellites * steps) / 90_000_000));
}

const defaultNow = monotonicMs;

/** The sampled pass over the executor's range (see the file comment). */
export function* sampledPass(
  fleet: Fleet,
  scenario: Scenario,
  exec: SampledExecutor,
  opts: SampledPassOptions = {},
): Generator<unknown, SampledResult, unknown> {
  const start = exec.ranges.length > 0 ? exec.ranges[0][0] : 0;
  const end = exec.ranges.length > 0 ? exec.ranges[exec.ranges.length - 1][1] : start;
  const n = end - start;
  const win = opts.window ?? windowFromScenario(scenario);
  assertWindow(win);
  const steps = sampleCount(win);
  const isl = (opts.route ?? true) && start === 0 && end === fleet.count && scenario.links.interSatelliteLinks && n > 1;
  const stride = isl ? Math.max(1, Math.floor(opts.islStride ?? defaultIslStride(n, steps))) : 0;
  const away = isl && exec.routesSteps === true;
  let topology = isl ? (opts.topology ?? buildIslTopology(fleet, scenario)) : null;
  const ws = topology && !away ? createIslWorkspace(n) : null;
  const routed = topology && !away ? new Float64Array(n) : null;
  // whole-fleet states of a routing step, assembled from the shards (unless one shard holds them all)
  let whole: SampledStepStates | null = null;
  const now = opts.now ?? defaultNow;
  const interval = opts.progressIntervalMs ?? 200;
  const cb = opts.onProgress;
  let lastReport = now();
  let done = 0;
  let routedSteps = 0;
  const report = (phase?: 'routing' | 'finishing', force = false): boolean => {
    if (!cb) return false;
    const t = now();
    if (!force && t - lastReport < interval) return false;
    cb(phase ? { stepsDone: done, steps, fraction: done / steps, phase } : { stepsDone: done, steps, fraction: done / steps });
    lastReport = now();
    return true;
  };

  const interp =
    opts.interpolation === false
      ? { knotSteps: 1, quintic: false }
      : interpolationFor(fleet.elements, start, end, win.stepS, opts.interpolation?.maxErrorKm ?? DEFAULT_INTERPOLATION_ERROR_KM);
  const knotSteps = interp.knotSteps;
  const links = { grazingAltitudeKm: scenario.links.grazingAltitudeKm, perHopProcessingMs: scenario.links.perHopProcessingMs };
  yield exec.begin(
    scenario.groundStations,
    { startMs: win.startMs, stepMs: win.stepS * 1000, knotSteps, quintic: interp.quintic },
    away && topology ? { topology, ...links } : undefined,
  );
  const routes = topology !== null;
  if (away) topology = null; // the executor's routers hold it
  // set-up (topology, accumulators) is done: say so before the first step
  report(undefined, true);
  const inflight: Array<{ route: boolean; states: Maybe<ReadonlyArray<SampledStepStates | null>> }> = [];
  const routedCalls: Array<Maybe<unknown>> = [];
  let next = 0;
  for (;;) {
    const stop = opts.signal?.aborted === true;
    while (!stop && next < steps && inflight.length < exec.ahead) {
      const t = win.startMs + next * win.stepS * 1000;
      const route = routes && next % stride === 0;
      inflight.push({ route, states: exec.step(t, route) });
      next++;
    }
    const head = inflight.shift();
    if (!head) break;
    const states = (yield head.states) as ReadonlyArray<SampledStepStates | null>;
    if (head.route && away) routedSteps++;
    else if (head.route && topology && ws && routed) {
      // Routing holds the thread for a while: say so first, and let a page paint it.
      if (report('routing')) yield PAUSE_SLICE;
      let st: SampledStepStates;
      if (states.length === 1 && states[0] && n === exec.ranges[0][1] - exec.ranges[0][0]) st = states[0];
      else {
        whole ??= { positionKm: new Float64Array(3 * n), error: new Uint8Array(n), directMs: new Float64Array(n) };
        for (let k = 0; k < states.length; k++) {
          const s = states[k];
          if (!s) continue;
          const s0 = exec.ranges[k][0] - start;
          whole.positionKm.set(s.positionKm, 3 * s0);
          whole.error.set(s.error, s0);
          whole.directMs.set(s.directMs, s0);
        }
        st = whole;
      }
      const job = startIslRoute(topology, st.positionKm, st.error, st.directMs, routed, ws, {
        ...links,
        onWeightsDone: () => report('routing'),
      });
      while (!job.run(ROUTE_SLICE_MS)) {
        report('routing');
        yield PAUSE_SLICE;
      }
      routedCalls.push(exec.routed(routed));
      routedSteps++;
    }
    done++;
    yield PAUSE_STEP;
    report(undefined, done === steps);
  }
  for (const c of routedCalls) yield c;
  const sums = (yield exec.finish()) as ReadonlyArray<SampledSums>;
  opts.onShardsDone?.();
  // routing memory of this thread, now (the figures below allocate the same again)
  if (ws) releaseIslWorkspace(ws);
  releaseNow(routed, whole?.positionKm, whole?.error, whole?.directMs);
  whole = null;
  if (report('finishing', true)) yield PAUSE_SLICE;
  const cancelled = done < steps;
  const notes: string[] = [];
  if (knotSteps > 1)
    notes.push(
      `SGP4 every ${knotSteps} steps (${knotSteps * win.stepS} s), ${interp.quintic ? 'quintic' : 'cubic'} Hermite ` +
        'interpolation in between (position error ' +
        `under ${((opts.interpolation || null)?.maxErrorKm ?? DEFAULT_INTERPOLATION_ERROR_KM) * 1000} m)`,
    );
  if (stride > 1) notes.push(`inter-satellite routing ran every ${stride}th step (${routedSteps} of ${steps} steps) to bound run time`);
  if (cancelled) notes.push(`cancelled after ${done} of ${steps} steps; figures cover the steps done`);
  const merged = mergeSampledSums(start, n, sums);
  if (merged !== sums[0]) for (const p of sums) releaseSums(p);
  const figures = finishSampled(fleet, scenario, merged, win, () => report('finishing'));
  releaseSums(merged);
  return {
    ...figures,
    window: win,
    steps,
    stepsDone: done,
    islStride: stride,
    islStepsRouted: routedSteps,
    sgp4KnotSteps: knotSteps,
    cancelled,
    notes,
  };
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';

/** Drive a pass whose executor answers synchronously (pause points are ignored). */
export function runSampledSync<T>(gen: Generator<unknown, T, unknown>): T {
  let r = gen.next();
  while (!r.done) {
    const v = r.value;
    if (isThenable(v)) throw new Error('runSampledSync: the executor returned a Promise; use runSampledAsync');
    r = gen.next(v === PAUSE_STEP || v === PAUSE_SLICE ? undefined : v);
  }
  return r.value;
}

/**
 * Drive a pass, awaiting executor results; `pause` is called at each pause point (it decides
 * whether to yield to the event loop, e.g. by time budget). A rejected result is thrown into
 * the pass, which ends it.
 */
export async function runSampledAsync<T>(gen: Generator<unknown, T, unknown>, pause: (p: SampledPause) => Maybe<void>): Promise<T> {
  let r = gen.next();
  while (!r.done) {
    const v = r.value;
    let input: unknown;
    try {
      if (v === PAUSE_STEP || v === PAUSE_SLICE) {
        await pause(v);
        input = undefined;
      } else input = isThenable(v) ? await v : v;
    } catch (e) {
      r = gen.throw(e);
      continue;
    }
    r = gen.next(input);
  }
  return r.value;
}
