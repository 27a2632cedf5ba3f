/**
 * Feasibility benchmarks (issue 14) on the default-like fleet (bench/analysis.ts defaultLikeScenario):
 * - the per-satellite feasibility pass (radiation, drag, propellant, decay, reasons) with the closest
 *   approaches given, beside the analytic metrics + rollup it follows: together they are "the analytic
 *   run" that must stay under 1 s for 1M;
 * - the closest-approach pass (src/core/analysis/closestApproach.ts) over every shell, per shell and in
 *   total, single thread, with the load average at the time (the machine is shared).
 */
import { loadavg } from 'node:os';
import { analyzeAnalytic } from '../src/core/analysis/analytic';
import { analyzeFeasibility, applyFeasibility, shellSeparations } from '../src/core/analysis/feasibility';
import { shellClosestApproach } from '../src/core/analysis/closestApproach';
import { finalizeRollup, rollupMetrics } from '../src/core/analysis/rollup';
import { buildFleet } from '../src/core/fleet/generators';
import { defaultLikeScenario } from './analysis';
import type { BenchOptions, BenchSection, BenchSectionResult } from './sections';

const now = (): number => performance.now();
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const feasibilitySection: BenchSection = {
  id: 'feasibility',
  title: 'Feasibility: per-satellite checks and closest approach within each shell (default-like fleet)',
  async run(opts: BenchOptions): Promise<BenchSectionResult> {
    const sc = defaultLikeScenario(opts.n);
    const fleet = buildFleet(sc);
    const startMs = Date.parse(sc.window.start);
    const fields: BenchSectionResult['fields'] = { satellites: fleet.count, load_avg_1min: loadavg()[0] };
    const rows: BenchSectionResult['rows'] = [];
    // closest approach, every shell, uncached (the cache in feasibility.ts is bypassed here)
    opts.log(`closest approach: ${fleet.count} satellites in ${fleet.shells.length} shells`);
    let totalS = 0;
    for (const sh of fleet.shells) {
      const t = now();
      const src = sc.shells.find((s) => s.id === sh.id);
      const r = shellClosestApproach(fleet, sh, { startMs, arcOnly: src?.kind === 'sso-dawn-dusk' && src.inPlaneArcDeg < 360 });
      const s = (now() - t) / 1000;
      totalS += s;
      fields[`closest_${sh.id}_s`] = s;
      rows.push({
        label: `closest approach ${sh.name} (${sh.count.toLocaleString('en-US')})`,
        value: `${s.toFixed(2)} s`,
        note: `${(r.minSeparationKm * 1000).toFixed(0)} m, ${r.method}`,
      });
    }
    fields.closest_total_s = totalS;
    rows.push({
      label: 'closest approach, all shells',
      value: `${totalS.toFixed(2)} s`,
      note: `one thread; load average ${loadavg()[0].toFixed(1)}`,
    });
    // the analytic run with the feasibility pass (separations given, as the page reuses them)
    const separations = shellSeparations(fleet, sc, startMs);
    const a: number[] = [];
    const f: number[] = [];
    for (let k = 0; k < opts.repeats + 1; k++) {
      const t0 = now();
      const m = analyzeAnalytic(fleet, sc);
      const roll = finalizeRollup(rollupMetrics(fleet, sc, m), fleet);
      const t1 = now();
      applyFeasibility(roll, analyzeFeasibility(fleet, sc, m, { separations, startMs }), fleet, sc);
      const t2 = now();
      if (k > 0) {
        a.push(t1 - t0);
        f.push(t2 - t1);
      }
    }
    fields.analytic_plus_rollup_ms = median(a);
    fields.feasibility_pass_ms = median(f);
    fields.analytic_run_ms = median(a) + median(f);
    rows.push({ label: 'analytic metrics + rollup', value: `${median(a).toFixed(0)} ms` });
    rows.push({ label: 'feasibility pass (dose, drag, decay, reasons)', value: `${median(f).toFixed(0)} ms` });
    rows.push({
      label: 'analytic run with feasibility',
      value: `${(median(a) + median(f)).toFixed(0)} ms`,
      note: `load average ${loadavg()[0].toFixed(1)}`,
    });
    return { fields, rows };
  },
};
