/**
 * `plan ephemeris <file> --ids <list|range|all> | --norad <list> --format oem|csv|stk`: states of
 * chosen satellites over a time span, as CCSDS OEM (KVN), STK `.e` or CSV (src/core/ephemeris).
 * Satellites are propagated in blocks with the column SGP4 kernel (the numbers of `plan states`)
 * and written one by one, waiting for the output between them: memory stays flat for any fleet.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ByteCsvWriter } from '../../core/csv';
import { type EphemerisFrame, oemHeader, oemSegment, parseIdList, parseNumberList, stkEphemeris, usablePoints } from '../../core/ephemeris';
import type { StateFrame } from '../../core/frames';
import { statesHeader, writeStateRows } from '../../engine/stateRows';
import {
  choiceOption,
  type CommandModule,
  FILE_POSITIONAL,
  HELP_OPTION,
  INPUT_OPTIONS,
  numberOption,
  stringOption,
  timeOption,
} from '../command';
import { UsageError } from '../common';
import { plannerVersion } from '../meta';
import type { Output } from '../output';
import { forEachSegment } from '../segments';

const FORMATS = ['oem', 'csv', 'stk'] as const;

export const command: CommandModule = {
  usage:
    '<file> (--ids <list|range|all> | --norad <list>) --format oem|csv|stk [--start <ISO>] [--duration-min N] [--step-s N] [--frame ' +
    'teme|itrf] [--out file]',
  description:
    'States of chosen satellites from --start every --step-s seconds for --duration-min minutes (defaults: the\n' +
    "input's analysis window), as a CCSDS OEM 2.0 KVN file (one segment per satellite; REF_FRAME TEME, or ITRF2000 for\n" +
    '--frame itrf; TIME_SYSTEM UTC), STK .e files (one per satellite: --out names a directory when there are several), or\n' +
    'CSV with the columns of plan states (epoch_utc on every row). A satellite whose SGP4 fails stops at the failure.',
  positionals: [FILE_POSITIONAL],
  options: {
    ids: {
      type: 'string',
      value: '<list|range|all>',
      help: 'planner satellite ids (the id column of plan states, input order from 0): 0,5,10-20 or all',
    },
    norad: { type: 'string', value: '<list>', help: 'catalogue numbers instead of ids: 25544,44713-44720' },
    format: { type: 'string', value: FORMATS.join('|'), help: 'oem (CCSDS OEM KVN), stk (.e), csv', required: true },
    start: { type: 'string', value: '<ISO time>', help: 'first point (UTC when no zone is given; default: window start)' },
    'duration-min': { type: 'string', value: '<N>', help: 'span in minutes (default: the window length)' },
    'step-s': { type: 'string', value: '<N>', help: 'seconds between points (default: the window step)' },
    frame: { type: 'string', value: 'teme|itrf', help: 'TEME (default, SGP4) or Earth-fixed ITRF (csv also takes geodetic)' },
    out: {
      type: 'string',
      short: 'o',
      value: '<file|dir>',
      help: 'write here (default: stdout; stk with several satellites: a directory)',
    },
    ...INPUT_OPTIONS,
    ...HELP_OPTION,
  },
  async run(ctx) {
    const { values, io } = ctx;
    const format = choiceOption(values, 'format', FORMATS) as (typeof FORMATS)[number];
    const frame = choiceOption(
      values,
      'frame',
      format === 'csv' ? (['teme', 'itrf', 'geodetic'] as const) : (['teme', 'itrf'] as const),
      'teme',
    ) as StateFrame;
    const idsText = stringOption(values, 'ids');
    const noradText = stringOption(values, 'norad');
    if ((idsText === undefined) === (noradText === undefined))
      throw new UsageError('ephemeris needs one of --ids <list|range|all> or --norad <list>');
    const startMs = timeOption(values, 'start');
    const durationMin = numberOption(values, 'duration-min', 0, 60 * 24 * 366);
    const stepS = numberOption(values, 'step-s', 0.001, 86400 * 30);
    const outPath = stringOption(values, 'out');
    const input = await ctx.load(ctx.positionals[0], {
      start: startMs === undefined ? undefined : new Date(startMs).toISOString(),
      durationMin: durationMin === 0 ? 0.01 : durationMin,
      stepS,
      acceptBadChecksums: values['accept-bad-checksums'] === true,
    });
    const { fleet, scenario } = input;
    let ids: number[];
    try {
      if (idsText !== undefined) ids = parseIdList(idsText, fleet.count);
      else {
        const wanted = parseNumberList(noradText as string);
        const byNorad = new Map<number, number[]>();
        for (let i = 0; i < fleet.count; i++) {
          const n = fleet.elements.noradId[i];
          if (n >= 0) byNorad.set(n, [...(byNorad.get(n) ?? []), i]);
        }
        const missing = wanted.filter((n) => !byNorad.has(n));
        if (missing.length)
          throw new Error(`catalogue number${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')} not in the input`);
        ids = wanted.flatMap((n) => byNorad.get(n) ?? []).sort((a, b) => a - b);
      }
    } catch (e) {
      throw new UsageError(`--${idsText !== undefined ? 'ids' : 'norad'}: ${(e as Error).message}`);
    }
    if (ids.length === 0) throw new UsageError('no satellites chosen');
    const t0 = Date.parse(scenario.window.start);
    const step = scenario.window.stepS;
    const steps = Math.floor(((durationMin ?? scenario.window.durationMin) * 60) / step + 1e-9) + 1;

    // Outputs: one stream, or one .e file per satellite in a directory.
    const perSatelliteFiles = format === 'stk' && ids.length > 1;
    if (perSatelliteFiles) {
      if (outPath === undefined || outPath === '-')
        throw new UsageError('stk with several satellites writes one .e file each: --out <directory>');
      try {
        mkdirSync(outPath, { recursive: true });
        if (!statSync(outPath).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      } catch (e) {
        throw new UsageError(`cannot write ${outPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    const out: Output | null = perSatelliteFiles ? null : ctx.output(outPath);
    const version = plannerVersion() ?? 'unknown';
    const csv = format === 'csv' && out ? new ByteCsvWriter((c) => out.write(c)) : null;
    if (format === 'oem' && out)
      out.write(
        oemHeader({
          creationMs: Date.now(),
          originator: 'ORBITAL-DC-PLANNER',
          comment: `orbital-dc-planner ${version}: ${input.scenario.name}`,
        }),
      );
    if (csv) csv.text(statesHeader(frame)).newline();

    const progress = ctx.progress('ephemeris');
    let written = 0;
    let endedEarly = 0;
    let empty = 0;
    let points = 0;
    // CSV converts TEME itself (the rows of plan states); OEM and STK take the frame's states.
    const spanFrame = format === 'csv' ? 'teme' : (frame as EphemerisFrame);
    await forEachSegment(
      fleet,
      ids,
      { startMs: t0, stepS: step, steps, frame: spanFrame },
      async (seg) => {
        const id = seg.id;
        const usable = usablePoints(seg);
        if (usable === 0) empty++;
        else if (usable < steps) endedEarly++;
        if (csv) {
          // The rows of plan states, one per time (failed points included, with their error code).
          const nameOf = () => seg.name;
          const norad = fleet.elements.noradId.subarray(id, id + 1);
          for (let k = 0; k < steps; k++)
            writeStateRows(
              csv,
              1,
              id,
              nameOf,
              norad,
              seg.p.subarray(3 * k, 3 * k + 3),
              seg.v.subarray(3 * k, 3 * k + 3),
              seg.error.subarray(k, k + 1),
              {
                atMs: t0 + k * step * 1000,
                frame,
              },
            );
          csv.flush();
          await out?.drain();
        } else if (format === 'oem' && out) await out.put(oemSegment(seg));
        else if (usable > 0) {
          const text = stkEphemeris(seg, { writtenBy: `orbital-dc-planner ${version}` });
          const file = perSatelliteFiles
            ? ctx.output(join(outPath as string, `${id}-${seg.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)}.e`))
            : out;
          await file?.put(text);
          if (perSatelliteFiles) await file?.finish();
        }
        if (usable > 0) written++;
        points += format === 'csv' ? steps : usable;
      },
      (n) => progress.update(`${n.toLocaleString('en-US')}/${ids.length.toLocaleString('en-US')} satellites`),
    );
    await out?.finish();
    io.stderr(
      `ephemeris: ${written} of ${ids.length} satellites, ${points.toLocaleString('en-US')} points (${format}, ${frame}) ` +
        `from ${new Date(t0).toISOString()} every ${step} s${out?.toFile || perSatelliteFiles ? ` to ${outPath}` : ''}` +
        (endedEarly ? `; ${endedEarly} end early (SGP4 error)` : '') +
        (empty ? `; ${empty} without a usable point${format === 'csv' ? '' : ' (left out)'}` : '') +
        '\n',
    );
    return 0;
  },
};
