/** Trade studies: parameter sweeps, the bracketing optimiser and scenario comparison. */
export * from './paths';
export * from './sweep';
export * from './optimise';
export * from './compare';
export * from './compareCharts';
