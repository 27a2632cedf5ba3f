/**
 * Heat rejection. Source: docs/PHYSICS.md "Heat rejection".
 * All electrical power used by payload and bus ends as heat; a radiator face emits
 * eps sigma (T^4 - T_sink^4) and absorbs Sun, albedo and Earth IR through its view factor.
 */
import { KELVIN, STEFAN_BOLTZMANN, WGS84 } from '../constants';

/** Deep-space sink temperature, K (PHYSICS.md: about 3 K). */
export const SPACE_SINK_K = 3;
/** Bond albedo of the Earth (PHYSICS.md: 0.30; design range 0.18-0.55). */
export const EARTH_ALBEDO = 0.3;
/** Outgoing long-wave radiation of the Earth, W/m^2 (PHYSICS.md: 237; design range 150-350). */
export const EARTH_OLR_W_PER_M2 = 237;

/** Emitted flux per face, W/m^2: eps sigma (T^4 - T_sink^4). */
export function emittedFluxWm2(emissivity: number, temperatureK: number, sinkK: number = SPACE_SINK_K): number {
  return emissivity * STEFAN_BOLTZMANN * (temperatureK ** 4 - sinkK ** 4);
}

/** View factor of a nadir-facing plate to the Earth: F = (R / (R + h))^2. */
export function viewFactorNadir(altitudeKm: number, earthRadiusKm: number = WGS84.radiusKm): number {
  const q = earthRadiusKm / (earthRadiusKm + altitudeKm);
  return q * q;
}

/**
 * View factor of a plate edge-on to the Earth (normal horizontal):
 * F = (1/pi) [asin(1/H) - sqrt(H^2 - 1) / H^2], H = (R + h)/R (PHYSICS.md: 0.258 at 550 km).
 */
export function viewFactorEdgeOn(altitudeKm: number, earthRadiusKm: number = WGS84.radiusKm): number {
  const h = (earthRadiusKm + altitudeKm) / earthRadiusKm;
  return (Math.asin(1 / h) - Math.sqrt(h * h - 1) / (h * h)) / Math.PI;
}

export interface AbsorbedFluxInputs {
  absorptivity: number;
  emissivity: number;
  solarFluxWm2: number;
  /** Mean cos of the Sun's incidence on the face (0 when the face never sees the Sun). */
  cosSun: number;
  /** Earth view factor of the face. */
  viewFactor: number;
  /** Mean cos of the sub-solar angle over the orbit (weights the albedo). */
  cosSubsolar: number;
  albedo?: number;
  olrWm2?: number;
}

/**
 * Absorbed flux per face, W/m^2 (PHYSICS.md):
 * q_abs = alpha S cos(theta_s) + alpha a S F cos(theta_ss) + eps OLR F.
 */
export function absorbedFluxWm2(i: AbsorbedFluxInputs): number {
  const a = i.albedo ?? EARTH_ALBEDO;
  const olr = i.olrWm2 ?? EARTH_OLR_W_PER_M2;
  return (
    i.absorptivity * i.solarFluxWm2 * i.cosSun +
    i.absorptivity * a * i.solarFluxWm2 * i.viewFactor * i.cosSubsolar +
    i.emissivity * olr * i.viewFactor
  );
}

/**
 * Orbit-mean cos of the sub-solar angle seen by a circular orbit with beta angle beta, counting
 * only the day side: mean over u of max(0, cos(beta) cos(u)) = cos(beta) / pi. Derived here
 * (the angle between the position and the Sun is acos(cos(beta) cos(u)) for argument of latitude
 * u measured from the noon point); weights the albedo term of `absorbedFluxWm2`.
 */
export function meanCosSubsolar(betaRad: number): number {
  return Math.cos(betaRad) / Math.PI;
}

/**
 * Radiator area for a heat load, m^2 (PHYSICS.md): A = P / (k eps sigma (T^4 - T_sink^4) - q_abs),
 * with k faces and q_abs the absorbed flux summed over the faces per m^2 of radiator.
 * Infinite when absorption meets or beats emission.
 */
export function radiatorAreaM2(heatLoadW: number, faces: number, emissivity: number, temperatureK: number, absorbedPerM2W: number): number {
  const net = faces * emittedFluxWm2(emissivity, temperatureK) - absorbedPerM2W;
  return net > 0 ? heatLoadW / net : Number.POSITIVE_INFINITY;
}

/** Net heat a radiator rejects at temperature T, W (may be negative). */
export function radiatorRejectionW(
  areaM2: number,
  faces: number,
  emissivity: number,
  temperatureK: number,
  absorbedPerM2W: number,
): number {
  return areaM2 * (faces * emittedFluxWm2(emissivity, temperatureK) - absorbedPerM2W);
}

/**
 * Equilibrium radiator temperature, K: the T at which k eps sigma (T^4 - T_sink^4) A = P + q_abs A
 * (the balance of PHYSICS.md solved for T; closed form since it is quartic in T only).
 */
export function equilibriumTemperatureK(
  heatLoadW: number,
  areaM2: number,
  faces: number,
  emissivity: number,
  absorbedPerM2W: number,
  sinkK: number = SPACE_SINK_K,
): number {
  const t4 = (heatLoadW / areaM2 + absorbedPerM2W) / (faces * emissivity * STEFAN_BOLTZMANN) + sinkK ** 4;
  return t4 > 0 ? Math.sqrt(Math.sqrt(t4)) : 0;
}

export const celsiusToKelvin = (c: number): number => c + KELVIN;
export const kelvinToCelsius = (k: number): number => k - KELVIN;
