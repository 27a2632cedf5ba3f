// Node worker_threads bootstrap: register tsx's TypeScript loader in this thread, then load the
// TypeScript entry. Used by src/engine/nodeHost.ts (CLI, tests, benchmarks).
import { register } from 'tsx/esm/api';

register();
await import('./propagation.node.ts');
