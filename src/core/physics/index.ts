/** Physics models (pure). Each file cites the PHYSICS.md section it implements. */
export * from './time';
export * from './sun';
export * from './eclipse';
export * from './power';
export * from './thermal';
export * from './latency';
export * from './compute';
