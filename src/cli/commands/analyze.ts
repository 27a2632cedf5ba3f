/** `plan analyze <file>`: the capacity rollup (text summary, JSON, per-satellite CSV); the work is in ../analyze.ts. */
import { availableParallelism } from 'node:os';
import {
  choiceOption,
  type CommandContext,
  type CommandModule,
  FILE_POSITIONAL,
  HELP_OPTION,
  INPUT_OPTIONS,
  numberOption,
  type OptionTable,
  timeOption,
  WINDOW_OPTIONS,
  WORKERS_OPTION,
  stringOption,
} from '../command';
import type { AnalyzeOutput } from '../analyze';
import type { LoadedInput } from '../input';

/** Options of the analysis itself, shared with `report`. */
export const ANALYSIS_OPTIONS: OptionTable = {
  mode: { type: 'string', value: 'analytic|sampled', help: 'closed-form analysis (default) or propagated sampling over the window' },
  ...WINDOW_OPTIONS,
  ...WORKERS_OPTION,
  ...INPUT_OPTIONS,
};

/** Loads the input with the window options and runs the analysis (analyze and report). */
export async function loadAndAnalyze(
  ctx: CommandContext,
): Promise<{ input: LoadedInput; result: AnalyzeOutput; mode: 'analytic' | 'sampled' }> {
  const { values } = ctx;
  const mode = choiceOption(values, 'mode', ['analytic', 'sampled'] as const, 'analytic') as 'analytic' | 'sampled';
  const startMs = timeOption(values, 'start');
  const durationMin = numberOption(values, 'duration-min', 0.01, 60 * 24 * 366);
  const stepS = numberOption(values, 'step-s', 0.01, 86400);
  const workersFlag = numberOption(values, 'workers', 0, 64, true);
  const input = await ctx.load(ctx.positionals[0], {
    start: startMs === undefined ? undefined : new Date(startMs).toISOString(),
    durationMin,
    stepS,
    acceptBadChecksums: values['accept-bad-checksums'] === true,
  });
  const { runAnalyze } = await import('../analyze');
  // Sampled passes run on one worker thread per core unless --workers says otherwise (0 = this thread).
  const workers = workersFlag ?? (mode === 'sampled' && input.fleet.count >= 20_000 ? availableParallelism() : 0);
  const result = await runAnalyze(input, mode, { workers, progress: ctx.progress('analyze') });
  return { input, result, mode };
}

export const command: CommandModule = {
  usage:
    '<file> [--mode analytic|sampled] [--start <ISO>] [--duration-min N] [--step-s N] [--json out.json|-] [--csv per-satellite.csv] ' +
    '[--workers N]',
  description:
    'Capacity rollup of a scenario or element file: compute that runs, power, heat, eclipse, latency, mass and cost.\n' +
    'Prints a summary, or with --json one JSON document; --csv writes one row per satellite in input order.',
  misplaced: { out: 'belongs to states and report; analyze writes --json and --csv' },
  positionals: [FILE_POSITIONAL],
  options: {
    ...ANALYSIS_OPTIONS,
    json: { type: 'string', value: '<file|->', help: 'write the summary as JSON to a file, or - for stdout (instead of the text summary)' },
    csv: { type: 'string', value: '<file|->', help: 'write the per-satellite CSV to a file (- for stdout)' },
    ...HELP_OPTION,
  },
  async run(ctx) {
    const json = stringOption(ctx.values, 'json');
    const csv = stringOption(ctx.values, 'csv');
    // Outputs are opened before the analysis: an unwritable path fails at once, not after it.
    const jsonOut = ctx.output(json);
    const csvOut = csv === undefined ? undefined : ctx.output(csv);
    const { result } = await loadAndAnalyze(ctx);
    if (json !== undefined) jsonOut.write(JSON.stringify(result.summary, null, 2) + '\n');
    else jsonOut.write(result.text);
    await jsonOut.finish();
    if (csvOut) {
      await result.writeCsv(csvOut);
      await csvOut.finish();
    }
    return 0;
  },
};
