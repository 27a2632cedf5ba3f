/**
 * OMM in KVN, the plain-text form of CCSDS 502.0-B-3 ("Orbit Data Messages", section 4 for the
 * OMM keywords, section 7 for the KVN syntax): one `KEYWORD = VALUE` per line, `COMMENT` lines,
 * blank lines, optional units in square brackets after a number (`INCLINATION = 51.6 [deg]`).
 *
 * The standard puts one OMM in a file (4.1.5); catalogues serve many OMMs concatenated, each
 * starting with its `CCSDS_OMM_VERS` line, and that is how several are read and written here.
 * A second `OBJECT_NAME` (or header keyword) in one OMM also starts a new one, so messages
 * concatenated without their header lines are read too (with a warning).
 *
 * Only SGP4 mean elements can be propagated by the planner, so a message whose metadata says
 * otherwise (REF_FRAME not TEME, CENTER_NAME not EARTH, TIME_SYSTEM not UTC, MEAN_ELEMENT_THEORY
 * not SGP4, SEMI_MAJOR_AXIS instead of MEAN_MOTION, SGP4-XP's BTERM/AGOM) is rejected with the
 * reason; missing mandatory header and metadata keywords are warnings (the TLE conventions of
 * 4.2.4.6 are assumed). Every rejection names the line of the offending keyword, or the line the
 * OMM starts on for a missing keyword.
 */
import { detachString } from './builder';
import type { ImportContext } from './context';
import { OMM_FIELD_COUNT, OMM_INDEX, OMM_NUMBER, ommRecordToRow, parseOmmEpoch, type OmmRaw } from './omm';

/** Header keywords (CCSDS 502.0-B-3 table 4-1). */
const HEADER = ['CCSDS_OMM_VERS', 'CREATION_DATE', 'ORIGINATOR', 'MESSAGE_ID', 'CLASSIFICATION'];
/** Metadata keywords (table 4-2). */
const METADATA = ['OBJECT_NAME', 'OBJECT_ID', 'CENTER_NAME', 'REF_FRAME', 'REF_FRAME_EPOCH', 'TIME_SYSTEM', 'MEAN_ELEMENT_THEORY'];

const COV = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'];
/** Covariance keywords (table 4-3, lower triangle) with their units. */
const COVARIANCE: Array<[string, string]> = [];
for (let r = 0; r < 6; r++) {
  for (let c = 0; c <= r; c++) {
    const units = (r >= 3 ? 1 : 0) + (c >= 3 ? 1 : 0);
    COVARIANCE.push([`C${COV[r]}_${COV[c]}`, ['km**2', 'km**2/s', 'km**2/s**2'][units]]);
  }
}

/** Numeric data keywords (table 4-3) and the unit a KVN line may show for each ('n/a': none). */
const NUMERIC_UNITS: ReadonlyMap<string, string> = new Map([
  ['SEMI_MAJOR_AXIS', 'km'],
  ['MEAN_MOTION', 'rev/day'],
  ['ECCENTRICITY', 'n/a'],
  ['INCLINATION', 'deg'],
  ['RA_OF_ASC_NODE', 'deg'],
  ['ARG_OF_PERICENTER', 'deg'],
  ['MEAN_ANOMALY', 'deg'],
  ['GM', 'km**3/s**2'],
  ['MASS', 'kg'],
  ['SOLAR_RAD_AREA', 'm**2'],
  ['SOLAR_RAD_COEFF', 'n/a'],
  ['DRAG_AREA', 'm**2'],
  ['DRAG_COEFF', 'n/a'],
  ['EPHEMERIS_TYPE', 'n/a'],
  ['NORAD_CAT_ID', 'n/a'],
  ['ELEMENT_SET_NO', 'n/a'],
  ['REV_AT_EPOCH', 'n/a'],
  ['BSTAR', '1/ER'],
  ['BTERM', 'm**2/kg'],
  ['MEAN_MOTION_DOT', 'rev/day**2'],
  ['MEAN_MOTION_DDOT', 'rev/day**3'],
  ['AGOM', 'm**2/kg'],
  ...COVARIANCE,
]);
/** Every keyword an OMM may hold (besides COMMENT and USER_DEFINED_x). */
const KNOWN: ReadonlySet<string> = new Set([
  ...HEADER,
  ...METADATA,
  'EPOCH',
  'CLASSIFICATION_TYPE',
  'COV_REF_FRAME',
  ...NUMERIC_UNITS.keys(),
]);
/** Keywords that begin an OMM when the current one already has them (concatenated messages). */
const STARTS = new Set(['CCSDS_OMM_VERS', 'CREATION_DATE', 'ORIGINATOR', 'OBJECT_NAME']);
/** Keywords the planner needs to build an SGP4 element set. */
const REQUIRED_DATA = ['EPOCH', 'MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY'];
/** Mandatory metadata with the value the TLE conventions (4.2.4.6) prescribe; other values are rejected. */
const PRESCRIBED: ReadonlyArray<readonly [string, readonly string[], string]> = [
  ['CENTER_NAME', ['EARTH'], 'only Earth-centred elements can be propagated'],
  ['REF_FRAME', ['TEME'], 'SGP4 mean elements are in TEME (CCSDS 502.0-B-3 4.2.4.6)'],
  ['TIME_SYSTEM', ['UTC'], 'SGP4 element epochs are UTC (CCSDS 502.0-B-3 4.2.4.6)'],
  ['MEAN_ELEMENT_THEORY', ['SGP4', 'SGP/SGP4'], 'only SGP4 mean elements can be propagated'],
];

const KEYWORD = /^[A-Z][A-Z0-9_]*$/;
/** `12.5 [deg]` -> value and unit text. */
const WITH_UNITS = /^(.*?)\s*\[([^\]]*)\]$/;

interface Problem {
  line: number;
  reason: string;
  text: string;
}

/** One OMM being read. */
class Message {
  readonly raw: OmmRaw[] = new Array(OMM_FIELD_COUNT).fill(undefined);
  /** Keyword -> line it was given on. */
  readonly seen = new Map<string, number>();
  readonly values = new Map<string, string>();
  problem: Problem | null = null;
  constructor(
    readonly record: number,
    readonly line: number,
  ) {}
  fail(line: number, reason: string, text: string): void {
    if (this.problem === null) this.problem = { line, reason, text };
  }
}

/** The keyword a reason from ommRecordToRow or elementProblem is about, to point at its line. */
function keywordOf(reason: string): string | null {
  const m = /\b(?:field|FIELD) ([A-Z_]+)/.exec(reason);
  if (m) return m[1];
  if (reason.startsWith('eccentricity')) return 'ECCENTRICITY';
  if (reason.startsWith('mean motion')) return 'MEAN_MOTION';
  if (reason.startsWith('inclination')) return 'INCLINATION';
  if (reason.startsWith('epoch')) return 'EPOCH';
  return null;
}

export class OmmKvnReader {
  private msg: Message | null = null;
  private readonly unknownWarned = new Set<string>();
  constructor(private readonly ctx: ImportContext) {}

  line(rawLine: string, lineNo: number): void {
    let s = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (lineNo === 1 && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    const t = s.trim();
    if (t.length === 0) return;
    if (t.startsWith('COMMENT') && (t.length === 7 || t.charCodeAt(7) <= 32)) return;
    const eq = t.indexOf('=');
    let keyword = eq < 0 ? '' : t.slice(0, eq).trimEnd();
    if (!KEYWORD.test(keyword)) keyword = keyword.toUpperCase(); // keywords are capitals (7.3.3); lower case is read too
    if (eq < 0 || !KEYWORD.test(keyword)) {
      // A line that is no KVN is a record of its own: the OMM around it fails only if it then lacks a keyword.
      const rec = this.ctx.nextRecord();
      this.ctx.reject(rec, lineNo, eq < 0 ? 'not a KEYWORD = VALUE line' : `bad keyword '${t.slice(0, eq).trim().slice(0, 40)}'`, t);
      return;
    }
    let m = this.msg;
    if (m !== null && (keyword === 'CCSDS_OMM_VERS' ? m.seen.size > 0 : STARTS.has(keyword) && m.seen.has(keyword))) {
      this.close();
      m = null;
    }
    m ??= this.open(lineNo);
    const value = t.slice(eq + 1).trim();
    const first = m.seen.get(keyword);
    if (first !== undefined && !keyword.startsWith('USER_DEFINED_')) {
      m.fail(lineNo, `keyword ${keyword} repeated (first on line ${first})`, t);
      return;
    }
    m.seen.set(keyword, lineNo);
    if (!KNOWN.has(keyword) && !keyword.startsWith('USER_DEFINED_')) {
      if (!this.unknownWarned.has(keyword)) {
        this.unknownWarned.add(keyword);
        this.ctx.warn(m.record, lineNo, `keyword ${keyword} is not an OMM keyword (CCSDS 502.0-B-3 tables 4-1 to 4-3); ignored`, t);
      }
      return;
    }
    const unit = NUMERIC_UNITS.get(keyword);
    let v = value;
    if (unit !== undefined) {
      const u = value.endsWith(']') ? WITH_UNITS.exec(value) : null;
      if (u) {
        v = u[1];
        const shown = u[2].trim();
        if (shown.toLowerCase() !== unit.toLowerCase()) {
          m.fail(
            lineNo,
            unit === 'n/a' ? `${keyword} has no units, found [${shown}]` : `${keyword} must be in [${unit}], found [${shown}]`,
            t,
          );
          return;
        }
      }
      if (!OMM_NUMBER.test(v)) {
        m.fail(lineNo, `${keyword} is not a number: '${v.slice(0, 40)}'`, t);
        return;
      }
    } else if (keyword === 'EPOCH' && Number.isNaN(parseOmmEpoch(v))) {
      m.fail(lineNo, `EPOCH is not a CCSDS time (YYYY-MM-DDThh:mm:ss[.d] or YYYY-DDDThh:mm:ss[.d]): '${v.slice(0, 40)}'`, t);
      return;
    }
    m.values.set(keyword, v);
    const f = OMM_INDEX.get(keyword);
    if (f !== undefined) m.raw[f] = detachString(v);
  }

  finish(): void {
    this.close();
  }

  private open(lineNo: number): Message {
    if (this.msg === null) this.msg = new Message(this.ctx.nextRecord(), lineNo);
    return this.msg;
  }

  private close(): void {
    const m = this.msg;
    this.msg = null;
    if (m === null) return;
    const ctx = this.ctx;
    if (m.problem === null) this.check(m);
    if (m.problem !== null) {
      ctx.reject(m.record, m.problem.line, m.problem.reason, m.problem.text);
      return;
    }
    // Unknown OBJECT_ID / OBJECT_NAME (the standard's word for none) read as empty.
    if (m.values.get('OBJECT_ID') === 'UNKNOWN') m.raw[1] = '';
    if (m.values.get('OBJECT_NAME') === 'UNKNOWN') m.raw[0] = '';
    const bad = ommRecordToRow(ctx, m.raw);
    if (bad !== null) {
      const kw = keywordOf(bad);
      ctx.reject(m.record, (kw && m.seen.get(kw)) || m.line, bad);
      return;
    }
    const missing = [...HEADER.slice(0, 3), ...METADATA.filter((k) => k !== 'REF_FRAME_EPOCH')].filter((k) => !m.seen.has(k));
    if (missing.length > 0) {
      ctx.warn(
        m.record,
        m.line,
        `OMM starting on line ${m.line} lacks mandatory keyword${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` +
          ' (read as EARTH, TEME, UTC, SGP4)',
      );
    }
  }

  /** Metadata and completeness checks; sets m.problem. */
  private check(m: Message): void {
    for (const [kw, allowed, why] of PRESCRIBED) {
      const v = m.values.get(kw);
      if (v !== undefined && !allowed.includes(v.toUpperCase())) {
        m.fail(m.seen.get(kw) ?? m.line, `${kw} = ${v.slice(0, 40)}: ${why}`, `${kw} = ${v}`);
        return;
      }
    }
    for (const kw of ['BTERM', 'AGOM']) {
      const at = m.seen.get(kw);
      if (at !== undefined) {
        m.fail(at, `${kw} is an SGP4-XP term: only SGP4 mean elements can be propagated`, kw);
        return;
      }
    }
    if (!m.seen.has('MEAN_MOTION') && m.seen.has('SEMI_MAJOR_AXIS')) {
      m.fail(
        m.seen.get('SEMI_MAJOR_AXIS') ?? m.line,
        'SEMI_MAJOR_AXIS given: SGP4 elements need MEAN_MOTION [rev/day] (CCSDS 502.0-B-3 4.2.4.6)',
        'SEMI_MAJOR_AXIS',
      );
      return;
    }
    const missing = REQUIRED_DATA.filter((k) => !m.seen.has(k));
    if (missing.length > 0) {
      m.fail(
        m.line,
        `OMM starting on line ${m.line} lacks keyword${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
        missing.join(', '),
      );
    }
  }
}

/** Does this line look like the start of an OMM in KVN (for format detection)? */
export function isOmmKvnStart(line: string): boolean {
  return /^(?:CCSDS_OMM_VERS|OBJECT_NAME|OBJECT_ID|CREATION_DATE)\s*=/i.test(line);
}
