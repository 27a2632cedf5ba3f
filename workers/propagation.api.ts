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
import { statesToEarthRadii } from '../src/core/sgp4/drawStates';
import {
  batchStateSource,
  STATE_BLOCK_ROWS,
  createSampledRouter,
  createSampledShard,
  type RoutedSums,
  type SampledRouter,
  type SampledRoutingPlan,
  type SampledShard,
  type SampledShardPlan,
  type SampledStepStates,
  type SampledSums,
  type StateSource,
} from '../src/core/analysis/sampled';
import type { GroundStation } from '../src/core/scenario/schema';
import { WGS72 } from '../src/core/constants';
import { gmstRadAtMs } from '../src/core/physics/time';
import { addStationLinks, clearLinkChoice, newLinkChoice, type LinkChoice, type LinkStations } from '../src/core/physics/stationLinks';

export type { SampledStepStates } from '../src/core/analysis/sampled';

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
  /**
   * TEME km and km/s (Float64), or, for a viewer's pool (drawStates), none: the shard then
   * propagates block by block into its own small scratch and writes only the Float32 states
   * below (96 MB of shared memory less at 1M).
   */
  position?: SharedArrayBuffer;
  velocity?: SharedArrayBuffer;
  error: SharedArrayBuffer;
  /** Float32 Earth-radii states for the viewer's GPU buffers, written by the shard after each propagate (drawStates). */
  positionEr?: SharedArrayBuffer;
  velocityErS?: SharedArrayBuffer;
}

interface SharedViews {
  pos?: Float64Array;
  vel?: Float64Array;
  err: Uint8Array;
  posEr?: Float32Array;
  velEr?: Float32Array;
}

/**
 * Per frame buffer, the views of the shard's rows that each block of the state source
 * (STATE_BLOCK_ROWS rows, batchStateSource) writes: made once, so a tick allocates nothing.
 */
type DrawViews = Array<Array<{ err: Uint8Array; posEr: Float32Array; velEr: Float32Array }>>;

function drawViews(count: number, start: number, views: SharedViews[]): DrawViews {
  return views.map((v) => {
    const out: DrawViews[number] = [];
    for (let a = start; a < start + count; a += STATE_BLOCK_ROWS) {
      const b = Math.min(start + count, a + STATE_BLOCK_ROWS);
      out.push({ err: v.err.subarray(a, b), posEr: v.posEr!.subarray(3 * a, 3 * b), velEr: v.velEr!.subarray(3 * a, 3 * b) });
    }
    return out;
  });
}

/** Whole-fleet states of one routing step in shared memory (written by every shard at its offset, routed by one worker). */
export interface RoutingSlotBuffers {
  position: SharedArrayBuffer;
  error: SharedArrayBuffer;
  direct: SharedArrayBuffer;
}

/** Routing in the workers (src/core/analysis/sampled/router.ts): the mesh, the link options and, in shared mode, the slots. */
export interface WorkerRoutingSetup {
  plan: SampledRoutingPlan;
  slots?: RoutingSlotBuffers[];
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
  /**
   * With link stations set: for each station the shard's K highest-elevation satellites above the
   * mask at this time (src/core/physics/stationLinks.ts, fleet ids), over every satellite of the shard.
   */
  links?: LinkChoice;
  /** Milliseconds of that choice (part of kernelMs' wall time, not included in it). */
  linkMs?: number;
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
    /** Stations to choose links for from now on (null: none; undefined: as before). */
    linkStations?: LinkStations | null,
  ): ShardStates;
  /**
   * Start a sampled pass over this shard (src/core/analysis/sampled/shard.ts, the same code as
   * in-thread); with `routing`, this worker can also route whole-fleet steps (sampledRoute).
   */
  sampledBegin(stations: GroundStation[], plan?: SampledShardPlan, routing?: WorkerRoutingSetup): void;
  /**
   * Propagate and accumulate one sample time. When `route` is set (an inter-satellite routing
   * step) the shard's states and direct latencies come back for the whole-fleet routing, or with
   * `slot` (shared mode) are written into that routing slot at this shard's rows.
   */
  sampledStep(timeMs: number, route: boolean, slot?: number): SampledStepStates | null;
  /**
   * Route one whole-fleet step (a shared slot, or states handed over) and add it to this worker's routed sums; returns
   * satellites reached.
   */
  sampledRoute(states: number | SampledStepStates): number;
  /** This worker's whole-fleet routed sums (null if it routed nothing). */
  sampledRoutedSums(): RoutedSums | null;
  /** Add the routed latencies of the last routing step (this shard's rows). */
  sampledRouted(routedMs: Float64Array): void;
  /** End the pass and hand over the sums. */
  sampledFinish(): SampledSums;
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
  let sharedViews: SharedViews[] | null = null;
  let draw: DrawViews | null = null;
  /** The frame buffer the draw blocks write (drawBlock reads it). */
  let drawInto: DrawViews[number] = [];
  const drawBlock = (k: number, from: number, to: number, p: Float64Array, v: Float64Array, e: Uint8Array): void => {
    const o = drawInto[k];
    o.err.set(e.subarray(0, to - from));
    statesToEarthRadii(p, v, e, 0, to - from, o.posEr, o.velEr);
  };
  /** The shard's SGP4 batch as a state source, whole or in row windows (the draw blocks and the sampled pass share it). */
  let source: StateSource | null = null;
  let sampled: SampledShard | null = null;
  let router: SampledRouter | null = null;
  let slotViews: SampledStepStates[] = [];
  let shardSlotViews: SampledStepStates[] = [];
  let linkStations: LinkStations | null = null;
  let linkChoice: LinkChoice | null = null;
  /** Top-K links per station over rows [from, to) of `pos` (ids = row + idOffset), at `timeMs`. */
  const chooseLinks = (
    pos: Float32Array | Float64Array,
    unitsPerEr: number,
    err: Uint8Array,
    from: number,
    to: number,
    idOffset: number,
    timeMs: number,
  ): { links?: LinkChoice; linkMs?: number } => {
    if (!linkStations || !linkChoice) return {};
    const t = now();
    clearLinkChoice(linkChoice);
    addStationLinks(pos, unitsPerEr, err, from, to, idOffset, linkStations, gmstRadAtMs(timeMs), linkChoice);
    return { links: linkChoice, linkMs: now() - t };
  };
  return {
    init(msg) {
      const t0 = now();
      start = msg.start;
      batch = initSgp4Batch(msg.elements, 0, msg.elements.count);
      sharedViews = msg.shared
        ? msg.shared.map((b) => ({
            pos: b.position ? new Float64Array(b.position) : undefined,
            vel: b.velocity ? new Float64Array(b.velocity) : undefined,
            err: new Uint8Array(b.error),
            posEr: b.positionEr ? new Float32Array(b.positionEr) : undefined,
            velEr: b.velocityErS ? new Float32Array(b.velocityErS) : undefined,
          }))
        : null;
      const v0 = sharedViews?.[0];
      if (v0 && !v0.pos && !(v0.posEr && v0.velEr)) throw new Error('shared frames need km states or draw states');
      source = batchStateSource(batch);
      draw = sharedViews && v0 && !v0.pos ? drawViews(batch.count, start, sharedViews) : null;
      return { count: batch.count, initMs: now() - t0, messages: batch.messages };
    },
    propagate(seq, timeMs, recycle, sharedSlot = 0, stations) {
      if (!batch) throw new Error('propagation shard used before init');
      if (stations !== undefined) {
        linkStations = stations && stations.count > 0 ? stations : null;
        linkChoice = linkStations ? newLinkChoice(linkStations) : null;
      }
      const n = batch.count;
      const t0 = now();
      if (sharedViews) {
        const fi = sharedSlot % sharedViews.length;
        const v = sharedViews[fi];
        if (draw && source?.propagateBlocks) {
          // draw states only: each block through the source's scratch, straight into the Float32 frame
          drawInto = draw[fi];
          source.propagateBlocks(timeMs, drawBlock);
        } else if (v.pos && v.vel) {
          propagateBatch(batch, timeMs, v.pos, v.vel, v.err, start);
          if (v.posEr && v.velEr) statesToEarthRadii(v.pos, v.vel, v.err, start, start + n, v.posEr, v.velEr);
        }
        const kernelMs = now() - t0;
        // The links from the states the viewer draws (Float32 Earth radii) when there are any, else from km.
        const links = v.posEr
          ? chooseLinks(v.posEr, 1, v.err, start, start + n, 0, timeMs)
          : chooseLinks(v.pos!, WGS72.radiusKm, v.err, start, start + n, 0, timeMs);
        return { seq, start, count: n, kernelMs, ...links };
      }
      const ok = recycle && recycle.error.length === n;
      const positionKm = ok ? recycle.positionKm : new Float64Array(3 * n);
      const velocityKmS = ok ? recycle.velocityKmS : new Float64Array(3 * n);
      const error = ok ? recycle.error : new Uint8Array(n);
      propagateBatch(batch, timeMs, positionKm, velocityKmS, error, 0);
      const kernelMs = now() - t0;
      const links = chooseLinks(positionKm, WGS72.radiusKm, error, 0, n, start, timeMs);
      return { seq, start, count: n, positionKm, velocityKmS, error, kernelMs, ...links };
    },
    sampledBegin(stations, plan, routing) {
      if (!batch || !source) throw new Error('propagation shard used before init');
      const b = batch;
      // Routing steps hand the states over (transferred), so the shard gives fresh arrays after each.
      sampled = createSampledShard(source, start, b.count, { handOver: true });
      sampled.begin(stations, plan);
      router = routing ? createSampledRouter(routing.plan) : null;
      slotViews = (routing?.slots ?? []).map((sl) => ({
        positionKm: new Float64Array(sl.position),
        error: new Uint8Array(sl.error),
        directMs: new Float64Array(sl.direct),
      }));
      const n = b.count;
      shardSlotViews = slotViews.map((v) => ({
        positionKm: v.positionKm.subarray(3 * start, 3 * (start + n)),
        error: v.error.subarray(start, start + n),
        directMs: v.directMs.subarray(start, start + n),
      }));
    },
    sampledStep(timeMs, route, slot) {
      if (!sampled) throw new Error('sampledStep before sampledBegin');
      if (route && slot !== undefined && slot >= 0) {
        const out = shardSlotViews[slot];
        if (!out) throw new Error(`sampledStep: no routing slot ${slot}`);
        return sampled.step(timeMs, true, out);
      }
      return sampled.step(timeMs, route);
    },
    sampledRoute(states) {
      if (!router) throw new Error('sampledRoute without a routing plan');
      const st = typeof states === 'number' ? slotViews[states] : states;
      if (!st) throw new Error(`sampledRoute: no routing slot ${states}`);
      return router.route(st);
    },
    sampledRoutedSums() {
      const s = router?.sums() ?? null;
      router?.release();
      router = null;
      slotViews = shardSlotViews = [];
      return s;
    },
    sampledRouted(routedMs) {
      if (!sampled) throw new Error('sampledRouted before sampledBegin');
      sampled.routed(routedMs, 0);
    },
    sampledFinish() {
      if (!sampled) throw new Error('sampledFinish before sampledBegin');
      const s = sampled.finish();
      sampled = null;
      return s;
    },
  };
}
