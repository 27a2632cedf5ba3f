import { describe, expect, it } from 'vitest';
import {
  arrayModelFromDesign,
  arrayOutputW,
  batteryCapacityWh,
  batteryCyclesPerYear,
  batteryLimitedLoadW,
  DIRECT_ENERGY_TRANSFER,
  eclipseEnergyWh,
  lifetimeDegradation,
  orbitAverageUsablePowerW,
  PEAK_POWER_TRACKING,
  requiredArrayPowerW,
} from '../../../../src/core/physics/power';
import {
  absorbedFluxWm2,
  celsiusToKelvin,
  emittedFluxWm2,
  equilibriumTemperatureK,
  radiatorAreaM2,
  radiatorRejectionW,
  viewFactorEdgeOn,
  viewFactorNadir,
} from '../../../../src/core/physics/thermal';
import { defaultDesign } from '../../../../src/core/scenario/design';

describe('electrical power (PHYSICS.md "Electrical power" check)', () => {
  // 1 kW load, 550 km, beta 0: eclipse 35.61 min, day 60.04 min
  it('P_sa = 2,239 W with peak-power tracking and 2,089 W with direct energy transfer (tolerance 1 W)', () => {
    expect(Math.abs(requiredArrayPowerW(1000, 35.61, 1000, 60.04, PEAK_POWER_TRACKING) - 2239)).toBeLessThan(1);
    expect(Math.abs(requiredArrayPowerW(1000, 35.61, 1000, 60.04, DIRECT_ENERGY_TRANSFER) - 2089)).toBeLessThan(1);
  });

  it('eclipse energy 593.5 Wh and battery 2,198 Wh at DOD 0.3, n 0.9 (tolerance 0.5 Wh)', () => {
    expect(Math.abs(eclipseEnergyWh(1000, 35.61 * 60) - 593.5)).toBeLessThan(0.05);
    expect(Math.abs(batteryCapacityWh(1000, 35.61 * 60, 0.3, 0.9) - 2198)).toBeLessThan(0.5);
  });

  it('orbit-average usable power inverts the sizing equation', () => {
    const fd = 60.04 / (60.04 + 35.61);
    const pSa = requiredArrayPowerW(1000, 35.61, 1000, 60.04, PEAK_POWER_TRACKING);
    expect(orbitAverageUsablePowerW(pSa, fd, PEAK_POWER_TRACKING)).toBeCloseTo(1000, 9);
    // full sunlight: only the daylight path efficiency applies
    expect(orbitAverageUsablePowerW(1000, 1, PEAK_POWER_TRACKING)).toBeCloseTo(800, 9);
    expect(orbitAverageUsablePowerW(1000, 0, PEAK_POWER_TRACKING)).toBe(0);
  });

  it('an installed battery carries exactly the load it was sized for', () => {
    const c = batteryCapacityWh(1000, 2136.6, 0.3, 0.9);
    expect(batteryLimitedLoadW(c, 2136.6, 0.3, 0.9)).toBeCloseTo(1000, 9);
    expect(batteryLimitedLoadW(c, 0, 0.3, 0.9)).toBe(Infinity);
  });

  it('about 5,500 battery cycles a year at 550 km (95.65 min orbit), tolerance 10', () => {
    expect(Math.abs(batteryCyclesPerYear(95.65 * 60) - 5500)).toBeLessThan(10);
  });

  it('array output follows S eta A PF cos I_d L_d [1 + gamma (T - 28)]', () => {
    const d = defaultDesign();
    const bol = arrayOutputW(1361, arrayModelFromDesign(d, 0));
    const a = d.solarArray;
    expect(bol).toBeCloseTo(
      1361 * a.cellEfficiency * a.areaM2 * a.packingFactor * a.inherentDegradation * (1 + a.tempCoeffPerC * (a.cellTempC - 28)),
      6,
    );
    const eol = arrayOutputW(1361, arrayModelFromDesign(d, 5));
    expect(eol / bol).toBeCloseTo((1 - a.degradationPerYear) ** 5, 12);
    expect(lifetimeDegradation(0.0375, 10)).toBeCloseTo(0.9625 ** 10, 12);
    const hot = arrayOutputW(1361, { ...arrayModelFromDesign(d, 0), cellTempC: 68, tempCoeffPerC: -0.0035 });
    const ref = arrayOutputW(1361, { ...arrayModelFromDesign(d, 0), cellTempC: 28 });
    expect(hot / ref).toBeCloseTo(1 - 0.0035 * 40, 12);
    const body = arrayOutputW(1361, arrayModelFromDesign({ ...d, solarArray: { ...d.solarArray, pointing: 'body-fixed' } }, 0));
    expect(body / bol).toBeCloseTo(2 / Math.PI, 12);
  });
});

describe('heat rejection (PHYSICS.md "Heat rejection" checks)', () => {
  it('two-sided, eps 0.92, 20 C emits 770.5 W/m^2 (tolerance 0.1)', () => {
    expect(Math.abs(2 * emittedFluxWm2(0.92, celsiusToKelvin(20)) - 770.5)).toBeLessThan(0.1);
  });

  it("Starcloud's net 633 W/m^2 -> 1,580 m^2 per MW (tolerance 1 m^2)", () => {
    // absorbed chosen so the net is 633 W/m^2 at 20 C, two-sided eps 0.92
    const absorbed = 2 * emittedFluxWm2(0.92, celsiusToKelvin(20)) - 633;
    expect(Math.abs(radiatorAreaM2(1e6, 2, 0.92, celsiusToKelvin(20), absorbed) - 1580)).toBeLessThan(1);
    expect(radiatorAreaM2(1e6, 2, 0.92, celsiusToKelvin(20), 2000)).toBe(Infinity);
  });

  it('one-sided, eps 0.90, 60 C emits 628.7 W/m^2 (tolerance 0.1)', () => {
    expect(Math.abs(emittedFluxWm2(0.9, celsiusToKelvin(60)) - 628.7)).toBeLessThan(0.1);
  });

  it('Earth IR at 550 km: nadir plate F 0.8475 receives 200.9 W/m^2, edge-on F 0.258 receives 61.1 W/m^2', () => {
    expect(Math.abs(viewFactorNadir(550) - 0.8475)).toBeLessThan(0.00005);
    expect(Math.abs(viewFactorEdgeOn(550) - 0.258)).toBeLessThan(0.0005);
    const ir = (f: number) =>
      absorbedFluxWm2({ absorptivity: 0, emissivity: 1, solarFluxWm2: 1361, cosSun: 0, viewFactor: f, cosSubsolar: 0 });
    expect(Math.abs(ir(viewFactorNadir(550)) - 200.9)).toBeLessThan(0.05);
    expect(Math.abs(ir(viewFactorEdgeOn(550)) - 61.1)).toBeLessThan(0.05);
  });

  it('absorbed flux sums Sun, albedo and Earth IR terms', () => {
    const q = absorbedFluxWm2({ absorptivity: 0.12, emissivity: 0.9, solarFluxWm2: 1361, cosSun: 0.5, viewFactor: 0.3, cosSubsolar: 0.2 });
    expect(q).toBeCloseTo(0.12 * 1361 * 0.5 + 0.12 * 0.3 * 1361 * 0.3 * 0.2 + 0.9 * 237 * 0.3, 9);
  });

  it('equilibrium temperature solves the balance that radiatorRejectionW states', () => {
    const absorbed = 2 * 0.9 * 237 * viewFactorEdgeOn(550);
    const t = equilibriumTemperatureK(100_000, 160, 2, 0.9, absorbed);
    expect(radiatorRejectionW(160, 2, 0.9, t, absorbed)).toBeCloseTo(100_000, 6);
    // at the load the radiator rejects at 20 C, the equilibrium is 20 C
    const p20 = radiatorRejectionW(160, 2, 0.9, celsiusToKelvin(20), absorbed);
    expect(equilibriumTemperatureK(p20, 160, 2, 0.9, absorbed)).toBeCloseTo(celsiusToKelvin(20), 9);
  });
});
