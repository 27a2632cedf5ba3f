/**
 * Incremental reader for OMM JSON as CelesTrak serves it: an array of flat objects (a single
 * object, or objects one after another as in NDJSON, are accepted too). A small scanner finds each object's extent (tracking strings and
 * nesting) across chunk boundaries; each object's text is then parsed on its own, so a broken
 * record is rejected with its line while the others load.
 */
import type { ImportContext } from './context';
import { OMM_FIELD_COUNT, OMM_FIELDS, ommRecordToRow, type OmmRaw } from './omm';

enum S {
  /** Before the top-level '[' or '{'. */
  Start,
  /** Inside the array, between elements. */
  Between,
  /** Inside an element (object or other value). */
  Element,
  /** After the closing ']' (or the single top-level object). */
  Done,
}

export class OmmJsonReader {
  private state = S.Start;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Text of the element being scanned, in pieces (elements may straddle chunks). */
  private parts: string[] = [];
  private elementLine = 0;
  private elementIsObject = false;
  private singleObject = false;
  private trailingWarned = false;
  private readonly raw: OmmRaw[] = new Array(OMM_FIELD_COUNT);

  constructor(private readonly ctx: ImportContext) {}

  push(chunk: string): void {
    let k = 0;
    const n = chunk.length;
    while (k < n) {
      const c = chunk.charCodeAt(k);
      if (this.state === S.Element) {
        // Scan to the end of the element or of the chunk.
        const start = k;
        let end = -1;
        for (; k < n; k++) {
          const d = chunk.charCodeAt(k);
          if (d === 10) this.line++;
          if (this.inString) {
            if (this.escape) this.escape = false;
            else if (d === 92) this.escape = true;
            else if (d === 34) this.inString = false;
            continue;
          }
          if (d === 34) this.inString = true;
          else if (d === 123 || d === 91) this.depth++;
          else if (d === 125 || d === 93) {
            if (this.depth === 0) {
              // ']' closing the array right after a non-object element.
              end = k;
              break;
            }
            this.depth--;
            if (this.depth === 0 && this.elementIsObject) {
              end = k + 1;
              k++;
              break;
            }
          } else if (d === 44 && this.depth === 0) {
            end = k;
            break;
          }
        }
        if (end < 0) {
          this.parts.push(chunk.slice(start));
          return;
        }
        this.parts.push(chunk.slice(start, end));
        this.completeElement();
        continue;
      }
      if (c === 10) this.line++;
      k++;
      if (c === 32 || c === 9 || c === 13 || c === 10 || c === 0xfeff) continue;
      if (this.state === S.Start) {
        if (c === 91) this.state = S.Between;
        else if (c === 123) {
          this.singleObject = true;
          this.beginElement(true, '{');
        } else {
          this.state = S.Done;
          this.ctx.reject(this.ctx.nextRecord(), this.line, `not OMM JSON: expected '[' or '{', found '${String.fromCharCode(c)}'`);
        }
      } else if (this.state === S.Between) {
        if (c === 44) continue;
        if (c === 93) this.state = S.Done;
        else this.beginElement(c === 123, String.fromCharCode(c));
      } else if (this.state === S.Done && !this.trailingWarned) {
        this.trailingWarned = true;
        this.ctx.warn(0, this.line, 'text after the end of the JSON data ignored');
      }
    }
  }

  finish(): void {
    if (this.state === S.Element) {
      const rec = this.ctx.nextRecord();
      this.ctx.reject(rec, this.elementLine, 'truncated JSON record (input ended inside it)', this.parts.join(''));
      this.parts = [];
    } else if (this.state === S.Between && !this.singleObject) {
      this.ctx.warn(0, this.line, "JSON array not closed (missing ']')");
    } else if (this.state === S.Start) {
      this.ctx.warn(0, this.line, 'empty JSON input');
    }
    this.state = S.Done;
  }

  private beginElement(isObject: boolean, first: string): void {
    this.state = S.Element;
    this.elementIsObject = isObject;
    this.elementLine = this.line;
    this.parts = [first];
    this.depth = isObject ? 1 : first === '[' ? 1 : 0;
    this.inString = first === '"';
    this.escape = false;
  }

  private completeElement(): void {
    const text = this.parts.join('');
    this.parts = [];
    // After a top-level object, further objects (NDJSON, one object per line) are records too.
    this.state = S.Between;
    const rec = this.ctx.nextRecord();
    if (!this.elementIsObject) {
      this.ctx.reject(rec, this.elementLine, 'JSON array element is not an object', text);
      return;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      this.ctx.reject(rec, this.elementLine, `JSON syntax error: ${(e as Error).message}`, text);
      return;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      this.ctx.reject(rec, this.elementLine, 'JSON array element is not an object', text);
      return;
    }
    const o = obj as Record<string, OmmRaw>;
    for (let f = 0; f < OMM_FIELD_COUNT; f++) {
      this.raw[f] = Object.hasOwn(o, OMM_FIELDS[f]) ? o[OMM_FIELDS[f]] : undefined;
    }
    const bad = ommRecordToRow(this.ctx, this.raw);
    if (bad !== null) this.ctx.reject(rec, this.elementLine, bad, text);
  }
}
