/**
 * The page's "Report" button: the feasibility report of what the capacity panel shows (sampled
 * when a current sampled run exists and is shown, else analytic), built by the same pure function
 * as `plan report` (src/core/report/html.ts) and downloaded as one HTML file.
 */
import { windowFromScenario } from '../core/analysis/window';
import { buildReportHtml } from '../core/report/html';
import type { Scenario } from '../core/scenario/schema';
import { DESIGN_COMMENTS } from '../ui/schemaMeta';
import type { AnalysisState } from './analysis';
import { downloadText } from './fileio';

/** A file name from the scenario name: "Orbital compute 1M" -> "orbital-compute-1m-report.html". */
export function reportFileName(name: string): string {
  const stem =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'scenario';
  return `${stem}-report.html`;
}

/** Build the report HTML, or null when there is no current analysis to report. */
export function reportHtml(analysis: AnalysisState, scenario: Scenario, mode: 'analytic' | 'sampled', nowMs = Date.now()): string | null {
  const fleet = analysis.fleet;
  if (!fleet || analysis.scenario !== scenario) return null;
  if (mode === 'sampled') {
    const s = analysis.sampled;
    if (!s || s.scenario !== scenario) return null;
    return buildReportHtml({
      scenario,
      fleet,
      run: { mode: 'sampled', window: s.window, metrics: s.metrics, rollup: s.rollup, notes: s.notes, cancelled: false },
      generatedAtMs: nowMs,
      source: 'planner workspace',
      designSources: DESIGN_COMMENTS,
    });
  }
  const a = analysis.analytic;
  if (!a) return null;
  return buildReportHtml({
    scenario,
    fleet,
    run: { mode: 'analytic', window: windowFromScenario(scenario), metrics: a.metrics, rollup: a.rollup, notes: [], cancelled: false },
    generatedAtMs: nowMs,
    source: 'planner workspace',
    designSources: DESIGN_COMMENTS,
  });
}

export function downloadReport(analysis: AnalysisState, scenario: Scenario, mode: 'analytic' | 'sampled'): boolean {
  const html = reportHtml(analysis, scenario, mode);
  if (html === null) return false;
  downloadText(reportFileName(scenario.name), html, 'text/html');
  return true;
}
