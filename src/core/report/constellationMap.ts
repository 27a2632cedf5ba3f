/**
 * The report's picture of the constellation when no 3D view exists (the command line, or a page
 * whose WebGL canvas could not be read): the sub-satellite point of every satellite at one instant
 * on an equirectangular map of the Earth with coastlines (world-atlas land 1:110m, Natural Earth),
 * coloured as the viewer colours them in its default "Shell" mode (src/core/colormaps.ts
 * CATEGORICAL by shell index, as src/render/legend.ts fillColours does), with the ground stations
 * and a legend. Up to DOT_LIMIT satellites are drawn as dots; above that the map bins them into
 * 2-degree cells (colour of the shell with the most satellites in the cell, shade by count), so a
 * million satellites cost ~16,000 rectangles instead of a million and the PDF stays small.
 * Output is a chart model (chart.ts), drawn by the SVG and the PDF renderers alike. Pure.
 */
import type { Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { CATEGORICAL, rgbCss } from '../colormaps';
import type { Fleet } from '../fleet/fleet';
import { gmstRadAtMs } from '../physics/time';
import { initSgp4Batch } from '../sgp4/batch';
import { propagateBatch } from '../sgp4/propagate';
import type { Chart, ChartPrim } from './chart';

/** Above this many satellites with a state the map shows density cells instead of dots. */
export const DOT_LIMIT = 40_000;
/** Cell size of the density map, degrees. */
export const CELL_DEG = 2;

export interface SubSatellitePoints {
  /** Geocentric longitude and latitude, degrees (NaN where SGP4 failed). */
  lonDeg: Float32Array;
  latDeg: Float32Array;
  /** Satellites with a finite state. */
  valid: number;
  timeMs: number;
}

/**
 * Sub-satellite points of the whole fleet at `timeMs`: SGP4 (column kernel, TEME) in slices of
 * 65,536 satellites, rotated to Earth-fixed by GMST (polar motion and the TEME-PEF difference are
 * below a map pixel). Geocentric latitude (differs from geodetic by < 0.2 degrees).
 */
export function subSatellitePoints(fleet: Fleet, timeMs: number): SubSatellitePoints {
  const n = fleet.count;
  const lonDeg = new Float32Array(n);
  const latDeg = new Float32Array(n);
  const SLICE = 65_536;
  const pos = new Float64Array(3 * Math.min(SLICE, Math.max(1, n)));
  const vel = new Float64Array(pos.length);
  const err = new Uint8Array(pos.length / 3);
  const g = gmstRadAtMs(timeMs);
  const cg = Math.cos(g);
  const sg = Math.sin(g);
  const R2D = 180 / Math.PI;
  let valid = 0;
  for (let s = 0; s < n; s += SLICE) {
    const e = Math.min(n, s + SLICE);
    const batch = initSgp4Batch(fleet.elements, s, e);
    propagateBatch(batch, timeMs, pos, vel, err, 0);
    for (let i = s; i < e; i++) {
      const k = (i - s) * 3;
      const x = pos[k];
      const y = pos[k + 1];
      const z = pos[k + 2];
      if (err[i - s] !== 0 || !(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z))) {
        lonDeg[i] = Number.NaN;
        latDeg[i] = Number.NaN;
        continue;
      }
      // TEME -> Earth-fixed: rotate by -GMST about z
      const xe = cg * x + sg * y;
      const ye = -sg * x + cg * y;
      lonDeg[i] = Math.atan2(ye, xe) * R2D;
      latDeg[i] = Math.atan2(z, Math.hypot(xe, ye)) * R2D;
      valid++;
    }
  }
  return { lonDeg, latDeg, valid, timeMs };
}

/** Land outlines as rings of [lon, lat] (degrees). */
export type LandRings = Array<Array<[number, number]>>;

let landCache: Promise<LandRings> | null = null;

/** world-atlas land-110m.json as rings (loaded once; bundled with the code, nothing fetched from elsewhere). */
export function loadLand(): Promise<LandRings> {
  landCache ??= import('world-atlas/land-110m.json').then((m) => landRings((m.default ?? m) as unknown as Topology));
  return landCache;
}

export function landRings(topo: Topology): LandRings {
  const f = feature(topo, topo.objects.land) as unknown as
    | { type: 'FeatureCollection'; features: Array<{ geometry: { type: string; coordinates: unknown } }> }
    | { type: 'Feature'; geometry: { type: string; coordinates: unknown } };
  const geoms = f.type === 'FeatureCollection' ? f.features.map((x) => x.geometry) : [f.geometry];
  const rings: LandRings = [];
  for (const g of geoms) {
    const polys = (g.type === 'MultiPolygon' ? g.coordinates : [g.coordinates]) as Array<Array<Array<[number, number]>>>;
    for (const p of polys) for (const r of p) rings.push(r);
  }
  return rings;
}

export interface MapOptions {
  /** Chart width in chart units (default 720); the map is 2:1 inside it, the legend below. */
  width?: number;
  stations?: ReadonlyArray<{ name: string; latDeg: number; lonDeg: number }>;
  /** Force density cells (tests) or dots. */
  mode?: 'auto' | 'dots' | 'density';
}

const OCEAN = '#0d1726';
const LAND = '#25364b';
const COAST = '#5b7896';
const GRAT = '#1d2b3e';
const INK = '#17202b';
const MUTED = '#44505f';
const SHELL_HEX = CATEGORICAL.map((c) => {
  const h = (u: number) =>
    Math.round(u * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${h(c[0])}${h(c[1])}${h(c[2])}`;
});
/** The colour the viewer gives shell `k` (CSS rgb()). */
export const shellColourCss = (k: number): string => rgbCss(CATEGORICAL[k % CATEGORICAL.length]);

const f1 = (v: number) => Math.round(v * 10) / 10;

/** Land rings as one SVG-syntax path in map coordinates, antimeridian crossings unwrapped. */
function landPath(rings: LandRings, X: (lon: number) => number, Y: (lat: number) => number): string {
  let d = '';
  for (const r of rings) {
    if (r.length < 3) continue;
    // unwrap longitudes so the ring is continuous; a ring around a pole (odd number of jumps) is
    // closed along the map's bottom or top edge
    const lon = new Float64Array(r.length);
    let shift = 0;
    let jumps = 0;
    lon[0] = r[0][0];
    for (let i = 1; i < r.length; i++) {
      const dl = r[i][0] - r[i - 1][0];
      if (dl > 180) {
        shift -= 360;
        jumps++;
      } else if (dl < -180) {
        shift += 360;
        jumps++;
      }
      lon[i] = r[i][0] + shift;
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of lon) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const polar = jumps % 2 === 1;
    const poleLat = polar ? (r.reduce((a, p) => a + p[1], 0) < 0 ? -90 : 90) : 0;
    // copies shifted by 360 degrees cover the part that crossed the edge
    for (const off of [0, -360, 360]) {
      if (hi + off < -180 || lo + off > 180) continue;
      let s = '';
      for (let i = 0; i < r.length; i++) s += `${i === 0 ? 'M' : 'L'}${f1(X(lon[i] + off))} ${f1(Y(r[i][1]))}`;
      if (polar) s += `L${f1(X(lon[r.length - 1] + off))} ${f1(Y(poleLat))}L${f1(X(lon[0] + off))} ${f1(Y(poleLat))}`;
      d += `${s}Z`;
    }
  }
  return d;
}

/**
 * The map as a chart: ocean, graticule every 30 degrees, land, satellites (dots or density
 * cells), ground stations, and a legend with each shell's colour and count.
 */
export function constellationMapChart(fleet: Fleet, pts: SubSatellitePoints, land: LandRings, o: MapOptions = {}): Chart {
  const width = o.width ?? 720;
  const mx = 8;
  const my = 8;
  const mw = width - 2 * mx;
  const mh = mw / 2;
  const X = (lon: number) => mx + ((lon + 180) / 360) * mw;
  const Y = (lat: number) => my + ((90 - lat) / 180) * mh;
  const shells = fleet.shells;
  const legendRows = Math.ceil(Math.min(shells.length, 24) / 3);
  const height = my + mh + 43 + legendRows * 15 + 20;
  const prims: ChartPrim[] = [];
  prims.push({ t: 'rect', x: mx, y: my, w: mw, h: mh, fill: OCEAN });
  let grat = '';
  for (let lon = -150; lon <= 150; lon += 30) grat += `M${f1(X(lon))} ${f1(Y(90))}V${f1(Y(-90))}`;
  for (let lat = -60; lat <= 60; lat += 30) grat += `M${f1(X(-180))} ${f1(Y(lat))}H${f1(X(180))}`;
  prims.push({ t: 'path', d: grat, stroke: GRAT, width: 0.6 });
  // copies of rings shifted by 360 degrees reach past the map edges: clipped to the map
  prims.push({ t: 'path', d: landPath(land, X, Y), fill: LAND, stroke: COAST, width: 0.5, clip: { x: mx, y: my, w: mw, h: mh } });
  prims.push({ t: 'rect', x: mx, y: my, w: mw, h: mh, stroke: '#8a94a3', strokeWidth: 0.6 });

  const n = fleet.count;
  const nc = CATEGORICAL.length;
  const mode = o.mode === 'dots' || o.mode === 'density' ? o.mode : pts.valid > DOT_LIMIT ? 'density' : 'dots';
  let maxCell = 0;
  if (mode === 'dots') {
    const groups: number[][] = Array.from({ length: nc }, () => []);
    const s = pts.valid > 10_000 ? 1.6 : 2.4;
    for (let i = 0; i < n; i++) {
      const lon = pts.lonDeg[i];
      const lat = pts.latDeg[i];
      if (Number.isNaN(lon) || Number.isNaN(lat)) continue;
      groups[fleet.shellIndex[i] % nc].push(f1(X(lon) - s / 2), f1(Y(lat) - s / 2), s, s);
    }
    groups.forEach((g, k) => {
      if (g.length) prims.push({ t: 'rects', xywh: g, fill: SHELL_HEX[k] });
    });
  } else {
    const cols = Math.round(360 / CELL_DEG);
    const rows = Math.round(180 / CELL_DEG);
    const counts = new Uint32Array(cols * rows * nc);
    for (let i = 0; i < n; i++) {
      const lon = pts.lonDeg[i];
      const lat = pts.latDeg[i];
      if (Number.isNaN(lon) || Number.isNaN(lat)) continue;
      const c = Math.min(cols - 1, Math.max(0, Math.floor((lon + 180) / CELL_DEG)));
      const r = Math.min(rows - 1, Math.max(0, Math.floor((90 - lat) / CELL_DEG)));
      counts[(r * cols + c) * nc + (fleet.shellIndex[i] % nc)]++;
    }
    const total = new Uint32Array(cols * rows);
    for (let cell = 0; cell < total.length; cell++) {
      let t = 0;
      for (let k = 0; k < nc; k++) t += counts[cell * nc + k];
      total[cell] = t;
      if (t > maxCell) maxCell = t;
    }
    const LEVELS = 6;
    const groups = new Map<number, number[]>();
    const cw = mw / cols;
    const ch = mh / rows;
    const lg = Math.log(1 + maxCell);
    for (let cell = 0; cell < total.length; cell++) {
      const t = total[cell];
      if (t === 0) continue;
      let best = 0;
      for (let k = 1; k < nc; k++) if (counts[cell * nc + k] > counts[cell * nc + best]) best = k;
      const level = Math.max(1, Math.ceil((LEVELS * Math.log(1 + t)) / lg));
      const key = best * 16 + level;
      let g = groups.get(key);
      if (!g) {
        g = [];
        groups.set(key, g);
      }
      const r = Math.floor(cell / cols);
      const c = cell - r * cols;
      g.push(f1(mx + c * cw), f1(my + r * ch), f1(cw + 0.05), f1(ch + 0.05));
    }
    for (const [key, g] of [...groups].sort((a, b) => a[0] - b[0]))
      prims.push({ t: 'rects', xywh: g, fill: SHELL_HEX[key >> 4], opacity: Math.round((0.2 + (0.8 * (key & 15)) / LEVELS) * 100) / 100 });
  }
  // ground stations: white squares with a dark outline
  const st = o.stations ?? [];
  if (st.length) {
    const xywh: number[] = [];
    const outline: number[] = [];
    for (const g of st) {
      if (!Number.isFinite(g.latDeg) || !Number.isFinite(g.lonDeg)) continue;
      const x = X(((((g.lonDeg + 180) % 360) + 360) % 360) - 180);
      const y = Y(g.latDeg);
      outline.push(f1(x - 3.2), f1(y - 3.2), 6.4, 6.4);
      xywh.push(f1(x - 2.2), f1(y - 2.2), 4.4, 4.4);
    }
    prims.push({ t: 'rects', xywh: outline, fill: '#000' });
    prims.push({ t: 'rects', xywh, fill: '#fff' });
  }
  // legend
  let ly = my + mh + 16;
  const when = new Date(pts.timeMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const what =
    mode === 'dots'
      ? 'one dot per satellite.'
      : `${CELL_DEG}° cells in the colour of the shell with the most satellites in the cell; fainter = fewer (1 ` +
        `to ${maxCell.toLocaleString('en-US')} per cell, log scale).`;
  const missing = n - pts.valid;
  prims.push({
    t: 'text',
    x: mx,
    y: ly,
    text:
      `Sub-satellite points at ${when} (SGP4) of ${pts.valid.toLocaleString('en-US')} ` +
      `satellites${missing ? ` (${missing.toLocaleString('en-US')} without a valid state)` : ''}: ${mode === 'dots' ? what : ''}`,
    size: 10,
    fill: MUTED,
  });
  if (mode !== 'dots') {
    ly += 13;
    prims.push({ t: 'text', x: mx, y: ly, text: what, size: 10, fill: MUTED });
  }
  ly += 15;
  const colW = mw / 3;
  const shown = shells.slice(0, 24);
  shown.forEach((sh, k) => {
    const x = mx + (k % 3) * colW;
    const y = ly + Math.floor(k / 3) * 15;
    prims.push({ t: 'rect', x, y: y - 8, w: 9, h: 9, fill: SHELL_HEX[k % nc], stroke: '#44505f', strokeWidth: 0.4 });
    const label = `${sh.name} (${sh.count.toLocaleString('en-US')})`;
    prims.push({ t: 'text', x: x + 13, y, text: label.length > 44 ? `${label.slice(0, 43)}…` : label, size: 10, fill: INK });
  });
  const yEnd = ly + legendRows * 15;
  const more = shells.length > shown.length ? `${shells.length - shown.length} more shells not listed; ` : '';
  prims.push({
    t: 'text',
    x: mx,
    y: yEnd + 2,
    text: `${more}white squares: ground stations${st.length ? ` (${st.length})` : ' (none)'}; colours as the viewer's Shell mode.`,
    size: 9,
    fill: MUTED,
  });
  return { width, height: Math.max(height, yEnd + 8), title: 'Constellation map', background: '#fff', prims };
}
