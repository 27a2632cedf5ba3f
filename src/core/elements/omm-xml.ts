/**
 * OMM XML (CCSDS NDM/XML, as CelesTrak FORMAT=xml): <ndm><omm>...<metadata>OBJECT_NAME...
 * <data><meanElements>EPOCH...<tleParameters>...</omm>. A tolerant scanner: each <omm> element
 * is one record; inside it, every leaf element whose name is an OMM field gives that field's
 * value. No DOM; namespace prefixes are ignored; entities &amp; &lt; &gt; &quot; &apos; &#N; decoded;
 * comments inside a record and CDATA values are understood (a commented-out <omm> outside a
 * record is not: it would be read as a record).
 */
import type { ImportContext } from './context';
import { OMM_FIELD_COUNT, OMM_INDEX, ommRecordToRow, type OmmRaw } from './omm';

const OPEN = /<(?:[A-Za-z_][\w.-]*:)?omm(?=[\s>/])/g;
const CLOSE = /<\/(?:[A-Za-z_][\w.-]*:)?omm\s*>/g;
const LEAF =
  /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?:\s[^<>]*?)?(?:\/>|>((?:[^<]|<!\[CDATA\[[\s\S]*?\]\]>)*)<\/(?:[A-Za-z_][\w.-]*:)?\1\s*>)/g;
const COMMENT = /<!--[\s\S]*?-->/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

/** Text content of a leaf: entities decoded outside CDATA sections, CDATA taken verbatim. */
function leafText(raw: string): string {
  if (raw.indexOf('<![CDATA[') < 0) return decodeXmlText(raw);
  let out = '';
  let at = 0;
  CDATA.lastIndex = 0;
  for (let m = CDATA.exec(raw); m !== null; m = CDATA.exec(raw)) {
    out += decodeXmlText(raw.slice(at, m.index)) + m[1];
    at = m.index + m[0].length;
  }
  return out + decodeXmlText(raw.slice(at));
}

export function decodeXmlText(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}

export function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function countLines(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (s.charCodeAt(k) === 10) n++;
  return n;
}

export class OmmXmlReader {
  /** Unconsumed text (at most one partial <omm> element plus a short tail). */
  private buf = '';
  /** Line number of buf[0]. */
  private line = 1;
  private inOmm = false;
  private ommLine = 0;
  /** Where to resume looking for '</omm>' (index into buf). */
  private searchFrom = 0;
  private readonly raw: OmmRaw[] = new Array(OMM_FIELD_COUNT);
  constructor(private readonly ctx: ImportContext) {}

  push(chunk: string): void {
    this.buf += chunk;
    this.scan(false);
  }

  finish(): void {
    this.scan(true);
    if (this.inOmm) {
      const rec = this.ctx.nextRecord();
      this.ctx.reject(rec, this.ommLine, 'truncated XML record (<omm> not closed)', this.buf);
      this.inOmm = false;
    }
    this.buf = '';
  }

  private scan(atEnd: boolean): void {
    const buf = this.buf;
    let pos = 0; // start of the unconsumed text; the start of the open <omm> while inOmm
    for (;;) {
      if (!this.inOmm) {
        OPEN.lastIndex = pos;
        const m = OPEN.exec(buf);
        if (!m) {
          // Keep a tail that might hold the start of '<omm' split across chunks.
          const keep = atEnd ? buf.length : Math.max(pos, buf.length - 64);
          this.line += countLines(buf, pos, keep);
          pos = keep;
          break;
        }
        this.line += countLines(buf, pos, m.index);
        pos = m.index;
        this.inOmm = true;
        this.ommLine = this.line;
        this.searchFrom = pos + 4;
      }
      CLOSE.lastIndex = this.searchFrom;
      const c = CLOSE.exec(buf);
      OPEN.lastIndex = this.searchFrom;
      const o = OPEN.exec(buf);
      if (o && (!c || o.index < c.index)) {
        const rec = this.ctx.nextRecord();
        this.ctx.reject(rec, this.ommLine, 'truncated XML record (<omm> not closed before the next <omm>)', buf.slice(pos, o.index));
        this.line += countLines(buf, pos, o.index);
        pos = o.index;
        this.ommLine = this.line;
        this.searchFrom = pos + 4;
        continue;
      }
      if (!c) {
        // Resume the search near the end next time (a closing tag may straddle chunks).
        this.searchFrom = Math.max(this.searchFrom, buf.length - 64);
        break;
      }
      const end = c.index + c[0].length;
      const block = buf.slice(pos, end);
      this.line += countLines(buf, pos, end);
      pos = end;
      this.inOmm = false;
      this.record(block);
    }
    this.buf = pos === 0 ? buf : buf.slice(pos);
    this.searchFrom = Math.max(0, this.searchFrom - pos);
  }

  private record(block: string): void {
    const rec = this.ctx.nextRecord();
    this.raw.fill(undefined);
    LEAF.lastIndex = 0;
    // Skip the <omm ...> tag itself so it is not mistaken for a leaf.
    let body = block.slice(block.indexOf('>') + 1);
    if (body.indexOf('<!--') >= 0) body = body.replace(COMMENT, '');
    for (let m = LEAF.exec(body); m !== null; m = LEAF.exec(body)) {
      const f = OMM_INDEX.get(m[1]);
      if (f !== undefined) this.raw[f] = leafText(m[2] ?? '');
    }
    const bad = ommRecordToRow(this.ctx, this.raw);
    if (bad !== null) this.ctx.reject(rec, this.ommLine, bad, block);
  }
}
