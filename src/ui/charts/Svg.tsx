/**
 * SVG charts: histogram and line chart (optionally with a second y axis). Axes and text use
 * currentColor; series use CSS variables with fallbacks, so a chart reads in dark and light
 * themes and stays legible when copied into a report without the page's styles.
 */
import { useId } from 'react';
import type { HistogramData } from '../../core/report/chartMath';
import { niceTicks } from '../../core/ticks';
import { fmtSig } from '../format';

export const SERIES = ['var(--chart-1, #2f7fd1)', 'var(--chart-2, #c98a12)', 'var(--chart-3, #2f9e44)', 'var(--chart-4, #c2417f)'];
const FONT = 10;

/** Short tick labels: 400000 -> "400k", 1500000 -> "1.5M", 0.25 -> "0.25". */
export function fmtTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${fmtSig(v / 1e6, 3)}M`;
  if (a >= 1e4) return `${fmtSig(v / 1e3, 3)}k`;
  return fmtSig(v, 3);
}

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function frame(width: number, height: number, right = 10): Frame {
  return { width, height, left: 44, right, top: 18, bottom: 28 };
}

function scale(d0: number, d1: number, r0: number, r1: number) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v: number) => r0 + (v - d0) * k;
}

/** Tick labels with enough digits to tell neighbouring ticks apart. */
function tickFormatter(ticks: number[]): (v: number) => string {
  if (ticks.length < 2) return fmtTick;
  const step = Math.abs(ticks[1] - ticks[0]);
  const big = Math.max(...ticks.map(Math.abs));
  if (!(step > 0) || big < 1e4) {
    const sig = step > 0 && big > 0 ? Math.min(8, Math.max(3, Math.ceil(Math.log10(big / step)) + 1)) : 3;
    return (v) => fmtSig(v, sig);
  }
  return fmtTick;
}

function Axes({
  f,
  xTicks,
  yTicks,
  x,
  y,
  xLabel,
  yLabel,
  title,
  xFmt,
}: {
  f: Frame;
  xTicks: number[];
  yTicks: number[];
  x: (v: number) => number;
  y: (v: number) => number;
  xLabel: string;
  yLabel: string;
  title: string;
  xFmt?: (v: number) => string;
}) {
  const xTickFmt = tickFormatter(xTicks);
  return (
    <g fontSize={FONT} fill="currentColor" style={{ fontFamily: 'system-ui, sans-serif' }}>
      <text x={f.left} y={11} fontWeight={600}>
        {title}
      </text>
      {yTicks.map((t) => (
        <g key={`y${t}`}>
          <line x1={f.left} x2={f.width - f.right} y1={y(t)} y2={y(t)} style={{ stroke: 'var(--grid, #8888)' }} strokeWidth={0.6} />
          <text x={f.left - 4} y={y(t) + 3} textAnchor="end">
            {fmtTick(t)}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <g key={`x${t}`}>
          <line x1={x(t)} x2={x(t)} y1={f.height - f.bottom} y2={f.height - f.bottom + 3} stroke="currentColor" />
          <text x={x(t)} y={f.height - f.bottom + 13} textAnchor="middle">
            {(xFmt ?? xTickFmt)(t)}
          </text>
        </g>
      ))}
      <line x1={f.left} x2={f.width - f.right} y1={f.height - f.bottom} y2={f.height - f.bottom} stroke="currentColor" />
      <line x1={f.left} x2={f.left} y1={f.top} y2={f.height - f.bottom} stroke="currentColor" />
      <text x={(f.left + f.width - f.right) / 2} y={f.height - 3} textAnchor="middle" opacity={0.8}>
        {xLabel}
      </text>
      <text transform={`translate(9 ${(f.top + f.height - f.bottom) / 2}) rotate(-90)`} textAnchor="middle" opacity={0.8}>
        {yLabel}
      </text>
    </g>
  );
}

export function HistogramChart({
  data,
  width,
  height,
  title,
  xLabel,
  color = SERIES[0],
  marker,
  note,
}: {
  data: HistogramData;
  width: number;
  height: number;
  title: string;
  xLabel: string;
  color?: string;
  marker?: { value: number; label: string };
  /** A short figure in the title row, right-aligned (e.g. "12 % below 0"); `warn` draws it in the error colour. */
  note?: { text: string; warn: boolean };
}) {
  // The note sits right of the title when both fit on one line (bold text is at most ~0.62 em per
  // character here), else on a line of its own under it, with the plot moved down to make room.
  const noteOwnLine = note !== undefined && (title.length + note.text.length) * FONT * 0.62 + 12 > width - 44 - 10;
  const f = noteOwnLine ? { ...frame(width, height), top: 30 } : frame(width, height);
  const titleId = useId();
  if (data.n === 0)
    return (
      <svg width={width} height={height} role="img" aria-label={`${title}: no data`}>
        <text x={8} y={16} fontSize={FONT} fill="currentColor">
          {title}: no data
        </text>
      </svg>
    );
  const lo = data.edges[0];
  const hi = data.edges[data.edges.length - 1];
  let maxC = 0;
  for (const c of data.counts) maxC = Math.max(maxC, c);
  const x = scale(lo, hi, f.left, width - f.right);
  const y = scale(0, maxC, height - f.bottom, f.top);
  return (
    <svg width={width} height={height} role="img" aria-labelledby={titleId} xmlns="http://www.w3.org/2000/svg" data-chart={title}>
      <title
        id={titleId}
      >{`${title}: ${data.n} satellites, ${fmtSig(data.min)} to ${fmtSig(data.max)} ${xLabel}${note ? `; ${note.text}` : ''}`}</title>
      {note ? (
        <text
          x={width - f.right}
          y={noteOwnLine ? 23 : 11}
          textAnchor="end"
          fontSize={FONT}
          fontWeight={600}
          style={{ fill: note.warn ? 'var(--error, #d33)' : 'currentColor' }}
          data-testid="histogram-note"
        >
          {note.text}
        </text>
      ) : null}
      <Axes
        f={f}
        xTicks={niceTicks(lo, hi, width < 260 ? 3 : 4)}
        yTicks={niceTicks(0, maxC, 3)}
        x={x}
        y={y}
        xLabel={xLabel}
        yLabel="satellites"
        title={title}
      />
      {Array.from(data.counts).map((c, b) =>
        c > 0 ? (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: the bin index is the bar's identity
            key={b}
            x={x(data.edges[b]) + 0.5}
            width={Math.max(1, x(data.edges[b + 1]) - x(data.edges[b]) - 1)}
            y={y(c)}
            height={height - f.bottom - y(c)}
            style={{ fill: color }}
          />
        ) : null,
      )}
      {marker && marker.value >= lo && marker.value <= hi ? (
        <g>
          <line
            x1={x(marker.value)}
            x2={x(marker.value)}
            y1={f.top}
            y2={height - f.bottom}
            style={{ stroke: 'var(--error, #d33)' }}
            strokeDasharray="3 2"
          />
          <text x={x(marker.value) + 3} y={f.top + 8} fontSize={FONT} style={{ fill: 'var(--error, #d33)' }}>
            {marker.label}
          </text>
        </g>
      ) : null}
    </svg>
  );
}

export interface Series {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  /** Plot against the right-hand axis. */
  right?: boolean;
  step?: boolean;
}

export function LineChart({
  series,
  width,
  height,
  title,
  xLabel,
  yLabel,
  yRightLabel,
  yRange,
  yRightRange,
  xTickFormat,
}: {
  series: Series[];
  width: number;
  height: number;
  title: string;
  xLabel: string;
  yLabel: string;
  yRightLabel?: string;
  yRange?: [number, number];
  yRightRange?: [number, number];
  xTickFormat?: (v: number) => string;
}) {
  const hasRight = series.some((s) => s.right);
  const f = frame(width, height, hasRight ? 48 : 10);
  const titleId = useId();
  const ext = (ss: Series[], pick: 'x' | 'y'): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of ss)
      for (let i = 0; i < s[pick].length; i++) {
        const v = s[pick][i];
        if (Number.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    if (!(lo <= hi)) return [0, 1];
    if (hi === lo) {
      const pad = Math.max(Math.abs(lo) * 0.05, 0.5);
      return [lo - pad, hi + pad];
    }
    return [lo, hi];
  };
  const [x0, x1] = ext(series, 'x');
  const [yl0, yl1] =
    yRange ??
    ext(
      series.filter((s) => !s.right),
      'y',
    );
  const [yr0, yr1] =
    yRightRange ??
    ext(
      series.filter((s) => s.right),
      'y',
    );
  const x = scale(x0, x1, f.left, width - f.right);
  const yl = scale(yl0, yl1, height - f.bottom, f.top);
  const yr = scale(yr0, yr1, height - f.bottom, f.top);
  const xt = niceTicks(x0, x1, 5);
  return (
    <svg width={width} height={height} role="img" aria-labelledby={titleId} xmlns="http://www.w3.org/2000/svg" data-chart={title}>
      <title id={titleId}>{title}</title>
      <Axes
        f={f}
        xTicks={xt}
        yTicks={niceTicks(yl0, yl1, 4)}
        x={x}
        y={yl}
        xLabel={xLabel}
        yLabel={yLabel}
        title={title}
        xFmt={xTickFormat}
      />
      {hasRight ? (
        <g fontSize={FONT} fill="currentColor">
          <line x1={width - f.right} x2={width - f.right} y1={f.top} y2={height - f.bottom} stroke="currentColor" />
          {niceTicks(yr0, yr1, 4).map((t) => (
            <text key={t} x={width - f.right + 4} y={yr(t) + 3}>
              {fmtTick(t)}
            </text>
          ))}
          <text transform={`translate(${width - 6} ${(f.top + height - f.bottom) / 2}) rotate(90)`} textAnchor="middle" opacity={0.8}>
            {yRightLabel}
          </text>
        </g>
      ) : null}
      {series.map((s, k) => {
        const yy = s.right ? yr : yl;
        let d = '';
        for (let i = 0; i < s.x.length; i++) {
          const px = x(s.x[i]).toFixed(1);
          const py = yy(s.y[i]).toFixed(1);
          if (!Number.isFinite(s.y[i])) continue;
          if (d === '') d = `M${px},${py}`;
          else if (s.step) d += `H${px}V${py}`;
          else d += `L${px},${py}`;
        }
        return <path key={s.label} d={d} fill="none" style={{ stroke: s.color ?? SERIES[k % SERIES.length] }} strokeWidth={1.6} />;
      })}
      {/* the legend sits in the title row, right-aligned, above the plot (never over a curve) */}
      <g fontSize={FONT} fill="currentColor" data-testid="chart-legend">
        {series.map((s, k) => {
          const w = (t: Series) => 22 + t.label.length * FONT * 0.56;
          let xr = width - f.right;
          for (let j = series.length - 1; j >= k; j--) xr -= w(series[j]);
          return (
            <g key={s.label} transform={`translate(${xr.toFixed(1)} 11)`}>
              <rect width={10} height={3} y={-4} style={{ fill: s.color ?? SERIES[k % SERIES.length] }} />
              <text x={14} y={0}>
                {s.label}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
