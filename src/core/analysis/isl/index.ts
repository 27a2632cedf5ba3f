/** Inter-satellite links: generated topology, imported-plane inference, routing. */
export * from './topology';
export * from './imported';
export * from './routing';
