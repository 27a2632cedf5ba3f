/**
 * Property tests (fast-check): round trips in all four formats, streaming = one-shot for any
 * chunking, and "any text or byte string gives a result, never a throw" with every record
 * accounted for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocElementColumns, type ElementColumns } from '../../../../src/core/elements/columns';
import { writeOmmCsv, writeOmmJson, writeOmmXml } from '../../../../src/core/elements/omm-write';
import { createElementStreamParser, parseElements } from '../../../../src/core/elements/stream';
import { writeTle } from '../../../../src/core/elements/tle';
import { cutAt, diffColumns } from './helpers';
import { propertyRuns } from '../../propertyRuns';

const RUNS = propertyRuns(150);
const NAME_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -()/&<>,"\'.#+éü';

interface Row {
  epochUs: number;
  n: number;
  e: number;
  inc: number;
  raan: number;
  argp: number;
  ma: number;
  bstar: number;
  ndot: number;
  nddot: number;
  id: number;
  rev: number;
  elset: number;
  eph: number;
  name: string;
  objectId: string;
  cls: string;
}

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const rowArb: fc.Arbitrary<Row> = fc.record({
  // 1957-2056 (the TLE range), whole microseconds (OMM precision).
  epochUs: fc
    .integer({ min: Date.UTC(1957, 0, 1) / 1000, max: Date.UTC(2056, 11, 31) / 1000 })
    .chain((s) => fc.integer({ min: 0, max: 999999 }).map((us) => s * 1e6 + us)),
  n: finite(0.05, 17),
  e: finite(0, 0.999),
  inc: finite(0, 180),
  raan: finite(0, 359.9999),
  argp: finite(0, 359.9999),
  ma: finite(0, 359.9999),
  bstar: finite(-0.9, 0.9),
  ndot: finite(-0.5, 0.5),
  nddot: finite(-1e-3, 1e-3),
  id: fc.integer({ min: -1, max: 339999 }),
  rev: fc.integer({ min: 0, max: 99999 }),
  elset: fc.integer({ min: 0, max: 9999 }),
  eph: fc.integer({ min: 0, max: 9 }),
  name: fc.string({ unit: fc.constantFrom(...NAME_CHARS), maxLength: 24 }).map((s) => s.trim()),
  objectId: fc.oneof(
    fc.constant(''),
    fc
      .tuple(fc.integer({ min: 1957, max: 2056 }), fc.integer({ min: 1, max: 999 }), fc.constantFrom('A', 'B', 'AB', 'ZZZ'))
      .map(([y, n, p]) => `${y}-${String(n).padStart(3, '0')}${p}`),
  ),
  cls: fc.constantFrom('U', 'C', 'S'),
});

function toColumns(rows: Row[]): ElementColumns {
  const c = allocElementColumns(rows.length, true);
  c.ephemerisType = new Uint8Array(rows.length);
  rows.forEach((r, k) => {
    c.epochMs[k] = r.epochUs / 1000;
    c.meanMotionRevPerDay[k] = r.n;
    c.eccentricity[k] = r.e;
    c.inclinationDeg[k] = r.inc;
    c.raanDeg[k] = r.raan;
    c.argPerigeeDeg[k] = r.argp;
    c.meanAnomalyDeg[k] = r.ma;
    c.bstar[k] = r.bstar;
    c.meanMotionDotRevPerDay2[k] = r.ndot;
    c.meanMotionDdotRevPerDay3[k] = r.nddot;
    c.noradId[k] = r.id;
    c.revAtEpoch[k] = r.rev;
    c.elementSetNo[k] = r.elset;
    c.ephemerisType![k] = r.eph;
    c.names![k] = r.name;
    c.objectIds![k] = r.objectId;
    c.classification![k] = r.cls;
  });
  return c;
}

const rowsArb = fc.array(rowArb, { maxLength: 12 });

describe('round trips', () => {
  for (const [label, write] of [
    ['OMM JSON', writeOmmJson],
    ['OMM CSV', writeOmmCsv],
    ['OMM XML', writeOmmXml],
  ] as const) {
    it(`${label}: write -> parse gives identical columns`, () => {
      fc.assert(
        fc.property(rowsArb, (rows) => {
          const cols = toColumns(rows);
          const w = write(cols);
          expect(w.skipped).toEqual([]);
          const r = parseElements(w.text);
          expect(r.rejected).toEqual([]);
          expect(r.accepted).toBe(rows.length);
          expect(diffColumns(r.columns, cols)).toBeNull();
          expect(Array.from(r.columns.ephemerisType!)).toEqual(rows.map((x) => x.eph));
          // And parse -> write -> parse again is a fixed point.
          expect(diffColumns(parseElements(write(r.columns).text).columns, r.columns)).toBeNull();
        }),
        RUNS,
      );
    });
  }

  it('TLE: parse -> write is byte-identical, values equal to the fields precision', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const cols = toColumns(rows);
        const w1 = writeTle(cols, { assignIds: 1 });
        expect(w1.skipped).toEqual([]);
        const r1 = parseElements(w1.text);
        expect(r1.rejected).toEqual([]);
        expect(r1.accepted).toBe(rows.length);
        const w2 = writeTle(r1.columns);
        expect(w2.text).toBe(w1.text);
        const r2 = parseElements(w2.text);
        expect(diffColumns(r2.columns, r1.columns)).toBeNull();
        // Values within half a unit of each field's last digit.
        const c = r1.columns;
        rows.forEach((x, k) => {
          // epoch: 0.5e-8 day, plus the double spacing of ~3e12 ms (5e-4 ms)
          expect(Math.abs(c.epochMs[k] - x.epochUs / 1000)).toBeLessThanOrEqual(0.432 + 1e-3);
          expect(Math.abs(c.inclinationDeg[k] - x.inc)).toBeLessThanOrEqual(0.5e-4 + 1e-12);
          expect(Math.abs(c.raanDeg[k] - x.raan)).toBeLessThanOrEqual(0.5e-4 + 1e-12);
          expect(Math.abs(c.eccentricity[k] - x.e)).toBeLessThanOrEqual(0.5e-7 + 1e-15);
          expect(Math.abs(c.meanMotionRevPerDay[k] - x.n)).toBeLessThanOrEqual(0.5e-8 + 1e-14);
          expect(Math.abs(c.meanMotionDotRevPerDay2[k] - x.ndot)).toBeLessThanOrEqual(0.5e-8 + 1e-15);
          // 5 significant digits, or flushed to zero below 1e-14.
          expect(Math.abs(c.bstar[k] - x.bstar)).toBeLessThanOrEqual(Math.max(Math.abs(x.bstar) * 0.5e-4, 1e-10));
          expect(Math.abs(c.meanMotionDdotRevPerDay3[k] - x.nddot)).toBeLessThanOrEqual(Math.max(Math.abs(x.nddot) * 0.5e-4, 1e-10));
          expect(c.names![k]).toBe(x.name);
          expect(c.revAtEpoch[k]).toBe(x.rev);
          expect(c.elementSetNo[k]).toBe(x.elset);
          if (x.id >= 0) expect(c.noradId[k]).toBe(x.id);
        });
      }),
      RUNS,
    );
  });
});

/** Text assembled from pieces of valid and broken records of every format. */
const VALID_L1 = '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927';
const VALID_L2 = '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537';
const pieceArb = fc.oneof(
  fc.constantFrom(
    VALID_L1,
    VALID_L2,
    'ISS (ZARYA)',
    '0 NAME',
    '[',
    ']',
    '{',
    '}',
    ',',
    '<omm>',
    '</omm>',
    '<ndm>',
    '"EPOCH":',
    '"MEAN_MOTION": 15',
    'OBJECT_NAME,EPOCH,MEAN_MOTION',
    '\r',
    '\n',
    '\\',
    '"',
    '\uFEFF',
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.nat({ max: 68 }).map((n) => VALID_L1.slice(0, n)),
  fc.nat({ max: 68 }).map((n) => VALID_L2.slice(n)),
);
const messyTextArb = fc.array(pieceArb, { maxLength: 30 }).map((p) => p.join(''));
const lineyTextArb = fc.array(pieceArb, { maxLength: 30 }).map((p) => p.join('\n'));

function accountedFor(text: string, chunks?: string[]) {
  const p = createElementStreamParser({});
  for (const c of chunks ?? [text]) p.push(c);
  const r = p.finish();
  expect(r.accepted + r.rejected.length).toBe(p.records);
  expect(r.columns.count).toBe(r.accepted);
  for (const i of [...r.rejected, ...r.warnings]) {
    expect(typeof i.reason).toBe('string');
    expect(i.reason.length).toBeGreaterThan(0);
    expect(Number.isInteger(i.line) && i.line >= 0).toBe(true);
  }
  return r;
}

describe('any input gives a result, never a throw', () => {
  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (s) => void accountedFor(s)),
      propertyRuns(300),
    );
  });
  it('arbitrary byte strings decoded as UTF-8', () => {
    const dec = new TextDecoder();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (b) => void accountedFor(dec.decode(b))),
      propertyRuns(300),
    );
  });
  it('mixtures of valid and broken record pieces, one-shot and streamed in random chunks', () => {
    fc.assert(
      fc.property(fc.oneof(messyTextArb, lineyTextArb), fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        const whole = accountedFor(text);
        const streamed = accountedFor(
          text,
          cutAt(
            text,
            cuts.map((c) => c % (text.length + 1)),
          ),
        );
        expect(streamed.format).toBe(whole.format);
        expect(streamed.rejected).toEqual(whole.rejected);
        expect(streamed.warnings).toEqual(whole.warnings);
        expect(diffColumns(streamed.columns, whole.columns)).toBeNull();
      }),
      propertyRuns(400),
    );
  });
  it('streaming equals one-shot for valid files of every format, cut anywhere', () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom(0, 1, 2, 3), fc.array(fc.nat(), { maxLength: 20 }), (rows, f, cuts) => {
        const cols = toColumns(rows);
        const text = [writeTle(cols, { assignIds: 1 }), writeOmmJson(cols), writeOmmCsv(cols), writeOmmXml(cols)][f].text;
        const whole = parseElements(text);
        expect(whole.accepted).toBe(rows.length);
        const p = createElementStreamParser();
        for (const c of cutAt(
          text,
          cuts.map((c) => c % (text.length + 1)),
        ))
          p.push(c);
        const r = p.finish();
        expect(r.format).toBe(whole.format);
        expect(diffColumns(r.columns, whole.columns)).toBeNull();
      }),
      RUNS,
    );
  });
  it('writers never throw on any column values and account for every satellite', () => {
    const anyDouble = fc.oneof(
      fc.double(),
      fc.double({ min: -1, max: 400 }),
      fc.constantFrom(0, -0, 5e-324, 1e-15, 0.99999996, 99.999999995),
    );
    const rowAny = fc.record({
      f: fc.array(anyDouble, { minLength: 10, maxLength: 10 }),
      i: fc.array(fc.integer({ min: -2147483648, max: 2147483647 }), { minLength: 3, maxLength: 3 }),
      name: fc.string({ maxLength: 30 }),
      objectId: fc.string({ maxLength: 12 }),
      cls: fc.string({ maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(rowAny, { maxLength: 8 }), fc.boolean(), (rows, strings) => {
        const c = allocElementColumns(rows.length, strings);
        const floats = [
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
        rows.forEach((r, k) => {
          floats.forEach((f, j) => {
            c[f][k] = r.f[j];
          });
          c.noradId[k] = r.i[0];
          c.revAtEpoch[k] = r.i[1];
          c.elementSetNo[k] = r.i[2];
          if (strings) {
            c.names![k] = r.name;
            c.objectIds![k] = r.objectId;
            c.classification![k] = r.cls;
          }
        });
        for (const w of [writeTle(c), writeTle(c, { assignIds: 0 }), writeOmmJson(c), writeOmmCsv(c), writeOmmXml(c)]) {
          expect(w.written + w.skipped.length).toBe(rows.length);
          // Writers never emit what readers reject: every written satellite reads back.
          const back = accountedFor(w.text);
          expect(back.accepted).toBe(w.written);
        }
      }),
      propertyRuns(200),
    );
  });
  it('non-string input to parseElements is reported, not thrown', () => {
    for (const bad of [undefined, null, 42, {}, []] as unknown as string[]) {
      const r = parseElements(bad);
      expect(r.accepted).toBe(0);
    }
  });
});
