/**
 * Per-scenario curves for the comparison view, overlaid one line per scenario: the cumulative
 * distributions of the power margin, the thermal margin and the latency over all satellites
 * (CDFs overlay cleanly where histograms of different ranges would not). Reduced to at most
 * 200 points each, so a million satellites travel as a few kilobytes. Pure.
 */
import type { PerSatelliteMetrics } from '../analysis/metrics';
import { cdf } from '../report/chartMath';

export interface Curve {
  x: Float64Array;
  y: Float64Array;
  n: number;
}

export interface ComparisonCurves {
  powerMarginKw: Curve;
  thermalMarginKw: Curve;
  latencyMs: Curve;
}

function scaled(a: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * k;
  return out;
}

export function comparisonCurves(m: Pick<PerSatelliteMetrics, 'powerMarginW' | 'thermalMarginW' | 'latencyMs'>): ComparisonCurves {
  return {
    powerMarginKw: cdf(scaled(m.powerMarginW, 1e-3)),
    thermalMarginKw: cdf(scaled(m.thermalMarginW, 1e-3)),
    latencyMs: cdf(m.latencyMs),
  };
}
