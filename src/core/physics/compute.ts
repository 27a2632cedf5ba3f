/**
 * Compute equivalence. Source: docs/PHYSICS.md "Compute equivalence".
 */

/** H100 SXM thermal design power, W. */
export const H100_TDP_W = 700;
/** Colossus 1: about 300 MW for about 220,000 GPUs = 1.36 kW per GPU all-in. */
export const ALL_IN_W_PER_GPU = 1360;
/** Colossus 1 facility power, W. */
export const COLOSSUS1_W = 300e6;
/** DGX H100: 10.2 kW for 8 GPUs = 1.275 kW per GPU. */
export const DGX_H100_W_PER_GPU = 10_200 / 8;

/** H100 equivalents at 700 W TDP (1 GW -> 1.43 M). */
export function h100Equivalents(powerW: number): number {
  return powerW / H100_TDP_W;
}

/** GPU equivalents at 1.36 kW all-in, as Colossus 1 (1 GW -> 735 k). */
export function allInGpuEquivalents(powerW: number): number {
  return powerW / ALL_IN_W_PER_GPU;
}

/** Colossus 1 equivalents (300 MW each). */
export function colossus1Equivalents(powerW: number): number {
  return powerW / COLOSSUS1_W;
}
