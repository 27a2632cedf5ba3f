/**
 * Trade studies: sweep one or two numeric scenario fields over a range, evaluate each variant
 * with the same analysis as `plan analyze`, and report every point (valid or not: a variant the
 * schema refuses, such as T not a multiple of P, is reported with the schema's message at its
 * point and the sweep goes on). The driver is asynchronous and takes the evaluation as a
 * function, so the CLI (in this thread) and the page (one variant at a time per worker) share it.
 * Pure: no DOM, no Node.
 */
import type { RollupFigures, ShellRollup } from '../analysis/rollup';
import type { AnalysisMode } from '../analysis/types';
import type { ElementColumns } from '../elements/columns';
import { buildFleet, type ImportedElementsById } from '../fleet/generators';
import { parseElements } from '../elements';
import { runAnalysis, summaryFigures, type RunOptions } from '../report/run';
import type { Scenario } from '../scenario/schema';
import { validateScenario } from '../scenario/load';
import { resolveParam, setAtPath, type ResolvedParam } from './paths';
import { comparisonCurves, type ComparisonCurves } from './compareCharts';
import { pointFromFigures } from './optimise';

export interface SweepAxis {
  /** Field address, e.g. `shells[1].altitudeKm`. */
  path: string;
  from: number;
  to: number;
  /** Number of values, ends included (1 gives `from` only). */
  steps: number;
}

export const MAX_SWEEP_POINTS = 10_000;

export interface PlannedAxis extends ResolvedParam {
  from: number;
  to: number;
  steps: number;
  values: number[];
}

export interface SweepVariant {
  /** Position in the point list (row-major: the first axis varies slowest). */
  index: number;
  values: number[];
  /** The variant, validated; null when the schema refuses it. */
  scenario: Scenario | null;
  error?: string;
}

export interface SweepPlan {
  axes: PlannedAxis[];
  variants: SweepVariant[];
}

/** Figures of one evaluated variant: exactly `totals` and `shells` of `plan analyze --json`. */
export interface PointFigures {
  satellites: number;
  totals: RollupFigures;
  shells: ShellRollup[];
  /** Fleet means of the per-satellite margins (not in the rollup; the trade charts show them). */
  margins: MarginFigures;
}

export interface MarginFigures {
  /** Mean over satellites with figures of the orbit-average power margin, W. */
  powerMarginMeanW: number;
  /** Mean thermal margin (heat the radiator can reject beyond the load), W. */
  thermalMarginMeanW: number;
}

function marginMeans(m: { powerMarginW: Float64Array | Float32Array; thermalMarginW: Float64Array | Float32Array }): MarginFigures {
  let p = 0;
  let t = 0;
  let n = 0;
  for (let i = 0; i < m.powerMarginW.length; i++) {
    const a = m.powerMarginW[i];
    const b = m.thermalMarginW[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    p += a;
    t += b;
    n++;
  }
  return { powerMarginMeanW: n ? p / n : Number.NaN, thermalMarginMeanW: n ? t / n : Number.NaN };
}

export interface SweepPoint {
  value: number;
  /** Second parameter's value (two-parameter sweeps). */
  value2?: number;
  valid: boolean;
  error?: string;
  satellites?: number;
  totals?: RollupFigures;
  shells?: ShellRollup[];
  margins?: MarginFigures;
}

/** Values from `from` to `to` inclusive; whole numbers (rounded, repeats dropped) for integer fields. */
export function axisValues(from: number, to: number, steps: number, integer: boolean): number[] {
  const out: number[] = [];
  for (let k = 0; k < steps; k++) {
    const t = steps === 1 ? 0 : k / (steps - 1);
    // from + (to - from) * t loses the end value to rounding; blend from both ends instead
    let v = k === steps - 1 && steps > 1 ? to : from * (1 - t) + to * t;
    if (integer) v = Math.round(v);
    if (out.length === 0 || out[out.length - 1] !== v) out.push(v);
  }
  return out;
}

export type PlanResult = { ok: true; plan: SweepPlan } | { ok: false; error: string };

function checkAxis(a: SweepAxis, name: string): string | null {
  if (!Number.isFinite(a.from)) return `${name}: --from must be a number`;
  if (!Number.isFinite(a.to)) return `${name}: --to must be a number`;
  if (!Number.isInteger(a.steps) || a.steps < 1) return `${name}: --steps must be a whole number of at least 1 (got ${a.steps})`;
  return null;
}

/** Resolve the axes against the base scenario and build every variant (validated). */
export function planSweep(base: Scenario, axes: readonly SweepAxis[]): PlanResult {
  if (axes.length < 1 || axes.length > 2) return { ok: false, error: 'a sweep takes one or two parameters' };
  const planned: PlannedAxis[] = [];
  for (let i = 0; i < axes.length; i++) {
    const a = axes[i];
    const name = i === 0 ? '--param' : '--param2';
    const bad = checkAxis(a, name);
    if (bad) return { ok: false, error: bad };
    const r = resolveParam(base, a.path);
    if ('ok' in r) return { ok: false, error: `${name} ${r.error}` };
    planned.push({ ...r, from: a.from, to: a.to, steps: a.steps, values: axisValues(a.from, a.to, a.steps, r.integer) });
  }
  if (planned.length === 2 && planned[0].path === planned[1].path)
    return { ok: false, error: '--param2 addresses the same field as --param' };
  const count = planned.reduce((n, a) => n * a.values.length, 1);
  if (count > MAX_SWEEP_POINTS) return { ok: false, error: `${count} points: at most ${MAX_SWEEP_POINTS} per sweep` };
  const variants: SweepVariant[] = [];
  const combos: number[][] = planned.length === 1 ? planned[0].values.map((v) => [v]) : [];
  if (planned.length === 2) for (const v1 of planned[0].values) for (const v2 of planned[1].values) combos.push([v1, v2]);
  for (const values of combos) variants.push(variantFor(base, planned, values, variants.length));
  return { ok: true, plan: { axes: planned, variants } };
}

/** The base scenario with each axis's field set to its value, validated (a refusal keeps the schema's message). */
export function variantFor(base: Scenario, axes: readonly PlannedAxis[], values: number[], index = 0): SweepVariant {
  let doc: Scenario = base;
  values.forEach((v, i) => {
    doc = setAtPath(doc, axes[i].segments, axes[i].integer ? Math.round(v) : v);
  });
  const r = validateScenario(doc);
  return r.ok ? { index, values, scenario: r.scenario } : { index, values, scenario: null, error: r.errors.slice(0, 3).join('; ') };
}

/**
 * A point evaluator for the optimiser: a further value of `axis` (beyond the sweep grid) built
 * from the base scenario and evaluated by `evaluate` (in this thread, or on the page's workers).
 */
export function axisPointEvaluator(
  base: Scenario,
  axis: PlannedAxis,
  evaluate: (scenario: Scenario) => Promise<PointFigures>,
): (value: number) => Promise<SweepPoint> {
  return async (value) => {
    const v = variantFor(base, [axis], [value]);
    if (!v.scenario) return { value, valid: false, error: v.error };
    return pointFromFigures(value, await evaluate(v.scenario));
  };
}

/**
 * Imported shells' elements, parsed once for all variants (a sweep changes numbers, never element
 * text). Keyed by shell id as buildFleet expects.
 */
export function parseImportedShells(scenario: Scenario): ImportedElementsById {
  const m: ImportedElementsById = new Map<string, ElementColumns>();
  for (const sh of scenario.shells) {
    if (sh.kind === 'imported' && sh.enabled) m.set(sh.id, parseElements(sh.text, { acceptBadChecksums: sh.acceptBadChecksums }).columns);
  }
  return m;
}

/** Evaluate one variant in this thread: the same fleet, analysis and rollup as `plan analyze`. */
export function evaluateScenario(
  scenario: Scenario,
  mode: AnalysisMode,
  imported: ImportedElementsById = parseImportedShells(scenario),
  opts: RunOptions & { curves?: boolean } = {},
): PointFigures & { cancelled: boolean; curves?: ComparisonCurves } {
  const fleet = buildFleet(scenario, { imported });
  const run = runAnalysis(fleet, scenario, mode, opts);
  return {
    satellites: fleet.count,
    ...summaryFigures(run.rollup, scenario),
    margins: marginMeans(run.metrics),
    cancelled: run.cancelled,
    ...(opts.curves ? { curves: comparisonCurves(run.metrics) } : {}),
  };
}

export interface SweepProgress {
  done: number;
  total: number;
}

export interface SweepRunOptions {
  /** Variants evaluated at once (one per worker). Default 1. */
  concurrency?: number;
  signal?: { cancelled: boolean };
  onPoint?: (p: SweepPoint, index: number, progress: SweepProgress) => void;
}

export interface SweepRunResult {
  points: SweepPoint[];
  cancelled: boolean;
}

export type VariantEvaluator = (scenario: Scenario, variant: SweepVariant) => Promise<PointFigures>;

function pointOf(v: SweepVariant): SweepPoint {
  return v.values.length === 2 ? { value: v.values[0], value2: v.values[1], valid: false } : { value: v.values[0], valid: false };
}

/**
 * Evaluate the variants of a plan, `concurrency` at a time, in order of their index. Invalid
 * variants are reported without evaluation; an evaluation that throws is reported at its point.
 * Cancelled: points not started stay out of the result (those started finish).
 */
export async function runSweep(plan: SweepPlan, evaluate: VariantEvaluator, opts: SweepRunOptions = {}): Promise<SweepRunResult> {
  const n = plan.variants.length;
  const slots: Array<SweepPoint | undefined> = new Array(n);
  let next = 0;
  let done = 0;
  const lanes = Math.max(1, Math.min(opts.concurrency ?? 1, n));
  const finish = (i: number, p: SweepPoint) => {
    slots[i] = p;
    done++;
    opts.onPoint?.(p, i, { done, total: n });
  };
  const lane = async () => {
    while (next < n && !opts.signal?.cancelled) {
      const v = plan.variants[next++];
      const p = pointOf(v);
      if (!v.scenario) {
        finish(v.index, { ...p, error: v.error ?? 'invalid variant' });
        continue;
      }
      try {
        const f = await evaluate(v.scenario, v);
        finish(v.index, { ...p, valid: true, satellites: f.satellites, totals: f.totals, shells: f.shells, margins: f.margins });
      } catch (e) {
        // a variant stopped by a cancel is left out, like those never started
        if (!opts.signal?.cancelled) finish(v.index, { ...p, error: `analysis failed: ${(e as Error).message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return { points: slots.filter((p): p is SweepPoint => p !== undefined), cancelled: done < n };
}

/** The document `plan sweep --json` writes. */
export function sweepDocument(
  base: Scenario,
  plan: SweepPlan,
  mode: AnalysisMode,
  result: SweepRunResult,
  extra: Record<string, unknown> = {},
) {
  const [a1, a2] = plan.axes;
  const axis = (a: PlannedAxis) => ({
    path: a.path,
    label: a.label,
    from: a.from,
    to: a.to,
    steps: a.steps,
    integer: a.integer,
    baseValue: a.baseValue,
    values: a.values,
  });
  return {
    planner: 'orbital-dc-planner',
    scenario: base.name,
    mode,
    param: a1.path,
    ...(a2 ? { param2: a2.path } : {}),
    axes: plan.axes.map(axis),
    cancelled: result.cancelled,
    points: result.points,
    ...extra,
  };
}
