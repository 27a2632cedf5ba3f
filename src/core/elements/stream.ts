/**
 * Format detection and the incremental parser behind every import: text arrives in chunks of
 * any size (cut anywhere, even inside a line or a JSON string), is routed to the reader for the
 * detected format, and rows go straight into chunked typed columns. `parseElements` is the
 * same parser given the whole text as one chunk, so streaming and one-shot results agree.
 */
import type { ColumnBuilder } from './builder';
import { ImportContext } from './context';
import { OmmCsvReader } from './omm-csv';
import { OmmJsonReader } from './omm-json';
import { isOmmKvnStart, OmmKvnReader } from './omm-kvn';
import { OmmXmlReader } from './omm-xml';
import { TleReader } from './tle';
import type { ElementFormat, ImportResult, ParseOptions } from './types';
import { type ByteStreamSource, utf8Decoder } from '../platform';

/** Bytes of text examined before deciding a line-based format (TLE or CSV). */
const DETECT_WINDOW = 64 * 1024;
const DETECT_LINES = 20;
const TLE_LINE = /^[12] [ 0-9A-Z]{5}[ A-Z]? /;

/**
 * A 3-line TLE whose first name begins like JSON ('[{', '{"', '[]' ...): the first three non-empty
 * lines are a name, a line 1 and a line 2. JSON cannot hold such lines (a string cannot span lines
 * and `1 25544U` is no JSON value), so this settles it. Looks only within the first DETECT_WINDOW
 * characters, so a streamed text is decided as the whole text is. True when the three lines are
 * there, false when they are not, null when more text is needed. The same check guards the XML,
 * OMM KVN and CSV signatures (a name line '<omm>', 'CCSDS_OMM_VERS = 3.0' or 'OBJECT_NAME,EPOCH').
 */
function nameThenTle(text: string, k: number, complete: boolean): boolean | null {
  const end = Math.min(text.length, k + DETECT_WINDOW);
  const decided = complete || text.length - k >= DETECT_WINDOW;
  let at = k;
  let n = 0; // non-empty lines seen
  while (n < 3) {
    const nl = text.indexOf('\n', at);
    const whole = nl >= 0 && nl < end;
    const s = text.slice(at, whole ? nl : end).trim();
    if (s.length > 0) {
      // The name can be anything; line 1 and line 2 must start with their digit, which a
      // JSON, XML or CSV second line never does: decide on the first character when it differs.
      if (n > 0 && s[0] !== (n === 1 ? '1' : '2')) return false;
      if (!whole && !(complete && text.length <= end)) return decided ? false : null;
      if (n > 0 && !TLE_LINE.test(s)) return false;
      n++;
    } else if (!whole) return decided ? false : null;
    if (!whole) break;
    at = nl + 1;
  }
  return n === 3;
}

/**
 * Detect the format from content: JSON ('[' or '{' first), XML ('<' first and an NDM/OMM
 * element near the start), OMM KVN (the first line that is not a COMMENT is `CCSDS_OMM_VERS =` or
 * another header or metadata keyword), CSV (a first line naming OMM fields between commas), TLE (a
 * line 1 or 2 among the first lines). Returns null when `complete` is false and the text seen so far
 * is not yet enough to decide.
 */
function detect(text: string, complete: boolean): ElementFormat | null {
  let k = 0;
  while (k < text.length) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) k++;
    else break;
  }
  if (k >= text.length) return complete ? 'unknown' : null;
  const c0 = text[k];
  // JSON and XML are recognised by their first characters, unless the first three lines are a
  // TLE name, line 1 and line 2 (nameThenTle); a '[' or '{' followed by anything else falls
  // through to the line-based check below.
  let fallback: ElementFormat = 'unknown';
  if (c0 === '[' || c0 === '{') {
    let j = k + 1;
    while (j < text.length && /\s/.test(text[j])) j++;
    if (j >= text.length) return complete ? 'omm-json' : null;
    const c1 = text[j];
    if ((c0 === '[' && (c1 === '{' || c1 === ']' || c1 === '[')) || (c0 === '{' && (c1 === '"' || c1 === '}'))) {
      const t = nameThenTle(text, k, complete);
      return t === null ? null : t ? 'tle' : 'omm-json';
    }
    fallback = 'omm-json';
  } else if (c0 === '<') {
    const head = text.slice(k, k + DETECT_WINDOW);
    if (/<(?:[A-Za-z_][\w.-]*:)?(?:ndm|omm)[\s>/]/.test(head)) {
      const t = nameThenTle(text, k, complete);
      return t === null ? null : t ? 'tle' : 'omm-xml';
    }
    if (!complete && head.length < DETECT_WINDOW) return null;
  }
  // Line-based formats need whole lines.
  const lines: string[] = [];
  let at = k;
  while (lines.length < DETECT_LINES) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) {
      if (complete && at < text.length) lines.push(text.slice(at));
      break;
    }
    const s = text.slice(at, nl).trim();
    if (s.length > 0) lines.push(s);
    at = nl + 1;
  }
  const enough = complete || lines.length >= DETECT_LINES || text.length - k >= DETECT_WINDOW;
  if (lines.length === 0) return enough ? fallback : null;
  const first = lines[0].toUpperCase();
  // OMM KVN: the first line that is not a COMMENT is a header or metadata keyword line.
  const firstKvn = lines.find((l) => !/^COMMENT(?:\s|$)/.test(l));
  if (firstKvn !== undefined && isOmmKvnStart(firstKvn)) {
    const t = nameThenTle(text, k, complete);
    return t === null ? null : t ? 'tle' : 'omm-kvn';
  }
  if (firstKvn === undefined && !enough) return null;
  if (first.includes(',') && /(^|,)\s*"?(EPOCH|MEAN_MOTION|OBJECT_NAME|NORAD_CAT_ID)"?\s*(,|$)/.test(first)) {
    const t = nameThenTle(text, k, complete);
    return t === null ? null : t ? 'tle' : 'omm-csv';
  }
  if (lines.some((l) => TLE_LINE.test(l))) return 'tle';
  return enough ? fallback : null;
}

/** Element-set format of a text (whole file or a prefix of a few kilobytes or more). */
export function detectElementFormat(text: string): ElementFormat {
  try {
    return detect(String(text), true) ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Splits chunks into lines (LF or CRLF) and numbers them from 1. Lines are handed on as
 * positions in the chunk (no string per line); only a line cut by a chunk boundary is joined
 * into a string of its own, so the chunk itself stays a flat string (fast to index).
 */
class LineSplitter {
  private carry = '';
  private lineNo = 0;
  constructor(private readonly sink: { lineAt(text: string, start: number, end: number, no: number): void }) {}
  push(chunk: string): void {
    let start = 0;
    if (this.carry.length) {
      const nl = chunk.indexOf('\n');
      if (nl < 0) {
        this.carry += chunk;
        return;
      }
      const line = this.carry + chunk.slice(0, nl);
      this.carry = '';
      this.sink.lineAt(line, 0, line.length, ++this.lineNo);
      start = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      this.sink.lineAt(chunk, start, nl, ++this.lineNo);
      start = nl + 1;
    }
    this.carry = start === 0 ? chunk : chunk.slice(start);
  }
  finish(): void {
    if (this.carry.length) this.sink.lineAt(this.carry, 0, this.carry.length, ++this.lineNo);
    this.carry = '';
  }
  /** Lines handed on so far. */
  get lines(): number {
    return this.lineNo;
  }
}

interface Reader {
  push(chunk: string): void;
  finish(): void;
  /** Lines read (line-based formats only). */
  lines?(): number;
}

function readerFor(format: ElementFormat, ctx: ImportContext): Reader | null {
  switch (format) {
    case 'tle': {
      const tle = new TleReader(ctx);
      const split = new LineSplitter(tle);
      return {
        push: (c) => split.push(c),
        finish: () => {
          split.finish();
          return tle.finish();
        },
        lines: () => split.lines,
      };
    }
    case 'omm-csv': {
      const csv = new OmmCsvReader(ctx);
      const split = new LineSplitter({ lineAt: (t, a, b, no) => csv.line(t.slice(a, b), no) });
      return {
        push: (c) => split.push(c),
        finish: () => {
          split.finish();
          return csv.finish();
        },
        lines: () => split.lines,
      };
    }
    case 'omm-kvn': {
      const kvn = new OmmKvnReader(ctx);
      const split = new LineSplitter({ lineAt: (t, a, b, no) => kvn.line(t.slice(a, b), no) });
      return {
        push: (c) => split.push(c),
        finish: () => {
          split.finish();
          return kvn.finish();
        },
        lines: () => split.lines,
      };
    }
    case 'omm-json':
      return new OmmJsonReader(ctx);
    case 'omm-xml':
      return new OmmXmlReader(ctx);
    default:
      return null;
  }
}

export interface ElementStreamParser {
  /** Feed the next piece of text (any size, cut anywhere). Never throws. */
  push(chunk: string): void;
  /** End of input: flush the last record and return the result. Never throws; later calls return the same result. */
  finish(): ImportResult;
  /** Format detected so far (null until enough text has been seen). */
  readonly format: ElementFormat | null;
  /** Records seen so far. */
  readonly records: number;
  /**
   * Lines read so far by a line-based reader (TLE, OMM CSV, OMM KVN; a text ending in a newline has as
   * many lines as newlines); 0 for OMM JSON and XML and before the format is known.
   */
  readonly lines: number;
}

export function createElementStreamParser(opts: ParseOptions = {}): ElementStreamParser {
  const ctx = new ImportContext({ acceptBadChecksums: opts.acceptBadChecksums === true, capacityHint: opts.capacityHint });
  let format: ElementFormat | null = null;
  let reader: Reader | null = null;
  let linesOf: (() => number) | null = null;
  let pending: string[] = [];
  let pendingLength = 0;
  let result: ImportResult | null = null;
  let firstLine = '';

  const internal = (e: unknown) => {
    ctx.warn(0, 0, `internal error while parsing, input after this point may be missing: ${(e as Error)?.message ?? String(e)}`);
    reader = null;
  };

  const start = (fmt: ElementFormat) => {
    format = fmt;
    reader = readerFor(fmt, ctx);
    linesOf = reader?.lines ?? null;
    const text = pending.join('');
    pending = [];
    pendingLength = 0;
    if (reader) reader.push(text);
    else {
      const nl = text.search(/\S/);
      firstLine = nl < 0 ? '' : text.slice(nl, nl + 200).split('\n')[0];
    }
  };

  return {
    get format() {
      return format;
    },
    get records() {
      return ctx.records;
    },
    get lines() {
      return linesOf?.() ?? 0;
    },
    push(chunk: string): void {
      if (result !== null) return;
      try {
        const text = typeof chunk === 'string' ? chunk : String(chunk);
        if (text.length === 0) return;
        if (format === null) {
          pending.push(text);
          pendingLength += text.length;
          // Re-examine the buffered prefix; cheap because detection stops early.
          const prefix = pendingLength > DETECT_WINDOW * 2 ? pending.join('').slice(0, DETECT_WINDOW * 2) : pending.join('');
          if (pending.length > 1) pending = [pending.join('')];
          const fmt = detect(prefix, pendingLength > DETECT_WINDOW * 2);
          if (fmt !== null) start(fmt);
          return;
        }
        if (reader) reader.push(text);
        else if (firstLine === '') {
          const at = text.search(/\S/);
          if (at >= 0) firstLine = text.slice(at, at + 200).split('\n')[0];
        }
      } catch (e) {
        internal(e);
      }
    },
    finish(): ImportResult {
      if (result !== null) return result;
      try {
        if (format === null) start(detect(pending.join(''), true) ?? 'unknown');
        reader?.finish();
      } catch (e) {
        internal(e);
      }
      const b: ColumnBuilder = ctx.b;
      if (format === 'unknown') {
        if (firstLine.length > 0) {
          ctx.reject(ctx.nextRecord(), 1, 'format not recognised (expected TLE, OMM JSON, OMM CSV, OMM XML or OMM KVN)', firstLine);
        } else {
          ctx.warn(0, 1, 'empty input: no element records');
        }
      }
      result = {
        format: format ?? 'unknown',
        columns: b.finish(),
        accepted: ctx.accepted,
        rejected: ctx.rejected,
        warnings: ctx.warnings,
      };
      return result;
    },
  };
}

/** Parse a whole element-set text. Never throws: bad records are listed in `rejected`. */
export function parseElements(text: string, opts: ParseOptions = {}): ImportResult {
  const p = createElementStreamParser(opts);
  p.push(typeof text === 'string' ? text : String(text));
  return p.finish();
}

export interface StreamParseOptions extends ParseOptions {
  /** Called after each chunk with the bytes (or, for string chunks, UTF-16 units) read so far and the records seen. */
  onProgress?: (bytesRead: number, records: number) => void;
}

/**
 * Parse a byte or text stream (a File/Blob stream, a fetch body, a Node stream) chunk by chunk,
 * decoding UTF-8 incrementally. Never rejects: a read error ends the input with a warning.
 */
export async function parseElementStream(
  source: ByteStreamSource | AsyncIterable<Uint8Array | string>,
  opts: StreamParseOptions = {},
): Promise<ImportResult> {
  const parser = createElementStreamParser(opts);
  const decoder = utf8Decoder();
  let bytes = 0;
  const take = (chunk: Uint8Array | string) => {
    if (typeof chunk === 'string') {
      bytes += chunk.length;
      parser.push(chunk);
    } else {
      bytes += chunk.byteLength;
      parser.push(decoder.decode(chunk, { stream: true }));
    }
    try {
      opts.onProgress?.(bytes, parser.records);
    } catch {
      // A failing progress callback must not stop the import.
    }
  };
  let readError: unknown = null;
  try {
    if (typeof (source as ByteStreamSource).getReader === 'function') {
      const reader = (source as ByteStreamSource).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (value) take(value);
        }
      } finally {
        reader.releaseLock();
      }
    } else {
      for await (const chunk of source as AsyncIterable<Uint8Array | string>) take(chunk);
    }
  } catch (e) {
    readError = e;
  }
  parser.push(decoder.decode());
  const result = parser.finish();
  if (readError !== null) {
    result.warnings.push({
      line: 0,
      record: 0,
      reason:
        `reading the input failed after ${bytes} bytes; records after that point are ` +
        `missing: ${(readError as Error)?.message ?? String(readError)}`,
    });
  }
  return result;
}
