/**
 * The page's element export: the fleet's mean elements as TLE / OMM JSON / OMM CSV / OMM XML,
 * the same writer as `plan export` (src/core/fleet/export.ts), run slice by slice with a yield in
 * between so the page shows progress and can cancel, and downloaded as one Blob of the pieces.
 */
import { EXPORT_FILE, exportFleetSlices, type ExportFormat, type ExportResult } from '../core/fleet/export';
import type { Fleet } from '../core/fleet/fleet';
import type { Scenario } from '../core/scenario/schema';
import { fmtInt } from '../core/format';
import { downloadParts } from './fileio';
import type { WorkspaceActions } from './store';

export function elementsFileName(scenarioName: string, format: ExportFormat): string {
  const stem =
    scenarioName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'scenario';
  return `${stem}-elements.${EXPORT_FILE[format].ext}`;
}

/** Summary line for the messages area. */
export function exportSummary(r: ExportResult, total: number, format: ExportFormat): string {
  const first = r.skipped[0];
  return (
    `Exported ${fmtInt(r.written)} of ${fmtInt(total)} satellites as ${EXPORT_FILE[format].label}.` +
    (r.skipped.length ? ` ${fmtInt(r.skipped.length)} not written (first: satellite ${first.record - 1}: ${first.reason}).` : '') +
    (r.warnings.length ? ` ${fmtInt(r.warnings.length)} with warnings.` : '')
  );
}

export async function exportElements(fleet: Fleet, scenario: Scenario, format: ExportFormat, actions: WorkspaceActions): Promise<void> {
  let cancelled = false;
  const task = actions.startTask(`Exporting ${EXPORT_FILE[format].label}`, () => {
    cancelled = true;
  });
  try {
    const parts: string[] = [];
    const it = exportFleetSlices(fleet, format, { sliceSize: 20_000 });
    let result: ExportResult;
    for (;;) {
      const x = it.next();
      if (x.done) {
        result = x.value;
        break;
      }
      parts.push(x.value.text);
      actions.progressTask(
        task,
        fleet.count > 0 ? x.value.done / fleet.count : 1,
        `${fmtInt(x.value.done)} of ${fmtInt(fleet.count)} satellites`,
      );
      await new Promise((r) => setTimeout(r, 0));
      if (cancelled) {
        actions.post('info', 'Element export cancelled; nothing was written.');
        return;
      }
    }
    if (result.written === 0) {
      actions.post('error', `${exportSummary(result, fleet.count, format)} Nothing to download.`);
      return;
    }
    downloadParts(elementsFileName(scenario.name, format), parts, EXPORT_FILE[format].mime);
    actions.post(result.skipped.length ? 'warning' : 'info', exportSummary(result, fleet.count, format));
  } catch (e) {
    actions.post('error', `Element export failed: ${(e as Error)?.message ?? e}. Nothing was written.`);
  } finally {
    actions.endTask(task);
  }
}
