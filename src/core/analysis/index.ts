/**
 * Capacity analysis (pure core): analytic and sampled per-satellite metrics, +Grid ISL routing,
 * and the mergeable rollup. See README.md in this folder for definitions and assumptions.
 */
export * from './analytic';
export * from './sampled';
export * from './types';
export * from './window';
export * from './metrics';
export * from './designModels';
export * from './isl';
export * from './rollup';
