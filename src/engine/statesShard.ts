/**
 * One worker's share of a parallel `plan states` run (src/cli/statesParallel.ts): read a byte range of a
 * TLE file that starts and ends on record boundaries, parse it with the streaming element parser,
 * propagate its satellites with the column SGP4 kernel, and, once the ids of the rows before it
 * are known, format its CSV rows. The range is read in 64 KiB chunks, so no worker holds the file
 * as one buffer or one string. Pure Node (fs); the worker entry is workers/states.node.ts.
 */
import { closeSync, openSync } from 'node:fs';
import { readTextChunks } from './textChunks';
import { createElementStreamParser, type ElementColumns, type ElementFormat, type ImportIssue, tleRecordsAtMost } from '../core/elements';
import { initSgp4Batch, propagateBatch, SGP4_BATCH_STRIDE } from '../core/sgp4';
import { importedFallbackName } from '../core/fleet/fleet';
import { ByteCsvWriter } from '../core/csv';
import { writeStateRows } from './stateRows';
import type { StateFrame } from '../core/frames';

export interface StatesShardRange {
  path: string;
  /** First byte of the range (0 or just after a newline). */
  startByte: number;
  /** One past the last byte. */
  endByte: number;
  atMs: number;
  /** Frame of the rows (default teme). */
  frame?: StateFrame;
  acceptBadChecksums: boolean;
  /** Name of the imported shell (the file's base name), for rows without a name or catalogue number. */
  shellName: string;
}

export interface StatesShardParsed {
  format: ElementFormat;
  accepted: number;
  /** Records seen (accepted + rejected). */
  records: number;
  /** Lines read (a range that ends in a newline has as many lines as newlines: the next range's line offset). */
  lines: number;
  /** Line and record numbers are local to the range (1-based); the caller shifts them. */
  rejected: ImportIssue[];
  warnings: ImportIssue[];
}

/** Satellites per SGP4 block in render(). */
const BLOCK = 4096;
/** Upper bound on a state row without its name (id, norad, 6 numbers, error, commas). */
const ROW_BYTES_WITHOUT_NAME = 176;

export interface StatesShard {
  run(range: StatesShardRange): StatesShardParsed;
  /**
   * Propagate and format the CSV rows (no header) with fleet ids from `idOffset`. Without `sink`
   * the rows come back as chunks (handed over, not copied); with `sink` they are streamed to it
   * through one reused 1 MiB buffer (borrowed chunks, as ByteCsvWriter's) and `chunks` is empty.
   * `failed` counts rows with an SGP4 error.
   */
  render(idOffset: number, sink?: (chunk: Uint8Array) => unknown): { chunks: Uint8Array[]; failed: number };
}

export function createStatesShard(): StatesShard {
  let done: { cols: ElementColumns; atMs: number; frame: StateFrame; shellName: string } | null = null;
  return {
    run(range) {
      // The range is TLE (statesParallel checked): its size bounds the records (one block of columns).
      const parser = createElementStreamParser({
        acceptBadChecksums: range.acceptBadChecksums,
        capacityHint: tleRecordsAtMost(range.endByte - range.startByte),
      });
      const fd = openSync(range.path, 'r');
      try {
        readTextChunks(fd, range.startByte, range.endByte, (text) => parser.push(text));
      } finally {
        closeSync(fd);
      }
      const parsed = parser.finish();
      done = { cols: parsed.columns, atMs: range.atMs, frame: range.frame ?? 'teme', shellName: range.shellName };
      return {
        format: parsed.format,
        accepted: parsed.accepted,
        records: parsed.accepted + parsed.rejected.length,
        lines: parser.lines,
        rejected: parsed.rejected,
        warnings: parsed.warnings,
      };
    },
    render(idOffset, sink) {
      if (!done) throw new Error('states shard rendered before run');
      const { cols, atMs, frame, shellName } = done;
      const n = cols.count;
      const names = cols.names;
      let nameBytes = 0;
      if (names && !sink) for (let i = 0; i < n; i++) nameBytes += names[i].length + 2;
      const chunks: Uint8Array[] = [];
      // Sized for the whole output: normally one buffer, handed over as it is.
      const w = sink
        ? new ByteCsvWriter(sink)
        : new ByteCsvWriter((c) => chunks.push(c.slice()), n * ROW_BYTES_WITHOUT_NAME + nameBytes + 1024);
      // SGP4 block by block: the kernel's derived columns and the states exist for one block at a
      // time (small, reused allocations) instead of for every satellite of the part at once.
      const pos = new Float64Array(3 * BLOCK);
      const vel = new Float64Array(3 * BLOCK);
      const err = new Uint8Array(BLOCK);
      const scratch = { constants: new Float64Array(SGP4_BATCH_STRIDE * BLOCK), flags: new Uint8Array(BLOCK) };
      const noradId = cols.noradId;
      let failed = 0;
      // The same names as satelliteName() on the whole fleet: name, else NORAD number (null: written
      // by writeStateRows from the number), else shell-index. One function for every block (a new
      // closure per block is a new call target for the optimised writeStateRows each time).
      let s = 0;
      const nameOf = (k: number): string | null =>
        names?.[s + k] || (noradId[s + k] >= 0 ? null : importedFallbackName(noradId[s + k], shellName, idOffset + s + k));
      for (; s < n; s += BLOCK) {
        const e = Math.min(n, s + BLOCK);
        propagateBatch(initSgp4Batch(cols, s, e, scratch), atMs, pos, vel, err, 0);
        failed += writeStateRows(w, e - s, idOffset + s, nameOf, noradId.subarray(s, e), pos, vel, err, { atMs, frame });
      }
      if (sink) w.flush();
      else chunks.push(w.detach());
      done = null;
      return { chunks, failed };
    },
  };
}
