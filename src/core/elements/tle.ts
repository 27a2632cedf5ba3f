/**
 * Two-line element sets (NORAD / Space-Track format), read and written field by field.
 *
 * Layout source: CelesTrak "NORAD Two-Line Element Set Format" and Space-Track's TLE format
 * documentation (columns quoted 1-based below); Alpha-5 catalogue numbers from Space-Track's
 * "Alpha-5" note (A..Z without I and O stand for 10..33 before four digits: A0000 = 100000,
 * Z9999 = 339999); checksum = sum of the digits of columns 1-68, '-' counting 1, modulo 10.
 */
import { F, I, type ColumnBuilder } from './builder';
import type { ElementColumns } from './columns';
import { elementProblem, type ImportContext } from './context';
import type { ImportIssue } from './types';

/** Bits of ElementColumns.tleStyle: layout choices kept for byte-identical re-export. */
export const TLE_STYLE = {
  /** Line 1 col 34: explicit '+' before a non-negative mean motion derivative. */
  NDOT_PLUS: 1 << 0,
  /** Line 1 col 45: explicit '+' before a non-negative nddot mantissa. */
  NDDOT_PLUS: 1 << 1,
  /** Line 1 col 54: explicit '+' before a non-negative B* mantissa. */
  BSTAR_PLUS: 1 << 2,
  /** nddot written with the other sign of a zero exponent than canonical ('-0' for a zero mantissa, '+0' otherwise). */
  NDDOT_EXP_ALT: 1 << 3,
  /** Same for B*. */
  BSTAR_EXP_ALT: 1 << 4,
  /** Catalogue number below 10000 padded with spaces instead of zeros. */
  SATNUM_SPACES: 1 << 5,
  /** Revolution number padded with zeros instead of spaces. */
  REV_ZEROS: 1 << 6,
  /** Element set number padded with zeros instead of spaces. */
  ELSET_ZEROS: 1 << 7,
  /** Ephemeris type column left blank. */
  EPH_BLANK: 1 << 8,
  /** Name line written as '0 NAME' (Space-Track 3LE). */
  NAME_ZERO: 1 << 9,
  /** Line 2 angles and mean motion padded with zeros ('027.4674', '02.71249036') instead of spaces. */
  LINE2_ZEROS: 1 << 10,
} as const;

export const TLE_LINE_LENGTH = 69;

/**
 * Upper bound on the accepted records in `bytes` of TLE text: each has two 69-character lines
 * and a line break between them, and a line break before the next record (140k - 1 bytes for k
 * records at least). For ParseOptions.capacityHint.
 */
export function tleRecordsAtMost(bytes: number): number {
  return Math.max(0, Math.floor((bytes + 1) / (2 * TLE_LINE_LENGTH + 2)));
}
export const ALPHA5_MAX = 339999;
const ALPHA5_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // I and O are not used

/** Checksum of columns 1-68: digits count their value, '-' counts 1, everything else 0. */
export function tleChecksum(line: string): number {
  let sum = 0;
  const n = Math.min(line.length, 68);
  for (let k = 0; k < n; k++) {
    const c = line.charCodeAt(k);
    if (c >= 48 && c <= 57) sum += c - 48;
    else if (c === 45) sum += 1;
  }
  return sum % 10;
}

/** Catalogue number from the 5-character TLE field (digits, leading spaces, or Alpha-5); NaN if invalid. */
export function decodeAlpha5(field: string): number {
  if (field.length !== 5) {
    const t = field.trim();
    if (t.length === 0 || t.length > 5) return NaN;
    return decodeAlpha5(t.padStart(5, ' '));
  }
  return satnumAt(field, 0);
}

/** 5-character catalogue field for 0..339999 (Alpha-5 above 99999); null when it cannot be written. */
export function encodeAlpha5(id: number, spacePad = false): string | null {
  if (!Number.isInteger(id) || id < 0 || id > ALPHA5_MAX) return null;
  if (id < 100000) return spacePad ? String(id).padStart(5, ' ') : String(id).padStart(5, '0');
  const lead = Math.floor(id / 10000);
  return ALPHA5_LETTERS[lead - 10] + String(id % 10000).padStart(4, '0');
}

/** Catalogue number in s[at, at+5): Alpha-5 letter + 4 digits, or digits with leading spaces. */
function satnumAt(s: string, at: number): number {
  const c0 = s.charCodeAt(at);
  let v = 0;
  let k = at;
  if (c0 >= 65 && c0 <= 90) {
    const lead = ALPHA5_LETTERS.indexOf(s[at]);
    if (lead < 0) return NaN;
    v = lead + 10;
    k++;
  } else {
    while (k < at + 5 && s.charCodeAt(k) === 32) k++;
    if (k === at + 5) return NaN;
  }
  for (; k < at + 5; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** Powers of ten exact in double precision. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Decimal number in s[start, end), surrounded by optional spaces: [+-]digits[.digits] or
 * [+-].digits; NaN otherwise. With at most 15 digits the integer mantissa is exact and one
 * division by an exact power of ten is correctly rounded, so the result equals Number(text)
 * (and satellite.js's parseFloat) bit for bit, without allocating a substring.
 */
function fixedField(s: string, start: number, end: number): number {
  let i = start;
  let j = end;
  while (i < j && s.charCodeAt(i) === 32) i++;
  while (j > i && s.charCodeAt(j - 1) === 32) j--;
  if (i >= j) return NaN;
  let neg = false;
  const c0 = s.charCodeAt(i);
  if (c0 === 43 || c0 === 45) {
    neg = c0 === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (let k = i; k < j; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) frac = 0;
    else return NaN;
  }
  if (digits === 0) return NaN;
  if (digits > 15) return longNumber(s, start, end);
  const v = frac > 0 ? m / POW10[frac] : m;
  return neg ? -v : v;
}

/** More than 15 digits: the mantissa may not be exact, let Number() round (cold path). */
function longNumber(s: string, start: number, end: number): number {
  return Number(s.substring(start, end).trim());
}

/**
 * Assumed-decimal field "sMMMMMsE" (e.g. " 29705-3" = 0.29705e-3), as used for nddot and B*:
 * MMMMM x 10^(E-5), computed with one exact-operand multiply or divide (correctly rounded, so
 * equal to satellite.js's parseFloat of the same decimal).
 */
function expField(line: string, start: number): number {
  const s = line.charCodeAt(start);
  const es = line.charCodeAt(start + 6);
  const ed = line.charCodeAt(start + 7) - 48;
  if (s !== 32 && s !== 43 && s !== 45) return NaN;
  if (es !== 43 && es !== 45 && es !== 32) return NaN;
  if (!(ed >= 0 && ed <= 9)) return NaN;
  let m = 0;
  for (let k = start + 1; k < start + 6; k++) {
    const c = line.charCodeAt(k);
    if (c < 48 || c > 57) return NaN;
    m = m * 10 + (c - 48);
  }
  const e = (es === 45 ? -ed : ed) - 5;
  const v = e <= 0 ? m / POW10[-e] : m * POW10[e];
  return s === 45 ? -v : v;
}

function intField(line: string, start: number, end: number, blankValue: number): number {
  let k = start;
  while (k < end && line.charCodeAt(k) === 32) k++;
  if (k === end) return blankValue;
  let v = 0;
  for (; k < end; k++) {
    const c = line.charCodeAt(k);
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** Unix ms of a TLE epoch: two-digit year (57-99 -> 19xx, 00-56 -> 20xx) and day of year with fraction. */
export function tleEpochToMs(year2: number, dayOfYear: number): number {
  const year = year2 < 57 ? 2000 + year2 : 1900 + year2;
  return Date.UTC(year, 0, 1) + (dayOfYear - 1) * 86400000;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Unix ms of 1 January of each two-digit TLE year (index = year2), filled on first use. */
const YEAR_START_MS = new Float64Array(100).fill(NaN);

/** tleEpochToMs with the Date.UTC of each year cached (same value, no Date call per record). */
function epochMsOf(year2: number, dayOfYear: number): number {
  let y0 = YEAR_START_MS[year2];
  if (Number.isNaN(y0)) y0 = YEAR_START_MS[year2] = Date.UTC(year2 < 57 ? 2000 + year2 : 1900 + year2, 0, 1);
  return y0 + (dayOfYear - 1) * 86400000;
}

/**
 * The characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), so
 * that trimming by index gives exactly the string trim() would.
 */
export function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Checksum weight of each ASCII character: digits their value, '-' 1, all else 0. */
const CHECKSUM_WEIGHT = new Uint8Array(128);
for (let d = 0; d < 10; d++) CHECKSUM_WEIGHT[48 + d] = d;
CHECKSUM_WEIGHT[45] = 1;

/** Checksum of s[at, at+68) (the checksum rule of tleChecksum, by index, one table lookup a character). */
function checksumAt(s: string, at: number): number {
  let sum = 0;
  for (let k = at, end = at + 68; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c < 128) sum += CHECKSUM_WEIGHT[c];
  }
  return sum % 10;
}

/**
 * One TLE as positions in the reader's text (no line strings on the happy path): line 1 is
 * s1[o1, o1 + n1), line 2 s2[o2, o2 + n2), trailing whitespace already excluded. The name, if
 * any, is sn[on, on + nn) ('' text and -1 line when there is none).
 */
interface TleAt {
  s1: string;
  o1: number;
  n1: number;
  l1Line: number;
  s2: string;
  o2: number;
  n2: number;
  l2Line: number;
  sn: string;
  on: number;
  nn: number;
  nameLine: number;
}

type Rejection = { line: number; reason: string; text: string };

/**
 * Parse one TLE into the builder's current row and commit it when valid. Returns null when
 * accepted, otherwise the rejection (line number and reason). A checksum mismatch is a
 * rejection unless ctx.opts.acceptBadChecksums, in which case it becomes a warning.
 * Fields are read straight from the text by index; strings are made only for the designator,
 * the name and rejection messages.
 */
function parseTleRecord(ctx: ImportContext, record: number, t: TleAt): Rejection | null {
  const b: ColumnBuilder = ctx.b;
  const { s1, o1, s2, o2 } = t;
  if (t.n1 !== TLE_LINE_LENGTH || t.n2 !== TLE_LINE_LENGTH) return wrongLength(t);
  const sum1 = checksumAt(s1, o1);
  const sum2 = checksumAt(s2, o2);
  const bad1 = s1.charCodeAt(o1 + 68) !== 48 + sum1;
  const bad2 = s2.charCodeAt(o2 + 68) !== 48 + sum2;
  if ((bad1 || bad2) && !ctx.opts.acceptBadChecksums) {
    return bad1 ? badChecksum(1, sum1, line1(t), t.l1Line) : badChecksum(2, sum2, line2(t), t.l2Line);
  }

  let style = 0;

  // Line 1
  const sat1 = satnumAt(s1, o1 + 2);
  if (Number.isNaN(sat1)) return fieldFailure(t, 1, 'NORAD_CAT_ID', 3, 7);
  if (s1.charCodeAt(o1 + 2) === 32 && sat1 < 10000) style |= TLE_STYLE.SATNUM_SPACES;
  const cls = s1.charCodeAt(o1 + 7);
  const y1 = s1.charCodeAt(o1 + 18) - 48;
  const y2 = s1.charCodeAt(o1 + 19) - 48;
  const day = fixedField(s1, o1 + 20, o1 + 32);
  if (!(y1 >= 0 && y1 <= 9 && y2 >= 0 && y2 <= 9) || Number.isNaN(day)) return epochFailure(t, NaN, 0);
  const yy = y1 * 10 + y2;
  const year = yy < 57 ? 2000 + yy : 1900 + yy;
  if (day < 1 || day >= (isLeap(year) ? 367 : 366)) return epochFailure(t, day, year);
  const epochMs = epochMsOf(yy, day);

  const ndot = fixedField(s1, o1 + 33, o1 + 43);
  if (Number.isNaN(ndot)) return fieldFailure(t, 1, 'MEAN_MOTION_DOT', 34, 43);
  if (s1.charCodeAt(o1 + 33) === 43) style |= TLE_STYLE.NDOT_PLUS;

  const nddot = expField(s1, o1 + 44);
  if (Number.isNaN(nddot)) return fieldFailure(t, 1, 'MEAN_MOTION_DDOT', 45, 52);
  style |= expStyle(s1, o1 + 44, TLE_STYLE.NDDOT_PLUS, TLE_STYLE.NDDOT_EXP_ALT);

  const bstar = expField(s1, o1 + 53);
  if (Number.isNaN(bstar)) return fieldFailure(t, 1, 'BSTAR', 54, 61);
  style |= expStyle(s1, o1 + 53, TLE_STYLE.BSTAR_PLUS, TLE_STYLE.BSTAR_EXP_ALT);

  const eph = s1.charCodeAt(o1 + 62);
  if (eph === 32) style |= TLE_STYLE.EPH_BLANK;
  else if (!(eph >= 48 && eph <= 57)) return fieldFailure(t, 1, 'EPHEMERIS_TYPE', 63, 63);

  const elset = intField(s1, o1 + 64, o1 + 68, 0);
  if (Number.isNaN(elset)) return fieldFailure(t, 1, 'ELEMENT_SET_NO', 65, 68);
  if (s1.charCodeAt(o1 + 64) === 48 && elset < 1000) style |= TLE_STYLE.ELSET_ZEROS;

  // Line 2
  const sat2 = satnumAt(s2, o2 + 2);
  if (Number.isNaN(sat2)) return fieldFailure(t, 2, 'NORAD_CAT_ID', 3, 7);
  if (sat1 !== sat2) return catalogueMismatch(t);

  const inc = fixedField(s2, o2 + 8, o2 + 16);
  if (Number.isNaN(inc)) return fieldFailure(t, 2, 'INCLINATION', 9, 16);
  const raan = fixedField(s2, o2 + 17, o2 + 25);
  if (Number.isNaN(raan)) return fieldFailure(t, 2, 'RA_OF_ASC_NODE', 18, 25);
  // Eccentricity: 7 digits after an assumed '0.'; blanks read as zeros (as satellite.js does).
  let eccUnits = 0;
  let eccBlank = true;
  for (let k = o2 + 26; k < o2 + 33; k++) {
    const c = s2.charCodeAt(k);
    if (c === 32) eccUnits *= 10;
    else if (c >= 48 && c <= 57) {
      eccUnits = eccUnits * 10 + (c - 48);
      eccBlank = false;
    } else {
      eccUnits = NaN;
      break;
    }
  }
  if (Number.isNaN(eccUnits) || eccBlank) return fieldFailure(t, 2, 'ECCENTRICITY', 27, 33);
  const argp = fixedField(s2, o2 + 34, o2 + 42);
  if (Number.isNaN(argp)) return fieldFailure(t, 2, 'ARG_OF_PERICENTER', 35, 42);
  const ma = fixedField(s2, o2 + 43, o2 + 51);
  if (Number.isNaN(ma)) return fieldFailure(t, 2, 'MEAN_ANOMALY', 44, 51);
  const n = fixedField(s2, o2 + 52, o2 + 63);
  if (Number.isNaN(n)) return fieldFailure(t, 2, 'MEAN_MOTION', 53, 63);
  const rev = intField(s2, o2 + 63, o2 + 68, 0);
  if (Number.isNaN(rev)) return fieldFailure(t, 2, 'REV_AT_EPOCH', 64, 68);
  if (s2.charCodeAt(o2 + 63) === 48 && rev < 10000) style |= TLE_STYLE.REV_ZEROS;
  if (zeroPadded(s2, o2 + 8) || zeroPadded(s2, o2 + 17) || zeroPadded(s2, o2 + 34) || zeroPadded(s2, o2 + 43) || zeroPadded(s2, o2 + 52)) {
    style |= TLE_STYLE.LINE2_ZEROS;
  }

  const e = eccUnits / 1e7; // correctly rounded, equal to Number('0.' + digits)
  const bad = elementProblem(e, n, inc); // the check of ctx.commitIfValid (TLE values are always finite)
  if (bad !== null) return rejectLine2(t, bad);

  // Every field of the row is set here, so no resetRow() is needed.
  const f = b.f;
  f[F.epochMs] = epochMs;
  f[F.meanMotionDotRevPerDay2] = ndot;
  f[F.meanMotionDdotRevPerDay3] = nddot;
  f[F.bstar] = bstar;
  f[F.inclinationDeg] = inc;
  f[F.raanDeg] = raan;
  f[F.eccentricity] = e;
  f[F.argPerigeeDeg] = argp;
  f[F.meanAnomalyDeg] = ma;
  f[F.meanMotionRevPerDay] = n;
  const i = b.i;
  i[I.noradId] = sat1;
  i[I.elementSetNo] = elset;
  i[I.revAtEpoch] = rev;
  b.classification = cls === 32 || cls === 85 ? 'U' : s1.charAt(o1 + 7);
  b.objectId = trimmedSlice(s1, o1 + 9, o1 + 17);
  b.ephemerisType = eph === 32 ? 0 : eph - 48;
  b.name = '';
  if (t.nameLine >= 0) {
    // As name.startsWith('0 ') ? name.slice(2) : name, then trim().
    let at = t.on;
    if (t.nn >= 2 && t.sn.charCodeAt(at) === 48 && t.sn.charCodeAt(at + 1) === 32) {
      style |= TLE_STYLE.NAME_ZERO;
      at += 2;
    }
    b.name = trimmedSlice(t.sn, at, t.on + t.nn);
  }
  b.tleStyle = style;
  ctx.commitValid();
  if (bad1) warnChecksum(ctx, record, badChecksum(1, sum1, line1(t), t.l1Line));
  if (bad2) warnChecksum(ctx, record, badChecksum(2, sum2, line2(t), t.l2Line));
  return null;
}

/* Rejections (cold paths, kept out of parseTleRecord so that it stays small). */

function wrongLength(t: TleAt): Rejection {
  if (t.n1 !== TLE_LINE_LENGTH) {
    return { line: t.l1Line, reason: `line 1 wrong length (${t.n1} chars, expected ${TLE_LINE_LENGTH})`, text: line1(t) };
  }
  return { line: t.l2Line, reason: `line 2 wrong length (${t.n2} chars, expected ${TLE_LINE_LENGTH})`, text: line2(t) };
}

/** Epoch field unreadable (day NaN) or its day of year outside the year. */
function epochFailure(t: TleAt, day: number, year: number): Rejection {
  if (Number.isNaN(day)) {
    const field = t.s1.substring(t.o1 + 18, t.o1 + 32);
    if (field.trim() === '') {
      return { line: t.l1Line, reason: 'missing field EPOCH (line 1 cols 19-32 blank)', text: line1(t) };
    }
    return { line: t.l1Line, reason: `epoch unparsable (line 1 cols 19-32): '${field}'`, text: line1(t) };
  }
  return { line: t.l1Line, reason: `epoch unparsable: day of year ${day} outside 1..${isLeap(year) ? 366 : 365}`, text: line1(t) };
}

function catalogueMismatch(t: TleAt): Rejection {
  const a = t.s1.substring(t.o1 + 2, t.o1 + 7);
  const b = t.s2.substring(t.o2 + 2, t.o2 + 7);
  return { line: t.l2Line, reason: `catalogue number differs between line 1 (${a}) and line 2 (${b})`, text: line2(t) };
}

function rejectLine2(t: TleAt, reason: string): Rejection {
  return { line: t.l2Line, reason, text: line2(t) };
}

function line1(t: TleAt): string {
  return t.s1.substring(t.o1, t.o1 + t.n1);
}

function line2(t: TleAt): string {
  return t.s2.substring(t.o2, t.o2 + t.n2);
}

/** s.substring(start, end).trim(), without a substring when the field is blank. */
function trimmedSlice(s: string, start: number, end: number): string {
  while (start < end && isJsSpace(s.charCodeAt(start))) start++;
  while (end > start && isJsSpace(s.charCodeAt(end - 1))) end--;
  return start === end ? '' : s.substring(start, end);
}

function badChecksum(which: 1 | 2, expected: number, line: string, lineNo: number): Rejection {
  const found = line[68];
  return {
    line: lineNo,
    reason: `bad checksum on line ${which}: expected ${expected}, found ${found === ' ' ? "' '" : found}`,
    text: line,
  };
}

function warnChecksum(ctx: ImportContext, record: number, issue: Rejection): void {
  ctx.warn(record, issue.line, `${issue.reason} (accepted on request)`, issue.text);
}

/** Rejection for a field in 1-based columns first..last of line `which`. */
function fieldFailure(t: TleAt, which: 1 | 2, field: string, first: number, last: number): Rejection {
  const line = which === 1 ? line1(t) : line2(t);
  const text = line.substring(first - 1, last);
  const cols = first === last ? `${first}` : `${first}-${last}`;
  return {
    line: which === 1 ? t.l1Line : t.l2Line,
    reason:
      text.trim() === ''
        ? `missing field ${field} (line ${which} cols ${cols} blank)`
        : `non-numeric field ${field} (line ${which} cols ${cols}): '${text}'`,
    text: line,
  };
}

/** A field starting with '0' followed by a digit ('027.4674'): zero-padded layout. */
function zeroPadded(s: string, at: number): boolean {
  const c = s.charCodeAt(at + 1);
  return s.charCodeAt(at) === 48 && c >= 48 && c <= 57;
}

function expStyle(s: string, start: number, plusBit: number, altBit: number): number {
  let style = s.charCodeAt(start) === 43 ? plusBit : 0;
  if (s.charCodeAt(start + 7) === 48) {
    let zeroMantissa = true;
    for (let k = start + 1; k < start + 6; k++) if (s.charCodeAt(k) !== 48) zeroMantissa = false;
    const canonical = zeroMantissa ? 45 : 43; // '-' for a zero mantissa, '+' otherwise
    if (s.charCodeAt(start + 6) !== canonical) style |= altBit;
  }
  return style;
}

/* ------------------------------------------------------------------------------------------ */
/* Grouping lines into records                                                                */

function isControlText(s: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    if ((c < 32 && c !== 9) || c === 0x7f || c === 0xfffd) return true;
  }
  return false;
}

/**
 * Line-by-line TLE reader: groups name / line 1 / line 2 into records and accounts for every
 * orphan (a name or line 1 without the rest, a line 2 without line 1) as a rejected record.
 * Lines arrive as positions in the text (`lineAt`); a pending name or line 1 is kept as its
 * position in its chunk, so no line string is made unless a record is rejected.
 */
export class TleReader {
  /** The record being assembled; nameLine / l1Line -1 when absent. */
  private readonly t: TleAt = { s1: '', o1: 0, n1: 0, l1Line: -1, s2: '', o2: 0, n2: 0, l2Line: 0, sn: '', on: 0, nn: 0, nameLine: -1 };
  constructor(private readonly ctx: ImportContext) {}

  /** The line text[start, end) (without its line break), numbered lineNo. */
  lineAt(text: string, start: number, end: number, lineNo: number): void {
    if (lineNo === 1 && start < end && text.charCodeAt(start) === 0xfeff) start++; // byte order mark
    while (end > start && isJsSpace(text.charCodeAt(end - 1))) end--; // trimEnd()
    const len = end - start;
    if (len === 0) return;
    const c0 = text.charCodeAt(start);
    const lineKind = (c0 === 49 || c0 === 50) && (len === 1 || text.charCodeAt(start + 1) === 32) ? c0 - 48 : 0;
    const t = this.t;
    if (lineKind === 1) {
      this.flushL1();
      t.s1 = text;
      t.o1 = start;
      t.n1 = len;
      t.l1Line = lineNo;
      return;
    }
    if (lineKind === 2) {
      const rec = this.ctx.nextRecord();
      if (t.l1Line < 0) {
        this.ctx.reject(rec, lineNo, 'line 2 without a preceding line 1 (truncated record)', text.substring(start, end));
        this.clearName();
        return;
      }
      t.s2 = text;
      t.o2 = start;
      t.n2 = len;
      t.l2Line = lineNo;
      const bad = parseTleRecord(this.ctx, rec, t);
      if (bad) this.ctx.reject(rec, bad.line, bad.reason, bad.text);
      t.s1 = t.s2 = '';
      t.l1Line = -1;
      this.clearName();
      return;
    }
    // Anything else is a name line (3-line format) or garbage.
    this.flushL1();
    this.flushName();
    if (isControlText(text, start, end)) {
      const rec = this.ctx.nextRecord();
      this.ctx.reject(rec, lineNo, 'not a TLE line (control or binary characters)', text.substring(start, end));
      return;
    }
    t.sn = text;
    t.on = start;
    t.nn = len;
    t.nameLine = lineNo;
  }

  finish(): void {
    this.flushL1();
    this.flushName();
  }

  private clearName(): void {
    this.t.sn = '';
    this.t.nameLine = -1;
  }

  private flushL1(): void {
    const t = this.t;
    if (t.l1Line < 0) return;
    const rec = this.ctx.nextRecord();
    this.ctx.reject(rec, t.l1Line, 'line 1 not followed by line 2 (truncated record)', line1(t));
    t.s1 = '';
    t.l1Line = -1;
    this.clearName();
  }

  private flushName(): void {
    const t = this.t;
    if (t.nameLine < 0) return;
    const rec = this.ctx.nextRecord();
    this.ctx.reject(
      rec,
      t.nameLine,
      'text line not followed by TLE line 1 (truncated 3-line record or garbage)',
      t.sn.substring(t.on, t.on + t.nn),
    );
    this.clearName();
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Writer                                                                                     */

export interface WriteResult {
  text: string;
  /** Satellites written. */
  written: number;
  /** Satellites that could not be written, with the reason (record = 1-based row, line 0). */
  skipped: ImportIssue[];
  /** Satellites written with a caveat (a value that had to be rounded or wrapped). */
  warnings: ImportIssue[];
  /** writeTle with assignIds: the number the next satellite without one would get. */
  nextAssignedId?: number;
}

export interface WriteTleOptions {
  /** Give satellites without a usable catalogue number (-1 or > 339999) sequential numbers from here. */
  assignIds?: number;
  /** Write name lines (3-line format) for satellites that have a name. Default true. */
  names?: boolean;
  /** Prefix every name line with '0 ' (Space-Track 3LE). Default: as imported. */
  zeroPrefixNames?: boolean;
  lineEnding?: '\n' | '\r\n';
}

function expFieldText(v: number, plus: boolean, alt: boolean): string | null {
  if (!Number.isFinite(v)) return null;
  const a = Math.abs(v);
  let mant: string;
  let exp: number;
  if (a === 0 || a < 0.5e-14) {
    mant = '00000';
    exp = 0;
  } else {
    const [m, e] = a.toExponential(4).split('e');
    mant = m.replace('.', '');
    exp = Number(e) + 1;
    if (exp < -9) {
      mant = '00000';
      exp = 0;
    } else if (exp > 9) return null;
  }
  const zero = mant === '00000';
  let expSign = exp < 0 ? '-' : '+';
  if (exp === 0) expSign = zero !== alt ? '-' : '+';
  const sign = v < 0 || Object.is(v, -0) ? '-' : plus ? '+' : ' ';
  return `${sign}${mant}${expSign}${Math.abs(exp)}`;
}

/** 'YYDDD.DDDDDDDD' for a Unix-ms epoch, or null outside 1957-2056. */
export function tleEpochText(epochMs: number): string | null {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) return null;
  let year = new Date(Math.floor(epochMs)).getUTCFullYear();
  // Whole units of 1e-8 day (0.864 ms) since 1 January: ms * 1e8 / 86_400_000 = ms * 125 / 108.
  let units = Math.round(((epochMs - Date.UTC(year, 0, 1)) * 125) / 108);
  const yearUnits = (isLeap(year) ? 366 : 365) * 1e8;
  if (units >= yearUnits) {
    units -= yearUnits;
    year++;
  } else if (units < 0) {
    year--;
    units += (isLeap(year) ? 366 : 365) * 1e8;
  }
  if (year < 1957 || year > 2056) return null;
  const day = Math.floor(units / 1e8) + 1;
  const frac = units - (day - 1) * 1e8;
  return `${String(year % 100).padStart(2, '0')}${String(day).padStart(3, '0')}.${String(frac).padStart(8, '0')}`;
}

/** '1998-067A' -> '98067A'; other forms are kept if they fit in 8 characters. */
export function tleDesignator(objectId: string): string | null {
  const m = /^(\d{2})(\d{2})-(\d{3})([A-Z]{0,3})$/.exec(objectId);
  if (m) return `${m[2]}${m[3]}${m[4]}`;
  return objectId.length <= 8 && /^[ -~]*$/.test(objectId) ? objectId : null;
}

function angleText(v: number, zeros: boolean): string | null {
  if (!Number.isFinite(v)) return null;
  const s = v.toFixed(4);
  if (s.length > 8) return null;
  return zeros && v >= 0 ? s.padStart(8, '0') : s.padStart(8, ' ');
}

/** TLE lines for all satellites; satellites that cannot be expressed are skipped with a reason. */
export function writeTle(cols: ElementColumns, opts: WriteTleOptions = {}): WriteResult {
  const out: string[] = [];
  const skipped: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const eol = opts.lineEnding ?? '\n';
  let nextId = opts.assignIds;
  let written = 0;
  for (let k = 0; k < cols.count; k++) {
    const record = k + 1;
    const skip = (reason: string) => skipped.push({ line: 0, record, reason });
    const style = cols.tleStyle?.[k] ?? 0;
    let id = cols.noradId[k];
    if (id < 0 || id > ALPHA5_MAX) {
      if (nextId === undefined) {
        skip(
          id < 0 ? 'no catalogue number (TLE needs one; use assignIds)' : `catalogue number ${id} does not fit Alpha-5 (max ${ALPHA5_MAX})`,
        );
        continue;
      }
      if (nextId > ALPHA5_MAX) {
        skip(`no catalogue number left to assign (next would be ${nextId}, max ${ALPHA5_MAX})`);
        continue;
      }
      id = nextId++;
    }
    const problem = elementProblem(cols.eccentricity[k], cols.meanMotionRevPerDay[k], cols.inclinationDeg[k]);
    if (problem !== null) {
      skip(problem);
      continue;
    }
    const sat = encodeAlpha5(id, (style & TLE_STYLE.SATNUM_SPACES) !== 0)!;
    const epoch = tleEpochText(cols.epochMs[k]);
    if (epoch === null) {
      const d = new Date(cols.epochMs[k]);
      skip(`epoch ${Number.isNaN(d.getTime()) ? `${cols.epochMs[k]} ms (invalid)` : d.toISOString()} outside the TLE range 1957-2056`);
      continue;
    }
    const ndot = cols.meanMotionDotRevPerDay2[k];
    const ndotFixed = Math.abs(ndot).toFixed(8);
    if (!(Math.abs(ndot) < 0.999999995)) {
      skip(`MEAN_MOTION_DOT ${ndot} does not fit the TLE field (|value| < 1)`);
      continue;
    }
    const ndotText = (ndot < 0 || Object.is(ndot, -0) ? '-' : style & TLE_STYLE.NDOT_PLUS ? '+' : ' ') + ndotFixed.slice(1);
    const nddotText = expFieldText(
      cols.meanMotionDdotRevPerDay3[k],
      (style & TLE_STYLE.NDDOT_PLUS) !== 0,
      (style & TLE_STYLE.NDDOT_EXP_ALT) !== 0,
    );
    const bstarText = expFieldText(cols.bstar[k], (style & TLE_STYLE.BSTAR_PLUS) !== 0, (style & TLE_STYLE.BSTAR_EXP_ALT) !== 0);
    if (nddotText === null || bstarText === null) {
      skip(
        `${nddotText === null ? 'MEAN_MOTION_DDOT' : 'BSTAR'} ${nddotText === null ? cols.meanMotionDdotRevPerDay3[k] : cols.bstar[k]} ` +
          `does not fit the TLE exponent field (finite, below 10^9)`,
      );
      continue;
    }
    const eph = style & TLE_STYLE.EPH_BLANK ? ' ' : String(cols.ephemerisType?.[k] ?? 0);
    if (eph.length !== 1) {
      skip(`EPHEMERIS_TYPE ${eph} does not fit one column`);
      continue;
    }
    let elset = cols.elementSetNo[k];
    if (elset < 0 || elset > 9999) {
      warnings.push({ line: 0, record, reason: `ELEMENT_SET_NO ${elset} written modulo 10000` });
      elset = ((elset % 10000) + 10000) % 10000;
    }
    const desig = tleDesignator(cols.objectIds?.[k] ?? '');
    if (desig === null)
      warnings.push({ line: 0, record, reason: `OBJECT_ID '${cols.objectIds?.[k]}' does not fit the TLE designator field; left blank` });
    let cls = cols.classification?.[k] || 'U';
    if (!/^[!-~]$/.test(cls)) {
      warnings.push({ line: 0, record, reason: `CLASSIFICATION_TYPE '${cls}' is not one printable character; written as U` });
      cls = 'U';
    }
    const l1 =
      `1 ${sat}${cls} ${(desig ?? '').padEnd(8, ' ')} ${epoch} ${ndotText} ${nddotText} ${bstarText} ${eph} ` +
      String(elset).padStart(4, style & TLE_STYLE.ELSET_ZEROS ? '0' : ' ');

    const e = cols.eccentricity[k];
    const eUnits = Math.round(e * 1e7);
    if (!(eUnits >= 0 && eUnits < 1e7)) {
      skip(`ECCENTRICITY ${e} does not fit the TLE field (0 <= e < 0.99999995)`);
      continue;
    }
    const zeros = (style & TLE_STYLE.LINE2_ZEROS) !== 0;
    const inc = angleText(cols.inclinationDeg[k], zeros);
    const raan = angleText(cols.raanDeg[k], zeros);
    const argp = angleText(cols.argPerigeeDeg[k], zeros);
    const ma = angleText(cols.meanAnomalyDeg[k], zeros);
    if (inc === null || raan === null || argp === null || ma === null) {
      skip('an angle does not fit the TLE field (finite, 8 characters with 4 decimals)');
      continue;
    }
    const n = cols.meanMotionRevPerDay[k];
    const nText = n.toFixed(8);
    if (!(n >= 0.5e-8) || !Number.isFinite(n) || nText.length > 11) {
      skip(`MEAN_MOTION ${n} does not fit the TLE field (0.00000001 <= n < 100 rev/day)`);
      continue;
    }
    const rev = ((cols.revAtEpoch[k] % 100000) + 100000) % 100000;
    const l2 =
      `2 ${sat} ${inc} ${raan} ${String(eUnits).padStart(7, '0')} ${argp} ${ma} ${nText.padStart(11, zeros ? '0' : ' ')}` +
      String(rev).padStart(5, style & TLE_STYLE.REV_ZEROS ? '0' : ' ');

    if (opts.names !== false) {
      let name = cols.names?.[k] ?? '';
      // A name line cannot hold line breaks or control characters (readers take those for garbage).
      // biome-ignore lint/suspicious/noControlCharactersInRegex: this test looks for control characters on purpose
      if (/[\u0000-\u0008\u000a-\u001f\u007f\ufffd]/.test(name)) {
        warnings.push({ line: 0, record, reason: 'line breaks or control characters in the name replaced by spaces' });
        // biome-ignore lint/suspicious/noControlCharactersInRegex: replaces the control characters found above
        name = name.replace(/[\u0000-\u0008\u000a-\u001f\u007f\ufffd]+/g, ' ');
      }
      name = name.trim();
      if (name.length > 0) {
        const zero = opts.zeroPrefixNames ?? (style & TLE_STYLE.NAME_ZERO) !== 0;
        out.push(zero || /^[012]( |$)/.test(name) ? `0 ${name}` : name);
      }
    }
    out.push(l1 + tleChecksum(l1), l2 + tleChecksum(l2));
    written++;
  }
  return { text: out.length ? out.join(eol) + eol : '', written, skipped, warnings, nextAssignedId: nextId };
}
