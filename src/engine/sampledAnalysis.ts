/**
 * The sampled analysis on the engine: the one driver (src/core/analysis/sampled/driver.ts) run
 * asynchronously, on a propagation pool's shards or in this thread, with yields to the event loop
 * by time budget (not per step), so a page paints progress and takes a Cancel without every step
 * waiting behind a frame.
 */
import { transfer } from 'comlink';
import {
  addRoutedSums,
  localSampledExecutor,
  PAUSE_SLICE,
  runSampledAsync,
  sampledPass,
  type CancelSignal,
  type SampledExecutor,
  type SampledPause,
  type SampledProgress,
  type SampledResult,
  type SampledRoutingPlan,
  type SampledStepStates,
  type SampledSums,
} from '../core/analysis/sampled';
import type { IslTopology } from '../core/analysis/isl';
import type { AnalysisWindowMs } from '../core/analysis/window';
import type { Fleet } from '../core/fleet/fleet';
import type { Scenario } from '../core/scenario/schema';
import { kernelStateSource } from '../core/report/run';
import { releaseNow } from '../core/platform';
import type { PropagationPool } from './propagationPool';
import type { RoutingSlotBuffers, WorkerRoutingSetup } from '../../workers/propagation.api';

/** Sampled steps kept queued in the workers ahead of the one being collected (worker modes). */
export const SAMPLED_STEPS_AHEAD = 8;
/** Worker modes: a progress report at least this often while the workers route (ms). */
export const SAMPLED_HEARTBEAT_MS = 400;
/** Longest stretch of sampled work between two yields to the event loop, ms. */
export const SAMPLED_YIELD_BUDGET_MS = 25;

export interface EngineSampledOptions {
  window?: AnalysisWindowMs;
  signal?: CancelSignal;
  onProgress?: (p: SampledProgress) => void;
  islStride?: number;
  progressIntervalMs?: number;
  /** SGP4 knots with Hermite interpolation (default on, 50 m bound) or false (src/core/analysis/sampled/interpolation.ts). */
  interpolation?: { maxErrorKm: number } | false;
  /** Work between yields to the event loop, ms (default SAMPLED_YIELD_BUDGET_MS). */
  yieldBudgetMs?: number;
  /**
   * Dispose the pool as soon as the shards' sums are in, before the per-satellite figures are
   * made (a one-shot caller such as the CLI: the workers' memory is gone before the result's).
   */
  disposeAfterShards?: boolean;
  /** The +Grid mesh, when the caller built it already (e.g. while the pool's workers started). */
  topology?: IslTopology;
}

const nowMs = (): number => performance.now();

/**
 * One macrotask turn: MessageChannel where it exists outside Node (not clamped like nested
 * setTimeout, and not queued behind animation frames), setImmediate in Node, else setTimeout.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown; process?: { versions?: { node?: string } } };
  if (typeof g.setImmediate === 'function' && g.process?.versions?.node) return new Promise((r) => g.setImmediate!(r));
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      // The DOM's MessagePort (this branch never runs in Node, whose port type has no onmessage).
      const ch = new MessageChannel() as unknown as {
        port1: { onmessage: (() => void) | null; close(): void };
        port2: { postMessage(v: 0): void };
      };
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(0);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

/** Pause policy: between routing slices always yield; after a step only when `budgetMs` of work has passed. */
export function budgetPause(budgetMs: number): (p: SampledPause) => Promise<void> | undefined {
  let last = nowMs();
  return (p) => {
    if (p !== PAUSE_SLICE && nowMs() - last < budgetMs) return undefined;
    return yieldToEventLoop().then(() => {
      last = nowMs();
    });
  };
}

/**
 * Memory for routing steps in flight in worker modes (shared slots, or handed-over states): 33 bytes
 * per satellite each. 2 slots at 1M (was 3 with 128e6): the CLI's sampled 1M ran as fast, 11.47-13.22 s
 * against 11.60-13.04 s in 3 interleaved pairs of hand-built bundles (2026-12-08, load ~2.2), with 30 MB less resident; the
 * page's run 33 MB less. 18 slots up to ~135k satellites either way.
 */
export const SAMPLED_ROUTING_BUFFER_BYTES = 80e6;

/**
 * Whole-fleet routing steps in flight at once, within SAMPLED_ROUTING_BUFFER_BYTES, at least 2.
 * A slot is held from its step's send until its route is done, and a route waits in its worker
 * behind that worker's queued steps, so it lives ~2 x SAMPLED_STEPS_AHEAD steps: with routing
 * every step, steps ahead + 2 slots left each worker idle 1.2-2.1 s of a 100k run waiting for one
 * (per-call trace, load ~6); 2 x steps ahead + 2 halved that.
 */
export function routesInFlight(satellites: number): number {
  return Math.max(2, Math.min(2 * SAMPLED_STEPS_AHEAD + 2, Math.floor(SAMPLED_ROUTING_BUFFER_BYTES / (33 * Math.max(1, satellites)))));
}

type Access = NonNullable<ReturnType<PropagationPool['shardAccess']>>;

/**
 * `p`, marked as handled: the driver awaits queued calls and steps in order and stops at the first
 * failure, so those queued behind it (rejected too when the workers die or take another fleet)
 * would otherwise be reported as unhandled rejections. Awaiting `p` still throws.
 */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** Typed arrays of a routing plan's topology in shared memory (one copy for every worker), or as they are. */
function shareTopology(plan: SampledRoutingPlan, shared: boolean): SampledRoutingPlan {
  if (!shared) return plan;
  const t = plan.topology;
  const copy = (a: Int32Array): Int32Array => {
    const b = new Int32Array(new SharedArrayBuffer(Math.max(4, a.byteLength)), 0, a.length);
    b.set(a);
    return b;
  };
  return { ...plan, topology: { count: t.count, links: t.links, neighbours: copy(t.neighbours), reverse: copy(t.reverse) } };
}

/**
 * The pool's shards as a SampledExecutor: each call goes to every shard's worker in parallel.
 * Worker modes route in the workers (routesSteps): the shards write a routing step's states into
 * a shared slot (shared mode) or hand them over (transfer mode, assembled here), and one worker,
 * in turn, routes the whole step and keeps the routed sums, while the other workers go on with
 * the next steps. At most routesInFlight(n) routing steps are in flight.
 */
function poolExecutor(access: Access): SampledExecutor & { routesPending(): number } {
  const k = access.ranges.map((_, i) => i);
  const start = access.ranges.length > 0 ? access.ranges[0][0] : 0;
  const end = access.ranges.length > 0 ? access.ranges[access.ranges.length - 1][1] : 0;
  const all = <T>(f: (i: number) => Promise<T>): Promise<T[]> => handled(Promise.all(k.map(f)));
  const away = access.mode !== 'in-thread';
  const shared = access.mode === 'shared';
  let routing = false;
  let free: number[] = [];
  const waiting: Array<(slot: number) => void> = [];
  const routes = new Set<Promise<unknown>>();
  let failure: unknown = null;
  let turn = 0;
  // shard calls go out in step order (a step that waits for a routing slot holds back the later ones)
  let sendChain: Promise<unknown> = Promise.resolve();
  const acquire = (): Promise<number> => {
    const s = free.pop();
    return s !== undefined ? Promise.resolve(s) : new Promise((r) => waiting.push(r));
  };
  const release = (slot: number): void => {
    const w = waiting.shift();
    if (w) w(slot);
    else free.push(slot);
  };
  const launchRoute = (slot: number, states: ReadonlyArray<SampledStepStates | null>): void => {
    const worker = turn++ % k.length;
    let arg: number | SampledStepStates = slot;
    if (!shared) {
      const n = end - start;
      const whole: SampledStepStates = { positionKm: new Float64Array(3 * n), error: new Uint8Array(n), directMs: new Float64Array(n) };
      for (let i = 0; i < states.length; i++) {
        const st = states[i];
        if (!st) continue;
        const s0 = access.ranges[i][0] - start;
        whole.positionKm.set(st.positionKm, 3 * s0);
        whole.error.set(st.error, s0);
        whole.directMs.set(st.directMs, s0);
      }
      arg = transfer(whole, [
        whole.positionKm.buffer as ArrayBuffer,
        whole.error.buffer as ArrayBuffer,
        whole.directMs.buffer as ArrayBuffer,
      ]);
    }
    const p = access.call(worker, 'sampledRoute', arg).then(
      () => {
        routes.delete(p);
        release(slot);
      },
      (e) => {
        routes.delete(p);
        failure ??= e;
        release(slot);
      },
    );
    routes.add(p);
  };
  return {
    ranges: access.ranges,
    ahead: access.mode === 'in-thread' ? 1 : SAMPLED_STEPS_AHEAD,
    routesSteps: away,
    routesPending: () => routes.size,
    begin: (stations, plan, plan2) => {
      routing = plan2 !== undefined;
      let setup: WorkerRoutingSetup | undefined;
      if (plan2) {
        const n = end - start;
        const inFlight = routesInFlight(n);
        const slots: RoutingSlotBuffers[] = shared
          ? Array.from({ length: inFlight }, () => ({
              position: new SharedArrayBuffer(Math.max(8, 24 * n)),
              error: new SharedArrayBuffer(Math.max(8, n)),
              direct: new SharedArrayBuffer(Math.max(8, 8 * n)),
            }))
          : [];
        free = Array.from({ length: inFlight }, (_, i) => inFlight - 1 - i);
        setup = { plan: shareTopology(plan2, shared), ...(shared ? { slots } : {}) };
      }
      return all((i) => access.call(i, 'sampledBegin', [...stations], plan, setup));
    },
    step: (t, route) => {
      if (failure) return handled(Promise.reject(failure));
      if (!(route && routing)) {
        // the chain waits for the calls to be sent, not for their results (steps stay queued ahead)
        const sentPlain = sendChain.then(() => ({ calls: all((i) => access.call(i, 'sampledStep', t, route)) }));
        sendChain = sentPlain.then(
          () => undefined,
          () => undefined,
        );
        return handled(sentPlain.then(({ calls }) => calls) as Promise<Array<SampledStepStates | null>>);
      }
      const sent = sendChain.then(async () => {
        const slot = await acquire();
        return { slot, calls: all((i) => access.call(i, 'sampledStep', t, true, shared ? slot : undefined)) };
      });
      sendChain = sent.then(
        () => undefined,
        () => undefined,
      );
      return handled(
        sent.then(async ({ slot, calls }) => {
          let states: Array<SampledStepStates | null>;
          try {
            states = (await calls) as Array<SampledStepStates | null>;
          } catch (e) {
            release(slot);
            throw e;
          }
          launchRoute(slot, states);
          return states.map(() => null);
        }),
      );
    },
    routed: (ms) => all((i) => access.call(i, 'sampledRouted', ms.slice(access.ranges[i][0] - start, access.ranges[i][1] - start))),
    finish: async () => {
      while (routes.size > 0) await Promise.all([...routes]);
      if (failure) throw failure;
      const routers = routing ? await all((i) => access.call(i, 'sampledRoutedSums')) : [];
      const parts = await all((i) => access.call(i, 'sampledFinish'));
      if (routing) addRoutedSums(parts, start, routers);
      for (const r of routers) if (r) releaseNow(r.routedSumMs, r.routedSteps);
      free = [];
      return parts as SampledSums[];
    },
  };
}

/** The pool took another fleet (or was disposed) during a sampled run on it: the run stopped, nothing failed. */
export class SampledFleetReplacedError extends Error {
  constructor() {
    super('the workers took another fleet during the run (the scenario changed)');
    this.name = 'SampledFleetReplacedError';
  }
}

/**
 * Sampled analysis of the pool's fleet: each worker propagates and accumulates its shard in
 * parallel; routing steps are routed over the whole fleet by the workers in turn (in-thread
 * mode: here). The numbers of analyzeSampledFleet (the same driver and shard code; routed
 * latencies are the same shortest paths, summed in another order: equal to ~1e-15 relative).
 * A worker that dies fails the run with a notice; the workers are restarted.
 */
export async function analyzeSampledOnPool(
  pool: PropagationPool,
  scenario: Scenario,
  opts: EngineSampledOptions = {},
): Promise<SampledResult> {
  const access = pool.shardAccess();
  if (!access) throw new Error('analyzeSampledOnPool() before setFleet()');
  const signal = {
    get aborted() {
      return opts.signal?.aborted === true || access.stale();
    },
  };
  const exec = poolExecutor(access);
  // While a worker routes a whole-fleet step, the step after it waits for that worker: say
  // "routing" at least every SAMPLED_HEARTBEAT_MS then (the same step count), so progress never stalls.
  const cb = opts.onProgress;
  let last: SampledProgress | null = null;
  let lastAt = nowMs();
  const onProgress = cb
    ? (p: SampledProgress) => {
        last = p;
        lastAt = nowMs();
        cb(p);
      }
    : undefined;
  const beat = cb
    ? setInterval(() => {
        const p = last;
        if (!p || p.phase === 'finishing' || p.stepsDone >= p.steps || exec.routesPending() === 0) return;
        if (nowMs() - lastAt < SAMPLED_HEARTBEAT_MS) return;
        lastAt = nowMs();
        cb({ stepsDone: p.stepsDone, steps: p.steps, fraction: p.fraction, phase: 'routing' });
      }, SAMPLED_HEARTBEAT_MS / 2)
    : null;
  let r: SampledResult;
  try {
    r = await runSampledAsync(
      sampledPass(access.fleet, scenario, exec, {
        window: opts.window,
        signal,
        onProgress,
        islStride: opts.islStride,
        interpolation: opts.interpolation,
        progressIntervalMs: opts.progressIntervalMs,
        onShardsDone: opts.disposeAfterShards ? () => pool.dispose() : undefined,
        topology: opts.topology,
      }),
      budgetPause(opts.yieldBudgetMs ?? SAMPLED_YIELD_BUDGET_MS),
    );
  } catch (e) {
    // The pool took another fleet (a view sharing it changed scenario): its calls in flight were
    // rejected on purpose. Nothing to restart.
    if (access.stale() && opts.signal?.aborted !== true) throw new SampledFleetReplacedError();
    // A worker died mid-pass: its sums are gone. Restart the workers so the pool stays usable.
    await access.restart();
    access.notice({ level: 'error', message: `Sampled analysis stopped: a worker failed (${(e as Error)?.message ?? e}). Run it again.` });
    throw e;
  } finally {
    if (beat !== null) clearInterval(beat);
  }
  if (r.cancelled && opts.signal?.aborted !== true && access.stale()) throw new SampledFleetReplacedError();
  return r;
}

/** The same pass in this thread (small fleets in the page: a worker round trip per step costs more than the work). */
export async function analyzeSampledInThread(fleet: Fleet, scenario: Scenario, opts: EngineSampledOptions = {}): Promise<SampledResult> {
  return runSampledAsync(
    sampledPass(fleet, scenario, localSampledExecutor(kernelStateSource(fleet), 0, fleet.count), {
      window: opts.window,
      signal: opts.signal,
      onProgress: opts.onProgress,
      islStride: opts.islStride,
      interpolation: opts.interpolation,
      progressIntervalMs: opts.progressIntervalMs,
    }),
    budgetPause(opts.yieldBudgetMs ?? SAMPLED_YIELD_BUDGET_MS),
  );
}
