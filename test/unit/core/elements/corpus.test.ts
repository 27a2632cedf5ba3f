/**
 * Bad-record reporting: a corpus of broken lines per format, each with the line number and
 * reason it must be reported with, and the good records around them still loading.
 */
import { describe, expect, it } from 'vitest';
import { parseElements } from '../../../../src/core/elements/stream';
import { readFixture } from './helpers';

describe('TLE broken-line corpus (test/fixtures/elements/broken-lines.tle)', () => {
  const text = readFixture('broken-lines.tle');
  const expected: Array<[number, string]> = [
    [6, 'bad checksum on line 2: expected 8, found 2'],
    [8, 'line 1 wrong length (68 chars, expected 69)'],
    [12, "non-numeric field MEAN_MOTION (line 2 cols 53-63): '1x.72125391'"],
    [15, 'mean motion <= 0 (0 rev/day)'],
    [18, 'missing field INCLINATION (line 2 cols 9-16 blank)'],
    [20, 'epoch unparsable: day of year 400.51782528 outside 1..366'],
    [23, 'line 1 not followed by line 2 (truncated record)'],
    [24, 'text line not followed by TLE line 1 (truncated 3-line record or garbage)'],
    [28, 'not a TLE line (control or binary characters)'],
    [29, 'line 2 without a preceding line 1 (truncated record)'],
    [32, 'catalogue number differs between line 1 (25553) and line 2 (25554)'],
    [34, "non-numeric field BSTAR (line 1 cols 54-61): '-1160x-4'"],
    [37, "epoch unparsable (line 1 cols 19-32): '0x264.51782528'"],
    [44, 'line 2 wrong length (71 chars, expected 69)'],
  ];

  it('reports every bad record with its line and reason, and loads the good ones', () => {
    const r = parseElements(text);
    expect(r.format).toBe('tle');
    expect(r.rejected.map((i) => [i.line, i.reason])).toEqual(expected);
    expect(r.accepted).toBe(4);
    expect(r.accepted + r.rejected.length).toBe(18);
    // Record numbers run in file order over accepted and rejected records alike.
    expect(r.rejected.map((i) => i.record)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 17]);
    expect(r.columns.names).toEqual(['ISS (ZARYA)', 'ALPHA FIVE', '', 'LAST VALID']);
    expect(Array.from(r.columns.noradId)).toEqual([25544, 100001, 25557, 25559]);
    expect(r.rejected[0].text).toMatch(/^2 25545 /);
    expect(r.warnings).toEqual([]);
  });

  it('accepts the bad checksum with a warning when asked to', () => {
    const r = parseElements(text, { acceptBadChecksums: true });
    expect(r.accepted).toBe(5);
    expect(r.rejected.length).toBe(13);
    expect(r.warnings.map((w) => [w.line, w.record, w.reason])).toEqual([
      [6, 2, 'bad checksum on line 2: expected 8, found 2 (accepted on request)'],
    ]);
    expect(r.columns.names![1]).toBe('BAD CHECKSUM');
  });
});

const GOOD = {
  OBJECT_NAME: 'ISS (ZARYA)',
  OBJECT_ID: '1998-067A',
  EPOCH: '2022-08-09T12:00:13.416480',
  MEAN_MOTION: 15.50167045,
  ECCENTRICITY: 0.0005243,
  INCLINATION: 51.6432,
  RA_OF_ASC_NODE: 130.6411,
  ARG_OF_PERICENTER: 33.9426,
  MEAN_ANOMALY: 64.3474,
  EPHEMERIS_TYPE: 0,
  CLASSIFICATION_TYPE: 'U',
  NORAD_CAT_ID: 25544,
  ELEMENT_SET_NO: 999,
  REV_AT_EPOCH: 35390,
  BSTAR: 0.00027658,
  MEAN_MOTION_DOT: 0.00015176,
  MEAN_MOTION_DDOT: 0,
};
type Rec = Record<string, unknown>;
const variant = (patch: Rec, drop: string[] = []): Rec => {
  const o: Rec = { ...GOOD, ...patch };
  for (const d of drop) delete o[d];
  return o;
};
/** [record, expected reason or null when it must load]. */
const CASES: Array<[Rec, string | null]> = [
  [GOOD, null],
  [variant({ ECCENTRICITY: 1.2 }), 'eccentricity >= 1 (1.2)'],
  [variant({ MEAN_MOTION: 0 }), 'mean motion <= 0 (0 rev/day)'],
  [variant({ MEAN_MOTION: -3 }), 'mean motion <= 0 (-3 rev/day)'],
  [variant({}, ['EPOCH']), 'missing field EPOCH'],
  [variant({}, ['INCLINATION']), 'missing field INCLINATION'],
  [variant({ EPOCH: '2022-13-45T00:00:00' }), "epoch unparsable: '2022-13-45T00:00:00'"],
  [variant({ EPOCH: 'yesterday' }), "epoch unparsable: 'yesterday'"],
  [variant({ MEAN_MOTION: '15.5x' }), "non-numeric field MEAN_MOTION: '15.5x'"],
  [variant({ MEAN_MOTION: '15.50167045', BSTAR: '2.7658E-4', NORAD_CAT_ID: '25544' }), null],
  [variant({ ECCENTRICITY: -0.1 }), 'eccentricity < 0 (-0.1)'],
  [variant({ INCLINATION: 190 }), 'inclination outside 0..180 deg (190)'],
  [variant({ NORAD_CAT_ID: 1.5 }), 'field NORAD_CAT_ID is not an integer in range: 1.5'],
];

describe('OMM JSON corpus', () => {
  it('rejects each bad object with its line and reason; others load', () => {
    const text = `[\n${CASES.map(([o]) => JSON.stringify(o)).join(',\n')}\n]`;
    const r = parseElements(text);
    expect(r.format).toBe('omm-json');
    const want = CASES.map(([, reason], k) => (reason ? [k + 2, k + 1, reason] : null)).filter((x) => x !== null);
    expect(r.rejected.map((i) => [i.line, i.record, i.reason])).toEqual(want);
    expect(r.accepted).toBe(2);
    expect(r.columns.bstar[1]).toBe(2.7658e-4);
  });

  it('survives syntax errors, non-objects, truncation and a missing ]', () => {
    const g = JSON.stringify(GOOD);
    const text =
      `[\n${g},\n{"EPOCH": "2022-01-01T00:00:00", "MEAN_MOTION": 15,, },` + `\n42,\n"text",\n${g},\n{"OBJECT_NAME": "CUT", "EPOCH": "2022`;
    const r = parseElements(text);
    expect(r.accepted).toBe(2);
    expect(r.rejected.map((i) => [i.line, i.record, i.reason.replace(/:.*/, '')])).toEqual([
      [3, 2, 'JSON syntax error'],
      [4, 3, 'JSON array element is not an object'],
      [5, 4, 'JSON array element is not an object'],
      [7, 6, 'truncated JSON record (input ended inside it)'],
    ]);
  });
});

const HEADER = Object.keys(GOOD).join(',');
const csvRow = (o: Rec) =>
  Object.keys(GOOD)
    .map((k) => (k in o ? String(o[k]) : ''))
    .join(',');

describe('OMM CSV corpus', () => {
  it('rejects each bad row with its line and reason; others load', () => {
    const text = [HEADER, ...CASES.map(([o]) => csvRow(o)), 'ISS,1998-067A,2022-08-09T12:00:13', ''].join('\r\n');
    const r = parseElements(text);
    expect(r.format).toBe('omm-csv');
    // CSV cells are text, so a value shown in a reason is quoted.
    const quoted = (reason: string) => reason.replace(/: 1\.5$/, ": '1.5'");
    const want: Array<[number, string]> = CASES.map(([, reason], k) =>
      reason ? ([k + 2, quoted(reason)] as [number, string]) : null,
    ).filter((x): x is [number, string] => x !== null);
    want.push([CASES.length + 2, 'row has 3 fields, header has 17']);
    expect(r.rejected.map((i) => [i.line, i.reason])).toEqual(want);
    expect(r.accepted).toBe(2);
    expect(r.columns.names).toEqual(['ISS (ZARYA)', 'ISS (ZARYA)']);
  });
});

const xmlRecord = (o: Rec) =>
  `<omm id="CCSDS_OMM_VERS" version="2.0">\n<header><CREATION_DATE/><ORIGINATOR/></header>\n<body><segment><metadata>` +
  ['OBJECT_NAME', 'OBJECT_ID'].map((k) => (k in o ? `<${k}>${o[k]}</${k}>` : '')).join('') +
  `</metadata>\n<data><meanElements>` +
  ['EPOCH', 'MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY']
    .map((k) => (k in o ? `<${k}>${o[k]}</${k}>` : ''))
    .join('') +
  `</meanElements><tleParameters>` +
  [
    'EPHEMERIS_TYPE',
    'CLASSIFICATION_TYPE',
    'NORAD_CAT_ID',
    'ELEMENT_SET_NO',
    'REV_AT_EPOCH',
    'BSTAR',
    'MEAN_MOTION_DOT',
    'MEAN_MOTION_DDOT',
  ]
    .map((k) => (k in o ? `<${k}>${o[k]}</${k}>` : ''))
    .join('') +
  `</tleParameters></data></segment></body></omm>`;

describe('OMM XML corpus', () => {
  it('rejects each bad <omm> with the line it starts on and the reason; others load', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<ndm>\n${CASES.map(([o]) => xmlRecord(o)).join('\n')}\n</ndm>\n`;
    const r = parseElements(text);
    expect(r.format).toBe('omm-xml');
    // Each record spans 4 lines, the first starting on line 3; XML text is quoted in reasons like CSV.
    const want = CASES.map(([, reason], k) => (reason ? [3 + 4 * k, reason.replace(/: 1\.5$/, ": '1.5'")] : null)).filter(
      (x) => x !== null,
    );
    expect(r.rejected.map((i) => [i.line, i.reason])).toEqual(want);
    expect(r.accepted).toBe(2);
  });

  it('reports an unclosed <omm> and a truncated file, keeping the good records', () => {
    const good = xmlRecord(GOOD);
    const broken = good.slice(0, good.indexOf('</tleParameters>'));
    // Lines: <ndm> 1, good 2-5, broken 6-9, good 10-13, broken 14-17.
    const text = `<ndm>\n${good}\n${broken}\n${good}\n${broken}`;
    const r = parseElements(text);
    expect(r.accepted).toBe(2);
    expect(r.rejected.map((i) => [i.line, i.reason])).toEqual([
      [6, 'truncated XML record (<omm> not closed before the next <omm>)'],
      [14, 'truncated XML record (<omm> not closed)'],
    ]);
  });
});

describe('unrecognised input', () => {
  it('is one rejected record naming the problem, never a throw', () => {
    const r = parseElements('hello world\nthis is not an element set\n');
    expect(r.format).toBe('unknown');
    expect(r.accepted).toBe(0);
    expect(r.rejected).toEqual([
      { line: 1, record: 1, reason: 'format not recognised (expected TLE, OMM JSON, OMM CSV, OMM XML or OMM KVN)', text: 'hello world' },
    ]);
  });
  it('empty input is zero records with a warning', () => {
    const r = parseElements('  \n\n');
    expect(r.accepted).toBe(0);
    expect(r.rejected).toEqual([]);
    expect(r.warnings.map((w) => w.reason)).toEqual(['empty input: no element records']);
  });
});
