/**
 * `plan analyze`: the capacity rollup of a scenario or element file, analytic or sampled.
 * Same core as the browser (src/core/report/run.ts), so the numbers are identical.
 */
import type { SampledProgress } from '../core/analysis/sampled';
import {
  analysisSummary,
  PER_SATELLITE_CSV_HEADER,
  writePerSatelliteCsvRow,
  reasonText,
  runAnalysis,
  sampledRun,
  type AnalysisRun,
} from '../core/report/run';
import { buildIslTopology } from '../core/analysis/isl';
import { createNodePropagationEngine } from '../engine/nodeHost';
import { ByteCsvWriter } from '../core/csv';
import { analyzeSampledOnPool } from '../engine/sampledAnalysis';
import { fmtPowerGW, fmtSig, fmtTonnes, fmtUsd } from '../core/format';
import type { LoadedInput } from './input';
import type { Output } from './output';
import type { Progress } from './progress';
import { separationText } from '../core/report/feasibility';
import { shellSeparations } from '../core/analysis/feasibility';

/** Per-shell radiation, drag, closest approach and launch lines, and the launch totals. */
function feasibilityLines(run: AnalysisRun): string[] {
  const f = run.rollup.feasibility;
  if (!f) return [];
  const ft = f.totals;
  return [
    '',
    'shell                          alt/incl        dose krad/yr (life/tol)   dv m/s/yr  decay yr   closest approach          launches',
    ...f.shells.map((s, i) => {
      const name = (run.rollup.shells[i]?.name ?? s.shellId).padEnd(30).slice(0, 30);
      const geo = `${fmtSig(s.altitudeKm, 4)}/${fmtSig(s.inclinationDeg, 3)}`.padEnd(14);
      const dose =
        `${fmtSig(s.radiationDoseKradPerYear, 3)} (${fmtSig(s.radiationDoseLifeKrad, 3)}/${fmtSig(s.radiationToleranceKrad, 3)})`.padEnd(
          24,
        );
      const sep =
        separationText(s.minSeparationKm, s.keepOutKm, s.minSeparationLowerBound) +
        (s.proposedPhasing !== null ? ` F*=${s.proposedPhasing}` : '');
      return (
        `${name} ${geo}  ${dose}  ${fmtSig(s.dragDeltaVMPerSPerYear, 3).padStart(9)}  ` +
        `${fmtSig(s.decayYears, 3).padStart(8)}   ${sep.padEnd(24)}  ${s.launches}`
      );
    }),
    `launches            ${ft.launches.toLocaleString('en-US')} x ${ft.vehicle} (${fmtUsd(ft.launchCampaignCostUsd)}), ` +
      `deployment ${fmt(ft.deploymentYears, 1)} years; propellant ${fmtTonnes(ft.propellantT)}`,
  ];
}

/** Infeasibility reasons of a satellite as "radiation;separation" ('' when feasible). */

/** Rows between waits for the output (backpressure on a pipe). */
const ROWS_PER_BLOCK = 8192;

export interface AnalyzeOutput {
  /** The analysis itself (per-satellite metrics and rollup), e.g. for `plan report`. */
  run: AnalysisRun;
  summary: ReturnType<typeof analysisSummary>;
  text: string;
  /** The per-satellite CSV, in input order, waiting for the output between blocks of rows. */
  writeCsv(out: Output, opts?: { rowsPerBlock?: number }): Promise<void>;
}

const fmt = (x: number, d = 2) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a';

export async function runAnalyze(
  input: LoadedInput,
  mode: 'analytic' | 'sampled',
  opts: { workers?: number; progress?: Progress } = {},
): Promise<AnalyzeOutput> {
  const { fleet, scenario } = input;
  let lastProgress: string | undefined;
  const onProgress = (p: SampledProgress) => {
    lastProgress = `${p.stepsDone}/${p.steps} steps (${Math.round(p.fraction * 100)} %)${p.phase ? `, ${p.phase}` : ''}`;
    opts.progress?.update(lastProgress);
  };
  let run: AnalysisRun;
  if (mode === 'sampled' && (opts.workers ?? 0) > 0) {
    // Shard-parallel sampled pass on worker threads; same numbers as the in-thread pass.
    const pool = createNodePropagationEngine({ workers: opts.workers });
    try {
      const ready = pool.setFleet(fleet);
      // the +Grid mesh is built here while the workers start and initialise SGP4
      const topology = scenario.links.interSatelliteLinks && fleet.count > 1 ? buildIslTopology(fleet, scenario) : undefined;
      await ready;
      // Once steps run (8 queued ahead in each worker), this thread is idle: the closest-approach
      // checks the rollup needs run then, into the cache the rollup reads, not after the pass.
      let warmed = false;
      const r = await analyzeSampledOnPool(pool, scenario, {
        onProgress: (p) => {
          onProgress(p);
          if (warmed || p.stepsDone < 1) return;
          warmed = true;
          setImmediate(() => shellSeparations(fleet, scenario, Date.parse(scenario.window.start)));
        },
        progressIntervalMs: 500,
        disposeAfterShards: true,
        topology,
      });
      run = sampledRun(fleet, scenario, r);
    } finally {
      pool.dispose();
    }
  } else {
    run = runAnalysis(fleet, scenario, mode, { onProgress });
  }
  if (lastProgress !== undefined) opts.progress?.done(lastProgress);
  const rejected = input.imports.flatMap((imp) => imp.rejected.map((r) => ({ shell: imp.shellName, line: r.line, reason: r.reason })));
  const summary = analysisSummary(run, scenario, fleet, { source: input.kind, rejected });
  const t = run.rollup.totals;
  const lines = [
    `${scenario.name}: ${fleet.count.toLocaleString('en-US')} satellites, ${mode} analysis, window ${summary.window.start} ` +
      `+ ${fmt(summary.window.durationMin, 1)} min`,
    `compute that runs   ${fmtPowerGW(t.computeGW)}  (binding: ${t.binding}; deliverable ${fmtPowerGW(t.computeDeliverableGW)}, ` +
      `rejectable ${fmtPowerGW(t.computeRejectableGW)}, installed ${fmtPowerGW(t.installedComputeGW)})`,
    `usable power        ${fmtPowerGW(t.usablePowerGW)}   array BOL ${fmtPowerGW(t.arrayPowerBolGW)}, EOL ${fmtPowerGW(t.arrayPowerEolGW)}`,
    `GPU equivalents     ${fmt(t.h100Equivalents, 0)} H100 @700 W, ${fmt(t.allInGpuEquivalents, 0)} all-in @1.36 ` +
      `kW, ${fmt(t.colossus1Equivalents, 2)} x Colossus 1`,
    `feasible share      ${fmt(t.feasibleShare * 100, 1)} % (power and heat ${fmt(t.powerThermalFeasibleShare * 100, 1)} %, ` +
      `limit: ${t.feasibilityLimit})   eclipse ${fmt(t.eclipseFraction * 100, 1)} %`,
    `latency one-way     p50 ${fmt(t.latencyP50Ms)} ms, p95 ${fmt(t.latencyP95Ms)} ms, p99 ${fmt(t.latencyP99Ms)} ms`,
    `areas               array ${fmtSig(t.arrayAreaKm2)} km2, radiator ${fmtSig(t.radiatorAreaKm2)} km2`,
    `mass and cost       ${fmtTonnes(t.massToOrbitT)} to orbit, launch ${fmtUsd(t.launchCostUsd)}, ` +
      `total ${fmtUsd(t.totalCostUsd)}, ${fmtUsd(t.costPerGWUsd)} per GW of compute`,
    '',
    'shell                          sats           compute  binding    feasible  p50 ms',
    ...run.rollup.shells.map(
      (s) =>
        `${s.name.padEnd(30).slice(0, 30)} ${String(s.satellites).padStart(9)}  ${fmtPowerGW(s.computeGW).padStart(13)}  ` +
        `${s.binding.padEnd(9)}  ${fmt(s.feasibleShare * 100, 1).padStart(6)} %  ${fmt(s.latencyP50Ms)}`,
    ),
    ...feasibilityLines(run),
    ...run.notes.map((n) => `note: ${n}`),
    '',
  ];
  return {
    run,
    summary,
    text: lines.join('\n'),
    async writeCsv(out, opts = {}) {
      const block = Math.max(1, opts.rowsPerBlock ?? ROWS_PER_BLOCK);
      // bytes straight into one reused buffer (the writer's chunks are copied by out.write)
      const w = new ByteCsvWriter((c) => out.write(c));
      w.text(PER_SATELLITE_CSV_HEADER).newline();
      const m = run.metrics;
      const fc = run.rollup.feasibility?.columns;
      for (let i = 0; i < fleet.count; i++) {
        writePerSatelliteCsvRow(w, fleet, m, fc, i);
        if (i % block === block - 1) {
          w.flush();
          await out.drain();
        }
      }
      w.flush();
    },
  };
}
