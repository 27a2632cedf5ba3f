/**
 * Page-side pool for trade studies: one variant at a time per worker (memory stays bounded to
 * one fleet per worker), in-thread where Workers are missing. Cancel terminates the workers that
 * are busy (a sampled variant can run for a minute), so it answers at once; they are started
 * again for the next study.
 */
import * as Comlink from 'comlink';
import type { AnalysisMode } from '../core/analysis/types';
import type { ElementColumns } from '../core/elements/columns';
import type { Scenario } from '../core/scenario/schema';
import { evaluateScenario, type PointFigures } from '../core/trade/sweep';
import type { ComparisonCurves } from '../core/trade/compareCharts';
import type { TradeWorkerApi } from '../../workers/trade.worker';

export class TradeCancelled extends Error {
  constructor() {
    super('trade study cancelled');
  }
}

interface Lane {
  worker: Worker;
  api: Comlink.Remote<TradeWorkerApi>;
  busy: boolean;
  importedToken: number;
  reject: ((e: Error) => void) | null;
}

export interface TradePoolOptions {
  /** Workers; default min(hardwareConcurrency, 4), at least 1. */
  workers?: number;
}

export class TradePool {
  readonly size: number;
  private lanes: Array<Lane | null>;
  private imported: Array<[string, ElementColumns]> = [];
  private importedToken = 0;
  private readonly inThread: boolean;
  private waiters: Array<() => void> = [];

  constructor(opts: TradePoolOptions = {}) {
    const hc = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
    this.size = Math.max(1, opts.workers ?? Math.min(4, hc));
    this.inThread = typeof Worker === 'undefined';
    this.lanes = new Array(this.size).fill(null);
  }

  /** The imported shells' columns the coming variants use. */
  setImported(columns: Array<[string, ElementColumns]>): void {
    this.imported = columns;
    this.importedToken++;
  }

  private lane(i: number): Lane {
    let l = this.lanes[i];
    if (!l) {
      const worker = new Worker(new URL('../../workers/trade.worker.ts', import.meta.url), { type: 'module', name: `trade-${i}` });
      l = { worker, api: Comlink.wrap<TradeWorkerApi>(worker), busy: false, importedToken: -1, reject: null };
      this.lanes[i] = l;
    }
    return l;
  }

  /** A free worker, claimed before this returns (two callers in one turn never share one). */
  private async acquire(): Promise<Lane> {
    for (;;) {
      for (let i = 0; i < this.size; i++) {
        if (this.lanes[i]?.busy) continue;
        const l = this.lane(i);
        l.busy = true;
        return l;
      }
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  /** Evaluate one variant on a free worker. Rejects with TradeCancelled after cancel(). */
  evaluate(scenario: Scenario, mode: AnalysisMode): Promise<PointFigures> {
    return this.run(scenario, mode, false);
  }

  /** The same, with the margin and latency distributions for the comparison view. */
  evaluateWithCurves(scenario: Scenario, mode: AnalysisMode): Promise<PointFigures & { curves: ComparisonCurves }> {
    return this.run(scenario, mode, true) as Promise<PointFigures & { curves: ComparisonCurves }>;
  }

  private async run(scenario: Scenario, mode: AnalysisMode, curves: boolean): Promise<PointFigures> {
    if (this.inThread) {
      await new Promise((r) => setTimeout(r, 0)); // let the page paint between points
      const { cancelled: _c, ...f } = evaluateScenario(scenario, mode, new Map(this.imported), { curves });
      return f;
    }
    const l = await this.acquire();
    try {
      return await new Promise<PointFigures>((resolve, reject) => {
        l.reject = reject;
        const run = async () => {
          if (l.importedToken !== this.importedToken) {
            await l.api.setImported(this.imported);
            l.importedToken = this.importedToken;
          }
          return curves ? l.api.evaluateWithCurves(scenario, mode) : l.api.evaluate(scenario, mode);
        };
        run().then(resolve, (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))));
      });
    } finally {
      l.reject = null;
      l.busy = false;
      this.waiters.shift()?.();
    }
  }

  /** Stop every variant in flight (their promises reject with TradeCancelled). */
  cancel(): void {
    for (let i = 0; i < this.size; i++) {
      const l = this.lanes[i];
      if (!l?.busy) continue;
      l.worker.terminate();
      this.lanes[i] = null;
      l.reject?.(new TradeCancelled());
    }
  }

  dispose(): void {
    for (const l of this.lanes) l?.worker.terminate();
    this.lanes.fill(null);
  }
}
