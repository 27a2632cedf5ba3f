/**
 * The feasibility report: one self-contained HTML file (inline CSS and SVG charts, no scripts,
 * nothing fetched) that says what a constellation adds up to and why. Pure: the page (Report
 * button) and the command-line planner (`plan report`) call the same function on the same
 * analysis, so the two files carry the same numbers.
 *
 * Contents: headline gigawatts and equivalents, a plain-language verdict, totals and per-shell
 * tables, charts (margins, radiator temperature, latency CDF, eclipse fraction across the year
 * per shell), the satellite designs with the source of each default, ground stations, the
 * analysis window and method notes, and the scenario document itself for reproducibility.
 */
import type { AnalysisWindowMs, PerSatelliteMetrics } from '../analysis/analytic';
import type { Rollup, RollupFigures } from '../analysis/rollup';
import type { Fleet } from '../fleet/fleet';
import { fmtInt, fmtPct, fmtSig, fmtTonnes, fmtUsd } from '../format';
import { DESIGN_GROUP_LABELS, DESIGN_GROUPS, GROUP_SCHEMA_NAME, labelFromKey, unitFromName } from '../scenario/fieldMeta';
import type { Scenario } from '../scenario/schema';
import { cdf, eclipseAcrossYear, histogram } from './chartMath';
import { escapeXml, histogramSvg, lineChartSvg, REPORT_SERIES, type LineSeries } from './svgCharts';

export interface ReportInput {
  scenario: Scenario;
  fleet: Fleet;
  run: {
    mode: 'analytic' | 'sampled';
    window: AnalysisWindowMs;
    metrics: PerSatelliteMetrics;
    rollup: Rollup;
    notes: string[];
    cancelled: boolean;
  };
  /** When the report was made (Unix ms); shown, and the only time-dependent content. */
  generatedAtMs: number;
  /** Where the scenario came from (e.g. "workspace", "scenario file x.json", "preset:..."). */
  source: string;
  /** Rejected element records, if the fleet came from element files. */
  rejectedRecords?: number;
  /**
   * Doc comments of the design schema ("SolarArraySchema.areaM2" -> text): the source of each
   * default. Without them the design table has no source column.
   */
  designSources?: Map<string, string>;
  /** Planner version string. */
  version?: string;
}

const esc = escapeXml;
const gw = (v: number) => `${fmtSig(v, 4)} GW`;
const ms = (v: number) => (Number.isFinite(v) ? `${fmtSig(v, 3)} ms` : '–');
const BIND_TEXT: Record<string, string> = { installed: 'installed compute', power: 'power', thermal: 'heat rejection' };

function row(label: string, value: string, note = ''): string {
  return `<tr><th>${esc(label)}</th><td>${esc(value)}</td><td class="note">${esc(note)}</td></tr>`;
}

/** Plain-language findings from the rollup (no judgement beyond what the numbers say). */
export function reportFindings(r: Rollup): string[] {
  const t = r.totals;
  const out: string[] = [];
  if (!(t.satellites > 0)) return ['The scenario has no satellites.'];
  const share = t.installedComputeGW > 0 ? t.computeGW / t.installedComputeGW : Number.NaN;
  out.push(
    `${gw(t.computeGW)} of the ${gw(t.installedComputeGW)} of installed compute can run (${fmtPct(share)}); ` +
      `the limit that binds most often is ${BIND_TEXT[t.binding]} (${fmtPct(t.bindingCounts.installed / t.validSatellites, 0)} installed, ` +
      `${fmtPct(t.bindingCounts.power / t.validSatellites, 0)} power, ${fmtPct(t.bindingCounts.thermal / t.validSatellites, 0)} heat).`,
  );
  out.push(`${fmtPct(t.feasibleShare)} of the satellites have both a power margin and a thermal margin of zero or more.`);
  const byBinding = (b: string) => r.shells.filter((s) => s.satellites > 0 && s.binding === b).map((s) => s.name);
  const power = byBinding('power');
  const heat = byBinding('thermal');
  if (power.length) out.push(`Power-limited shells (array too small for the load through eclipse): ${power.join(', ')}.`);
  if (heat.length) out.push(`Heat-limited shells (radiator too small for the load): ${heat.join(', ')}.`);
  const infeasible = r.shells.filter((s) => s.satellites > 0 && s.feasibleShare < 0.5);
  if (infeasible.length)
    out.push(
      `Shells where fewer than half the satellites close both budgets: ${infeasible.map((s) => `${s.name} (${fmtPct(s.feasibleShare, 0)})`).join(', ')}.`,
    );
  if (t.neverInViewShare > 0) out.push(`${fmtPct(t.neverInViewShare)} of the satellites never reach a ground station in the window.`);
  if (t.satellites > t.validSatellites)
    out.push(`${fmtInt(t.satellites - t.validSatellites)} satellites have unusable elements or no valid state and count as zero.`);
  out.push(
    `That is ${fmtInt(t.h100Equivalents)} H100 equivalents at 700 W, ${fmtInt(t.allInGpuEquivalents)} at 1.36 kW all-in, or ${fmtSig(t.colossus1Equivalents, 3)} x Colossus 1 (300 MW), for ${fmtUsd(t.totalCostUsd)} (${fmtUsd(t.costPerGWUsd)} per GW).`,
  );
  return out;
}

function totalsTable(t: RollupFigures): string {
  return `<table class="kv">${[
    row(
      'Compute that can run',
      gw(t.computeGW),
      `min(deliverable ${fmtSig(t.computeDeliverableGW, 4)}, rejectable ${fmtSig(t.computeRejectableGW, 4)}, installed ${fmtSig(t.installedComputeGW, 4)} GW)`,
    ),
    row(
      'Binding limit',
      BIND_TEXT[t.binding],
      `satellites: ${fmtInt(t.bindingCounts.installed)} installed, ${fmtInt(t.bindingCounts.power)} power, ${fmtInt(t.bindingCounts.thermal)} heat`,
    ),
    row('Orbit-average usable power', gw(t.usablePowerGW), 'end-of-life array through the SMAD X factors'),
    row('Solar array power, BOL / EOL', `${fmtSig(t.arrayPowerBolGW, 4)} / ${fmtSig(t.arrayPowerEolGW, 4)} GW`),
    row('GPU equivalents (H100, 700 W)', fmtInt(t.h100Equivalents)),
    row('GPU equivalents (all-in, 1.36 kW)', fmtInt(t.allInGpuEquivalents), 'as Colossus 1: 300 MW for ~220,000 GPUs'),
    row('Colossus 1 equivalents', fmtSig(t.colossus1Equivalents, 4), '300 MW each'),
    row('Share feasible', fmtPct(t.feasibleShare), 'power margin >= 0 and thermal margin >= 0'),
    row('Mean eclipse fraction', fmtPct(t.eclipseFraction)),
    row(
      'Latency one-way p50 / p95 / p99',
      `${ms(t.latencyP50Ms)} / ${ms(t.latencyP95Ms)} / ${ms(t.latencyP99Ms)}`,
      `mean ${ms(t.latencyMeanMs)}; never reaching a station ${fmtPct(t.neverInViewShare)}`,
    ),
    row('Solar array / radiator area', `${fmtSig(t.arrayAreaKm2, 4)} / ${fmtSig(t.radiatorAreaKm2, 4)} km²`),
    row('Battery energy', `${fmtSig(t.batteryEnergyMWh, 4)} MWh`),
    row('Mass to orbit', fmtTonnes(t.massToOrbitT)),
    row('Launch / hardware / total cost', `${fmtUsd(t.launchCostUsd)} / ${fmtUsd(t.hardwareCostUsd)} / ${fmtUsd(t.totalCostUsd)}`),
    row('Cost per GW of compute that runs', fmtUsd(t.costPerGWUsd)),
  ].join('')}</table>`;
}

function shellTable(r: Rollup): string {
  const head = ['Shell', 'Satellites', 'Compute GW', 'Usable GW', 'Binding', 'Feasible', 'Eclipse', 'Latency p50', 'p95', 'Mass', 'Cost'];
  const body = r.shells
    .map(
      (s) =>
        `<tr><td class="l">${esc(s.name)}</td><td>${fmtInt(s.satellites)}</td><td>${fmtSig(s.computeGW, 4)}</td><td>${fmtSig(s.usablePowerGW, 4)}</td><td class="l">${esc(s.satellites ? BIND_TEXT[s.binding] : '–')}</td><td>${fmtPct(s.feasibleShare)}</td><td>${fmtPct(s.eclipseFraction)}</td><td>${ms(s.latencyP50Ms)}</td><td>${ms(s.latencyP95Ms)}</td><td>${fmtTonnes(s.massToOrbitT)}</td><td>${fmtUsd(s.totalCostUsd)}</td></tr>`,
    )
    .join('');
  return `<table class="grid"><thead><tr>${head.map((h, i) => `<th${i === 0 || i === 4 ? ' class="l"' : ''}>${h}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

function shellGeometry(scenario: Scenario, fleet: Fleet): string {
  const rows = scenario.shells
    .filter((s) => s.enabled)
    .map((s) => {
      const f = fleet.shells.find((x) => x.id === s.id);
      const design = scenario.designs.find((d) => d.id === s.designId)?.name ?? s.designId;
      let geom: string;
      if (s.kind === 'walker-delta' || s.kind === 'walker-star')
        geom = `${s.kind === 'walker-delta' ? 'Walker delta' : 'Walker star'} ${s.inclinationDeg}°: ${s.totalSatellites}/${s.planes}/${s.phasing}, ${s.altitudeKm} km`;
      else if (s.kind === 'sso-dawn-dusk')
        geom = `Dawn-dusk SSO, LTAN ${s.ltanHours === 6 ? '06:00' : '18:00'}, ${s.planes} x ${s.satellitesPerPlane}, ${s.altitudeKm} km, i = ${Number.isFinite(f?.inclinationDeg) ? fmtSig(f!.inclinationDeg, 5) : '–'}°`;
      else geom = s.kind === 'imported' && s.source ? `Imported element set (${s.source})` : 'Imported element set';
      return `<tr><td class="l">${esc(s.name)}</td><td class="l">${esc(geom)}</td><td>${fmtInt(f?.count ?? 0)}</td><td class="l">${esc(design)}</td></tr>`;
    })
    .join('');
  return `<table class="grid"><thead><tr><th class="l">Shell</th><th class="l">Geometry</th><th>Satellites</th><th class="l">Design</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function designTables(scenario: Scenario, sources?: Map<string, string>): string {
  return scenario.designs
    .map((d) => {
      const rows: string[] = [];
      for (const g of DESIGN_GROUPS) {
        const group = d[g] as Record<string, unknown>;
        rows.push(`<tr class="group"><th colspan="${sources ? 3 : 2}">${esc(DESIGN_GROUP_LABELS[g])}</th></tr>`);
        for (const [key, value] of Object.entries(group)) {
          const unit = unitFromName(key);
          const v = typeof value === 'number' ? `${fmtSig(value, 4)}${unit && unit !== 'fraction' ? ` ${unit}` : ''}` : String(value);
          const src = sources?.get(`${GROUP_SCHEMA_NAME[g]}.${key}`) ?? 'no source recorded: an assumption';
          rows.push(
            `<tr><td class="l">${esc(labelFromKey(key))}</td><td>${esc(v)}</td>${sources ? `<td class="note">${esc(src)}</td>` : ''}</tr>`,
          );
        }
      }
      return `<h3>${esc(d.name)}</h3><table class="grid design"><tbody>${rows.join('')}</tbody></table>`;
    })
    .join('');
}

function stationsTable(scenario: Scenario): string {
  if (scenario.groundStations.length === 0) return '<p>No ground stations: latency is not defined.</p>';
  const rows = scenario.groundStations
    .map(
      (g) =>
        `<tr><td class="l">${esc(g.name)}</td><td>${fmtSig(g.latDeg, 6)}°</td><td>${fmtSig(g.lonDeg, 6)}°</td><td>${fmtSig(g.altitudeKm, 3)} km</td><td>${fmtSig(g.minElevationDeg, 3)}°</td></tr>`,
    )
    .join('');
  return `<table class="grid"><thead><tr><th class="l">Station</th><th>Latitude</th><th>Longitude</th><th>Altitude</th><th>Elevation mask</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function charts(input: ReportInput): string {
  const m = input.run.metrics;
  const n = m.count;
  const out: string[] = [];
  out.push(
    histogramSvg(histogram(m.powerMarginW, 30, 0, n, 1e-3), {
      title: 'Power margin',
      xLabel: 'kW (usable - installed load)',
      marker: { value: 0, label: '0' },
      color: REPORT_SERIES[0],
    }),
  );
  out.push(
    histogramSvg(histogram(m.thermalMarginW, 30, 0, n, 1e-3), {
      title: 'Thermal margin',
      xLabel: 'kW (rejectable - installed load)',
      marker: { value: 0, label: '0' },
      color: REPORT_SERIES[1],
    }),
  );
  out.push(
    histogramSvg(histogram(m.radiatorTempC, 30, 0, n), {
      title: 'Radiator temperature at full load',
      xLabel: '°C',
      color: REPORT_SERIES[3],
    }),
  );
  const c = cdf(m.latencyMs, 300);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < c.n && i < c.x.length; i++) {
    if (c.x[i] > 0) lo = Math.min(lo, c.x[i]);
    hi = Math.max(hi, c.x[i]);
  }
  const logX = lo > 0 && hi / lo > 30;
  out.push(
    lineChartSvg([{ label: 'latency', x: c.x, y: c.y, step: true, color: REPORT_SERIES[2] }], {
      title: `Latency to the ground, CDF (${input.run.mode})`,
      xLabel: 'one-way latency, ms',
      yLabel: 'share of satellites',
      yRange: [0, 1],
      logX,
    }),
  );
  // eclipse fraction across the year: the first satellite of each generated shell (one orbit plane)
  const start = input.run.window.startMs;
  const e = input.fleet.elements;
  const series: LineSeries[] = [];
  for (const sh of input.fleet.shells) {
    if (sh.count === 0 || series.length >= 8) continue;
    const i = sh.start;
    const y = eclipseAcrossYear(
      {
        meanMotionRevPerDay: e.meanMotionRevPerDay[i],
        eccentricity: e.eccentricity[i],
        inclinationDeg: e.inclinationDeg[i],
        raanDeg: e.raanDeg[i],
        epochMs: e.epochMs[i],
      },
      start,
      365,
      2,
    );
    const days = new Float64Array(y.dayMs.length);
    for (let k = 0; k < days.length; k++) days[k] = (y.dayMs[k] - start) / 86_400_000;
    series.push({ label: sh.name, x: days, y: y.eclipseFraction });
  }
  out.push(
    lineChartSvg(series, {
      title: 'Eclipse fraction across the year (first plane of each shell)',
      xLabel: `date (UTC), one year from ${new Date(start).toISOString().slice(0, 10)}`,
      yLabel: 'eclipse fraction',
      width: 620,
      xTicks: [0, 61, 122, 183, 244, 305],
      xTickFormat: (d) => {
        const t = new Date(start + d * 86_400_000);
        return `${MONTHS[t.getUTCMonth()]} ${t.getUTCDate()}`;
      },
    }),
  );
  return `<div class="charts">${out.join('')}</div>`;
}

const CSS = `
body { font: 13px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #17202b; background: #fff; margin: 0; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 22px; margin: 0 0 2px; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #d5dbe3; padding-bottom: 3px; } h3 { font-size: 14px; margin: 16px 0 6px; }
.meta { color: #55606e; margin: 0 0 16px; }
.headline { display: flex; gap: 28px; align-items: flex-end; flex-wrap: wrap; padding: 14px 18px; background: #f3f6fa; border: 1px solid #d5dbe3; border-radius: 6px; }
.headline .big { font-size: 40px; font-weight: 700; color: #0b5394; line-height: 1; }
.headline .big small { font-size: 18px; font-weight: 600; }
.headline .fig { font-size: 16px; font-weight: 600; } .headline .lbl { color: #55606e; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; }
.badge { display: inline-block; font-size: 11px; padding: 1px 6px; border-radius: 3px; background: #0b5394; color: #fff; vertical-align: middle; margin-left: 6px; }
.badge.warn { background: #b45309; }
ul.findings li { margin: 3px 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.kv th { text-align: left; font-weight: 500; color: #333d4a; width: 34%; padding: 3px 8px 3px 0; vertical-align: top; }
table.kv td { text-align: right; padding: 3px 8px; white-space: nowrap; font-weight: 600; }
td.note { color: #55606e; font-size: 11.5px; text-align: left !important; font-weight: 400 !important; white-space: normal !important; }
table.grid th, table.grid td { padding: 3px 6px; border-bottom: 1px solid #e3e7ec; text-align: right; }
table.grid th { color: #55606e; font-weight: 600; font-size: 12px; } table.grid .l { text-align: left; }
table.design td:first-child { width: 30%; } table.design td:nth-child(2) { width: 16%; white-space: nowrap; }
tr.group th { text-align: left; color: #0b5394; padding-top: 8px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; } .charts svg { border: 1px solid #e3e7ec; border-radius: 4px; }
pre { background: #f3f6fa; border: 1px solid #d5dbe3; padding: 10px; overflow: auto; font-size: 11px; max-height: 480px; }
footer { margin-top: 32px; color: #55606e; font-size: 11.5px; }
@media print { main { padding: 0; } h2 { break-after: avoid; } .charts svg, table { break-inside: avoid; } details { display: none; } }
`;

/** The whole report as one HTML document. */
export function buildReportHtml(input: ReportInput): string {
  const { scenario, fleet, run } = input;
  const t = run.rollup.totals;
  const w = run.window;
  const modeLabel = run.mode === 'sampled' ? 'Sampled' : 'Analytic';
  const windowText = `${new Date(w.startMs).toISOString().replace('.000Z', 'Z')} + ${fmtSig(w.durationMs / 60_000, 4)} min${run.mode === 'sampled' ? ` at ${fmtSig(w.stepS, 3)} s steps` : ''}`;
  const method =
    run.mode === 'sampled'
      ? 'Sampled: SGP4 states of every satellite across the window, the Sun each step (Astronomical Almanac low-precision formula), conical Earth shadow with penumbra, every ground station above its elevation mask; latency is the mean one-way latency to the nearest visible station, or through the +Grid inter-satellite mesh when links are on.'
      : 'Analytic: circular-orbit formulas at each satellite\u2019s mean altitude: beta angle across the window, cylindrical eclipse fraction, orbit-average power through the SMAD X factors, radiator equilibrium at full load, best-case downlink latency at the elevation mask. Exact for circular orbits; run the sampled analysis for SGP4 states, conical shadow and routed latency.';
  const findings = reportFindings(run.rollup);
  // The scenario document; element texts of imported shells are left out past 2 MB (say so).
  let json = JSON.stringify(scenario, null, 2);
  let jsonNote = 'open it in the planner to reproduce this report';
  if (json.length > 2_000_000) {
    json = JSON.stringify(
      {
        ...scenario,
        shells: scenario.shells.map((s) =>
          s.kind === 'imported' ? { ...s, text: `[${s.text.length.toLocaleString('en-US')} characters of element text left out]` } : s,
        ),
      },
      null,
      2,
    );
    jsonNote = 'imported element texts left out for size: keep the element files with this report';
  }
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(scenario.name)}: feasibility report</title>
<meta name="generator" content="orbital-dc-planner${input.version ? ` ${esc(input.version)}` : ''}">
<style>${CSS}</style></head>
<body><main>
<h1>${esc(scenario.name)} <span class="badge${run.cancelled ? ' warn' : ''}">${modeLabel}${run.cancelled ? ', cancelled: partial window' : ''}</span></h1>
<p class="meta">Feasibility report · ${fmtInt(fleet.count)} satellites in ${fleet.shells.length} shell${fleet.shells.length === 1 ? '' : 's'} · window ${esc(windowText)} · ${esc(input.source)}${input.rejectedRecords ? ` · ${fmtInt(input.rejectedRecords)} element records rejected on import` : ''} · generated ${esc(new Date(input.generatedAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z'))}</p>
${scenario.description ? `<p>${esc(scenario.description)}</p>` : ''}
<div class="headline" data-figure="computeGW" data-value="${t.computeGW}">
  <div><div class="lbl">Compute that can run</div><div class="big">${esc(fmtSig(t.computeGW, 4))}<small> GW</small></div></div>
  <div><div class="lbl">H100 equivalents</div><div class="fig">${esc(fmtInt(t.h100Equivalents))}</div></div>
  <div><div class="lbl">Colossus 1 equivalents</div><div class="fig">${esc(fmtSig(t.colossus1Equivalents, 4))}</div></div>
  <div><div class="lbl">Share feasible</div><div class="fig">${esc(fmtPct(t.feasibleShare))}</div></div>
  <div><div class="lbl">Binding limit</div><div class="fig">${esc(BIND_TEXT[t.binding])}</div></div>
  <div><div class="lbl">Total cost</div><div class="fig">${esc(fmtUsd(t.totalCostUsd))}</div></div>
</div>
<h2>Findings</h2>
<ul class="findings">${findings.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>
<h2>Totals (${modeLabel.toLowerCase()})</h2>
${totalsTable(t)}
<h2>Per shell</h2>
${shellTable(run.rollup)}
<h2>Charts</h2>
${charts(input)}
<h2>Constellation</h2>
${shellGeometry(scenario, fleet)}
<h2>Satellite design${scenario.designs.length === 1 ? '' : 's'}</h2>
${input.designSources ? '<p class="meta">Each default cites ../shared/design/PHYSICS.md or is marked as an assumption; values a planner changed show the source of the default they replaced.</p>' : ''}
${designTables(scenario, input.designSources)}
<h2>Ground stations</h2>
${stationsTable(scenario)}
<h2>Method and notes</h2>
<p>${esc(method)}</p>
<p>Compute that can run, per satellite = max(0, min(usable power - bus, rejectable heat - bus, installed compute)); GPU equivalents divide it by 700 W (H100 SXM TDP) or 1.36 kW (all-in per GPU, as Colossus 1: 300 MW for about 220,000 GPUs). Latency percentiles: ${esc(run.rollup.percentileMethod)}.</p>
${run.notes.length ? `<ul>${run.notes.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}
<h2>Scenario</h2>
<details><summary>Scenario document (JSON, version ${scenario.version}): ${esc(jsonNote)}</summary><pre>${esc(json)}</pre></details>
<footer>Made with the orbital data-centre constellation planner${input.version ? ` ${esc(input.version)}` : ''}. Physics: ../shared/design/PHYSICS.md (SMAD, Vallado, Astronomical Almanac, FCC and vendor figures as cited there).</footer>
</main></body></html>
`;
  return html;
}
