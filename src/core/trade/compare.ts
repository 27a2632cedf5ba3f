/**
 * Compare 2 to 4 scenarios side by side: every headline figure of the rollup, its difference
 * from the first scenario, and whether it differs (beyond rounding: a relative 1e-9). Pure; the
 * CLI (`plan compare`), the page's Compare view and the report's comparison appendix use it.
 */
import type { RollupFigures } from '../analysis/rollup';
import { fmtPowerGW, fmtSig, fmtTonnes, fmtUsd } from '../format';

export interface HeadlineFigure {
  key: keyof RollupFigures;
  label: string;
  unit: string;
  /** Higher is better (true), lower is better (false), neither (null). */
  higherIsBetter: boolean | null;
}

export const HEADLINE_FIGURES: readonly HeadlineFigure[] = [
  { key: 'satellites', label: 'Satellites', unit: '', higherIsBetter: null },
  { key: 'computeGW', label: 'Compute that runs', unit: 'GW', higherIsBetter: true },
  { key: 'installedComputeGW', label: 'Compute installed', unit: 'GW', higherIsBetter: null },
  { key: 'computeDeliverableGW', label: 'Compute the power allows', unit: 'GW', higherIsBetter: true },
  { key: 'computeRejectableGW', label: 'Compute the radiators allow', unit: 'GW', higherIsBetter: true },
  { key: 'usablePowerGW', label: 'Usable power', unit: 'GW', higherIsBetter: true },
  { key: 'arrayPowerEolGW', label: 'Array power, end of life', unit: 'GW', higherIsBetter: true },
  { key: 'h100Equivalents', label: 'H100 equivalents', unit: '', higherIsBetter: true },
  { key: 'colossus1Equivalents', label: 'Colossus 1 equivalents', unit: '', higherIsBetter: true },
  { key: 'feasibleShare', label: 'Feasible share', unit: 'fraction', higherIsBetter: true },
  { key: 'eclipseFraction', label: 'Time in eclipse', unit: 'fraction', higherIsBetter: false },
  { key: 'latencyP50Ms', label: 'Latency p50 (one way)', unit: 'ms', higherIsBetter: false },
  { key: 'latencyP95Ms', label: 'Latency p95 (one way)', unit: 'ms', higherIsBetter: false },
  { key: 'arrayAreaKm2', label: 'Array area', unit: 'km²', higherIsBetter: null },
  { key: 'radiatorAreaKm2', label: 'Radiator area', unit: 'km²', higherIsBetter: null },
  { key: 'massToOrbitT', label: 'Mass to orbit', unit: 't', higherIsBetter: false },
  { key: 'launchCostUsd', label: 'Launch cost', unit: 'USD', higherIsBetter: false },
  { key: 'totalCostUsd', label: 'Total cost', unit: 'USD', higherIsBetter: false },
  { key: 'costPerGWUsd', label: 'Cost per GW of compute', unit: 'USD/GW', higherIsBetter: false },
];

export interface ComparedScenario {
  name: string;
  source: string;
  mode: string;
  totals: RollupFigures;
}

export interface ComparedFigure {
  key: string;
  label: string;
  unit: string;
  values: number[];
  /** values[i] - values[0] (0 for the first). */
  deltas: number[];
  /** Relative change from the first scenario (NaN when the first is 0 or not finite). */
  ratios: number[];
  differs: boolean;
  /** Index of the best value when the figure has a better direction and the values differ. */
  best: number | null;
}

export interface Comparison {
  planner: 'orbital-dc-planner';
  scenarios: Array<{ name: string; source: string; mode: string }>;
  figures: ComparedFigure[];
  /** Figures that differ between the scenarios, by key. */
  differing: string[];
}

const sameNumber = (a: number, b: number) =>
  (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

export function compareScenarios(items: readonly ComparedScenario[]): Comparison {
  if (items.length < 2 || items.length > 4) throw new Error(`compare takes 2 to 4 scenarios (got ${items.length})`);
  const figures: ComparedFigure[] = HEADLINE_FIGURES.map((f) => {
    const values = items.map((s) => {
      const v = s.totals[f.key];
      return typeof v === 'number' ? v : Number.NaN;
    });
    const first = values[0];
    const deltas = values.map((v) => v - first);
    const ratios = values.map((v) => (Number.isFinite(first) && first !== 0 ? (v - first) / Math.abs(first) : Number.NaN));
    const differs = values.some((v) => !sameNumber(v, first));
    let best: number | null = null;
    if (differs && f.higherIsBetter !== null) {
      let bi = -1;
      values.forEach((v, i) => {
        if (!Number.isFinite(v)) return;
        if (bi < 0 || (f.higherIsBetter ? v > values[bi] : v < values[bi])) bi = i;
      });
      best = bi >= 0 ? bi : null;
    }
    return { key: f.key, label: f.label, unit: f.unit, values, deltas, ratios, differs, best };
  });
  return {
    planner: 'orbital-dc-planner',
    scenarios: items.map((s) => ({ name: s.name, source: s.source, mode: s.mode })),
    figures,
    differing: figures.filter((f) => f.differs).map((f) => f.key),
  };
}

/** A figure's value in words, with its unit. */
export function formatFigure(f: Pick<ComparedFigure, 'key' | 'unit'>, v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (f.unit === 'GW') return fmtPowerGW(v);
  if (f.unit === 'fraction') return `${(v * 100).toFixed(1)} %`;
  if (f.unit === 'USD' || f.unit === 'USD/GW') return `${fmtUsd(v)}${f.unit === 'USD/GW' ? '/GW' : ''}`;
  if (f.unit === 't') return fmtTonnes(v);
  if (f.unit === 'ms') return `${v.toFixed(2)} ms`;
  if (f.unit === 'km²') return `${fmtSig(v)} km²`;
  if (Math.abs(v) < 100 && !Number.isInteger(v)) return Number(v.toPrecision(3)).toLocaleString('en-US');
  return Math.round(v).toLocaleString('en-US');
}
