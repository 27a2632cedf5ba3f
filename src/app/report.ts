/**
 * The page's Report menu: the feasibility report of what the capacity panel shows (sampled when a
 * current sampled run exists and is shown, else analytic) as PDF or HTML, built from the same report
 * model as `plan report` (src/core/report/model.ts), with the current 3D view as its picture (the
 * constellation map when there is no view); and the per-satellite CSV, written in slices with
 * progress and Cancel so a million rows neither freeze nor crash the page.
 */
import { windowFromScenario } from '../core/analysis/window';
import { ByteCsvWriter } from '../core/csv';
import type { ReportInput, ReportSnapshot } from '../core/report/model';
import { PER_SATELLITE_CSV_HEADER, writePerSatelliteCsvRow } from '../core/report/run';
import type { Scenario } from '../core/scenario/schema';
import { DESIGN_COMMENTS } from '../ui/schemaMeta';
import type { AnalysisState, CsvProgress } from '../ui/services';
import { downloadParts, downloadText } from './fileio';
import { shareUrl, SHARE_WARN_CHARS } from '../core/report/shareLink';
import { version as plannerVersion } from '../../package.json';

/** A file name from the scenario name: "Orbital compute 1M" -> "orbital-compute-1m-report.html". */
export function reportFileName(name: string, ext = 'html', suffix = 'report'): string {
  const stem =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'scenario';
  return `${stem}-${suffix}.${ext}`;
}

// ---- the current 3D view, registered by the viewer region (src/app/ViewerRegion.tsx) ----

export interface ViewCapture {
  /** PNG data URL of the view, rendered now (ViewerHandle.snapshot). */
  pngDataUrl: string;
  caption: string;
}
let viewSource: (() => ViewCapture | null) | null = null;
/** The viewer registers how to read its canvas; returns the unregister function. */
export function registerReportView(source: () => ViewCapture | null): () => void {
  viewSource = source;
  return () => {
    if (viewSource === source) viewSource = null;
  };
}

/** The view as JPEG (smaller than PNG for a rendered globe, and embedded in a PDF without re-encoding). */
async function viewSnapshot(): Promise<ReportSnapshot | undefined> {
  let cap: ViewCapture | null = null;
  try {
    cap = viewSource?.() ?? null;
  } catch {
    cap = null; // no WebGL, lost context: the report draws the map instead
  }
  if (!cap || !cap.pngDataUrl.startsWith('data:image/png')) return undefined;
  try {
    const img = new Image();
    img.src = cap.pngDataUrl;
    await img.decode();
    if (!img.naturalWidth || !img.naturalHeight) return undefined;
    const w = Math.min(1600, img.naturalWidth);
    const h = Math.round((img.naturalHeight * w) / img.naturalWidth);
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    const ctx = c.getContext('2d');
    if (!ctx) return undefined;
    ctx.drawImage(img, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((res) => c.toBlob(res, 'image/jpeg', 0.88));
    if (!blob) return undefined;
    return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: 'image/jpeg', widthPx: w, heightPx: h, caption: cap.caption };
  } catch {
    return undefined;
  }
}

/** The report input for what the capacity panel shows, or null when there is no current analysis. */
export function reportInput(
  analysis: AnalysisState,
  scenario: Scenario,
  mode: 'analytic' | 'sampled',
  nowMs = Date.now(),
): ReportInput | null {
  const fleet = analysis.fleet;
  if (!fleet || analysis.scenario !== scenario) return null;
  const base = {
    scenario,
    fleet,
    generatedAtMs: nowMs,
    source: 'planner workspace',
    designSources: DESIGN_COMMENTS,
    version: plannerVersion,
    share: pageShare(scenario),
  };
  if (mode === 'sampled') {
    const s = analysis.sampled;
    if (!s || s.scenario !== scenario) return null;
    return {
      ...base,
      run: { mode: 'sampled', window: s.window, metrics: s.metrics, rollup: s.rollup, notes: s.notes, cancelled: false },
    };
  }
  const a = analysis.analytic;
  if (!a) return null;
  return {
    ...base,
    run: { mode: 'analytic', window: windowFromScenario(scenario), metrics: a.metrics, rollup: a.rollup, notes: [], cancelled: false },
  };
}

function pageShare(scenario: Scenario): { url?: string; note?: string } {
  try {
    const url = shareUrl(location.href, scenario);
    if (url.length > SHARE_WARN_CHARS)
      return { note: `no link: it would be ${url.length.toLocaleString('en-US')} characters; share the scenario file` };
    return { url };
  } catch {
    return { note: 'no link could be made' };
  }
}

/** Build the report HTML (no picture of the view: the map), or null when there is no current analysis. */
export async function reportHtml(analysis: AnalysisState, scenario: Scenario, mode: 'analytic' | 'sampled'): Promise<string | null> {
  const input = reportInput(analysis, scenario, mode);
  if (!input) return null;
  const [{ buildReportHtml }, { loadLand }] = await Promise.all([import('../core/report/html'), import('../core/report/constellationMap')]);
  return buildReportHtml({ ...input, snapshot: await viewSnapshot(), land: await loadLand() });
}

/** The report's fonts: the DejaVu TTFs of the dejavu-fonts-ttf package, bundled as assets of this page. */
async function reportFonts() {
  const [r, b, m] = await Promise.all([
    import('dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url'),
    import('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url'),
    import('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf?url'),
  ]);
  const get = async (u: { default: string }) => new Uint8Array(await (await fetch(u.default)).arrayBuffer());
  const [regular, bold, mono] = await Promise.all([get(r), get(b), get(m)]);
  return { regular, bold, mono };
}

export async function reportPdf(
  analysis: AnalysisState,
  scenario: Scenario,
  mode: 'analytic' | 'sampled',
  paper: 'a4' | 'letter' = 'a4',
): Promise<Uint8Array | null> {
  const input = reportInput(analysis, scenario, mode);
  if (!input) return null;
  const snapshot = await viewSnapshot();
  const [{ buildReportModel }, { renderReportPdf }, { loadLand }, fonts] = await Promise.all([
    import('../core/report/model'),
    import('../engine/report/pdf'),
    import('../core/report/constellationMap'),
    reportFonts(),
  ]);
  const model = buildReportModel({ ...input, snapshot, land: snapshot ? undefined : await loadLand() });
  return renderReportPdf(model, { fonts, paper, createdAtMs: input.generatedAtMs });
}

export async function downloadReport(
  analysis: AnalysisState,
  scenario: Scenario,
  mode: 'analytic' | 'sampled',
  format: 'pdf' | 'html' = 'html',
): Promise<boolean> {
  if (format === 'pdf') {
    const pdf = await reportPdf(analysis, scenario, mode);
    if (!pdf) return false;
    const url = URL.createObjectURL(new Blob([pdf as BlobPart], { type: 'application/pdf' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = reportFileName(scenario.name, 'pdf');
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return true;
  }
  const html = await reportHtml(analysis, scenario, mode);
  if (html === null) return false;
  downloadText(reportFileName(scenario.name), html, 'text/html');
  return true;
}

// ---- per-satellite CSV, in slices ----

export type { CsvProgress };

/** Rows per slice: ~20-40 ms of formatting on one core, then the page gets the main thread back. */
export const CSV_SLICE_ROWS = 20_000;

/**
 * The per-satellite CSV (same bytes as `plan analyze --csv`: writePerSatelliteCsvRow) written in
 * slices of CSV_SLICE_ROWS rows, yielding to the page between slices; kept as ~1 MB byte pieces
 * joined only by the Blob, never as one string. Resolves with the pieces, or null when cancelled.
 */
export async function perSatelliteCsvParts(
  analysis: AnalysisState,
  scenario: Scenario,
  mode: 'analytic' | 'sampled',
  onProgress: (p: CsvProgress) => void,
  signal: { cancelled: boolean },
): Promise<Uint8Array<ArrayBuffer>[] | null> {
  const input = reportInput(analysis, scenario, mode);
  if (!input) return null;
  const { fleet } = input;
  const m = input.run.metrics;
  const fc = input.run.rollup.feasibility?.columns;
  const parts: Uint8Array<ArrayBuffer>[] = [];
  // the writer lends its reused buffer to the sink: each piece is copied out
  const w = new ByteCsvWriter((c) => parts.push(c.slice()));
  w.text(PER_SATELLITE_CSV_HEADER).newline();
  for (let start = 0; start < fleet.count; start += CSV_SLICE_ROWS) {
    if (signal.cancelled) return null;
    const end = Math.min(fleet.count, start + CSV_SLICE_ROWS);
    for (let i = start; i < end; i++) writePerSatelliteCsvRow(w, fleet, m, fc, i);
    onProgress({ rows: end, total: fleet.count });
    await new Promise<void>((res) => setTimeout(res, 0));
  }
  w.flush();
  return parts;
}

export async function downloadPerSatelliteCsv(
  analysis: AnalysisState,
  scenario: Scenario,
  mode: 'analytic' | 'sampled',
  onProgress: (p: CsvProgress) => void,
  signal: { cancelled: boolean },
): Promise<'done' | 'cancelled' | 'unavailable'> {
  if (!reportInput(analysis, scenario, mode)) return 'unavailable';
  const parts = await perSatelliteCsvParts(analysis, scenario, mode, onProgress, signal);
  if (!parts) return 'cancelled';
  downloadParts(reportFileName(scenario.name, 'csv', `${mode}-per-satellite`), parts, 'text/csv');
  return 'done';
}
