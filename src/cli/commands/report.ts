/**
 * `plan report <file>`: the feasibility report as PDF, HTML, per-shell CSV or JSON, all from one
 * report model (src/core/report/model.ts). The format comes from --format or the --out extension
 * (.pdf, .html/.htm, .csv, .json); without either the HTML goes to stdout. The PDF's fonts are the
 * DejaVu TTFs of the dejavu-fonts-ttf package (read from node_modules; nothing is downloaded).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname } from 'node:path';
import { choiceOption, type CommandModule, FILE_POSITIONAL, HELP_OPTION, stringOption } from '../command';
import { UsageError } from '../common';
import { designSources, plannerVersion } from '../meta';
import { ANALYSIS_OPTIONS, loadAndAnalyze } from './analyze';

export const REPORT_FORMATS = ['pdf', 'html', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const EXT: Record<string, ReportFormat> = { '.pdf': 'pdf', '.html': 'html', '.htm': 'html', '.csv': 'csv', '.json': 'json' };

/** The format of a report: --format, else the extension of --out, else (stdout, no extension) HTML. */
export function reportFormat(format: ReportFormat | undefined, out: string | undefined): ReportFormat {
  if (format) return format;
  const ext = out === undefined || out === '-' ? '' : extname(out).toLowerCase();
  if (ext === '') return 'html';
  const f = EXT[ext];
  if (!f)
    throw new UsageError(
      `cannot tell the report format from "${basename(out as string)}": name it .pdf, .html, .csv or .json, or give --format ` +
        `pdf|html|csv|json`,
    );
  return f;
}

/** The DejaVu fonts for the PDF, from the installed dejavu-fonts-ttf package. */
export function reportFonts(): { regular: Uint8Array; bold: Uint8Array; mono: Uint8Array } {
  const req = createRequire(import.meta.url);
  const read = (name: string) => {
    try {
      return new Uint8Array(readFileSync(req.resolve(`dejavu-fonts-ttf/ttf/${name}`)));
    } catch (e) {
      throw new UsageError(
        `the PDF needs the font ${name} of the dejavu-fonts-ttf package (${(e as NodeJS.ErrnoException).code ?? e}); run npm install`,
      );
    }
  };
  return { regular: read('DejaVuSans.ttf'), bold: read('DejaVuSans-Bold.ttf'), mono: read('DejaVuSansMono.ttf') };
}

export const command: CommandModule = {
  usage:
    '<file> [--out report.pdf|report.html|shells.csv|report.json] [--format pdf|html|csv|json] [--paper a4|letter] [--mode ' +
    'analytic|sampled] [--start <ISO>] [--duration-min N] [--step-s N] [--workers N]',
  description:
    'Runs the same analysis as `plan analyze` and writes the feasibility report. PDF: embedded fonts, vector charts,\n' +
    'a map of the constellation, contents with page numbers and bookmarks, "Page N of M". HTML: one file with no scripts\n' +
    'and nothing fetched. CSV: one row per shell and a total row. JSON: every figure of the report (docs/REPORT.md).\n' +
    'The format is --format, else the extension of --out; without either, HTML on stdout.',
  misplaced: {
    json: 'belongs to analyze; report writes one file (--out, --format json for the figures)',
    csv: 'belongs to analyze; report writes one file (--out, --format csv for the per-shell table)',
  },
  positionals: [FILE_POSITIONAL],
  options: {
    ...ANALYSIS_OPTIONS,
    out: { type: 'string', short: 'o', value: '<file>', help: 'write the report to this file (default: stdout)' },
    format: { type: 'string', value: 'pdf|html|csv|json', help: 'report format (default: from the --out extension, else html)' },
    paper: { type: 'string', value: 'a4|letter', help: 'PDF page size (default a4)' },
    'share-base': {
      type: 'string',
      value: '<URL>',
      help: "the planner's address for the share link in the report (default: the link's #s=... part alone)",
    },
    compare: {
      type: 'string',
      value: '<file,...>',
      help: 'add an appendix comparing this scenario with 1 to 3 others (scenario files, element files or preset:<key>)',
    },
    ...HELP_OPTION,
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    const outName = stringOption(ctx.values, 'out');
    const format = reportFormat(choiceOption(ctx.values, 'format', REPORT_FORMATS), outName);
    const paper = choiceOption(ctx.values, 'paper', ['a4', 'letter'] as const, 'a4')!;
    if (ctx.values.paper !== undefined && format !== 'pdf') throw new UsageError(`--paper is for the PDF report (this one is ${format})`);
    const shareBase = stringOption(ctx.values, 'share-base');
    // fonts and the output first: a missing font or an unwritable path fails before the analysis
    const fonts = format === 'pdf' ? reportFonts() : undefined;
    const out = ctx.output(outName);
    const compareFiles = (stringOption(ctx.values, 'compare') ?? '').split(',').filter((f) => f.trim() !== '');
    if (compareFiles.length > 3) throw new UsageError(`--compare takes 1 to 3 other scenarios (got ${compareFiles.length})`);
    const { input, result, mode } = await loadAndAnalyze(ctx);
    let comparison: import('../../core/trade/compare').Comparison | undefined;
    if (compareFiles.length) {
      const [{ compareScenarios }, { evaluateScenario }, { importedOf }] = await Promise.all([
        import('../../core/trade/compare'),
        import('../../core/trade/sweep'),
        import('./sweep'),
      ]);
      const others = [];
      for (const f of compareFiles) {
        const o = await ctx.load(f.trim());
        others.push({
          name: o.scenario.name,
          source: f.trim(),
          mode: 'analytic',
          totals: evaluateScenario(o.scenario, 'analytic', importedOf(o)).totals,
        });
      }
      comparison = compareScenarios([{ name: input.scenario.name, source: file, mode, totals: result.summary.totals }, ...others]);
    }
    const [{ buildReportModel, reportData }, { loadLand }, { reportShare }] = await Promise.all([
      import('../../core/report/model'),
      import('../../core/report/constellationMap'),
      import('../../core/report/shareLink'),
    ]);
    const reportInput = {
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
      land: format === 'pdf' || format === 'html' ? await loadLand() : undefined,
      share: reportShare(input.scenario, shareBase),
      comparison,
    };
    if (format === 'csv') {
      const { shellCsv } = await import('../../core/report/json');
      await out.put(shellCsv(reportInput));
    } else {
      const data = reportData(reportInput);
      if (format === 'json') {
        const { reportJson } = await import('../../core/report/json');
        await out.put(`${JSON.stringify(reportJson(reportInput, data), null, 2)}\n`);
      } else if (format === 'html') {
        const { renderReportHtml } = await import('../../core/report/html');
        await out.put(renderReportHtml(buildReportModel(reportInput, data)));
      } else {
        const { renderReportPdf } = await import('../../engine/report/pdf');
        const pdf = await renderReportPdf(buildReportModel(reportInput, data), {
          fonts: fonts!,
          paper,
          createdAtMs: reportInput.generatedAtMs,
        });
        await out.put(pdf);
      }
    }
    await out.finish();
    if (out.toFile)
      ctx.io.stderr(
        `wrote the ${mode} feasibility report (${format}${format === 'pdf' ? `, ${paper}` : ''}) to ${out.name} ` +
          `(${(out.bytes / 1024).toFixed(0)} KiB)\n`,
      );
    return 0;
  },
};
