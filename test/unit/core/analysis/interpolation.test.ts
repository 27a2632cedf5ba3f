/**
 * The sampled pass's SGP4 knots with Hermite interpolation (src/core/analysis/sampled/interpolation.ts)
 * against full SGP4 at every step: positions within the stated bound, and the per-satellite
 * figures of a whole pass within stated tolerances of the exact pass.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSampledFleet, batchStateSource, STATE_BLOCK_ROWS } from '../../../../src/core/analysis/sampled';
import {
  DEFAULT_INTERPOLATION_ERROR_KM,
  hermiteStateSource,
  interpolationFor,
  quinticBoundKm,
  knotStepsFor,
  QUINTIC_MAX_ECCENTRICITY,
  QUINTIC_MIN_PERIGEE_KM,
} from '../../../../src/core/analysis/sampled/interpolation';
import { allocElementColumns } from '../../../../src/core/elements/columns';
import { buildFleet } from '../../../../src/core/fleet/generators';
import { kernelStateSource } from '../../../../src/core/report/run';
import { initSgp4Batch, propagateBatch } from '../../../../src/core/sgp4';
import { loadCatalogue, scenario, walker } from './fixtures';

/** Seeded generator (mulberry32) so the element sets are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n random LEO element sets: perigee in [minKm, maxKm], e up to maxEcc (a third) or 0.002, B* up to 2e-4. */
function leoElements(n: number, seed: number, minKm: number, maxKm: number, maxEcc: number) {
  const r = rng(seed);
  const e = allocElementColumns(n);
  const epoch = Date.UTC(2026, 2, 20);
  for (let i = 0; i < n; i++) {
    const hKm = minKm + r() * (maxKm - minKm);
    const ecc = i % 3 === 0 ? r() * maxEcc : r() * Math.min(maxEcc, 0.002);
    const aKm = (6378.135 + hKm) / (1 - ecc); // perigee at hKm
    e.epochMs[i] = epoch - r() * 3 * 86400e3;
    e.meanMotionRevPerDay[i] = (86400 / (2 * Math.PI)) * Math.sqrt(398600.8 / aKm ** 3);
    e.eccentricity[i] = ecc;
    e.inclinationDeg[i] = r() * 180;
    e.raanDeg[i] = r() * 360;
    e.argPerigeeDeg[i] = r() * 360;
    e.meanAnomalyDeg[i] = r() * 360;
    e.bstar[i] = r() * 2e-4;
  }
  return { e, epoch };
}

/** Max position and velocity differences of the interpolated source from full SGP4 over 4 knot intervals. */
function againstSgp4(e: ReturnType<typeof allocElementColumns>, epoch: number, stepS: number) {
  const n = e.count;
  const plan = interpolationFor(e, 0, n, stepS);
  const K = plan.knotSteps;
  const batch = initSgp4Batch(e, 0, n);
  const exact = { propagate: (t: number, p: Float64Array, v: Float64Array, er: Uint8Array) => propagateBatch(batch, t, p, v, er, 0) };
  const interp = hermiteStateSource(exact, n, epoch, stepS * 1000, K, { quintic: plan.quintic });
  const posOnly = hermiteStateSource(exact, n, epoch, stepS * 1000, K, { positionsOnly: true, quintic: plan.quintic });
  const p3 = new Float64Array(3 * n);
  const v3 = new Float64Array(3 * n);
  const e3 = new Uint8Array(n);
  const p1 = new Float64Array(3 * n);
  const v1 = new Float64Array(3 * n);
  const e1 = new Uint8Array(n);
  const p2 = new Float64Array(3 * n);
  const v2 = new Float64Array(3 * n);
  const e2 = new Uint8Array(n);
  let maxKm = 0;
  let maxVelKmS = 0;
  for (let j = 0; j < 4 * K + 1; j++) {
    const t = epoch + j * stepS * 1000;
    interp.propagate(t, p1, v1, e1);
    exact.propagate(t, p2, v2, e2);
    // positions only (what the sampled shard uses): the same positions and codes (its velocity
    // array is only the knots' Float64 scratch: contents unspecified)
    posOnly.propagate(t, p3, v3, e3);
    expect(p3).toEqual(p1);
    expect(e3).toEqual(e1);
    for (let i = 0; i < n; i++) {
      if (e2[i] !== 0 || e1[i] !== 0) continue;
      const d = Math.hypot(p1[3 * i] - p2[3 * i], p1[3 * i + 1] - p2[3 * i + 1], p1[3 * i + 2] - p2[3 * i + 2]);
      maxKm = Math.max(maxKm, d);
      maxVelKmS = Math.max(maxVelKmS, Math.hypot(v1[3 * i] - v2[3 * i], v1[3 * i + 1] - v2[3 * i + 1], v1[3 * i + 2] - v2[3 * i + 2]));
    }
  }
  return { plan, maxKm, maxVelKmS };
}

describe('Hermite interpolation between SGP4 knots', () => {
  it('knots made block by block (a source with propagateBlocks) give exactly the knots of whole-fleet SGP4', () => {
    // 9,000 rows: two full blocks and a ragged third; positions only with no velocity array, as the shard runs
    expect(9000 % STATE_BLOCK_ROWS).not.toBe(0);
    expect(9000).toBeGreaterThan(2 * STATE_BLOCK_ROWS);
    for (const quintic of [false, true]) {
      const { e, epoch } = leoElements(9000, quintic ? 5 : 3, quintic ? QUINTIC_MIN_PERIGEE_KM : 160, 2000, quintic ? 0.01 : 0.1);
      const n = e.count;
      const batch = initSgp4Batch(e, 0, n);
      const whole = { propagate: (t: number, p: Float64Array, v: Float64Array, er: Uint8Array) => propagateBatch(batch, t, p, v, er, 0) };
      const a = hermiteStateSource(whole, n, epoch, 30_000, 6, { positionsOnly: true, quintic });
      const b = hermiteStateSource(batchStateSource(initSgp4Batch(e, 0, n)), n, epoch, 30_000, 6, { positionsOnly: true, quintic });
      // whole-fleet SGP4 without a velocity array from the caller: the source's own scratch
      const c = hermiteStateSource(whole, n, epoch, 30_000, 6, { positionsOnly: true, quintic });
      const pa = new Float64Array(3 * n);
      const va = new Float64Array(3 * n);
      const ea = new Uint8Array(n);
      const pb = new Float64Array(3 * n);
      const eb = new Uint8Array(n);
      const pc = new Float64Array(3 * n);
      const ec = new Uint8Array(n);
      const none = new Float64Array(0);
      for (const j of [0, 1, 5, 6, 9, 13, 25]) {
        const t = epoch + j * 30_000;
        a.propagate(t, pa, va, ea);
        b.propagate(t, pb, none, eb);
        c.propagate(t, pc, none, ec);
        expect(Array.from(eb)).toEqual(Array.from(ea));
        expect(Array.from(pb)).toEqual(Array.from(pa));
        expect(Array.from(ec)).toEqual(Array.from(ea));
        expect(Array.from(pc)).toEqual(Array.from(pa));
      }
      // off the step grid: full SGP4, velocities into the source's own scratch
      a.propagate(epoch + 45_500, pa, va, ea);
      b.propagate(epoch + 45_500, pb, none, eb);
      c.propagate(epoch + 45_500, pc, none, ec);
      expect(Array.from(pb)).toEqual(Array.from(pa));
      expect(Array.from(pc)).toEqual(Array.from(pa));
    }
  });

  it('cubic: stays within the stated position bound of full SGP4 (160-2,000 km, e up to 0.1, with drag)', () => {
    const { e, epoch } = leoElements(3000, 7, 160, 2000, 0.1);
    const { plan, maxKm, maxVelKmS } = againstSgp4(e, epoch, 30);
    expect(plan.quintic).toBe(false); // eccentric and very low orbits: the cubic
    expect(plan.knotSteps).toBe(5); // the bound allows knots more than one step apart even for this fleet
    expect(maxKm).toBeGreaterThan(0); // it does interpolate
    expect(maxKm).toBeLessThan(DEFAULT_INTERPOLATION_ERROR_KM);
    expect(maxVelKmS).toBeLessThan(0.005); // 5 m/s (velocity is not used by the pass; reported for callers)
  });

  it('quintic: stays within the stated position bound of full SGP4 (300-2,000 km, e up to 0.01, with drag)', () => {
    const { e, epoch } = leoElements(3000, 11, QUINTIC_MIN_PERIGEE_KM, 2000, QUINTIC_MAX_ECCENTRICITY);
    const { plan, maxKm, maxVelKmS } = againstSgp4(e, epoch, 30);
    expect(plan.quintic).toBe(true);
    expect(plan.knotSteps).toBe(16); // SGP4 every 8 min instead of every 2 (cubic: K = 5 for this fleet)
    expect(knotStepsFor(e, 0, e.count, 30)).toBe(16);
    expect(maxKm).toBeGreaterThan(0);
    expect(maxKm).toBeLessThan(DEFAULT_INTERPOLATION_ERROR_KM); // 13.6 m measured; bound at 300 km and K = 16: 23 m
    expect(maxKm).toBeLessThan(quinticBoundKm(6678.135 * (398600.8 / 6678.135 ** 3) ** 3, 480));
    expect(maxVelKmS).toBeLessThan(0.005);
    // one satellite below the quintic's floor makes the pass cubic
    e.eccentricity[5] = 0.02;
    expect(interpolationFor(e, 0, e.count, 30).quintic).toBe(false);
  });

  it('is not used for a real catalogue (deep-space and eccentric objects)', () => {
    const cat = loadCatalogue();
    expect(knotStepsFor(cat, 0, cat.count, 30)).toBe(1);
  });

  it('a whole sampled pass with ISL gives the exact pass within 1e-3 eclipse fraction and 0.01 ms latency', () => {
    const sc = scenario({
      shells: [walker('w550', 550, 53, 24, 22), walker('w1200', 1200, 70, 12, 10)],
      groundStations: [
        { name: 'Goonhilly', latDeg: 50.05, lonDeg: -5.18, altitudeKm: 0.1, minElevationDeg: 25 },
        { name: 'Hawaii', latDeg: 19.82, lonDeg: -155.47, altitudeKm: 0.1, minElevationDeg: 25 },
      ],
      links: { interSatelliteLinks: true, perHopProcessingMs: 0.5 },
    });
    const fleet = buildFleet(sc);
    const fast = analyzeSampledFleet(fleet, sc, kernelStateSource(fleet));
    const exact = analyzeSampledFleet(fleet, sc, kernelStateSource(fleet), { interpolation: false });
    expect(fast.sgp4KnotSteps).toBeGreaterThan(2);
    expect(exact.sgp4KnotSteps).toBe(1);
    expect(fast.notes.join(' ')).toMatch(/quintic Hermite/);
    let maxEcl = 0;
    let maxLat = 0;
    let maxVis = 0;
    for (let i = 0; i < fleet.count; i++) {
      maxEcl = Math.max(maxEcl, Math.abs(fast.metrics.eclipseFraction[i] - exact.metrics.eclipseFraction[i]));
      maxVis = Math.max(maxVis, Math.abs(fast.stationVisibleFraction[i] - exact.stationVisibleFraction[i]));
      const a = fast.metrics.latencyMs[i];
      const b = exact.metrics.latencyMs[i];
      expect(Number.isNaN(a)).toBe(Number.isNaN(b));
      if (!Number.isNaN(a)) maxLat = Math.max(maxLat, Math.abs(a - b));
    }
    expect(maxEcl).toBeLessThan(1e-3);
    expect(maxVis).toBeLessThan(1e-3);
    expect(maxLat).toBeLessThan(0.01);
  });
});
