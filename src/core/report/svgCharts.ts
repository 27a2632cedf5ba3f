/**
 * Standalone SVG charts as strings (no DOM, no React): histograms and line charts for the
 * feasibility report, so the page and the command-line planner write the same file. Light
 * colours on white, fonts from the report's CSS; every chart carries its title and axis units.
 */
import type { HistogramData } from './chartMath';
import { niceTicks } from './chartMath';
import { fmtSig } from '../format';

/** Okabe-Ito colours (colour-blind safe), darkened where needed for white paper. */
export const REPORT_SERIES = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7a7a00', '#000000'];

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
const MARGINS: Margins = { left: 52, right: 14, top: 24, bottom: 38 };

function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(0);
  if (a >= 1e3) return `${fmtSig(v / 1e3, 3)}k`;
  return fmtSig(v, 3);
}

function frame(width: number, height: number, title: string, xLabel: string, yLabel: string, body: string, M: Margins = MARGINS): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">` +
    `<rect width="${width}" height="${height}" fill="#fff"/>` +
    `<text x="${width / 2}" y="15" text-anchor="middle" font-size="12" font-weight="600" fill="#17202b">${escapeXml(title)}</text>` +
    body +
    `<text x="${M.left + (width - M.left - M.right) / 2}" y="${height - 4}" text-anchor="middle" font-size="11" fill="#44505f">${escapeXml(xLabel)}</text>` +
    `<text transform="translate(12 ${M.top + (height - M.top - M.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="11" fill="#44505f">${escapeXml(yLabel)}</text>` +
    `</svg>`
  );
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
): string {
  const x0 = M.left;
  const x1 = width - M.right;
  const y0 = height - M.bottom;
  let out = `<g font-size="10" fill="#44505f" stroke="none">`;
  for (const t of yTicks) {
    const y = ys(t).toFixed(1);
    out += `<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" stroke="#e3e7ec"/><text x="${x0 - 4}" y="${y}" dy="3" text-anchor="end">${escapeXml(tickLabel(t))}</text>`;
  }
  for (const t of xTicks) {
    const x = xs(t).toFixed(1);
    out += `<line x1="${x}" x2="${x}" y1="${y0}" y2="${y0 + 4}" stroke="#8a94a3"/><text x="${x}" y="${y0 + 15}" text-anchor="middle">${escapeXml(xFmt(t))}</text>`;
  }
  out += `<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}" stroke="#8a94a3"/><line x1="${x0}" x2="${x0}" y1="${M.top}" y2="${y0}" stroke="#8a94a3"/></g>`;
  return out;
}

export interface HistogramSvgOptions {
  title: string;
  xLabel: string;
  width?: number;
  height?: number;
  color?: string;
  /** A vertical marker (e.g. zero margin). */
  marker?: { value: number; label: string };
}

/** Bar chart of a histogram (counts of satellites per bin). */
export function histogramSvg(h: HistogramData, o: HistogramSvgOptions): string {
  const width = o.width ?? 300;
  const height = o.height ?? 190;
  const M = MARGINS;
  if (h.n === 0)
    return frame(
      width,
      height,
      o.title,
      o.xLabel,
      'satellites',
      `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-size="11" fill="#44505f">no data</text>`,
    );
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
  let bars = '';
  for (let b = 0; b < h.counts.length; b++) {
    if (h.counts[b] === 0) continue;
    const x = xs(h.edges[b]);
    const w = Math.max(1, xs(h.edges[b + 1]) - x - 0.5);
    const y = ys(h.counts[b]);
    bars += `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${(height - M.bottom - y).toFixed(1)}" fill="${o.color ?? REPORT_SERIES[0]}"/>`;
  }
  let marker = '';
  if (o.marker && Number.isFinite(o.marker.value)) {
    const x = xs(o.marker.value).toFixed(1);
    marker = `<line x1="${x}" x2="${x}" y1="${M.top}" y2="${height - M.bottom}" stroke="#c0392b" stroke-dasharray="3 2"/><text x="${x}" y="${M.top + 9}" dx="3" font-size="10" fill="#c0392b">${escapeXml(o.marker.label)}</text>`;
  }
  const note =
    h.nonFinite > 0
      ? `<text x="${width - M.right}" y="${M.top + 9}" text-anchor="end" font-size="9" fill="#44505f">${escapeXml(`${h.nonFinite.toLocaleString('en-US')} without a value`)}</text>`
      : '';
  return frame(
    width,
    height,
    o.title,
    o.xLabel,
    'satellites',
    axes(width, height, niceTicks(lo, hi, 5), xs, yTicks, ys, tickLabel) + bars + marker + note,
  );
}

export interface LineSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  /** Draw as steps (CDF). */
  step?: boolean;
}

export interface LineSvgOptions {
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
export function lineChartSvg(series: LineSeries[], o: LineSvgOptions): string {
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
  if (!Number.isFinite(xLo))
    return frame(
      width,
      height,
      o.title,
      o.xLabel,
      o.yLabel,
      `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-size="11" fill="#44505f">no data</text>`,
      M,
    );
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
  let paths = '';
  series.forEach((s, k) => {
    let d = '';
    let prevY: number | null = null;
    for (let i = 0; i < s.x.length; i++) {
      if (!Number.isFinite(tx(s.x[i])) || !Number.isFinite(s.y[i])) {
        prevY = null;
        continue;
      }
      const x = xs(s.x[i]).toFixed(1);
      const y = ys(s.y[i]).toFixed(1);
      if (prevY === null) d += `M${x} ${y}`;
      else if (s.step) d += `H${x}V${y}`;
      else d += `L${x} ${y}`;
      prevY = s.y[i];
    }
    paths += `<path d="${d}" fill="none" stroke="${s.color ?? REPORT_SERIES[k % REPORT_SERIES.length]}" stroke-width="1.6"/>`;
  });
  let legend = '';
  if (series.length > 1) {
    series.forEach((s, k) => {
      const y = M.top + 6 + k * 13;
      const x = width - M.right + 10;
      legend += `<rect x="${x}" y="${y - 7}" width="9" height="9" fill="${s.color ?? REPORT_SERIES[k % REPORT_SERIES.length]}"/><text x="${x + 13}" y="${y + 1}" font-size="10" fill="#17202b">${escapeXml(s.label.length > 18 ? `${s.label.slice(0, 17)}…` : s.label)}</text>`;
    });
  }
  return frame(
    width,
    height,
    o.title,
    o.xLabel,
    o.yLabel,
    axes(width, height, xTicks, xs, niceTicks(yLo, yHi, 4), ys, o.xTickFormat ?? tickLabel, M) + paths + legend,
    M,
  );
}
