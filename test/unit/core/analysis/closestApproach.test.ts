import { describe, expect, it } from 'vitest';
import { bestPhasing, isRigidPattern, shellClosestApproach } from '../../../../src/core/analysis/closestApproach';
import { buildFleet } from '../../../../src/core/fleet/generators';
import type { Fleet } from '../../../../src/core/fleet/fleet';
import { initSgp4Batch } from '../../../../src/core/sgp4/batch';
import { propagateBatch } from '../../../../src/core/sgp4/propagate';
import { scenario, walker } from './fixtures';

/** Brute force: every pair, kernel states every 2 s over one period, parabola through the sampled minimum. */
function bruteForceMinKm(fleet: Fleet, periodS: number, t0: number): number {
  const n = fleet.count;
  const batch = initSgp4Batch(fleet.elements, 0, n);
  const steps = Math.ceil(periodS / 2) + 1;
  const pos = new Float64Array(3 * n * steps);
  const p = new Float64Array(3 * n);
  const v = new Float64Array(3 * n);
  const e = new Uint8Array(n);
  for (let s = 0; s < steps; s++) {
    propagateBatch(batch, t0 + s * 2000, p, v, e);
    pos.set(p, 3 * n * s);
  }
  let best = Number.POSITIVE_INFINITY;
  const d = new Float64Array(steps);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      for (let s = 0; s < steps; s++) {
        const o = 3 * n * s;
        d[s] = Math.hypot(
          pos[o + 3 * i] - pos[o + 3 * j],
          pos[o + 3 * i + 1] - pos[o + 3 * j + 1],
          pos[o + 3 * i + 2] - pos[o + 3 * j + 2],
        );
      }
      for (let s = 1; s < steps - 1; s++) {
        if (d[s] > d[s - 1] || d[s] > d[s + 1]) continue;
        // parabola through three samples (2 s apart): vertex value
        const a = (d[s - 1] + d[s + 1] - 2 * d[s]) / 2;
        const b = (d[s + 1] - d[s - 1]) / 2;
        const m = a > 0 ? d[s] - (b * b) / (4 * a) : d[s];
        best = Math.min(best, m, d[s]);
      }
      best = Math.min(best, d[0], d[steps - 1]);
    }
  return best;
}

describe('closest approach within a shell (SGP4 states)', () => {
  const sc = scenario({ shells: [walker('w', 550, 53, 6, 5, { phasing: 2 })] });
  const fleet = buildFleet(sc);
  const shell = fleet.shells[0];
  const t0 = fleet.elements.epochMs[0];

  it('a generated Walker shell is a rigid pattern; one satellite against all equals the brute-force all-pairs minimum', () => {
    expect(isRigidPattern(fleet.elements, 0, fleet.count)).toBe(true);
    const r = shellClosestApproach(fleet, shell, { startMs: t0 });
    expect(r.method).toBe('rigid-pattern');
    // two periods so every pair's full cycle is in the brute-force window
    const brute = bruteForceMinKm(fleet, 2 * 95.7 * 60, t0);
    expect(r.minSeparationKm).toBeGreaterThan(0);
    expect(Math.abs(r.minSeparationKm - brute)).toBeLessThan(0.05);
  });

  it('the kernel states of the reported pair at the reported time give the reported distance', () => {
    const r = shellClosestApproach(fleet, shell, { startMs: t0 });
    const [a, b] = r.pair!;
    const ba = initSgp4Batch(fleet.elements, a, a + 1);
    const bb = initSgp4Batch(fleet.elements, b, b + 1);
    const pa = new Float64Array(3);
    const pb = new Float64Array(3);
    const v = new Float64Array(3);
    const e = new Uint8Array(1);
    propagateBatch(ba, r.timeMs, pa, v, e);
    propagateBatch(bb, r.timeMs, pb, v, e);
    expect(Math.abs(Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]) - r.minSeparationKm)).toBeLessThan(1e-3);
  });

  it('grid screening of a sparse shell reports a lower bound below the true closest approach', () => {
    const imported: Fleet = { ...fleet, shells: [{ ...shell, kind: 'imported' }] };
    const r = shellClosestApproach(imported, imported.shells[0], { startMs: t0, keepOutKm: 1 });
    const rigid = shellClosestApproach(fleet, shell, { startMs: t0 });
    expect(r.method).toBe('grid-screening');
    expect(rigid.minSeparationKm).toBeGreaterThan(130);
    expect(r.lowerBound).toBe(true);
    expect(r.minSeparationKm).toBeLessThanOrEqual(rigid.minSeparationKm);
  });

  it('grid screening of the Starlink-like 72x22 shell as "imported" finds the rigid-pattern closest approach', () => {
    const fl = buildFleet(scenario({ shells: [walker('s', 550, 53, 72, 22, { phasing: 39 })] }));
    const rigid = shellClosestApproach(fl, fl.shells[0], { startMs: t0 });
    const imported: Fleet = { ...fl, shells: [{ ...fl.shells[0], kind: 'imported' }] };
    const r = shellClosestApproach(imported, imported.shells[0], { startMs: t0, keepOutKm: 1 });
    expect(rigid.minSeparationKm).toBeLessThan(100);
    expect(r.lowerBound).toBe(false);
    // screening covers one orbit from t0, the rigid pass every relative phase: screening >= rigid, and close
    expect(r.minSeparationKm).toBeGreaterThanOrEqual(rigid.minSeparationKm - 1e-3);
    expect(r.minSeparationKm - rigid.minSeparationKm).toBeLessThan(0.5);
  });

  it('phasing search: the proposed F gives the largest closest approach of all F, each F checked by a full pass', () => {
    const ph = bestPhasing(fleet, shell, 2, t0)!;
    expect(ph.minKmByF.length).toBe(6);
    for (let f = 0; f < 6; f++) {
      const fl = buildFleet(scenario({ shells: [walker('w', 550, 53, 6, 5, { phasing: f })] }));
      const r = shellClosestApproach(fl, fl.shells[0], { startMs: t0 });
      expect(Math.abs(r.minSeparationKm - ph.minKmByF[f])).toBeLessThan(1e-6);
      expect(ph.bestMinKm).toBeGreaterThanOrEqual(r.minSeparationKm - 1e-9);
    }
  });

  it('a cluster whose plane slots span an arc (two references) equals the brute-force all-pairs minimum', () => {
    const sc2 = scenario({
      shells: [
        {
          id: 'c',
          name: 'c',
          designId: 'default',
          kind: 'sso-dawn-dusk',
          altitudeKm: 650,
          ltanHours: 18,
          planes: 4,
          satellitesPerPlane: 5,
          phasing: 1,
          raanSpreadDeg: 0.02,
          inPlaneArcDeg: 0.01,
        },
      ],
    });
    const fl = buildFleet(sc2);
    const t = fl.elements.epochMs[0];
    const r = shellClosestApproach(fl, fl.shells[0], { startMs: t, arcOnly: true });
    const brute = bruteForceMinKm(fl, 2 * 97.7 * 60, t);
    expect(r.minSeparationKm).toBeLessThan(1);
    expect(Math.abs(r.minSeparationKm - brute)).toBeLessThan(0.002);
  });
});
