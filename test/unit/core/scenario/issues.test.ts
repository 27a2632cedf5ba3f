/** Validation messages in plain words, with the field path; unknown fields listed. */
import { describe, expect, it } from 'vitest';
import { parseScenario, serializeScenario, validateScenario } from '../../../../src/core/scenario/load';
import { unknownFields } from '../../../../src/core/scenario/issues';
import { defaultScenario } from '../../../../src/core/presets';

const base = () => JSON.parse(serializeScenario(defaultScenario()));

const errorsOf = (doc: unknown): string[] => {
  const r = validateScenario(doc);
  if (r.ok) throw new Error('expected a refusal');
  return r.errors;
};

describe('scenario issues in plain words', () => {
  it('a shell without a name is reported through its own kind, field by field', () => {
    const d = base();
    delete d.shells[0].name;
    d.shells[0].planes = 0.5;
    expect(errorsOf(d)).toEqual(['shells[0].name: a name is required', 'shells[0].planes: must be a whole number, not 0.5']);
  });
  it('an unknown shell kind names the kinds that exist', () => {
    const d = base();
    d.shells[1].kind = 'bogus';
    expect(errorsOf(d)).toEqual([
      'shells[1].kind: "bogus" is not a known kind; use one of "walker-delta", "walker-star", "sso-dawn-dusk", "imported"',
    ]);
  });
  it('limits say the limit and what the document holds', () => {
    const d = base();
    d.shells[0].totalSatellites = 1e9;
    expect(errorsOf(d)).toEqual(['shells[0].totalSatellites: must be at most 2,000,000 (got 1,000,000,000)']);
    const e = base();
    e.shells = Array.from({ length: 10_001 }, (_, k) => ({ ...e.shells[0], id: `s${k}` }));
    expect(errorsOf(e)).toEqual(['shells: at most 10,000 entries (this one has 10,001)']);
  });
  it('types, enums and missing members', () => {
    const d = base();
    d.name = 5;
    d.designs[0].solarArray.pointing = 'sideways';
    delete d.epoch;
    expect(errorsOf(d)).toEqual([
      'name: must be text, not 5',
      'epoch: is required (text)',
      'designs[0].solarArray.pointing: must be one of "sun-tracking", "body-fixed"',
    ]);
  });
  it('a newer version and broken JSON are refused with where and why', () => {
    const d = base();
    d.version = 99;
    expect(errorsOf(d)[0]).toMatch(/^version: 99 is newer than this planner/);
    const r = parseScenario('{\n  "version": 1,\n  "name": "x\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^not valid JSON: .*line 3/);
  });
  it('unknown fields are listed by path, however deep the document nests', () => {
    const raw = base();
    raw.colour = 'red';
    raw.shells[2].extra = { deep: 1 };
    const r = validateScenario(raw);
    expect(r.ok).toBe(true);
    if (r.ok) expect(unknownFields(raw, r.scenario)).toEqual(['shells[2].extra', 'colour']);
  });
});
