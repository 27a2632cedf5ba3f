/**
 * Writers for OMM JSON, CSV and XML (CelesTrak field names and order). Numbers are written in
 * JavaScript's shortest round-trip form, so reading a written file gives back identical
 * doubles; epochs are written to the microsecond (the precision CelesTrak uses).
 */
import { csvField } from '../csv';
import type { ElementColumns } from './columns';
import { elementProblem } from './context';
import { formatOmmEpoch, OMM_FIELDS, ommObjectId } from './omm';
import { escapeXmlText } from './omm-xml';
import type { WriteResult } from './tle';
import type { ImportIssue } from './types';

type Value = string | number | null;

/** The OMM values of row k in OMM_FIELDS order, or a reason it cannot be written. */
function rowValues(cols: ElementColumns, k: number, out: Value[]): string | null {
  const epoch = formatOmmEpoch(cols.epochMs[k]);
  if (epoch === null) return `epoch ${cols.epochMs[k]} ms cannot be written (years 0-9999 only)`;
  const nums = [
    cols.meanMotionRevPerDay[k],
    cols.eccentricity[k],
    cols.inclinationDeg[k],
    cols.raanDeg[k],
    cols.argPerigeeDeg[k],
    cols.meanAnomalyDeg[k],
    cols.bstar[k],
    cols.meanMotionDotRevPerDay2[k],
    cols.meanMotionDdotRevPerDay3[k],
  ];
  for (const v of nums) if (!Number.isFinite(v)) return 'non-finite element value';
  const bad = elementProblem(nums[1], nums[0], nums[2]);
  if (bad !== null) return bad;
  out[0] = cols.names?.[k] ?? '';
  out[1] = ommObjectId(cols.objectIds?.[k] ?? '');
  out[2] = epoch;
  out[3] = nums[0];
  out[4] = nums[1];
  out[5] = nums[2];
  out[6] = nums[3];
  out[7] = nums[4];
  out[8] = nums[5];
  out[9] = cols.ephemerisType?.[k] ?? 0;
  out[10] = cols.classification?.[k] || 'U';
  out[11] = cols.noradId[k] >= 0 ? cols.noradId[k] : null;
  out[12] = cols.elementSetNo[k];
  out[13] = cols.revAtEpoch[k];
  out[14] = nums[6];
  out[15] = nums[7];
  out[16] = nums[8];
  return null;
}

/** Shortest round-trip decimal; negative zero (a TLE '-.00000000') is kept as '-0', which reads back as -0. */
function num(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

function each(cols: ElementColumns, emit: (vals: Value[], k: number) => void): { written: number; skipped: ImportIssue[] } {
  const vals: Value[] = new Array(OMM_FIELDS.length).fill(null);
  const skipped: ImportIssue[] = [];
  let written = 0;
  for (let k = 0; k < cols.count; k++) {
    const bad = rowValues(cols, k, vals);
    if (bad !== null) {
      skipped.push({ line: 0, record: k + 1, reason: bad });
      continue;
    }
    emit(vals, k);
    written++;
  }
  return { written, skipped };
}

/** OMM JSON: an array of flat objects, one per satellite (CelesTrak FORMAT=json layout). */
export function writeOmmJson(cols: ElementColumns): WriteResult {
  const parts: string[] = [];
  const r = each(cols, (vals) => {
    const fields: string[] = [];
    for (let f = 0; f < OMM_FIELDS.length; f++) {
      const v = vals[f];
      if (v === null) continue;
      fields.push(`${JSON.stringify(OMM_FIELDS[f])}:${typeof v === 'number' ? num(v) : JSON.stringify(v)}`);
    }
    parts.push(`{${fields.join(',')}}`);
  });
  return { text: parts.length ? `[${parts.join(',\n')}]\n` : '[]\n', ...r, warnings: [] };
}

function csvCell(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'number') return num(v);
  return csvField(v);
}

/** OMM CSV: CelesTrak's header and column order, one line per satellite. */
export function writeOmmCsv(cols: ElementColumns): WriteResult {
  const lines: string[] = [OMM_FIELDS.join(',')];
  const warnings: ImportIssue[] = [];
  const r = each(cols, (vals, k) => {
    for (const f of [0, 1, 10]) {
      const v = vals[f];
      if (typeof v === 'string' && /[\r\n]/.test(v)) {
        vals[f] = v.replace(/[\r\n]+/g, ' ');
        warnings.push({ line: 0, record: k + 1, reason: `line breaks in ${OMM_FIELDS[f]} replaced by spaces` });
      }
    }
    lines.push(vals.map(csvCell).join(','));
  });
  return { text: `${lines.join('\n')}\n`, ...r, warnings };
}

const META = ['OBJECT_NAME', 'OBJECT_ID'] as const;

/** OMM XML: CCSDS NDM/XML with one <omm> per satellite (CelesTrak FORMAT=xml layout). */
export function writeOmmXml(cols: ElementColumns): WriteResult {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ndm xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:noNamespaceSchemaLocation="https://sanaregistry.org/r/ndmxml_unqualified/ndmxml-2.0.0-master-2.0.xsd">',
  ];
  const el = (name: string, v: Value): string =>
    v === null ? '' : `<${name}>${typeof v === 'number' ? num(v) : escapeXmlText(v)}</${name}>`;
  const r = each(cols, (vals) => {
    const meta = META.map((f, k) => el(f, vals[k])).join('');
    const mean = [2, 3, 4, 5, 6, 7, 8].map((f) => el(OMM_FIELDS[f], vals[f])).join('');
    const tle = [9, 10, 11, 12, 13, 14, 15, 16].map((f) => el(OMM_FIELDS[f], vals[f])).join('');
    out.push(
      '<omm id="CCSDS_OMM_VERS" version="2.0">' +
        '<header><CREATION_DATE/><ORIGINATOR/></header>' +
        '<body><segment>' +
        `<metadata>${meta}<CENTER_NAME>EARTH</CENTER_NAME><REF_FRAME>TEME</REF_FRAME>` +
        `<TIME_SYSTEM>UTC</TIME_SYSTEM><MEAN_ELEMENT_THEORY>SGP4</MEAN_ELEMENT_THEORY></metadata>` +
        `<data><meanElements>${mean}</meanElements><tleParameters>${tle}</tleParameters></data>` +
        '</segment></body></omm>',
    );
  });
  out.push('</ndm>');
  return { text: `${out.join('\n')}\n`, ...r, warnings: [] };
}

export interface OmmKvnOptions {
  /** CREATION_DATE (default: now). */
  creationMs?: number;
  /** ORIGINATOR (default ORBITAL-DC-PLANNER, as in the OEM files). */
  originator?: string;
}

/** KVN text value: one line, no '=' (CCSDS 502.0-B-3 7.4.2.2), empty -> UNKNOWN (tables 4-2). */
function kvnText(v: string): string {
  return (
    v
      .replace(/[\r\n]+/g, ' ')
      .replace(/=/g, '-')
      .trim() || 'UNKNOWN'
  );
}

const KVN_KEY_WIDTH = 19; // 'MEAN_ELEMENT_THEORY'

/**
 * OMM KVN (CCSDS 502.0-B-3 section 4, KVN syntax of section 7): one message per satellite,
 * each with its own header (`CCSDS_OMM_VERS = 2.0`, CREATION_DATE, ORIGINATOR), the TLE metadata
 * conventions of 4.2.4.6 (EARTH, TEME, UTC, SGP4) and the mean elements and TLE parameters of
 * table 4-3, without units (they are optional; the table's units apply). Messages are separated
 * by a blank line. Names and designators lose line breaks and '=' (not allowed in KVN values),
 * with a warning; an empty one is written UNKNOWN, which the reader takes as empty.
 */
export function writeOmmKvn(cols: ElementColumns, opts: OmmKvnOptions = {}): WriteResult {
  const created = formatOmmEpoch(opts.creationMs ?? Date.now())?.slice(0, 23) ?? '2000-01-01T00:00:00.000';
  const originator = kvnText(opts.originator ?? 'ORBITAL-DC-PLANNER');
  const warnings: ImportIssue[] = [];
  const blocks: string[] = [];
  const kv = (k: string, v: Value): string => `${k.padEnd(KVN_KEY_WIDTH)} = ${typeof v === 'number' ? num(v) : v}`;
  const r = each(cols, (vals, k) => {
    const text = (f: number): string => {
      const v = String(vals[f] ?? '');
      const t = kvnText(v);
      if (v !== '' && t !== v.trim()) warnings.push({ line: 0, record: k + 1, reason: `line breaks or '=' in ${OMM_FIELDS[f]} replaced` });
      return t;
    };
    const lines = [
      kv('CCSDS_OMM_VERS', '2.0'),
      kv('CREATION_DATE', created),
      kv('ORIGINATOR', originator),
      '',
      kv('OBJECT_NAME', text(0)),
      kv('OBJECT_ID', text(1)),
      kv('CENTER_NAME', 'EARTH'),
      kv('REF_FRAME', 'TEME'),
      kv('TIME_SYSTEM', 'UTC'),
      kv('MEAN_ELEMENT_THEORY', 'SGP4'),
      '',
    ];
    for (let f = 2; f <= 8; f++) lines.push(kv(OMM_FIELDS[f], vals[f]));
    lines.push('');
    for (let f = 9; f <= 16; f++) {
      const v = vals[f];
      if (v === null) continue;
      lines.push(kv(OMM_FIELDS[f], f === 10 ? text(10) : v));
    }
    blocks.push(`${lines.join('\n')}\n`);
  });
  return { text: blocks.join('\n'), ...r, warnings };
}
