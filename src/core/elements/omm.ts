/**
 * Orbit Mean-elements Message (CCSDS 502.0-B-3) fields as CelesTrak serves them in JSON, CSV
 * and XML ("GP data formats", celestrak.org/NORAD/documentation/gp-data-formats.php). The three
 * readers collect one record's raw values by field index and hand them to `ommRecordToRow`.
 */
import { F, I } from './builder';
import type { ImportContext } from './context';

export const OMM_FIELDS = [
  'OBJECT_NAME',
  'OBJECT_ID',
  'EPOCH',
  'MEAN_MOTION',
  'ECCENTRICITY',
  'INCLINATION',
  'RA_OF_ASC_NODE',
  'ARG_OF_PERICENTER',
  'MEAN_ANOMALY',
  'EPHEMERIS_TYPE',
  'CLASSIFICATION_TYPE',
  'NORAD_CAT_ID',
  'ELEMENT_SET_NO',
  'REV_AT_EPOCH',
  'BSTAR',
  'MEAN_MOTION_DOT',
  'MEAN_MOTION_DDOT',
] as const;
export type OmmField = (typeof OMM_FIELDS)[number];

export const OMM_INDEX: ReadonlyMap<string, number> = new Map(OMM_FIELDS.map((f, k) => [f, k]));
export const OMM_FIELD_COUNT = OMM_FIELDS.length;

/** Raw value of a field: text (CSV, XML, JSON strings), a JSON number, or absent. */
export type OmmRaw = string | number | boolean | null | undefined | object;

/** A plain decimal number (CCSDS 502.0-B-3 7.4.3: sign, integer part, point, fraction, exponent). */
export const OMM_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Float fields: [field index, builder float index, required]. */
const FLOAT_MAP: ReadonlyArray<readonly [number, number, boolean]> = [
  [3, F.meanMotionRevPerDay, true],
  [4, F.eccentricity, true],
  [5, F.inclinationDeg, true],
  [6, F.raanDeg, true],
  [7, F.argPerigeeDeg, true],
  [8, F.meanAnomalyDeg, true],
  [14, F.bstar, false],
  [15, F.meanMotionDotRevPerDay2, false],
  [16, F.meanMotionDdotRevPerDay3, false],
];
/** Integer fields: [field index, builder int index (-1: ephemeris type), default]. */
const INT_MAP: ReadonlyArray<readonly [number, number, number]> = [
  [9, -1, 0],
  [11, I.noradId, -1],
  [12, I.elementSetNo, 0],
  [13, I.revAtEpoch, 0],
];

function isAbsent(v: OmmRaw): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function showRaw(v: OmmRaw): string {
  const s = typeof v === 'string' ? `'${v}'` : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Number from a raw value; NaN when it is not a plain decimal number. */
function toNumber(v: OmmRaw): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    return OMM_NUMBER.test(t) ? Number(t) : NaN;
  }
  return NaN;
}

const EPOCH_YMD = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*Z?$/;
const EPOCH_YDOY = /^(\d{4})-(\d{3})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*Z?$/;

/**
 * Unix ms of an OMM epoch ('2022-08-09T12:34:56.123456', optional 'Z', or day-of-year
 * '2022-221T12:34:56.123456'); NaN when unparsable. Up to 6 fraction digits are exact to the
 * nearest double of the true instant, so written epochs read back identically.
 */
export function parseOmmEpoch(text: string): number {
  const t = text.trim();
  let y: number, mo: number, d: number, hh: string | undefined, mi: string | undefined, ss: string | undefined, fr: string | undefined;
  let m = EPOCH_YMD.exec(t);
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
    [hh, mi, ss, fr] = [m[4], m[5], m[6], m[7]];
    if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return NaN;
  } else {
    m = EPOCH_YDOY.exec(t);
    if (!m) return NaN;
    y = Number(m[1]);
    const doy = Number(m[2]);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    if (doy < 1 || doy > (leap ? 366 : 365)) return NaN;
    mo = 1;
    d = doy;
    [hh, mi, ss, fr] = [m[3], m[4], m[5], m[6]];
  }
  const h = hh ? Number(hh) : 0;
  const min = mi ? Number(mi) : 0;
  const s = ss ? Number(ss) : 0;
  if (h > 23 || min > 59 || s > 60) return NaN;
  if (y < 100) {
    // Date.UTC maps years 0-99 to 1900-1999: build those through setUTCFullYear instead.
    const dt = new Date(0);
    dt.setUTCFullYear(y, mo - 1, d);
    dt.setUTCHours(h, min, s, 0);
    return addFraction(dt.getTime(), fr);
  }
  return addFraction(Date.UTC(y, mo - 1, d, h, min, s), fr);
}

function addFraction(wholeMs: number, fr: string | undefined): number {
  if (!fr) return wholeMs;
  if (fr.length <= 6) return (wholeMs * 1000 + Number(fr.padEnd(6, '0'))) / 1000;
  return wholeMs + Number(`0.${fr}`) * 1000;
}

/** OMM epoch text with microseconds, CelesTrak style: '2022-08-09T12:34:56.123456'. */
export function formatOmmEpoch(epochMs: number): string | null {
  if (!Number.isFinite(epochMs)) return null;
  const us = Math.round(epochMs * 1000);
  const ms = Math.floor(us / 1000);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (!(y >= 0 && y <= 9999)) return null;
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ for years 0-9999
  return `${iso.slice(0, 23)}${String(us - ms * 1000).padStart(3, '0')}`;
}

/** '98067A' (TLE) -> '1998-067A' (OMM); anything else unchanged. */
export function ommObjectId(id: string): string {
  const m = /^(\d{2})(\d{3})([A-Z]{0,3})$/.exec(id);
  if (!m) return id;
  const yy = Number(m[1]);
  return `${yy < 57 ? 2000 + yy : 1900 + yy}-${m[2]}${m[3]}`;
}

/**
 * Fill the builder's row from one record's raw values (indexed like OMM_FIELDS) and commit it
 * when valid. Returns null when accepted, else the rejection reason.
 */
export function ommRecordToRow(ctx: ImportContext, raw: ReadonlyArray<OmmRaw>): string | null {
  const b = ctx.b;
  b.resetRow();
  const epochRaw = raw[2];
  if (isAbsent(epochRaw)) return 'missing field EPOCH';
  const epochMs = typeof epochRaw === 'string' ? parseOmmEpoch(epochRaw) : NaN;
  if (Number.isNaN(epochMs)) return `epoch unparsable: ${showRaw(epochRaw)}`;
  b.f[F.epochMs] = epochMs;
  for (const [fi, bi, required] of FLOAT_MAP) {
    const v = raw[fi];
    if (isAbsent(v)) {
      if (required) return `missing field ${OMM_FIELDS[fi]}`;
      continue;
    }
    const x = toNumber(v);
    if (!Number.isFinite(x)) return `non-numeric field ${OMM_FIELDS[fi]}: ${showRaw(v)}`;
    b.f[bi] = x;
  }
  for (const [fi, bi, dflt] of INT_MAP) {
    const v = raw[fi];
    let x = dflt;
    if (!isAbsent(v)) {
      x = toNumber(v);
      if (!Number.isFinite(x)) return `non-numeric field ${OMM_FIELDS[fi]}: ${showRaw(v)}`;
      // EPHEMERIS_TYPE is a byte and NORAD_CAT_ID a non-negative number; the counters are 32-bit data.
      const min = bi === -1 || bi === I.noradId ? 0 : -2147483648;
      const max = bi === -1 ? 255 : 2147483647;
      if (!Number.isInteger(x) || x < min || x > max) {
        return `field ${OMM_FIELDS[fi]} is not an integer in range: ${showRaw(v)}`;
      }
    }
    if (bi === -1) b.ephemerisType = x;
    else b.i[bi] = x;
  }
  const str = (v: OmmRaw): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
  b.name = str(raw[0]);
  b.objectId = str(raw[1]);
  const cls = str(raw[10]);
  b.classification = cls === '' ? 'U' : cls;
  return ctx.commitIfValid();
}
