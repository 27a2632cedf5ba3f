/**
 * The planner's one CSV module (pure): the reading dialect and the quoting used by every CSV it
 * reads or writes: OMM CSV (src/core/elements/omm-csv.ts, omm-write.ts), ground stations
 * (src/core/scenario/groundStationsCsv.ts), the CLI's states and per-satellite CSV, and the byte
 * writers below.
 *
 * Dialect (RFC 4180 within a line): fields separated by one delimiter, `,` unless a file's first
 * line says `;` or TAB (detectCsvDelimiter); a field may be quoted with `"`, and `""` inside quotes
 * is one quote; text after a closing quote up to the next delimiter is kept (lenient, as
 * spreadsheets write it); fields may not contain line breaks (records are lines); a byte order
 * mark at the start is dropped by the readers. Writing quotes a field that contains a quote, a
 * delimiter of any of the three kinds, a line break, or leading or trailing white space, so that
 * every reader of this dialect gets the same text back.
 */
import { utf8Encoder } from './platform';

export type CsvDelimiter = ',' | ';' | '\t';

/** Quote a field when it needs it (see the dialect above). */
export function csvField(s: string): string {
  return /[",;\t\r\n]/.test(s) || (s.length > 0 && s.trim() !== s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Split one line into fields (quoted fields unquoted; fields are not trimmed). */
export function splitCsvLine(line: string, delimiter: CsvDelimiter = ','): string[] {
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
      const d = line.indexOf(delimiter, k);
      v += d < 0 ? line.slice(k) : line.slice(k, d); // text after the closing quote, if any
      out.push(v);
      if (d < 0) return out;
      k = d + 1;
    } else {
      const d = line.indexOf(delimiter, k);
      if (d < 0) {
        out.push(line.slice(k));
        return out;
      }
      out.push(line.slice(k, d));
      k = d + 1;
    }
  }
}

/** The delimiter of a file from its first line: whichever of `,` `;` TAB occurs most outside quotes (`,` when none does). */
export function detectCsvDelimiter(line: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ',';
}

/** The lines of a CSV text (byte order mark dropped; CRLF, LF or CR line ends). */
export function csvLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
}

/** Fixed decimals, or '' for a non-finite value. */
export function num(x: number, decimals: number): string {
  return Number.isFinite(x) ? x.toFixed(decimals) : '';
}

/** Buffers lines and flushes them to a sink in large chunks. */
export class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(
    private readonly sink: (chunk: string) => unknown,
    private readonly chunkChars = 1 << 20,
  ) {}
  line(s: string): void {
    this.parts.push(s);
    this.size += s.length + 1;
    if (this.size >= this.chunkChars) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    this.sink(this.parts.join('\n') + '\n');
    this.parts = [];
    this.size = 0;
  }
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];
const utf8 = utf8Encoder();

/**
 * Writes CSV straight into a byte buffer (ASCII digits formatted by hand), flushing full chunks
 * to `sink`: no string per row or per number, which is most of the cost of a million-row CSV.
 */
export class ByteCsvWriter {
  private buf: Uint8Array;
  private at = 0;
  constructor(
    private readonly sink: (chunk: Uint8Array) => unknown,
    chunkBytes = 1 << 20,
  ) {
    this.buf = new Uint8Array(chunkBytes);
  }

  private room(n: number): void {
    if (this.at + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) this.buf = new Uint8Array(n);
    }
  }

  /** Any text (ASCII fast path; other characters UTF-8 encoded). */
  text(s: string): this {
    this.room(s.length * 3);
    const b = this.buf;
    let at = this.at;
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c >= 0x80) {
        this.at = at;
        const { written } = utf8.encodeInto(s.slice(k), b.subarray(at));
        this.at = at + (written ?? 0);
        return this;
      }
      b[at++] = c;
    }
    this.at = at;
    return this;
  }

  byte(c: number): this {
    this.room(1);
    this.buf[this.at++] = c;
    return this;
  }

  comma(): this {
    return this.byte(44);
  }

  newline(): this {
    return this.byte(10);
  }

  /** A non-negative integer below 2^53. */
  uint(n: number): this {
    this.room(17);
    if (n < 2147483648) {
      this.at = writeSmallUint(this.buf, this.at, n);
      return this;
    }
    const b = this.buf;
    let digits = 0;
    for (let m = n; m >= 1; m = Math.floor(m / 10)) digits++;
    let at = this.at + digits;
    this.at = at;
    for (let m = n; digits > 0; digits--) {
      const q = Math.floor(m / 10);
      b[--at] = 48 + (m - q * 10);
      m = q;
    }
    return this;
  }

  /**
   * `x` with `decimals` (<= 12) digits after the point, rounded to nearest (as toFixed, up to
   * the last-digit tie cases); '' for a non-finite value.
   */
  fixed(x: number, decimals: number): this {
    if (!Number.isFinite(x)) return this;
    const scale = POW10[decimals];
    const ax = Math.abs(x);
    const scaled = Math.round(ax * scale);
    if (!(scaled < 9e15)) return this.text(x.toFixed(decimals));
    this.room(24);
    const b = this.buf;
    let at = this.at;
    if (x < 0) b[at++] = 45;
    const ip = Math.floor(scaled / scale);
    let frac = scaled - ip * scale;
    if (ip < 2147483648) at = writeSmallUint(b, at, ip);
    else {
      this.at = at;
      this.uint(ip);
      at = this.at;
    }
    b[at++] = 46;
    // Fraction digits, last first (int32 arithmetic when the fraction fits).
    const end = at + decimals;
    let k = end;
    if (frac < 2147483648) {
      for (let d = 0; d < decimals; d++) {
        const q = (frac / 10) | 0;
        b[--k] = 48 + (frac - q * 10);
        frac = q;
      }
    } else {
      for (let d = 0; d < decimals; d++) {
        const q = Math.floor(frac / 10);
        b[--k] = 48 + (frac - q * 10);
        frac = q;
      }
    }
    this.at = end;
    return this;
  }

  /**
   * The bytes written since the last flush, as a view of the writer's buffer (no copy); the writer
   * must not be used afterwards. With a buffer sized for the whole output this is the output.
   */
  detach(): Uint8Array {
    const out = this.buf.subarray(0, this.at);
    this.buf = new Uint8Array(0);
    this.at = 0;
    return out;
  }

  /**
   * Hands the buffered bytes to the sink. The chunk is a view of the writer's own buffer, valid
   * only during the call (the buffer is reused, so no memory is allocated per chunk): a sink that
   * keeps it must copy it.
   */
  flush(): void {
    if (this.at === 0) return;
    this.sink(this.buf.subarray(0, this.at));
    this.at = 0;
  }
}

/** Decimal digits of 0 <= n < 2^31 into b at `at` (room already made); returns the end. */
function writeSmallUint(b: Uint8Array, at: number, n: number): number {
  if (n < 10) {
    b[at] = 48 + n;
    return at + 1;
  }
  let digits = 1;
  for (let m = (n / 10) | 0; m > 0; m = (m / 10) | 0) digits++;
  const end = at + digits;
  for (let k = end, m = n; k > at; ) {
    const q = (m / 10) | 0;
    b[--k] = 48 + (m - q * 10);
    m = q;
  }
  return end;
}
