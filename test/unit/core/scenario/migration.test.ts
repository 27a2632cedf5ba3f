import { describe, expect, it } from 'vitest';
import { parseScenario, serializeScenario, validateScenario } from '../../../../src/core/scenario/load';
import { defaultScenario } from '../../../../src/core/presets';
import { SCENARIO_VERSION } from '../../../../src/core/scenario/schema';

/** A scenario file as version 1 of the planner wrote it (no environment, launch, radiation or propulsion). */
const V1 = {
  version: 1,
  name: 'written by version 1',
  description: '',
  epoch: '2026-03-20T12:00:00Z',
  shells: [
    {
      id: 'a',
      name: 'A',
      designId: 'd',
      enabled: true,
      kind: 'walker-delta',
      altitudeKm: 550,
      inclinationDeg: 53,
      totalSatellites: 24,
      planes: 4,
      phasing: 1,
      eccentricity: 0,
      raanOffsetDeg: 0,
      argPerigeeDeg: 0,
    },
  ],
  designs: [
    {
      id: 'd',
      name: 'D',
      solarArray: {
        areaM2: 321,
        cellEfficiency: 0.298,
        packingFactor: 0.875,
        inherentDegradation: 0.77,
        degradationPerYear: 0.005,
        lifeYears: 7,
        tempCoeffPerC: -0.0035,
        cellTempC: 28,
        pointing: 'sun-tracking',
      },
      power: { regulation: 'peak-power-tracking', batteryDod: 0.3, batteryEfficiency: 0.9, batteryCapacityWh: 0, batteryWhPerKg: 150 },
      compute: {
        acceleratorModel: 'H100 SXM',
        acceleratorCount: 64,
        powerPerAcceleratorW: 700,
        overheadPerAcceleratorW: 575,
        busPowerW: 2000,
      },
      radiator: {
        areaM2: 160,
        emissivity: 0.9,
        absorptivity: 0.12,
        sides: 2,
        operatingTempC: 20,
        orientation: 'edge-on',
        sunOnRadiator: false,
      },
      mass: {
        busKg: 1500,
        arrayKgPerM2: 2,
        radiatorKgPerM2: 6,
        computeKgPerAccelerator: 20,
        launchUsdPerKg: 200,
        hardwareUsdPerSatellite: 4000000,
      },
    },
  ],
  groundStations: [],
  window: { start: '2026-03-20T12:00:00Z', durationMin: 100, stepS: 30 },
  links: { interSatelliteLinks: true, grazingAltitudeKm: 80, perHopProcessingMs: 0.1, islRateGbps: 100, downlinkRateGbps: 200 },
};

describe('scenario version 2 migration (feasibility fields)', () => {
  it('a version 1 file loads as version 2 with the sourced defaults and its own values kept', () => {
    const r = parseScenario(JSON.stringify(V1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.scenario;
    expect(SCENARIO_VERSION).toBe(2);
    expect(s.version).toBe(2);
    expect(s.environment).toEqual({ solarActivity: 'moderate', keepOutKm: 1, shellMarginKm: 10 });
    expect(s.launch).toEqual({ vehicle: 'Starship-class', payloadKg: 100_000, priceUsd: 20_000_000, launchesPerYear: 100 });
    expect(s.designs[0].radiation).toEqual({ shieldingMmAl: 10, toleranceKrad: 2 });
    expect(s.designs[0].propulsion).toEqual({ specificImpulseS: 1500, dragCoefficient: 2.2, busFrontalAreaM2: 10 });
    expect(s.designs[0].solarArray.areaM2).toBe(321);
    expect(s.designs[0].solarArray.lifeYears).toBe(7);
    // saved again it is a version 2 file that reads back equal
    const again = parseScenario(serializeScenario(s));
    expect(again.ok && again.scenario).toEqual(s);
    expect(JSON.parse(serializeScenario(s)).version).toBe(2);
  });

  it('new fields are validated with a message naming the field', () => {
    const s = JSON.parse(serializeScenario(defaultScenario()));
    s.designs[0].radiation.shieldingMmAl = 0.1;
    s.designs[0].radiation.toleranceKrad = -1;
    s.designs[0].propulsion.specificImpulseS = 10;
    s.environment.solarActivity = 'extreme';
    s.environment.keepOutKm = -2;
    s.launch.payloadKg = 0;
    s.launch.launchesPerYear = 'many';
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.errors.join('\n');
    expect(text).toContain('designs[0].radiation.shieldingMmAl: below 0.5 mm the dose table does not apply');
    expect(text).toMatch(/designs\[0\]\.radiation\.toleranceKrad/);
    expect(text).toMatch(/designs\[0\]\.propulsion\.specificImpulseS/);
    expect(text).toMatch(/environment\.solarActivity/);
    expect(text).toMatch(/environment\.keepOutKm/);
    expect(text).toMatch(/launch\.payloadKg/);
    expect(text).toMatch(/launch\.launchesPerYear/);
  });

  it('a version 1 file with a broken design still names the field after migration', () => {
    const bad = structuredClone(V1) as Record<string, unknown> & { designs: Array<Record<string, unknown>> };
    (bad.designs[0].solarArray as Record<string, unknown>).cellEfficiency = 3;
    const r = validateScenario(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(/designs\[0\]\.solarArray\.cellEfficiency/);
  });
});
