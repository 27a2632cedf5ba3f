/**
 * Trade-study worker entry (thin): evaluates one scenario variant at a time (fleet, analysis,
 * rollup: src/core/trade/sweep.ts) and returns only its figures, so a worker holds one variant's
 * columns at a time and the page receives a few kilobytes per point.
 */
import * as Comlink from 'comlink';
import type { AnalysisMode } from '../src/core/analysis/types';
import type { ElementColumns } from '../src/core/elements/columns';
import type { Scenario } from '../src/core/scenario/schema';
import { evaluateScenario, type PointFigures } from '../src/core/trade/sweep';
import type { ComparisonCurves } from '../src/core/trade/compareCharts';

let imported = new Map<string, ElementColumns>();

export interface TradeWorkerApi {
  /** Imported shells' parsed elements for the coming variants (sent once per study). */
  setImported(columns: Array<[string, ElementColumns]>): void;
  evaluate(scenario: Scenario, mode: AnalysisMode): PointFigures;
  /** The figures plus the margin and latency distributions (the comparison view). */
  evaluateWithCurves(scenario: Scenario, mode: AnalysisMode): PointFigures & { curves: ComparisonCurves };
}

const api: TradeWorkerApi = {
  setImported(columns) {
    imported = new Map(columns);
  },
  evaluate(scenario, mode) {
    const { cancelled: _c, ...figures } = evaluateScenario(scenario, mode, imported);
    return figures;
  },
  evaluateWithCurves(scenario, mode) {
    const { cancelled: _c, curves, ...figures } = evaluateScenario(scenario, mode, imported, { curves: true });
    return { ...figures, curves: curves as ComparisonCurves };
  },
};

Comlink.expose(api);
