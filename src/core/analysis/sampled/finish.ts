/** The result of a sampled pass and how it is made from the sums (the same design models as the analytic mode). */
import type { Fleet } from '../../fleet/fleet';
import type { Scenario } from '../../scenario/schema';
import { analyzeAnalytic } from '../analytic';
import { applyDesignModels, scenarioDesignConstants } from '../designModels';
import type { PerSatelliteMetrics } from '../metrics';
import { METRIC_FLAGS } from '../types';
import { windowSolarFluxWm2, type AnalysisWindowMs } from '../window';
import type { SampledSums } from './accumulator';

export interface SampledResult {
  /**
   * Per-satellite metrics, mode 'sampled'. latencyMs: mean over steps with a path to a station (routed when ISL ran, else
   * direct); NaN if never.
   */
  metrics: PerSatelliteMetrics;
  /** Mean one-way latency to the nearest visible station over the steps it had one in view, ms (NaN if never). */
  directLatencyMs: Float64Array;
  /** Share of valid steps with a station above its mask. */
  stationVisibleFraction: Float64Array;
  /** Mean routed latency over routed steps with a path (NaN if never), or null without ISL. */
  islLatencyMs: Float64Array | null;
  /** Share of routed steps with a path to a station, or null without ISL. */
  islReachableFraction: Float64Array | null;
  window: AnalysisWindowMs;
  steps: number;
  stepsDone: number;
  /** ISL routing ran every islStride-th step (0 = no routing). */
  islStride: number;
  islStepsRouted: number;
  /** SGP4 ran every sgp4KnotSteps-th step, Hermite interpolation between (1 = every step). */
  sgp4KnotSteps: number;
  cancelled: boolean;
  /** Plain-language notes for the report (e.g. routing stride). */
  notes: string[];
}

/**
 * Per-satellite metrics from an accumulator: eclipse fraction = mean conical shadow fraction over
 * valid steps; beta, altitude and albedo geometry from the analytic pass over the same rows;
 * then the shared design models (power, heat, compute).
 */
export function finishSampled(
  fleet: Fleet,
  scenario: Scenario,
  acc: SampledSums,
  win: AnalysisWindowMs,
  /** Progress points while the per-satellite figures are computed (~1 s at a million satellites). */
  heartbeat?: () => void,
): Omit<SampledResult, 'steps' | 'stepsDone' | 'islStride' | 'islStepsRouted' | 'sgp4KnotSteps' | 'cancelled' | 'notes' | 'window'> {
  const m = analyzeAnalytic(fleet, scenario, { start: acc.start, end: acc.start + acc.count, window: win, onProgress: heartbeat });
  heartbeat?.();
  m.mode = 'sampled';
  const n = acc.count;
  const direct = new Float64Array(n);
  const visible = new Float64Array(n);
  const routed = acc.routedStepsTotal > 0;
  const islLat = routed ? new Float64Array(n) : null;
  const islReach = routed ? new Float64Array(n) : null;
  for (let k = 0; k < n; k++) {
    const v = acc.validSteps[k];
    m.flags[k] |= acc.flags[k];
    if (v === 0) {
      m.flags[k] |= METRIC_FLAGS.invalid;
      m.eclipseFraction[k] = Number.NaN;
      direct[k] = Number.NaN;
      visible[k] = Number.NaN;
      m.latencyMs[k] = Number.NaN;
      if (islLat && islReach) {
        islLat[k] = Number.NaN;
        islReach[k] = Number.NaN;
      }
      continue;
    }
    m.eclipseFraction[k] = acc.shadowSum[k] / v;
    visible[k] = acc.inViewSteps[k] / v;
    direct[k] = acc.inViewSteps[k] > 0 ? acc.directLatencySumMs[k] / acc.inViewSteps[k] : Number.NaN;
    if (islLat && islReach) {
      islLat[k] = acc.routedSteps[k] > 0 ? acc.routedSumMs[k] / acc.routedSteps[k] : Number.NaN;
      islReach[k] = acc.routedSteps[k] / acc.routedStepsTotal;
      m.latencyMs[k] = islLat[k];
    } else {
      m.latencyMs[k] = direct[k];
    }
  }
  applyDesignModels(fleet, m, windowSolarFluxWm2(win), scenarioDesignConstants(scenario, windowSolarFluxWm2(win)));
  return { metrics: m, directLatencyMs: direct, stationVisibleFraction: visible, islLatencyMs: islLat, islReachableFraction: islReach };
}
