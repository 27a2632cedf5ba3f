/**
 * Sampled analysis over a window (default one orbit at 30 s steps): SGP4 states at each step,
 * the Sun at each step, conical shadow, ground-station visibility above each station's mask,
 * one-way latency to the nearest visible station, share of time with a station in view, and
 * (over the whole fleet) shortest paths through the +Grid inter-satellite mesh (../isl).
 * Sources: PHYSICS.md "Sunlight and eclipse" (conical shadow), "Latency", "Frames" (GMST,
 * WGS-84 geodetic stations).
 *
 * Modules:
 * - accumulator.ts: the per-satellite sums (defined once), accumulateStep / accumulateRouted;
 * - shard.ts: one block of satellites propagating and accumulating (this thread or a worker);
 * - router.ts: routing steps where the shards are (each worker routes whole-fleet steps and keeps routed sums);
 * - driver.ts: THE loop over the steps (sampledPass) with its sync and async runners;
 * - finish.ts: the result, through the same design models as the analytic mode;
 * - batchSource.ts: the column kernel as a state source, whole or in blocks of rows;
 * - stations.ts, types.ts.
 * `analyzeSampled` (a shard, direct links only) and `analyzeSampledFleet` (whole fleet, with ISL)
 * run the driver in this thread, synchronously; src/engine runs it on the worker pool and, for
 * the page, in this thread between yields.
 */
import type { Fleet } from '../../fleet/fleet';
import type { Scenario } from '../../scenario/schema';
import { runSampledSync, sampledPass, type SampledExecutor, type SampledPassOptions } from './driver';
import type { SampledResult } from './finish';
import { createSampledShard } from './shard';
import type { StateSource } from './types';

export * from './accumulator';
export * from './batchSource';
export * from './driver';
export * from './finish';
export * from './interpolation';
export * from './router';
export * from './shard';
export * from './stations';
export * from './types';
export { oneOrbitWindow, sampleCount } from '../window';

/** One shard in this thread over fleet ids [start, end); `source` propagates exactly those rows. */
export function localSampledExecutor(source: StateSource, start: number, end: number): SampledExecutor {
  const shard = createSampledShard(source, start, end - start);
  return {
    ranges: [[start, end]],
    ahead: 1,
    begin: (stations, plan) => shard.begin(stations, plan),
    step: (t, route) => [shard.step(t, route)],
    routed: (ms) => shard.routed(ms),
    finish: () => [shard.finish()],
  };
}

export interface SampledOptions extends Omit<SampledPassOptions, 'route' | 'islStride' | 'topology'> {
  start?: number;
  end?: number;
}

/**
 * Sampled metrics for fleet ids [start, end) with direct ground links only. `source` propagates
 * exactly those end - start satellites (row k = id start + k).
 */
export function analyzeSampled(fleet: Fleet, scenario: Scenario, source: StateSource, opts: SampledOptions = {}): SampledResult {
  const start = Math.max(0, Math.min(fleet.count, opts.start ?? 0));
  const end = Math.max(start, Math.min(fleet.count, opts.end ?? fleet.count));
  return runSampledSync(sampledPass(fleet, scenario, localSampledExecutor(source, start, end), { ...opts, route: false }));
}

export type SampledFleetOptions = Omit<SampledPassOptions, 'route'>;

/**
 * Sampled metrics for the whole fleet, with inter-satellite routing when the scenario's links
 * have interSatelliteLinks on. `source` propagates all fleet.count satellites.
 */
export function analyzeSampledFleet(fleet: Fleet, scenario: Scenario, source: StateSource, opts: SampledFleetOptions = {}): SampledResult {
  return runSampledSync(sampledPass(fleet, scenario, localSampledExecutor(source, 0, fleet.count), opts));
}
