/**
 * The feasibility report as one model: title block, headline figures and sections made of blocks
 * (paragraphs, lists, key-value tables, tables, charts, the constellation picture, the scenario
 * document). The HTML renderer (html.ts) and the PDF renderer (pdf.ts) draw this model, and the
 * JSON document (json.ts) takes its figures from the same `ReportData`, so the three files carry
 * the same numbers. Pure: the page (Report button) and the command-line planner (`plan report`)
 * build it from the same analysis.
 */
import type { AnalysisWindowMs } from '../analysis/window';
import type { PerSatelliteMetrics } from '../analysis/metrics';
import type { Rollup, RollupFigures } from '../analysis/rollup';
import type { Fleet } from '../fleet/fleet';
import { fmtInt, fmtPct, fmtSig, fmtTonnes, fmtUsd } from '../format';
import { feasibilityFindings, feasibilityTable, rampChart } from './feasibility';
import { DESIGN_GROUP_LABELS, DESIGN_GROUPS, GROUP_SCHEMA_NAME, labelFromKey, unitFromName } from '../scenario/fieldMeta';
import type { Scenario } from '../scenario/schema';
import { type Chart, histogramChart, lineChart, type LineSeries, REPORT_SERIES } from './chart';
import { cdf, eclipseAcrossYear, histogram, type HistogramData } from './chartMath';
import { constellationMapChart, type LandRings, subSatellitePoints, type SubSatellitePoints } from './constellationMap';
import { elementsHash, scenarioHash } from './hash';
import { type Comparison, formatFigure } from '../trade/compare';

export interface ReportSnapshot {
  /** Encoded image (JPEG or PNG) of the current 3D view. */
  bytes: Uint8Array;
  mime: 'image/jpeg' | 'image/png';
  widthPx: number;
  heightPx: number;
  /** What the view shows (colour mode, time). */
  caption: string;
}

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
  /** The current 3D view (browser); without it the report draws the constellation map. */
  snapshot?: ReportSnapshot;
  /** Coastlines for the map (constellationMap.ts loadLand); without them the map has no land. */
  land?: LandRings;
  /** Share link of the scenario and/or why there is none or what it lacks. */
  share?: { url?: string; note?: string };
  /** Comparison with other scenarios (src/core/trade/compare.ts), added as an appendix when asked. */
  comparison?: Comparison;
}

export type Block =
  | { kind: 'p'; text: string; muted?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'kv'; rows: Array<{ label: string; value: string; note?: string }>; mono?: boolean }
  | {
      kind: 'table';
      head: string[];
      /** Columns aligned left (the rest right). */
      left: number[];
      /** Relative column widths for the PDF (default equal). */
      widths?: number[];
      rows: Array<string[] | { group: string }>;
      /** HTML class (grid by default). */
      className?: string;
    }
  | { kind: 'h3'; text: string }
  | { kind: 'charts'; charts: Chart[] }
  | { kind: 'map'; chart: Chart }
  | ({ kind: 'image' } & ReportSnapshot)
  | { kind: 'code'; summary: string; text: string };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface HeadlineItem {
  label: string;
  value: string;
  unit?: string;
  big?: boolean;
}

export interface ReportModel {
  title: string;
  badge: string;
  warn: boolean;
  meta: string;
  description: string;
  headline: HeadlineItem[];
  /** The exact headline figure (HTML data attribute; tests read it back). */
  computeGW: number;
  sections: Section[];
  footer: string;
  generator: string;
}

/** Everything the report computes from the analysis once (charts, findings, hash, map points). */
export interface ReportData {
  findings: string[];
  histograms: { powerMarginKW: HistogramData; thermalMarginKW: HistogramData; radiatorTempC: HistogramData };
  latencyCdf: { latencyMs: Float64Array; share: Float64Array; n: number; logX: boolean };
  eclipseYear: Array<{ shell: string; dayOffset: Float64Array; eclipseFraction: Float64Array; betaDeg: Float64Array }>;
  scenarioHashSha256: string;
  /** SHA-256 of the fleet's element columns when shells come from element files (whose text the scenario may not carry). */
  elementsHashSha256: string | null;
  /** Sub-satellite points for the map (absent when a snapshot is used). */
  points: SubSatellitePoints | null;
}

const gw = (v: number) => `${fmtSig(v, 4)} GW`;
const ms = (v: number) => (Number.isFinite(v) ? `${fmtSig(v, 3)} ms` : '–');
export const BIND_TEXT: Record<string, string> = { installed: 'installed compute', power: 'power', thermal: 'heat rejection' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const isoSec = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Plain-language findings from the rollup (no judgement beyond what the numbers say). */
export function reportFindings(r: Rollup): string[] {
  const t = r.totals;
  const out: string[] = [];
  if (!(t.satellites > 0)) return ['The scenario has no satellites.'];
  const share = t.installedComputeGW > 0 ? t.computeGW / t.installedComputeGW : Number.NaN;
  out.push(
    `${gw(t.computeGW)} of the ${gw(t.installedComputeGW)} of installed compute can run (${fmtPct(share)}); ` +
      `the limit that binds most often is ${BIND_TEXT[t.binding]} (${fmtPct(t.bindingCounts.installed / t.validSatellites, 0)} ` +
      `installed, ` +
      `${fmtPct(t.bindingCounts.power / t.validSatellites, 0)} power, ${fmtPct(t.bindingCounts.thermal / t.validSatellites, 0)} heat).`,
  );
  out.push(`${fmtPct(t.powerThermalFeasibleShare)} of the satellites have both a power margin and a thermal margin of zero or more.`);
  const byBinding = (b: string) => r.shells.filter((s) => s.satellites > 0 && s.binding === b).map((s) => s.name);
  const power = byBinding('power');
  const heat = byBinding('thermal');
  if (power.length) out.push(`Power-limited shells (array too small for the load through eclipse): ${power.join(', ')}.`);
  if (heat.length) out.push(`Heat-limited shells (radiator too small for the load): ${heat.join(', ')}.`);
  const infeasible = r.shells.filter((s) => s.satellites > 0 && s.powerThermalFeasibleShare < 0.5);
  if (infeasible.length)
    out.push(
      `Shells where fewer than half the satellites close both ` +
        `budgets: ${infeasible.map((s) => `${s.name} (${fmtPct(s.powerThermalFeasibleShare, 0)})`).join(', ')}.`,
    );
  out.push(...feasibilityFindings(r));
  if (t.neverInViewShare > 0) out.push(`${fmtPct(t.neverInViewShare)} of the satellites never reach a ground station in the window.`);
  if (t.satellites > t.validSatellites)
    out.push(`${fmtInt(t.satellites - t.validSatellites)} satellites have unusable elements or no valid state and count as zero.`);
  out.push(
    `That is ${fmtInt(t.h100Equivalents)} H100 equivalents at 700 W, ${fmtInt(t.allInGpuEquivalents)} at 1.36 kW all-in, ` +
      `or ${fmtSig(t.colossus1Equivalents, 3)} x Colossus 1 (300 MW), for ${fmtUsd(t.totalCostUsd)} (${fmtUsd(t.costPerGWUsd)} per GW).`,
  );
  return out;
}

/** The numbers behind the charts, the findings, the hash and the map points. */
export function reportData(input: ReportInput): ReportData {
  const m = input.run.metrics;
  const n = m.count;
  const c = cdf(m.latencyMs, 300);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < c.x.length; i++) {
    if (c.x[i] > 0) lo = Math.min(lo, c.x[i]);
    hi = Math.max(hi, c.x[i]);
  }
  // eclipse fraction across the year: the first satellite of each shell (one orbit plane)
  const start = input.run.window.startMs;
  const e = input.fleet.elements;
  const eclipseYear: ReportData['eclipseYear'] = [];
  for (const sh of input.fleet.shells) {
    if (sh.count === 0 || eclipseYear.length >= 8) continue;
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
    eclipseYear.push({ shell: sh.name, dayOffset: days, eclipseFraction: y.eclipseFraction, betaDeg: y.betaDeg });
  }
  return {
    findings: reportFindings(input.run.rollup),
    histograms: {
      powerMarginKW: histogram(m.powerMarginW, 30, 0, n, 1e-3),
      thermalMarginKW: histogram(m.thermalMarginW, 30, 0, n, 1e-3),
      radiatorTempC: histogram(m.radiatorTempC, 30, 0, n),
    },
    latencyCdf: { latencyMs: c.x, share: c.y, n: c.n, logX: lo > 0 && hi / lo > 30 },
    eclipseYear,
    scenarioHashSha256: scenarioHash(input.scenario),
    elementsHashSha256: input.scenario.shells.some((s) => s.enabled && s.kind === 'imported')
      ? elementsHash(input.fleet.elements, input.fleet.count)
      : null,
    points: input.snapshot ? null : subSatellitePoints(input.fleet, input.run.window.startMs),
  };
}

function totalsRows(t: RollupFigures): Array<{ label: string; value: string; note?: string }> {
  return [
    {
      label: 'Compute that can run',
      value: gw(t.computeGW),
      note:
        `min(deliverable ${fmtSig(t.computeDeliverableGW, 4)}, rejectable ${fmtSig(t.computeRejectableGW, 4)}, ` +
        `installed ${fmtSig(t.installedComputeGW, 4)} GW)`,
    },
    {
      label: 'Binding limit',
      value: BIND_TEXT[t.binding],
      note:
        `satellites: ${fmtInt(t.bindingCounts.installed)} installed, ${fmtInt(t.bindingCounts.power)} ` +
        `power, ${fmtInt(t.bindingCounts.thermal)} heat`,
    },
    { label: 'Satellites (with usable elements)', value: `${fmtInt(t.satellites)} (${fmtInt(t.validSatellites)})` },
    { label: 'Orbit-average usable power', value: gw(t.usablePowerGW), note: 'end-of-life array through the SMAD X factors' },
    { label: 'Solar array power, BOL / EOL', value: `${fmtSig(t.arrayPowerBolGW, 4)} / ${fmtSig(t.arrayPowerEolGW, 4)} GW` },
    { label: 'GPU equivalents (H100, 700 W)', value: fmtInt(t.h100Equivalents) },
    { label: 'GPU equivalents (all-in, 1.36 kW)', value: fmtInt(t.allInGpuEquivalents), note: 'as Colossus 1: 300 MW for ~220,000 GPUs' },
    { label: 'Colossus 1 equivalents', value: fmtSig(t.colossus1Equivalents, 4), note: '300 MW each' },
    {
      label: 'Share feasible',
      value: fmtPct(t.feasibleShare),
      note:
        `power and heat margins >= 0 (${fmtPct(t.powerThermalFeasibleShare)}), dose within tolerance, closest approach over the ` +
        `keep-out; limit: ${t.feasibilityLimit}`,
    },
    { label: 'Propellant over the life', value: fmtTonnes(t.propellantT), note: 'drag make-up, in the mass to orbit' },
    { label: 'Mean eclipse fraction', value: fmtPct(t.eclipseFraction) },
    {
      label: 'Latency one-way p50 / p95 / p99',
      value: `${ms(t.latencyP50Ms)} / ${ms(t.latencyP95Ms)} / ${ms(t.latencyP99Ms)}`,
      note: `mean ${ms(t.latencyMeanMs)}; never reaching a station ${fmtPct(t.neverInViewShare)}`,
    },
    { label: 'Solar array / radiator area', value: `${fmtSig(t.arrayAreaKm2, 4)} / ${fmtSig(t.radiatorAreaKm2, 4)} km²` },
    { label: 'Battery energy', value: `${fmtSig(t.batteryEnergyMWh, 4)} MWh` },
    { label: 'Mass to orbit', value: fmtTonnes(t.massToOrbitT) },
    {
      label: 'Launch / hardware / total cost',
      value: `${fmtUsd(t.launchCostUsd)} / ${fmtUsd(t.hardwareCostUsd)} / ${fmtUsd(t.totalCostUsd)}`,
    },
    { label: 'Cost per GW of compute that runs', value: fmtUsd(t.costPerGWUsd) },
  ];
}

function shellTable(r: Rollup): Block {
  return {
    kind: 'table',
    head: ['Shell', 'Satellites', 'Compute GW', 'Usable GW', 'Binding', 'Feasible', 'Eclipse', 'Latency p50', 'p95', 'Mass', 'Cost'],
    left: [0, 4],
    widths: [2.3, 1.15, 1.05, 1.0, 1.35, 1.05, 0.95, 1, 0.9, 0.9, 0.95],
    rows: r.shells.map((s) => [
      s.name,
      fmtInt(s.satellites),
      fmtSig(s.computeGW, 4),
      fmtSig(s.usablePowerGW, 4),
      s.satellites ? BIND_TEXT[s.binding] : '–',
      fmtPct(s.feasibleShare),
      fmtPct(s.eclipseFraction),
      ms(s.latencyP50Ms),
      ms(s.latencyP95Ms),
      fmtTonnes(s.massToOrbitT),
      fmtUsd(s.totalCostUsd),
    ]),
  };
}

/** Radiation, drag, closest approach, bands and launches per shell, with the capacity ramp. */
function feasibilitySection(r: Rollup): Section[] {
  const table = feasibilityTable(r);
  if (!table) return [];
  const ramp = rampChart(r, REPORT_SERIES[4] ?? REPORT_SERIES[0]);
  const blocks: Block[] = [
    {
      kind: 'table',
      head: table.head,
      left: [0],
      widths: [1.8, 1.3, 0.9, 1.1, 0.8, 0.9, 0.8, 1.8, 1.2, 1.1],
      rows: table.rows,
    },
    {
      kind: 'p',
      muted: true,
      text:
        'Dose: AP8MIN/AE8MAX trapped particles through SHIELDOSE-2 at the centre of an aluminium sphere of the design\u2019s ' +
        'shielding; drag: NRLMSISE-00 at the scenario\u2019s solar activity; closest approach: SGP4 states over one orbit; launches: ' +
        'satellites per launch by mass. Sources in docs/PHYSICS.md.',
    },
  ];
  if (ramp) blocks.push({ kind: 'charts', charts: [ramp] });
  return [{ id: 'feasibility', title: 'Feasibility beyond power and heat', blocks }];
}

function shellGeometry(scenario: Scenario, fleet: Fleet): Block {
  const rows = scenario.shells
    .filter((s) => s.enabled)
    .map((s) => {
      const f = fleet.shells.find((x) => x.id === s.id);
      const design = scenario.designs.find((d) => d.id === s.designId)?.name ?? s.designId;
      let geom: string;
      if (s.kind === 'walker-delta' || s.kind === 'walker-star')
        geom =
          `${s.kind === 'walker-delta' ? 'Walker delta' : 'Walker star'} ${s.inclinationDeg}°: ` +
          `${s.totalSatellites}/${s.planes}/${s.phasing}, ${s.altitudeKm} km`;
      else if (s.kind === 'sso-dawn-dusk')
        geom =
          `Dawn-dusk SSO, LTAN ${s.ltanHours === 6 ? '06:00' : '18:00'}, ${s.planes} x ${s.satellitesPerPlane}, ${s.altitudeKm} ` +
          `km, i = ${Number.isFinite(f?.inclinationDeg) ? fmtSig(f!.inclinationDeg, 5) : '–'}°`;
      else geom = s.kind === 'imported' && s.source ? `Imported element set (${s.source})` : 'Imported element set';
      return [s.name, geom, fmtInt(f?.count ?? 0), design];
    });
  return { kind: 'table', head: ['Shell', 'Geometry', 'Satellites', 'Design'], left: [0, 1, 3], widths: [2, 3.4, 1, 1.6], rows };
}

function designBlocks(scenario: Scenario, sources?: Map<string, string>): Block[] {
  const out: Block[] = [];
  for (const d of scenario.designs) {
    out.push({ kind: 'h3', text: d.name });
    const rows: Array<string[] | { group: string }> = [];
    for (const g of DESIGN_GROUPS) {
      const group = d[g] as Record<string, unknown>;
      rows.push({ group: DESIGN_GROUP_LABELS[g] });
      for (const [key, value] of Object.entries(group)) {
        const unit = unitFromName(key);
        const v = typeof value === 'number' ? `${fmtSig(value, 4)}${unit && unit !== 'fraction' ? ` ${unit}` : ''}` : String(value);
        const src = sources?.get(`${GROUP_SCHEMA_NAME[g]}.${key}`) ?? 'no source recorded: an assumption';
        rows.push(sources ? [labelFromKey(key), v, src] : [labelFromKey(key), v]);
      }
    }
    out.push({
      kind: 'table',
      head: sources ? ['Parameter', 'Value', 'Source of the default'] : ['Parameter', 'Value'],
      left: [0, 2],
      widths: sources ? [1.6, 1, 4.4] : [2, 1],
      rows,
      className: 'grid design',
    });
  }
  return out;
}

function stationsBlock(scenario: Scenario): Block {
  if (scenario.groundStations.length === 0) return { kind: 'p', text: 'No ground stations: latency is not defined.' };
  return {
    kind: 'table',
    head: ['Station', 'Latitude', 'Longitude', 'Altitude', 'Elevation mask'],
    left: [0],
    widths: [2.6, 1, 1, 1, 1.1],
    rows: scenario.groundStations.map((g) => [
      g.name,
      `${fmtSig(g.latDeg, 6)}°`,
      `${fmtSig(g.lonDeg, 6)}°`,
      `${fmtSig(g.altitudeKm, 3)} km`,
      `${fmtSig(g.minElevationDeg, 3)}°`,
    ]),
  };
}

function charts(input: ReportInput, d: ReportData): Chart[] {
  const h = d.histograms;
  const out: Chart[] = [
    histogramChart(h.powerMarginKW, {
      title: 'Power margin',
      xLabel: 'kW (usable - installed load)',
      marker: { value: 0, label: '0' },
      color: REPORT_SERIES[0],
    }),
    histogramChart(h.thermalMarginKW, {
      title: 'Thermal margin',
      xLabel: 'kW (rejectable - installed load)',
      marker: { value: 0, label: '0' },
      color: REPORT_SERIES[1],
    }),
    histogramChart(h.radiatorTempC, { title: 'Radiator temperature at full load', xLabel: '°C', color: REPORT_SERIES[3] }),
    lineChart([{ label: 'latency', x: d.latencyCdf.latencyMs, y: d.latencyCdf.share, step: true, color: REPORT_SERIES[2] }], {
      title: `Latency to the ground, CDF (${input.run.mode})`,
      xLabel: 'one-way latency, ms',
      yLabel: 'share of satellites',
      yRange: [0, 1],
      logX: d.latencyCdf.logX,
    }),
  ];
  const start = input.run.window.startMs;
  const series: LineSeries[] = d.eclipseYear.map((s) => ({ label: s.shell, x: s.dayOffset, y: s.eclipseFraction }));
  out.push(
    lineChart(series, {
      title: 'Eclipse fraction across the year (first plane of each shell)',
      xLabel: `date (UTC), one year from ${new Date(start).toISOString().slice(0, 10)}`,
      yLabel: 'eclipse fraction',
      width: 620,
      xTicks: [0, 61, 122, 183, 244, 305],
      xTickFormat: (day) => {
        const t = new Date(start + day * 86_400_000);
        return `${MONTHS[t.getUTCMonth()]} ${t.getUTCDate()}`;
      },
    }),
  );
  return out;
}

/** Largest scenario document the report carries in full (characters); past it imported element texts are cut. */
export const SCENARIO_TEXT_LIMIT = 200_000;

/** The scenario document as the report carries it: pretty JSON, imported element texts cut when too long. */
export function scenarioDocument(scenario: Scenario, limit = SCENARIO_TEXT_LIMIT): { text: string; note: string } {
  const json = JSON.stringify(scenario, null, 2);
  if (json.length <= limit) return { text: json, note: 'open it in the planner to reproduce this report' };
  const text = JSON.stringify(
    {
      ...scenario,
      shells: scenario.shells.map((s) =>
        s.kind === 'imported' ? { ...s, text: `[${s.text.length.toLocaleString('en-US')} characters of element text left out]` } : s,
      ),
    },
    null,
    2,
  );
  return { text, note: 'imported element texts left out for size: keep the element files with this report' };
}

/** Build the report model. `data` defaults to reportData(input). */
export function buildReportModel(input: ReportInput, data: ReportData = reportData(input)): ReportModel {
  const { scenario, fleet, run } = input;
  const t = run.rollup.totals;
  const w = run.window;
  const modeLabel = run.mode === 'sampled' ? 'Sampled' : 'Analytic';
  const windowText =
    `${isoSec(w.startMs)} + ${fmtSig(w.durationMs / 60_000, 4)} ` +
    `min${run.mode === 'sampled' ? ` at ${fmtSig(w.stepS, 3)} s steps` : ''}`;
  const method =
    run.mode === 'sampled'
      ? 'Sampled: SGP4 states of every satellite across the window, the Sun each step (Astronomical Almanac low-precision formula), ' +
        'conical Earth shadow with penumbra, every ground station above its elevation mask; latency is the mean one-way latency to ' +
        'the nearest visible station, or through the +Grid inter-satellite mesh when links are on.'
      : 'Analytic: circular-orbit formulas at each satellite\u2019s mean altitude: beta angle across the window, cylindrical eclipse ' +
        'fraction, orbit-average power through the SMAD X factors, radiator equilibrium at full load, best-case downlink latency at ' +
        'the elevation mask. Exact for circular orbits; run the sampled analysis for SGP4 states, conical shadow and routed latency.';
  const doc = scenarioDocument(scenario);
  const picture: Block[] = [];
  if (input.snapshot) picture.push({ kind: 'image', ...input.snapshot });
  else if (data.points) {
    picture.push({
      kind: 'map',
      chart: constellationMapChart(fleet, data.points, input.land ?? [], { stations: scenario.groundStations }),
    });
    if (!input.land) picture.push({ kind: 'p', text: 'Coastlines were not available: the map shows the satellites only.', muted: true });
  }
  const share = input.share;
  const reproRows = [
    { label: 'Planner', value: `orbital-dc-planner ${input.version ?? '(version unknown)'}` },
    {
      label: 'Scenario hash',
      value: `SHA-256 ${data.scenarioHashSha256}`,
      note: 'of the canonical scenario JSON (keys sorted, no spaces)',
    },
    ...(data.elementsHashSha256
      ? [
          {
            label: 'Elements hash',
            value: `SHA-256 ${data.elementsHashSha256}`,
            note:
              `of the ${fmtInt(fleet.count)} satellites' mean elements (float64 columns epoch, n, e, i, RAAN, argument of ` +
              `perigee, M, B*)`,
          },
        ]
      : []),
    { label: 'Scenario', value: `${scenario.name} (document version ${scenario.version})` },
    { label: 'Source', value: input.source },
    { label: 'Analysis', value: `${modeLabel}, window ${windowText}` },
    { label: 'Generated', value: isoSec(input.generatedAtMs) },
    share?.url
      ? { label: 'Share link', value: share.url, note: share.note ?? 'opens this scenario in the planner' }
      : { label: 'Share link', value: share?.note ?? 'none', note: 'the scenario document is in the appendix' },
  ];
  const sections: Section[] = [
    { id: 'findings', title: 'Findings', blocks: [{ kind: 'list', items: data.findings }] },
    { id: 'constellation', title: 'Constellation', blocks: [...picture, shellGeometry(scenario, fleet)] },
    { id: 'totals', title: `Totals (${modeLabel.toLowerCase()})`, blocks: [{ kind: 'kv', rows: totalsRows(t) }] },
    { id: 'shells', title: 'Per shell', blocks: [shellTable(run.rollup)] },
    ...feasibilitySection(run.rollup),
    { id: 'charts', title: 'Charts', blocks: [{ kind: 'charts', charts: charts(input, data) }] },
    {
      id: 'designs',
      title: `Satellite design${scenario.designs.length === 1 ? '' : 's'}`,
      blocks: [
        ...(input.designSources
          ? [
              {
                kind: 'p',
                muted: true,
                text:
                  'Each default cites docs/PHYSICS.md or is marked as an assumption; values a planner changed show ' +
                  'the source of the default they replaced.',
              } as Block,
            ]
          : []),
        ...designBlocks(scenario, input.designSources),
      ],
    },
    { id: 'stations', title: 'Ground stations', blocks: [stationsBlock(scenario)] },
    {
      id: 'method',
      title: 'Method and notes',
      blocks: [
        { kind: 'p', text: method },
        {
          kind: 'p',
          text:
            `Compute that can run, per satellite = max(0, min(usable power - bus, rejectable heat - bus, installed compute)); GPU ` +
            `equivalents divide it by 700 W (H100 SXM TDP) or 1.36 kW (all-in per GPU, as Colossus 1: 300 MW for about 220,000 GPUs). ` +
            `Latency percentiles: ${run.rollup.percentileMethod}.`,
        },
        ...(run.notes.length ? [{ kind: 'list', items: run.notes } as Block] : []),
      ],
    },
    { id: 'reproducibility', title: 'Reproducibility', blocks: [{ kind: 'kv', rows: reproRows, mono: true }] },
    ...(input.comparison ? [comparisonSection(input.comparison)] : []),
    {
      id: 'scenario',
      title: 'Appendix: scenario document',
      blocks: [{ kind: 'code', summary: `Scenario document (JSON, version ${scenario.version}): ${doc.note}`, text: doc.text }],
    },
  ];
  return {
    title: scenario.name,
    badge: `${modeLabel}${run.cancelled ? ', cancelled: partial window' : ''}`,
    warn: run.cancelled,
    meta:
      `Feasibility report · ${fmtInt(fleet.count)} satellites in ${fleet.shells.length} ` +
      `shell${fleet.shells.length === 1 ? '' : 's'} · window ${windowText} ` +
      `· ${input.source}${input.rejectedRecords ? ` · ${fmtInt(input.rejectedRecords)} element records rejected on import` : ''}` +
      ` · generated ${isoSec(input.generatedAtMs)}`,
    description: scenario.description ?? '',
    headline: [
      { label: 'Compute that can run', value: fmtSig(t.computeGW, 4), unit: 'GW', big: true },
      { label: 'Satellites', value: fmtInt(fleet.count) },
      { label: 'H100 equivalents', value: fmtInt(t.h100Equivalents) },
      { label: 'Colossus 1 equivalents', value: fmtSig(t.colossus1Equivalents, 4) },
      { label: 'Share feasible', value: fmtPct(t.feasibleShare) },
      { label: 'Binding limit', value: BIND_TEXT[t.binding] },
      { label: 'Total cost', value: fmtUsd(t.totalCostUsd) },
    ],
    computeGW: t.computeGW,
    sections,
    footer:
      `Made with the orbital data-centre constellation planner${input.version ? ` ${input.version}` : ''}. Physics: ` +
      `docs/PHYSICS.md (SMAD, Vallado, Astronomical Almanac, FCC and vendor figures as cited there).`,
    generator: `orbital-dc-planner${input.version ? ` ${input.version}` : ''}`,
  };
}

/** The comparison appendix: every headline figure of 2 to 4 scenarios, differences marked. */
export function comparisonSection(c: Comparison): Section {
  const names = c.scenarios.map((s) => s.name);
  const rows = c.figures.map((f) => [
    `${f.differs ? '● ' : ''}${f.label}`,
    ...f.values.map((v, i) => {
      const rel =
        i > 0 && f.differs && Number.isFinite(f.ratios[i]) ? ` (${f.ratios[i] >= 0 ? '+' : ''}${(f.ratios[i] * 100).toFixed(1)} %)` : '';
      return `${formatFigure(f, v)}${rel}${f.best === i ? ' ✓' : ''}`;
    }),
  ]);
  return {
    id: 'comparison',
    title: 'Appendix: comparison with other scenarios',
    blocks: [
      {
        kind: 'p',
        text:
          `${names[0]} (this report) ` +
          `against ${names.slice(1).join(', ')}: ${c.scenarios.map((s) => `${s.name} from ${s.source}, ${s.mode}`).join('; ')}. ● ` +
          `marks a figure that differs from the first scenario, ✓ the best value where ` +
          `a figure has a better direction; percentages are changes from the first.`,
      },
      { kind: 'table', head: ['Figure', ...names], left: [0], widths: [2.2, ...names.map(() => 1.6)], rows },
    ],
  };
}
