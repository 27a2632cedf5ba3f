/** `plan report <file>`: the feasibility report as one self-contained HTML file (src/core/report/html.ts). */
import { basename } from 'node:path';
import { type CommandModule, FILE_POSITIONAL, HELP_OPTION, stringOption } from '../command';
import { designSources, plannerVersion } from '../meta';
import { ANALYSIS_OPTIONS, loadAndAnalyze } from './analyze';

export const command: CommandModule = {
  usage: '<file> [--mode analytic|sampled] [--start <ISO>] [--duration-min N] [--step-s N] [--out report.html] [--workers N]',
  description:
    'Runs the same analysis as `plan analyze` and writes the feasibility report: one HTML file with no scripts, nothing\n' +
    'fetched, that prints well (headline figures, findings, tables, charts, designs with the source of every default).',
  misplaced: {
    json: 'belongs to analyze; report writes one HTML file (--out)',
    csv: 'belongs to analyze; report writes one HTML file (--out)',
  },
  positionals: [FILE_POSITIONAL],
  options: {
    ...ANALYSIS_OPTIONS,
    out: { type: 'string', short: 'o', value: '<file>', help: 'write the report to this file (default: stdout)' },
    ...HELP_OPTION,
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    const out = ctx.output(stringOption(ctx.values, 'out'));
    const { input, result, mode } = await loadAndAnalyze(ctx);
    const { buildReportHtml } = await import('../../core/report/html');
    const html = buildReportHtml({
      scenario: input.scenario,
      fleet: input.fleet,
      run: result.run,
      generatedAtMs: Date.now(),
      source: file.startsWith('preset:')
        ? file
        : `${input.kind === 'scenario' ? 'scenario file' : 'element file'} ${file === '-' ? 'stdin' : basename(file)}`,
      rejectedRecords: result.summary.rejected,
      designSources: designSources(),
      version: plannerVersion(),
    });
    await out.put(html);
    await out.finish();
    if (out.toFile) ctx.io.stderr(`wrote the ${mode} feasibility report to ${out.name} (${(out.bytes / 1024).toFixed(0)} KiB)\n`);
    return 0;
  },
};
