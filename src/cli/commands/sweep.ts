/**
 * `plan sweep <file> --param <path> --from A --to B --steps N [--param2 ...]`: a trade study.
 * Each point is the scenario with the field(s) set to the point's value, analysed exactly as
 * `plan analyze` does (src/core/trade/sweep.ts); `--optimise` adds the bracketing search for
 * the best value of one parameter (src/core/trade/optimise.ts).
 */
import type { ElementColumns } from '../../core/elements/columns';
import { fmtPowerGW, fmtUsd } from '../../core/format';
import type { Scenario } from '../../core/scenario/schema';
import {
  evaluateScenario,
  isObjective,
  OBJECTIVES,
  type Objective,
  type OptimumResult,
  optimiseAxis,
  parseImportedShells,
  planSweep,
  axisPointEvaluator,
  runSweep,
  type SweepAxis,
  sweepDocument,
  type SweepPoint,
} from '../../core/trade';
import { csvField } from '../../core/csv';
import {
  choiceOption,
  type CommandContext,
  type CommandModule,
  FILE_POSITIONAL,
  HELP_OPTION,
  INPUT_OPTIONS,
  numberOption,
  refuse,
  stringOption,
  timeOption,
  WINDOW_OPTIONS,
} from '../command';
import { UsageError } from '../common';
import type { LoadedInput } from '../input';

const OBJECTIVE_NAMES = Object.keys(OBJECTIVES) as Objective[];

function axisFrom(ctx: CommandContext, suffix: '' | '2'): SweepAxis | undefined {
  const v = ctx.values;
  const path = stringOption(v, `param${suffix}`);
  const names = [`from${suffix}`, `to${suffix}`, `steps${suffix}`];
  if (path === undefined) {
    refuse(v, names, `needs --param${suffix}`);
    return undefined;
  }
  for (const n of names) if (stringOption(v, n) === undefined) throw new UsageError(`--param${suffix} needs --${n}`);
  const num = (n: string) => {
    const s = stringOption(v, n) as string;
    const x = s.trim() === '' ? Number.NaN : Number(s.replace(/_/g, ''));
    if (!Number.isFinite(x)) throw new UsageError(`--${n}: "${s}" is not a number`);
    return x;
  };
  const steps = numberOption(v, `steps${suffix}`, 1, 10_000, true) as number;
  return { path, from: num(`from${suffix}`), to: num(`to${suffix}`), steps };
}

/** Imported element columns of the input, parsed once for every variant. */
export function importedOf(input: LoadedInput): Map<string, ElementColumns> {
  if (input.kind === 'elements') return new Map([[input.scenario.shells[0].id, input.fleet.elements]]);
  return parseImportedShells(input.scenario);
}

const SWEEP_CSV_HEADER = [
  'value',
  'valid',
  'error',
  'satellites',
  'compute_gw',
  'installed_compute_gw',
  'usable_power_gw',
  'feasible_share',
  'binding',
  'latency_p50_ms',
  'mass_to_orbit_t',
  'total_cost_usd',
  'cost_per_gw_usd',
  'compute_per_tonne_mw_per_t',
  'power_margin_mean_w',
  'thermal_margin_mean_w',
];

function csvNum(x: number | undefined, digits = 9): string {
  return x === undefined || !Number.isFinite(x) ? '' : String(Number(x.toPrecision(digits)));
}

export function sweepCsv(points: readonly SweepPoint[], twoAxes: boolean): string {
  const header = twoAxes ? ['value', 'value2', ...SWEEP_CSV_HEADER.slice(1)] : SWEEP_CSV_HEADER;
  const rows = points.map((p) => {
    const t = p.totals;
    return [
      csvNum(p.value, 12),
      ...(twoAxes ? [csvNum(p.value2, 12)] : []),
      p.valid ? 'true' : 'false',
      csvField(p.error ?? ''),
      p.satellites ?? '',
      csvNum(t?.computeGW),
      csvNum(t?.installedComputeGW),
      csvNum(t?.usablePowerGW),
      csvNum(t?.feasibleShare),
      t?.binding ?? '',
      csvNum(t?.latencyP50Ms),
      csvNum(t?.massToOrbitT),
      csvNum(t?.totalCostUsd),
      csvNum(t?.costPerGWUsd),
      csvNum(t && t.massToOrbitT > 0 ? (t.computeGW * 1000) / t.massToOrbitT : undefined),
      csvNum(p.margins?.powerMarginMeanW),
      csvNum(p.margins?.thermalMarginMeanW),
    ].join(',');
  });
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

function fmtValue(x: number | undefined): string {
  return x === undefined ? '' : Number(x.toPrecision(8)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

function sweepText(doc: ReturnType<typeof sweepDocument>, optimum: OptimumResult | undefined): string {
  const two = doc.axes.length === 2;
  const head =
    `${doc.scenario}: ${doc.mode} sweep ` +
    `of ${doc.axes.map((a) => `${a.path} (${a.label})`).join(' x ')}, ${doc.points.length} points${doc.cancelled ? ' (cancelled)' : ''}`;
  const cols =
    `${'value'.padStart(14)}${two ? 'value2'.padStart(14) : ''}  ${'compute'.padStart(12)}  ${'feasible'.padStart(8)}  ` +
    `${'binding'.padEnd(9)}  ${'p50 ms'.padStart(8)}  ${'MW/t'.padStart(8)}  cost per GW`;
  const lines = doc.points.map((p) => {
    const vals = `${fmtValue(p.value).padStart(14)}${two ? fmtValue(p.value2).padStart(14) : ''}`;
    if (!p.valid || !p.totals) return `${vals}  invalid: ${p.error ?? ''}`;
    const t = p.totals;
    const mwt = t.massToOrbitT > 0 ? ((t.computeGW * 1000) / t.massToOrbitT).toFixed(4) : 'n/a';
    return (
      `${vals}  ${fmtPowerGW(t.computeGW).padStart(12)}  ${`${(t.feasibleShare * 100).toFixed(1)} %`.padStart(8)}  ` +
      `${t.binding.padEnd(9)}  ${t.latencyP50Ms.toFixed(2).padStart(8)}  ${mwt.padStart(8)}  ${fmtUsd(t.costPerGWUsd)}`
    );
  });
  const out = [head, cols, ...lines];
  if (optimum) out.push('', optimumText(optimum));
  return `${out.join('\n')}\n`;
}

export function optimumText(o: OptimumResult): string {
  const def = OBJECTIVES[o.objective];
  const c = `feasible share >= ${(o.constraint.minFeasibleShare * 100).toFixed(1)} %`;
  if (!o.found) return `optimum (${def.sense === 'max' ? 'maximise' : 'minimise'} ${def.label}, ${c}): none: ${o.reason}`;
  const fig = o.objective === 'cost-per-gw' ? fmtUsd(o.figure ?? Number.NaN) : `${Number((o.figure ?? 0).toPrecision(6))} ${def.unit}`;
  return (
    `optimum (${def.sense === 'max' ? 'maximise' : 'minimise'} ${def.label}, ${c}): value ${fmtValue(o.value)} gives ${fig} ` +
    `(bracket ${fmtValue(o.bracket?.[0])} to ${fmtValue(o.bracket?.[1])}, ${o.evaluations.length} extra variants)`
  );
}

export const command: CommandModule = {
  usage:
    '<file> --param <path> --from A --to B --steps N [--param2 <path> --from2 A --to2 B --steps2 N] [--mode analytic|sampled]\n' +
    '            [--optimise compute-per-tonne|compute|cost-per-gw] [--min-feasible-share X] [--json out.json|- | --csv out.csv|-]',
  description:
    'Trade study: sweep one or two numeric fields of the scenario (shells[1].altitudeKm, designs[0].radiator.areaM2,\n' +
    'shells[0].planes, ...) and analyse every variant exactly as `plan analyze` does. A variant the scenario rules refuse\n' +
    '(T not a multiple of P, ...) is reported at its point and the sweep goes on. --optimise finds the value of the first\n' +
    'parameter that maximises compute per tonne or compute, or minimises cost per GW, among variants whose feasible share\n' +
    'reaches --min-feasible-share (default 0): the best sweep point and its neighbours bracket it, a golden-section\n' +
    'search narrows it. Prints a table, or with --json the document { param, axes, points: [{ value, valid, error?,\n' +
    'totals, shells }], optimum? } (totals and shells as in `plan analyze --json`), or with --csv one row per point.',
  positionals: [FILE_POSITIONAL],
  options: {
    param: { type: 'string', value: '<path>', help: 'the field to sweep, e.g. shells[0].altitudeKm', required: true },
    from: { type: 'string', value: '<A>', help: 'first value', required: true },
    to: { type: 'string', value: '<B>', help: 'last value', required: true },
    steps: { type: 'string', value: '<N>', help: 'number of values, ends included', required: true },
    param2: { type: 'string', value: '<path>', help: 'a second field (a grid of both)' },
    from2: { type: 'string', value: '<A>', help: "second field's first value" },
    to2: { type: 'string', value: '<B>', help: "second field's last value" },
    steps2: { type: 'string', value: '<N>', help: "second field's number of values" },
    mode: { type: 'string', value: 'analytic|sampled', help: 'analysis of each variant (default analytic)' },
    optimise: { type: 'string', value: OBJECTIVE_NAMES.join('|'), help: 'find the best value of --param for this figure' },
    'min-feasible-share': { type: 'string', value: '<X>', help: 'constraint for --optimise: feasible share from 0 to 1 (default 0)' },
    json: { type: 'string', value: '<file|->', help: 'write the sweep as JSON (- for stdout)' },
    csv: { type: 'string', value: '<file|->', help: 'write one CSV row per point (- for stdout)' },
    ...WINDOW_OPTIONS,
    ...INPUT_OPTIONS,
    ...HELP_OPTION,
  },
  async run(ctx) {
    const v = ctx.values;
    const a1 = axisFrom(ctx, '');
    if (!a1) throw new UsageError('sweep needs --param <path> --from A --to B --steps N');
    const a2 = axisFrom(ctx, '2');
    const mode = choiceOption(v, 'mode', ['analytic', 'sampled'] as const, 'analytic') as 'analytic' | 'sampled';
    const objectiveName = stringOption(v, 'optimise');
    if (objectiveName !== undefined && !isObjective(objectiveName))
      throw new UsageError(`--optimise must be ${OBJECTIVE_NAMES.join(', ')} (not "${objectiveName}")`);
    if (objectiveName !== undefined && a2) throw new UsageError('--optimise works on one parameter: drop --param2');
    const minFeasibleShare = numberOption(v, 'min-feasible-share', 0, 1) ?? 0;
    if (v['min-feasible-share'] !== undefined && objectiveName === undefined) throw new UsageError('--min-feasible-share needs --optimise');
    const json = stringOption(v, 'json');
    const csv = stringOption(v, 'csv');
    if (json !== undefined && csv !== undefined) throw new UsageError('--json and --csv: choose one');
    const out = ctx.output(json ?? csv);
    const startMs = timeOption(v, 'start');
    const input = await ctx.load(ctx.positionals[0], {
      start: startMs === undefined ? undefined : new Date(startMs).toISOString(),
      durationMin: numberOption(v, 'duration-min', 0.01, 60 * 24 * 366),
      stepS: numberOption(v, 'step-s', 0.01, 86400),
      acceptBadChecksums: v['accept-bad-checksums'] === true,
    });
    const base: Scenario = input.scenario;
    const planned = planSweep(base, a2 ? [a1, a2] : [a1]);
    if (!planned.ok) throw new UsageError(planned.error);
    const { plan } = planned;
    const imported = importedOf(input);
    const progress = ctx.progress('sweep');
    const evaluate = async (s: Scenario) => {
      const { cancelled: _c, ...f } = evaluateScenario(s, mode, imported);
      return f;
    };
    const result = await runSweep(plan, evaluate, {
      onPoint: (_p, _i, pr) => progress.update(`${pr.done}/${pr.total} points (${Math.round((pr.done / pr.total) * 100)} %)`),
    });
    let optimum: OptimumResult | undefined;
    if (objectiveName !== undefined && isObjective(objectiveName)) {
      const ax = plan.axes[0];
      const at = axisPointEvaluator(base, ax, evaluate);
      optimum = await optimiseAxis(ax, result.points, objectiveName, { minFeasibleShare }, (x) => {
        progress.update(`optimising: ${ax.path} = ${fmtValue(x)}`);
        return at(x);
      });
    }
    progress.done(`${result.points.length} points${optimum ? `, ${optimum.evaluations.length} more for the optimum` : ''}`);
    const doc = sweepDocument(base, plan, mode, result, optimum ? { optimum } : {});
    if (json !== undefined) out.write(`${JSON.stringify(doc, null, 2)}\n`);
    else if (csv !== undefined) out.write(sweepCsv(result.points, plan.axes.length === 2));
    else out.write(sweepText(doc, optimum));
    await out.finish();
    return 0;
  },
};
