/**
 * The capacity panel's Report button: a small menu with the feasibility report as PDF or HTML
 * (src/app/report.ts, the same report model as `plan report`) and the per-satellite CSV, which is
 * written in slices with the page's progress bar and Cancel.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { usePopupFocus } from '../render/focus';
import type { AnalysisState } from './services';
import { useWorkspace } from './workspace';
import type { Scenario } from '../core/scenario/schema';

export function ReportMenu({
  scenario,
  analysis,
  mode,
  disabled,
}: {
  scenario: Scenario;
  analysis: AnalysisState;
  mode: 'analytic' | 'sampled';
  disabled: boolean;
}) {
  const { actions, services } = useWorkspace();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const report = async (format: 'pdf' | 'html') => {
    setOpen(false);
    setBusy(format);
    const task = actions.startTask(`Writing the ${format.toUpperCase()} report`, null);
    try {
      if (!(await services.report.downloadReport(analysis, scenario, mode, format)))
        actions.post('warning', 'No current analysis to report: wait for it to finish.');
    } catch (e) {
      actions.post('error', `The ${format.toUpperCase()} report could not be written: ${(e as Error)?.message ?? e}`);
    } finally {
      actions.endTask(task);
      setBusy(null);
    }
  };
  const csv = async () => {
    setOpen(false);
    setBusy('csv');
    const signal = { cancelled: false };
    const task = actions.startTask('Per-satellite CSV', () => {
      signal.cancelled = true;
    });
    try {
      const r = await services.report.downloadPerSatelliteCsv(
        analysis,
        scenario,
        mode,
        (p) =>
          actions.progressTask(
            task,
            p.rows / Math.max(1, p.total),
            `${p.rows.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} rows`,
          ),
        signal,
      );
      if (r === 'cancelled') actions.post('info', 'Per-satellite CSV cancelled: nothing was written.');
      else if (r === 'unavailable') actions.post('warning', 'No current analysis: wait for it to finish.');
    } catch (e) {
      actions.post('error', `The per-satellite CSV could not be written: ${(e as Error)?.message ?? e}`);
    } finally {
      actions.endTask(task);
      setBusy(null);
    }
  };

  return (
    <div ref={box} style={{ position: 'relative', display: 'inline-block' }}>
      <button
        className="btn"
        data-testid="download-report"
        disabled={disabled || busy !== null}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        title={`The ${mode} feasibility report (PDF or HTML) or the per-satellite CSV`}
      >
        {busy ? 'Writing…' : 'Report ▾'}
      </button>
      {open ? (
        <ReportMenuPanel onClose={() => setOpen(false)}>
          <button
            className="btn"
            role="menuitem"
            data-testid="report-pdf"
            style={{ width: '100%', marginBottom: 4 }}
            onClick={() => void report('pdf')}
          >
            PDF report (A4)
          </button>
          <button
            className="btn"
            role="menuitem"
            data-testid="report-html"
            style={{ width: '100%', marginBottom: 4 }}
            onClick={() => void report('html')}
          >
            HTML report
          </button>
          <button className="btn" role="menuitem" data-testid="report-csv" style={{ width: '100%' }} onClick={() => void csv()}>
            Per-satellite CSV
          </button>
          <p className="muted" style={{ fontSize: 11, margin: '6px 2px 0' }}>
            {mode === 'sampled' ? 'Sampled' : 'Analytic'} figures; the picture is the current 3D view.
          </p>
        </ReportMenuPanel>
      ) : null}
    </div>
  );
}

/** The menu itself: focus moves to its first item, arrows move between items, Escape closes, focus returns to Report ▾. */
function ReportMenuPanel({ onClose, children }: { onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  usePopupFocus(ref, { onClose, arrows: true });
  return (
    <div ref={ref} className="menu" role="menu" aria-label="Report" style={{ left: 0, top: 32, minWidth: 250 }} data-testid="report-menu">
      {children}
    </div>
  );
}
