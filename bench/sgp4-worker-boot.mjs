// Node 20 workers do not run tsx's loader for their entry file: register it here, then load
// the TypeScript worker entry (benchmark only).
import { register } from 'tsx/esm/api';

register();
await import('./sgp4-worker.ts');
