import { describe, expect, it } from 'vitest';
import { analyzeAnalytic } from '../../../../src/core/analysis/analytic';
import { analyzeFeasibility, REASON } from '../../../../src/core/analysis/feasibility';
import { buildFleet } from '../../../../src/core/fleet/generators';
import { atmosphereDensityKgM3, circularSpeedKmS, decayYears, propellantKg } from '../../../../src/core/physics/drag';
import { radiationDoseKradPerYear } from '../../../../src/core/physics/radiation';
import { analysisSummary, runAnalysis } from '../../../../src/core/report/run';
import { scenario, walker } from './fixtures';

describe('feasibility checks per satellite and per shell', () => {
  const sc = scenario({ shells: [walker('low', 550, 53, 4, 6), walker('belt', 2000, 30, 3, 4)] });
  const fleet = buildFleet(sc);
  const m = analyzeAnalytic(fleet, sc);
  const f = analyzeFeasibility(fleet, sc, m);
  const d = sc.designs[0];

  it('the 2,000 km shell is out by radiation behind the default 10 mm, the 550 km shell is not', () => {
    const belt = f.shells[1];
    expect(belt.radiationDoseKradPerYear).toBeCloseTo(radiationDoseKradPerYear(2000 + 6378.135 - 6378.137, 30, 10), 9);
    expect(belt.radiationDoseLifeKrad).toBeGreaterThan(d.radiation.toleranceKrad * 10);
    expect(belt.infeasibleCounts.radiation).toBe(12);
    expect(f.shells[0].infeasibleCounts.radiation).toBe(0);
    for (let i = fleet.shells[1].start; i < fleet.shells[1].start + 12; i++) expect(f.columns.reasons[i] & REASON.radiation).toBeTruthy();
  });

  it('drag delta-v, propellant and decay per satellite follow the physics functions with the stated area and mass', () => {
    const k = 0;
    const battery = m.batteryEnergyWh[k];
    const mass =
      d.mass.busKg +
      d.solarArray.areaM2 * d.mass.arrayKgPerM2 +
      d.radiator.areaM2 * d.mass.radiatorKgPerM2 +
      d.compute.acceleratorCount * d.mass.computeKgPerAccelerator +
      battery / d.power.batteryWhPerKg;
    const area = f.columns.dragAreaM2[k];
    // area: array (2/pi) |cos beta| year mean + edge-on radiator factor + bus: between the bus and the full areas
    expect(area).toBeGreaterThan(d.propulsion.busFrontalAreaM2);
    expect(area).toBeLessThan(d.solarArray.areaM2 + d.radiator.areaM2 + d.propulsion.busFrontalAreaM2);
    const alt = m.altitudeKm[k];
    const v = circularSpeedKmS(alt) * 1000;
    const dv = ((0.5 * atmosphereDensityKgM3(alt) * v * v * 2.2 * area) / mass) * 365.25 * 86400;
    expect(f.columns.dragDeltaVMPerSPerYear[k] / dv).toBeCloseTo(1, 9);
    expect(f.columns.propellantKg[k]).toBeCloseTo(propellantKg(mass, dv * d.solarArray.lifeYears, 1500), 6);
    expect(f.columns.decayYears[k] / decayYears(alt, 'moderate', 2.2, area, mass)).toBeCloseTo(1, 9);
  });

  it('the rollup counts a satellite feasible only without any reason; propellant joins the mass to orbit', () => {
    const run = runAnalysis(fleet, sc, 'analytic');
    const t = run.rollup.totals;
    let none = 0;
    for (let i = 0; i < fleet.count; i++) if (run.rollup.feasibility!.columns.reasons[i] === 0) none++;
    expect(t.feasibleShare).toBeCloseTo(none / t.validSatellites, 12);
    expect(t.feasibleShare).toBeLessThanOrEqual(t.powerThermalFeasibleShare);
    expect(t.propellantT).toBeGreaterThan(0);
    const summary = analysisSummary(run, sc, fleet, { source: 'test', rejected: [] });
    expect(summary.shells[0].altitudeKm).toBe(550);
    expect(summary.shells[1].inclinationDeg).toBe(30);
    expect(summary.shells[1].radiationDoseKradPerYear).toBeGreaterThan(10);
    expect(summary.totals.launches).toBe(run.rollup.feasibility!.totals.launches);
    expect(summary.capacityRamp.length).toBeGreaterThan(0);
  });

  it('the two shells are 1,450 km apart and their bands do not overlap', () => {
    expect(f.shells[0].overlapsShellIds).toEqual([]);
    expect(f.shells[0].altitudeGapKm).toBeGreaterThan(1400);
    expect(f.shells[0].altitudeGapKm).toBeLessThan(1450);
  });
});
