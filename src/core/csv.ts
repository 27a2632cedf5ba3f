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

/** The two ASCII digits of 0..99: DIGIT_PAIRS[2n], DIGIT_PAIRS[2n + 1]. */
const DIGIT_PAIRS = new Uint8Array(200);
for (let n = 0; n < 100; n++) {
  DIGIT_PAIRS[2 * n] = 48 + ((n / 10) | 0);
  DIGIT_PAIRS[2 * n + 1] = 48 + (n % 10);
}

/** 2^-52: twice the relative rounding error of one double multiplication. */
const TIE_BAND = 2.220446049250313e-16;

/**
 * `x.toFixed(decimals)` written as bytes into b at `at` (room for 36 bytes already made), for
 * 0 <= decimals <= 12; returns the end, or -1 when the value must go through toFixed itself
 * (magnitudes of 9e15 units of the last place and more, and the rare values within rounding
 * error of a tie). toFixed picks the integer n nearest to x * 10^d computed exactly (the larger
 * on a tie); the double product s is within s * 2^-53 of that, so away from a tie band of twice
 * that width Math.floor / the fraction of s decide n exactly as toFixed does.
 */
function putFixed(b: Uint8Array, at: number, x: number, decimals: number): number {
  const scale = POW10[decimals];
  const ax = x < 0 ? -x : x;
  const s = ax * scale;
  if (!(s < 9e15)) return -1;
  let n = Math.floor(s);
  const r = s - n; // exact
  const off = r - 0.5;
  if ((off < 0 ? -off : off) <= s * TIE_BAND) return -1;
  if (off > 0) n++;
  if (x < 0) b[at++] = 45; // toFixed writes '-' for every negative x, '-0.000' included (not for -0)
  // Integer part and fraction units without dividing n: n >= floor(ax) * scale (the product is
  // exact and s, rounded, cannot fall below it), and a carry from rounding up moves one unit over.
  let ip = Math.floor(ax);
  let frac = n - ip * scale;
  if (frac >= scale) {
    ip++;
    frac -= scale;
  }
  at = ip < 2147483648 ? writeSmallUint(b, at, ip) : writeUint(b, at, ip);
  if (decimals === 0) return at;
  b[at++] = 46;
  // Fraction digits, last first, two at a time (int32 arithmetic when the fraction fits).
  const end = at + decimals;
  let k = end;
  let d = decimals;
  if (frac < 2147483648) {
    let f = frac | 0;
    for (; d >= 2; d -= 2) {
      const q = (f / 100) | 0;
      const p = (f - q * 100) << 1;
      b[--k] = DIGIT_PAIRS[p + 1];
      b[--k] = DIGIT_PAIRS[p];
      f = q;
    }
    if (d === 1) b[--k] = 48 + f;
  } else {
    for (; d > 0; d--) {
      const q = Math.floor(frac / 10);
      b[--k] = 48 + (frac - q * 10);
      frac = q;
    }
  }
  return end;
}

/**
 * Raw writes for a caller that reserved room itself (ByteCsvWriter.reserve): `x.toFixed(decimals)`
 * (nothing for a non-finite value) into b at `at`, at most 36 bytes; returns the end.
 */
export function writeFixed(b: Uint8Array, at: number, x: number, decimals: number): number {
  if (!Number.isFinite(x)) return at;
  const end = putFixed(b, at, x, decimals);
  return end >= 0 ? end : writeAscii(b, at, x.toFixed(decimals));
}

/** ASCII text (toFixed output) into b at `at`; returns the end. */
function writeAscii(b: Uint8Array, at: number, s: string): number {
  for (let k = 0; k < s.length; k++) b[at++] = s.charCodeAt(k);
  return at;
}

/** Decimal digits of 0 <= n < 2^53 into b at `at` (at most 16 bytes); returns the end. */
export function writeUint(b: Uint8Array, at: number, n: number): number {
  if (n < 2147483648) return writeSmallUint(b, at, n);
  let digits = 0;
  for (let m = n; m >= 1; m = Math.floor(m / 10)) digits++;
  const end = at + digits;
  for (let k = end, m = n; k > at; ) {
    const q = Math.floor(m / 10);
    b[--k] = 48 + (m - q * 10);
    m = q;
  }
  return end;
}

/**
 * `x.toFixed(decimals)` (0 <= decimals <= 12), or '' for a non-finite value: the same text as
 * `num`, made from bytes (no toFixed call on the fast path). For callers that build strings.
 */
export function fixedText(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return '';
  const end = putFixed(scratch, 0, x, decimals);
  if (end < 0) return x.toFixed(decimals);
  return String.fromCharCode.apply(null, scratch.subarray(0, end) as unknown as number[]);
}
const scratch = new Uint8Array(40);

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

  /**
   * A CSV field: the same bytes as text(csvField(s)), without the regular expression and the
   * trimmed copy on the common path (ASCII that needs no quotes is copied as it is checked).
   */
  field(s: string): this {
    const len = s.length;
    if (len === 0) return this;
    this.room(len);
    const b = this.buf;
    let at = this.at;
    // Leading or trailing white space needs quotes (csvField's trim() test; those are all < 0x80
    // or handled by the slow path below).
    const c0 = s.charCodeAt(0);
    const cl = s.charCodeAt(len - 1);
    if (c0 > 32 && cl > 32) {
      for (let k = 0; k < len; k++) {
        const c = s.charCodeAt(k);
        // '"' 34, ',' 44, ';' 59, TAB, CR, LF (all < 60) and non-ASCII go the slow way.
        if (c >= 0x80 || (c < 60 && (c === 34 || c === 44 || c === 59 || c < 32))) {
          return this.text(csvField(s)); // nothing committed yet: this.at is unchanged
        }
        b[at++] = c;
      }
      this.at = at;
      return this;
    }
    return this.text(csvField(s));
  }

  /**
   * Raw access: makes room for `n` more bytes and returns the buffer, to be written from `pos`
   * (writeUint, writeFixed, plain bytes) and committed by setting `pos` to the end.
   */
  reserve(n: number): Uint8Array {
    this.room(n);
    return this.buf;
  }

  get pos(): number {
    return this.at;
  }

  set pos(at: number) {
    this.at = at;
  }

  /** Bytes copied as they are. */
  bytes(src: Uint8Array): this {
    const n = src.length;
    this.room(n);
    const b = this.buf;
    let at = this.at;
    for (let k = 0; k < n; k++) b[at++] = src[k];
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
    this.at = n < 2147483648 ? writeSmallUint(this.buf, this.at, n) : writeUint(this.buf, this.at, n);
    return this;
  }

  /**
   * Exactly `x.toFixed(decimals)` for 0 <= decimals <= 12 (digits made by hand; toFixed itself
   * only for magnitudes of 9e15 units of the last place and more, and within rounding error of a
   * tie), or nothing for a non-finite value.
   */
  fixed(x: number, decimals: number): this {
    if (!Number.isFinite(x)) return this;
    this.room(36);
    const end = putFixed(this.buf, this.at, x, decimals);
    if (end < 0) return this.text(x.toFixed(decimals));
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
  let m = n | 0;
  if (m < 10) {
    b[at] = 48 + m;
    return at + 1;
  }
  // Digits counted in a loop, not a chain of compares: a compare first reached when the numbers
  // grow past 10^5 (row ids do, mid-run) would throw the optimised caller away.
  let digits = 2;
  for (let p = 100; digits < 10 && m >= p; p *= 10) digits++;
  const end = at + digits;
  let k = end;
  while (m >= 100) {
    const q = (m / 100) | 0;
    const p = (m - q * 100) << 1;
    b[--k] = DIGIT_PAIRS[p + 1];
    b[--k] = DIGIT_PAIRS[p];
    m = q;
  }
  if (m >= 10) {
    b[--k] = DIGIT_PAIRS[2 * m + 1];
    b[--k] = DIGIT_PAIRS[2 * m];
  } else b[--k] = 48 + m;
  return end;
}
