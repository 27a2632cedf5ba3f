/**
 * TLE fields, checksum, Alpha-5, epochs and the writer, on hand-checked examples. The ISS set
 * is the worked example of the TLE format (CelesTrak / Wikipedia "Two-line element set"):
 * epoch 08264.51782528 = 2008-09-20 12:25:40.104 UTC.
 */
import { describe, expect, it } from 'vitest';
import { allocElementColumns } from '../../../../src/core/elements/columns';
import { parseElements } from '../../../../src/core/elements/stream';
import { decodeAlpha5, encodeAlpha5, tleChecksum, tleEpochText, TLE_STYLE, writeTle } from '../../../../src/core/elements/tle';

const ISS1 = '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927';
const ISS2 = '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537';

describe('checksum', () => {
  it('sums digits, counts - as 1, modulo 10', () => {
    expect(tleChecksum(ISS1)).toBe(7);
    expect(tleChecksum(ISS2)).toBe(7);
    // Hand count: '1 00001U' -> 1 + 1 = 2; '-' adds 1; letters, '+', '.' and spaces add 0.
    expect(tleChecksum('1 00001U')).toBe(2);
    expect(tleChecksum('1 -+.A')).toBe(2);
  });
});

describe('Alpha-5 catalogue numbers', () => {
  it('decodes letters A-Z without I and O as 10-33', () => {
    expect(decodeAlpha5('A0000')).toBe(100000);
    expect(decodeAlpha5('H9999')).toBe(179999);
    expect(decodeAlpha5('J0000')).toBe(180000); // I skipped
    expect(decodeAlpha5('P0000')).toBe(230000); // O skipped
    expect(decodeAlpha5('Z9999')).toBe(339999);
    expect(decodeAlpha5('00005')).toBe(5);
    expect(decodeAlpha5('   12')).toBe(12);
    expect(decodeAlpha5('99999')).toBe(99999);
    for (const bad of ['I0000', 'O1234', 'a0000', 'A12', '     ', '1 2 3', 'AB123']) expect(decodeAlpha5(bad), bad).toBeNaN();
  });
  it('encodes 0..339999 and refuses the rest', () => {
    expect(encodeAlpha5(5)).toBe('00005');
    expect(encodeAlpha5(5, true)).toBe('    5');
    expect(encodeAlpha5(100000)).toBe('A0000');
    expect(encodeAlpha5(339999)).toBe('Z9999');
    expect(encodeAlpha5(340000)).toBeNull();
    expect(encodeAlpha5(-1)).toBeNull();
    for (let id = 0; id <= 339999; id += 997) expect(decodeAlpha5(encodeAlpha5(id)!)).toBe(id);
  });
});

describe('TLE fields', () => {
  it('parses every field of the ISS example', () => {
    const r = parseElements(`ISS (ZARYA)\n${ISS1}\n${ISS2}\n`);
    expect(r.format).toBe('tle');
    expect(r.accepted).toBe(1);
    const c = r.columns;
    expect(c.names).toEqual(['ISS (ZARYA)']);
    expect(c.objectIds).toEqual(['98067A']);
    expect(c.classification).toEqual(['U']);
    expect(c.noradId[0]).toBe(25544);
    // 0.51782528 day = 44,740,104.19 ms after midnight.
    expect(Math.abs(c.epochMs[0] - (Date.UTC(2008, 8, 20) + 44740104.192))).toBeLessThan(0.001);
    expect(c.meanMotionDotRevPerDay2[0]).toBe(-0.00002182);
    expect(c.meanMotionDdotRevPerDay3[0]).toBe(0);
    expect(c.bstar[0]).toBe(-0.11606e-4);
    expect(c.ephemerisType![0]).toBe(0);
    expect(c.elementSetNo[0]).toBe(292);
    expect(c.inclinationDeg[0]).toBe(51.6416);
    expect(c.raanDeg[0]).toBe(247.4627);
    expect(c.eccentricity[0]).toBe(0.0006703);
    expect(c.argPerigeeDeg[0]).toBe(130.536);
    expect(c.meanAnomalyDeg[0]).toBe(325.0288);
    expect(c.meanMotionRevPerDay[0]).toBe(15.72125391);
    expect(c.revAtEpoch[0]).toBe(56353);
  });

  it('maps two-digit years 57-99 to 19xx and 00-56 to 20xx', () => {
    const withYear = (yy: string) => {
      const l1 = ISS1.slice(0, 18) + yy + ISS1.slice(20, 68);
      return l1 + tleChecksum(l1);
    };
    const years = ['57', '99', '00', '56'].map((yy) =>
      new Date(parseElements(`${withYear(yy)}\n${ISS2}`).columns.epochMs[0]).getUTCFullYear(),
    );
    expect(years).toEqual([1957, 1999, 2000, 2056]);
  });

  it('reads assumed-decimal exponents, explicit + signs and blank ids', () => {
    const l1 = '1 89496U          22214.44375443 +.00006622 +12345-5 +67447-3 0  999';
    const l2 = '2 89496  98.8678 294.1054 0074970 306.0237  53.4044 14.89036948297467';
    const r = parseElements(`${l1 + tleChecksum(l1)}\n${l2}`);
    expect(r.rejected).toEqual([]);
    const c = r.columns;
    expect(c.meanMotionDotRevPerDay2[0]).toBe(0.00006622);
    expect(c.meanMotionDdotRevPerDay3[0]).toBe(0.12345e-5);
    expect(c.bstar[0]).toBe(0.67447e-3);
    expect(c.objectIds).toEqual(['']);
    expect(c.tleStyle![0] & (TLE_STYLE.NDOT_PLUS | TLE_STYLE.NDDOT_PLUS | TLE_STYLE.BSTAR_PLUS)).toBe(7);
    expect(writeTle(c).text).toBe(`${l1 + tleChecksum(l1)}\n${l2}\n`);
  });
});

describe('writeTle', () => {
  it('writes names (3-line), keeps a 0 prefix, and round-trips byte for byte', () => {
    const text = `0 ISS (ZARYA)\n${ISS1}\n${ISS2}\nNO PREFIX\n${ISS1}\n${ISS2}\n`;
    const r = parseElements(text);
    expect(r.columns.names).toEqual(['ISS (ZARYA)', 'NO PREFIX']);
    expect(writeTle(r.columns).text).toBe(text);
    expect(writeTle(r.columns, { names: false }).text).toBe(`${ISS1}\n${ISS2}\n${ISS1}\n${ISS2}\n`);
    expect(writeTle(r.columns, { lineEnding: '\r\n', zeroPrefixNames: true }).text).toBe(
      text.replace('NO PREFIX', '0 NO PREFIX').replace(/\n/g, '\r\n'),
    );
  });

  it('skips satellites whose catalogue number cannot be written, or assigns numbers on request', () => {
    const cols = parseElements(`${ISS1}\n${ISS2}\n`.repeat(3)).columns;
    cols.noradId[0] = -1;
    cols.noradId[1] = 340000;
    const w = writeTle(cols);
    expect(w.written).toBe(1);
    expect(w.skipped).toEqual([
      { line: 0, record: 1, reason: 'no catalogue number (TLE needs one; use assignIds)' },
      { line: 0, record: 2, reason: 'catalogue number 340000 does not fit Alpha-5 (max 339999)' },
    ]);
    const a = writeTle(cols, { assignIds: 339999 });
    expect(a.written).toBe(2);
    expect(a.skipped.map((s) => s.record)).toEqual([2]);
    expect(a.text.split('\n')[0].slice(2, 7)).toBe('Z9999');
    const back = parseElements(a.text);
    expect(Array.from(back.columns.noradId)).toEqual([339999, 25544]);
  });

  it('skips values a TLE cannot hold, with the reason', () => {
    const cols = allocElementColumns(4, true);
    for (let k = 0; k < 4; k++) {
      cols.noradId[k] = k + 1;
      cols.meanMotionRevPerDay[k] = 15;
      cols.epochMs[k] = Date.UTC(2024, 0, 1);
    }
    cols.epochMs[1] = Date.UTC(2057, 0, 1);
    cols.meanMotionRevPerDay[2] = 150;
    cols.bstar[3] = 1e12;
    const w = writeTle(cols);
    expect(w.written).toBe(1);
    expect(w.skipped.map((s) => [s.record, s.reason])).toEqual([
      [2, 'epoch 2057-01-01T00:00:00.000Z outside the TLE range 1957-2056'],
      [3, 'MEAN_MOTION 150 does not fit the TLE field (0.00000001 <= n < 100 rev/day)'],
      [4, 'BSTAR 1000000000000 does not fit the TLE exponent field (finite, below 10^9)'],
    ]);
    // A generated satellite writes with default classification, blank designator; checksum by hand:
    // 1 + 1 (id) + 2+4+1 (epoch) + 1 + 1 (two '-') = 11 -> 1.
    expect(w.text.split('\n')[0]).toBe('1 00001U          24001.00000000  .00000000  00000-0  00000-0 0    01');
  });

  it('formats epochs in units of 1e-8 day and rolls over at the year end', () => {
    expect(tleEpochText(Date.parse('2008-09-20T12:25:40.104Z'))).toBe('08264.51782528');
    expect(tleEpochText(Date.UTC(2022, 0, 1) - 0.0001)).toBe('22001.00000000');
    expect(tleEpochText(Date.UTC(2022, 0, 1) - 0.5)).toBe('21365.99999999');
    expect(tleEpochText(Date.UTC(1956, 11, 31))).toBeNull();
  });
});
