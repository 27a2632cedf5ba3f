/**
 * Report benchmark: the PDF of the 1M default scenario (analytic), as `plan report --out x.pdf`
 * makes it, split into the analysis (analytic metrics and rollup) and what the report adds on top
 * (report data incl. the map's SGP4 sub-satellite points, model, PDF layout with font subsetting).
 * Target (issue 13): report <= 3 s beyond the analysis on 2 cores, file < 2 MB. Wall and CPU
 * time are both printed: the machine is shared, so CPU time is the fairer single-thread figure.
 */
import { readFileSync } from 'node:fs';
import { buildFleet } from '../src/core/fleet/generators';
import { defaultScenario } from '../src/core/presets';
import { loadLand } from '../src/core/report/constellationMap';
import { buildReportModel, reportData } from '../src/core/report/model';
import { renderReportPdf } from '../src/engine/report/pdf';
import { runAnalysis } from '../src/core/report/run';
import type { BenchOptions, BenchSection, BenchSectionResult } from './sections';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const ttf = (n: string) => new Uint8Array(readFileSync(new URL(`../node_modules/dejavu-fonts-ttf/ttf/${n}`, import.meta.url)));

export const reportSection: BenchSection = {
  id: 'report',
  title: 'feasibility report PDF of the 1M default scenario (analytic)',
  async run(opts: BenchOptions): Promise<BenchSectionResult> {
    const sc = defaultScenario();
    const fleet = buildFleet(sc);
    opts.log(`report: ${fleet.count} satellites`);
    let w = performance.now();
    let c = cpu();
    const run = runAnalysis(fleet, sc, 'analytic');
    const analysisMs = performance.now() - w;
    const analysisCpuMs = cpu() - c;
    w = performance.now();
    c = cpu();
    const fonts = { regular: ttf('DejaVuSans.ttf'), bold: ttf('DejaVuSans-Bold.ttf'), mono: ttf('DejaVuSansMono.ttf') };
    const input = { scenario: sc, fleet, run, generatedAtMs: Date.now(), source: 'bench', land: await loadLand(), version: 'bench' };
    const data = reportData(input);
    const dataMs = performance.now() - w;
    const pdf = await renderReportPdf(buildReportModel(input, data), { fonts });
    const reportMs = performance.now() - w;
    const reportCpuMs = cpu() - c;
    const mb = pdf.length / 1024 / 1024;
    return {
      fields: {
        satellites: fleet.count,
        analysis_ms: analysisMs,
        analysis_cpu_ms: analysisCpuMs,
        report_data_ms: dataMs,
        report_pdf_total_ms: reportMs,
        report_pdf_cpu_ms: reportCpuMs,
        pdf_mb: mb,
        target_met: reportMs <= 3000 && mb < 2,
      },
      rows: [
        { label: 'analysis (analytic + rollup)', value: `${analysisMs.toFixed(0)} ms`, note: `CPU ${analysisCpuMs.toFixed(0)} ms` },
        { label: 'report data (charts, hash, map SGP4)', value: `${dataMs.toFixed(0)} ms` },
        {
          label: 'report beyond the analysis (data + model + PDF)',
          value: `${reportMs.toFixed(0)} ms`,
          note: `CPU ${reportCpuMs.toFixed(0)} ms; target <= 3,000 ms`,
        },
        { label: 'PDF size', value: `${mb.toFixed(2)} MB`, note: 'target < 2 MB' },
      ],
    };
  },
};
