/**
 * Growable element columns for parsers: rows are appended into chunks of typed-array columns (no
 * per-record objects are kept), and `finish()` copies the chunks once into exact-size columns, or,
 * when the first chunk was sized for all rows (a capacity hint from the file size), hands its
 * columns over as they are. Peak memory is therefore at most about twice the final columns,
 * independent of file size.
 */
import { ELEMENT_FLOAT_FIELDS, ELEMENT_INT_FIELDS, type ElementColumns } from './columns';

const CHUNK_ROWS = 16384;
const NF = ELEMENT_FLOAT_FIELDS.length;
const NI = ELEMENT_INT_FIELDS.length;

/** Index of each float field within `ColumnBuilder.f` (the row being built). */
export const F = {
  epochMs: 0,
  meanMotionRevPerDay: 1,
  eccentricity: 2,
  inclinationDeg: 3,
  raanDeg: 4,
  argPerigeeDeg: 5,
  meanAnomalyDeg: 6,
  bstar: 7,
  meanMotionDotRevPerDay2: 8,
  meanMotionDdotRevPerDay3: 9,
} as const;
/** Index of each integer field within `ColumnBuilder.i`. */
export const I = { noradId: 0, revAtEpoch: 1, elementSetNo: 2 } as const;

// Keep the index tables in step with the field lists in columns.ts.
for (let k = 0; k < NF; k++) {
  if (F[ELEMENT_FLOAT_FIELDS[k]] !== k) throw new Error('builder: float field order out of step with columns.ts');
}
for (let k = 0; k < NI; k++) {
  if (I[ELEMENT_INT_FIELDS[k]] !== k) throw new Error('builder: int field order out of step with columns.ts');
}

/**
 * V8 keeps a substring as a view of its parent string when it is 13+ characters long, which
 * would keep whole input chunks alive through a stored name. Concatenation + slice forces a copy.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/**
 * A string column that is not allocated while every value equals its default (2-line files
 * without designators, all-'U' classifications): one push per row is saved, same result.
 */
class StringColumn {
  private values: string[] | null = null;
  constructor(private readonly fill: string) {}
  /** Append `s` as row `row` (= the number of rows before it). */
  push(s: string, row: number): void {
    if (this.values !== null) this.values.push(s);
    else if (s !== this.fill) {
      this.values = new Array<string>(row).fill(this.fill);
      this.values.push(s);
    }
  }
  finish(count: number): string[] {
    return this.values ?? new Array<string>(count).fill(this.fill);
  }
}

export class ColumnBuilder {
  /** The row being built: float fields in ELEMENT_FLOAT_FIELDS order. */
  readonly f = new Float64Array(NF);
  /** The row being built: integer fields in ELEMENT_INT_FIELDS order. */
  readonly i = new Int32Array(NI);
  name = '';
  objectId = '';
  classification = 'U';
  ephemerisType = 0;
  tleStyle = 0;

  count = 0;
  /**
   * Committed rows in chunks of columns (one typed array per field and chunk): the first chunk
   * holds `capacityHint` rows (a caller that knows an upper bound on the records, such as the
   * size of a TLE file, gets one chunk and `finish()` hands its columns over without a copy),
   * later chunks CHUNK_ROWS; `finish()` otherwise joins the chunks into exact-size columns.
   */
  private readonly chunks: Array<{ f: Float64Array[]; i: Int32Array[]; eph: Uint8Array; style: Uint16Array; rows: number }> = [];
  /** The chunk rows are currently appended to, and its first row. */
  private curF: Float64Array[] = [];
  private curI: Int32Array[] = [];
  private curEph = new Uint8Array(0);
  private curStyle = new Uint16Array(0);
  private curBase = 0;
  private curRows = 0;
  private readonly names = new StringColumn('');
  private readonly objectIds = new StringColumn('');
  private readonly classes = new StringColumn('U');

  /** `capacityHint`: rows of the first chunk (an upper bound on the rows saves the final copy). */
  constructor(private readonly capacityHint = CHUNK_ROWS) {}

  /** Reset the row being built to defaults. */
  resetRow(): void {
    const f = this.f;
    for (let k = 0; k < NF; k++) f[k] = 0;
    const i = this.i;
    for (let k = 0; k < NI; k++) i[k] = 0;
    i[I.noradId] = -1;
    this.name = '';
    this.objectId = '';
    this.classification = 'U';
    this.ephemerisType = 0;
    this.tleStyle = 0;
  }

  private newChunk(): void {
    const rows = this.chunks.length === 0 ? Math.max(1, Math.floor(this.capacityHint)) : CHUNK_ROWS;
    const chunk = {
      f: Array.from({ length: NF }, () => new Float64Array(rows)),
      i: Array.from({ length: NI }, () => new Int32Array(rows)),
      eph: new Uint8Array(rows),
      style: new Uint16Array(rows),
      rows,
    };
    this.chunks.push(chunk);
    this.curBase = this.count;
    this.curRows = rows;
    this.curF = chunk.f;
    this.curI = chunk.i;
    this.curEph = chunk.eph;
    this.curStyle = chunk.style;
  }

  /** Append the row being built. */
  commitRow(): void {
    const n = this.count;
    let at = n - this.curBase;
    if (at >= this.curRows || this.chunks.length === 0) {
      this.newChunk();
      at = 0;
    }
    const f = this.f;
    const cf = this.curF;
    for (let k = 0; k < NF; k++) cf[k][at] = f[k];
    const i = this.i;
    const ci = this.curI;
    for (let k = 0; k < NI; k++) ci[k][at] = i[k];
    this.curEph[at] = this.ephemerisType;
    this.curStyle[at] = this.tleStyle;
    this.names.push(detachString(this.name), n);
    this.objectIds.push(detachString(this.objectId), n);
    this.classes.push(this.classification, n);
    this.count = n + 1;
  }

  /** Exact-size columns of all committed rows; the builder's chunks are released. */
  finish(): ElementColumns {
    const n = this.count;
    const chunks = this.chunks;
    // One chunk with at most 1/8 of it unused: its columns as they are (views of its first n rows).
    const adopt = chunks.length === 1 && chunks[0].rows - n <= chunks[0].rows / 8;
    const join = <T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(parts: T[], make: (len: number) => T): T => {
      if (adopt) return parts[0].subarray(0, n) as T;
      const out = make(n);
      for (let c = 0, base = 0; c < parts.length; c++) {
        const rows = Math.min(chunks[c].rows, n - base);
        out.set(rows === parts[c].length ? parts[c] : parts[c].subarray(0, rows), base);
        base += rows;
      }
      return out;
    };
    const cols = {
      count: n,
      names: this.names.finish(n),
      objectIds: this.objectIds.finish(n),
      classification: this.classes.finish(n),
    } as ElementColumns;
    for (let k = 0; k < NF; k++)
      cols[ELEMENT_FLOAT_FIELDS[k]] = join(
        chunks.map((c) => c.f[k]),
        (len) => new Float64Array(len),
      );
    for (let k = 0; k < NI; k++)
      cols[ELEMENT_INT_FIELDS[k]] = join(
        chunks.map((c) => c.i[k]),
        (len) => new Int32Array(len),
      );
    cols.ephemerisType = join(
      chunks.map((c) => c.eph),
      (len) => new Uint8Array(len),
    );
    cols.tleStyle = join(
      chunks.map((c) => c.style),
      (len) => new Uint16Array(len),
    );
    chunks.length = 0;
    this.curF = [];
    this.curI = [];
    return cols;
  }
}
