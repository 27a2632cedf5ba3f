/**
 * The sampled pass's SGP4 knots with Hermite interpolation (src/core/analysis/sampled/interpolation.ts)
 * against full SGP4 at every step: positions within the stated bound, and the per-satellite
 * figures of a whole pass within stated tolerances of the exact pass.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSampledFleet } from '../../../../src/core/analysis/sampled';
import { DEFAULT_INTERPOLATION_ERROR_KM, hermiteStateSource, knotStepsFor } from '../../../../src/core/analysis/sampled/interpolation';
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

describe('Hermite interpolation between SGP4 knots', () => {
  it('stays within the stated position bound of full SGP4 (160-2,000 km, e up to 0.1, with drag)', () => {
    const n = 3000;
    const r = rng(7);
    const e = allocElementColumns(n);
    const epoch = Date.UTC(2026, 2, 20);
    for (let i = 0; i < n; i++) {
      const hKm = 160 + r() * 1840;
      const ecc = i % 3 === 0 ? r() * 0.1 : r() * 0.002;
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
    const stepS = 30;
    const K = knotStepsFor(e, 0, n, stepS);
    expect(K).toBeGreaterThan(1); // the bound allows knots more than one step apart even for this fleet
    const batch = initSgp4Batch(e, 0, n);
    const exact = { propagate: (t: number, p: Float64Array, v: Float64Array, er: Uint8Array) => propagateBatch(batch, t, p, v, er, 0) };
    const interp = hermiteStateSource(exact, n, epoch, stepS * 1000, K);
    const posOnly = hermiteStateSource(exact, n, epoch, stepS * 1000, K, { positionsOnly: true });
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
      // positions only (what the sampled shard uses): the same positions and codes, velocities untouched
      posOnly.propagate(t, p3, v3, e3);
      expect(p3).toEqual(p1);
      expect(e3).toEqual(e1);
      expect(v3.every((x) => x === 0)).toBe(true);
      for (let i = 0; i < n; i++) {
        if (e2[i] !== 0 || e1[i] !== 0) continue;
        const d = Math.hypot(p1[3 * i] - p2[3 * i], p1[3 * i + 1] - p2[3 * i + 1], p1[3 * i + 2] - p2[3 * i + 2]);
        maxKm = Math.max(maxKm, d);
        maxVelKmS = Math.max(maxVelKmS, Math.hypot(v1[3 * i] - v2[3 * i], v1[3 * i + 1] - v2[3 * i + 1], v1[3 * i + 2] - v2[3 * i + 2]));
      }
    }
    expect(maxKm).toBeGreaterThan(0); // it does interpolate
    expect(maxKm).toBeLessThan(DEFAULT_INTERPOLATION_ERROR_KM);
    expect(maxVelKmS).toBeLessThan(0.005); // 5 m/s (velocity is not used by the pass; reported for callers)
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
    expect(fast.notes.join(' ')).toMatch(/cubic Hermite/);
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
