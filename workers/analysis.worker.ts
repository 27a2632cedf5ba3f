/**
 * Analysis worker entry (thin): runs the analytic job (analysisJob.ts) off the page's thread and
 * transfers the fleet and metric columns back without copying (the fleet's elements are in shared
 * memory when the page is cross-origin isolated).
 */
import * as Comlink from 'comlink';
import type { ElementColumns } from '../src/core/elements/columns';
import type { Scenario } from '../src/core/scenario/schema';
import { analysisResultBuffers, runAnalysisJob, type AnalysisJobResult } from '../src/core/report/analysisJob';
import { canShareMemory } from '../src/engine/browserHost';

export interface AnalysisWorkerApi {
  analyze(scenario: Scenario, imported: Array<[string, ElementColumns]>): AnalysisJobResult;
}

/** Cross-origin isolated: the fleet's elements go to shared memory, which the propagation workers then read in place. */
const shared = canShareMemory();

const api: AnalysisWorkerApi = {
  analyze(scenario, imported) {
    const r = runAnalysisJob(scenario, imported, { sharedColumns: shared });
    return Comlink.transfer(r, analysisResultBuffers(r));
  },
};

Comlink.expose(api);
