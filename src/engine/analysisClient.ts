/**
 * Page-side client of the analysis worker: latest request wins (a request made while one is
 * running waits and replaces any older waiting one), in-thread fallback when no worker can run.
 */
import * as Comlink from 'comlink';
import type { ElementColumns } from '../core/elements/columns';
import type { Scenario } from '../core/scenario/schema';
import type { AnalysisWorkerApi } from '../../workers/analysis.worker';
import { runAnalysisJob, type AnalysisJobResult } from '../core/report/analysisJob';

type Job = {
  scenario: Scenario;
  imported: Array<[string, ElementColumns]>;
  resolve: (r: AnalysisJobResult | null) => void;
  reject: (e: Error) => void;
};

export class AnalysisClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<AnalysisWorkerApi> | null = null;
  private busy = false;
  private waiting: Job | null = null;
  private inThread = false;

  private ensure(): Comlink.Remote<AnalysisWorkerApi> | null {
    if (this.inThread || typeof Worker === 'undefined') return null;
    if (!this.api) {
      try {
        this.worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
        this.api = Comlink.wrap<AnalysisWorkerApi>(this.worker);
      } catch {
        this.inThread = true;
        return null;
      }
    }
    return this.api;
  }

  /** Analyse; resolves null when a newer request superseded this one before it started. */
  analyze(scenario: Scenario, imported: Array<[string, ElementColumns]>): Promise<AnalysisJobResult | null> {
    return new Promise((resolve, reject) => {
      if (this.waiting) this.waiting.resolve(null);
      this.waiting = { scenario, imported, resolve, reject };
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    // requests made in the same turn collapse to the last one
    await Promise.resolve();
    if (this.busy || !this.waiting) return;
    const job = this.waiting;
    this.waiting = null;
    this.busy = true;
    try {
      const api = this.ensure();
      let r: AnalysisJobResult;
      if (api) {
        try {
          r = await api.analyze(job.scenario, job.imported);
        } catch (e) {
          // a worker that cannot load (or crashed) is replaced by the in-thread path
          if (e instanceof Error && /worker|module|import/i.test(e.message)) this.fallback();
          throw e;
        }
      } else r = runAnalysisJob(job.scenario, job.imported);
      job.resolve(r);
    } catch (e) {
      job.reject(e instanceof Error ? e : new Error(String(e)));
    } finally {
      this.busy = false;
      void this.pump();
    }
  }

  private fallback(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.inThread = true;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.waiting?.resolve(null);
    this.waiting = null;
  }
}
