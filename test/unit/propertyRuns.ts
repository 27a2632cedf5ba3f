/**
 * Parameters for every fast-check property test: a FIXED seed by default, so CI runs the same
 * cases every time and never fails by chance, and two environment variables to replay or explore:
 *
 *   PROPERTY_SEED=<integer>   run with that seed (the one a failure printed) instead of the fixed one
 *   PROPERTY_SEED=random      a new seed per property (exploring); a failure prints it
 *   PROPERTY_RUNS=<integer>   number of cases per property instead of each test's own count
 *
 * A failure throws fast-check's report (seed, path, shrunk counterexample) followed by the line
 * that replays it: `PROPERTY_SEED=<seed> npx vitest run <file> -t "<test name>"`.
 * docs/TESTING.md has the how-to.
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/** The seed CI uses when PROPERTY_SEED is not set and the test names none of its own. */
export const DEFAULT_PROPERTY_SEED = 20261204;

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '' || raw === 'random') return undefined;
  const v = Number(raw);
  if (!Number.isSafeInteger(v)) throw new Error(`${name}=${raw}: expected an integer (or, for PROPERTY_SEED, "random")`);
  return v;
}

/** The seed a property runs with: PROPERTY_SEED, else the test's own fixed seed, else the default. */
export function propertySeed(ownSeed?: number): number {
  if (process.env.PROPERTY_SEED === 'random') return (Math.random() * 2 ** 31) | 0;
  return envInt('PROPERTY_SEED') ?? ownSeed ?? DEFAULT_PROPERTY_SEED;
}

/**
 * fc.assert parameters: `numRuns` cases (or PROPERTY_RUNS), a fixed seed (or PROPERTY_SEED), and
 * a reporter that prints the replay command on failure.
 */
export function propertyRuns<T = unknown>(numRuns: number, ownSeed?: number): fc.Parameters<T> {
  const seed = propertySeed(ownSeed);
  const runs = envInt('PROPERTY_RUNS') ?? numRuns;
  if (runs < 1) throw new Error(`PROPERTY_RUNS=${runs}: expected at least 1`);
  return {
    seed,
    numRuns: runs,
    reporter(details) {
      if (!details.failed) return;
      const state = expect.getState();
      const file = state.testPath ? state.testPath.replace(`${process.cwd()}/`, '') : '<test file>';
      const name = (state.currentTestName ?? '').split(' > ').pop() ?? '';
      const runsEnv = process.env.PROPERTY_RUNS ? `PROPERTY_RUNS=${runs} ` : '';
      const replay = `PROPERTY_SEED=${details.seed} ${runsEnv}npx vitest run ${file} -t ${JSON.stringify(name)}`;
      throw new Error(`${fc.defaultReportMessage(details)}\n\nReplay: ${replay}`, { cause: details.errorInstance });
    },
  };
}
