/**
 * Electrical power. Source: docs/PHYSICS.md "Electrical power" (SMAD 11.4).
 * Inputs are plain numbers so the same functions serve the per-design constants of the analytic
 * pass and the worked checks; the design record maps onto them in `arrayModelFromDesign`.
 */
import type { Design } from '../scenario/design';

/** SMAD path efficiencies: X_e (eclipse, through the battery) and X_d (daylight, direct). */
export interface PathEfficiencies {
  eclipse: number;
  daylight: number;
}

/** PHYSICS.md: peak-power tracking X_e = 0.60, X_d = 0.80. */
export const PEAK_POWER_TRACKING: PathEfficiencies = { eclipse: 0.6, daylight: 0.8 };
/** PHYSICS.md: direct energy transfer X_e = 0.65, X_d = 0.85. */
export const DIRECT_ENERGY_TRANSFER: PathEfficiencies = { eclipse: 0.65, daylight: 0.85 };

export function pathEfficiencies(regulation: Design['power']['regulation']): PathEfficiencies {
  return regulation === 'direct-energy-transfer' ? DIRECT_ENERGY_TRANSFER : PEAK_POWER_TRACKING;
}

/**
 * Mean cos(theta) of the array normal to the Sun. Sun tracking: 1 (theta = 0, PHYSICS.md).
 * Body-fixed: 2/pi, the mean of |cos| of a plate turning once per orbit (*assumption*, as the
 * design schema documents).
 */
export function pointingCosine(pointing: Design['solarArray']['pointing']): number {
  return pointing === 'body-fixed' ? 2 / Math.PI : 1;
}

/** Lifetime degradation L_d = (1 - d)^years (PHYSICS.md, SMAD). */
export function lifetimeDegradation(degradationPerYear: number, years: number): number {
  return (1 - degradationPerYear) ** years;
}

export interface ArrayParameters {
  areaM2: number;
  cellEfficiency: number;
  packingFactor: number;
  /** Mean cos(theta) of incidence. */
  cosIncidence: number;
  inherentDegradation: number;
  /** Lifetime degradation L_d (1 at beginning of life). */
  lifetimeDegradation: number;
  tempCoeffPerC: number;
  cellTempC: number;
}

/**
 * Array output in sunlight, W: P = S eta A PF cos(theta) I_d L_d [1 + gamma (T - 28 C)]
 * (docs/PHYSICS.md "Electrical power", array output).
 */
export function arrayOutputW(solarFluxWm2: number, a: ArrayParameters): number {
  return (
    solarFluxWm2 *
    a.cellEfficiency *
    a.areaM2 *
    a.packingFactor *
    a.cosIncidence *
    a.inherentDegradation *
    a.lifetimeDegradation *
    (1 + a.tempCoeffPerC * (a.cellTempC - 28))
  );
}

/** The array parameters of a design at a given age (0 = beginning of life). */
export function arrayModelFromDesign(design: Design, ageYears: number): ArrayParameters {
  const s = design.solarArray;
  return {
    areaM2: s.areaM2,
    cellEfficiency: s.cellEfficiency,
    packingFactor: s.packingFactor,
    cosIncidence: pointingCosine(s.pointing),
    inherentDegradation: s.inherentDegradation,
    lifetimeDegradation: lifetimeDegradation(s.degradationPerYear, ageYears),
    tempCoeffPerC: s.tempCoeffPerC,
    cellTempC: s.cellTempC,
  };
}

/**
 * Array power needed to carry loads through eclipse (SMAD 11.4, PHYSICS.md):
 * P_sa = (P_e T_e / X_e + P_d T_d / X_d) / T_d. Times in any one unit.
 * Check: 1 kW, 35.61 min eclipse, 60.04 min day -> 2,239 W (PPT), 2,089 W (DET).
 */
export function requiredArrayPowerW(
  eclipseLoadW: number,
  eclipseDuration: number,
  daylightLoadW: number,
  daylightDuration: number,
  x: PathEfficiencies,
): number {
  return ((eclipseLoadW * eclipseDuration) / x.eclipse + (daylightLoadW * daylightDuration) / x.daylight) / daylightDuration;
}

/**
 * Orbit-average usable power, W: the constant load that an array delivering `arrayPowerW` in
 * sunlight carries around the whole orbit, i.e. the SMAD sizing equation solved for the load
 * with P_e = P_d = P: P = P_sa f_d / ((1 - f_d)/X_e + f_d/X_d), f_d = sunlit fraction.
 * (PHYSICS.md: "what the array delivers in sunlight through the X factors, averaged over the orbit".)
 */
export function orbitAverageUsablePowerW(arrayPowerW: number, sunlitFraction: number, x: PathEfficiencies): number {
  if (!(sunlitFraction > 0)) return 0;
  return (arrayPowerW * sunlitFraction) / ((1 - sunlitFraction) / x.eclipse + sunlitFraction / x.daylight);
}

/** Energy drawn through one eclipse, Wh: P_e T_e. */
export function eclipseEnergyWh(eclipseLoadW: number, eclipseDurationS: number): number {
  return (eclipseLoadW * eclipseDurationS) / 3600;
}

/**
 * Battery capacity needed, Wh: C = P_e T_e / (DOD n) (docs/PHYSICS.md "Electrical power", battery).
 * Check: 1 kW through 35.61 min at DOD 0.3, n 0.9 -> 2,198 Wh.
 */
export function batteryCapacityWh(eclipseLoadW: number, eclipseDurationS: number, depthOfDischarge: number, efficiency: number): number {
  return eclipseEnergyWh(eclipseLoadW, eclipseDurationS) / (depthOfDischarge * efficiency);
}

/**
 * Largest constant load an installed battery carries through an eclipse, W:
 * C DOD n / T_e (the battery equation solved for P_e). Infinite with no eclipse.
 */
export function batteryLimitedLoadW(capacityWh: number, eclipseDurationS: number, depthOfDischarge: number, efficiency: number): number {
  if (!(eclipseDurationS > 0)) return Number.POSITIVE_INFINITY;
  return (capacityWh * depthOfDischarge * efficiency * 3600) / eclipseDurationS;
}

/** Charge-discharge cycles per year: one per orbit with an eclipse (PHYSICS.md: ~5,500 at 550 km). */
export function batteryCyclesPerYear(periodS: number): number {
  return (365.25 * 86400) / periodS;
}
