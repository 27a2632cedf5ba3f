/**
 * The TLE reader reads fields by index from the chunk text (no substring per field). These
 * tests hold it to a straightforward reference built from substrings, Number() and trim(), on
 * the real catalogue (2-line as published, and as 3-line with names, CRLF and odd chunking).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createElementStreamParser, parseElements } from '../../../../src/core/elements/stream';
import { decodeAlpha5, isJsSpace, tleEpochToMs, TLE_STYLE } from '../../../../src/core/elements/tle';
import type { ImportResult } from '../../../../src/core/elements/types';
import { readSharedData } from './helpers';

interface Ref {
  noradId: number;
  epochMs: number;
  ndot: number;
  nddot: number;
  bstar: number;
  elset: number;
  inc: number;
  raan: number;
  e: number;
  argp: number;
  ma: number;
  n: number;
  rev: number;
  objectId: string;
  classification: string;
}

/** 'sMMMMMsE' -> Number('s0.MMMMMeSE'). */
const expRef = (f: string) => Number(`${f[0] === '-' ? '-' : ''}0.${f.slice(1, 6)}e${f[6] === '-' ? '-' : ''}${f[7]}`);

function reference(l1: string, l2: string): Ref {
  return {
    noradId: decodeAlpha5(l1.substring(2, 7)),
    epochMs: tleEpochToMs(Number(l1.substring(18, 20)), Number(l1.substring(20, 32))),
    ndot: Number(l1.substring(33, 43).trim()),
    nddot: expRef(l1.substring(44, 52)),
    bstar: expRef(l1.substring(53, 61)),
    elset: Number(l1.substring(64, 68).trim() || '0'),
    inc: Number(l2.substring(8, 16)),
    raan: Number(l2.substring(17, 25)),
    e: Number(`0.${l2.substring(26, 33).replace(/ /g, '0')}`),
    argp: Number(l2.substring(34, 42)),
    ma: Number(l2.substring(43, 51)),
    n: Number(l2.substring(52, 63)),
    rev: Number(l2.substring(63, 68).trim() || '0'),
    objectId: l1.substring(9, 17).trim(),
    classification: l1[7] === ' ' ? 'U' : l1[7],
  };
}

function expectRow(r: ImportResult, k: number, ref: Ref): void {
  const c = r.columns;
  const got: Ref = {
    noradId: c.noradId[k],
    epochMs: c.epochMs[k],
    ndot: c.meanMotionDotRevPerDay2[k],
    nddot: c.meanMotionDdotRevPerDay3[k],
    bstar: c.bstar[k],
    elset: c.elementSetNo[k],
    inc: c.inclinationDeg[k],
    raan: c.raanDeg[k],
    e: c.eccentricity[k],
    argp: c.argPerigeeDeg[k],
    ma: c.meanAnomalyDeg[k],
    n: c.meanMotionRevPerDay[k],
    rev: c.revAtEpoch[k],
    objectId: c.objectIds![k],
    classification: c.classification![k],
  };
  // toEqual uses Object.is on numbers: bit-for-bit equality (and -0 kept apart from 0).
  expect(got, `record ${k + 1}`).toEqual(ref);
}

let pairs: Array<[string, string]>;

beforeAll(() => {
  const lines = readSharedData('catalog-2022-08-09.tle')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.length > 0);
  pairs = [];
  for (let k = 0; k + 1 < lines.length; k += 2) pairs.push([lines[k], lines[k + 1]]);
});

describe('index-based TLE reading', () => {
  it('trims exactly the characters String.prototype.trim removes', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (isJsSpace(c) !== (String.fromCharCode(c).trim() === '')) wrong.push(`U+${c.toString(16)}`);
    expect(wrong).toEqual([]);
  });

  it('gives every value of the real catalogue bit for bit as substring + Number()', () => {
    const r = parseElements(pairs.map(([a, b]) => `${a}\n${b}\n`).join(''));
    expect(r.accepted).toBe(pairs.length);
    expect(r.accepted).toBe(25975);
    for (let k = 0; k < pairs.length; k++) expectRow(r, k, reference(pairs[k][0], pairs[k][1]));
  });

  it('reads names (trimmed, 0 prefix, Unicode spaces) from a 3-line CRLF file in odd-sized chunks', () => {
    const pads = ['', ' ', '\u00a0', '\u3000', '\t', '\ufeff'];
    const rawNames = pairs.map((_, k) => `${pads[k % pads.length]}SAT ${k} ${'x'.repeat(k % 20)}${pads[(k >> 3) % pads.length]}`);
    const text = pairs.map(([a, b], k) => `${k % 3 === 0 ? '0 ' : ''}${rawNames[k]}\r\n${a}\r\n${b}\r\n`).join('');
    const p = createElementStreamParser();
    for (let at = 0, size = 1; at < text.length; at += size, size = (size * 7 + 3) % 5003) p.push(text.slice(at, at + size));
    const r = p.finish();
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toBe(pairs.length);
    for (let k = 0; k < pairs.length; k++) {
      expect(r.columns.names![k]).toBe(rawNames[k].trim());
      expect((r.columns.tleStyle![k] & TLE_STYLE.NAME_ZERO) !== 0).toBe(k % 3 === 0);
    }
    for (let k = 0; k < pairs.length; k += 97) expectRow(r, k, reference(pairs[k][0], pairs[k][1]));
  });
});
