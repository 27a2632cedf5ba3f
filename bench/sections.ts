/**
 * Benchmark sections. `npm run bench` runs every section of BENCH_SECTIONS in order (or those
 * named with --only a,b), prints each section's table and, with --json, one JSON object
 * `{ meta, <section id>: <section fields>, ... }`.
 *
 * Extension point: to add a benchmark (e.g. analysis throughput), write a BenchSection in its
 * own file under bench/ and append it to BENCH_SECTIONS. Keep field names snake_case with the
 * unit last (`*_ms`, `*_mb`, `*_x` for ratios) and document them in docs/ENGINE.md.
 */
import { analysisSection } from './analysis';
import { feasibilitySection } from './feasibility';
import { fleetSection } from './fleet';
import { propagationSection } from './propagation';
import { reportSection } from './report';
import { sampledPoolSection } from './sampled-pool';
import { sampledCliSection } from './sampled-cli';
import { sampledE2eSection } from './sampled-e2e';
import { statesE2eSection } from './states-e2e';
import { sweepSection } from './sweep';

export interface BenchOptions {
  /** Satellites. */
  n: number;
  /** Seed of the synthetic elements. */
  seed: number;
  /** Scenario preset key (src/core/presets) whose fleet supplies the elements; null = random LEO. */
  fleet: string | null;
  /** Timed repetitions per measurement (median reported). */
  repeats: number;
  /** Worker threads for the multi-thread measurements. */
  threads: number;
  /** Names of measurements to skip (section-specific, e.g. 'satjs', 'wasm'). */
  skip: Set<string>;
  /** Satellites of the on-demand sampled_e2e section (--sampled-n, default 100,000). */
  sampledN?: number;
  /** Progress lines go here (stderr), so --json output stays one object on stdout. */
  log: (line: string) => void;
}

export interface BenchRow {
  label: string;
  value: string;
  note?: string;
}

export interface BenchSectionResult {
  /** Machine-readable figures (null when a measurement was skipped or failed). */
  fields: Record<string, number | string | boolean | null>;
  /** Human-readable table. */
  rows: BenchRow[];
}

export interface BenchSection {
  id: string;
  title: string;
  /** Heavy: runs only when named in --only. */
  onDemand?: boolean;
  run(opts: BenchOptions): Promise<BenchSectionResult>;
}

/**
 * Order: cheap first. `states_e2e` always uses 300,000 satellites (the file size),
 * whatever --n says; `sampled_pool` runs the full window (no extrapolation).
 */
export const BENCH_SECTIONS: BenchSection[] = [
  fleetSection,
  propagationSection,
  analysisSection,
  feasibilitySection,
  reportSection,
  sampledPoolSection,
  statesE2eSection,
  sampledE2eSection,
  sampledCliSection,
  sweepSection,
];
