/**
 * The report's figures as data: `plan report --format json` (every figure of the report, units in
 * the field names; schema below and in docs/REPORT.md) and `--format csv` (one row per shell, and a
 * total row). Both come from the same ReportData as the HTML and PDF, so the numbers agree.
 * Non-finite numbers (a latency that does not exist) are written as null.
 */
import { z } from 'zod';
import type { RollupFigures, ShellRollup } from '../analysis/rollup';
import { csvField } from '../csv';
import { DESIGN_GROUPS, GROUP_SCHEMA_NAME, unitFromName } from '../scenario/fieldMeta';
import { CELL_DEG, DOT_LIMIT } from './constellationMap';
import type { ReportData, ReportInput } from './model';

export const REPORT_JSON_VERSION = 1;

const arr = (a: ArrayLike<number>): Array<number | null> => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);
const iso = (t: number) => new Date(t).toISOString();

function figuresOf(f: RollupFigures): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) out[k] = typeof v === 'number' ? fin(v) : v;
  return out;
}

/** The JSON document of `plan report --format json`. */
export function reportJson(input: ReportInput, d: ReportData) {
  const { scenario, fleet, run } = input;
  const t = run.rollup.totals;
  const h = d.histograms;
  return {
    planner: 'orbital-dc-planner',
    plannerVersion: input.version ?? null,
    reportJsonVersion: REPORT_JSON_VERSION,
    generatedAt: iso(input.generatedAtMs),
    scenario: {
      name: scenario.name,
      documentVersion: scenario.version,
      hashSha256: d.scenarioHashSha256,
      elementsHashSha256: d.elementsHashSha256,
      source: input.source,
    },
    share: { url: input.share?.url ?? null, note: input.share?.note ?? null },
    mode: run.mode,
    cancelled: run.cancelled,
    window: { start: iso(run.window.startMs), durationMin: run.window.durationMs / 60_000, stepS: run.window.stepS },
    satellites: fleet.count,
    shellCount: fleet.shells.length,
    rejectedRecords: input.rejectedRecords ?? 0,
    headline: {
      computeGW: fin(t.computeGW),
      h100Equivalents: fin(t.h100Equivalents),
      colossus1Equivalents: fin(t.colossus1Equivalents),
      feasibleShare: fin(t.feasibleShare),
      binding: t.binding,
      totalCostUsd: fin(t.totalCostUsd),
    },
    findings: d.findings,
    totals: figuresOf(t),
    shells: run.rollup.shells.map((s) => figuresOf(s)),
    charts: {
      powerMarginKW: {
        binEdgesKW: arr(h.powerMarginKW.edges),
        counts: Array.from(h.powerMarginKW.counts),
        nonFinite: h.powerMarginKW.nonFinite,
      },
      thermalMarginKW: {
        binEdgesKW: arr(h.thermalMarginKW.edges),
        counts: Array.from(h.thermalMarginKW.counts),
        nonFinite: h.thermalMarginKW.nonFinite,
      },
      radiatorTempC: {
        binEdgesC: arr(h.radiatorTempC.edges),
        counts: Array.from(h.radiatorTempC.counts),
        nonFinite: h.radiatorTempC.nonFinite,
      },
      latencyCdf: { latencyMs: arr(d.latencyCdf.latencyMs), share: arr(d.latencyCdf.share), satellitesWithLatency: d.latencyCdf.n },
      eclipseAcrossYear: d.eclipseYear.map((e) => ({
        shell: e.shell,
        dayOffsetDays: arr(e.dayOffset),
        eclipseFraction: arr(e.eclipseFraction),
        betaDeg: arr(e.betaDeg),
      })),
    },
    map: d.points
      ? {
          time: iso(d.points.timeMs),
          satellitesWithState: d.points.valid,
          drawing: d.points.valid > DOT_LIMIT ? ('density' as const) : ('dots' as const),
          cellDeg: CELL_DEG,
        }
      : null,
    snapshot: input.snapshot
      ? { caption: input.snapshot.caption, widthPx: input.snapshot.widthPx, heightPx: input.snapshot.heightPx }
      : null,
    designs: scenario.designs.map((des) => ({
      id: des.id,
      name: des.name,
      parameters: DESIGN_GROUPS.flatMap((g) =>
        Object.entries(des[g] as Record<string, unknown>).map(([key, value]) => ({
          group: g,
          key,
          value: typeof value === 'number' ? fin(value) : (value as string | boolean),
          unit: unitFromName(key) || null,
          source: input.designSources?.get(`${GROUP_SCHEMA_NAME[g]}.${key}`) ?? null,
        })),
      ),
    })),
    groundStations: scenario.groundStations.map((g) => ({
      name: g.name,
      latDeg: g.latDeg,
      lonDeg: g.lonDeg,
      altitudeKm: g.altitudeKm,
      minElevationDeg: g.minElevationDeg,
    })),
    notes: run.notes,
    percentileMethod: run.rollup.percentileMethod,
  };
}

export type ReportJson = ReturnType<typeof reportJson>;

// ---- schema (documented in docs/REPORT.md; tests parse the CLI's output with it) ----

const num = z.number().nullable();
const nums = z.array(num);
/** Rollup figures: every number's name ends in its unit (or is a count or share); later fields may be added. */
const figures = z
  .object({
    satellites: z.number(),
    validSatellites: z.number(),
    computeGW: num,
    installedComputeGW: num,
    usablePowerGW: num,
    binding: z.enum(['installed', 'power', 'thermal']),
    bindingCounts: z.object({ installed: z.number(), power: z.number(), thermal: z.number() }),
    h100Equivalents: num,
    feasibleShare: num,
    eclipseFraction: num,
    latencyP50Ms: num,
    latencyP95Ms: num,
    latencyP99Ms: num,
    massToOrbitT: num,
    totalCostUsd: num,
    costPerGWUsd: num,
  })
  .catchall(z.union([num, z.string(), z.record(z.string(), z.number())]));

export const ReportJsonSchema = z.strictObject({
  planner: z.literal('orbital-dc-planner'),
  plannerVersion: z.string().nullable(),
  reportJsonVersion: z.literal(REPORT_JSON_VERSION),
  generatedAt: z.iso.datetime(),
  scenario: z.strictObject({
    name: z.string(),
    documentVersion: z.number().int(),
    hashSha256: z.string().regex(/^[0-9a-f]{64}$/),
    elementsHashSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    source: z.string(),
  }),
  share: z.strictObject({ url: z.string().nullable(), note: z.string().nullable() }),
  mode: z.enum(['analytic', 'sampled']),
  cancelled: z.boolean(),
  window: z.strictObject({ start: z.iso.datetime(), durationMin: z.number(), stepS: z.number() }),
  satellites: z.number().int(),
  shellCount: z.number().int(),
  rejectedRecords: z.number().int(),
  headline: z.strictObject({
    computeGW: num,
    h100Equivalents: num,
    colossus1Equivalents: num,
    feasibleShare: num,
    binding: z.enum(['installed', 'power', 'thermal']),
    totalCostUsd: num,
  }),
  findings: z.array(z.string()),
  totals: figures,
  shells: z.array(figures.extend({ shellId: z.string(), name: z.string(), kind: z.string() })),
  charts: z.strictObject({
    powerMarginKW: z.strictObject({ binEdgesKW: nums, counts: z.array(z.number().int()), nonFinite: z.number().int() }),
    thermalMarginKW: z.strictObject({ binEdgesKW: nums, counts: z.array(z.number().int()), nonFinite: z.number().int() }),
    radiatorTempC: z.strictObject({ binEdgesC: nums, counts: z.array(z.number().int()), nonFinite: z.number().int() }),
    latencyCdf: z.strictObject({ latencyMs: nums, share: nums, satellitesWithLatency: z.number().int() }),
    eclipseAcrossYear: z.array(z.strictObject({ shell: z.string(), dayOffsetDays: nums, eclipseFraction: nums, betaDeg: nums })),
  }),
  map: z
    .strictObject({
      time: z.iso.datetime(),
      satellitesWithState: z.number().int(),
      drawing: z.enum(['dots', 'density']),
      cellDeg: z.number(),
    })
    .nullable(),
  snapshot: z.strictObject({ caption: z.string(), widthPx: z.number(), heightPx: z.number() }).nullable(),
  designs: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      parameters: z.array(
        z.strictObject({
          group: z.string(),
          key: z.string(),
          value: z.union([num, z.string(), z.boolean()]),
          unit: z.string().nullable(),
          source: z.string().nullable(),
        }),
      ),
    }),
  ),
  groundStations: z.array(
    z.strictObject({ name: z.string(), latDeg: z.number(), lonDeg: z.number(), altitudeKm: z.number(), minElevationDeg: z.number() }),
  ),
  notes: z.array(z.string()),
  percentileMethod: z.string(),
});

/** camelCase figure name -> snake_case CSV column with its unit: computeGW -> compute_gw, latencyP50Ms -> latency_p50_ms. */
export function csvColumnName(key: string): string {
  return key
    .replace(/GW/g, 'Gw')
    .replace(/MWh/g, 'Mwh')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** Per-shell CSV (RFC 4180): one row per shell and a last row with kind `total`; columns carry units. */
export function shellCsv(input: ReportInput): string {
  const r = input.run.rollup;
  const sample = r.totals;
  const keys = Object.keys(sample).filter((k) => k !== 'bindingCounts');
  const bindingKeys = Object.keys(sample.bindingCounts);
  const head = ['shell_id', 'name', 'kind', ...keys.map(csvColumnName), ...bindingKeys.map((b) => `binding_${b}_satellites`)];
  const cell = (v: unknown) => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : csvField(String(v ?? '')));
  const line = (id: string, name: string, kind: string, f: RollupFigures) =>
    [
      csvField(id),
      csvField(name),
      csvField(kind),
      ...keys.map((k) => cell((f as unknown as Record<string, unknown>)[k])),
      ...bindingKeys.map((b) => cell((f.bindingCounts as Record<string, number>)[b])),
    ].join(',');
  const rows = r.shells.map((s: ShellRollup) => line(s.shellId, s.name, s.kind, s));
  rows.push(line('', 'total', 'total', r.totals));
  return `${head.join(',')}\n${rows.join('\n')}\n`;
}
