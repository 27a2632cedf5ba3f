/**
 * The report's chart model: a chart is a list of drawing primitives (rectangles, lines, SVG-syntax
 * paths, text) in its own coordinate space (y down, units of CSS px at 100 %). The builders here
 * (histograms, line charts) make the model once; two renderers draw it: `chartToSvg` (svg.ts) for
 * the HTML report and `drawChartPdf` (src/engine/report/pdf.ts) for the PDF, so both files show the same chart.
 * Pure: no DOM, no Node.
 */
import type { HistogramData } from './chartMath';
import { niceTicks } from '../ticks';
import { fmtSig } from '../format';

/** Okabe-Ito colours (colour-blind safe), darkened where needed for white paper. */
export const REPORT_SERIES = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7a7a00', '#000000'];

export type TextAnchor = 'start' | 'middle' | 'end';

export type ChartPrim =
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; strokeWidth?: number; opacity?: number }
  /**
   * Many rectangles of one colour (bars, map cells, satellite dots): x, y, w, h per rectangle.
   * Drawn as one path in both renderers.
   */
  | { t: 'rects'; xywh: Float32Array | number[]; fill: string; opacity?: number }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width?: number; dash?: [number, number] }
  /** `d` uses only M, L, H, V and Z with absolute coordinates (both renderers read it). */
  | {
      t: 'path';
      d: string;
      fill?: string;
      stroke?: string;
      width?: number;
      opacity?: number;
      evenOdd?: boolean;
      /** Draw only inside this rectangle. */
      clip?: { x: number; y: number; w: number; h: number };
    }
  | {
      t: 'text';
      x: number;
      /** Baseline. */
      y: number;
      text: string;
      size: number;
      fill: string;
      anchor?: TextAnchor;
      bold?: boolean;
      /** Degrees, clockwise positive on the y-down page as in SVG (-90: a y-axis label reading upwards). */
      rotate?: number;
    };

export interface Chart {
  width: number;
  height: number;
  /** Accessible name (also drawn as the first text primitive). */
  title: string;
  /** Background colour; none = transparent. */
  background?: string;
  prims: ChartPrim[];
}

interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
const MARGINS: Margins = { left: 52, right: 14, top: 24, bottom: 38 };
const INK = '#17202b';
const MUTED = '#44505f';
const GRID = '#e3e7ec';
const AXIS = '#8a94a3';

export function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(0);
  if (a >= 1e3) return `${fmtSig(v / 1e3, 3)}k`;
  return fmtSig(v, 3);
}

const r1 = (v: number) => Math.round(v * 10) / 10;

function frame(
  width: number,
  height: number,
  title: string,
  xLabel: string,
  yLabel: string,
  body: ChartPrim[],
  M: Margins = MARGINS,
): Chart {
  return {
    width,
    height,
    title,
    background: '#fff',
    prims: [
      { t: 'text', x: width / 2, y: 15, text: title, size: 12, bold: true, fill: INK, anchor: 'middle' },
      ...body,
      { t: 'text', x: M.left + (width - M.left - M.right) / 2, y: height - 4, text: xLabel, size: 11, fill: MUTED, anchor: 'middle' },
      { t: 'text', x: 12, y: M.top + (height - M.top - M.bottom) / 2, text: yLabel, size: 11, fill: MUTED, anchor: 'middle', rotate: -90 },
    ],
  };
}

function axes(
  width: number,
  height: number,
  xTicks: number[],
  xs: (v: number) => number,
  yTicks: number[],
  ys: (v: number) => number,
  xFmt: (v: number) => string,
  M: Margins = MARGINS,
): ChartPrim[] {
  const x0 = M.left;
  const x1 = width - M.right;
  const y0 = height - M.bottom;
  const out: ChartPrim[] = [];
  for (const t of yTicks) {
    const y = r1(ys(t));
    out.push({ t: 'line', x1: x0, x2: x1, y1: y, y2: y, stroke: GRID });
    out.push({ t: 'text', x: x0 - 4, y: y + 3, text: tickLabel(t), size: 10, fill: MUTED, anchor: 'end' });
  }
  for (const t of xTicks) {
    const x = r1(xs(t));
    out.push({ t: 'line', x1: x, x2: x, y1: y0, y2: y0 + 4, stroke: AXIS });
    out.push({ t: 'text', x, y: y0 + 15, text: xFmt(t), size: 10, fill: MUTED, anchor: 'middle' });
  }
  out.push({ t: 'line', x1: x0, x2: x1, y1: y0, y2: y0, stroke: AXIS });
  out.push({ t: 'line', x1: x0, x2: x0, y1: M.top, y2: y0, stroke: AXIS });
  return out;
}

const noData = (width: number, height: number): ChartPrim => ({
  t: 'text',
  x: width / 2,
  y: height / 2,
  text: 'no data',
  size: 11,
  fill: MUTED,
  anchor: 'middle',
});

export interface HistogramChartOptions {
  title: string;
  xLabel: string;
  width?: number;
  height?: number;
  color?: string;
  /** A vertical marker (e.g. zero margin). */
  marker?: { value: number; label: string };
}

/** Bar chart of a histogram (counts of satellites per bin). */
export function histogramChart(h: HistogramData, o: HistogramChartOptions): Chart {
  const width = o.width ?? 300;
  const height = o.height ?? 190;
  const M = MARGINS;
  if (h.n === 0) return frame(width, height, o.title, o.xLabel, 'satellites', [noData(width, height)]);
  let lo = h.edges[0];
  let hi = h.edges[h.edges.length - 1];
  if (o.marker && Number.isFinite(o.marker.value)) {
    lo = Math.min(lo, o.marker.value);
    hi = Math.max(hi, o.marker.value);
  }
  let cMax = 0;
  for (const c of h.counts) cMax = Math.max(cMax, c);
  const yTicks = niceTicks(0, cMax, 4);
  const yTop = Math.max(cMax, yTicks[yTicks.length - 1] ?? cMax) || 1;
  const xs = (v: number) => M.left + ((v - lo) / (hi - lo || 1)) * (width - M.left - M.right);
  const ys = (v: number) => height - M.bottom - (v / yTop) * (height - M.top - M.bottom);
  const bars: number[] = [];
  for (let b = 0; b < h.counts.length; b++) {
    if (h.counts[b] === 0) continue;
    const x = xs(h.edges[b]);
    const w = Math.max(1, xs(h.edges[b + 1]) - x - 0.5);
    const y = ys(h.counts[b]);
    bars.push(r1(x), r1(y), r1(w), r1(height - M.bottom - y));
  }
  const body = axes(width, height, niceTicks(lo, hi, 5), xs, yTicks, ys, tickLabel);
  body.push({ t: 'rects', xywh: bars, fill: o.color ?? REPORT_SERIES[0] });
  if (o.marker && Number.isFinite(o.marker.value)) {
    const x = r1(xs(o.marker.value));
    body.push({ t: 'line', x1: x, x2: x, y1: M.top, y2: height - M.bottom, stroke: '#c0392b', dash: [3, 2] });
    body.push({ t: 'text', x: x + 3, y: M.top + 9, text: o.marker.label, size: 10, fill: '#c0392b' });
  }
  if (h.nonFinite > 0)
    body.push({
      t: 'text',
      x: width - M.right,
      y: M.top + 9,
      text: `${h.nonFinite.toLocaleString('en-US')} without a value`,
      size: 9,
      fill: MUTED,
      anchor: 'end',
    });
  return frame(width, height, o.title, o.xLabel, 'satellites', body);
}

export interface LineSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  /** Draw as steps (CDF). */
  step?: boolean;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  yRange?: [number, number];
  xTickFormat?: (v: number) => string;
  /** Explicit x ticks (e.g. months); default: nice ticks. */
  xTicks?: number[];
  /** Logarithmic x axis (values must be > 0). */
  logX?: boolean;
}

/** Line chart of one or more series with a legend (when more than one). */
export function lineChart(series: LineSeries[], o: LineChartOptions): Chart {
  const width = o.width ?? 300;
  const height = o.height ?? 190;
  // several series: the legend goes in a column right of the plot
  const M: Margins = series.length > 1 ? { ...MARGINS, right: 124 } : MARGINS;
  let xLo = Infinity;
  let xHi = -Infinity;
  let yLo = Infinity;
  let yHi = -Infinity;
  const tx = (v: number) => (o.logX ? Math.log10(v) : v);
  for (const s of series) {
    for (let i = 0; i < s.x.length; i++) {
      const x = tx(s.x[i]);
      const y = s.y[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      xLo = Math.min(xLo, x);
      xHi = Math.max(xHi, x);
      yLo = Math.min(yLo, y);
      yHi = Math.max(yHi, y);
    }
  }
  if (!Number.isFinite(xLo)) return frame(width, height, o.title, o.xLabel, o.yLabel, [noData(width, height)], M);
  if (o.yRange) [yLo, yHi] = o.yRange;
  if (xHi === xLo) {
    xLo -= 0.5;
    xHi += 0.5;
  }
  if (yHi === yLo) {
    yLo -= 0.5;
    yHi += 0.5;
  }
  const xs = (v: number) => M.left + ((tx(v) - xLo) / (xHi - xLo)) * (width - M.left - M.right);
  const ys = (v: number) => height - M.bottom - ((v - yLo) / (yHi - yLo)) * (height - M.top - M.bottom);
  let xTicks: number[];
  if (o.xTicks) xTicks = o.xTicks;
  else if (o.logX) {
    xTicks = [];
    for (let e = Math.ceil(xLo); e <= Math.floor(xHi); e++) xTicks.push(10 ** e);
    if (xTicks.length < 2) xTicks = [10 ** xLo, 10 ** xHi];
  } else xTicks = niceTicks(xLo, xHi, 5);
  const body = axes(width, height, xTicks, xs, niceTicks(yLo, yHi, 4), ys, o.xTickFormat ?? tickLabel, M);
  series.forEach((s, k) => {
    let d = '';
    let started = false;
    for (let i = 0; i < s.x.length; i++) {
      if (!Number.isFinite(tx(s.x[i])) || !Number.isFinite(s.y[i])) {
        started = false;
        continue;
      }
      const x = xs(s.x[i]).toFixed(1);
      const y = ys(s.y[i]).toFixed(1);
      if (!started) d += `M${x} ${y}`;
      else if (s.step) d += `H${x}V${y}`;
      else d += `L${x} ${y}`;
      started = true;
    }
    if (d) body.push({ t: 'path', d, stroke: s.color ?? REPORT_SERIES[k % REPORT_SERIES.length], width: 1.6 });
  });
  if (series.length > 1) {
    series.forEach((s, k) => {
      const y = M.top + 6 + k * 13;
      const x = width - M.right + 10;
      body.push({ t: 'rect', x, y: y - 7, w: 9, h: 9, fill: s.color ?? REPORT_SERIES[k % REPORT_SERIES.length] });
      const label = s.label.length > 18 ? `${s.label.slice(0, 17)}…` : s.label;
      body.push({ t: 'text', x: x + 13, y: y + 1, text: label, size: 10, fill: INK });
    });
  }
  return frame(width, height, o.title, o.xLabel, o.yLabel, body, M);
}
