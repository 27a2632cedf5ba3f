/**
 * OMM KVN (CCSDS 502.0-B-3, keyword = value text): the standard's annex G example layout, the
 * whole real catalogue carried TLE -> KVN -> back, streaming in arbitrary chunks, and hostile
 * messages (missing keywords, wrong units, bad dates, wrong frames, comments, several OMMs in one
 * file), each rejection with its line number and reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatOmmEpoch, parseOmmEpoch } from '../../../../src/core/elements/omm';
import { writeOmmJson, writeOmmKvn } from '../../../../src/core/elements/omm-write';
import { createElementStreamParser, detectElementFormat, parseElements } from '../../../../src/core/elements/stream';
import type { ImportResult } from '../../../../src/core/elements/types';
import { exportFleet } from '../../../../src/core/fleet/export';
import { buildFleet } from '../../../../src/core/fleet/generators';
import { presetScenario } from '../../../../src/core/presets';
import { cutAt, diffColumns, readSharedData } from './helpers';

// In the layout of CCSDS 502.0-B-3 annex G (GOES 9 example), with the optional [units] of 7.x.
const GOES9 = `CCSDS_OMM_VERS = 3.0
CREATION_DATE = 2020-065T16:00:00
ORIGINATOR = NOAA
MESSAGE_ID = OMM 202013719185
COMMENT a comment after the version is allowed in the header
OBJECT_NAME = GOES 9
OBJECT_ID = 1995-025A
CENTER_NAME = EARTH
REF_FRAME = TEME
TIME_SYSTEM = UTC
MEAN_ELEMENT_THEORY = SGP/SGP4
COMMENT mean elements
EPOCH = 2020-064T10:34:41.4264
MEAN_MOTION = 1.00273272 [rev/day]
ECCENTRICITY = 0.0005013
INCLINATION = 3.0539 [deg]
RA_OF_ASC_NODE = 81.7939 [deg]
ARG_OF_PERICENTER = 249.2363 [deg]
MEAN_ANOMALY = 150.1602 [deg]
GM = 398600.8 [km**3/s**2]
EPHEMERIS_TYPE = 0
CLASSIFICATION_TYPE = U
NORAD_CAT_ID = 23581
ELEMENT_SET_NO = 0925
REV_AT_EPOCH = 4316
BSTAR = 0.0001 [1/ER]
MEAN_MOTION_DOT = -0.00000113 [rev/day**2]
MEAN_MOTION_DDOT = 0.0 [rev/day**3]
COV_REF_FRAME = TEME
CX_X = 3.331349476038534e-04 [km**2]
CX_DOT_X = -3.349365033922630e-07 [km**2/s]
USER_DEFINED_EARTH_MODEL = WGS-84
`;

const reasons = (r: ImportResult) => r.rejected.map((i) => [i.line, i.reason]);

describe('OMM KVN reader', () => {
  it('reads the annex G example: units, comments, covariance and user-defined keywords', () => {
    expect(detectElementFormat(GOES9)).toBe('omm-kvn');
    const r = parseElements(GOES9);
    expect(r.format).toBe('omm-kvn');
    expect(r.rejected).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.accepted).toBe(1);
    const c = r.columns;
    expect(c.names).toEqual(['GOES 9']);
    expect(c.objectIds).toEqual(['1995-025A']);
    expect(c.noradId[0]).toBe(23581);
    // 2020 day 64 = 4 March (leap year)
    expect(c.epochMs[0]).toBe((Date.UTC(2020, 2, 4, 10, 34, 41) * 1000 + 426400) / 1000);
    expect(c.meanMotionRevPerDay[0]).toBe(1.00273272);
    expect(c.eccentricity[0]).toBe(0.0005013);
    expect(c.inclinationDeg[0]).toBe(3.0539);
    expect(c.raanDeg[0]).toBe(81.7939);
    expect(c.argPerigeeDeg[0]).toBe(249.2363);
    expect(c.meanAnomalyDeg[0]).toBe(150.1602);
    expect(c.bstar[0]).toBe(0.0001);
    expect(c.meanMotionDotRevPerDay2[0]).toBe(-0.00000113);
    expect(c.meanMotionDdotRevPerDay3[0]).toBe(0);
    expect(c.elementSetNo[0]).toBe(925);
    expect(c.revAtEpoch[0]).toBe(4316);
  });

  it('detects KVN from content, not OEM or TLE', () => {
    expect(detectElementFormat(`COMMENT leading comment\n\n${GOES9}`)).toBe('omm-kvn');
    expect(detectElementFormat('OBJECT_NAME = X\nEPOCH = 2020-01-01T00:00:00\n')).toBe('omm-kvn');
    expect(detectElementFormat('CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2020-01-01T00:00:00\n')).toBe('unknown');
    expect(
      detectElementFormat(
        'ISS (ZARYA)\n1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n' +
          '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n',
      ),
    ).toBe('tle');
  });

  it('several OMMs in one file, with or without their header lines', () => {
    const second = GOES9.replace('GOES 9', 'GOES 10').replace('23581', '24786');
    const r = parseElements(`${GOES9}\n${second}`);
    expect(r.accepted).toBe(2);
    expect(r.columns.names).toEqual(['GOES 9', 'GOES 10']);
    expect(Array.from(r.columns.noradId)).toEqual([23581, 24786]);
    // Messages concatenated without their header lines: each OBJECT_NAME starts one, with a warning.
    const bare = (t: string) => t.split('\n').slice(5).join('\n');
    const b = parseElements(`${bare(GOES9)}${bare(second)}`);
    expect(b.accepted).toBe(2);
    expect(b.rejected).toEqual([]);
    expect(b.warnings.map((w) => [w.line, w.reason])).toEqual([
      [1, 'OMM starting on line 1 lacks mandatory keywords CCSDS_OMM_VERS, CREATION_DATE, ORIGINATOR (read as EARTH, TEME, UTC, SGP4)'],
      [28, 'OMM starting on line 28 lacks mandatory keywords CCSDS_OMM_VERS, CREATION_DATE, ORIGINATOR (read as EARTH, TEME, UTC, SGP4)'],
    ]);
  });

  it('hostile messages: every rejection names its line and why, the good OMMs around them are kept', () => {
    const lines = GOES9.split('\n');
    const at = (kw: string) => lines.findIndex((l) => l.startsWith(`${kw} `)) + 1; // 1-based within one message
    const swap = (kw: string, to: string | null) =>
      lines
        .map((l) => (l.startsWith(`${kw} `) ? to : l))
        .filter((l): l is string => l !== null)
        .join('\n');
    const n = GOES9.split('\n').length - 1; // lines per good message (ends with a newline)
    const cases: Array<[string, string, number, string]> = [
      ['missing keyword', swap('INCLINATION', null), 1, `OMM starting on line ${n + 1} lacks keyword INCLINATION`],
      [
        'two missing',
        swap('EPOCH', null).replace(/^MEAN_ANOMALY.*$/m, ''),
        1,
        `OMM starting on line ${n + 1} lacks keywords EPOCH, MEAN_ANOMALY`,
      ],
      ['wrong unit', swap('INCLINATION', 'INCLINATION = 0.0533 [rad]'), at('INCLINATION'), 'INCLINATION must be in [deg], found [rad]'],
      [
        'unit on unitless',
        swap('ECCENTRICITY', 'ECCENTRICITY = 0.0005 [deg]'),
        at('ECCENTRICITY'),
        'ECCENTRICITY has no units, found [deg]',
      ],
      ['not a number', swap('MEAN_MOTION', 'MEAN_MOTION = fast'), at('MEAN_MOTION'), "MEAN_MOTION is not a number: 'fast'"],
      [
        'bad date',
        swap('EPOCH', 'EPOCH = 2020-02-30T10:00:00'),
        at('EPOCH'),
        "EPOCH is not a CCSDS time (YYYY-MM-DDThh:mm:ss[.d] or YYYY-DDDThh:mm:ss[.d]): '2020-02-30T10:00:00'",
      ],
      [
        'day 367',
        swap('EPOCH', 'EPOCH = 2020-367T00:00:00'),
        at('EPOCH'),
        "EPOCH is not a CCSDS time (YYYY-MM-DDThh:mm:ss[.d] or YYYY-DDDThh:mm:ss[.d]): '2020-367T00:00:00'",
      ],
      [
        'wrong frame',
        swap('REF_FRAME', 'REF_FRAME = EME2000'),
        at('REF_FRAME'),
        'REF_FRAME = EME2000: SGP4 mean elements are in TEME (CCSDS 502.0-B-3 4.2.4.6)',
      ],
      [
        'wrong body',
        swap('CENTER_NAME', 'CENTER_NAME = MOON'),
        at('CENTER_NAME'),
        'CENTER_NAME = MOON: only Earth-centred elements can be propagated',
      ],
      [
        'wrong time',
        swap('TIME_SYSTEM', 'TIME_SYSTEM = TAI'),
        at('TIME_SYSTEM'),
        'TIME_SYSTEM = TAI: SGP4 element epochs are UTC (CCSDS 502.0-B-3 4.2.4.6)',
      ],
      [
        'other theory',
        swap('MEAN_ELEMENT_THEORY', 'MEAN_ELEMENT_THEORY = DSST'),
        at('MEAN_ELEMENT_THEORY'),
        'MEAN_ELEMENT_THEORY = DSST: only SGP4 mean elements can be propagated',
      ],
      [
        'semi-major axis',
        swap('MEAN_MOTION', 'SEMI_MAJOR_AXIS = 42164 [km]'),
        at('MEAN_MOTION'),
        'SEMI_MAJOR_AXIS given: SGP4 elements need MEAN_MOTION [rev/day] (CCSDS 502.0-B-3 4.2.4.6)',
      ],
      [
        'SGP4-XP',
        swap('BSTAR', 'BTERM = 0.02 [m**2/kg]'),
        at('BSTAR'),
        'BTERM is an SGP4-XP term: only SGP4 mean elements can be propagated',
      ],
      [
        'repeated',
        swap('ECCENTRICITY', 'ECCENTRICITY = 0.1\nECCENTRICITY = 0.2'),
        at('ECCENTRICITY') + 1,
        `keyword ECCENTRICITY repeated (first on line ${n + at('ECCENTRICITY')})`,
      ],
      ['hyperbolic', swap('ECCENTRICITY', 'ECCENTRICITY = 1.5'), at('ECCENTRICITY'), 'eccentricity >= 1 (1.5)'],
      ['integer', swap('NORAD_CAT_ID', 'NORAD_CAT_ID = 12.5'), at('NORAD_CAT_ID'), "field NORAD_CAT_ID is not an integer in range: '12.5'"],
    ];
    for (const [what, bad, line, reason] of cases) {
      // good, bad, good: the bad one is rejected at its own line, the others are read.
      const text = `${GOES9}${bad.endsWith('\n') ? bad : `${bad}\n`}${GOES9}`;
      const r = parseElements(text);
      expect(r.accepted, what).toBe(2);
      expect(reasons(r), what).toEqual([[n + line, reason]]);
      expect(r.rejected[0].record, what).toBe(2);
    }
  });

  it('lines that are not KVN are rejected on their own; unknown keywords warn once', () => {
    const r = parseElements(`${GOES9}this line is no keyword\n= 5\nFOO_BAR = 1\n${GOES9.replace('GM =', 'FOO_BAR = 2\nGM =')}`);
    expect(r.accepted).toBe(2);
    const n = GOES9.split('\n').length - 1;
    expect(reasons(r)).toEqual([
      [n + 1, 'not a KEYWORD = VALUE line'],
      [n + 2, "bad keyword ''"],
    ]);
    expect(r.warnings.map((w) => [w.line, w.reason])).toEqual([
      [n + 3, 'keyword FOO_BAR is not an OMM keyword (CCSDS 502.0-B-3 tables 4-1 to 4-3); ignored'],
    ]);
  });

  it('streams: any cut of the text gives the one-shot result', () => {
    const badUnit = GOES9.replace('INCLINATION = 3.0539 [deg]', 'INCLINATION = 3 [rad]');
    const text = `${GOES9}\n${GOES9.replace('GOES 9', 'GOES 10')}\r\n${badUnit}`;
    const whole = parseElements(text);
    expect(whole.accepted).toBe(2);
    for (let k = 0; k < 40; k++) {
      // cut points spread over the text, a different set each round (deterministic)
      const cuts = Array.from({ length: 1 + (k % 9) }, (_, j) => ((k + 1) * 7919 * (j + 1)) % text.length);
      const p = createElementStreamParser();
      for (const piece of cutAt(text, cuts)) p.push(piece);
      const r = p.finish();
      expect(r.rejected).toEqual(whole.rejected);
      expect(diffColumns(r.columns, whole.columns)).toBeNull();
    }
  });
});

describe('OMM KVN writer', () => {
  const creationMs = Date.UTC(2026, 11, 4, 1, 2, 3, 456);
  it('writes the keyword set of 502.0-B-3 tables 4-1 to 4-3 in their order', () => {
    const cols = parseElements(GOES9).columns;
    const w = writeOmmKvn(cols, { creationMs });
    expect(w.written).toBe(1);
    const keys = w.text
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => l.split('=')[0].trim());
    expect(keys).toEqual([
      'CCSDS_OMM_VERS',
      'CREATION_DATE',
      'ORIGINATOR',
      'OBJECT_NAME',
      'OBJECT_ID',
      'CENTER_NAME',
      'REF_FRAME',
      'TIME_SYSTEM',
      'MEAN_ELEMENT_THEORY',
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
    ]);
    expect(w.text).toContain('CREATION_DATE       = 2026-12-04T01:02:03.456\n');
    expect(w.text).toContain('REF_FRAME           = TEME\n');
    expect(w.text).toContain(`EPOCH               = ${formatOmmEpoch(cols.epochMs[0])}\n`);
    expect(w.text.split('\n').every((l) => l.length <= 255)).toBe(true);
    expect(diffColumns(parseElements(w.text).columns, cols)).toBeNull();
  });

  it('unnamed satellites are UNKNOWN and read back unnamed; = and line breaks are not written', () => {
    const cols = parseElements(GOES9).columns;
    const two = { ...cols, count: 2 } as typeof cols;
    for (const k of Object.keys(cols) as Array<keyof typeof cols>) {
      const v = cols[k];
      if (ArrayBuffer.isView(v)) {
        const a = new (v.constructor as Float64ArrayConstructor)(2);
        a[0] = (v as Float64Array)[0];
        a[1] = (v as Float64Array)[0];
        (two as unknown as Record<string, unknown>)[k] = a;
      } else if (Array.isArray(v)) (two as unknown as Record<string, unknown>)[k] = [v[0], v[0]];
    }
    two.names = ['', 'A=B\nC'];
    two.objectIds = ['', '1995-025A'];
    const w = writeOmmKvn(two, { creationMs });
    expect(w.text).toContain('OBJECT_NAME         = UNKNOWN\nOBJECT_ID           = UNKNOWN\n');
    expect(w.text).toContain('OBJECT_NAME         = A-B C\n');
    expect(w.warnings.map((x) => [x.record, x.reason])).toEqual([[2, "line breaks or '=' in OBJECT_NAME replaced"]]);
    const back = parseElements(w.text);
    expect(back.columns.names).toEqual(['', 'A-B C']);
    expect(back.columns.objectIds).toEqual(['', '1995-025A']);
  });
});

describe('real catalogue through OMM KVN', () => {
  let fromTle: ImportResult;
  beforeAll(() => {
    fromTle = parseElements(readSharedData('catalog-2022-08-09.tle'));
  });

  it('TLE -> OMM KVN -> read back equals the catalogue, and equals OMM JSON exactly', () => {
    const kvn = writeOmmKvn(fromTle.columns, { creationMs: Date.UTC(2022, 7, 10) });
    expect(kvn.written).toBe(25975);
    expect(kvn.skipped).toEqual([]);
    const back = parseElements(kvn.text);
    expect(back.format).toBe('omm-kvn');
    expect(back.accepted).toBe(25975);
    expect(back.rejected).toEqual([]);
    expect(back.warnings).toEqual([]);
    // Elements identical; epochs differ only by the microsecond rounding every OMM format has.
    let worstUs = 0;
    for (let k = 0; k < back.columns.count; k++) {
      worstUs = Math.max(worstUs, Math.abs(back.columns.epochMs[k] - fromTle.columns.epochMs[k]) * 1000);
      expect(back.columns.epochMs[k]).toBe(parseOmmEpoch(formatOmmEpoch(fromTle.columns.epochMs[k])!));
    }
    expect(worstUs).toBeLessThanOrEqual(0.5);
    expect(diffColumns({ ...back.columns, epochMs: fromTle.columns.epochMs }, fromTle.columns, { objectIdsAsOmm: true })).toBeNull();
    // The same doubles as the OMM JSON route, names and designators included.
    expect(diffColumns(back.columns, parseElements(writeOmmJson(fromTle.columns).text).columns)).toBeNull();
    // KVN -> KVN is exact, byte for byte.
    expect(writeOmmKvn(back.columns, { creationMs: Date.UTC(2022, 7, 10) }).text === kvn.text).toBe(true);
  });

  it('the planner fleet (generated shells) exported as KVN reads back to the same doubles', () => {
    const fleet = buildFleet(presetScenario('suncatcher')!);
    const parts: string[] = [];
    const r = exportFleet(fleet, 'omm-kvn', (t) => parts.push(t), { sliceSize: 7, creationMs: 0 });
    expect(r.written).toBe(fleet.count);
    const back = parseElements(parts.join(''));
    expect(back.accepted).toBe(fleet.count);
    expect(back.warnings).toEqual([]);
    for (const f of [
      'meanMotionRevPerDay',
      'eccentricity',
      'inclinationDeg',
      'raanDeg',
      'argPerigeeDeg',
      'meanAnomalyDeg',
      'bstar',
      'epochMs',
    ] as const) {
      for (let i = 0; i < fleet.count; i++) expect(back.columns[f][i], `${f}[${i}]`).toBe(fleet.elements[f][i]);
    }
  });
});
