/** `plan export <file> --format ...`: the fleet's mean elements for other tools (src/core/fleet/export.ts). */
import { EXPORT_FORMATS, type ExportFormat } from '../../core/fleet/export';
import {
  choiceOption,
  type CommandModule,
  FILE_POSITIONAL,
  HELP_OPTION,
  INPUT_OPTIONS,
  numberOption,
  stringOption,
  timeOption,
  WINDOW_OPTIONS,
} from '../command';
import { UsageError } from '../common';

const SCENE_FORMATS = ['czml', 'geojson'] as const;
type SceneFormat = (typeof SCENE_FORMATS)[number];

export const command: CommandModule = {
  usage:
    `<file> --format ${[...EXPORT_FORMATS, ...SCENE_FORMATS].join('|')} [--out file] [--first-id N] [--every N] [--start <ISO>] ` +
    `[--duration-min N] [--step-s N]`,
  description:
    "Element formats: the fleet's mean elements (generated shells included) in fleet order, named <shell>-P<plane>-S<slot>\n" +
    'for generated satellites. OMM reads back to the same doubles; TLE keeps its printed precision and numbers satellites\n' +
    'without a catalogue number from --first-id (Alpha-5: at most 339,999; the rest are skipped and counted on stderr).\n' +
    'omm-kvn: CCSDS 502.0-B-3 keyword = value text, one OMM message per satellite (TEME, UTC, SGP4).\n' +
    'czml: a Cesium scene (document packet with the clock over the window, one packet per satellite with Earth-fixed\n' +
    'samples every --step-s). geojson: RFC 7946 sub-satellite tracks (cut at the antimeridian), ground stations and their\n' +
    'visibility circles. Thin big fleets with --every N and a larger --step-s.',
  positionals: [FILE_POSITIONAL],
  options: {
    format: { type: 'string', value: [...EXPORT_FORMATS, ...SCENE_FORMATS].join('|'), help: 'the format to write', required: true },
    out: { type: 'string', short: 'o', value: '<file>', help: 'write to this file (default: stdout)' },
    'first-id': { type: 'string', value: '<N>', help: 'TLE: first catalogue number for satellites without one (default 1)' },
    ...WINDOW_OPTIONS,
    every: { type: 'string', value: '<N>', help: 'czml, geojson: every Nth satellite only (default 1: all)' },
    'circle-altitude-km': {
      type: 'string',
      value: '<N>',
      help: 'geojson: satellite altitude for the visibility circles (default: median of the fleet)',
    },
    ...INPUT_OPTIONS,
    ...HELP_OPTION,
  },
  async run(ctx) {
    const { values, io } = ctx;
    const format = choiceOption(values, 'format', [...EXPORT_FORMATS, ...SCENE_FORMATS]) as ExportFormat | SceneFormat;
    const firstId = numberOption(values, 'first-id', 0, 339_999, true);
    const startMs = timeOption(values, 'start');
    const out = ctx.output(stringOption(values, 'out'));
    const input = await ctx.load(ctx.positionals[0], {
      acceptBadChecksums: values['accept-bad-checksums'] === true,
      start: startMs === undefined ? undefined : new Date(startMs).toISOString(),
      durationMin: numberOption(values, 'duration-min', 0.01, 60 * 24 * 366),
      stepS: numberOption(values, 'step-s', 0.01, 86400),
    });
    if (format === 'czml' || format === 'geojson') {
      const { runSceneExport } = await import('../sceneExport');
      await runSceneExport(ctx, input, format, out);
      return 0;
    }
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
