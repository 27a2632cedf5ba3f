/** `plan states <file> --at <ISO>`: the state of every satellite at one time, as CSV in input order (see ../states.ts). */
import { availableParallelism } from 'node:os';
import { STATE_FRAMES, type StateFrame } from '../../core/frames';
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
import { reportImports } from '../common';

export const command: CommandModule = {
  usage: '<file> --at <ISO time> [--frame teme|itrf|geodetic] [--out file.csv] [--workers N] [--accept-bad-checksums]',
  description:
    'The state of every satellite at one time, one CSV row each in input order:\n' +
    '  teme, itrf: id,name,norad,epoch_utc,frame,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error\n' +
    '  geodetic:   id,name,norad,epoch_utc,frame,lat_deg,lon_deg,alt_km,error   (WGS-84)\n' +
    'error: 0 or the SGP4 error code; failed rows have empty states. ITRF is TEME rotated by GMST (polar motion and\n' +
    'UT1-UTC neglected: good to about 0.5 km; src/core/frames.ts).',
  positionals: [FILE_POSITIONAL],
  options: {
    at: { type: 'string', value: '<ISO time>', help: 'the time of the states (UTC when no zone is given)', required: true },
    frame: { type: 'string', value: 'teme|itrf|geodetic', help: 'frame of the states (default teme, as SGP4 gives them)' },
    out: { type: 'string', short: 'o', value: '<file>', help: 'write the CSV to this file (default: stdout)' },
    workers: {
      type: 'string',
      value: '<N>',
      help: 'threads: a TLE file of 4 MB or more is cut into N parts (default: one per core); 0 = this thread only',
    },
    ...INPUT_OPTIONS,
    ...HELP_OPTION,
  },
  async run(ctx) {
    const { values, io } = ctx;
    const [file] = ctx.positionals;
    const atMs = timeOption(values, 'at') as number;
    const frame = choiceOption(values, 'frame', STATE_FRAMES, 'teme') as StateFrame;
    const workers = numberOption(values, 'workers', 0, 64, true);
    const accept = values['accept-bad-checksums'] === true;
    const out = ctx.output(stringOption(values, 'out'));
    // Large TLE files: one worker per core reads, propagates and formats its own part
    // (statesParallel.ts); everything else, or --workers 0/1, goes through the shared load step.
    const { runStatesParallel } = await import('../statesParallel');
    const parallel =
      file.startsWith('preset:') || file === '-'
        ? null
        : await runStatesParallel(
            file,
            atMs,
            { workers: workers ?? availableParallelism(), acceptBadChecksums: accept, frame },
            (imports) => reportImports(imports, io.stderr),
            out,
          );
    let r: { rows: number; failed: number };
    if (parallel) r = parallel;
    else {
      const input = await ctx.load(file, { acceptBadChecksums: accept });
      const { runStates } = await import('../states');
      r = await runStates(input, atMs, out, workers ?? 0, frame);
    }
    await out.finish();
    if (out.toFile) io.stderr(`wrote ${r.rows} states to ${out.name}${r.failed ? ` (${r.failed} with SGP4 errors)` : ''}\n`);
    return 0;
  },
};
