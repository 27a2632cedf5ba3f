/**
 * `plan states` on a large TLE file, in parallel: the file is cut at record boundaries into one
 * byte range per thread (`workers` parts: the first on this thread, the others on worker
 * threads); each reads, parses, propagates (the column SGP4 kernel, exactly as the pool's shards
 * run it) and formats its own rows (src/engine/statesShard.ts); this thread also finds the cuts, shifts line
 * and record numbers, and writes the parts in order. The output
 * (CSV bytes, rejected and warned lines with their numbers, counts) is the same as the in-thread
 * path's; a cut is placed only where the TLE reader is between records, and anything unexpected
 * (no clean cut, a part not read as TLE, a worker failing) returns null so the caller falls back
 * to the in-thread path.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { detectElementFormat, type ImportIssue } from '../core/elements';
import type { ShellImportReport } from '../core/fleet/fromScenario';
import { UsageError } from './common';
import type { Output } from './output';
import { statesHeader } from '../engine/stateRows';
import type { StateFrame } from '../core/frames';
import { createStatesShard, type StatesShard, type StatesShardParsed } from '../engine/statesShard';

/** Files below this size are done in-thread (worker start-up would cost more than it saves). */
export const PARALLEL_STATES_MIN_BYTES = 4 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;
/** Extra share of the file for part 0, which starts about 0.1 s before the worker threads can. */
const PART0_EXTRA_SHARE = 0.15;
const CUT_WINDOW_BYTES = 256 * 1024;

declare const __PLAN_STATES_WORKER_ENTRY__: string | undefined;

function workerEntry(): URL {
  if (typeof __PLAN_STATES_WORKER_ENTRY__ === 'string') return new URL(__PLAN_STATES_WORKER_ENTRY__, import.meta.url);
  return new URL('../../workers/states.node-boot.mjs', import.meta.url);
}

const startsWith = (b: Uint8Array, at: number, end: number, c: number): boolean => end - at >= 2 && b[at] === c && b[at + 1] === 32;

/**
 * A byte offset in `bytes` (a window of the file starting at a line start or mid-line; `atEof`
 * when it ends at the end of the file) where the
 * TLE reader is between records: just after a line 2, before either a line 1 followed by a line 2,
 * or before a name line followed by a line 1 and a line 2. -1 if there is none in the window.
 */
export function findTleCut(bytes: Uint8Array, atEof = false): number {
  // Line starts in the window (the first partial line is skipped).
  const starts: number[] = [];
  for (let k = bytes.indexOf(10); k >= 0 && k + 1 < bytes.length; k = bytes.indexOf(10, k + 1)) starts.push(k + 1);
  // End of line j, or -1 when the window cuts it (unless the window ends at the end of the file).
  const lineEnd = (j: number) => (j + 1 < starts.length ? starts[j + 1] - 1 : j < starts.length && atEof ? bytes.length : -1);
  const ONE = 49;
  const TWO = 50;
  for (let j = 0; j + 2 < starts.length; j++) {
    // Line j must be a line 2 that ends a record.
    if (!startsWith(bytes, starts[j], lineEnd(j), TWO)) continue;
    const a = j + 1;
    const b = j + 2;
    const c = j + 3;
    if (startsWith(bytes, starts[a], lineEnd(a), ONE) && startsWith(bytes, starts[b], lineEnd(b), TWO)) return starts[a];
    const nameLen = lineEnd(a) - starts[a];
    if (
      nameLen > 0 &&
      bytes[starts[a]] > 32 &&
      !startsWith(bytes, starts[a], lineEnd(a), ONE) &&
      !startsWith(bytes, starts[a], lineEnd(a), TWO) &&
      c < starts.length &&
      startsWith(bytes, starts[b], lineEnd(b), ONE) &&
      startsWith(bytes, starts[c], lineEnd(c), TWO)
    )
      return starts[a];
  }
  return -1;
}

export interface ParallelStatesResult {
  rows: number;
  failed: number;
  imports: ShellImportReport[];
}

/**
 * Runs `plan states` with `workers` threads if the file is a TLE file of at least
 * PARALLEL_STATES_MIN_BYTES with clean cuts; otherwise returns null (nothing written, nothing
 * reported). `report` receives the import report before any row is written, as the in-thread path
 * prints it. Throws UsageError for a file with no usable records, as loadInput does.
 */
export async function runStatesParallel(
  path: string,
  atMs: number,
  opts: { workers: number; acceptBadChecksums: boolean; minBytes?: number; frame?: StateFrame },
  report: (imports: ShellImportReport[]) => void,
  out: Output,
): Promise<ParallelStatesResult | null> {
  if (opts.workers < 2) return null;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null; // the in-thread path reports the error
  }
  const ranges: Array<[number, number]> = [];
  try {
    const size = fstatSync(fd).size;
    if (size < (opts.minBytes ?? PARALLEL_STATES_MIN_BYTES)) return null;
    const head = Buffer.allocUnsafe(HEAD_BYTES);
    const n = readSync(fd, head, 0, HEAD_BYTES, 0);
    if (detectElementFormat(new TextDecoder('utf-8', { ignoreBOM: true }).decode(head.subarray(0, n))) !== 'tle') return null;
    const window = Buffer.allocUnsafe(CUT_WINDOW_BYTES);
    let from = 0;
    for (let k = 1; k < opts.workers; k++) {
      // Part 0 (this thread) starts while the workers are still loading: it gets a larger share.
      const target = Math.floor((size * (k + PART0_EXTRA_SHARE)) / (opts.workers + PART0_EXTRA_SHARE));
      if (target <= from) continue;
      const got = readSync(fd, window, 0, CUT_WINDOW_BYTES, target);
      const cut = findTleCut(window.subarray(0, got), target + got >= size);
      if (cut < 0) continue;
      ranges.push([from, target + cut]);
      from = target + cut;
    }
    ranges.push([from, size]);
  } finally {
    closeSync(fd);
  }
  if (ranges.length < 2) return null;

  const shellName = basename(path);
  // Part 0 runs on this thread (it would otherwise wait idle), the others on worker threads,
  // started first so that they load while this thread reads.
  const threads = ranges.slice(1).map((_, i) => new Worker(workerEntry(), { name: `states-${i + 1}` }));
  const failedThread = new Promise<never>((_, reject) => {
    for (const w of threads) {
      w.on('error', (e) => reject(e));
      w.on('exit', (code) => reject(new Error(`worker exited with code ${code}`)));
    }
  });
  failedThread.catch(() => undefined);
  const apis = threads.map((w) => Comlink.wrap<StatesShard>(nodeEndpoint(w as never)));
  const local = createStatesShard();
  const rangeOf = (i: number) => ({
    path,
    startByte: ranges[i][0],
    endByte: ranges[i][1],
    atMs,
    frame: opts.frame,
    acceptBadChecksums: opts.acceptBadChecksums,
    shellName,
  });
  try {
    let parts: StatesShardParsed[];
    try {
      const remote = apis.map((api, i) => api.run(rangeOf(i + 1)));
      const first = local.run(rangeOf(0));
      parts = [first, ...(await Promise.race([Promise.all(remote), failedThread]))];
    } catch {
      return null;
    }
    if (parts.some((p) => p.format !== 'tle')) return null;
    // Shift each part's line and record numbers by the lines and records before it.
    const rejected: ImportIssue[] = [];
    const warnings: ImportIssue[] = [];
    const idOffsets: number[] = [];
    let lines = 0;
    let records = 0;
    let accepted = 0;
    let failed = 0;
    for (const p of parts) {
      const shift = (x: ImportIssue): ImportIssue => ({
        ...x,
        line: x.line > 0 ? x.line + lines : x.line,
        record: x.record > 0 ? x.record + records : x.record,
      });
      for (const r of p.rejected) rejected.push(shift(r));
      for (const w of p.warnings) warnings.push(shift(w));
      idOffsets.push(accepted);
      lines += p.lines;
      records += p.records;
      accepted += p.accepted;
    }
    if (accepted === 0) {
      if (rejected.length === 0)
        throw new UsageError(`${path}: not a scenario or an element file (TLE, OMM JSON, OMM CSV, OMM XML or OMM KVN)`);
      const first = rejected[0];
      throw new UsageError(`${path}: no usable records: ${rejected.length} rejected (first: line ${first.line}: ${first.reason})`);
    }
    const imports: ShellImportReport[] = [{ shellId: 'imported', shellName, format: 'tle', accepted, rejected, warnings }];
    report(imports);
    // The worker parts format while this thread formats part 0 straight into the sink.
    const rendered = apis.map((api, i) => api.render(idOffsets[i + 1]));
    for (const r of rendered) r.catch(() => undefined);
    out.write(`${statesHeader(opts.frame)}\n`);
    // A file takes part 0 straight from the formatter (synchronous writes); a stream gets it as one
    // chunk written in slices with waits for the reader between them (backpressure).
    if (out.toFile) failed += local.render(0, (c) => out.write(c)).failed;
    else {
      const r0 = local.render(0);
      failed += r0.failed;
      for (const c of r0.chunks) await out.put(c);
    }
    for (const r of rendered) {
      const { chunks, failed: f } = await Promise.race([r, failedThread]);
      failed += f;
      for (const c of chunks) await out.put(c);
    }
    return { rows: accepted, failed, imports };
  } finally {
    for (const api of apis) api[Comlink.releaseProxy]?.();
    for (const w of threads) {
      w.removeAllListeners('exit');
      w.removeAllListeners('error');
      void w.terminate();
    }
  }
}
