/**
 * Atmospheric drag: density, station-keeping delta-v, propellant, orbit decay of a dead satellite.
 * Sources (docs/FEASIBILITY.md "Feasibility: drag"):
 * - density: NRLMSISE-00 (Picone et al. 2002) global means for low / moderate / high activity,
 *   tabulated in atmosphereTable.ts (scripts/feasibility/density_table.f), log-linear in altitude;
 * - drag acceleration a = rho v^2 Cd A / (2 m), Cd = 2.2
 *   (docs/PHYSICS.md "Beyond power and heat"; Vallado, Fundamentals of Astrodynamics, 4th ed., sec. 8.6.2);
 * - propellant by the rocket equation m_p = m (exp(dv / (Isp g0)) - 1), g0 = 9.80665 m/s^2;
 * - decay of a circular orbit da/dt = -rho sqrt(mu a) Cd A / m (King-Hele; Vallado eq. 9-51 for e = 0).
 */
import { TROPICAL_YEAR_DAYS, WGS84 } from '../constants';
import { DENSITY_ALTITUDES_KM, DENSITY_HIGH_KG_M3, DENSITY_LOW_KG_M3, DENSITY_MODERATE_KG_M3 } from './atmosphereTable';

export const SOLAR_ACTIVITIES = ['low', 'moderate', 'high'] as const;
export type SolarActivity = (typeof SOLAR_ACTIVITIES)[number];

/** Standard gravity, m/s^2 (rocket equation, Isp in seconds). */
export const G0_M_PER_S2 = 9.80665;
/** Julian year, s (drag delta-v per year). */
export const SECONDS_PER_YEAR = 365.25 * 86400;
/** Altitude at which the decay integration stops: below it re-entry follows within days, km. */
export const REENTRY_ALTITUDE_KM = 120;

const LOG_TABLES: Record<SolarActivity, Float64Array> = {
  low: Float64Array.from(DENSITY_LOW_KG_M3, Math.log),
  moderate: Float64Array.from(DENSITY_MODERATE_KG_M3, Math.log),
  high: Float64Array.from(DENSITY_HIGH_KG_M3, Math.log),
};
const H0 = DENSITY_ALTITUDES_KM[0];
const DH = DENSITY_ALTITUDES_KM[1] - DENSITY_ALTITUDES_KM[0];
const NH = DENSITY_ALTITUDES_KM.length;

/**
 * Mass density, kg/m^3, at `altitudeKm` for the activity: log-linear between the table rows
 * (100 to 2,500 km every 25 km); above the table the last segment's scale height continues;
 * below 100 km the first row (the drag model is not meant for it).
 */
export function atmosphereDensityKgM3(altitudeKm: number, activity: SolarActivity = 'moderate'): number {
  const t = LOG_TABLES[activity] ?? LOG_TABLES.moderate;
  if (!(altitudeKm > H0)) return Math.exp(t[0]);
  let k = Math.floor((altitudeKm - H0) / DH);
  if (k > NH - 2) k = NH - 2;
  const f = (altitudeKm - (H0 + k * DH)) / DH;
  return Math.exp(t[k] + f * (t[k + 1] - t[k]));
}

/** Density scale height at an altitude, km (from the table's local log slope). */
export function densityScaleHeightKm(altitudeKm: number, activity: SolarActivity = 'moderate'): number {
  const t = LOG_TABLES[activity] ?? LOG_TABLES.moderate;
  let k = Math.floor((Math.max(altitudeKm, H0) - H0) / DH);
  if (k > NH - 2) k = NH - 2;
  return DH / (t[k] - t[k + 1]);
}

/** Circular orbital speed at an altitude above the WGS-84 radius, km/s. */
export function circularSpeedKmS(altitudeKm: number): number {
  return Math.sqrt(WGS84.muKm3PerS2 / (WGS84.radiusKm + altitudeKm));
}

/** Drag acceleration a = rho v^2 Cd A / (2 m), m/s^2 (v in km/s, converted). */
export function dragAccelerationMS2(
  densityKgM3: number,
  speedKmS: number,
  dragCoefficient: number,
  areaM2: number,
  massKg: number,
): number {
  if (!(massKg > 0)) return Number.NaN;
  const v = speedKmS * 1000;
  return (0.5 * densityKgM3 * v * v * dragCoefficient * areaM2) / massKg;
}

/**
 * Station-keeping delta-v to cancel drag on a circular orbit for a year, m/s per year: the drag
 * acceleration at the altitude times a Julian year (the atmosphere's co-rotation is neglected;
 * it lowers the relative speed by at most ~7 % at the equator of a prograde LEO orbit).
 */
export function dragDeltaVMPerSPerYear(
  altitudeKm: number,
  activity: SolarActivity,
  dragCoefficient: number,
  areaM2: number,
  massKg: number,
): number {
  return (
    dragAccelerationMS2(atmosphereDensityKgM3(altitudeKm, activity), circularSpeedKmS(altitudeKm), dragCoefficient, areaM2, massKg) *
    SECONDS_PER_YEAR
  );
}

/** Propellant for a delta-v by the rocket equation, kg: m_dry (exp(dv / (Isp g0)) - 1). */
export function propellantKg(dryMassKg: number, deltaVMS: number, specificImpulseS: number): number {
  if (!(specificImpulseS > 0) || !(deltaVMS >= 0)) return Number.NaN;
  return dryMassKg * Math.expm1(deltaVMS / (specificImpulseS * G0_M_PER_S2));
}

/**
 * Years for a dead satellite on a circular orbit to decay from `altitudeKm` to 120 km, at a
 * constant activity level. da/dt = -rho(h) sqrt(mu a) B with B = Cd A / m; the density is
 * log-linear per table segment, so each segment integrates in closed form:
 * t = H (exp(dh/H) - 1) / (rho_lower sqrt(mu a_mid) B), with sqrt(mu a) at the segment midpoint
 * (it changes by < 2 % within 25 km). Infinity when B = 0.
 */
export function decayYears(altitudeKm: number, activity: SolarActivity, dragCoefficient: number, areaM2: number, massKg: number): number {
  const b = (dragCoefficient * areaM2) / massKg; // m^2/kg
  if (!(b > 0)) return Number.POSITIVE_INFINITY;
  if (!(altitudeKm > REENTRY_ALTITUDE_KM)) return 0;
  const muM = WGS84.muKm3PerS2 * 1e9;
  let seconds = 0;
  let h = REENTRY_ALTITUDE_KM;
  while (h < altitudeKm) {
    // integrate from the bottom up to the next table row (or the start altitude)
    const k = Math.min(NH - 2, Math.floor((h - H0) / DH));
    const top = Math.min(altitudeKm, k >= NH - 2 ? altitudeKm : H0 + (k + 1) * DH);
    const dhKm = top - h;
    const scaleKm = densityScaleHeightKm(h, activity);
    const rhoLow = atmosphereDensityKgM3(h, activity);
    const aMid = (WGS84.radiusKm + (h + top) / 2) * 1000;
    const rate = rhoLow * Math.sqrt(muM * aMid) * b; // m/s of semi-major axis at the segment bottom, per unit exp factor
    seconds += (scaleKm * 1000 * Math.expm1(dhKm / scaleKm)) / rate;
    h = top;
  }
  return seconds / (TROPICAL_YEAR_DAYS * 86400);
}

/**
 * Mean |cos| between the flight direction and the normal of a Sun-pointing plate over an orbit
 * whose beta angle has cosine `cosBeta`: the Sun's component along the velocity is
 * -cos(beta) sin(u), so the mean over the argument of latitude u is (2/pi) cos(beta).
 */
export function sunTrackingDragFactor(cosBeta: number): number {
  return (2 / Math.PI) * Math.abs(cosBeta);
}

/**
 * Mean |cos| between the flight direction and the normal of a radiator kept edge-on to both the
 * Earth and the Sun (normal along nadir x Sun): |v.n| = sin(beta) / sqrt(sin^2 beta + cos^2 beta
 * sin^2 u), averaged over u numerically (128 points). 1 for beta = 90 deg (dawn-dusk: the panel
 * faces the flow), 0 for beta = 0 (the normal lies along the orbit normal).
 */
export function edgeOnRadiatorDragFactor(cosBeta: number): number {
  const c = Math.min(1, Math.abs(cosBeta));
  const s = Math.sqrt(1 - c * c);
  if (s === 0) return 0;
  const n = 128;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const su = Math.sin(((j + 0.5) / n) * (Math.PI / 2));
    sum += s / Math.sqrt(s * s + c * c * su * su);
  }
  return sum / n;
}

/**
 * Year-mean of (|cos beta|, edge-on radiator factor) for a non-sun-synchronous orbit of
 * inclination i: the node sweeps all angles relative to the Sun and the Sun's declination runs
 * through the year, so sin(beta) = cos(dec) sin(i) sin(dOmega) + sin(dec) cos(i) is averaged over
 * dOmega (72 points) and the declination 23.44 deg sin(2 pi k / 24) (24 points).
 */
export function yearMeanDragFactors(inclinationDeg: number): { sunTracking: number; edgeOnRadiator: number; meanCosBeta: number } {
  const i = (inclinationDeg * Math.PI) / 180;
  const eps = (23.44 * Math.PI) / 180;
  let cb = 0;
  let rad = 0;
  let n = 0;
  for (let k = 0; k < 24; k++) {
    const dec = Math.asin(Math.sin(eps) * Math.sin((2 * Math.PI * k) / 24));
    for (let j = 0; j < 72; j++) {
      const dO = ((j + 0.5) / 72) * 2 * Math.PI;
      const sb = Math.cos(dec) * Math.sin(i) * Math.sin(dO) + Math.sin(dec) * Math.cos(i);
      const c = Math.sqrt(Math.max(0, 1 - sb * sb));
      cb += c;
      rad += edgeOnRadiatorDragFactor(c);
      n++;
    }
  }
  return { meanCosBeta: cb / n, sunTracking: sunTrackingDragFactor(cb / n), edgeOnRadiator: rad / n };
}
