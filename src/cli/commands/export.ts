/** `plan export <file> --format ...`: the fleet's mean elements for other tools (src/core/fleet/export.ts). */
import { EXPORT_FORMATS, type ExportFormat } from '../../core/fleet/export';
import { choiceOption, type CommandModule, FILE_POSITIONAL, HELP_OPTION, INPUT_OPTIONS, numberOption, stringOption } from '../command';
import { UsageError } from '../common';

export const command: CommandModule = {
  usage: `<file> --format ${EXPORT_FORMATS.join('|')} [--out file] [--first-id N]`,
  description:
    "The fleet's mean elements (generated shells included) in fleet order, named <shell>-P<plane>-S<slot> for generated\n" +
    'satellites. OMM reads back to the same doubles; TLE keeps its printed precision and numbers satellites without a\n' +
    'catalogue number from --first-id (Alpha-5: at most 339,999; the rest are skipped and counted on stderr).',
  positionals: [FILE_POSITIONAL],
  options: {
    format: { type: 'string', value: EXPORT_FORMATS.join('|'), help: 'the element format to write', required: true },
    out: { type: 'string', short: 'o', value: '<file>', help: 'write to this file (default: stdout)' },
    'first-id': { type: 'string', value: '<N>', help: 'TLE: first catalogue number for satellites without one (default 1)' },
    ...INPUT_OPTIONS,
    ...HELP_OPTION,
  },
  async run(ctx) {
    const { values, io } = ctx;
    const format = choiceOption(values, 'format', EXPORT_FORMATS) as ExportFormat;
    const firstId = numberOption(values, 'first-id', 0, 339_999, true);
    const out = ctx.output(stringOption(values, 'out'));
    const input = await ctx.load(ctx.positionals[0], { acceptBadChecksums: values['accept-bad-checksums'] === true });
    const { exportFleetSlices } = await import('../../core/fleet/export');
    const progress = ctx.progress('export');
    const it = exportFleetSlices(input.fleet, format, { firstId });
    let r: import('../../core/fleet/export').ExportResult;
    for (;;) {
      const step = it.next();
      if (step.done) {
        r = step.value;
        break;
      }
      await out.put(step.value.text);
      progress.update(`${step.value.done.toLocaleString('en-US')}/${input.fleet.count.toLocaleString('en-US')} satellites`);
    }
    await out.finish();
    const first = r.skipped[0];
    io.stderr(
      `export: ${r.written} of ${input.fleet.count} satellites written as ${format}${out.toFile ? ` to ${out.name}` : ''}` +
        (r.skipped.length ? `; ${r.skipped.length} skipped (first: satellite ${first.record - 1}: ${first.reason})` : '') +
        (r.warnings.length ? `; ${r.warnings.length} with warnings` : '') +
        '\n',
    );
    if (r.written === 0 && input.fleet.count > 0) throw new UsageError(`nothing could be written as ${format}`);
    return 0;
  },
};
