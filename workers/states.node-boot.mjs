// Node worker_threads bootstrap: register tsx's TypeScript loader in this thread, then load the
// TypeScript entry. Used by src/cli/statesParallel.ts when the CLI runs from source (the bundled
// CLI loads dist-cli/states.node.mjs instead).
import { register } from 'tsx/esm/api';

register();
await import('./states.node.ts');
