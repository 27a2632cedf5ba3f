/**
 * End-to-end `plan states` benchmark (issue 3): a 300,000-satellite TLE file, read to CSV
 * written, our CLI against a plain satellite.js script (bench/satjs-states.mjs) doing the same.
 * Both run as fresh Node processes; wall time includes start-up. Target: ours <= 1/3 of theirs.
 * Ours is what `npm run plan` runs: scripts/plan.mjs (the bundled CLI, built once before timing),
 * with its defaults (a TLE file this size is cut into one part per core).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTle } from '../src/core/elements';
import { randomLeoElements } from './elements';
import type { BenchSection } from './sections';

const N = 300_000;

function timeRun(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  return ms;
}

export const statesE2eSection: BenchSection = {
  id: 'states_e2e',
  title: `plan states end to end: ${N.toLocaleString('en-US')}-satellite TLE file to CSV`,
  async run(opts) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-states-'));
    try {
      const cols = randomLeoElements(N, opts.seed);
      for (let i = 0; i < N; i++) cols.noradId[i] = i + 1;
      const tle = writeTle(cols);
      const file = join(dir, 'fleet.tle');
      writeFileSync(file, tle.text);
      const at = new Date(Date.UTC(2026, 0, 2)).toISOString();
      const ours: number[] = [];
      const theirs: number[] = [];
      const reps = Math.max(1, Math.min(3, opts.repeats));
      timeRun(process.execPath, ['scripts/plan.mjs', '--build']);
      for (let r = 0; r < reps; r++) {
        opts.log(`states_e2e: run ${r + 1}/${reps}`);
        ours.push(timeRun(process.execPath, ['scripts/plan.mjs', 'states', file, '--at', at, '--out', join(dir, 'ours.csv')]));
        theirs.push(timeRun(process.execPath, ['bench/satjs-states.mjs', file, at, join(dir, 'satjs.csv')]));
      }
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      const oursMs = med(ours);
      const satjsMs = med(theirs);
      // Same answers: compare every 101st row.
      const a = readFileSync(join(dir, 'ours.csv'), 'utf8').split('\n');
      const b = readFileSync(join(dir, 'satjs.csv'), 'utf8').split('\n');
      // The two files have different columns (ours adds epoch_utc and frame): look them up by name.
      const col = (header: string, name: string): number => {
        const k = header.split(',').indexOf(name);
        if (k < 0) throw new Error(`states_e2e: no column ${name} in ${header}`);
        return k;
      };
      const ca = ['x_km', 'y_km', 'z_km', 'error'].map((n) => col(a[0], n));
      const cb = ['x_km', 'y_km', 'z_km', 'error'].map((n) => col(b[0], n));
      let maxDiffM = 0;
      let mismatched = 0;
      let compared = 0;
      for (let i = 1; i < a.length - 1; i += 101) {
        const x = a[i].split(',');
        const y = b[i].split(',');
        const okA = x[ca[3]] === '0';
        const okB = y[cb[3]] === '0';
        if (okA !== okB) mismatched++;
        else if (okA) {
          compared++;
          const d = Math.hypot(+x[ca[0]] - +y[cb[0]], +x[ca[1]] - +y[cb[1]], +x[ca[2]] - +y[cb[2]]);
          maxDiffM = Math.max(maxDiffM, 1000 * d);
        }
      }
      if (compared === 0) throw new Error('states_e2e: no rows compared (both files failed every sampled row?)');
      const ratio = satjsMs / oursMs;
      return {
        fields: {
          satellites: N,
          file_mb: tle.text.length / 1e6,
          ours_ms: oursMs,
          satjs_script_ms: satjsMs,
          speedup_x: ratio,
          target_third_met: ratio >= 3,
          rows_equal: a.length === b.length,
          max_pos_diff_m: maxDiffM,
          status_mismatches: mismatched,
          rows_compared: compared,
        },
        rows: [
          { label: 'TLE file', value: `${(tle.text.length / 1e6).toFixed(1)} MB`, note: `${N.toLocaleString('en-US')} satellites` },
          { label: 'plan states (ours)', value: `${(oursMs / 1000).toFixed(2)} s`, note: 'node scripts/plan.mjs states (npm run plan)' },
          { label: 'satellite.js script', value: `${(satjsMs / 1000).toFixed(2)} s`, note: 'twoline2satrec + propagate + CSV' },
          { label: 'speed-up', value: `${ratio.toFixed(2)}x`, note: ratio >= 3 ? 'target >= 3x met' : 'target >= 3x NOT met' },
          {
            label: 'max position difference',
            value: `${maxDiffM.toFixed(4)} m`,
            note: `${compared} sampled rows compared, ${mismatched} status mismatches`,
          },
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
