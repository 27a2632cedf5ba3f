/**
 * The per-satellite metric columns both analysis modes fill (one typed array per figure,
 * index = fleet id - start). A new column goes into PerSatelliteMetrics and into one of the two
 * lists below; allocMetrics then allocates it everywhere (analytic, sampled, worker shards).
 */
import type { AnalysisMode } from './types';

/** Per-satellite metric columns for fleet ids [start, start + count). Index = id - start. */
export interface PerSatelliteMetrics {
  mode: AnalysisMode;
  start: number;
  count: number;
  /** Beta angle at the window start, deg. */
  betaDeg: Float64Array;
  /** Mean cos(beta) over the window (weights albedo). */
  meanCosBeta: Float64Array;
  /** Mean altitude above the spherical Earth (WGS-84 R), km. */
  altitudeKm: Float64Array;
  /** Orbital period from the mean motion, s. */
  periodS: Float64Array;
  /** Eclipse fraction over the window (cylindrical mean over beta samples, or sampled conical mean). */
  eclipseFraction: Float64Array;
  sunlitFraction: Float64Array;
  arrayPowerBolW: Float64Array;
  arrayPowerEolW: Float64Array;
  usablePowerW: Float64Array;
  /** Battery capacity needed for the load that runs (or the installed capacity), Wh. */
  batteryEnergyWh: Float64Array;
  radiatorRejectW: Float64Array;
  radiatorTempC: Float64Array;
  /**
   * Steady-state radiator temperature bounds at the full installed load, °C: in eclipse (Earth IR
   * only; NaN for a satellite never in eclipse) and at orbit noon in sunlight (IR, albedo at the
   * window's mean cos(beta), the Sun when the design lets it fall on the radiator). A radiator with
   * thermal mass swings between them; radiatorTempC is the orbit-average equilibrium.
   */
  radiatorTempEclipseC: Float64Array;
  radiatorTempSunC: Float64Array;
  powerMarginW: Float64Array;
  thermalMarginW: Float64Array;
  computePowerW: Float64Array;
  /** BINDING code per satellite. */
  bindingLimit: Uint8Array;
  /** One-way downlink latency, ms (analytic: at the mask; sampled: mean to the nearest visible station, NaN if never). */
  latencyMs: Float64Array;
  /** METRIC_FLAGS bits. */
  flags: Uint8Array;
}

type ColumnsOf<T, A> = { [K in keyof T]: T[K] extends A ? K : never }[keyof T];
export type MetricFloatColumn = ColumnsOf<PerSatelliteMetrics, Float64Array>;
export type MetricByteColumn = ColumnsOf<PerSatelliteMetrics, Uint8Array>;

/** Every Float64Array column of PerSatelliteMetrics (checked against the interface both ways). */
export const METRIC_FLOAT_COLUMNS = [
  'betaDeg',
  'meanCosBeta',
  'altitudeKm',
  'periodS',
  'eclipseFraction',
  'sunlitFraction',
  'arrayPowerBolW',
  'arrayPowerEolW',
  'usablePowerW',
  'batteryEnergyWh',
  'radiatorRejectW',
  'radiatorTempC',
  'radiatorTempEclipseC',
  'radiatorTempSunC',
  'powerMarginW',
  'thermalMarginW',
  'computePowerW',
  'latencyMs',
] as const satisfies readonly MetricFloatColumn[];
export const METRIC_BYTE_COLUMNS = ['bindingLimit', 'flags'] as const satisfies readonly MetricByteColumn[];

// Compile-time completeness: a column missing from the lists above is a type error here.
type Missing<All, Listed> = Exclude<All, Listed>;
const _allFloatListed: Missing<MetricFloatColumn, (typeof METRIC_FLOAT_COLUMNS)[number]> extends never ? true : never = true;
const _allByteListed: Missing<MetricByteColumn, (typeof METRIC_BYTE_COLUMNS)[number]> extends never ? true : never = true;
void _allFloatListed;
void _allByteListed;

/** Allocate metric columns for `count` satellites. */
export function allocMetrics(count: number, start = 0, mode: AnalysisMode = 'analytic'): PerSatelliteMetrics {
  const m: Record<string, unknown> = { mode, start, count };
  for (const k of METRIC_FLOAT_COLUMNS) m[k] = new Float64Array(count);
  for (const k of METRIC_BYTE_COLUMNS) m[k] = new Uint8Array(count);
  return m as unknown as PerSatelliteMetrics;
}
