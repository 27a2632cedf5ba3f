/**
 * Page-side client of the analysis worker: latest request wins (a request made while one is
 * running waits and replaces any older waiting one), in-thread fallback when no worker can run.
 * A worker that dies mid-job (its `error` event) is replaced by a fresh one and the job retried;
 * after MAX_RESTARTS deaths the analysis runs in the page instead. Without this a dead worker's
 * call never settled and every later analysis queued behind it.
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

/** Worker deaths after which the client stops starting workers and analyses in the page. */
export const MAX_RESTARTS = 2;

class WorkerStopped extends Error {}

export class AnalysisClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<AnalysisWorkerApi> | null = null;
  private crashed: Promise<never> | null = null;
  /** Workers that died so far. */
  restarts = 0;
  private busy = false;
  private waiting: Job | null = null;
  private inThread = false;

  private ensure(): Comlink.Remote<AnalysisWorkerApi> | null {
    if (this.inThread || typeof Worker === 'undefined') return null;
    if (!this.api) {
      try {
        const w = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
        this.worker = w;
        this.api = Comlink.wrap<AnalysisWorkerApi>(w);
        this.crashed = new Promise<never>((_, reject) => {
          w.addEventListener('error', (e) => reject(new WorkerStopped(`analysis worker stopped: ${e.message || 'error'}`)), { once: true });
        });
        this.crashed.catch(() => undefined);
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
          r = await Promise.race([api.analyze(job.scenario, job.imported), this.crashed as Promise<never>]);
        } catch (e) {
          if (e instanceof WorkerStopped) {
            // the worker died: a fresh one (or, after MAX_RESTARTS, the page) takes the job again,
            // unless a newer request has replaced it meanwhile
            this.restarts++;
            this.drop();
            if (this.restarts > MAX_RESTARTS) this.inThread = true;
            if (this.waiting) job.resolve(null);
            else this.waiting = job;
            return;
          }
          // a worker that cannot load is replaced by the in-thread path
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

  private drop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.crashed = null;
  }

  private fallback(): void {
    this.drop();
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
