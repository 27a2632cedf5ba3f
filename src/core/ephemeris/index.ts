/**
 * Ephemeris files for other tools, one satellite at a time (pure text; the CLI streams them):
 *
 * - CCSDS OEM (Orbit Ephemeris Message) in KVN, CCSDS 502.0-B-2 / B-3 ("Orbit Data Messages"):
 *   header (CCSDS_OEM_VERS, CREATION_DATE, ORIGINATOR), then one segment per satellite: META_START ..
 *   META_STOP (OBJECT_NAME, OBJECT_ID, CENTER_NAME = EARTH, REF_FRAME, TIME_SYSTEM = UTC, START_TIME,
 *   STOP_TIME, INTERPOLATION, INTERPOLATION_DEGREE) and data lines `epoch x y z x_dot y_dot z_dot` in
 *   km and km/s. Version 2.0 is written (the layout B-3 keeps; B-3's version 3.0 only adds optional
 *   keywords). REF_FRAME is TEME (SGP4's frame) or ITRF2000 for the Earth-fixed state of
 *   src/core/frames.ts (PEF: polar motion neglected; a COMMENT in the segment says so).
 * - STK ephemeris (`.e`, stk.v.11.0): BEGIN Ephemeris with NumberOfEphemerisPoints, ScenarioEpoch,
 *   InterpolationMethod, CentralBody, CoordinateSystem (TEMEOfDate or Fixed), DistanceUnit
 *   Kilometers, then EphemerisTimePosVel lines `seconds-from-epoch x y z vx vy vz`. One file per
 *   satellite, as STK reads them.
 *
 * A point where SGP4 fails (e.g. the satellite decayed) ends the satellite's ephemeris: the points
 * before it are written, with a COMMENT (OEM) or a `#` line (STK) naming the error.
 */
export type EphemerisFrame = 'teme' | 'itrf';

export interface EphemerisSegment {
  name: string;
  /** International designator (OMM OBJECT_ID), or '' when unknown. */
  objectId: string;
  /** Catalogue number, or -1. */
  noradId: number;
  /** The planner's satellite id (input order from 0). */
  id: number;
  frame: EphemerisFrame;
  startMs: number;
  stepS: number;
  /** Points in p / v / error. */
  count: number;
  /** xyz per point, km. */
  p: Float64Array;
  /** xyz per point, km/s. */
  v: Float64Array;
  /** SGP4 error code per point (0 = fine). */
  error: Uint8Array;
}

/** Points before the first SGP4 error (all of them when there is none). */
export function usablePoints(seg: EphemerisSegment): number {
  for (let k = 0; k < seg.count; k++) if (seg.error[k] !== 0) return k;
  return seg.count;
}

/** `YYYY-MM-DDThh:mm:ss.fff` (UTC, no zone letter: the OEM's TIME_SYSTEM says UTC). */
export function ccsdsTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, -1);
}

const timeAt = (seg: EphemerisSegment, k: number): number => seg.startMs + k * seg.stepS * 1000;

/** OEM value text: one line, no `=` ambiguity (KVN values run to the end of the line). */
const kvnValue = (s: string): string => s.replace(/[\r\n]+/g, ' ').trim() || 'UNKNOWN';

export function objectIdOf(seg: EphemerisSegment): string {
  return seg.objectId || (seg.noradId >= 0 ? String(seg.noradId) : `PLANNER-${seg.id}`);
}

export function oemHeader(opts: { creationMs: number; originator: string; comment?: string }): string {
  return [
    'CCSDS_OEM_VERS = 2.0',
    ...(opts.comment ? opts.comment.split('\n').map((c) => `COMMENT ${c}`) : []),
    `CREATION_DATE = ${ccsdsTime(opts.creationMs)}`,
    `ORIGINATOR = ${kvnValue(opts.originator)}`,
    '',
  ].join('\n');
}

const OEM_FRAME: Record<EphemerisFrame, string> = { teme: 'TEME', itrf: 'ITRF2000' };

/** One OEM segment (metadata and data lines), or '' when the satellite has no usable point. */
export function oemSegment(seg: EphemerisSegment): string {
  const n = usablePoints(seg);
  if (n === 0) return '';
  const lines = [
    '',
    'META_START',
    `OBJECT_NAME = ${kvnValue(seg.name)}`,
    `OBJECT_ID = ${kvnValue(objectIdOf(seg))}`,
    'CENTER_NAME = EARTH',
    `REF_FRAME = ${OEM_FRAME[seg.frame]}`,
    'TIME_SYSTEM = UTC',
    `START_TIME = ${ccsdsTime(timeAt(seg, 0))}`,
    `STOP_TIME = ${ccsdsTime(timeAt(seg, n - 1))}`,
    'INTERPOLATION = LAGRANGE',
    `INTERPOLATION_DEGREE = ${Math.min(7, Math.max(1, n - 1))}`,
    'META_STOP',
    '',
  ];
  lines.push('COMMENT SGP4 from mean elements (satellite.js model); km and km/s');
  if (seg.frame === 'itrf') lines.push('COMMENT Earth-fixed by GMST rotation of TEME; polar motion and UT1-UTC neglected (about 0.5 km)');
  if (n < seg.count) lines.push(`COMMENT SGP4 error ${seg.error[n]} at ${ccsdsTime(timeAt(seg, n))}: ephemeris ends before it`);
  const { p, v } = seg;
  for (let k = 0; k < n; k++) {
    const i = 3 * k;
    lines.push(
      `${ccsdsTime(timeAt(seg, k))} ${p[i].toFixed(6)} ${p[i + 1].toFixed(6)} ${p[i + 2].toFixed(6)} ` +
        `${v[i].toFixed(9)} ${v[i + 1].toFixed(9)} ${v[i + 2].toFixed(9)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** STK's date format: `10 Aug 2022 00:00:00.000`. */
export function stkTime(ms: number): string {
  const d = new Date(ms);
  const iso = d.toISOString();
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${iso.slice(11, 23)}`;
}

/** One STK `.e` file for one satellite ('' when it has no usable point). */
export function stkEphemeris(seg: EphemerisSegment, opts: { writtenBy: string }): string {
  const n = usablePoints(seg);
  if (n === 0) return '';
  const lines = [
    'stk.v.11.0',
    `# WrittenBy ${opts.writtenBy}`,
    `# ${seg.name} (${objectIdOf(seg)}), SGP4 from mean elements`,
    ...(n < seg.count ? [`# SGP4 error ${seg.error[n]} at ${ccsdsTime(timeAt(seg, n))}: ephemeris ends before it`] : []),
    'BEGIN Ephemeris',
    `NumberOfEphemerisPoints ${n}`,
    `ScenarioEpoch ${stkTime(seg.startMs)}`,
    'InterpolationMethod Lagrange',
    `InterpolationSamplesM1 ${Math.min(7, Math.max(1, n - 1))}`,
    'CentralBody Earth',
    `CoordinateSystem ${seg.frame === 'teme' ? 'TEMEOfDate' : 'Fixed'}`,
    'DistanceUnit Kilometers',
    '',
    'EphemerisTimePosVel',
    '',
  ];
  const { p, v } = seg;
  for (let k = 0; k < n; k++) {
    const i = 3 * k;
    lines.push(
      `${(k * seg.stepS).toFixed(3)} ${p[i].toFixed(6)} ${p[i + 1].toFixed(6)} ${p[i + 2].toFixed(6)} ` +
        `${v[i].toFixed(9)} ${v[i + 1].toFixed(9)} ${v[i + 2].toFixed(9)}`,
    );
  }
  lines.push('', 'END Ephemeris', '');
  return lines.join('\n');
}

/**
 * Satellite ids from `--ids` text: `all`, or a comma-separated list of ids and inclusive ranges
 * (`0,5,10-20`), ascending without repeats. Throws Error naming the bad item.
 */
export function parseIdList(text: string, count: number): number[] {
  if (text.trim().toLowerCase() === 'all') return Array.from({ length: count }, (_, i) => i);
  return parseNumberList(text, (n) => (n >= count ? `${n} is not a satellite id (the file has ids 0 to ${count - 1})` : null));
}

/** Whole numbers and inclusive ranges (`25544,44713-44720`), ascending without repeats. */
export function parseNumberList(text: string, check: (n: number) => string | null = () => null): number[] {
  const out = new Set<number>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(item);
    if (!m) throw new Error(`"${item}" is not a number or a range (like 10-20)`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new Error(`"${item}": the range runs backwards`);
    if (b - a > 10_000_000) throw new Error(`"${item}": range too large`);
    for (let n = a; n <= b; n++) {
      const bad = check(n);
      if (bad) throw new Error(bad);
      out.add(n);
    }
  }
  return [...out].sort((x, y) => x - y);
}
