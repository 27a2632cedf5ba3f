/**
 * Design models shared by the analytic and sampled modes: per-design constants (array power,
 * installed load, radiator emission) and the per-satellite power, heat and compute columns
 * from an eclipse fraction, beta geometry, altitude and period. Sources:
 * - array output, SMAD X factors, battery: PHYSICS.md "Electrical power" (physics/power.ts);
 * - radiator rejection and equilibrium temperature: PHYSICS.md "Heat rejection" (physics/thermal.ts).
 */
import { KELVIN } from '../constants';
import type { Fleet } from '../fleet/fleet';
import type { Design } from '../scenario/design';
import type { Scenario } from '../scenario/schema';
import { arrayModelFromDesign, arrayOutputW, orbitAverageUsablePowerW, pathEfficiencies, type PathEfficiencies } from '../physics/power';
import {
  EARTH_ALBEDO,
  EARTH_OLR_W_PER_M2,
  emittedFluxWm2,
  equilibriumTemperatureK,
  SPACE_SINK_K,
  viewFactorEdgeOn,
  viewFactorNadir,
} from '../physics/thermal';
import type { PerSatelliteMetrics } from './metrics';
import { BINDING, METRIC_FLAGS } from './types';

/** Per-design constants (computed once per call). */
export interface DesignConstants {
  arrayBolW: number;
  arrayEolW: number;
  /** Array power used for usable power (EOL or BOL). */
  arrayForUsableW: number;
  x: PathEfficiencies;
  installedComputeW: number;
  busW: number;
  installedLoadW: number;
  batteryInstalledWh: number;
  dod: number;
  batteryEff: number;
  radiatorAreaM2: number;
  faces: number;
  emissivity: number;
  absorptivity: number;
  operatingK: number;
  /** faces x eps sigma (T_op^4 - T_sink^4), W/m^2 of radiator. */
  emittedAtOperatingWm2: number;
  edgeOn: boolean;
  sunOnRadiator: boolean;
}

export function designConstants(design: Design, solarFluxAtWindowWm2: number, powerAt: 'eol' | 'bol' = 'eol'): DesignConstants {
  const bol = arrayOutputW(solarFluxAtWindowWm2, arrayModelFromDesign(design, 0));
  const eol = arrayOutputW(solarFluxAtWindowWm2, arrayModelFromDesign(design, design.solarArray.lifeYears));
  const c = design.compute;
  const installedComputeW = c.acceleratorCount * (c.powerPerAcceleratorW + c.overheadPerAcceleratorW);
  const r = design.radiator;
  const operatingK = r.operatingTempC + KELVIN;
  return {
    arrayBolW: bol,
    arrayEolW: eol,
    arrayForUsableW: powerAt === 'bol' ? bol : eol,
    x: pathEfficiencies(design.power.regulation),
    installedComputeW,
    busW: c.busPowerW,
    installedLoadW: installedComputeW + c.busPowerW,
    batteryInstalledWh: design.power.batteryCapacityWh,
    dod: design.power.batteryDod,
    batteryEff: design.power.batteryEfficiency,
    radiatorAreaM2: r.areaM2,
    faces: r.sides,
    emissivity: r.emissivity,
    absorptivity: r.absorptivity,
    operatingK,
    emittedAtOperatingWm2: r.sides * emittedFluxWm2(r.emissivity, operatingK),
    edgeOn: r.orientation === 'edge-on',
    sunOnRadiator: r.sunOnRadiator,
  };
}

/**
 * Absorbed flux per m^2 of radiator, summed over its faces (docs/PHYSICS.md "Heat rejection", absorbed per face):
 * - edge-on: every face sees the Earth with the edge-on view factor;
 * - nadir: one face looks down (nadir view factor), a second face (if any) looks at space;
 * - albedo weighted by the orbit-mean day-side cos of the sub-solar angle, cos(beta)/pi;
 * - Sun on the radiator (*assumption*, only when the design allows it): one face at a mean
 *   cos of 2/pi over the sunlit part of the orbit.
 */
export function radiatorAbsorbedPerM2W(
  d: DesignConstants,
  altitudeKm: number,
  meanCosBeta: number,
  sunlitFraction: number,
  solarFluxWm2Value: number,
): number {
  let earthViewSum: number;
  if (d.edgeOn) earthViewSum = d.faces * viewFactorEdgeOn(altitudeKm);
  else earthViewSum = viewFactorNadir(altitudeKm);
  const albedo = d.absorptivity * EARTH_ALBEDO * solarFluxWm2Value * earthViewSum * (meanCosBeta / Math.PI);
  const ir = d.emissivity * EARTH_OLR_W_PER_M2 * earthViewSum;
  const sun = d.sunOnRadiator ? d.absorptivity * solarFluxWm2Value * (2 / Math.PI) * sunlitFraction : 0;
  return albedo + ir + sun;
}

/**
 * Absorbed flux per m^2 of radiator at the two ends of an orbit (same terms as
 * radiatorAbsorbedPerM2W): in eclipse only the Earth's IR; at orbit noon IR, albedo at the
 * sub-solar angle beta (cos(beta) from the window mean) and, when allowed, the Sun at normal incidence.
 */
export function radiatorAbsorbedBoundsPerM2W(
  d: DesignConstants,
  altitudeKm: number,
  meanCosBeta: number,
  solarFluxWm2Value: number,
): { eclipse: number; sunlit: number } {
  const earthViewSum = d.edgeOn ? d.faces * viewFactorEdgeOn(altitudeKm) : viewFactorNadir(altitudeKm);
  const ir = d.emissivity * EARTH_OLR_W_PER_M2 * earthViewSum;
  const albedo = d.absorptivity * EARTH_ALBEDO * solarFluxWm2Value * earthViewSum * Math.max(0, meanCosBeta);
  const sun = d.sunOnRadiator ? d.absorptivity * solarFluxWm2Value : 0;
  return { eclipse: ir, sunlit: ir + albedo + sun };
}

/**
 * Fill the power and thermal columns of rows [0, m.count) from eclipseFraction, meanCosBeta,
 * altitudeKm and periodS (already set). Shared by the analytic and sampled modes, so a sampled
 * eclipse fraction flows through exactly the same design models.
 */
export function applyDesignModels(fleet: Fleet, m: PerSatelliteMetrics, solarFluxWm2Value: number, designs: DesignConstants[]): void {
  const dIdx = fleet.designIndex;
  const base = m.start;
  const flags = m.flags;
  const ecl = m.eclipseFraction;
  const cosB = m.meanCosBeta;
  const alt = m.altitudeKm;
  const per = m.periodS;
  const n = m.count;
  for (let k = 0; k < n; ) {
    // a run of rows with the same inputs (a Walker plane) gets the same outputs: filled once
    let e = k + 1;
    while (
      e < n &&
      dIdx[base + e] === dIdx[base + k] &&
      flags[e] === flags[k] &&
      ecl[e] === ecl[k] &&
      cosB[e] === cosB[k] &&
      alt[e] === alt[k] &&
      per[e] === per[k]
    )
      e++;
    designRow(m, k, designs[dIdx[base + k]] ?? designs[0], solarFluxWm2Value);
    if (e > k + 1) fillDesignRow(m, k, k + 1, e);
    k = e;
  }
}

function designRow(m: PerSatelliteMetrics, k: number, d: DesignConstants, solarFluxWm2Value: number): void {
  if (m.flags[k] & METRIC_FLAGS.invalid) {
    setInvalid(m, k, d);
    return;
  }
  const ecl = m.eclipseFraction[k];
  const sunlit = 1 - ecl;
  m.sunlitFraction[k] = sunlit;
  m.arrayPowerBolW[k] = d.arrayBolW;
  m.arrayPowerEolW[k] = d.arrayEolW;
  let usable = orbitAverageUsablePowerW(d.arrayForUsableW, sunlit, d.x);
  const eclipseS = ecl * m.periodS[k];
  if (d.batteryInstalledWh > 0 && eclipseS > 0) {
    const cap = (d.batteryInstalledWh * d.dod * d.batteryEff * 3600) / eclipseS;
    if (cap < usable) usable = cap;
  }
  m.usablePowerW[k] = usable;
  const absorbed = radiatorAbsorbedPerM2W(d, m.altitudeKm[k], m.meanCosBeta[k], sunlit, solarFluxWm2Value);
  const reject = d.radiatorAreaM2 * (d.emittedAtOperatingWm2 - absorbed);
  m.radiatorRejectW[k] = reject;
  m.radiatorTempC[k] = equilibriumTemperatureK(d.installedLoadW, d.radiatorAreaM2, d.faces, d.emissivity, absorbed, SPACE_SINK_K) - KELVIN;
  const bounds = radiatorAbsorbedBoundsPerM2W(d, m.altitudeKm[k], m.meanCosBeta[k], solarFluxWm2Value);
  m.radiatorTempEclipseC[k] =
    ecl > 0
      ? equilibriumTemperatureK(d.installedLoadW, d.radiatorAreaM2, d.faces, d.emissivity, bounds.eclipse, SPACE_SINK_K) - KELVIN
      : Number.NaN;
  m.radiatorTempSunC[k] =
    equilibriumTemperatureK(d.installedLoadW, d.radiatorAreaM2, d.faces, d.emissivity, bounds.sunlit, SPACE_SINK_K) - KELVIN;
  m.powerMarginW[k] = usable - d.installedLoadW;
  m.thermalMarginW[k] = reject - d.installedLoadW;
  const byPower = usable - d.busW;
  const byHeat = reject - d.busW;
  let compute = d.installedComputeW;
  let bind: number = BINDING.installed;
  if (byPower < compute) {
    compute = byPower;
    bind = BINDING.power;
  }
  if (byHeat < compute) {
    compute = byHeat;
    bind = BINDING.thermal;
  }
  if (compute < 0) compute = 0;
  m.computePowerW[k] = compute;
  m.bindingLimit[k] = bind;
  m.batteryEnergyWh[k] = d.batteryInstalledWh > 0 ? d.batteryInstalledWh : ((compute + d.busW) * eclipseS) / 3600 / (d.dod * d.batteryEff);
}

/** Same inputs, same outputs: copy row `from` of the design-model columns to rows [to, end). */
function fillDesignRow(m: PerSatelliteMetrics, from: number, to: number, end: number): void {
  m.sunlitFraction.fill(m.sunlitFraction[from], to, end);
  m.arrayPowerBolW.fill(m.arrayPowerBolW[from], to, end);
  m.arrayPowerEolW.fill(m.arrayPowerEolW[from], to, end);
  m.usablePowerW.fill(m.usablePowerW[from], to, end);
  m.batteryEnergyWh.fill(m.batteryEnergyWh[from], to, end);
  m.radiatorRejectW.fill(m.radiatorRejectW[from], to, end);
  m.radiatorTempC.fill(m.radiatorTempC[from], to, end);
  m.radiatorTempEclipseC.fill(m.radiatorTempEclipseC[from], to, end);
  m.radiatorTempSunC.fill(m.radiatorTempSunC[from], to, end);
  m.powerMarginW.fill(m.powerMarginW[from], to, end);
  m.thermalMarginW.fill(m.thermalMarginW[from], to, end);
  m.computePowerW.fill(m.computePowerW[from], to, end);
  m.bindingLimit.fill(m.bindingLimit[from], to, end);
}

function setInvalid(m: PerSatelliteMetrics, k: number, d: DesignConstants): void {
  const nan = Number.NaN;
  m.sunlitFraction[k] = nan;
  m.arrayPowerBolW[k] = d.arrayBolW;
  m.arrayPowerEolW[k] = d.arrayEolW;
  m.usablePowerW[k] = nan;
  m.batteryEnergyWh[k] = nan;
  m.radiatorRejectW[k] = nan;
  m.radiatorTempC[k] = nan;
  m.radiatorTempEclipseC[k] = nan;
  m.radiatorTempSunC[k] = nan;
  m.powerMarginW[k] = nan;
  m.thermalMarginW[k] = nan;
  m.computePowerW[k] = 0;
  m.bindingLimit[k] = BINDING.installed;
}

/** Design constants for every design of the scenario at the window's solar flux. */
export function scenarioDesignConstants(scenario: Scenario, solarFluxWm2Value: number, powerAt: 'eol' | 'bol' = 'eol'): DesignConstants[] {
  return scenario.designs.map((d) => designConstants(d, solarFluxWm2Value, powerAt));
}
