import { describe, expect, it } from 'vitest';
import { analyzeAnalytic } from '../../../../src/core/analysis/analytic';
import { ByteCsvWriter, csvField, num, splitCsvLine } from '../../../../src/core/csv';
import type { PerSatelliteMetrics } from '../../../../src/core/analysis/metrics';
import { BINDING_NAMES } from '../../../../src/core/analysis/types';
import { REASON, REASON_NAMES, type FeasibilityColumns } from '../../../../src/core/analysis/feasibility';
import { satelliteName, type Fleet } from '../../../../src/core/fleet/fleet';
import { buildFleet } from '../../../../src/core/fleet/generators';
import { presetScenario } from '../../../../src/core/presets';
import { summarize } from '../../../../src/core/report/analysisJob';
import { PER_SATELLITE_CSV_HEADER, writePerSatelliteCsvRow } from '../../../../src/core/report/run';
import type { Scenario } from '../../../../src/core/scenario/schema';

/** The Starlink-like preset's analytic metrics and feasibility columns. */
function starlinkRun() {
  const s = presetScenario('starlink-72x22') as Scenario;
  const fleet = buildFleet(s);
  const m = analyzeAnalytic(fleet, s);
  return { fleet, m, fc: summarize(fleet, s, m).feasibility?.columns };
}

/** All rows written through the byte writer with small chunks (rows cross its flushes), as text. */
function written(rows: (w: ByteCsvWriter) => void): string {
  const chunks: Uint8Array[] = [];
  const w = new ByteCsvWriter((c) => chunks.push(c.slice()), 256);
  rows(w);
  w.flush();
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Row i as its fields. */
const fields = (fleet: Fleet, m: PerSatelliteMetrics, fc: FeasibilityColumns | undefined, i: number) =>
  splitCsvLine(written((w) => writePerSatelliteCsvRow(w, fleet, m, fc, i)).replace(/\n$/, ''));

describe('per-satellite CSV row (plan analyze --csv and the page download)', () => {
  it('has one field per header column, feasibility columns filled when known', () => {
    const { fleet, m, fc } = starlinkRun();
    const head = PER_SATELLITE_CSV_HEADER.split(',');
    const row = fields(fleet, m, fc, 7);
    expect(row).toHaveLength(head.length);
    expect(row[0]).toBe('7');
    expect(Number(row[head.indexOf('radiation_dose_krad_per_year')])).toBeGreaterThan(0);
    const bare = fields(fleet, m, undefined, 7);
    expect(bare).toHaveLength(head.length);
    expect(bare[head.indexOf('radiation_dose_krad_per_year')]).toBe('');
  });
});

/** The row as it was built from strings before the byte writer (the reference the bytes must equal). */
function referenceRow(fleet: Fleet, m: PerSatelliteMetrics, fc: FeasibilityColumns | undefined, i: number): string {
  const e = fleet.elements;
  const sh = fleet.shells[fleet.shellIndex[i]];
  const reasons = (bits: number) => REASON_NAMES.filter((r) => bits & REASON[r]).join(';');
  return [
    i,
    csvField(satelliteName(fleet, i)),
    e.noradId[i] >= 0 ? e.noradId[i] : '',
    csvField(sh?.name ?? ''),
    num(m.betaDeg[i], 4),
    num(m.eclipseFraction[i], 6),
    num(m.sunlitFraction[i], 6),
    num(m.usablePowerW[i], 1),
    num(m.computePowerW[i], 1),
    num(m.radiatorTempC[i], 2),
    num(m.powerMarginW[i], 1),
    num(m.thermalMarginW[i], 1),
    BINDING_NAMES[m.bindingLimit[i]] ?? '',
    num(m.latencyMs[i], 4),
    num(m.radiatorTempEclipseC[i], 2),
    num(m.radiatorTempSunC[i], 2),
    num(fc ? fc.radiationDoseKradPerYear[i] : Number.NaN, 4),
    num(fc ? fc.dragDeltaVMPerSPerYear[i] : Number.NaN, 4),
    num(fc ? fc.propellantKg[i] : Number.NaN, 2),
    num(fc ? fc.decayYears[i] : Number.NaN, 2),
    fc ? reasons(fc.reasons[i]) : '',
  ].join(',');
}

describe('per-satellite CSV bytes (writePerSatelliteCsvRow)', () => {
  it('equal the string-built rows: awkward names, catalogue numbers, non-finite and signed values, every reason', () => {
    const { fleet, m, fc } = starlinkRun();
    expect(fc).toBeDefined();
    if (!fc) return;
    const n = fleet.count;
    const awkward = ['', 'ISS (ZARYA)', 'a,b', 'say "hi"', ' lead', 'trail ', 'Ümlaut-Sat ✓', 'semi;colon', 'tab\there', 'new\nline'];
    fleet.elements.names = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? awkward[i % awkward.length] : ''));
    fleet.shells = fleet.shells.map((sh, k) => ({ ...sh, name: k === 0 ? 'Shell, "one"' : sh.name }));
    for (let i = 0; i < n; i++) fleet.elements.noradId[i] = i % 4 === 0 ? 40000 + i : -1;
    const odd = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, -1e-9, 1e21, -12345.678949999, 0.000049999, 2.5, -2.5];
    const cols = [
      m.betaDeg,
      m.eclipseFraction,
      m.usablePowerW,
      m.radiatorTempC,
      m.latencyMs,
      m.radiatorTempSunC,
      fc.propellantKg,
      fc.decayYears,
    ];
    for (let i = 0; i < 200; i++) cols[i % cols.length][i] = odd[i % odd.length];
    for (let i = 0; i < n; i++) fc.reasons[i] = i % 7 === 0 ? (1 << (i % 5)) - 1 : 0;
    const text = written((w) => {
      for (let i = 0; i < n; i++) writePerSatelliteCsvRow(w, fleet, m, fc, i);
      for (let i = 0; i < 50; i++) writePerSatelliteCsvRow(w, fleet, m, undefined, i);
    });
    const expected: string[] = [];
    for (let i = 0; i < n; i++) expected.push(referenceRow(fleet, m, fc, i));
    for (let i = 0; i < 50; i++) expected.push(referenceRow(fleet, m, undefined, i));
    expect(text).toBe(`${expected.join('\n')}\n`);
  });
});
