/**
 * Analysis worker entry (thin): runs the analytic job (analysisJob.ts) off the page's thread and
 * transfers the fleet and metric columns back without copying.
 */
import * as Comlink from 'comlink';
import type { ElementColumns } from '../src/core/elements/columns';
import type { Scenario } from '../src/core/scenario/schema';
import { analysisResultBuffers, runAnalysisJob, type AnalysisJobResult } from '../src/core/report/analysisJob';

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
