/**
 * The PDF renderer of the feasibility report (PDFKit, docs/REPORT.md says why): the report model
 * (model.ts) laid out on A4 or US Letter pages with embedded, subset DejaVu fonts (selectable,
 * searchable text with a ToUnicode map), the charts and the constellation map drawn as vector
 * paths from the same chart model as the HTML's SVG (chart.ts), a table of contents with page
 * numbers that link to the sections, PDF bookmarks (outline) for every section, and "Page N of M"
 * on every page.
 *
 * Safety: names from files are drawn as glyphs of the embedded font, never as PDF syntax; the
 * contents links and bookmarks are plain destinations (no actions), and nothing here writes
 * JavaScript, launch or URI actions; the share link is printed as text.
 *
 * Pure: fonts come in as bytes (the CLI reads them from the dejavu-fonts-ttf package, the page
 * bundles them as assets); the output is the file's bytes.
 */
import PDFDocument from 'pdfkit';
import type { Chart } from '../../core/report/chart';
import type { Block, ReportModel } from '../../core/report/model';

export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  mono: Uint8Array;
}

export type Paper = 'a4' | 'letter';
/** Page sizes in points (1/72 in): ISO 216 A4 210 x 297 mm; ANSI Letter 8.5 x 11 in. */
export const PAPER_PT: Record<Paper, [number, number]> = { a4: [595.28, 841.89], letter: [612, 792] };

export interface PdfOptions {
  fonts: PdfFonts;
  paper?: Paper;
  /** Creation date written into the document information (default: now). */
  createdAtMs?: number;
}

type Doc = PDFKit.PDFDocument;

const INK = '#17202b';
const MUTED = '#55606e';
const ACCENT = '#0b5394';
const RULE = '#d5dbe3';
const GRID = '#e3e7ec';
const PANEL = '#f3f6fa';

const MARGIN = { top: 48, bottom: 54, left: 48, right: 48 };

/** Draw one chart of the chart model at (x, y), scaled by `s` (chart units -> points). */
export function drawChartPdf(doc: Doc, c: Chart, x: number, y: number, s: number): void {
  doc.save();
  doc.translate(x, y);
  doc.scale(s);
  if (c.background) doc.rect(0, 0, c.width, c.height).fill(c.background);
  for (const p of c.prims) {
    switch (p.t) {
      case 'rect':
        doc.rect(p.x, p.y, p.w, p.h);
        if (p.opacity !== undefined) doc.fillOpacity(p.opacity);
        if (p.fill && p.stroke) doc.lineWidth(p.strokeWidth ?? 1).fillAndStroke(p.fill, p.stroke);
        else if (p.fill) doc.fill(p.fill);
        else if (p.stroke) doc.lineWidth(p.strokeWidth ?? 1).stroke(p.stroke);
        if (p.opacity !== undefined) doc.fillOpacity(1);
        break;
      case 'rects': {
        const a = p.xywh;
        if (a.length < 4) break;
        for (let k = 0; k + 3 < a.length; k += 4) doc.rect(a[k], a[k + 1], a[k + 2], a[k + 3]);
        if (p.opacity !== undefined) doc.fillOpacity(p.opacity);
        doc.fill(p.fill);
        if (p.opacity !== undefined) doc.fillOpacity(1);
        break;
      }
      case 'line':
        doc
          .moveTo(p.x1, p.y1)
          .lineTo(p.x2, p.y2)
          .lineWidth(p.width ?? 1);
        if (p.dash) doc.dash(p.dash[0], { space: p.dash[1] });
        doc.stroke(p.stroke);
        if (p.dash) doc.undash();
        break;
      case 'path':
        if (p.clip) {
          doc.save();
          doc.rect(p.clip.x, p.clip.y, p.clip.w, p.clip.h).clip();
        }
        doc.path(p.d);
        if (p.opacity !== undefined) p.fill ? doc.fillOpacity(p.opacity) : doc.strokeOpacity(p.opacity);
        if (p.fill && p.stroke) doc.lineWidth(p.width ?? 1).fillAndStroke(p.fill, p.stroke, p.evenOdd ? 'even-odd' : undefined);
        else if (p.fill) doc.fill(p.fill, p.evenOdd ? 'even-odd' : undefined);
        else if (p.stroke) doc.lineWidth(p.width ?? 1).stroke(p.stroke);
        if (p.opacity !== undefined) doc.fillOpacity(1).strokeOpacity(1);
        if (p.clip) doc.restore();
        break;
      case 'text': {
        doc.font(p.bold ? 'B' : 'R').fontSize(p.size);
        const w = doc.widthOfString(p.text);
        const dx = p.anchor === 'middle' ? -w / 2 : p.anchor === 'end' ? -w : 0;
        doc.fillColor(p.fill);
        if (p.rotate) {
          doc.save();
          doc.rotate(p.rotate, { origin: [p.x, p.y] });
          doc.text(p.text, p.x + dx, p.y, { lineBreak: false, baseline: 'alphabetic' });
          doc.restore();
        } else doc.text(p.text, p.x + dx, p.y, { lineBreak: false, baseline: 'alphabetic' });
        break;
      }
    }
  }
  doc.restore();
}

interface TocEntry {
  title: string;
  page: number;
  pageRef: unknown;
  top: number;
}

/** The report as PDF bytes. */
export async function renderReportPdf(m: ReportModel, o: PdfOptions): Promise<Uint8Array> {
  const [pw, ph] = PAPER_PT[o.paper ?? 'a4'];
  const doc: Doc = new PDFDocument({
    size: [pw, ph],
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    // no standard font: every glyph comes from the embedded DejaVu fonts
    font: null as unknown as string,
    compress: true,
    pdfVersion: '1.7',
    lang: 'en',
    displayTitle: true,
    info: {
      Title: `${m.title}: feasibility report`,
      Subject: 'Feasibility report of an orbital data-centre constellation',
      Creator: m.generator,
      CreationDate: new Date(o.createdAtMs ?? Date.now()),
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const ended = new Promise<void>((res) => doc.on('end', () => res()));
  doc.registerFont('R', o.fonts.regular as unknown as Buffer);
  doc.registerFont('B', o.fonts.bold as unknown as Buffer);
  doc.registerFont('M', o.fonts.mono as unknown as Buffer);

  const left = MARGIN.left;
  const cw = pw - MARGIN.left - MARGIN.right;
  const bottom = ph - MARGIN.bottom;
  let y = MARGIN.top;
  const pageCount = () => doc.bufferedPageRange().count;
  const newPage = () => {
    doc.addPage();
    y = MARGIN.top;
  };
  const need = (h: number) => {
    if (y + h > bottom && y > MARGIN.top + 1) newPage();
  };
  /** Flowing text at the cursor; pdfkit continues it on new pages when it is longer than the rest of the page. */
  const para = (
    text: string,
    font: 'R' | 'B' | 'M',
    size: number,
    color: string,
    opts: { x?: number; width?: number; gap?: number } = {},
  ) => {
    const width = opts.width ?? cw;
    doc.font(font).fontSize(size);
    const h = doc.heightOfString(text, { width, lineGap: 1.2 });
    need(Math.min(h, size * 3.2));
    doc.fillColor(color).text(text, opts.x ?? left, y, { width, lineGap: 1.2 });
    y = doc.y + (opts.gap ?? 4);
  };

  newPage();
  // title block
  doc.font('B').fontSize(18).fillColor(INK).text(m.title, left, y, { width: cw });
  y = doc.y + 3;
  doc.font('B').fontSize(7.5);
  const bw = doc.widthOfString(m.badge) + 10;
  doc.roundedRect(left, y, bw, 12, 2).fill(m.warn ? '#b45309' : ACCENT);
  doc.fillColor('#fff').text(m.badge, left + 5, y + 2.6, { lineBreak: false });
  y += 17;
  para(m.meta, 'R', 7.5, MUTED, { gap: 4 });
  if (m.description) para(m.description, 'R', 9, INK, { gap: 6 });
  // headline figures: the big one on the left, the others in three columns
  {
    const others = m.headline.filter((h) => !h.big);
    const big = m.headline.find((h) => h.big);
    const rows = Math.ceil(others.length / 3);
    const boxH = Math.max(62, 14 + rows * 26);
    need(boxH + 10);
    doc.roundedRect(left, y, cw, boxH, 4).lineWidth(0.6).fillAndStroke(PANEL, RULE);
    const bigW = cw * 0.34;
    if (big) {
      doc
        .font('R')
        .fontSize(6.5)
        .fillColor(MUTED)
        .text(big.label.toUpperCase(), left + 12, y + 11, { lineBreak: false, characterSpacing: 0.3 });
      doc
        .font('B')
        .fontSize(26)
        .fillColor(ACCENT)
        .text(big.value, left + 12, y + 22, { lineBreak: false, continued: false });
      const vw = doc.widthOfString(big.value);
      if (big.unit)
        doc
          .font('B')
          .fontSize(12)
          .text(` ${big.unit}`, left + 12 + vw, y + 33, { lineBreak: false });
    }
    const colW = (cw - bigW - 12) / 3;
    others.forEach((h, k) => {
      const x = left + bigW + (k % 3) * colW;
      const yy = y + 10 + Math.floor(k / 3) * 26;
      doc.font('R').fontSize(6.5).fillColor(MUTED).text(h.label.toUpperCase(), x, yy, { lineBreak: false, characterSpacing: 0.3 });
      doc
        .font('B')
        .fontSize(10)
        .fillColor(INK)
        .text(`${h.value}${h.unit ? ` ${h.unit}` : ''}`, x, yy + 9, { width: colW - 6, lineBreak: false, ellipsis: true });
    });
    y += boxH + 12;
  }
  // table of contents: its place is reserved now, written once the section pages are known
  const tocLine = 12.5;
  const tocTop = y;
  const tocHeight = 20 + m.sections.length * tocLine;
  need(tocHeight);
  const tocPage = pageCount() - 1;
  const tocY = y;
  y += tocHeight + 8;
  void tocTop;

  const toc: TocEntry[] = [];
  for (const s of m.sections) {
    // sections start on a new page when less than a quarter page is left (the appendix always does)
    if (s.id === 'scenario') newPage();
    else need(Math.max(90, 34 + firstHeight(s.blocks[0])));
    toc.push({ title: s.title, page: pageCount() - 1, pageRef: doc.page.dictionary, top: y });
    doc.outline.addItem(s.title);
    doc.font('B').fontSize(13).fillColor(INK).text(s.title, left, y, { width: cw });
    y = doc.y + 2;
    doc
      .moveTo(left, y)
      .lineTo(left + cw, y)
      .lineWidth(0.6)
      .stroke(RULE);
    y += 7;
    for (const b of s.blocks) drawBlock(b);
    y += 8;
  }

  /** Height the first block needs below its section title (so a title never ends a page alone). */
  function firstHeight(b: Block | undefined): number {
    if (!b) return 0;
    if (b.kind === 'map') return (b.chart.height * cw) / b.chart.width + 8;
    if (b.kind === 'image') return Math.min((cw * b.heightPx) / Math.max(1, b.widthPx), (bottom - MARGIN.top) * 0.55) + 30;
    if (b.kind === 'charts' && b.charts[0]) {
      const c = b.charts[0];
      return c.height * (c.width > 400 ? cw / c.width : (cw - 10) / 2 / c.width) + 8;
    }
    return 60;
  }

  function drawBlock(b: Block): void {
    switch (b.kind) {
      case 'p':
        para(b.text, 'R', b.muted ? 8 : 9, b.muted ? MUTED : INK, { gap: 6 });
        return;
      case 'h3':
        need(40);
        y += 4;
        para(b.text, 'B', 10.5, INK, { gap: 3 });
        return;
      case 'list':
        for (const item of b.items) {
          doc.font('R').fontSize(9);
          const h = doc.heightOfString(item, { width: cw - 12, lineGap: 1.2 });
          need(h + 3);
          doc.fillColor(ACCENT).text('•', left + 2, y, { lineBreak: false });
          doc.fillColor(INK).text(item, left + 12, y, { width: cw - 12, lineGap: 1.2 });
          y = doc.y + 3;
        }
        y += 3;
        return;
      case 'kv': {
        const font = b.mono ? 'M' : 'R';
        const wl = cw * (b.mono ? 0.2 : 0.34);
        // monospaced rows (reproducibility): the note goes under the value, so a long value reads as one block
        const wv = b.mono ? cw - wl : cw * 0.28;
        const wn = b.mono ? wv : cw - wl - wv;
        // monospaced values (hashes, links) are cut into lines of whole characters, never after a '-':
        // text extraction joins a line ending in '-' to the next one without it
        const monoLines = (v: string) => {
          doc.font('M').fontSize(7.5);
          const per = Math.max(8, Math.floor((wv - 8) / doc.widthOfString('0')) - 1);
          const out: string[] = [];
          for (const word of v.split(' ')) {
            let rest = word;
            while (rest.length > per) {
              let k = per;
              while (k > 1 && rest[k - 1] === '-') k--;
              out.push(rest.slice(0, k));
              rest = rest.slice(k);
            }
            if (out.length && out[out.length - 1].length + 1 + rest.length <= per && !out[out.length - 1].endsWith('-'))
              out[out.length - 1] += ` ${rest}`;
            else out.push(rest);
          }
          return out.join('\n');
        };
        for (const row of b.rows) {
          const r = b.mono ? { ...row, value: monoLines(row.value) } : row;
          doc.font('R').fontSize(8.5);
          const hl = doc.heightOfString(r.label, { width: wl - 6 });
          doc.font(b.mono ? 'M' : 'B').fontSize(b.mono ? 7.5 : 8.5);
          const hv = doc.heightOfString(r.value, { width: wv - 8, align: b.mono ? 'left' : 'right' });
          doc.font('R').fontSize(7.5);
          const hn = r.note ? doc.heightOfString(r.note, { width: wn - 8 }) : 0;
          const h = (b.mono ? Math.max(hl, hv + (hn ? hn + 2 : 0)) : Math.max(hl, hv, hn)) + 5;
          need(h);
          doc
            .font('R')
            .fontSize(8.5)
            .fillColor('#333d4a')
            .text(r.label, left, y + 2, { width: wl - 6 });
          doc
            .font(b.mono ? font : 'B')
            .fontSize(b.mono ? 7.5 : 8.5)
            .fillColor(INK)
            .text(r.value, left + wl, y + 2, { width: wv - 8, align: b.mono ? 'left' : 'right' });
          if (r.note)
            doc
              .font('R')
              .fontSize(7.5)
              .fillColor(MUTED)
              .text(r.note, b.mono ? left + wl : left + wl + wv, b.mono ? y + 4 + hv : y + 2.6, { width: wn - 8 });
          y += h;
          doc
            .moveTo(left, y)
            .lineTo(left + cw, y)
            .lineWidth(0.4)
            .stroke(GRID);
        }
        y += 6;
        return;
      }
      case 'table': {
        const rel = b.widths ?? b.head.map(() => 1);
        const sum = rel.reduce((a, v) => a + v, 0);
        const ws = rel.map((v) => (v / sum) * cw);
        const xs: number[] = [];
        ws.reduce((x, w) => (xs.push(x), x + w), left);
        const fs = b.head.length > 6 ? 7 : 8;
        const design = b.className?.includes('design');
        const header = () => {
          if (design) return;
          doc.font('B').fontSize(fs).fillColor(MUTED);
          let hh = 0;
          b.head.forEach((h, i) => {
            hh = Math.max(hh, doc.heightOfString(h, { width: ws[i] - 6 }));
          });
          b.head.forEach((h, i) => {
            doc.text(h, xs[i] + 3, y + 2, { width: ws[i] - 6, align: b.left.includes(i) ? 'left' : 'right' });
          });
          y += hh + 5;
          doc
            .moveTo(left, y)
            .lineTo(left + cw, y)
            .lineWidth(0.6)
            .stroke(RULE);
        };
        need(40);
        header();
        for (const r of b.rows) {
          if (!Array.isArray(r)) {
            need(30);
            y += 3;
            doc
              .font('B')
              .fontSize(fs + 0.5)
              .fillColor(ACCENT)
              .text(r.group, left + 3, y + 2, { width: cw - 6 });
            y = doc.y + 2;
            continue;
          }
          let h = 0;
          r.forEach((c, i) => {
            doc.font('R').fontSize(design && i === 2 ? fs - 0.8 : fs);
            h = Math.max(h, doc.heightOfString(c, { width: ws[i] - 6 }));
          });
          h += 4;
          if (y + h > bottom) {
            newPage();
            header();
          }
          r.forEach((c, i) => {
            const note = design && i === 2;
            doc
              .font('R')
              .fontSize(note ? fs - 0.8 : fs)
              .fillColor(note ? MUTED : INK)
              .text(c, xs[i] + 3, y + 2, { width: ws[i] - 6, align: b.left.includes(i) ? 'left' : 'right' });
          });
          y += h;
          doc
            .moveTo(left, y)
            .lineTo(left + cw, y)
            .lineWidth(0.4)
            .stroke(GRID);
        }
        y += 8;
        return;
      }
      case 'charts': {
        // narrow charts two to a row, wide ones across the page
        const gap = 10;
        let row: Chart[] = [];
        const flush = () => {
          if (!row.length) return;
          const s = row.length === 1 && row[0].width > 400 ? cw / row[0].width : (cw - gap) / 2 / row[0].width;
          const h = Math.max(...row.map((c) => c.height)) * s;
          need(h + 8);
          row.forEach((c, k) => {
            const x = left + k * ((cw - gap) / 2 + gap);
            drawChartPdf(doc, c, x, y, s);
            doc
              .rect(x, y, c.width * s, c.height * s)
              .lineWidth(0.5)
              .stroke(GRID);
          });
          y += h + 8;
          row = [];
        };
        for (const c of b.charts) {
          if (c.width > 400) {
            flush();
            row = [c];
            flush();
          } else {
            row.push(c);
            if (row.length === 2) flush();
          }
        }
        flush();
        return;
      }
      case 'map': {
        const s = cw / b.chart.width;
        need(b.chart.height * s + 8);
        drawChartPdf(doc, b.chart, left, y, s);
        y += b.chart.height * s + 8;
        return;
      }
      case 'image': {
        let w = cw;
        let h = (cw * b.heightPx) / Math.max(1, b.widthPx);
        const maxH = (bottom - MARGIN.top) * 0.55;
        if (h > maxH) {
          w *= maxH / h;
          h = maxH;
        }
        need(h + 30);
        doc.image(b.bytes as unknown as Buffer, left + (cw - w) / 2, y, { width: w, height: h });
        doc
          .rect(left + (cw - w) / 2, y, w, h)
          .lineWidth(0.5)
          .stroke(GRID);
        y += h + 4;
        para(b.caption, 'R', 7.5, MUTED, { gap: 8 });
        return;
      }
      case 'code':
        para(b.summary, 'R', 8, MUTED, { gap: 5 });
        para(b.text, 'M', 6.3, INK, { gap: 6 });
        return;
    }
  }

  // contents, with the page numbers now known; each line links to its section (a destination, no action)
  doc.switchToPage(tocPage);
  {
    let ty = tocY;
    doc.font('B').fontSize(11).fillColor(INK).text('Contents', left, ty, { lineBreak: false });
    ty += 18;
    for (const e of toc) {
      const num = String(e.page + 1);
      doc.font('R').fontSize(9);
      const nw = doc.widthOfString(num);
      const tw = doc.widthOfString(e.title);
      doc.fillColor(ACCENT).text(e.title, left + 4, ty, { lineBreak: false });
      doc.fillColor(INK).text(num, left + cw - nw, ty, { lineBreak: false });
      // dot leader
      const dotsFrom = left + 4 + tw + 6;
      const dotsTo = left + cw - nw - 6;
      if (dotsTo > dotsFrom) {
        doc
          .moveTo(dotsFrom, ty + 8)
          .lineTo(dotsTo, ty + 8)
          .lineWidth(0.6)
          .dash(0.6, { space: 2.4 })
          .stroke('#9aa4b1');
        doc.undash();
      }
      doc.annotate(left, ty - 1, cw, tocLine, { Subtype: 'Link', Dest: [e.pageRef, 'XYZ', null, ph - e.top + 4, null] } as never);
      ty += tocLine;
    }
  }
  // footers: "Page N of M" on every page
  const total = pageCount();
  for (let i = 0; i < total; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    const fy = ph - MARGIN.bottom + 22;
    doc
      .moveTo(left, fy - 6)
      .lineTo(left + cw, fy - 6)
      .lineWidth(0.4)
      .stroke(RULE);
    const pg = `Page ${i + 1} of ${total}`;
    doc.font('R').fontSize(7.5).fillColor(MUTED);
    const pgw = doc.widthOfString(pg);
    doc.text(`${m.title}: feasibility report`, left, fy, { width: cw - pgw - 20, lineBreak: false, ellipsis: true, height: 10 });
    doc.text(pg, left + cw - pgw, fy, { lineBreak: false });
  }
  doc.end();
  await ended;
  let size = 0;
  for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
