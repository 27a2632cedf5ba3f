import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../../src/cli/main';
import { buildFleet } from '../../../../src/core/fleet/generators';
import { presetScenario } from '../../../../src/core/presets';
import { buildReportHtml, reportFindings } from '../../../../src/core/report/html';
import { histogram } from '../../../../src/core/report/chartMath';
import { histogramSvg, lineChartSvg } from '../../../../src/core/report/svgCharts';
import { runAnalysis } from '../../../../src/core/report/run';
import { parseFieldComments } from '../../../../src/core/scenario/fieldMeta';
import type { Scenario } from '../../../../src/core/scenario/schema';

const designSource = readFileSync(new URL('../../../../src/core/scenario/design.ts', import.meta.url), 'utf8');

function report(scenario: Scenario, extra: Partial<Parameters<typeof buildReportHtml>[0]> = {}) {
  const fleet = buildFleet(scenario);
  const run = runAnalysis(fleet, scenario, 'analytic');
  const html = buildReportHtml({ scenario, fleet, run, generatedAtMs: Date.UTC(2026, 10, 22), source: 'test', ...extra });
  return { fleet, run, html };
}

describe('feasibility report (HTML)', () => {
  it('carries the rollup figures, every shell, five charts, the constellation map and no script', () => {
    const sc = presetScenario('colossus-300mw')!;
    const { run, html } = report(sc, { designSources: parseFieldComments(designSource) });
    const t = run.rollup.totals;
    // headline: the exact figure as data, and rounded on the page
    const m = /data-figure="computeGW" data-value="([^"]+)"/.exec(html);
    expect(Number(m?.[1])).toBe(t.computeGW);
    expect(t.computeGW).toBeGreaterThan(0.25); // 300 x 1 MW design: a few hundred MW of compute
    for (const s of run.rollup.shells) expect(html).toContain(`<td class="l">${s.name}</td>`);
    expect(html.match(/<svg xmlns/g)?.length).toBe(7); // five charts, the capacity ramp and the map
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // nothing fetched
    // design table shows the source of each default, from the schema's doc comments
    expect(html).toContain('PHYSICS.md Electrical power: triple-junction 0.298 mean.');
    // the scenario rides along for reproducibility (escaped JSON)
    expect(html).toContain(`&quot;name&quot;: &quot;${sc.name}&quot;`);
  });

  it('escapes everything the user typed', () => {
    const sc = presetScenario('suncatcher')!;
    const hostile = {
      ...sc,
      name: '<script>alert(1)</script> & "x"',
      shells: sc.shells.map((s) => ({ ...s, name: `<img src=x onerror=alert(1)>${s.name}` })),
    } as Scenario;
    const { html } = report(hostile);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  });

  it('states the findings the numbers support', () => {
    const sc = presetScenario('orbital-compute-1m')!;
    // the default's shells at a tenth of the size keep their physics (same designs and orbits)
    const small = {
      ...sc,
      shells: sc.shells.map((s) =>
        s.kind === 'walker-delta' || s.kind === 'walker-star'
          ? { ...s, totalSatellites: s.totalSatellites / 25, planes: s.planes / 25 }
          : s.kind === 'sso-dawn-dusk'
            ? { ...s, planes: s.planes / 25 }
            : s,
      ),
    } as Scenario;
    const fleet = buildFleet(small);
    const run = runAnalysis(fleet, small, 'analytic');
    const f = reportFindings(run.rollup).join('\n');
    const power = run.rollup.shells.filter((s) => s.binding === 'power').map((s) => s.name);
    expect(power.length).toBeGreaterThan(0); // the low 30-degree shells cannot power the full load through eclipse
    expect(f).toContain(`Power-limited shells (array too small for the load through eclipse): ${power.join(', ')}.`);
    expect(f).toContain(`${(run.rollup.totals.powerThermalFeasibleShare * 100).toFixed(1)} % of the satellites have both`);
    expect(f).toContain(`${(run.rollup.totals.feasibleShare * 100).toFixed(1)} % of the satellites pass every check`);
  });

  it('leaves huge imported element texts out of the embedded scenario and says so', () => {
    const sc = presetScenario('suncatcher')!;
    const big = {
      ...sc,
      shells: [
        ...sc.shells,
        {
          id: 'imp',
          name: 'imported',
          kind: 'imported',
          designId: sc.designs[0].id,
          enabled: false,
          source: 'big.tle',
          text: 'x'.repeat(2_100_000),
          acceptBadChecksums: false,
        },
      ],
    } as Scenario;
    const { html } = report(big);
    expect(html).toContain('[2,100,000 characters of element text left out]');
    expect(html.length).toBeLessThan(200_000);
  });
});

describe('report charts (SVG strings)', () => {
  it('draws one bar per non-empty bin and a zero marker; says "no data" when empty', () => {
    const h = histogram(Float64Array.from([-2, -1, -1, 0.5, 3, 3, 3]), 5);
    const svg = histogramSvg(h, { title: 'Power margin', xLabel: 'kW', marker: { value: 0, label: '0' } });
    const nonEmpty = Array.from(h.counts).filter((c) => c > 0).length;
    expect(svg.match(/<rect x=/g)?.length).toBe(nonEmpty);
    expect(svg).toContain('stroke-dasharray');
    expect(histogramSvg(histogram(new Float64Array([NaN]), 5), { title: 't', xLabel: 'x' })).toContain('no data');
  });

  it('puts a legend beside a multi-series line chart and maps y into the plot', () => {
    const svg = lineChartSvg(
      [
        { label: 'a', x: [0, 1, 2], y: [0, 0.5, 1] },
        { label: 'b', x: [0, 1, 2], y: [1, 0.5, 0] },
      ],
      { title: 'T', xLabel: 'x', yLabel: 'y', width: 400, height: 200, yRange: [0, 1] },
    );
    expect(svg.match(/<path /g)?.length).toBe(2);
    expect(svg).toContain('>a</text>');
    expect(svg).toContain('>b</text>');
    // series a starts at y = 0 (bottom of the plot: height - bottom margin 38) and ends at 1 (top margin 24)
    expect(svg).toMatch(/<path d="M52\.0 162\.0L[\d.]+ 93\.0L276\.0 24\.0"/);
  });
});

describe('plan report', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'plan-report-'));
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { stdout: (s: string) => out.push(s) > 0, stderr: (s: string) => err.push(s) > 0 }, out, err };
  };

  it('writes the report with the same compute figure as plan analyze --json', async () => {
    const a = capture();
    expect(await main(['analyze', 'preset:starlink-72x22', '--json', '-'], a.io)).toBe(0);
    const gw = JSON.parse(a.out.join('')).totals.computeGW as number;
    const r = capture();
    const out = join(tmp, 'r.html');
    expect(await main(['report', 'preset:starlink-72x22', '--out', out], r.io)).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(Number(/data-value="([^"]+)"/.exec(html)?.[1])).toBe(gw);
    expect(html).toContain('Starlink-like 72x22');
    expect(html).toContain('SMAD 11.4: peak-power tracking'); // design sources read from the schema source
    expect(r.err.join('')).toMatch(/wrote the analytic feasibility report \(html\) to .*r\.html/);
  });

  it('refuses analyze-only options with exit code 2 and one line', async () => {
    const r = capture();
    expect(await main(['report', 'preset:suncatcher', '--json', '-'], r.io)).toBe(2);
    expect(r.err.join('')).toBe('plan: --json belongs to analyze; report writes one file (--out, --format json for the figures)\n');
  });
});
