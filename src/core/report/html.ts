/**
 * The HTML renderer of the feasibility report: one self-contained HTML file (inline CSS and SVG
 * charts, no scripts, nothing fetched) drawn from the report model (model.ts), the same model the
 * PDF renderer (pdf.ts) draws. Every text from a file (scenario, shell, station and satellite
 * names) goes through escapeXml: it is text, never markup.
 */
import { buildReportModel, type Block, type ReportInput, type ReportModel } from './model';
import { base64 } from './base64';
import { chartToSvg, escapeXml } from './svgCharts';

export { reportFindings, type ReportInput } from './model';

const esc = escapeXml;

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'p':
      return `<p${b.muted ? ' class="meta"' : ''}>${esc(b.text)}</p>`;
    case 'list':
      return `<ul class="findings">${b.items.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`;
    case 'kv':
      return `<table class="kv${b.mono ? ' mono' : ''}">${b.rows
        .map((r) => `<tr><th>${esc(r.label)}</th><td>${esc(r.value)}</td><td class="note">${esc(r.note ?? '')}</td></tr>`)
        .join('')}</table>`;
    case 'table': {
      const cols = b.head.length;
      const cls = (i: number) => (b.left.includes(i) ? ' class="l"' : '');
      const noteCol = b.className?.includes('design');
      const head = b.className?.includes('design')
        ? ''
        : `<thead><tr>${b.head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead>`;
      const rows = b.rows
        .map((r) =>
          Array.isArray(r)
            ? `<tr>${r.map((c, i) => `<td${noteCol && i === 2 ? ' class="note"' : cls(i)}>${esc(c)}</td>`).join('')}</tr>`
            : `<tr class="group"><th colspan="${cols}">${esc(r.group)}</th></tr>`,
        )
        .join('');
      return `<table class="${b.className ?? 'grid'}">${head}<tbody>${rows}</tbody></table>`;
    }
    case 'h3':
      return `<h3>${esc(b.text)}</h3>`;
    case 'charts':
      return `<div class="charts">${b.charts.map(chartToSvg).join('')}</div>`;
    case 'map':
      return `<figure class="map">${chartToSvg(b.chart)}</figure>`;
    case 'image':
      return (
        `<figure class="map"><img alt="${esc(b.caption)}" width="${b.widthPx}" height="${b.heightPx}" ` +
        `src="data:${b.mime};base64,${base64(b.bytes)}"><figcaption>${esc(b.caption)}</figcaption></figure>`
      );
    case 'code':
      return `<details><summary>${esc(b.summary)}</summary><pre>${esc(b.text)}</pre></details>`;
  }
}

const CSS =
  `
body { font: 13px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #17202b; background: #fff; margin: 0; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 22px; margin: 0 0 2px; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #d5dbe3; padding-bottom: ` +
  `3px; } h3 { font-size: 14px; margin: 16px 0 6px; }
.meta { color: #55606e; margin: 0 0 16px; }
.headline { display: flex; gap: 28px; align-items: flex-end; flex-wrap: wrap; padding: 14px 18px; background: #f3f6fa; border: 1px ` +
  `solid #d5dbe3; border-radius: 6px; }
.headline .big { font-size: 40px; font-weight: 700; color: #0b5394; line-height: 1; }
.headline .big small { font-size: 18px; font-weight: 600; }
.headline .fig { font-size: 16px; font-weight: 600; } .headline .lbl { color: #55606e; font-size: 11px; text-transform: uppercase;
  letter-spacing: .04em; }
.badge { display: inline-block; font-size: 11px; padding: 1px 6px; border-radius: 3px; background: #0b5394; color: #fff;
  vertical-align: middle; margin-left: 6px; }
.badge.warn { background: #b45309; }
ul.findings li { margin: 3px 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.kv th { text-align: left; font-weight: 500; color: #333d4a; width: 34%; padding: 3px 8px 3px 0; vertical-align: top; }
table.kv td { text-align: right; padding: 3px 8px; white-space: nowrap; font-weight: 600; }
td.note { color: #55606e; font-size: 11.5px; text-align: left !important; font-weight: 400 !important; white-space: normal !important; }
table.grid th, table.grid td { padding: 3px 6px; border-bottom: 1px solid #e3e7ec; text-align: right; }
table.grid th { color: #55606e; font-weight: 600; font-size: 12px; } table.grid .l { text-align: left; }
table.design td:first-child { width: 30%; } table.design td:nth-child(2) { width: 16%; white-space: nowrap; }
tr.group th { text-align: left; color: #0b5394; padding-top: 8px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; } .charts svg { border: 1px solid #e3e7ec; border-radius: 4px; }
pre { background: #f3f6fa; border: 1px solid #d5dbe3; padding: 10px; overflow: auto; font-size: 11px; max-height: 480px; }
footer { margin-top: 32px; color: #55606e; font-size: 11.5px; }
nav.toc { margin: 14px 0 0; color: #55606e; font-size: 12px; } nav.toc a { color: #0b5394; text-decoration: none; }
figure.map { margin: 0 0 12px; } figure.map svg, figure.map img { max-width: 100%; height: auto; border: 1px solid #e3e7ec;
  border-radius: 4px; }
figcaption { color: #55606e; font-size: 11.5px; }
table.kv.mono td { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-weight: 400; white-space: normal;
  word-break: break-all; text-align: left; }
@media print { main { padding: 0; } h2 { break-after: avoid; } .charts svg, table { break-inside: avoid; } details { display: none;
  } nav.toc { display: none; } }
`;

/** The report model as one HTML document. */
export function renderReportHtml(m: ReportModel): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.title)}: feasibility report</title>
<meta name="generator" content="${esc(m.generator)}">
<style>${CSS}</style></head>
<body><main>
<h1>${esc(m.title)} <span class="badge${m.warn ? ' warn' : ''}">${esc(m.badge)}</span></h1>
<p class="meta">${esc(m.meta)}</p>
${m.description ? `<p>${esc(m.description)}</p>` : ''}
<div class="headline" data-figure="computeGW" data-value="${m.computeGW}">
${m.headline
  .map((h) =>
    h.big
      ? `  <div><div class="lbl">${esc(h.label)}</div><div ` +
        `class="big">${esc(h.value)}${h.unit ? `<small> ${esc(h.unit)}</small>` : ''}</div></div>`
      : `  <div><div class="lbl">${esc(h.label)}</div><div class="fig">${esc(h.value)}${h.unit ? ` ${esc(h.unit)}` : ''}</div></div>`,
  )
  .join('\n')}
</div>
<nav class="toc"><b>Contents</b> ${m.sections.map((s) => `<a href="#${s.id}">${esc(s.title)}</a>`).join(' · ')}</nav>
${m.sections.map((s) => `<section id="${s.id}"><h2>${esc(s.title)}</h2>\n${s.blocks.map(blockHtml).join('\n')}</section>`).join('\n')}
<footer>${esc(m.footer)}</footer>
</main></body></html>
`;
}

/** The whole report as one HTML document. */
export function buildReportHtml(input: ReportInput): string {
  return renderReportHtml(buildReportModel(input));
}
