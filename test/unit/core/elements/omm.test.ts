/**
 * OMM JSON, CSV and XML: epochs, hand-written samples in CelesTrak's layouts, writers, and the
 * real catalogue carried TLE -> OMM -> TLE, cross-checked against satellite.js json2satrec.
 */
import { json2satrec, type OMMJsonObject } from 'satellite.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatOmmEpoch, ommObjectId, parseOmmEpoch } from '../../../../src/core/elements/omm';
import { writeOmmCsv, writeOmmJson, writeOmmXml } from '../../../../src/core/elements/omm-write';
import { detectElementFormat, parseElements } from '../../../../src/core/elements/stream';
import { writeTle } from '../../../../src/core/elements/tle';
import type { ImportResult } from '../../../../src/core/elements/types';
import { diffColumns, readSharedData } from './helpers';

describe('OMM epochs', () => {
  it('parses calendar and day-of-year forms, with or without Z and fraction', () => {
    const t = Date.UTC(2022, 7, 9, 12, 0, 13);
    expect(parseOmmEpoch('2022-08-09T12:00:13')).toBe(t);
    expect(parseOmmEpoch('2022-08-09T12:00:13Z')).toBe(t);
    expect(parseOmmEpoch('2022-08-09T12:00:13.416480')).toBe((t * 1000 + 416480) / 1000);
    expect(parseOmmEpoch('2022-221T12:00:13.5')).toBe(t + 500);
    expect(parseOmmEpoch('2024-02-29T00:00:00')).toBe(Date.UTC(2024, 1, 29));
    expect(parseOmmEpoch('2022-08-09')).toBe(Date.UTC(2022, 7, 9));
    for (const bad of ['2023-02-29T00:00:00', '2022-366T00:00:00', '2022-08-09T25:00:00', '22-08-09', '', 'now', '2022-08-09T12:00:13.']) {
      expect(parseOmmEpoch(bad), bad).toBeNaN();
    }
  });
  it('writes microseconds and reads them back exactly', () => {
    expect(formatOmmEpoch(Date.UTC(2022, 7, 9, 12, 0, 13) + 416.48)).toBe('2022-08-09T12:00:13.416480');
    for (let k = 0; k < 1000; k++) {
      const us = Date.UTC(1960 + (k % 90), k % 12, 1 + (k % 28)) * 1000 + ((k * 7919 * 104729) % 86400000000);
      const ms = us / 1000;
      expect(parseOmmEpoch(formatOmmEpoch(ms)!)).toBe(ms);
    }
  });
  it('converts TLE designators to OMM form', () => {
    expect(ommObjectId('98067A')).toBe('1998-067A');
    expect(ommObjectId('22001ABC')).toBe('2022-001ABC');
    expect(ommObjectId('1998-067A')).toBe('1998-067A');
    expect(ommObjectId('')).toBe('');
  });
});

// As CelesTrak's gp.php?FORMAT=json|csv|xml serve them (field order and spelling).
const JSON_SAMPLE = `[{
    "OBJECT_NAME": "ISS (ZARYA)",
    "OBJECT_ID": "1998-067A",
    "EPOCH": "2022-08-09T12:00:13.416480",
    "MEAN_MOTION": 15.50167045,
    "ECCENTRICITY": 0.0005243,
    "INCLINATION": 51.6432,
    "RA_OF_ASC_NODE": 130.6411,
    "ARG_OF_PERICENTER": 33.9426,
    "MEAN_ANOMALY": 64.3474,
    "EPHEMERIS_TYPE": 0,
    "CLASSIFICATION_TYPE": "U",
    "NORAD_CAT_ID": 25544,
    "ELEMENT_SET_NO": 999,
    "REV_AT_EPOCH": 35390,
    "BSTAR": 0.00027658,
    "MEAN_MOTION_DOT": 0.00015176,
    "MEAN_MOTION_DDOT": 0
},{
    "OBJECT_NAME": "STARLINK-1007",
    "OBJECT_ID": "2019-074A",
    "EPOCH": "2022-08-09T06:40:01.123456",
    "MEAN_MOTION": "15.06397836",
    "ECCENTRICITY": "0.0001527",
    "INCLINATION": "53.0536",
    "RA_OF_ASC_NODE": "179.7651",
    "ARG_OF_PERICENTER": "68.2093",
    "MEAN_ANOMALY": "291.9058",
    "EPHEMERIS_TYPE": "0",
    "CLASSIFICATION_TYPE": "U",
    "NORAD_CAT_ID": "44713",
    "ELEMENT_SET_NO": "999",
    "REV_AT_EPOCH": "15410",
    "BSTAR": "-0.0001187",
    "MEAN_MOTION_DOT": "-5.6e-7",
    "MEAN_MOTION_DDOT": "0"
}]`;
const CSV_SAMPLE =
  'OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,RA_OF_ASC_NODE,' +
  'ARG_OF_PERICENTER,MEAN_ANOMALY,EPHEMERIS_TYPE,CLASSIFICATION_TYPE,NORAD_CAT_ID,ELEMENT_SET_NO,' +
  'REV_AT_EPOCH,BSTAR,MEAN_MOTION_DOT,MEAN_MOTION_DDOT\r\n' +
  'ISS (ZARYA),1998-067A,2022-08-09T12:00:13.416480,15.50167045,.0005243,51.6432,130.6411,33.9426,' +
  '64.3474,0,U,25544,999,35390,.27658E-3,.15176E-3,0\r\n' +
  '"STARLINK-1007, ""A""",2019-074A,2022-08-09T06:40:01.123456,15.06397836,.0001527,53.0536,' +
  '179.7651,68.2093,291.9058,0,U,44713,999,15410,-.1187E-3,-.56E-6,0\r\n';
const XML_SAMPLE =
  `<?xml version="1.0" encoding="UTF-8"?>
<ndm xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
  `xsi:noNamespaceSchemaLocation="https://sanaregistry.org/r/ndmxml_unqualified/ndmxml-2.0.0-master-2.0.xsd">
<omm id="CCSDS_OMM_VERS" version="2.0">
<header><CREATION_DATE/><ORIGINATOR/></header>
<body>
<segment>
<metadata>
<OBJECT_NAME>ISS (ZARYA)</OBJECT_NAME>
<OBJECT_ID>1998-067A</OBJECT_ID>
<CENTER_NAME>EARTH</CENTER_NAME>
<REF_FRAME>TEME</REF_FRAME>
<TIME_SYSTEM>UTC</TIME_SYSTEM>
<MEAN_ELEMENT_THEORY>SGP4</MEAN_ELEMENT_THEORY>
</metadata>
<data>
<meanElements>
<EPOCH>2022-08-09T12:00:13.416480</EPOCH>
<MEAN_MOTION>15.50167045</MEAN_MOTION>
<ECCENTRICITY>.0005243</ECCENTRICITY>
<INCLINATION>51.6432</INCLINATION>
<RA_OF_ASC_NODE>130.6411</RA_OF_ASC_NODE>
<ARG_OF_PERICENTER>33.9426</ARG_OF_PERICENTER>
<MEAN_ANOMALY>64.3474</MEAN_ANOMALY>
</meanElements>
<tleParameters>
<EPHEMERIS_TYPE>0</EPHEMERIS_TYPE>
<CLASSIFICATION_TYPE>U</CLASSIFICATION_TYPE>
<NORAD_CAT_ID>25544</NORAD_CAT_ID>
<ELEMENT_SET_NO>999</ELEMENT_SET_NO>
<REV_AT_EPOCH>35390</REV_AT_EPOCH>
<BSTAR>.27658E-3</BSTAR>
<MEAN_MOTION_DOT>.15176E-3</MEAN_MOTION_DOT>
<MEAN_MOTION_DDOT>0</MEAN_MOTION_DDOT>
</tleParameters>
</data>
</segment>
</body>
</omm>
<omm id="CCSDS_OMM_VERS" version="2.0"><header/><body><segment><metadata><OBJECT_NAME>STARLINK-1007 &amp; ` +
  `&lt;A&gt;</OBJECT_NAME><OBJECT_ID>2019-074A</OBJECT_ID></metadata><data><meanElements><EPOCH>2022-08-09T06:40:01.123456</EPOCH>` +
  `<MEAN_MOTION>15.06397836</MEAN_MOTION><ECCENTRICITY>.0001527</ECCENTRICITY><INCLINATION>53.0536</INCLINATION>` +
  `<RA_OF_ASC_NODE>179.7651</RA_OF_ASC_NODE>` +
  `<ARG_OF_PERICENTER>68.2093</ARG_OF_PERICENTER><MEAN_ANOMALY>291.9058</MEAN_ANOMALY></meanElements>` +
  `<tleParameters><EPHEMERIS_TYPE>0</EPHEMERIS_TYPE><CLASSIFICATION_TYPE>U</CLASSIFICATION_TYPE><NORAD_CAT_ID>44713</NORAD_CAT_ID>` +
  `<ELEMENT_SET_NO>999</ELEMENT_SET_NO><REV_AT_EPOCH>15410</REV_AT_EPOCH>` +
  `<BSTAR>-.1187E-3</BSTAR><MEAN_MOTION_DOT>-.56E-6</MEAN_MOTION_DOT><MEAN_MOTION_DDOT>0</MEAN_MOTION_DDOT></tleParameters>` +
  `</data></segment></body></omm>
</ndm>
`;

function expectSamples(r: ImportResult, names: string[]) {
  expect(r.rejected).toEqual([]);
  expect(r.accepted).toBe(2);
  const c = r.columns;
  expect(c.names).toEqual(names);
  expect(c.objectIds).toEqual(['1998-067A', '2019-074A']);
  expect(Array.from(c.noradId)).toEqual([25544, 44713]);
  expect(Array.from(c.epochMs)).toEqual([
    Date.UTC(2022, 7, 9, 12, 0, 13, 416.48 - 0.48) + 0.48,
    (Date.UTC(2022, 7, 9, 6, 40, 1) * 1000 + 123456) / 1000,
  ]);
  expect(Array.from(c.meanMotionRevPerDay)).toEqual([15.50167045, 15.06397836]);
  expect(Array.from(c.eccentricity)).toEqual([0.0005243, 0.0001527]);
  expect(Array.from(c.inclinationDeg)).toEqual([51.6432, 53.0536]);
  expect(Array.from(c.raanDeg)).toEqual([130.6411, 179.7651]);
  expect(Array.from(c.argPerigeeDeg)).toEqual([33.9426, 68.2093]);
  expect(Array.from(c.meanAnomalyDeg)).toEqual([64.3474, 291.9058]);
  expect(Array.from(c.bstar)).toEqual([0.00027658, -0.0001187]);
  expect(Array.from(c.meanMotionDotRevPerDay2)).toEqual([0.00015176, -5.6e-7]);
  expect(Array.from(c.meanMotionDdotRevPerDay3)).toEqual([0, 0]);
  expect(Array.from(c.revAtEpoch)).toEqual([35390, 15410]);
  expect(Array.from(c.elementSetNo)).toEqual([999, 999]);
}

describe('OMM readers on CelesTrak-style samples', () => {
  it('detects each format from content', () => {
    expect(detectElementFormat(JSON_SAMPLE)).toBe('omm-json');
    expect(detectElementFormat(CSV_SAMPLE)).toBe('omm-csv');
    expect(detectElementFormat(XML_SAMPLE)).toBe('omm-xml');
    expect(detectElementFormat('\uFEFF\n  ISS (ZARYA)\n1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n')).toBe(
      'tle',
    );
    expect(detectElementFormat('<html><body>not here</body></html>')).toBe('unknown');
    expect(detectElementFormat('a,b,c\n1,2,3\n')).toBe('unknown');
    expect(detectElementFormat('')).toBe('unknown');
  });
  it('JSON (numbers or numeric strings)', () => expectSamples(parseElements(JSON_SAMPLE), ['ISS (ZARYA)', 'STARLINK-1007']));
  it('JSON objects one per line (NDJSON) and a single object', () => {
    const objs = JSON.parse(JSON_SAMPLE) as object[];
    const nd = parseElements(`${objs.map((o) => JSON.stringify(o)).join('\n')}\n`);
    expectSamples(nd, ['ISS (ZARYA)', 'STARLINK-1007']);
    expect(nd.warnings).toEqual([]);
    const broken = parseElements(`${JSON.stringify(objs[0])}\n{"EPOCH": "x"}\n`);
    expect(broken.rejected.map((i) => [i.line, i.record, i.reason])).toEqual([[2, 2, "epoch unparsable: 'x'"]]);
    expect(parseElements(JSON.stringify(objs[1])).accepted).toBe(1);
  });
  it('CSV (quoted fields)', () => expectSamples(parseElements(CSV_SAMPLE), ['ISS (ZARYA)', 'STARLINK-1007, "A"']));
  it('XML (entities, one-line and indented records)', () =>
    expectSamples(parseElements(XML_SAMPLE), ['ISS (ZARYA)', 'STARLINK-1007 & <A>']));
  it('XML comments inside a record and CDATA values', () => {
    const xml = XML_SAMPLE.replace(
      '<MEAN_MOTION>15.50167045</MEAN_MOTION>',
      '<!-- <MEAN_MOTION>1</MEAN_MOTION> --><MEAN_MOTION>15.50167045</MEAN_MOTION>',
    ).replace('<OBJECT_NAME>ISS (ZARYA)</OBJECT_NAME>', '<OBJECT_NAME><![CDATA[ISS & (ZARYA)]]></OBJECT_NAME>');
    const r = parseElements(xml);
    expect(r.columns.names![0]).toBe('ISS & (ZARYA)');
    expect(r.columns.meanMotionRevPerDay[0]).toBe(15.50167045);
  });
});

describe('OMM writers', () => {
  const cols = parseElements(JSON_SAMPLE).columns;
  it('write CelesTrak field order and read back identically in every format', () => {
    const json = writeOmmJson(cols);
    expect(json.written).toBe(2);
    expect(Object.keys(JSON.parse(json.text)[0]).join(',')).toBe(CSV_SAMPLE.split('\r\n')[0]);
    const csv = writeOmmCsv(cols);
    expect(csv.text.split('\n')[0]).toBe(CSV_SAMPLE.split('\r\n')[0]);
    const xml = writeOmmXml(cols);
    for (const w of [json, csv, xml]) {
      expect(w.skipped).toEqual([]);
      expect(diffColumns(parseElements(w.text).columns, cols)).toBeNull();
    }
  });
  it('skip rows that cannot be written, with the reason', () => {
    const c = parseElements(JSON_SAMPLE).columns;
    c.epochMs[0] = NaN;
    c.bstar[1] = Infinity;
    for (const w of [writeOmmJson(c), writeOmmCsv(c), writeOmmXml(c)]) {
      expect(w.written).toBe(0);
      expect(w.skipped.map((s) => s.reason)).toEqual(['epoch NaN ms cannot be written (years 0-9999 only)', 'non-finite element value']);
    }
  });
});

describe('real catalogue through OMM', () => {
  let tle: string;
  let fromTle: ImportResult;
  beforeAll(() => {
    tle = readSharedData('catalog-2022-08-09.tle');
    fromTle = parseElements(tle);
  });

  it('TLE -> OMM JSON/CSV/XML -> TLE gives the same TLE lines (canonical layout)', () => {
    const canonical = { ...fromTle.columns, tleStyle: null };
    const expected = writeTle(canonical).text;
    for (const write of [writeOmmJson, writeOmmCsv, writeOmmXml]) {
      const back = parseElements(write(fromTle.columns).text);
      expect(back.accepted).toBe(25975);
      // Elements identical; epochs differ only by the microsecond rounding of OMM.
      const c = back.columns;
      let worstUs = 0;
      for (let k = 0; k < c.count; k++) worstUs = Math.max(worstUs, Math.abs(c.epochMs[k] - fromTle.columns.epochMs[k]) * 1000);
      expect(worstUs).toBeLessThanOrEqual(0.5);
      expect(diffColumns({ ...c, epochMs: fromTle.columns.epochMs }, fromTle.columns, { objectIdsAsOmm: true })).toBeNull();
      expect(writeTle(c).text).toBe(expected);
    }
  });

  it('OMM JSON values agree with satellite.js json2satrec', () => {
    const text = writeOmmJson(fromTle.columns).text;
    const objs = JSON.parse(text) as OMMJsonObject[];
    const c = parseElements(text).columns;
    const DEG = Math.PI / 180;
    for (let k = 0; k < c.count; k += 7) {
      const s = json2satrec(objs[k]) as ReturnType<typeof json2satrec> & { nokozai: number };
      expect(Math.abs(c.inclinationDeg[k] * DEG - s.inclo)).toBeLessThan(1e-12);
      expect(Math.abs(c.raanDeg[k] * DEG - s.nodeo)).toBeLessThan(1e-12);
      expect(c.eccentricity[k]).toBe(s.ecco);
      expect(c.bstar[k]).toBe(s.bstar);
      expect(Math.abs(c.meanMotionRevPerDay[k] / (1440 / (2 * Math.PI)) - s.nokozai) / s.nokozai).toBeLessThan(1e-14);
      // json2satrec reads EPOCH through Date (whole milliseconds) and rebuilds it via jday: ms-level agreement only.
      expect(Math.abs(c.epochMs[k] - (s.jdsatepoch - 2440587.5) * 86400000)).toBeLessThan(1.5);
    }
  });
});
