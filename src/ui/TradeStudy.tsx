/**
 * Trade study view: sweep one or two numeric fields of the scenario on the worker pool (one
 * variant at a time per worker) with progress and Cancel, chart the headline figures against
 * the value (a heat map for two fields), optimise one field, apply any point (undoable); and
 * compare 2 to 4 scenarios side by side with their distributions overlaid. The studies
 * themselves are src/core/trade; this file only drives and draws them.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AnalysisMode } from '../core/analysis/types';
import type { ElementColumns } from '../core/elements/columns';
import { sampleMap, rgbCss, CATEGORICAL } from '../core/colormaps';
import { niceTicks } from '../core/ticks';
import { parseScenario } from '../core/scenario/load';
import type { Scenario } from '../core/scenario/schema';
import {
  type ComparisonCurves,
  type Comparison,
  compareScenarios,
  formatFigure,
  isObjective,
  numericFields,
  resolveParam,
  OBJECTIVES,
  type Objective,
  type OptimumResult,
  optimiseAxis,
  planSweep,
  axisPointEvaluator,
  runSweep,
  setAtPath,
  type SweepPlan,
  type SweepPoint,
} from '../core/trade';
import type { RollupFigures } from '../core/analysis/rollup';
import { TradePool } from '../engine/tradeClient';
import { usePopupFocus } from '../render/focus';
import { LineChart, SERIES } from './charts/Svg';
import { fmtSig, fmtUsd } from './format';
import { useScenario, useWorkspace } from './workspace';
import { onTablistKey } from './tabs';

// ---- the figures charted against the swept value ----

interface Figure {
  key: string;
  title: string;
  unit: string;
  get: (t: RollupFigures) => number;
  fmt: (v: number) => string;
}

const FIGURES: Figure[] = [
  { key: 'compute', title: 'Compute that runs', unit: 'GW', get: (t) => t.computeGW, fmt: (v) => `${fmtSig(v, 4)} GW` },
  { key: 'costPerGW', title: 'Cost per GW', unit: 'billion USD/GW', get: (t) => t.costPerGWUsd / 1e9, fmt: (v) => `${fmtUsd(v * 1e9)}/GW` },
  {
    key: 'massPerGW',
    title: 'Mass per GW',
    unit: 'kt/GW',
    get: (t) => (t.computeGW > 0 ? t.massToOrbitT / 1000 / t.computeGW : Number.NaN),
    fmt: (v) => `${fmtSig(v, 4)} kt/GW`,
  },
  { key: 'feasible', title: 'Feasible share', unit: '%', get: (t) => t.feasibleShare * 100, fmt: (v) => `${v.toFixed(1)} %` },
  { key: 'latency', title: 'Latency p50 (one way)', unit: 'ms', get: (t) => t.latencyP50Ms, fmt: (v) => `${v.toFixed(2)} ms` },
];
const BINDINGS = ['power', 'thermal', 'installed'] as const;
const BINDING_TEXT: Record<string, string> = { power: 'power', thermal: 'heat', installed: 'installed' };

function fmtValue(v: number): string {
  return Number(v.toPrecision(8)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

function onActivate(e: KeyboardEvent, f: () => void) {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    f();
  }
}

// ---- one figure against the value, with clickable points ----

function TradeLineChart({
  figure,
  points,
  xLabel,
  optimum,
  baseValue,
  onPick,
}: {
  figure: Figure | 'binding';
  points: SweepPoint[];
  xLabel: string;
  optimum?: number;
  baseValue: number;
  onPick: (p: SweepPoint) => void;
}) {
  const W = 300;
  const H = 170;
  const L = 52;
  const R = 10;
  const T = 20;
  const B = 30;
  const titleId = useId();
  const title = figure === 'binding' ? 'Binding limit' : `${figure.title} (${figure.unit})`;
  const xs = points.map((p) => p.value);
  const x0 = Math.min(...xs, optimum ?? Number.POSITIVE_INFINITY);
  const x1 = Math.max(...xs, optimum ?? Number.NEGATIVE_INFINITY);
  const sx = (v: number) => (x1 === x0 ? (L + W - R) / 2 : L + ((v - x0) / (x1 - x0)) * (W - L - R));
  const ys = points.map((p) =>
    figure === 'binding'
      ? p.totals
        ? BINDINGS.indexOf(p.totals.binding as (typeof BINDINGS)[number])
        : Number.NaN
      : p.totals
        ? figure.get(p.totals)
        : Number.NaN,
  );
  const finite = ys.filter((v) => Number.isFinite(v));
  let y0 = figure === 'binding' ? -0.5 : Math.min(...finite);
  let y1 = figure === 'binding' ? 2.5 : Math.max(...finite);
  if (!(y0 <= y1)) {
    y0 = 0;
    y1 = 1;
  } else if (y0 === y1) {
    const pad = Math.abs(y0) * 0.05 || 0.5;
    y0 -= pad;
    y1 += pad;
  }
  const sy = (v: number) => H - B - ((v - y0) / (y1 - y0)) * (H - T - B);
  const yTicks = figure === 'binding' ? [0, 1, 2] : niceTicks(y0, y1, 4);
  const xTicks = x1 > x0 ? niceTicks(x0, x1, 4) : [x0];
  const fmtY = (v: number) => (figure === 'binding' ? (BINDING_TEXT[BINDINGS[v]] ?? '') : fmtSig(v, 3));
  let d = '';
  points.forEach((p, i) => {
    const y = ys[i];
    if (!Number.isFinite(y)) return;
    d += `${d ? 'L' : 'M'}${sx(p.value).toFixed(1)},${sy(y).toFixed(1)}`;
  });
  return (
    <figure className="trade-figure" aria-labelledby={titleId}>
      <svg width={W} height={H} className="trade-chart" data-chart={title}>
        <title id={titleId}>{`${title} against ${xLabel}`}</title>
        <text x={L} y={12} fontSize={11} fill="currentColor" fontWeight={600}>
          {title}
        </text>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={L} x2={W - R} y1={sy(t)} y2={sy(t)} stroke="var(--grid, #ccc)" strokeWidth={1} />
            <text x={L - 4} y={sy(t) + 3} fontSize={10} textAnchor="end" fill="currentColor">
              {fmtY(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} x={sx(t)} y={H - B + 13} fontSize={10} textAnchor="middle" fill="currentColor">
            {fmtSig(t, 4)}
          </text>
        ))}
        <text x={(L + W - R) / 2} y={H - 3} fontSize={10} textAnchor="middle" fill="var(--muted, #777)">
          {xLabel}
        </text>
        {baseValue >= x0 && baseValue <= x1 ? (
          <line x1={sx(baseValue)} x2={sx(baseValue)} y1={T} y2={H - B} stroke="var(--muted, #888)" strokeDasharray="2 3">
            <title>current value</title>
          </line>
        ) : null}
        {optimum !== undefined ? (
          <line
            x1={sx(optimum)}
            x2={sx(optimum)}
            y1={T}
            y2={H - B}
            stroke="var(--accent-2, #c98a12)"
            strokeWidth={1.5}
            data-optimum={optimum}
          >
            <title>{`optimum: ${fmtValue(optimum)}`}</title>
          </line>
        ) : null}
        {figure !== 'binding' ? <path d={d} fill="none" stroke={SERIES[0]} strokeWidth={1.5} /> : null}
        {points.map((p, i) => {
          const y = ys[i];
          const label = p.valid
            ? `${xLabel} ${fmtValue(p.value)}: ` +
              `${figure === 'binding' ? `binding ${BINDING_TEXT[p.totals?.binding ?? ''] ?? ''}` : figure.fmt(y)}. Apply this value`
            : `${xLabel} ${fmtValue(p.value)}: not valid: ${p.error ?? ''}`;
          if (!Number.isFinite(y))
            return (
              <text
                key={p.value}
                x={sx(p.value)}
                y={H - B - 3}
                fontSize={11}
                textAnchor="middle"
                fill="var(--error, #c00)"
                aria-label={label}
              >
                ×<title>{label}</title>
              </text>
            );
          const color = figure === 'binding' ? rgbCss(CATEGORICAL[Math.max(0, y)]) : SERIES[0];
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG marker cannot be a <button>; it has the role, focus and keys of one
            <circle
              key={p.value}
              cx={sx(p.value)}
              cy={sy(y)}
              r={4}
              fill={color}
              stroke="var(--panel, #fff)"
              className="trade-point"
              role="button"
              tabIndex={0}
              aria-label={label}
              onClick={() => onPick(p)}
              onKeyDown={(e) => onActivate(e, () => onPick(p))}
            >
              <title>{label}</title>
            </circle>
          );
        })}
      </svg>
    </figure>
  );
}

// ---- two parameters: a heat map of one figure ----

function HeatMap({
  plan,
  points,
  figure,
  onPick,
}: {
  plan: SweepPlan;
  points: SweepPoint[];
  figure: Figure | 'binding';
  onPick: (p: SweepPoint) => void;
}) {
  const [a1, a2] = plan.axes;
  const nx = a1.values.length;
  const ny = a2.values.length;
  const cell = Math.max(14, Math.min(44, Math.floor(560 / Math.max(nx, ny))));
  const L = 70;
  const T = 10;
  const W = L + nx * cell + 100;
  const H = T + ny * cell + 44;
  const byKey = new Map(points.map((p) => [`${p.value}|${p.value2}`, p]));
  const val = (p: SweepPoint | undefined) =>
    !p?.totals ? Number.NaN : figure === 'binding' ? BINDINGS.indexOf(p.totals.binding as (typeof BINDINGS)[number]) : figure.get(p.totals);
  const finite = points.map(val).filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const color = (v: number) => {
    if (!Number.isFinite(v)) return 'var(--panel-2, #eee)';
    if (figure === 'binding') return rgbCss(CATEGORICAL[v]);
    return rgbCss(sampleMap('viridis', hi > lo ? (v - lo) / (hi - lo) : 0.5));
  };
  const title = figure === 'binding' ? 'Binding limit' : `${figure.title} (${figure.unit})`;
  return (
    <figure className="trade-figure" aria-label={`${title}: ${a1.label} across, ${a2.label} down`}>
      <svg width={W} height={H} className="trade-heat">
        <title>{`${title}: ${a1.label} across, ${a2.label} down`}</title>
        {a1.values.map((v1, i) =>
          a2.values.map((v2, j) => {
            const p = byKey.get(`${v1}|${v2}`);
            const v = val(p);
            const label = p?.valid
              ? `${a1.path} ${fmtValue(v1)}, ${a2.path} ${fmtValue(v2)}: ` +
                `${figure === 'binding' ? BINDING_TEXT[p.totals?.binding ?? ''] : figure.fmt(v)}. Apply`
              : `${a1.path} ${fmtValue(v1)}, ${a2.path} ${fmtValue(v2)}: ${p ? `not valid: ${p.error}` : 'not computed'}`;
            return (
              // biome-ignore lint/a11y/useSemanticElements: an SVG cell cannot be a <button>; it has the role, focus and keys of one
              <rect
                key={`${v1}|${v2}`}
                x={L + i * cell}
                y={T + j * cell}
                width={cell - 1}
                height={cell - 1}
                fill={color(v)}
                className="trade-point"
                role="button"
                tabIndex={p?.valid ? 0 : -1}
                aria-label={label}
                onClick={() => p?.valid && onPick(p)}
                onKeyDown={(e) => p?.valid && onActivate(e, () => onPick(p))}
              >
                <title>{label}</title>
              </rect>
            );
          }),
        )}
        {a1.values.map((v, i) =>
          i % Math.ceil(nx / 8) === 0 ? (
            <text key={`x${v}`} x={L + i * cell + cell / 2} y={T + ny * cell + 13} fontSize={10} textAnchor="middle" fill="currentColor">
              {fmtSig(v, 4)}
            </text>
          ) : null,
        )}
        {a2.values.map((v, j) =>
          j % Math.ceil(ny / 8) === 0 ? (
            <text key={`y${v}`} x={L - 4} y={T + j * cell + cell / 2 + 3} fontSize={10} textAnchor="end" fill="currentColor">
              {fmtSig(v, 4)}
            </text>
          ) : null,
        )}
        <text x={L} y={H - 6} fontSize={10} fill="var(--muted, #777)">
          {`across: ${a1.label} · down: ${a2.label}`}
        </text>
        {figure === 'binding'
          ? BINDINGS.map((b, k) => (
              <g key={b}>
                <rect x={L + nx * cell + 12} y={T + k * 16} width={10} height={10} fill={rgbCss(CATEGORICAL[k])} />
                <text x={L + nx * cell + 26} y={T + k * 16 + 9} fontSize={10} fill="currentColor">
                  {BINDING_TEXT[b]}
                </text>
              </g>
            ))
          : Number.isFinite(lo)
            ? [0, 0.5, 1].map((t) => (
                <g key={t}>
                  <rect x={L + nx * cell + 12} y={T + (1 - t) * 60} width={10} height={10} fill={color(lo + t * (hi - lo))} />
                  <text x={L + nx * cell + 26} y={T + (1 - t) * 60 + 9} fontSize={10} fill="currentColor">
                    {figure.fmt(lo + t * (hi - lo))}
                  </text>
                </g>
              ))
            : null}
      </svg>
    </figure>
  );
}

// ---- the sweep tab ----

interface AxisForm {
  path: string;
  from: string;
  to: string;
  steps: string;
}

function defaultAxis(scenario: Scenario, path: string | undefined): AxisForm {
  const fields = numericFields(scenario);
  const f = fields.find((x) => x.path === path) ?? fields.find((x) => /altitudeKm$/.test(x.path)) ?? fields[0];
  const v = f?.value ?? 0;
  const r = f ? resolveParam(scenario, f.path) : null;
  const integer = r !== null && !('ok' in r) && r.integer;
  const lo = v === 0 ? 0 : v * 0.5;
  const hi = v === 0 ? 1 : v * 1.5;
  return { path: f?.path ?? '', from: fmtValue(integer ? Math.round(lo) : lo), to: fmtValue(integer ? Math.round(hi) : hi), steps: '9' };
}

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.replace(/[,_\s]/g, '')));

interface SweepState {
  plan: SweepPlan;
  base: Scenario;
  mode: AnalysisMode;
  points: SweepPoint[];
  running: boolean;
  cancelled: boolean;
  optimum: OptimumResult | null;
  ms: number;
}

function SweepTab({ pool, imported, initialPath }: { pool: TradePool; imported: Array<[string, ElementColumns]>; initialPath?: string }) {
  const scenario = useScenario();
  const { actions } = useWorkspace();
  const fields = useMemo(() => numericFields(scenario), [scenario]);
  const [a1, setA1] = useState<AxisForm>(() => defaultAxis(scenario, initialPath));
  const [use2, setUse2] = useState(false);
  const [a2, setA2] = useState<AxisForm>(() => defaultAxis(scenario, 'designs[0].radiator.areaM2'));
  const [mode, setMode] = useState<AnalysisMode>('analytic');
  const [objective, setObjective] = useState<Objective | ''>('');
  const [minFeasible, setMinFeasible] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const [st, setSt] = useState<SweepState | null>(null);
  const [heatFigure, setHeatFigure] = useState('compute');
  const cancelRef = useRef<(() => void) | null>(null);
  const ids = { p1: useId(), p2: useId(), mode: useId(), obj: useId(), minf: useId(), heat: useId() };

  useEffect(() => () => cancelRef.current?.(), []);

  const run = async () => {
    setError(null);
    const axes = [{ path: a1.path, from: num(a1.from), to: num(a1.to), steps: num(a1.steps) }];
    if (use2) axes.push({ path: a2.path, from: num(a2.from), to: num(a2.to), steps: num(a2.steps) });
    const planned = planSweep(scenario, axes);
    if (!planned.ok) {
      setError(
        planned.error
          .replace(/^--param2?\s*/, '')
          .replace('--from', 'From')
          .replace('--to', 'To')
          .replace('--steps', 'Steps'),
      );
      return;
    }
    const minShare = num(minFeasible) / 100;
    if (objective && !(minShare >= 0 && minShare <= 1)) {
      setError('Minimum feasible share must be a percentage from 0 to 100');
      return;
    }
    const { plan } = planned;
    const base = scenario;
    const t0 = performance.now();
    const signal = { cancelled: false };
    const cancel = () => {
      signal.cancelled = true;
      pool.cancel();
    };
    cancelRef.current = cancel;
    pool.setImported(imported);
    const task = actions.startTask(`Trade study: ${plan.axes.map((a) => a.path).join(' × ')}`, cancel);
    let points: SweepPoint[] = [];
    setSt({ plan, base, mode, points, running: true, cancelled: false, optimum: null, ms: 0 });
    try {
      const res = await runSweep(plan, (s) => pool.evaluate(s, mode), {
        concurrency: pool.size,
        signal,
        onPoint: (p, _i, pr) => {
          points = [...points, p].sort((x, y) => x.value - y.value || (x.value2 ?? 0) - (y.value2 ?? 0));
          setSt((s) => (s ? { ...s, points } : s));
          actions.progressTask(task, pr.done / pr.total, `${pr.done} of ${pr.total} points`);
        },
      });
      let optimum: OptimumResult | null = null;
      if (objective && isObjective(objective) && !signal.cancelled && plan.axes.length === 1) {
        const ax = plan.axes[0];
        actions.progressTask(task, null, 'optimising');
        optimum = await optimiseAxis(
          ax,
          res.points,
          objective,
          { minFeasibleShare: minShare },
          axisPointEvaluator(base, ax, (s) => pool.evaluate(s, mode)),
          { signal },
        );
      }
      setSt({
        plan,
        base,
        mode,
        points: res.points,
        running: false,
        cancelled: res.cancelled || signal.cancelled,
        optimum,
        ms: performance.now() - t0,
      });
      if (signal.cancelled) actions.post('info', `Trade study cancelled after ${res.points.length} of ${plan.variants.length} points`);
    } catch (e) {
      setSt((s) => (s ? { ...s, running: false, cancelled: signal.cancelled } : s));
      if (!signal.cancelled) setError(`The trade study failed: ${(e as Error).message}`);
    } finally {
      actions.endTask(task);
      cancelRef.current = null;
    }
  };

  const apply = (p: SweepPoint) => {
    if (!st) return;
    const [ax1, ax2] = st.plan.axes;
    const r = actions.edit((s) => {
      let next = setAtPath(s, ax1.segments, p.value);
      if (ax2 && p.value2 !== undefined) next = setAtPath(next, ax2.segments, p.value2);
      return next;
    });
    const what = `${ax1.label} = ${fmtValue(p.value)}${ax2 && p.value2 !== undefined ? `, ${ax2.label} = ${fmtValue(p.value2)}` : ''}`;
    if (r.ok) actions.post('info', `Applied ${what} (Ctrl+Z undoes it)`);
    else actions.post('error', `Could not apply ${what}: ${r.errors.join('; ')}`);
  };

  const axisRow = (label: string, a: AxisForm, set: (a: AxisForm) => void, selId: string) => (
    <div className="trade-axis">
      <div className="field field-wide">
        <label htmlFor={selId}>{label}</label>
        <select
          id={selId}
          value={a.path}
          onChange={(e) => set({ ...defaultAxis(scenario, e.target.value) })}
          data-testid={`trade-${selId === ids.p1 ? 'param' : 'param2'}`}
        >
          {fields.map((f) => (
            <option key={f.path} value={f.path}>
              {`${f.label} (${fmtValue(f.value)})`}
            </option>
          ))}
        </select>
      </div>
      {(['from', 'to', 'steps'] as const).map((k) => (
        <label key={k} className="trade-num">
          <span>{k === 'from' ? 'From' : k === 'to' ? 'To' : 'Steps'}</span>
          <input
            value={a[k]}
            inputMode="decimal"
            aria-invalid={!Number.isFinite(num(a[k]))}
            onChange={(e) => set({ ...a, [k]: e.target.value })}
            data-testid={`trade-${k}${selId === ids.p1 ? '' : '2'}`}
          />
        </label>
      ))}
    </div>
  );

  const ax = st?.plan.axes[0];
  const valid = st?.points.filter((p) => p.valid) ?? [];
  const invalid = st ? st.points.filter((p) => !p.valid) : [];
  const bestObjective = st?.optimum;
  return (
    <div className="trade-sweep">
      <div className="trade-form">
        {axisRow('Parameter', a1, setA1, ids.p1)}
        <label className="field-check">
          <input type="checkbox" checked={use2} onChange={(e) => setUse2(e.target.checked)} data-testid="trade-use2" /> Second parameter
          (heat map)
        </label>
        {use2 ? axisRow('Second parameter', a2, setA2, ids.p2) : null}
        <div className="trade-axis">
          <div className="field">
            <label htmlFor={ids.mode}>Analysis</label>
            <select id={ids.mode} value={mode} onChange={(e) => setMode(e.target.value as AnalysisMode)} data-testid="trade-mode">
              <option value="analytic">analytic (fast)</option>
              <option value="sampled">sampled (SGP4 over the window)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.obj}>Optimise</label>
            <select
              id={ids.obj}
              value={objective}
              disabled={use2}
              onChange={(e) => setObjective(e.target.value as Objective | '')}
              data-testid="trade-objective"
            >
              <option value="">no optimisation</option>
              {(Object.keys(OBJECTIVES) as Objective[]).map((o) => (
                <option key={o} value={o}>
                  {`${OBJECTIVES[o].sense === 'max' ? 'maximise' : 'minimise'} ${OBJECTIVES[o].label}`}
                </option>
              ))}
            </select>
          </div>
          {objective && !use2 ? (
            <label className="trade-num">
              <span>Feasible share at least (%)</span>
              <input id={ids.minf} value={minFeasible} inputMode="decimal" onChange={(e) => setMinFeasible(e.target.value)} />
            </label>
          ) : null}
        </div>
        <div className="btn-row">
          <button className="btn primary" type="button" onClick={() => void run()} disabled={st?.running} data-testid="trade-run">
            Run sweep
          </button>
          {st?.running ? (
            <button className="btn" type="button" onClick={() => cancelRef.current?.()} data-testid="trade-cancel">
              Cancel
            </button>
          ) : null}
          {st?.running ? <progress max={st.plan.variants.length} value={st.points.length} aria-label="Points done" /> : null}
          <span className="muted" role="status" data-testid="trade-status">
            {st
              ? `${st.points.length} of ${st.plan.variants.length} ` +
                `points${st.running ? ' …' : st.cancelled ? ' (cancelled)' : ` in ${(st.ms / 1000).toFixed(1)} s`}` +
                `${invalid.length ? ` · ${invalid.length} not valid` : ''} · ${pool.size} worker${pool.size === 1 ? '' : 's'}`
              : `${pool.size} worker${pool.size === 1 ? '' : 's'} · each point is the whole scenario analysed`}
          </span>
        </div>
        {error ? (
          <div className="field-error" role="alert">
            {error}
          </div>
        ) : null}
      </div>
      {st && ax && st.plan.axes.length === 1 && st.points.length ? (
        <>
          {bestObjective ? (
            <p className="trade-optimum" data-testid="trade-optimum">
              {bestObjective.found ? (
                <>
                  {`Best ${ax.label}: ${fmtValue(bestObjective.value ?? 0)} — ${OBJECTIVES[bestObjective.objective].label} ${
                    bestObjective.objective === 'cost-per-gw'
                      ? `${fmtUsd(bestObjective.figure ?? 0)}/GW`
                      : `${fmtSig(bestObjective.figure ?? 0, 5)} ${OBJECTIVES[bestObjective.objective].unit}`
                  } (feasible share at least ${(bestObjective.constraint.minFeasibleShare * 100).toFixed(1)} %). `}
                  <button
                    className="btn"
                    type="button"
                    onClick={() => bestObjective.point && apply(bestObjective.point)}
                    data-testid="trade-apply-optimum"
                  >
                    Apply
                  </button>
                </>
              ) : (
                `No optimum: ${bestObjective.reason}`
              )}
            </p>
          ) : null}
          <div className="trade-charts" data-testid="trade-charts">
            {FIGURES.map((f) => (
              <TradeLineChart
                key={f.key}
                figure={f}
                points={st.points}
                xLabel={ax.path}
                optimum={bestObjective?.found ? bestObjective.value : undefined}
                baseValue={ax.baseValue}
                onPick={apply}
              />
            ))}
            <TradeLineChart
              figure="binding"
              points={st.points}
              xLabel={ax.path}
              optimum={bestObjective?.found ? bestObjective.value : undefined}
              baseValue={ax.baseValue}
              onPick={apply}
            />
          </div>
        </>
      ) : null}
      {st && st.plan.axes.length === 2 && st.points.length ? (
        <div>
          <div className="field">
            <label htmlFor={ids.heat}>Heat map of</label>
            <select id={ids.heat} value={heatFigure} onChange={(e) => setHeatFigure(e.target.value)}>
              {FIGURES.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.title}
                </option>
              ))}
              <option value="binding">Binding limit</option>
            </select>
          </div>
          <HeatMap
            plan={st.plan}
            points={st.points}
            figure={heatFigure === 'binding' ? 'binding' : (FIGURES.find((f) => f.key === heatFigure) ?? FIGURES[0])}
            onPick={apply}
          />
        </div>
      ) : null}
      {st?.points.length ? (
        <table className="trade-table" data-testid="trade-table">
          <caption className="sr-only">Every point of the sweep</caption>
          <thead>
            <tr>
              <th scope="col">{st.plan.axes[0].path}</th>
              {st.plan.axes[1] ? <th scope="col">{st.plan.axes[1].path}</th> : null}
              <th scope="col">Compute</th>
              <th scope="col">Feasible</th>
              <th scope="col">Binding</th>
              <th scope="col">p50</th>
              <th scope="col">Cost per GW</th>
              <th scope="col">
                <span className="sr-only">Apply</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {st.points.map((p) => (
              <tr key={`${p.value}|${p.value2}`} className={p.valid ? undefined : 'trade-invalid'}>
                <td>{fmtValue(p.value)}</td>
                {st.plan.axes[1] ? <td>{p.value2 === undefined ? '' : fmtValue(p.value2)}</td> : null}
                {p.valid && p.totals ? (
                  <>
                    <td>{FIGURES[0].fmt(p.totals.computeGW)}</td>
                    <td>{`${(p.totals.feasibleShare * 100).toFixed(1)} %`}</td>
                    <td>{BINDING_TEXT[p.totals.binding] ?? p.totals.binding}</td>
                    <td>{`${p.totals.latencyP50Ms.toFixed(2)} ms`}</td>
                    <td>{`${fmtUsd(p.totals.costPerGWUsd)}/GW`}</td>
                    <td>
                      <button className="btn" type="button" onClick={() => apply(p)} aria-label={`Apply ${fmtValue(p.value)}`}>
                        Apply
                      </button>
                    </td>
                  </>
                ) : (
                  <td colSpan={6} className="field-error">
                    {`not valid: ${p.error ?? ''}`}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {valid.length === 0 && st && !st.running && st.points.length ? <p className="muted">No point of this sweep is valid.</p> : null}
    </div>
  );
}

// ---- the compare tab ----

let candidateSeq = 0;

interface Candidate {
  key: number;
  name: string;
  source: string;
  scenario: Scenario;
}

function CompareTab({ pool, imported }: { pool: TradePool; imported: Array<[string, ElementColumns]> }) {
  const scenario = useScenario();
  const { actions } = useWorkspace();
  const fileRef = useRef<HTMLInputElement>(null);
  const [others, setOthers] = useState<Candidate[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ comparison: Comparison; curves: ComparisonCurves[] } | null>(null);

  const addFiles = async (files: FileList | null) => {
    if (!files) return;
    const errs: string[] = [];
    const added: Candidate[] = [];
    for (const f of Array.from(files)) {
      if (others.length + added.length >= 3) {
        errs.push(`${f.name}: not added (at most 4 scenarios, the current one included)`);
        continue;
      }
      if (f.size > 64 * 1024 * 1024) {
        errs.push(`${f.name}: ${(f.size / 1e6).toFixed(0)} MB is too large for a scenario file (64 MB at most)`);
        continue;
      }
      const r = parseScenario(await f.text());
      if (r.ok) added.push({ key: candidateSeq++, name: r.scenario.name, source: f.name, scenario: r.scenario });
      else errs.push(`${f.name}: ${r.errors.slice(0, 2).join('; ')}`);
    }
    setOthers((o) => [...o, ...added]);
    setErrors(errs);
    setResult(null);
  };

  const compare = async () => {
    const items: Candidate[] = [{ key: -1, name: scenario.name, source: 'current scenario', scenario }, ...others];
    setBusy(true);
    const task = actions.startTask('Comparing scenarios', () => pool.cancel());
    pool.setImported(imported);
    try {
      const figures = await Promise.all(
        items.map(async (c, i) => {
          const f = await pool.evaluateWithCurves(c.scenario, 'analytic');
          actions.progressTask(task, (i + 1) / items.length, `${i + 1} of ${items.length}`);
          return f;
        }),
      );
      const comparison = compareScenarios(
        items.map((c, i) => ({ name: c.name, source: c.source, mode: 'analytic', totals: figures[i].totals })),
      );
      setResult({ comparison, curves: figures.map((f) => f.curves) });
    } catch (e) {
      setErrors([`The comparison stopped: ${(e as Error).message}`]);
    } finally {
      actions.endTask(task);
      setBusy(false);
    }
  };

  const c = result?.comparison;
  return (
    <div className="trade-compare">
      <p className="muted">
        The current scenario against up to three saved scenario files (analytic figures). Imported shells of other files are read from their
        own element text.
      </p>
      <ol className="trade-list">
        <li>
          <strong>{scenario.name}</strong> <span className="muted">(current)</span>
        </li>
        {others.map((o, i) => (
          <li key={o.key}>
            <strong>{o.name}</strong> <span className="muted">{o.source}</span>{' '}
            <button
              className="btn"
              type="button"
              aria-label={`Remove ${o.name}`}
              onClick={() => {
                setOthers((x) => x.filter((_, k) => k !== i));
                setResult(null);
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div className="btn-row">
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          multiple
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="compare-files"
          onChange={(e) => {
            void addFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <button className="btn" type="button" onClick={() => fileRef.current?.click()} disabled={others.length >= 3}>
          Add saved scenarios…
        </button>
        <button
          className="btn primary"
          type="button"
          onClick={() => void compare()}
          disabled={busy || others.length === 0}
          data-testid="compare-run"
        >
          Compare
        </button>
      </div>
      {errors.map((e) => (
        <div key={e} className="field-error" role="alert">
          {e}
        </div>
      ))}
      {c && result ? (
        <>
          <table className="trade-table compare-table" data-testid="compare-table">
            <caption className="sr-only">Headline figures side by side; differences from the first scenario</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                {c.scenarios.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are the compared scenarios in fixed order (a file may repeat)
                  <th scope="col" key={i}>
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.figures.map((f) => (
                <tr key={f.key} className={f.differs ? 'differs' : undefined} data-figure={f.key}>
                  <th scope="row">
                    {f.differs ? <span title="differs from the first scenario">● </span> : null}
                    {f.label}
                  </th>
                  {f.values.map((v, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: one cell per compared scenario, fixed order
                    <td key={i} className={f.best === i ? 'best' : undefined}>
                      {formatFigure(f, v)}
                      {i > 0 && f.differs && Number.isFinite(f.ratios[i]) ? (
                        <span className="muted">{` ${f.ratios[i] >= 0 ? '+' : ''}${(f.ratios[i] * 100).toFixed(1)} %`}</span>
                      ) : null}
                      {f.best === i ? (
                        <>
                          <span className="sr-only">(best)</span>
                          <span aria-hidden="true"> ✓</span>
                        </>
                      ) : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="trade-charts">
            {(
              [
                ['powerMarginKw', 'Power margin, all satellites', 'power margin (kW)'],
                ['thermalMarginKw', 'Thermal margin, all satellites', 'thermal margin (kW)'],
                ['latencyMs', 'Latency, all satellites', 'one-way latency (ms)'],
              ] as Array<[keyof ComparisonCurves, string, string]>
            ).map(([k, title, xLabel]) => (
              <LineChart
                key={k}
                width={300}
                height={180}
                title={title}
                xLabel={xLabel}
                yLabel="share ≤ x"
                yRange={[0, 1]}
                series={result.curves.map((cv, i) => ({
                  label: c.scenarios[i].name,
                  x: cv[k].x,
                  y: cv[k].y,
                  step: true,
                  color: SERIES[i % SERIES.length],
                }))}
              />
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}

// ---- the dialog ----

export function TradeStudyDialog({
  onClose,
  initialPath,
  imported,
}: {
  onClose: () => void;
  /** Field to sweep first (the editor's "sweep this field"). */
  initialPath?: string;
  imported: Array<[string, ElementColumns]>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [tab, setTab] = useState<'sweep' | 'compare'>('sweep');
  const [pool] = useState(() => new TradePool());
  useEffect(() => () => pool.dispose(), [pool]);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  usePopupFocus(ref, { onClose });
  return (
    <dialog ref={ref} className="modal trade-modal" aria-labelledby="trade-title" onClose={onClose} data-testid="trade-dialog">
      <div className="modal-head">
        <span className="title" id="trade-title">
          Trade study
        </span>
        <div
          className="tabs"
          role="tablist"
          aria-label="Trade study"
          onKeyDown={(e) => onTablistKey(e, ['sweep', 'compare'] as const, tab, setTab)}
        >
          {(
            [
              ['sweep', 'Sweep a field'],
              ['compare', 'Compare scenarios'],
            ] as const
          ).map(([k, label]) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} tabIndex={tab === k ? 0 : -1} onClick={() => setTab(k)}>
              {label}
            </button>
          ))}
        </div>
        <button className="btn" type="button" onClick={() => ref.current?.close()} aria-label="Close the trade study">
          Close
        </button>
      </div>
      <div className="modal-body">
        {tab === 'sweep' ? (
          <SweepTab pool={pool} imported={imported} initialPath={initialPath} />
        ) : (
          <CompareTab pool={pool} imported={imported} />
        )}
      </div>
    </dialog>
  );
}
