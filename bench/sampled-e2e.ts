/**
 * End-to-end sampled benchmark (issue 17): one orbit of an imported Walker constellation (a
 * generated 550 km / 53 deg Walker delta written as TLEs, so it is read, meshed from its
 * elements and routed like any catalogue), `plan analyze --mode sampled` (every step routed
 * through the ISL mesh at this size; the default workers) against a plain satellite.js script
 * doing only the eclipse part (bench/satjs-eclipse.mjs: propagate, sunPos, shadowFraction).
 * Both run as fresh Node processes; wall time includes start-up and reading the file.
 * Target: ours >= 10x faster; per-satellite eclipse fractions within 0.01.
 * On demand (`--only sampled_e2e`; size `--sampled-n`, default 100,000): the satellite.js side
 * takes ~40 s at 100k.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTle } from '../src/core/elements';
import { buildFleet } from '../src/core/fleet/generators';
import { ScenarioSchema } from '../src/core/scenario/schema';
import { defaultScenario } from '../src/core/presets';
import type { BenchSection } from './sections';

/** A fresh process under /usr/bin/time: wall ms, CPU ms (user + system, all threads), max resident MB, load average around it. */
export function timeRun(cmd: string, args: string[]): { ms: number; cpuMs: number; maxRssMb: number; loadStart: number; loadEnd: number } {
  const loadStart = loadavg()[0];
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const lines = r.stderr.trim().split('\n');
  const [u, sy, kb] = lines[lines.length - 1].split(' ').map(Number);
  return { ms, cpuMs: (u + sy) * 1000, maxRssMb: kb / 1024, loadStart, loadEnd: loadavg()[0] };
}

export const sampledE2eSection: BenchSection = {
  id: 'sampled_e2e',
  title: 'sampled one orbit end to end: imported Walker TLEs, ours (ISL every step) vs a satellite.js eclipse-only loop',
  onDemand: true,
  async run(opts) {
    const n = opts.sampledN ?? 100_000;
    const dir = mkdtempSync(join(tmpdir(), 'bench-sampled-'));
    try {
      const planes = Math.max(2, Math.round(Math.sqrt(n / 2)));
      const perPlane = Math.max(2, Math.round(n / planes));
      const base = defaultScenario();
      const sc = ScenarioSchema.parse({
        ...base,
        shells: [
          {
            id: 'w',
            name: 'walker',
            designId: base.designs[0].id,
            kind: 'walker-delta',
            altitudeKm: 550,
            inclinationDeg: 53,
            totalSatellites: planes * perPlane,
            planes,
            phasing: 1,
          },
        ],
      });
      const fleet = buildFleet(sc);
      for (let i = 0; i < fleet.count; i++) fleet.elements.noradId[i] = i + 1;
      const tle = writeTle(fleet.elements);
      const file = join(dir, 'walker.tle');
      writeFileSync(file, tle.text);
      timeRun(process.execPath, ['scripts/plan.mjs', '--build']);
      opts.log(`sampled_e2e: ours (${fleet.count} satellites)`);
      const ours = timeRun(process.execPath, [
        'scripts/plan.mjs',
        'analyze',
        file,
        '--mode',
        'sampled',
        '--json',
        join(dir, 'ours.json'),
        '--csv',
        join(dir, 'ours.csv'),
      ]);
      const summary = JSON.parse(readFileSync(join(dir, 'ours.json'), 'utf8')) as {
        window: { start: string; durationMin: number; stepS: number };
        notes: string[];
      };
      const steps = Math.max(1, Math.round((summary.window.durationMin * 60) / summary.window.stepS));
      opts.log(`sampled_e2e: satellite.js eclipse loop (${steps} steps)`);
      const theirs = timeRun(process.execPath, [
        'bench/satjs-eclipse.mjs',
        file,
        summary.window.start,
        String(steps),
        String(summary.window.stepS),
        join(dir, 'satjs.txt'),
      ]);
      const a = readFileSync(join(dir, 'ours.csv'), 'utf8').trimEnd().split('\n').slice(1);
      const b = readFileSync(join(dir, 'satjs.txt'), 'utf8').trimEnd().split('\n');
      let maxDiff = 0;
      let compared = 0;
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const x = Number(a[i].split(',')[5]);
        const y = Number(b[i]);
        if (!Number.isFinite(x) || !Number.isFinite(y) || b[i] === '') continue;
        maxDiff = Math.max(maxDiff, Math.abs(x - y));
        compared++;
      }
      const routedEvery = summary.notes.find((s) => /routing ran every/.test(s)) ?? 'every step';
      const ratio = theirs.ms / ours.ms;
      // ours once more on one worker: what the second worker adds, end to end
      opts.log('sampled_e2e: ours on one worker');
      const one = timeRun(process.execPath, [
        'scripts/plan.mjs',
        'analyze',
        file,
        '--mode',
        'sampled',
        '--workers',
        '1',
        '--json',
        join(dir, 'one.json'),
      ]);
      return {
        fields: {
          satellites: fleet.count,
          steps,
          ours_ms: ours.ms,
          ours_cpu_ms: ours.cpuMs,
          ours_max_rss_mb: ours.maxRssMb,
          ours_load_avg_1m: (ours.loadStart + ours.loadEnd) / 2,
          satjs_eclipse_ms: theirs.ms,
          satjs_eclipse_cpu_ms: theirs.cpuMs,
          satjs_load_avg_1m: (theirs.loadStart + theirs.loadEnd) / 2,
          speedup_x: ratio,
          speedup_cpu_x: theirs.cpuMs / ours.cpuMs,
          ours_one_worker_ms: one.ms,
          second_worker_x: one.ms / ours.ms,
          target_10x_met: ratio >= 10,
          eclipse_max_diff: maxDiff,
          eclipse_compared: compared,
          target_eclipse_001_met: compared === fleet.count && maxDiff <= 0.01,
          routing: routedEvery,
        },
        rows: [
          {
            label: 'TLE file',
            value: `${(tle.text.length / 1e6).toFixed(1)} MB`,
            note: `${fleet.count.toLocaleString('en-US')} satellites, ${steps} steps`,
          },
          {
            label: 'plan analyze --mode sampled',
            value: `${(ours.ms / 1000).toFixed(2)} s`,
            note:
              `CPU ${(ours.cpuMs / 1000).toFixed(2)} s; ISL routing: ${routedEvery}; ${ours.maxRssMb.toFixed(0)} MB max RSS; ` +
              `load ${ours.loadStart.toFixed(1)}-${ours.loadEnd.toFixed(1)}`,
          },
          {
            label: 'satellite.js eclipse loop',
            value: `${(theirs.ms / 1000).toFixed(2)} s`,
            note:
              `CPU ${(theirs.cpuMs / 1000).toFixed(2)} s; twoline2satrec + propagate + sunPos + shadowFraction; ` +
              `load ${theirs.loadStart.toFixed(1)}-${theirs.loadEnd.toFixed(1)}`,
          },
          {
            label: 'speed-up',
            value: `${ratio.toFixed(2)}x`,
            note:
              `${ratio >= 10 ? 'target >= 10x met' : 'target >= 10x NOT met'} (CPU time ` +
              `ratio ${(theirs.cpuMs / ours.cpuMs).toFixed(2)}x)`,
          },
          {
            label: 'ours on one worker',
            value: `${(one.ms / 1000).toFixed(2)} s`,
            note: `second worker ${(one.ms / ours.ms).toFixed(2)}x`,
          },
          { label: 'eclipse fraction max difference', value: maxDiff.toFixed(5), note: `${compared} satellites compared (target <= 0.01)` },
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
