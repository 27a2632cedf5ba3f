/**
 * Propagation benchmark, on one set of synthetic LEO elements (bench/elements.ts):
 *  - ours: column SGP4 (src/core/sgp4) init time and memory, one epoch single-thread, one epoch
 *    on `threads` Node worker_threads (bench/node-pool.ts);
 *  - satellite.js 7.1: SatRec build (json2satrec) time and memory, `propagate` loop per epoch;
 *  - satellite.js WASM BulkPropagator (EciBaseCalculator): setSatRecs and run, single-thread
 *    runtime and multi-thread runtime (threadsCount = threads).
 * Every implementation propagates the same elements to the same times; ours is also checked
 * against the `propagate` loop (max position / velocity difference, error-code mismatches).
 */
import {
  BulkPropagator,
  createMultiThreadRuntime,
  createSingleThreadRuntime,
  EciBaseCalculator,
  json2satrec,
  propagate,
  type SatRec,
} from 'satellite.js';
import { ELEMENT_FLOAT_FIELDS, ELEMENT_INT_FIELDS, type ElementColumns } from '../src/core/elements/columns';
import { initSgp4Batch, propagateBatch, sgp4BatchBytes } from '../src/core/sgp4';
import { BENCH_EPOCH_MS, presetFleetElements, randomLeoElements } from './elements';
import { startNodeSgp4Pool } from './node-pool';
import type { BenchOptions, BenchRow, BenchSection, BenchSectionResult } from './sections';
import { fmtMb, fmtMs, fmtX, fullGc, MB, median, retainedBytes } from './stats';

type Fields = Record<string, number | string | boolean | null>;
type SingleThreadRuntime = Awaited<ReturnType<typeof createSingleThreadRuntime>>;
type MultiThreadRuntime = Awaited<ReturnType<typeof createMultiThreadRuntime>>;

function elementBytes(cols: ElementColumns): number {
  let b = 0;
  for (const f of ELEMENT_FLOAT_FIELDS) b += cols[f].byteLength;
  for (const f of ELEMENT_INT_FIELDS) b += cols[f].byteLength;
  return b;
}

/** OMM record of satellite i, as json2satrec takes it. */
function ommOf(cols: ElementColumns, i: number) {
  return {
    OBJECT_NAME: '',
    OBJECT_ID: '',
    EPOCH: new Date(cols.epochMs[i]).toISOString(),
    MEAN_MOTION: cols.meanMotionRevPerDay[i],
    ECCENTRICITY: cols.eccentricity[i],
    INCLINATION: cols.inclinationDeg[i],
    RA_OF_ASC_NODE: cols.raanDeg[i],
    ARG_OF_PERICENTER: cols.argPerigeeDeg[i],
    MEAN_ANOMALY: cols.meanAnomalyDeg[i],
    NORAD_CAT_ID: i,
    ELEMENT_SET_NO: 0,
    BSTAR: cols.bstar[i],
    MEAN_MOTION_DOT: cols.meanMotionDotRevPerDay2[i],
    MEAN_MOTION_DDOT: cols.meanMotionDdotRevPerDay3[i],
  };
}

interface Compare {
  maxDpM: number;
  maxDvMmS: number;
  codeMismatches: number;
}

function compare(
  n: number,
  aPos: ArrayLike<number>,
  aVel: ArrayLike<number>,
  aErr: ArrayLike<number>,
  bPos: ArrayLike<number>,
  bVel: ArrayLike<number>,
  bErr: ArrayLike<number>,
): Compare {
  let maxDp = 0;
  let maxDv = 0;
  let mism = 0;
  for (let i = 0; i < n; i++) {
    if (aErr[i] !== bErr[i]) {
      mism++;
      continue;
    }
    if (aErr[i] !== 0) continue;
    const k = 3 * i;
    const dp = Math.hypot(aPos[k] - bPos[k], aPos[k + 1] - bPos[k + 1], aPos[k + 2] - bPos[k + 2]);
    const dv = Math.hypot(aVel[k] - bVel[k], aVel[k + 1] - bVel[k + 1], aVel[k + 2] - bVel[k + 2]);
    if (!(dp <= maxDp)) maxDp = dp;
    if (!(dv <= maxDv)) maxDv = dv;
  }
  return { maxDpM: maxDp * 1e3, maxDvMmS: maxDv * 1e6, codeMismatches: mism };
}

async function run(opts: BenchOptions): Promise<BenchSectionResult> {
  const { n, log } = opts;
  const reps = Math.max(1, opts.repeats);
  const slowReps = Math.min(reps, 3);
  // the same times for every implementation: whole minutes after the reference epoch
  const times = Array.from({ length: reps }, (_, k) => BENCH_EPOCH_MS + (k + 1) * 60_000);
  const warmTime = BENCH_EPOCH_MS - 3_600_000;
  const f: Fields = { n, threads: opts.threads, repeats: reps };
  const withWorkers = !opts.skip.has('workers');
  const withSatjs = !opts.skip.has('satjs');
  const withWasm = withSatjs && !opts.skip.has('wasm');

  log(
    opts.fleet
      ? `elements: first ${n} satellites of preset "${opts.fleet}"`
      : `elements: ${n} synthetic LEO satellites (seed ${opts.seed})`,
  );
  const cols = opts.fleet ? presetFleetElements(opts.fleet, n) : randomLeoElements(n, opts.seed);
  f.elements_mb = elementBytes(cols) / MB;

  // ================= setup phase: everything that is built once =================
  fullGc();
  const before = retainedBytes();
  let t0 = performance.now();
  const batch = initSgp4Batch(cols);
  f.ours_init_ms = performance.now() - t0;
  fullGc();
  f.ours_init_retained_mb = (retainedBytes() - before) / MB;
  f.ours_batch_mb = sgp4BatchBytes(batch) / MB;
  f.ours_total_mb = (f.elements_mb as number) + (f.ours_batch_mb as number);
  f.rss_after_init_mb = process.memoryUsage().rss / MB;
  log(`ours: init ${fmtMs(f.ours_init_ms as number)} ms, ${fmtMb(f.ours_total_mb as number)} MB with the elements`);
  const pos = new Float64Array(3 * n);
  const vel = new Float64Array(3 * n);
  const err = new Uint8Array(n);

  f.ours_pool_ready_ms = null;
  f.ours_pool_init_ms = null;
  const pool = withWorkers ? await startNodeSgp4Pool(cols, opts.threads) : null;
  if (pool) {
    f.ours_pool_ready_ms = pool.readyMs;
    f.ours_pool_init_ms = Math.max(...pool.workerInitMs);
    log(`ours: ${opts.threads} workers ready in ${fmtMs(pool.readyMs)} ms`);
  }

  for (const k of ['satjs_build_ms', 'satjs_build_retained_mb', 'wasm_set_satrecs_1t_ms', 'wasm_set_satrecs_mt_ms']) f[k] = null;
  let recs: SatRec[] | null = null;
  const rPos = new Float64Array(withSatjs ? 3 * n : 0);
  const rVel = new Float64Array(withSatjs ? 3 * n : 0);
  const rErr = new Uint8Array(withSatjs ? n : 0);
  if (withSatjs) {
    fullGc();
    const b0 = retainedBytes();
    t0 = performance.now();
    recs = new Array<SatRec>(n);
    for (let i = 0; i < n; i++) recs[i] = json2satrec(ommOf(cols, i));
    f.satjs_build_ms = performance.now() - t0;
    fullGc();
    f.satjs_build_retained_mb = (retainedBytes() - b0) / MB;
    log(`satellite.js: json2satrec ${fmtMs(f.satjs_build_ms)} ms, ${fmtMb(f.satjs_build_retained_mb)} MB`);
  }
  const loop = (t: number) => {
    const d = new Date(t);
    const r0 = recs!;
    for (let i = 0; i < n; i++) {
      const r = propagate(r0[i], d, { communityDecayCheckEnabled: true });
      if (r) {
        rPos[3 * i] = r.position.x;
        rPos[3 * i + 1] = r.position.y;
        rPos[3 * i + 2] = r.position.z;
        rVel[3 * i] = r.velocity.x;
        rVel[3 * i + 1] = r.velocity.y;
        rVel[3 * i + 2] = r.velocity.z;
        rErr[i] = 0;
      } else {
        rErr[i] = r0[i].error;
      }
    }
  };
  const calc = () => [new EciBaseCalculator()] as const;
  let bulk1: BulkPropagator<ReturnType<typeof calc>, SingleThreadRuntime> | null = null;
  let bulkM: BulkPropagator<ReturnType<typeof calc>, MultiThreadRuntime> | null = null;
  if (withWasm && recs) {
    const rt1 = await createSingleThreadRuntime();
    bulk1 = new BulkPropagator({ runtime: rt1, calculators: calc(), satRecsCount: n, datesCount: 1 });
    t0 = performance.now();
    bulk1.setSatRecs(recs);
    f.wasm_set_satrecs_1t_ms = performance.now() - t0;
    log(`WASM single-thread: setSatRecs ${fmtMs(f.wasm_set_satrecs_1t_ms)} ms`);
    // one multi-thread runtime per process: its dispose() throws (ENVIRONMENT.md), so it is
    // left to process exit
    const rtM = await createMultiThreadRuntime({ threadsCount: opts.threads });
    bulkM = new BulkPropagator({ runtime: rtM, calculators: calc(), satRecsCount: n, datesCount: 1 });
    t0 = performance.now();
    bulkM.setSatRecs(recs);
    f.wasm_set_satrecs_mt_ms = performance.now() - t0;
    log(`WASM ${opts.threads} threads: setSatRecs ${fmtMs(f.wasm_set_satrecs_mt_ms)} ms`);
  }

  // ================= timing phase: interleaved rounds =================
  // Each round propagates every implementation to the same time, one after the other, so a
  // change in machine load during the run hits all of them alike. Medians and minimums over
  // rounds are reported (the slow satellite.js loop runs in the first `slowReps` rounds).
  const tOurs: number[] = [];
  const tPool: number[] = [];
  const tLoop: number[] = [];
  const tB1: number[] = [];
  const tBM: number[] = [];
  // warm-up (JIT, thread start-up): each worker compiles the kernel on its own, and its
  // optimised code settles only after a few epochs (measured: 4-5), so warm all up well
  for (let k = 0; k < 4; k++) propagateBatch(batch, warmTime + k * 1000, pos, vel, err);
  if (pool) for (let k = 0; k < 6; k++) await pool.propagate(warmTime + k * 1000);
  if (recs) loop(warmTime);
  if (bulk1) {
    bulk1.setDates([new Date(warmTime)]);
    bulk1.run();
  }
  if (bulkM) {
    bulkM.setDates([new Date(warmTime)]);
    await bulkM.run();
  }
  let failed = 0;
  f.ours_mt_max_diff_m = null;
  for (let k = 0; k < reps; k++) {
    const t = times[k];
    t0 = performance.now();
    failed = propagateBatch(batch, t, pos, vel, err);
    tOurs.push(performance.now() - t0);
    if (pool) tPool.push(await pool.propagate(t));
    if (bulk1) {
      bulk1.setDates([new Date(t)]);
      t0 = performance.now();
      bulk1.run();
      tB1.push(performance.now() - t0);
    }
    if (bulkM) {
      bulkM.setDates([new Date(t)]);
      t0 = performance.now();
      await bulkM.run();
      tBM.push(performance.now() - t0);
    }
    if (recs && (k < slowReps || k === reps - 1) && tLoop.length < slowReps) {
      t0 = performance.now();
      loop(t);
      tLoop.push(performance.now() - t0);
    } else if (recs && k === reps - 1) {
      loop(t); // the comparison below needs the reference at the last time (not timed)
    }
    log(
      `round ${k + 1}/${reps}: ours ${fmtMs(tOurs[k])}` +
        (pool ? `, ours ${opts.threads}w ${fmtMs(tPool[k])}` : '') +
        (bulk1 ? `, bulk 1t ${fmtMs(tB1[k])}` : '') +
        (bulkM ? `, bulk ${opts.threads}t ${fmtMs(tBM[k])}` : '') +
        (k < tLoop.length ? `, propagate loop ${fmtMs(tLoop[k])}` : '') +
        ' ms',
    );
  }
  f.ours_failed = failed;
  const med = (xs: number[]) => (xs.length ? median(xs) : null);
  const min = (xs: number[]) => (xs.length ? Math.min(...xs) : null);
  f.ours_epoch_1t_ms = med(tOurs);
  f.ours_epoch_1t_min_ms = min(tOurs);
  f.ours_epoch_mt_ms = med(tPool);
  f.ours_epoch_mt_min_ms = min(tPool);
  f.satjs_propagate_ms = med(tLoop);
  f.satjs_propagate_min_ms = min(tLoop);
  f.wasm_epoch_1t_ms = med(tB1);
  f.wasm_epoch_1t_min_ms = min(tB1);
  f.wasm_epoch_mt_ms = med(tBM);
  f.wasm_epoch_mt_min_ms = min(tBM);

  // ================= checks at the last time =================
  if (pool) {
    const c = compare(n, pool.positionKm, pool.velocityKmS, pool.error, pos, vel, err);
    f.ours_mt_max_diff_m = c.codeMismatches > 0 ? Number.POSITIVE_INFINITY : c.maxDpM;
    await pool.close();
  }
  f.max_pos_diff_vs_satjs_m = null;
  f.max_vel_diff_vs_satjs_mm_s = null;
  f.error_code_mismatches_vs_satjs = null;
  if (recs) {
    const c = compare(n, pos, vel, err, rPos, rVel, rErr);
    f.max_pos_diff_vs_satjs_m = c.maxDpM;
    f.max_vel_diff_vs_satjs_mm_s = c.maxDvMmS;
    f.error_code_mismatches_vs_satjs = c.codeMismatches;
  }
  if (bulk1) bulk1.dispose();
  if (bulkM) {
    try {
      bulkM.dispose();
    } catch {
      // see above
    }
  }
  recs = null;

  // ---------------- ratios and targets ----------------
  const ratio = (a: unknown, b: unknown): number | null =>
    typeof a === 'number' && typeof b === 'number' && b > 0 && Number.isFinite(a) ? a / b : null;
  f.speedup_mt_vs_propagate_x = ratio(f.satjs_propagate_ms, f.ours_epoch_mt_ms);
  f.speedup_mt_vs_propagate_min_x = ratio(f.satjs_propagate_min_ms, f.ours_epoch_mt_min_ms);
  f.speedup_mt_vs_bulk_mt_min_x = ratio(f.wasm_epoch_mt_min_ms, f.ours_epoch_mt_min_ms);
  f.speedup_mt_vs_bulk_mt_x = ratio(f.wasm_epoch_mt_ms, f.ours_epoch_mt_ms);
  f.speedup_1t_vs_propagate_x = ratio(f.satjs_propagate_ms, f.ours_epoch_1t_ms);
  f.speedup_1t_vs_bulk_1t_x = ratio(f.wasm_epoch_1t_ms, f.ours_epoch_1t_ms);
  f.init_speedup_vs_json2satrec_x = ratio(f.satjs_build_ms, f.ours_init_ms);
  // issue 3 targets, stated for 1,000,000 satellites and scaled linearly to n
  const scale = n / 1e6;
  f.target_init_met = (f.ours_init_ms as number) < 2000 * scale;
  f.target_memory_met = (f.ours_total_mb as number) < 250 * scale;
  f.target_epoch_mt_met = f.ours_epoch_mt_ms === null ? null : (f.ours_epoch_mt_ms as number) < 100 * scale;
  f.target_vs_propagate_met = f.speedup_mt_vs_propagate_x === null ? null : f.speedup_mt_vs_propagate_x >= 15;
  f.target_vs_bulk_met = f.speedup_mt_vs_bulk_mt_x === null ? null : f.speedup_mt_vs_bulk_mt_x >= 4;

  const num = (k: string) => f[k] as number | null;
  const rows: BenchRow[] = [
    { label: 'ours: init (column SGP4)', value: `${fmtMs(num('ours_init_ms'))} ms`, note: `target < ${2000 * scale} ms` },
    {
      label: 'ours: memory (elements + batch)',
      value: `${fmtMb(num('ours_total_mb'))} MB`,
      note: `${fmtMb(num('elements_mb'))} + ${fmtMb(num('ours_batch_mb'))} MB; target < ${250 * scale} MB`,
    },
    { label: 'ours: epoch, 1 thread', value: `${fmtMs(num('ours_epoch_1t_ms'))} ms`, note: `min ${fmtMs(num('ours_epoch_1t_min_ms'))} ms` },
    {
      label: `ours: epoch, ${opts.threads} workers`,
      value: `${fmtMs(num('ours_epoch_mt_ms'))} ms`,
      note:
        `min ${fmtMs(num('ours_epoch_mt_min_ms'))} ms; target < ${100 * scale} ms; workers ready ` +
        `in ${fmtMs(num('ours_pool_ready_ms'))} ms`,
    },
    {
      label: 'satellite.js: json2satrec',
      value: `${fmtMs(num('satjs_build_ms'))} ms`,
      note: `${fmtMb(num('satjs_build_retained_mb'))} MB retained`,
    },
    {
      label: 'satellite.js: propagate loop, epoch',
      value: `${fmtMs(num('satjs_propagate_ms'))} ms`,
      note: `min ${fmtMs(num('satjs_propagate_min_ms'))} ms`,
    },
    { label: 'WASM BulkPropagator: setSatRecs (1 thread)', value: `${fmtMs(num('wasm_set_satrecs_1t_ms'))} ms` },
    {
      label: 'WASM BulkPropagator: epoch, 1 thread',
      value: `${fmtMs(num('wasm_epoch_1t_ms'))} ms`,
      note: `min ${fmtMs(num('wasm_epoch_1t_min_ms'))} ms`,
    },
    { label: `WASM BulkPropagator: setSatRecs (${opts.threads} threads)`, value: `${fmtMs(num('wasm_set_satrecs_mt_ms'))} ms` },
    {
      label: `WASM BulkPropagator: epoch, ${opts.threads} threads`,
      value: `${fmtMs(num('wasm_epoch_mt_ms'))} ms`,
      note: `min ${fmtMs(num('wasm_epoch_mt_min_ms'))} ms`,
    },
    {
      label: `ratio: propagate loop / ours ${opts.threads} workers`,
      value: fmtX(num('speedup_mt_vs_propagate_x')),
      note: `target >= 15x; ${fmtX(num('speedup_mt_vs_propagate_min_x'))} from minimums`,
    },
    {
      label: `ratio: Bulk ${opts.threads} threads / ours ${opts.threads} workers`,
      value: fmtX(num('speedup_mt_vs_bulk_mt_x')),
      note: `target >= 4x; ${fmtX(num('speedup_mt_vs_bulk_mt_min_x'))} from minimums`,
    },
    { label: 'ratio: propagate loop / ours 1 thread', value: fmtX(num('speedup_1t_vs_propagate_x')) },
    { label: 'ratio: Bulk 1 thread / ours 1 thread', value: fmtX(num('speedup_1t_vs_bulk_1t_x')) },
    { label: 'ratio: json2satrec / ours init', value: fmtX(num('init_speedup_vs_json2satrec_x')) },
    {
      label: 'check: ours vs propagate, max diff',
      value:
        f.max_pos_diff_vs_satjs_m === null
          ? 'n/a'
          : `${(f.max_pos_diff_vs_satjs_m as number).toFixed(4)} m, ${(f.max_vel_diff_vs_satjs_mm_s as number).toFixed(4)} mm/s`,
      note: `${f.error_code_mismatches_vs_satjs ?? 'n/a'} error-code mismatches`,
    },
  ];
  return { fields: f, rows };
}

export const propagationSection: BenchSection = {
  id: 'propagation',
  title: 'SGP4 propagation: column kernel vs satellite.js',
  run,
};
