import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocMetrics } from '../../../../src/core/analysis/metrics';
import { analyzeAnalytic } from '../../../../src/core/analysis/analytic';
import {
  accumulateRollup,
  createRollupPartial,
  finalizeRollup,
  histPercentile,
  latencyBin,
  LATENCY_HIST,
  mergeRollupPartials,
  rollupMetrics,
} from '../../../../src/core/analysis/rollup';
import { buildFleet } from '../../../../src/core/fleet/generators';
import { designWith, scenario, walker } from './fixtures';
import { propertyRuns } from '../../propertyRuns';

const sc = scenario({
  designs: [designWith({}, 'default'), designWith({ solarArray: { areaM2: 100 } }, 'small')],
  shells: [
    walker('a', 550, 53, 6, 5),
    walker('b', 1200, 30, 4, 5, { designId: 'small' }),
    {
      id: 'sso',
      name: 'sso',
      designId: 'default',
      kind: 'sso-dawn-dusk',
      altitudeKm: 650,
      ltanHours: 18,
      planes: 3,
      satellitesPerPlane: 4,
    },
  ],
});
const fleet = buildFleet(sc);
const m = analyzeAnalytic(fleet, sc);
const whole = finalizeRollup(rollupMetrics(fleet, sc, m), fleet);

describe('rollup sums', () => {
  it('labels the mode and counts satellites per shell and in total', () => {
    expect(whole.mode).toBe('analytic');
    expect(whole.totals.satellites).toBe(fleet.count);
    expect(whole.shells.map((s) => s.satellites)).toEqual([30, 20, 12]);
    expect(whole.shells.map((s) => s.shellId)).toEqual(['a', 'b', 'sso']);
  });

  it('GW figures are the per-satellite sums (to 1 mW per satellite)', () => {
    const sum = (col: Float64Array, from = 0, to = col.length) => col.subarray(from, to).reduce((a, b) => a + b, 0);
    expect(whole.totals.computeGW).toBeCloseTo(sum(m.computePowerW) / 1e9, 9);
    expect(whole.totals.usablePowerGW).toBeCloseTo(sum(m.usablePowerW) / 1e9, 9);
    expect(whole.totals.arrayPowerEolGW).toBeCloseTo(sum(m.arrayPowerEolW) / 1e9, 9);
    expect(whole.shells[1].computeGW).toBeCloseTo(sum(m.computePowerW, 30, 50) / 1e9, 9);
    const shellSum = whole.shells.reduce((a, s) => a + s.computeGW, 0);
    expect(whole.totals.computeGW).toBeCloseTo(shellSum, 12);
  });

  it('compute is never above deliverable, rejectable or installed; binding counts add up', () => {
    for (const s of [...whole.shells, whole.totals]) {
      expect(s.computeGW).toBeLessThanOrEqual(s.computeDeliverableGW + 1e-12);
      expect(s.computeGW).toBeLessThanOrEqual(s.computeRejectableGW + 1e-12);
      expect(s.computeGW).toBeLessThanOrEqual(s.installedComputeGW + 1e-12);
      expect(s.bindingCounts.installed + s.bindingCounts.power + s.bindingCounts.thermal).toBe(s.validSatellites);
    }
    // the 100 m^2 array design cannot power its compute
    expect(whole.shells[1].binding).toBe('power');
    expect(whole.shells[1].feasibleShare).toBe(0);
  });

  it('GPU and Colossus equivalents follow PHYSICS.md (700 W, 1.36 kW, 300 MW)', () => {
    const t = whole.totals;
    expect(t.h100Equivalents).toBeCloseTo((t.computeGW * 1e9) / 700, 6);
    expect(t.allInGpuEquivalents).toBeCloseTo((t.computeGW * 1e9) / 1360, 6);
    expect(t.colossus1Equivalents).toBeCloseTo((t.computeGW * 1e9) / 300e6, 9);
  });

  it('areas, mass and costs by hand for shell b', () => {
    const d = sc.designs[1];
    const b = whole.shells[1];
    expect(b.arrayAreaKm2).toBeCloseTo((20 * d.solarArray.areaM2) / 1e6, 12);
    expect(b.radiatorAreaKm2).toBeCloseTo((20 * d.radiator.areaM2) / 1e6, 12);
    let massKg = 0;
    for (let i = 30; i < 50; i++) {
      massKg +=
        d.mass.busKg +
        d.solarArray.areaM2 * d.mass.arrayKgPerM2 +
        d.radiator.areaM2 * d.mass.radiatorKgPerM2 +
        d.compute.acceleratorCount * d.mass.computeKgPerAccelerator +
        m.batteryEnergyWh[i] / d.power.batteryWhPerKg;
    }
    expect(Math.abs(b.massToOrbitT - massKg / 1000)).toBeLessThan(20 * 1e-6);
    expect(Math.abs(b.launchCostUsd - massKg * d.mass.launchUsdPerKg)).toBeLessThan(20);
    expect(b.hardwareCostUsd).toBe(20 * d.mass.hardwareUsdPerSatellite);
    expect(b.costPerGWUsd).toBeCloseTo((b.launchCostUsd + b.hardwareCostUsd) / b.computeGW, 0);
  });

  it('feasible share counts satellites with both margins >= 0', () => {
    let ok = 0;
    for (let i = 0; i < m.count; i++) if (m.powerMarginW[i] >= 0 && m.thermalMarginW[i] >= 0) ok++;
    expect(whole.totals.feasibleShare).toBeCloseTo(ok / m.count, 12);
  });
});

describe('rollup merging', () => {
  it('shard partials merged in any order equal the whole-fleet rollup exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: fleet.count - 1 }), { maxLength: 5 }), fc.boolean(), (cuts, reverse) => {
        const bounds = [0, ...Array.from(new Set(cuts)).sort((a, b) => a - b), fleet.count];
        const parts = [];
        for (let k = 0; k + 1 < bounds.length; k++) {
          const mk = analyzeAnalytic(fleet, sc, { start: bounds[k], end: bounds[k + 1] });
          parts.push(rollupMetrics(fleet, sc, mk));
        }
        if (reverse) parts.reverse();
        const merged = parts.reduce((a, b) => mergeRollupPartials(a, b), createRollupPartial(fleet.shells.length, 'analytic'));
        expect(finalizeRollup(merged, fleet)).toEqual(whole);
      }),
      propertyRuns(25),
    );
  });

  it('refuses to merge rollups of different shell counts', () => {
    expect(() => mergeRollupPartials(createRollupPartial(2, 'analytic'), createRollupPartial(3, 'analytic'))).toThrow(/2 and 3 shells/);
  });
});

describe('latency percentiles', () => {
  it('histogram percentiles are within 0.05 % of the exact nearest-rank order statistic', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.5, max: 300, noNaN: true }), { minLength: 1, maxLength: 400 }), (lat) => {
        const mm = allocMetrics(lat.length, 0, 'sampled');
        mm.latencyMs.set(lat);
        const f1 = { ...fleet, count: lat.length, shellIndex: new Uint16Array(lat.length), designIndex: new Uint16Array(lat.length) };
        const r = finalizeRollup(accumulateRollup(createRollupPartial(fleet.shells.length, 'sampled'), f1, sc, mm), fleet);
        const sorted = [...lat].sort((a, b) => a - b);
        for (const [p, v] of [
          [0.5, r.totals.latencyP50Ms],
          [0.95, r.totals.latencyP95Ms],
          [0.99, r.totals.latencyP99Ms],
        ] as const) {
          const exact = sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
          expect(Math.abs(v - exact) / exact).toBeLessThan(0.0005 + 1e-12);
        }
        expect(r.mode).toBe('sampled');
      }),
      propertyRuns(50),
    );
  });

  it('NaN latencies count as never in view; empty histograms give NaN', () => {
    const mm = allocMetrics(4, 0, 'sampled');
    mm.latencyMs.set([NaN, 3, NaN, 5]);
    const f1 = { ...fleet, count: 4, shellIndex: new Uint16Array(4), designIndex: new Uint16Array(4) };
    const r = finalizeRollup(accumulateRollup(createRollupPartial(fleet.shells.length, 'sampled'), f1, sc, mm), fleet);
    expect(r.totals.neverInViewShare).toBe(0.5);
    expect(r.shells[1].latencyP50Ms).toBeNaN();
    expect(histPercentile(null, 0, 0.5)).toBeNaN();
    expect(latencyBin(1e-9)).toBe(0);
    expect(latencyBin(1e9)).toBe(LATENCY_HIST.bins - 1);
  });
});

describe('preset designs are sized for their loads (README figures)', () => {
  it('Suncatcher cluster: power and heat close for every satellite, installed compute binds, 1.94 MW; Colossus case: 300 MW', async () => {
    const { presetScenario } = await import('../../../../src/core/presets');
    const { buildFleet } = await import('../../../../src/core/fleet/generators');
    const { runAnalysis } = await import('../../../../src/core/report/run');
    const sc = presetScenario('suncatcher')!;
    const t = runAnalysis(buildFleet(sc), sc, 'analytic').rollup.totals;
    expect(t.powerThermalFeasibleShare).toBe(1);
    // the naive 9 x 9 cluster brings satellites of crossing planes within metres: under its 50 m keep-out
    expect(t.feasibilityLimit).toBe('separation');
    expect(t.feasibleShare).toBe(0);
    expect(t.binding).toBe('installed');
    expect(t.computeGW * 1000).toBeCloseTo(1.944, 3); // 81 x 64 x 375 W
    const co = presetScenario('colossus-300mw')!;
    const c = runAnalysis(buildFleet(co), co, 'analytic').rollup.totals;
    expect(c.computeGW * 1000).toBeGreaterThan(299);
    expect(c.colossus1Equivalents).toBeCloseTo(1, 2);
  });
});
