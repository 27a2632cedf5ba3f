/**
 * OMM CSV as CelesTrak serves it (FORMAT=csv): a header line naming OMM fields, then one record
 * per line, in the dialect of src/core/csv.ts (comma-separated; fields may be quoted, "..." with
 * "" for a quote, but may not contain line breaks).
 */
import { splitCsvLine } from '../csv';
import type { ImportContext } from './context';
import { OMM_FIELD_COUNT, OMM_FIELDS, OMM_INDEX, ommRecordToRow, type OmmRaw } from './omm';

export class OmmCsvReader {
  /** Header column -> OMM field index (-1: not an OMM field we read). */
  private columns: number[] | null = null;
  private readonly raw: OmmRaw[] = new Array(OMM_FIELD_COUNT);
  constructor(private readonly ctx: ImportContext) {}

  line(rawLine: string, lineNo: number): void {
    const s = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (s.trim().length === 0) return;
    if (this.columns === null) {
      const names = splitCsvLine(s.replace(/^\uFEFF/, '')).map((h) => h.trim().toUpperCase());
      this.columns = names.map((h) => OMM_INDEX.get(h) ?? -1);
      const missing = ['EPOCH', 'MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY'].filter(
        (f) => !names.includes(f),
      );
      if (missing.length > 0) this.ctx.warn(0, lineNo, `CSV header lacks required column(s) ${missing.join(', ')}`, s);
      return;
    }
    const rec = this.ctx.nextRecord();
    const cells = splitCsvLine(s);
    if (cells.length !== this.columns.length) {
      this.ctx.reject(rec, lineNo, `row has ${cells.length} fields, header has ${this.columns.length}`, s);
      return;
    }
    this.raw.fill(undefined);
    for (let k = 0; k < cells.length; k++) {
      const f = this.columns[k];
      if (f >= 0) this.raw[f] = cells[k];
    }
    const bad = ommRecordToRow(this.ctx, this.raw);
    if (bad !== null) this.ctx.reject(rec, lineNo, bad, s);
  }

  finish(): void {
    if (this.columns === null) this.ctx.warn(0, 1, 'empty CSV input (no header)');
  }
}

export { OMM_FIELDS };
