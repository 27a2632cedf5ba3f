/**
 * OMM CSV as CelesTrak serves it (FORMAT=csv): a header line naming OMM fields, then one record
 * per line. Fields may be quoted ("..." with "" for a quote) but may not contain line breaks.
 */
import type { ImportContext } from './context';
import { OMM_FIELD_COUNT, OMM_FIELDS, OMM_INDEX, ommRecordToRow, type OmmRaw } from './omm';

/** Split one CSV line into fields (RFC 4180 quoting within the line). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let k = 0;
  const n = line.length;
  for (;;) {
    if (k < n && line.charCodeAt(k) === 34) {
      let v = '';
      k++;
      for (;;) {
        const q = line.indexOf('"', k);
        if (q < 0) {
          v += line.slice(k);
          k = n;
          break;
        }
        v += line.slice(k, q);
        if (line.charCodeAt(q + 1) === 34) {
          v += '"';
          k = q + 2;
        } else {
          k = q + 1;
          break;
        }
      }
      const comma = line.indexOf(',', k);
      v += comma < 0 ? line.slice(k) : line.slice(k, comma); // text after the closing quote, if any
      out.push(v);
      if (comma < 0) return out;
      k = comma + 1;
    } else {
      const comma = line.indexOf(',', k);
      if (comma < 0) {
        out.push(line.slice(k));
        return out;
      }
      out.push(line.slice(k, comma));
      k = comma + 1;
    }
  }
}

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
