/**
 * Analysis worker entry (thin): runs the analytic job (analysisJob.ts) off the page's thread and
 * transfers the fleet and metric columns back without copying.
 */
import * as Comlink from 'comlink';
import type { ElementColumns } from '../core/elements/columns';
import type { Scenario } from '../core/scenario/schema';
import { analysisResultBuffers, runAnalysisJob, type AnalysisJobResult } from './analysisJob';

export interface AnalysisWorkerApi {
  analyze(scenario: Scenario, imported: Array<[string, ElementColumns]>): AnalysisJobResult;
}

const api: AnalysisWorkerApi = {
  analyze(scenario, imported) {
    const r = runAnalysisJob(scenario, imported);
    return Comlink.transfer(r, analysisResultBuffers(r));
  },
};

Comlink.expose(api);
