/**
 * Colour modes of the satellite points, their legends (title, unit, range, ticks) and the
 * per-satellite colour fill. Pure: no three, no DOM. The fill runs once per mode/metric change,
 * never per frame.
 */
import { niceTicks } from '../core/ticks';
import { buildLut, CATEGORICAL, DIVERGING, NO_DATA_RGB, SUNLIT_RGB, ECLIPSE_RGB, type ContinuousMapName, type Rgb } from './colormaps';

export type ColourMode = 'shell' | 'sunlit' | 'power' | 'powerMargin' | 'thermalMargin' | 'radiatorTemp' | 'latency';

/**
 * Per-satellite metric columns (index = satellite id), named as src/core/analysis
 * `PerSatelliteMetrics` names them, so its result can be passed as is (fleet-wide, start 0).
 * Every column is optional: a mode whose column is missing draws all satellites as "no data".
 */
export interface ViewerMetrics {
  /** Orbit-average usable electrical power, W. */
  usablePowerW?: Float64Array;
  /** Power margin: usable power minus the load, W (negative = short). */
  powerMarginW?: Float64Array;
  /** Thermal margin: heat the radiator can reject minus the heat to reject, W (negative = over). */
  thermalMarginW?: Float64Array;
  /** Radiator equilibrium temperature, degC. */
  radiatorTempC?: Float64Array;
  /** Steady-state radiator temperature in eclipse and at orbit noon, degC (inspector). */
  radiatorTempEclipseC?: Float64Array;
  radiatorTempSunC?: Float64Array;
  /** One-way latency to the ground, ms. */
  latencyMs?: Float64Array;
  /** Feasibility beyond power and heat (core/analysis/feasibility.ts), inspector only. */
  radiationDoseKradPerYear?: Float64Array;
  dragDeltaVMPerSPerYear?: Float64Array;
  decayYears?: Float64Array;
  /** REASON bits: 1 power, 2 thermal, 4 radiation, 8 separation. */
  infeasibleReasons?: Uint8Array;
}
export type MetricKey = keyof ViewerMetrics;

export interface ModeInfo {
  label: string;
  /** Metric column the mode reads (none for shell and sunlit). */
  metric: MetricKey | null;
  /** Display unit and the factor from the column's unit to it. */
  unit: string;
  scale: number;
  offset: number;
  map: ContinuousMapName | null;
  /** Keyboard shortcut. */
  key: string;
}

export const COLOUR_MODES: Record<ColourMode, ModeInfo> = {
  shell: { label: 'Shell', metric: null, unit: '', scale: 1, offset: 0, map: null, key: '1' },
  sunlit: { label: 'Sunlit now', metric: null, unit: '', scale: 1, offset: 0, map: null, key: '2' },
  power: { label: 'Orbit-average power', metric: 'usablePowerW', unit: 'kW', scale: 1e-3, offset: 0, map: 'viridis', key: '3' },
  // signed margins: a diverging map centred on zero, so the satellites short of power or heat rejection stand out in red
  powerMargin: { label: 'Power margin', metric: 'powerMarginW', unit: 'kW', scale: 1e-3, offset: 0, map: 'rdbu', key: '4' },
  thermalMargin: { label: 'Thermal margin', metric: 'thermalMarginW', unit: 'kW', scale: 1e-3, offset: 0, map: 'rdbu', key: '5' },
  radiatorTemp: { label: 'Radiator temperature', metric: 'radiatorTempC', unit: '°C', scale: 1, offset: 0, map: 'viridis', key: '6' },
  latency: { label: 'Latency to ground', metric: 'latencyMs', unit: 'ms', scale: 1, offset: 0, map: 'cividis', key: '7' },
};
export const COLOUR_MODE_ORDER: ColourMode[] = ['shell', 'sunlit', 'power', 'powerMargin', 'thermalMargin', 'radiatorTemp', 'latency'];

export interface ValueRange {
  min: number;
  max: number;
  /** Number of finite values seen. */
  finite: number;
}

/** Min and max of the finite values in `values` (NaN and infinities skipped). */
export function valueRange(values: ArrayLike<number>): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN or +-Infinity
    finite++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return finite === 0 ? { min: Number.NaN, max: Number.NaN, finite } : { min, max, finite };
}

export type Legend =
  | { kind: 'categorical'; title: string; items: Array<{ label: string; colour: Rgb }> }
  | {
      kind: 'continuous';
      title: string;
      unit: string;
      map: ContinuousMapName;
      /** Range in display units (NaN when no satellite has a value). */
      min: number;
      max: number;
      ticks: number[];
      /** Satellites without a value. */
      missing: number;
      /** Diverging maps: the range is symmetric about zero, which sits at the middle of the bar. */
      centredOnZero: boolean;
      /** Satellites with a value below zero (diverging maps), else 0. */
      belowZero: number;
    };

export interface LegendInput {
  shellNames: string[];
  count: number;
  metrics?: ViewerMetrics;
}

const toLinear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toSrgb = (c: number): number => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
/** What the point shader draws for a satellite with half the Sun's disc hidden (a linear-light mix). */
const PENUMBRA_RGB: Rgb = [0, 1, 2].map((k) => toSrgb(0.5 * toLinear(SUNLIT_RGB[k]) + 0.5 * toLinear(ECLIPSE_RGB[k]))) as unknown as Rgb;

/** The legend of `mode`, with the range taken from the metric column (display units). */
export function legendFor(mode: ColourMode, input: LegendInput): Legend {
  const info = COLOUR_MODES[mode];
  if (mode === 'shell')
    return {
      kind: 'categorical',
      title: info.label,
      items: input.shellNames.map((label, k) => ({ label, colour: CATEGORICAL[k % CATEGORICAL.length] })),
    };
  if (mode === 'sunlit')
    return {
      kind: 'categorical',
      title: info.label,
      items: [
        { label: 'Sunlit', colour: SUNLIT_RGB },
        { label: 'Penumbra (half the Sun hidden)', colour: PENUMBRA_RGB },
        { label: 'In Earth shadow', colour: ECLIPSE_RGB },
      ],
    };
  const col = info.metric ? input.metrics?.[info.metric] : undefined;
  const r = col ? valueRange(col) : { min: Number.NaN, max: Number.NaN, finite: 0 };
  const a = r.min * info.scale + info.offset;
  const b = r.max * info.scale + info.offset;
  const centred = DIVERGING.has(info.map ?? 'viridis');
  const half = Math.max(Math.abs(a), Math.abs(b));
  const min = centred ? -half : Math.min(a, b);
  const max = centred ? half : Math.max(a, b);
  let belowZero = 0;
  if (centred && col) for (let i = 0; i < col.length; i++) if (col[i] < 0) belowZero++;
  return {
    kind: 'continuous',
    title: info.label,
    unit: info.unit,
    map: info.map ?? 'viridis',
    min,
    max,
    ticks: niceTicks(min, max, 4),
    missing: input.count - r.finite,
    centredOnZero: centred,
    belowZero,
  };
}

const lutCache = new Map<ContinuousMapName, Uint8Array>();
function lutOf(name: ContinuousMapName): Uint8Array {
  let l = lutCache.get(name);
  if (!l) {
    l = buildLut(name);
    lutCache.set(name, l);
  }
  return l;
}

const byte = (u: number) => Math.round(u * 255);

/**
 * Fill `out` (RGB bytes, 3 per satellite) with the colours of `mode`. Sunlit mode is computed in
 * the vertex shader, so here it only writes the eclipse colour as a fallback.
 */
export function fillColours(mode: ColourMode, shellIndex: Uint16Array, metrics: ViewerMetrics | undefined, out: Uint8Array): void {
  const n = shellIndex.length;
  if (mode === 'shell') {
    const pal = new Uint8Array(CATEGORICAL.length * 3);
    CATEGORICAL.forEach((c, k) => {
      pal.set([byte(c[0]), byte(c[1]), byte(c[2])], k * 3);
    });
    const m = CATEGORICAL.length;
    for (let i = 0; i < n; i++) {
      const k = (shellIndex[i] % m) * 3;
      out[i * 3] = pal[k];
      out[i * 3 + 1] = pal[k + 1];
      out[i * 3 + 2] = pal[k + 2];
    }
    return;
  }
  const info = COLOUR_MODES[mode];
  const col = info.metric ? metrics?.[info.metric] : undefined;
  const nd0 = byte(NO_DATA_RGB[0]);
  const nd1 = byte(NO_DATA_RGB[1]);
  const nd2 = byte(NO_DATA_RGB[2]);
  if (!col || mode === 'sunlit') {
    for (let i = 0; i < n; i++) {
      out[i * 3] = nd0;
      out[i * 3 + 1] = nd1;
      out[i * 3 + 2] = nd2;
    }
    return;
  }
  const r0 = valueRange(col);
  // diverging maps: symmetric about zero, so zero is the middle colour
  const half = Math.max(Math.abs(r0.min), Math.abs(r0.max));
  const r = DIVERGING.has(info.map ?? 'viridis') ? { min: -half, max: half } : r0;
  const lut = lutOf(info.map ?? 'viridis');
  const span = r.max - r.min;
  const k = span > 0 ? 255 / span : 0;
  // A negative display scale would flip the map; all current scales are positive.
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v - v !== 0) {
      out[i * 3] = nd0;
      out[i * 3 + 1] = nd1;
      out[i * 3 + 2] = nd2;
      continue;
    }
    const j = span > 0 ? Math.round((v - r.min) * k) * 3 : 128 * 3;
    out[i * 3] = lut[j];
    out[i * 3 + 1] = lut[j + 1];
    out[i * 3 + 2] = lut[j + 2];
  }
}

/** Format a value in display units with 3 significant figures, e.g. 1.23, 45.6, 789, 1,230. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  if (a === 0) return '0';
  return v.toPrecision(2);
}
