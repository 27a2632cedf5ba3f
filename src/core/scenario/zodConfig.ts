/**
 * Imported first by every module that builds zod schemas (design.ts, schema.ts). zod 4 compiles
 * object parsers with `new Function` when it can, and probes for that when a schema is built; under
 * the pages' Content-Security-Policy (no 'unsafe-eval') the probe is refused and reported as a
 * violation. jitless keeps zod on its interpreter (scenarios are small: no measurable cost).
 */
import { config } from 'zod';

config({ jitless: true });
