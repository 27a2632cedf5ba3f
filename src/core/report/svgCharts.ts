/**
 * The SVG renderer of the report's chart model (chart.ts): a chart as one standalone SVG string
 * (no DOM, no React), for the HTML report. The PDF renderer (pdf.ts) draws the same model.
 * Light colours on white, fonts from the report's CSS; every chart carries its title and axis units.
 */
import {
  type Chart,
  type ChartPrim,
  histogramChart,
  type HistogramChartOptions,
  lineChart,
  type LineChartOptions,
  type LineSeries,
} from './chart';
import type { HistogramData } from './chartMath';

export { REPORT_SERIES, type LineSeries } from './chart';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const n = (v: number) => String(Math.round(v * 100) / 100);

/** The rectangles of a `rects` primitive as one path (M x y h w v h h -w z per rectangle). */
export function rectsPath(xywh: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let k = 0; k + 3 < xywh.length; k += 4)
    parts.push(`M${n(xywh[k])} ${n(xywh[k + 1])}h${n(xywh[k + 2])}v${n(xywh[k + 3])}h${n(-xywh[k + 2])}z`);
  return parts.join('');
}

function primSvg(p: ChartPrim): string {
  switch (p.t) {
    case 'rect':
      return (
        `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" ` +
        `height="${n(p.h)}"${p.fill ? ` fill="${p.fill}"` : ' fill="none"'}` +
        `${p.stroke ? ` stroke="${p.stroke}" stroke-width="${p.strokeWidth ?? 1}"` : ''}` +
        `${p.opacity !== undefined ? ` fill-opacity="${p.opacity}"` : ''}/>`
      );
    case 'rects':
      if (p.xywh.length < 4) return '';
      // bars of a histogram stay separate rects (few, and readable); many (map cells, dots) become one path
      if (p.xywh.length <= 4 * 64) {
        let s = '';
        for (let k = 0; k + 3 < p.xywh.length; k += 4)
          s +=
            `<rect x="${n(p.xywh[k])}" y="${n(p.xywh[k + 1])}" width="${n(p.xywh[k + 2])}" height="${n(p.xywh[k + 3])}" ` +
            `fill="${p.fill}"${p.opacity !== undefined ? ` fill-opacity="${p.opacity}"` : ''}/>`;
        return s;
      }
      return `<path d="${rectsPath(p.xywh)}" fill="${p.fill}"${p.opacity !== undefined ? ` fill-opacity="${p.opacity}"` : ''}/>`;
    case 'line':
      return (
        `<line x1="${n(p.x1)}" x2="${n(p.x2)}" y1="${n(p.y1)}" y2="${n(p.y2)}" ` +
        `stroke="${p.stroke}"${p.width !== undefined ? ` stroke-width="${p.width}"` : ''}` +
        `${p.dash ? ` stroke-dasharray="${p.dash[0]} ${p.dash[1]}"` : ''}/>`
      );
    case 'path': {
      const body =
        `<path d="${p.d}" ` +
        `fill="${p.fill ?? 'none'}"${p.stroke ? ` stroke="${p.stroke}" stroke-width="${p.width ?? 1}"` : ''}` +
        `${p.opacity !== undefined ? ` ${p.fill ? 'fill' : 'stroke'}-opacity="${p.opacity}"` : ''}` +
        `${p.evenOdd ? ' fill-rule="evenodd"' : ''}/>`;
      // a nested <svg> clips to its viewport (no clipPath ids to keep unique across charts)
      const c = p.clip;
      return c
        ? `<svg x="${n(c.x)}" y="${n(c.y)}" width="${n(c.w)}" height="${n(c.h)}" ` +
            `viewBox="${n(c.x)} ${n(c.y)} ${n(c.w)} ${n(c.h)}">${body}</svg>`
        : body;
    }
    case 'text': {
      const anchor = p.anchor && p.anchor !== 'start' ? ` text-anchor="${p.anchor}"` : '';
      const pos = p.rotate ? `transform="translate(${n(p.x)} ${n(p.y)}) rotate(${p.rotate})"` : `x="${n(p.x)}" y="${n(p.y)}"`;
      return (
        `<text ${pos}${anchor} font-size="${p.size}"${p.bold ? ' font-weight="600"' : ''}` + ` fill="${p.fill}">${escapeXml(p.text)}</text>`
      );
    }
  }
}

/** One chart as a standalone SVG element. */
export function chartToSvg(c: Chart): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${c.width}" height="${c.height}" viewBox="0 ` +
    `0 ${c.width} ${c.height}" role="img" aria-label="${escapeXml(c.title)}">` +
    (c.background ? `<rect width="${c.width}" height="${c.height}" fill="${c.background}"/>` : '') +
    c.prims.map(primSvg).join('') +
    `</svg>`
  );
}

/** Bar chart of a histogram, as SVG. */
export function histogramSvg(h: HistogramData, o: HistogramChartOptions): string {
  return chartToSvg(histogramChart(h, o));
}

/** Line chart of one or more series, as SVG. */
export function lineChartSvg(series: LineSeries[], o: LineChartOptions): string {
  return chartToSvg(lineChart(series, o));
}
