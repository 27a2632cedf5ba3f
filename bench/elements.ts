/**
 * Benchmark elements. Default: synthetic but realistic near-Earth element sets for benchmarks: varied LEO orbits
 * (perigee 300-1,500 km, e up to 0.02, all inclinations, drag B* up to 5e-4), epochs spread
 * over +-3 days, from a seeded generator so every run uses the same elements.
 */
import { allocElementColumns, copyElementColumns, type ElementColumns } from '../src/core/elements/columns';
import { buildFleet } from '../src/core/fleet/generators';
import { PRESETS, presetScenario } from '../src/core/presets';

/** Mulberry32: small, fast, seeded PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MU_KM3_PER_S2 = 398600.8; // WGS-72, as SGP4
const R_KM = 6378.135;

/** Reference epoch of the benchmark elements: 2026-01-01T00:00:00Z. */
export const BENCH_EPOCH_MS = Date.UTC(2026, 0, 1);

export function randomLeoElements(n: number, seed = 1): ElementColumns {
  const rnd = mulberry32(seed);
  const cols = allocElementColumns(n);
  for (let i = 0; i < n; i++) {
    const perigeeKm = 300 + 1200 * rnd();
    const e = rnd() < 0.7 ? 0.002 * rnd() : 0.02 * rnd();
    const aKm = (R_KM + perigeeKm) / (1 - e);
    const nRevPerDay = (Math.sqrt(MU_KM3_PER_S2 / (aKm * aKm * aKm)) * 86400) / (2 * Math.PI);
    cols.epochMs[i] = BENCH_EPOCH_MS + Math.round((rnd() - 0.5) * 6 * 86_400_000);
    cols.meanMotionRevPerDay[i] = nRevPerDay;
    cols.eccentricity[i] = e;
    cols.inclinationDeg[i] = rnd() < 0.5 ? 40 + 60 * rnd() : 180 * rnd();
    cols.raanDeg[i] = 360 * rnd();
    cols.argPerigeeDeg[i] = 360 * rnd();
    cols.meanAnomalyDeg[i] = 360 * rnd();
    cols.bstar[i] = 5e-4 * rnd() * rnd();
    cols.meanMotionDotRevPerDay2[i] = 1e-5 * rnd();
    cols.noradId[i] = i;
  }
  return cols;
}

/**
 * The first n satellites of a scenario preset's fleet (buildFleet): what the planner really
 * propagates (circular Walker/SSO shells, B* = 0). Throws with the valid keys for a bad key
 * or a fleet smaller than n.
 */
export function presetFleetElements(key: string, n: number): ElementColumns {
  const scenario = presetScenario(key);
  if (!scenario) throw new Error(`--fleet: no preset "${key}"; presets: ${PRESETS.map((p) => p.key).join(', ')}`);
  const fleet = buildFleet(scenario);
  if (fleet.count < n) throw new Error(`--fleet ${key} has ${fleet.count} satellites, fewer than --n ${n}`);
  return copyElementColumns(fleet.elements, 0, n);
}
