/**
 * The propagation worker's logic, independent of how it is hosted (browser Worker, Node
 * worker_thread, or in the page as the fallback). A worker owns one contiguous shard of the
 * fleet: it keeps the SGP4 batch for it and writes states either into shared memory (views
 * of SharedArrayBuffers covering the whole fleet, at the shard's offset) or into its own
 * buffers that travel to the main thread and back (transfer mode).
 */
import type { ElementColumns } from '../src/core/elements/columns';
import { initSgp4Batch, type Sgp4Batch } from '../src/core/sgp4/batch';
import { propagateBatch } from '../src/core/sgp4/propagate';
import {
  accumulateRouted,
  accumulateStep,
  createSampledAccumulator,
  prepareStations,
  type SampledAccumulator,
} from '../src/core/analysis/sampled';
import type { GroundStation } from '../src/core/scenario/schema';

/** What a routed sampled step hands back: this shard's states and direct latencies at that time. */
export interface SampledStepStates {
  positionKm: Float64Array;
  error: Uint8Array;
  /** One-way latency to the nearest visible station, ms (Infinity when none). */
  directMs: Float64Array;
}

/** The per-row sums of a shard's sampled pass (SampledAccumulator without its scratch). */
export interface SampledShardSums {
  start: number;
  count: number;
  shadowSum: Float64Array;
  validSteps: Uint32Array;
  inViewSteps: Uint32Array;
  directLatencySumMs: Float64Array;
  routedSumMs: Float64Array;
  routedSteps: Uint32Array;
  routedStepsTotal: number;
  flags: Uint8Array;
}

export interface ShardInit {
  /** The shard's element columns (a copy made for this worker, or views in-thread). */
  elements: ElementColumns;
  /** First fleet id of the shard. */
  start: number;
  /**
   * Shared output buffers covering the whole fleet (shared mode), double-buffered so the main
   * thread can read one frame while the next is written; undefined in transfer mode.
   */
  shared?: SharedFrameBuffers[];
}

export interface SharedFrameBuffers {
  position: SharedArrayBuffer;
  velocity: SharedArrayBuffer;
  error: SharedArrayBuffer;
}

export interface ShardStates {
  seq: number;
  start: number;
  count: number;
  /** Transfer mode only: this shard's states (ownership moves to the caller). */
  positionKm?: Float64Array;
  velocityKmS?: Float64Array;
  error?: Uint8Array;
  /** Milliseconds spent in the kernel. */
  kernelMs: number;
}

export interface ShardApi {
  init(msg: ShardInit): { count: number; initMs: number; messages: string[] };
  /**
   * Propagate the shard to `timeMs`. In transfer mode `recycle` hands back buffers from an earlier
   * call so no new memory is allocated per tick.
   */
  propagate(
    seq: number,
    timeMs: number,
    recycle?: { positionKm: Float64Array; velocityKmS: Float64Array; error: Uint8Array },
    sharedSlot?: number,
  ): ShardStates;
  /** Start a sampled pass over this shard (src/core/analysis/sampled.ts accumulators). */
  sampledBegin(stations: GroundStation[]): void;
  /**
   * Propagate and accumulate one sample time. When `route` is set (an inter-satellite routing
   * step) the shard's states and direct latencies come back for the whole-fleet routing.
   */
  sampledStep(timeMs: number, route: boolean): SampledStepStates | null;
  /** Add the routed latencies of the last routing step (this shard's rows). */
  sampledRouted(routedMs: Float64Array): void;
  /** End the pass and hand over the sums. */
  sampledFinish(): SampledShardSums;
}

/** Buffers of every typed array directly inside `value` (one level), for comlink.transfer. */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  if (!value || typeof value !== 'object') return [];
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(value)) {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  }
  return out;
}

export function createShardApi(now: () => number = () => performance.now()): ShardApi {
  let batch: Sgp4Batch | null = null;
  let start = 0;
  let sharedViews: Array<{ pos: Float64Array; vel: Float64Array; err: Uint8Array }> | null = null;
  let acc: SampledAccumulator | null = null;
  let scratch: { pos: Float64Array; vel: Float64Array; err: Uint8Array } | null = null;
  return {
    init(msg) {
      const t0 = now();
      start = msg.start;
      batch = initSgp4Batch(msg.elements, 0, msg.elements.count);
      sharedViews = msg.shared
        ? msg.shared.map((b) => ({ pos: new Float64Array(b.position), vel: new Float64Array(b.velocity), err: new Uint8Array(b.error) }))
        : null;
      return { count: batch.count, initMs: now() - t0, messages: batch.messages };
    },
    propagate(seq, timeMs, recycle, sharedSlot = 0) {
      if (!batch) throw new Error('propagation shard used before init');
      const n = batch.count;
      const t0 = now();
      if (sharedViews) {
        const v = sharedViews[sharedSlot % sharedViews.length];
        propagateBatch(batch, timeMs, v.pos, v.vel, v.err, start);
        return { seq, start, count: n, kernelMs: now() - t0 };
      }
      const ok = recycle && recycle.error.length === n;
      const positionKm = ok ? recycle.positionKm : new Float64Array(3 * n);
      const velocityKmS = ok ? recycle.velocityKmS : new Float64Array(3 * n);
      const error = ok ? recycle.error : new Uint8Array(n);
      propagateBatch(batch, timeMs, positionKm, velocityKmS, error, 0);
      return { seq, start, count: n, positionKm, velocityKmS, error, kernelMs: now() - t0 };
    },
    sampledBegin(stations) {
      if (!batch) throw new Error('propagation shard used before init');
      const n = batch.count;
      acc = createSampledAccumulator(start, n, prepareStations(stations));
      scratch = { pos: new Float64Array(3 * n), vel: new Float64Array(3 * n), err: new Uint8Array(n) };
    },
    sampledStep(timeMs, route) {
      if (!batch || !acc || !scratch) throw new Error('sampledStep before sampledBegin');
      propagateBatch(batch, timeMs, scratch.pos, scratch.vel, scratch.err, 0);
      if (!route) {
        accumulateStep(acc, timeMs, scratch.pos, scratch.err);
        return null;
      }
      // Routing steps hand the arrays over (transferred), so fresh ones replace them.
      const directMs = new Float64Array(batch.count);
      accumulateStep(acc, timeMs, scratch.pos, scratch.err, directMs);
      const out = { positionKm: scratch.pos, error: scratch.err, directMs };
      scratch = { pos: new Float64Array(3 * batch.count), vel: scratch.vel, err: new Uint8Array(batch.count) };
      return out;
    },
    sampledRouted(routedMs) {
      if (!acc) throw new Error('sampledRouted before sampledBegin');
      accumulateRouted(acc, routedMs, 0);
    },
    sampledFinish() {
      if (!acc) throw new Error('sampledFinish before sampledBegin');
      const a = acc;
      acc = null;
      scratch = null;
      return {
        start: a.start,
        count: a.count,
        shadowSum: a.shadowSum,
        validSteps: a.validSteps,
        inViewSteps: a.inViewSteps,
        directLatencySumMs: a.directLatencySumMs,
        routedSumMs: a.routedSumMs,
        routedSteps: a.routedSteps,
        routedStepsTotal: a.routedStepsTotal,
        flags: a.flags,
      };
    },
  };
}
