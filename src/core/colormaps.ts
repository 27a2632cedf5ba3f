/**
 * Colour-blind-safe colour maps, evaluated from published control points (no copied tables).
 *
 * - viridis and cividis: perceptually uniform, readable with deuteranopia/protanopia.
 *   Control points are the 9 / 10 evenly spaced hex stops published with the maps
 *   (van der Walt & Smith, matplotlib 2015; Nuñez, Anderton & Renslow, PLOS ONE 2018, "cividis").
 *   Between stops we interpolate linearly in sRGB, which stays within about 1/255 of the full maps
 *   at this stop density for display purposes.
 * - categorical: Okabe & Ito (2008) "Color Universal Design" palette, minus black (invisible on the
 *   dark background).
 */

export type Rgb = readonly [number, number, number];
export type ContinuousMapName = 'viridis' | 'cividis' | 'rdbu';

const hex = (h: string): Rgb => [parseInt(h.slice(1, 3), 16) / 255, parseInt(h.slice(3, 5), 16) / 255, parseInt(h.slice(5, 7), 16) / 255];

/** Viridis at t = 0, 1/8, ..., 1. */
const VIRIDIS_STOPS = ['#440154', '#472c7a', '#3b518b', '#2c718e', '#21908d', '#27ad81', '#5cc863', '#aadc32', '#fde725'].map(hex);
/** Cividis at t = 0, 1/9, ..., 1. */
const CIVIDIS_STOPS = ['#00224e', '#123570', '#3b496c', '#575d6d', '#707173', '#8a8678', '#a59c74', '#c3b369', '#e1cc55', '#fee838'].map(
  hex,
);

/**
 * Diverging red-grey-blue for signed margins, centred on zero: ColorBrewer RdBu, 11 classes
 * (Brewer, colorbrewer2.org; marked colour-blind safe there), from red (short) through near
 * white (zero) to blue (spare). The legend puts zero at the middle of the bar.
 */
const RDBU_STOPS = [
  '#67001f',
  '#b2182b',
  '#d6604d',
  '#f4a582',
  '#fddbc7',
  '#f7f7f7',
  '#d1e5f0',
  '#92c5de',
  '#4393c3',
  '#2166ac',
  '#053061',
].map(hex);

export const CONTROL_POINTS: Record<ContinuousMapName, readonly Rgb[]> = {
  viridis: VIRIDIS_STOPS,
  cividis: CIVIDIS_STOPS,
  rdbu: RDBU_STOPS,
};

/** Maps centred on a value (zero) rather than spanning min to max. */
export const DIVERGING: ReadonlySet<ContinuousMapName> = new Set(['rdbu']);

/** Okabe-Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, grey. */
export const CATEGORICAL: readonly Rgb[] = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#BBBBBB'].map(
  hex,
);

/** Sunlit / eclipse pair (Okabe-Ito yellow and blue). */
export const SUNLIT_RGB: Rgb = hex('#F0E442');
export const ECLIPSE_RGB: Rgb = hex('#0072B2');
/** Satellites without a value for the active metric. */
export const NO_DATA_RGB: Rgb = hex('#5a5f6b');

/** Colour of map `name` at t in [0, 1] (clamped; NaN gives NO_DATA_RGB), written into `out`. */
export function sampleMap(name: ContinuousMapName, t: number, out: [number, number, number] = [0, 0, 0]): [number, number, number] {
  if (!Number.isFinite(t)) {
    out[0] = NO_DATA_RGB[0];
    out[1] = NO_DATA_RGB[1];
    out[2] = NO_DATA_RGB[2];
    return out;
  }
  const stops = CONTROL_POINTS[name];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(x));
  const f = x - k;
  const a = stops[k];
  const b = stops[k + 1];
  out[0] = a[0] + (b[0] - a[0]) * f;
  out[1] = a[1] + (b[1] - a[1]) * f;
  out[2] = a[2] + (b[2] - a[2]) * f;
  return out;
}

/** A 256-entry RGB lookup table (bytes), for filling colour attributes without per-value float maths. */
export function buildLut(name: ContinuousMapName, size = 256): Uint8Array {
  const lut = new Uint8Array(size * 3);
  const c: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < size; i++) {
    sampleMap(name, i / (size - 1), c);
    lut[i * 3] = Math.round(c[0] * 255);
    lut[i * 3 + 1] = Math.round(c[1] * 255);
    lut[i * 3 + 2] = Math.round(c[2] * 255);
  }
  return lut;
}

/** CSS linear-gradient stops of a map, for the legend bar. */
export function cssGradient(name: ContinuousMapName, steps = 8): string {
  const parts: string[] = [];
  const c: [number, number, number] = [0, 0, 0];
  for (let i = 0; i <= steps; i++) {
    sampleMap(name, i / steps, c);
    parts.push(`${rgbCss(c)} ${((100 * i) / steps).toFixed(1)}%`);
  }
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

export const rgbCss = (c: Rgb): string => `rgb(${Math.round(c[0] * 255)}, ${Math.round(c[1] * 255)}, ${Math.round(c[2] * 255)})`;

/** Relative luminance (WCAG 2.x, sRGB). Used by tests to check the maps are monotone in lightness. */
export function relativeLuminance(c: Rgb): number {
  const lin = (u: number) => (u <= 0.04045 ? u / 12.92 : ((u + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}
