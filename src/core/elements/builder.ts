/**
 * Growable element columns for parsers: rows are appended into fixed-size typed-array chunks
 * (row-major inside a chunk; no per-record objects are kept), and `finish()` copies the chunks
 * once into exact-size columns. Peak memory is therefore about twice the final columns, independent of file size.
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
   * Committed rows, row-major within each chunk (row r of a chunk at r * NF .. r * NF + NF - 1),
   * so that committing a row writes one contiguous run; `finish()` transposes into columns.
   */
  private readonly floatChunks: Float64Array[] = [];
  private readonly intChunks: Int32Array[] = [];
  private readonly ephChunks: Uint8Array[] = [];
  private readonly styleChunks: Uint16Array[] = [];
  /** The chunks rows are currently appended to. */
  private curF = new Float64Array(0);
  private curI = new Int32Array(0);
  private curEph = new Uint8Array(0);
  private curStyle = new Uint16Array(0);
  private readonly names = new StringColumn('');
  private readonly objectIds = new StringColumn('');
  private readonly classes = new StringColumn('U');

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

  /** Append the row being built. */
  commitRow(): void {
    const at = this.count % CHUNK_ROWS;
    if (at === 0) {
      this.curF = new Float64Array(CHUNK_ROWS * NF);
      this.curI = new Int32Array(CHUNK_ROWS * NI);
      this.curEph = new Uint8Array(CHUNK_ROWS);
      this.curStyle = new Uint16Array(CHUNK_ROWS);
      this.floatChunks.push(this.curF);
      this.intChunks.push(this.curI);
      this.ephChunks.push(this.curEph);
      this.styleChunks.push(this.curStyle);
    }
    const f = this.f;
    const cf = this.curF;
    for (let k = 0, o = at * NF; k < NF; k++) cf[o + k] = f[k];
    const i = this.i;
    const ci = this.curI;
    for (let k = 0, o = at * NI; k < NI; k++) ci[o + k] = i[k];
    this.curEph[at] = this.ephemerisType;
    this.curStyle[at] = this.tleStyle;
    const n = this.count;
    this.names.push(detachString(this.name), n);
    this.objectIds.push(detachString(this.objectId), n);
    this.classes.push(this.classification, n);
    this.count = n + 1;
  }

  /** Exact-size columns of all committed rows; the builder's chunks are released. */
  finish(): ElementColumns {
    const n = this.count;
    // Row-major chunks -> columns, one chunk at a time (it stays in cache across the fields).
    const columns = <T extends Float64Array | Int32Array>(chunks: T[], stride: number, make: (n: number) => T): T[] => {
      const out: T[] = [];
      for (let k = 0; k < stride; k++) out.push(make(n));
      for (let c = 0; c < chunks.length; c++) {
        const chunk = chunks[c];
        const base = c * CHUNK_ROWS;
        const rows = Math.min(CHUNK_ROWS, n - base);
        for (let k = 0; k < stride; k++) {
          const col = out[k];
          for (let r = 0, o = k; r < rows; r++, o += stride) col[base + r] = chunk[o];
        }
      }
      chunks.length = 0;
      return out;
    };
    const join = <T extends Uint8Array | Uint16Array>(chunks: T[], out: T): T => {
      for (let c = 0; c < chunks.length; c++) {
        const rows = Math.min(CHUNK_ROWS, n - c * CHUNK_ROWS);
        out.set(chunks[c].subarray(0, rows), c * CHUNK_ROWS);
      }
      chunks.length = 0;
      return out;
    };
    const cols = {
      count: n,
      names: this.names.finish(n),
      objectIds: this.objectIds.finish(n),
      classification: this.classes.finish(n),
    } as ElementColumns;
    const floats = columns(this.floatChunks, NF, (len) => new Float64Array(len));
    const ints = columns(this.intChunks, NI, (len) => new Int32Array(len));
    for (let k = 0; k < NF; k++) cols[ELEMENT_FLOAT_FIELDS[k]] = floats[k];
    for (let k = 0; k < NI; k++) cols[ELEMENT_INT_FIELDS[k]] = ints[k];
    this.curF = new Float64Array(0);
    this.curI = new Int32Array(0);
    cols.ephemerisType = join(this.ephChunks, new Uint8Array(n));
    cols.tleStyle = join(this.styleChunks, new Uint16Array(n));
    return cols;
  }
}
