import { describe, expect, it } from 'vitest';
import { analyzeAnalytic } from '../../../../src/core/analysis/analytic';
import { splitCsvLine } from '../../../../src/core/csv';
import { buildFleet } from '../../../../src/core/fleet/generators';
import { presetScenario } from '../../../../src/core/presets';
import { summarize } from '../../../../src/core/report/analysisJob';
import { PER_SATELLITE_CSV_HEADER, perSatelliteCsvRow } from '../../../../src/core/report/run';
import type { Scenario } from '../../../../src/core/scenario/schema';

describe('per-satellite CSV row (plan analyze --csv and the page download)', () => {
  it('has one field per header column, feasibility columns filled when known', () => {
    const s = presetScenario('starlink-72x22') as Scenario;
    const fleet = buildFleet(s);
    const m = analyzeAnalytic(fleet, s);
    const fc = summarize(fleet, s, m).feasibility?.columns;
    const head = PER_SATELLITE_CSV_HEADER.split(',');
    const row = splitCsvLine(perSatelliteCsvRow(fleet, m, fc, 7));
    expect(row).toHaveLength(head.length);
    expect(row[0]).toBe('7');
    expect(Number(row[head.indexOf('radiation_dose_krad_per_year')])).toBeGreaterThan(0);
    const bare = splitCsvLine(perSatelliteCsvRow(fleet, m, undefined, 7));
    expect(bare).toHaveLength(head.length);
    expect(bare[head.indexOf('radiation_dose_krad_per_year')]).toBe('');
  });
});
