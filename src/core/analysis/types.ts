/**
 * Shared analysis types: the binding-limit codes, the per-satellite flag bits and the analysis
 * mode. Imported by the analytic and sampled passes, the rollup and the readers of their columns.
 */
/** Which limit sets computePowerW. */
export const BINDING = { installed: 0, power: 1, thermal: 2 } as const;
export type BindingName = keyof typeof BINDING;
export const BINDING_NAMES: readonly BindingName[] = ['installed', 'power', 'thermal'];

/** Per-satellite flag bits. */
export const METRIC_FLAGS = {
  /** Eccentricity above 0.01: circular-orbit formulas applied at the mean altitude. */
  eccentric: 1,
  /** Elements unusable (non-positive mean motion, perigee below the surface, NaN): metrics NaN, compute 0. */
  invalid: 2,
  /** Sampled mode: SGP4 reported an error at some step. */
  propagationError: 4,
} as const;

export type AnalysisMode = 'analytic' | 'sampled';
