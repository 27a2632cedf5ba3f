/**
 * The shard side of a sampled pass: one block of satellites [start, start + count) that
 * propagates, accumulates (shadow, station visibility, direct latency) and, on a routing step,
 * hands back its states for the whole-fleet routing. The same code runs in this thread and in
 * each propagation worker (workers/propagation.api.ts).
 */
import type { GroundStation } from '../../scenario/schema';
import { releaseNow } from '../../platform';
import {
  accumulateRouted,
  accumulateStep,
  createSampledAccumulator,
  sumsOf,
  type SampledAccumulator,
  type SampledSums,
} from './accumulator';
import { hermiteStateSource } from './interpolation';
import { prepareStations } from './stations';
import type { SampledStepStates, StateSource } from './types';

export interface SampledShard {
  readonly start: number;
  readonly count: number;
  /**
   * Start the pass; with a plan whose knotSteps > 1, SGP4 runs every knotSteps steps and Hermite interpolation fills in
   * (./interpolation.ts).
   */
  begin(stations: readonly GroundStation[], plan?: SampledShardPlan): void;
  /**
   * Propagate and accumulate one sample time; on a routing step return the states for routing,
   * or with `out` (this shard's rows of a whole-fleet routing buffer, e.g. shared memory) write
   * them there and return null.
   */
  step(timeMs: number, route: boolean, out?: SampledStepStates): SampledStepStates | null;
  /** Add routed latencies for this shard's rows (row k = routedMs[offset + k]). */
  routed(routedMs: Float64Array, offset?: number): void;
  /** End the pass and hand over the sums. */
  finish(): SampledSums;
}

/** The sample grid of a pass, for interpolation between SGP4 knots. */
export interface SampledShardPlan {
  startMs: number;
  stepMs: number;
  /** Steps between full SGP4 evaluations (1 = every step). */
  knotSteps: number;
  /** Quintic Hermite (positions, velocities, J2 accelerations) rather than cubic (./interpolation.ts). */
  quintic?: boolean;
}

export interface SampledShardOptions {
  /**
   * The states of a routing step leave the shard (transferred to another thread), so fresh
   * arrays replace them. Otherwise (same thread) the arrays are reused and are valid only until
   * the next step.
   */
  handOver?: boolean;
}

export function createSampledShard(exact: StateSource, start: number, count: number, opts: SampledShardOptions = {}): SampledShard {
  let source = exact;
  let acc: SampledAccumulator | null = null;
  let pos = new Float64Array(0);
  let vel = new Float64Array(0);
  let err = new Uint8Array(0);
  let direct = new Float64Array(0);
  // direct latencies are only handed out by routing steps without a slot to write into (made on first use)
  const fresh = (): void => {
    pos = new Float64Array(3 * count);
    err = new Uint8Array(count);
    direct = new Float64Array(0);
  };
  return {
    start,
    count,
    begin(stations, plan) {
      // velocities are not used by the accumulation: interpolated steps write positions only
      source = plan
        ? hermiteStateSource(exact, count, plan.startMs, plan.stepMs, plan.knotSteps, {
            positionsOnly: true,
            quintic: plan.quintic === true,
          })
        : exact;
      acc = createSampledAccumulator(start, count, prepareStations(stations));
      fresh();
      // the interpolation (positions only) takes no velocity array: 12 MB less per 500k rows
      vel = source !== exact ? new Float64Array(0) : new Float64Array(3 * count);
    },
    step(timeMs, route, into) {
      if (!acc) throw new Error('sampled step before begin');
      if (route && into) {
        source.propagate(timeMs, into.positionKm, vel, into.error);
        accumulateStep(acc, timeMs, into.positionKm, into.error, into.directMs);
        return null;
      }
      source.propagate(timeMs, pos, vel, err);
      if (!route) {
        accumulateStep(acc, timeMs, pos, err);
        return null;
      }
      if (direct.length !== count) direct = new Float64Array(count);
      accumulateStep(acc, timeMs, pos, err, direct);
      const out = { positionKm: pos, error: err, directMs: direct };
      if (opts.handOver) fresh();
      return out;
    },
    routed(routedMs, offset = 0) {
      if (!acc) throw new Error('sampled routed before begin');
      accumulateRouted(acc, routedMs, offset);
    },
    finish() {
      if (!acc) throw new Error('sampled finish before begin');
      const s = sumsOf(acc);
      acc = null;
      // the pass's memory goes now, not at the worker's next collection (an idle worker may not collect for long)
      if (source !== exact) source.release?.();
      source = exact;
      releaseNow(pos, vel, err, direct);
      pos = vel = direct = new Float64Array(0);
      err = new Uint8Array(0);
      return s;
    },
  };
}
