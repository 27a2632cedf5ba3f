import { afterEach, describe, expect, it } from 'vitest';
import { clearDraft, getDraft, setDraft, setDraftScope } from '../../../src/ui/drafts';
import { checkNumber, fieldMessage, parseTypedNumber } from '../../../src/ui/fields';

class MemoryStorage {
  m = new Map<string, string>();
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
}

describe('drafts', () => {
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });
  it('keeps refused text per scenario, survives a fresh load, and clears', () => {
    const mem = new MemoryStorage();
    (globalThis as { localStorage?: unknown }).localStorage = mem;
    setDraftScope('doc-a');
    setDraft('shells.s1.altitudeKm', '12x');
    expect(getDraft('shells.s1.altitudeKm')).toBe('12x');
    setDraftScope('doc-b');
    expect(getDraft('shells.s1.altitudeKm')).toBeUndefined();
    setDraftScope('doc-a'); // re-read from storage, as after a reload
    expect(getDraft('shells.s1.altitudeKm')).toBe('12x');
    expect(JSON.parse(mem.getItem('odc-drafts:doc-a')!)).toEqual({ 'shells.s1.altitudeKm': '12x' });
    clearDraft('shells.s1.altitudeKm');
    expect(getDraft('shells.s1.altitudeKm')).toBeUndefined();
    expect(mem.getItem('odc-drafts:doc-a')).toBeNull();
  });
  it('works in memory where storage is missing', () => {
    setDraftScope('doc-c');
    setDraft('x', 'y');
    expect(getDraft('x')).toBe('y');
  });
});

describe('typed numbers', () => {
  it('accepts separators and exponents, refuses junk', () => {
    expect(parseTypedNumber('1,000,000')).toBe(1_000_000);
    expect(parseTypedNumber(' 1 000 ')).toBe(1000);
    expect(parseTypedNumber('1e6')).toBe(1e6);
    expect(parseTypedNumber('-0.5')).toBe(-0.5);
    expect(parseTypedNumber('.5')).toBe(0.5);
    for (const bad of ['', 'abc', '12x', '1,2', '--1', 'Infinity', 'NaN', '1e999']) expect(parseTypedNumber(bad)).toBeNull();
  });
  it('checks ranges with the unit in the message', () => {
    expect(checkNumber(100, { min: 160 }, 'km')).toBe('must be at least 160 km');
    expect(checkNumber(0, { min: 0, gt: true })).toBe('must be above 0');
    expect(checkNumber(2.5, { integer: true })).toBe('must be a whole number');
    expect(checkNumber(null, {})).toBe('must be a number');
    expect(checkNumber(0.5, { min: 0, max: 1 }, 'fraction')).toBeNull();
    expect(checkNumber(2, { min: 0, max: 1 }, 'fraction')).toBe('must be at most 1');
  });
  it('strips the schema path from validation errors', () => {
    expect(fieldMessage(['shells[0].altitudeKm: altitude below 160 km decays within days'])).toBe(
      'altitude below 160 km decays within days',
    );
    expect(fieldMessage(['T = 10 is not a multiple of P = 3'])).toBe('T = 10 is not a multiple of P = 3');
  });
});
