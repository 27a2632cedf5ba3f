/**
 * `plan compare a.json b.json [c.json d.json]`: 2 to 4 scenarios side by side, every headline
 * figure of the rollup with its difference from the first (src/core/trade/compare.ts).
 */
import { type Comparison, type ComparedFigure, compareScenarios, evaluateScenario, formatFigure } from '../../core/trade';
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
import { importedOf } from './sweep';

function formatDelta(f: ComparedFigure, i: number): string {
  if (i === 0 || !f.differs) return '';
  const d = f.deltas[i];
  const r = f.ratios[i];
  const sign = d > 0 ? '+' : d < 0 ? '-' : '±';
  const pct = Number.isFinite(r) ? ` (${r >= 0 ? '+' : ''}${(r * 100).toFixed(1)} %)` : '';
  return f.unit === 'fraction' ? ` ${sign}${Math.abs(d * 100).toFixed(1)} pt` : `${pct}`;
}

export function comparisonText(c: Comparison): string {
  const w = 25;
  const head = `${'figure'.padEnd(30)}${c.scenarios.map((s) => s.name.slice(0, w - 2).padStart(w)).join('')}`;
  const rows = c.figures.map((f) => {
    const mark = f.differs ? '*' : ' ';
    const cells = f.values.map((v, i) => ` ${formatFigure(f, v)}${formatDelta(f, i)}${f.best === i ? ' ✓' : '  '}`.padStart(w));
    return `${mark} ${f.label.padEnd(28)}${cells.join('')}`;
  });
  return `${[head, ...rows, '', `* differs from ${c.scenarios[0].name}; ✓ best of the figures with a better direction`].join('\n')}\n`;
}

export const command: CommandModule = {
  usage: '<a> <b> [<c> <d>] [--mode analytic|sampled] [--json out.json|-]',
  description:
    'Compare 2 to 4 scenarios (or element files, or preset:<key>) side by side: every headline figure, the difference from\n' +
    'the first, figures that differ marked, and the best value where a figure has a better direction.',
  positionals: [
    { ...FILE_POSITIONAL, name: 'a' },
    { ...FILE_POSITIONAL, name: 'b' },
  ],
  maxPositionals: 4,
  options: {
    mode: { type: 'string', value: 'analytic|sampled', help: 'analysis of each scenario (default analytic)' },
    json: { type: 'string', value: '<file|->', help: 'write the comparison as JSON (- for stdout)' },
    ...WINDOW_OPTIONS,
    ...INPUT_OPTIONS,
    ...HELP_OPTION,
  },
  async run(ctx) {
    const v = ctx.values;
    const mode = choiceOption(v, 'mode', ['analytic', 'sampled'] as const, 'analytic') as 'analytic' | 'sampled';
    const json = stringOption(v, 'json');
    const out = ctx.output(json);
    const startMs = timeOption(v, 'start');
    const opts = {
      start: startMs === undefined ? undefined : new Date(startMs).toISOString(),
      durationMin: numberOption(v, 'duration-min', 0.01, 60 * 24 * 366),
      stepS: numberOption(v, 'step-s', 0.01, 86400),
      acceptBadChecksums: v['accept-bad-checksums'] === true,
    };
    const progress = ctx.progress('compare');
    const items = [];
    for (const [i, file] of ctx.positionals.entries()) {
      progress.update(`${i}/${ctx.positionals.length} scenarios`);
      const input = await ctx.load(file, opts);
      const f = evaluateScenario(input.scenario, mode, importedOf(input));
      items.push({ name: input.scenario.name, source: file, mode, totals: f.totals });
    }
    progress.done(`${items.length} scenarios`);
    const c = compareScenarios(items);
    out.write(json !== undefined ? `${JSON.stringify(c, null, 2)}\n` : comparisonText(c));
    await out.finish();
    return 0;
  },
};
