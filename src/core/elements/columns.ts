/**
 * Mean orbital elements of many satellites, one typed array per field (structure of arrays).
 * Index = satellite id within the set. Units follow OMM / TLE so that import -> export ->
 * import is lossless: degrees, revolutions per day, B* in 1/Earth radii.
 *
 * Epochs are Unix milliseconds UTC (Float64: about 0.25 us resolution in this century),
 * which keeps OMM microsecond epochs and gives SGP4 minutes-since-epoch without the
 * cancellation a full Julian date suffers.
 */
export interface ElementColumns {
  count: number;
  /** Element epoch, Unix ms UTC. */
  epochMs: Float64Array;
  /** Kozai mean motion, rev/day (TLE line 2 cols 53-63, OMM MEAN_MOTION). */
  meanMotionRevPerDay: Float64Array;
  eccentricity: Float64Array;
  inclinationDeg: Float64Array;
  raanDeg: Float64Array;
  argPerigeeDeg: Float64Array;
  meanAnomalyDeg: Float64Array;
  /** SGP4 drag term B*, 1/Earth radii. */
  bstar: Float64Array;
  /** First derivative of mean motion / 2, rev/day^2 (as TLE and OMM carry it). */
  meanMotionDotRevPerDay2: Float64Array;
  /** Second derivative of mean motion / 6, rev/day^3 (as TLE and OMM carry it). */
  meanMotionDdotRevPerDay3: Float64Array;
  /** NORAD catalogue number as data (not identity); -1 when there is none. */
  noradId: Int32Array;
  /** Revolution number at epoch; 0 when unknown. */
  revAtEpoch: Int32Array;
  /** Element set number; 0 when unknown. */
  elementSetNo: Int32Array;
  /**
   * Optional per-satellite strings. `null` for generated fleets (names are derived from the
   * shell). For imports: '' where the record had no value.
   */
  names: string[] | null;
  /** International designator / OBJECT_ID, e.g. '1998-067A' (OMM) or '98067A' (TLE). */
  objectIds: string[] | null;
  /** Classification character, 'U' by default. */
  classification: string[] | null;
  /**
   * Optional: OMM EPHEMERIS_TYPE / TLE line 1 column 63 (0 = SGP4, the default when absent).
   * Set by imports; generated fleets leave it undefined.
   */
  ephemerisType?: Uint8Array | null;
  /**
   * Optional: TLE layout details that carry no value (explicit '+' signs, the sign of a zero
   * exponent, space- or zero-padding), one bit set per TLE_STYLE flag (see tle.ts). Kept only
   * so that writing an imported TLE back gives byte-identical lines; 0 = canonical layout.
   */
  tleStyle?: Uint16Array | null;
}

export const ELEMENT_FLOAT_FIELDS = [
  'epochMs',
  'meanMotionRevPerDay',
  'eccentricity',
  'inclinationDeg',
  'raanDeg',
  'argPerigeeDeg',
  'meanAnomalyDeg',
  'bstar',
  'meanMotionDotRevPerDay2',
  'meanMotionDdotRevPerDay3',
] as const;
export const ELEMENT_INT_FIELDS = ['noradId', 'revAtEpoch', 'elementSetNo'] as const;

export type ElementFloatField = (typeof ELEMENT_FLOAT_FIELDS)[number];
export type ElementIntField = (typeof ELEMENT_INT_FIELDS)[number];

/**
 * Allocate zeroed columns for `count` satellites (noradId -1). With `shared`, the numeric columns
 * are views of one SharedArrayBuffer: posted to workers they are shared, not copied (the page's
 * propagation workers read the fleet's elements in place instead of holding a copy each).
 */
export function allocElementColumns(count: number, withStrings = false, shared = false): ElementColumns {
  const cols = {
    count,
    names: withStrings ? new Array<string>(count).fill('') : null,
    objectIds: withStrings ? new Array<string>(count).fill('') : null,
    classification: withStrings ? new Array<string>(count).fill('U') : null,
  } as ElementColumns;
  if (shared) {
    const block = new SharedArrayBuffer(Math.max(8, (8 * ELEMENT_FLOAT_FIELDS.length + 4 * ELEMENT_INT_FIELDS.length) * count));
    let at = 0;
    for (const f of ELEMENT_FLOAT_FIELDS) {
      cols[f] = new Float64Array(block, at, count);
      at += 8 * count;
    }
    for (const f of ELEMENT_INT_FIELDS) {
      cols[f] = new Int32Array(block, at, count);
      at += 4 * count;
    }
  } else {
    for (const f of ELEMENT_FLOAT_FIELDS) cols[f] = new Float64Array(count);
    for (const f of ELEMENT_INT_FIELDS) cols[f] = new Int32Array(count);
  }
  cols.noradId.fill(-1);
  return cols;
}

/** Whether every numeric column lives in shared memory (allocElementColumns with `shared`). */
export function elementColumnsShared(cols: ElementColumns): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  for (const f of ELEMENT_FLOAT_FIELDS) if (!(cols[f].buffer instanceof SharedArrayBuffer)) return false;
  for (const f of ELEMENT_INT_FIELDS) if (!(cols[f].buffer instanceof SharedArrayBuffer)) return false;
  return true;
}

/** Views of rows [start, end) sharing the same buffers (no copy of element data). */
export function sliceElementColumns(cols: ElementColumns, start: number, end: number): ElementColumns {
  const out = {
    count: end - start,
    names: cols.names ? cols.names.slice(start, end) : null,
    objectIds: cols.objectIds ? cols.objectIds.slice(start, end) : null,
    classification: cols.classification ? cols.classification.slice(start, end) : null,
  } as ElementColumns;
  for (const f of ELEMENT_FLOAT_FIELDS) out[f] = cols[f].subarray(start, end);
  for (const f of ELEMENT_INT_FIELDS) out[f] = cols[f].subarray(start, end);
  if (cols.ephemerisType) out.ephemerisType = cols.ephemerisType.subarray(start, end);
  if (cols.tleStyle) out.tleStyle = cols.tleStyle.subarray(start, end);
  return out;
}

/** Copy rows [start, end) into fresh buffers (for transfer to a worker). */
export function copyElementColumns(cols: ElementColumns, start = 0, end = cols.count): ElementColumns {
  const out = {
    count: end - start,
    names: cols.names ? cols.names.slice(start, end) : null,
    objectIds: cols.objectIds ? cols.objectIds.slice(start, end) : null,
    classification: cols.classification ? cols.classification.slice(start, end) : null,
  } as ElementColumns;
  for (const f of ELEMENT_FLOAT_FIELDS) out[f] = cols[f].slice(start, end);
  for (const f of ELEMENT_INT_FIELDS) out[f] = cols[f].slice(start, end);
  if (cols.ephemerisType) out.ephemerisType = cols.ephemerisType.slice(start, end);
  if (cols.tleStyle) out.tleStyle = cols.tleStyle.slice(start, end);
  return out;
}

/** Concatenate column sets (e.g. several imports, or generated shells). */
export function concatElementColumns(parts: ElementColumns[]): ElementColumns {
  const count = parts.reduce((s, p) => s + p.count, 0);
  const withStrings = parts.some((p) => p.names !== null);
  const out = allocElementColumns(count, withStrings);
  if (parts.some((p) => p.ephemerisType)) out.ephemerisType = new Uint8Array(count);
  if (parts.some((p) => p.tleStyle)) out.tleStyle = new Uint16Array(count);
  let at = 0;
  for (const p of parts) {
    for (const f of ELEMENT_FLOAT_FIELDS) out[f].set(p[f], at);
    for (const f of ELEMENT_INT_FIELDS) out[f].set(p[f], at);
    if (p.ephemerisType) out.ephemerisType!.set(p.ephemerisType, at);
    if (p.tleStyle) out.tleStyle!.set(p.tleStyle, at);
    if (withStrings) {
      for (let i = 0; i < p.count; i++) {
        out.names![at + i] = p.names?.[i] ?? '';
        out.objectIds![at + i] = p.objectIds?.[i] ?? '';
        out.classification![at + i] = p.classification?.[i] ?? 'U';
      }
    }
    at += p.count;
  }
  return out;
}

/**
 * The distinct ArrayBuffers behind a column set, for a transfer list (postMessage /
 * comlink.transfer). Views that share a buffer (slices) are listed once.
 */
export function elementColumnBuffers(cols: ElementColumns): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | null | undefined): void => {
    if (a && a.buffer instanceof ArrayBuffer) seen.add(a.buffer);
  };
  for (const f of ELEMENT_FLOAT_FIELDS) add(cols[f]);
  for (const f of ELEMENT_INT_FIELDS) add(cols[f]);
  add(cols.ephemerisType);
  add(cols.tleStyle);
  return [...seen];
}
