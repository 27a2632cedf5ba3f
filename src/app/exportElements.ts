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
import type { WorkspaceActions } from '../ui/workspace';

export function elementsFileName(scenarioName: string, format: ExportFormat, part?: { k: number; of: number }): string {
  const stem =
    scenarioName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'scenario';
  return `${stem}-elements${part ? `-part${part.k}-of-${part.of}` : ''}.${EXPORT_FILE[format].ext}`;
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

/**
 * Export the fleet. `split` writes consecutive files of at most `split` satellites each (TLE: each
 * file numbers its satellites from 1, so a million satellites fit in three 339,999-satellite files).
 */
export async function exportElements(
  fleet: Fleet,
  scenario: Scenario,
  format: ExportFormat,
  actions: WorkspaceActions,
  split?: number,
): Promise<void> {
  let cancelled = false;
  const task = actions.startTask(`Exporting ${EXPORT_FILE[format].label}`, () => {
    cancelled = true;
  });
  const per = split && split > 0 ? Math.floor(split) : fleet.count;
  const files = split && fleet.count > 0 ? Math.ceil(fleet.count / per) : 1;
  try {
    const out: Array<{ name: string; parts: string[] }> = [];
    const total: ExportResult = { written: 0, skipped: [], warnings: [] };
    for (let f = 0; f < files; f++) {
      const start = f * per;
      const parts: string[] = [];
      const it = exportFleetSlices(fleet, format, { sliceSize: 20_000, start, end: split ? start + per : undefined });
      let result: ExportResult;
      for (;;) {
        const x = it.next();
        if (x.done) {
          result = x.value;
          break;
        }
        parts.push(x.value.text);
        const done = start + x.value.done;
        actions.progressTask(
          task,
          fleet.count > 0 ? done / fleet.count : 1,
          `${fmtInt(done)} of ${fmtInt(fleet.count)} satellites${files > 1 ? ` (file ${f + 1} of ${files})` : ''}`,
        );
        await new Promise((r) => setTimeout(r, 0));
        if (cancelled) {
          actions.post('info', 'Element export cancelled; nothing was written.');
          return;
        }
      }
      total.written += result.written;
      total.skipped.push(...result.skipped);
      total.warnings.push(...result.warnings);
      out.push({ name: elementsFileName(scenario.name, format, files > 1 ? { k: f + 1, of: files } : undefined), parts });
    }
    if (total.written === 0) {
      actions.post('error', `${exportSummary(total, fleet.count, format)} Nothing to download.`);
      return;
    }
    for (const o of out) downloadParts(o.name, o.parts, EXPORT_FILE[format].mime);
    actions.post(
      total.skipped.length ? 'warning' : 'info',
      exportSummary(total, fleet.count, format) + (files > 1 ? ` In ${files} files, each numbered from 1.` : ''),
    );
  } catch (e) {
    actions.post('error', `Element export failed: ${(e as Error)?.message ?? e}. Nothing was written.`);
  } finally {
    actions.endTask(task);
  }
}
