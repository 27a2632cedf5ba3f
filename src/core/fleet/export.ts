/**
 * A fleet's mean elements as an element file other tools read (STK, GMAT, satellite.js, CelesTrak
 * consumers): `plan export` and the page's Export menu. Satellites are written in fleet order with their names (generated ones get
 * `<shell>-P<plane>-S<slot>`). The writers of src/core/elements run on slices of 50,000
 * satellites, so a million-satellite fleet never becomes one giant string (a V8 string holds at
 * most ~536 M characters; OMM JSON of 1M satellites is ~400 MB).
 * TLE needs a catalogue number that fits Alpha-5 (<= 339,999): satellites without one get
 * sequential numbers from --first-id (default 1); those that do not fit are skipped and counted.
 */
import {
  sliceElementColumns,
  writeOmmCsv,
  writeOmmJson,
  writeOmmKvn,
  writeOmmXml,
  writeTle,
  type ElementColumns,
  type ImportIssue,
} from '../elements';
import { satelliteName, type Fleet } from './fleet';

export const EXPORT_FORMATS = ['tle', 'omm-json', 'omm-csv', 'omm-xml', 'omm-kvn'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const SLICE_DEFAULT = 50_000;

export interface ExportResult {
  written: number;
  skipped: ImportIssue[];
  warnings: ImportIssue[];
}

/** The fleet's element columns with every satellite named (no copy of the numeric columns). */
function namedColumns(fleet: Fleet): ElementColumns {
  const e = fleet.elements;
  const names = new Array<string>(fleet.count);
  for (let i = 0; i < fleet.count; i++) names[i] = satelliteName(fleet, i);
  return {
    ...e,
    names,
    objectIds: e.objectIds ?? new Array<string>(fleet.count).fill(''),
    classification: e.classification ?? new Array<string>(fleet.count).fill('U'),
  };
}

export interface ExportOptions {
  /** TLE: first catalogue number for satellites without one (default 1). */
  firstId?: number;
  /** Satellites per writer call (default 50,000). */
  sliceSize?: number;
  /** Write only satellites [start, end) of the fleet (default: all), e.g. one of several TLE files. */
  start?: number;
  end?: number;
  /** OMM KVN: CREATION_DATE of every message (default: now). */
  creationMs?: number;
}

/** Most satellites one TLE file can number (Alpha-5 catalogue numbers 1..339,999). */
export const TLE_MAX_SATELLITES = 339_999;

/** Write the fleet in `format` to `write`, slice by slice. */
export function exportFleet(fleet: Fleet, format: ExportFormat, write: (text: string) => unknown, opts: ExportOptions = {}): ExportResult {
  const it = exportFleetSlices(fleet, format, opts);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    write(r.value.text);
  }
}

/**
 * The same, one piece of text per slice (a generator, so a page can yield and show progress
 * between slices; `done` counts the satellites handled so far). Returns the counts.
 */
export function* exportFleetSlices(
  fleet: Fleet,
  format: ExportFormat,
  opts: ExportOptions = {},
): Generator<{ text: string; done: number }, ExportResult> {
  const SLICE = Math.max(1, Math.floor(opts.sliceSize ?? SLICE_DEFAULT));
  const cols = namedColumns(fleet);
  const from = Math.max(0, Math.min(fleet.count, Math.floor(opts.start ?? 0)));
  const to = Math.max(from, Math.min(fleet.count, Math.floor(opts.end ?? fleet.count)));
  const n = to - from;
  const skipped: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  let written = 0;
  let nextId = opts.firstId ?? 1;
  let jsonItems = 0;
  let kvnItems = 0;
  const creationMs = opts.creationMs ?? Date.now();
  if (format === 'omm-json') yield { text: '[', done: 0 };
  for (let s = from; s < to || (s === from && n === 0); s += SLICE) {
    const e = Math.min(to, s + SLICE);
    const part = sliceElementColumns(cols, s, e);
    const shift = (x: ImportIssue): ImportIssue => ({ ...x, record: x.record + s });
    let text: string;
    if (format === 'tle') {
      // numbers for satellites without one continue across slices
      const r = writeTle(part, { assignIds: nextId });
      nextId = r.nextAssignedId ?? nextId;
      text = r.text;
      written += r.written;
      for (const x of r.skipped) skipped.push(shift(x));
      for (const x of r.warnings) warnings.push(shift(x));
    } else {
      const r =
        format === 'omm-json'
          ? writeOmmJson(part)
          : format === 'omm-csv'
            ? writeOmmCsv(part)
            : format === 'omm-kvn'
              ? writeOmmKvn(part, { creationMs })
              : writeOmmXml(part);
      written += r.written;
      for (const x of r.skipped) skipped.push(shift(x));
      for (const x of r.warnings) warnings.push(shift(x));
      text = r.text;
      if (format === 'omm-json') {
        // '[a,\nb]\n' -> 'a,\nb', joined across slices with ',\n'
        const body = text.trim().slice(1, -1);
        if (body.length > 0) {
          text = (jsonItems > 0 ? ',\n' : '') + body;
          jsonItems += r.written;
        } else text = '';
      } else if (format === 'omm-kvn') {
        // messages are separated by a blank line, across slices too
        if (kvnItems > 0 && text.length > 0) text = `\n${text}`;
        kvnItems += r.written;
      } else if (format === 'omm-csv') {
        if (s > from) text = text.slice(text.indexOf('\n') + 1); // header once
      } else {
        // XML: the two header lines once, '</ndm>' once at the end
        const lines = text.split('\n');
        const first = s === from ? 0 : 2;
        text = lines.slice(first, lines.length - 2).join('\n');
        text = text.length > 0 ? `${text}\n` : '';
      }
    }
    yield { text, done: e - from };
    if (n === 0) break;
  }
  if (format === 'omm-json') yield { text: ']\n', done: n };
  if (format === 'omm-xml') yield { text: '</ndm>\n', done: n };
  return { written, skipped, warnings };
}

/** File name extension and MIME type of each format. */
export const EXPORT_FILE: Record<ExportFormat, { ext: string; mime: string; label: string }> = {
  tle: { ext: 'tle', mime: 'text/plain', label: 'TLE (3-line)' },
  'omm-json': { ext: 'json', mime: 'application/json', label: 'OMM JSON' },
  'omm-csv': { ext: 'csv', mime: 'text/csv', label: 'OMM CSV' },
  'omm-xml': { ext: 'xml', mime: 'application/xml', label: 'OMM XML' },
  'omm-kvn': { ext: 'kvn', mime: 'text/plain', label: 'OMM KVN (CCSDS)' },
};
