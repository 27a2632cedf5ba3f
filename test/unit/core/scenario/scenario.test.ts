import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario, serializeScenario, validateScenario } from '../../../../src/core/scenario/load';
import { defaultScenario, PRESETS } from '../../../../src/core/presets';
import { DesignSchema } from '../../../../src/core/scenario/design';
import { propertyRuns } from '../../propertyRuns';

describe('scenario documents', () => {
  it('presets round-trip through JSON unchanged', () => {
    for (const p of PRESETS) {
      const s = p.make();
      const r = parseScenario(serializeScenario(s));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.scenario).toEqual(s);
    }
  });

  it('names the field of every error', () => {
    const s = JSON.parse(serializeScenario(defaultScenario()));
    s.shells[0].totalSatellites = 1001; // not a multiple of 500 planes
    s.shells[1].phasing = 999;
    s.shells[2].designId = 'nope';
    s.designs[0].solarArray.cellEfficiency = 2;
    s.window.start = 'yesterday';
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.errors.join('\n');
    expect(text).toContain('shells[0].totalSatellites: T = 1001 is not a multiple of P = 500');
    expect(text).toContain('shells[1].phasing: F = 999 must be below P = 375');
    expect(text).toContain('shells[2].designId: unknown design "nope"');
    expect(text).toMatch(/designs\[0\]\.solarArray\.cellEfficiency/);
    expect(text).toMatch(/window\.start: must be a UTC ISO 8601 time/);
  });

  it('refuses documents from a newer planner and non-JSON with a clear message', () => {
    const s = JSON.parse(serializeScenario(defaultScenario()));
    s.version = 99;
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/version: 99 is newer/);
    const j = parseScenario('{"version": 1,');
    expect(j.ok).toBe(false);
    if (!j.ok) expect(j.errors[0]).toMatch(/^not valid JSON/);
    expect(parseScenario('[]').ok).toBe(false);
    expect(parseScenario('null').ok).toBe(false);
  });

  it('SSO altitude above the sun-synchronous limit is refused', () => {
    const s = JSON.parse(serializeScenario(defaultScenario()));
    s.shells[4].altitudeKm = 7000;
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join()).toMatch(/shells\[4\]\.altitudeKm/);
  });

  it('fills every design default (defaults documented in design.ts)', () => {
    const d = DesignSchema.parse({ id: 'x', name: 'x' });
    expect(d.solarArray.cellEfficiency).toBe(0.298);
    expect(d.solarArray.inherentDegradation).toBe(0.77);
    expect(d.power.regulation).toBe('peak-power-tracking');
    expect(d.compute.powerPerAcceleratorW).toBe(700);
    expect(d.radiator.emissivity).toBe(0.9);
  });

  it('any JSON value or string gives a result, never a throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validateScenario(v);
        return r.ok === false ? r.errors.length > 0 : true;
      }),
      propertyRuns(300),
    );
    fc.assert(
      fc.property(fc.string(), (t) => {
        const r = parseScenario(t);
        return typeof r.ok === 'boolean';
      }),
      propertyRuns(300),
    );
  });
});
