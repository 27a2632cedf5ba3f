/** Types shared by the sampled pass's pieces (shard side, driver, callers). */

/**
 * Source of SGP4 states for a contiguous block of satellites (a shard, or the whole fleet).
 * Writes TEME position (km) and velocity (km/s) xyz-interleaved and an error code per satellite
 * (0 = ok, as satellite.js / src/core/sgp4).
 */
export interface StateSource {
  propagate(timeMs: number, positionKm: Float64Array, velocityKmS: Float64Array, error: Uint8Array): void;
  /**
   * The same states block by block: `visit` gets block `block`, its rows [from, to) and their states
   * from index 0 of the arrays (to - from rows; the source's scratch, valid during the call only).
   * Lets a consumer work through small blocks instead of whole-fleet Float64 arrays.
   */
  propagateBlocks?(
    timeMs: number,
    visit: (block: number, from: number, to: number, positionKm: Float64Array, velocityKmS: Float64Array, error: Uint8Array) => void,
  ): void;
  /** Give back memory this source holds for the pass (interpolation knots); it is not used after. */
  release?(): void;
}

/** Cooperative cancel, checked between steps (an AbortSignal satisfies it). */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface SampledProgress {
  stepsDone: number;
  steps: number;
  fraction: number;
  /**
   * What runs now, when it is not the time steps themselves: 'routing' (the inter-satellite
   * routing of the step after `stepsDone`, up to ~0.5 s at 1M) or 'finishing' (all steps done;
   * the per-satellite metrics are being computed). Absent while steps run.
   */
  phase?: 'routing' | 'finishing';
}

/** What a routed sampled step hands back: a shard's states and direct latencies at that time. */
export interface SampledStepStates {
  positionKm: Float64Array;
  error: Uint8Array;
  /** One-way latency to the nearest visible station, ms (Infinity when none). */
  directMs: Float64Array;
}
