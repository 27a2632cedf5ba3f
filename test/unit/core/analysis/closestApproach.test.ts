import { describe, expect, it } from 'vitest';
import {
  bestPhasing,
  CandidateHeap,
  CLOSED_FORM_SLACK_KM,
  circularClosestKm,
  crossingGeometry,
  isRigidPattern,
  rigidContext,
  rigidMinimum,
  rigidMinimumSampled,
  rigidOffsets,
  shellClosestApproach,
} from '../../../../src/core/analysis/closestApproach';
import { buildFleet } from '../../../../src/core/fleet/generators';
import type { Fleet } from '../../../../src/core/fleet/fleet';
import { initSgp4Batch } from '../../../../src/core/sgp4/batch';
import { propagateBatch } from '../../../../src/core/sgp4/propagate';
import { allocElementColumns, ELEMENT_FLOAT_FIELDS, ELEMENT_INT_FIELDS } from '../../../../src/core/elements/columns';
import { importedFleet, loadCatalogue, scenario, walker } from './fixtures';

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
        const dist = Math.hypot(
          pos[o + 3 * i] - pos[o + 3 * j],
          pos[o + 3 * i + 1] - pos[o + 3 * j + 1],
          pos[o + 3 * i + 2] - pos[o + 3 * j + 2],
        );
        // a failed propagation (decayed object) has no state: no distance
        d[s] = Number.isFinite(dist) ? dist : Number.POSITIVE_INFINITY;
      }
      for (let s = 1; s < steps - 1; s++) {
        if (d[s] > d[s - 1] || d[s] > d[s + 1]) continue;
        // parabola through three samples (2 s apart) of the squared distance (exact for straight-line
        // relative motion, which a fast crossing is over 4 s): vertex value
        const f1 = d[s - 1] * d[s - 1];
        const f2 = d[s] * d[s];
        const f3 = d[s + 1] * d[s + 1];
        const curv = f1 + f3 - 2 * f2;
        const m2 = curv > 0 ? f2 - ((f3 - f1) * (f3 - f1)) / (8 * curv) : f2;
        best = Math.min(best, Math.sqrt(Math.max(0, m2)), d[s]);
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

  it('closed form: great circles crossing at gamma, arcs delta apart, come 2 r |sin(delta/2)| cos(gamma/2) close (brute force)', () => {
    const r = 7000;
    for (const [gDeg, dDeg] of [
      [30, 5],
      [90, 1],
      [5, 20],
      [170, 3],
      [60, 179],
    ]) {
      const g = (gDeg * Math.PI) / 180;
      const d = (dDeg * Math.PI) / 180;
      // circle a through the crossing point L = (1,0,0) in the x-y plane, circle b tilted by gamma about L
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 200_000; i++) {
        const sa = (i / 200_000) * 2 * Math.PI;
        const sb = sa - d;
        const ax = Math.cos(sa);
        const ay = Math.sin(sa);
        const bx = Math.cos(sb);
        const by = Math.sin(sb) * Math.cos(g);
        const bz = Math.sin(sb) * Math.sin(g);
        best = Math.min(best, r * Math.hypot(ax - bx, ay - by, bz));
      }
      expect(Math.abs(circularClosestKm(r, d, g) - best)).toBeLessThan(1e-3);
    }
  });

  it('crossing geometry: both planes pass the same point at their crossing arguments of latitude', () => {
    const out = new Float64Array(3);
    for (const [iDeg, dnDeg] of [
      [53, 5],
      [30, 144],
      [97.8, 0.3],
      [87.9, 200],
    ]) {
      const inc = (iDeg * Math.PI) / 180;
      const dn = (dnDeg * Math.PI) / 180;
      crossingGeometry(inc, dn, out);
      const pos = (node: number, u: number) => [
        Math.cos(node) * Math.cos(u) - Math.cos(inc) * Math.sin(node) * Math.sin(u),
        Math.sin(node) * Math.cos(u) + Math.cos(inc) * Math.cos(node) * Math.sin(u),
        Math.sin(inc) * Math.sin(u),
      ];
      const a = pos(0, out[1]);
      const b = pos(dn, out[2]);
      expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])).toBeLessThan(1e-12);
      // the angle between the planes (their normals)
      const na = [0, -Math.sin(inc), Math.cos(inc)];
      const nb = [Math.sin(inc) * Math.sin(dn), -Math.sin(inc) * Math.cos(dn), Math.cos(inc)];
      expect(Math.abs(Math.acos(na[0] * nb[0] + na[1] * nb[1] + na[2] * nb[2]) - out[0])).toBeLessThan(1e-9);
    }
  });

  it('the closed-form pass equals sampling every pair over the whole orbit (Walker and dawn-dusk shells)', () => {
    const shells = [
      walker('s', 550, 53, 72, 22, { phasing: 1 }),
      walker('p', 1200, 87.9, 18, 40, { phasing: 5 }),
      walker('l', 500, 30, 50, 40, { phasing: 7 }),
      {
        id: 'd',
        name: 'd',
        designId: 'default',
        kind: 'sso-dawn-dusk' as const,
        altitudeKm: 600,
        ltanHours: 18,
        planes: 40,
        satellitesPerPlane: 50,
        phasing: 3,
        raanSpreadDeg: 10,
        inPlaneArcDeg: 360,
      },
    ];
    for (const sh of shells) {
      const fl = buildFleet(scenario({ shells: [sh] }));
      const ctx = rigidContext(fl, fl.shells[0], t0, false);
      const { du, dNode } = rigidOffsets(fl.elements, 0, fl.count);
      const fast = rigidMinimum(ctx, du, dNode);
      const slow = rigidMinimumSampled(ctx, du, dNode);
      expect(Math.abs(fast.minKm - slow.minKm)).toBeLessThan(1e-5);
      // far fewer pairs refined than the shell has
      expect(fast.refined).toBeLessThan(fl.count / 10);
    }
  });

  it("the closed form never sits more than half the slack above a pair's refined closest approach (every pair of two shells)", () => {
    for (const sh of [walker('s', 550, 53, 72, 22, { phasing: 1 }), walker('m', 800, 70, 40, 30, { phasing: 11 })]) {
      const fl = buildFleet(scenario({ shells: [sh] }));
      const ctx = rigidContext(fl, fl.shells[0], t0, false);
      const { du, dNode } = rigidOffsets(fl.elements, 0, fl.count);
      let worst = Number.NEGATIVE_INFINITY;
      let pairs = 0;
      rigidMinimum(ctx, du, dNode, {
        refineAll: true,
        onPair: (_k, est, exact) => {
          pairs++;
          if (exact < 300) worst = Math.max(worst, est - exact);
        },
      });
      expect(pairs).toBe(fl.count - 1);
      expect(worst).toBeLessThan(CLOSED_FORM_SLACK_KM / 2);
    }
  });

  it('phasing: ranking every F by the closed form and checking the best three finds the exhaustive optimum', () => {
    for (const sh of [walker('s', 550, 53, 72, 22, { phasing: 1 }), walker('m', 800, 70, 40, 30, { phasing: 11 })]) {
      const fl = buildFleet(scenario({ shells: [sh] }));
      const ranked = bestPhasing(fl, fl.shells[0], sh.phasing, t0, { exhaustive: false })!;
      const all = bestPhasing(fl, fl.shells[0], sh.phasing, t0, { exhaustive: true })!;
      expect(ranked.bestF).toBe(all.bestF);
      expect(Math.abs(ranked.bestMinKm - all.bestMinKm)).toBeLessThan(1e-9);
    }
  });

  it('grid screening of real catalogue objects (the densest band, ~550 km) equals a brute-force all-pairs pass', () => {
    const cat = loadCatalogue();
    const pick: number[] = [];
    for (let i = 0; i < cat.count && pick.length < 160; i++)
      if (cat.meanMotionRevPerDay[i] > 15.0 && cat.meanMotionRevPerDay[i] < 15.12 && cat.eccentricity[i] < 0.005) pick.push(i);
    const sub = allocElementColumns(pick.length);
    for (const f of [...ELEMENT_FLOAT_FIELDS, ...ELEMENT_INT_FIELDS]) for (let i = 0; i < pick.length; i++) sub[f][i] = cat[f][pick[i]];
    const fl = importedFleet(sub);
    let t = 0;
    for (let i = 0; i < sub.count; i++) t = Math.max(t, sub.epochMs[i]);
    const r = shellClosestApproach(fl, fl.shells[0], { startMs: t, keepOutKm: 1 });
    expect(r.method).toBe('grid-screening');
    expect(r.lowerBound).toBe(false);
    // brute force over the same orbit (the median period, ~95.6 min)
    const brute = bruteForceMinKm(fl, 95.6 * 60, t);
    expect(r.minSeparationKm).toBeGreaterThan(0);
    expect(Math.abs(r.minSeparationKm - brute)).toBeLessThan(0.05);
  });
});

describe('CandidateHeap: the closest pairs of a screening in bounded memory', () => {
  it('keeps exactly the K pairs with the smallest best sample, each with the time of that sample (against a full map)', () => {
    // fixed-seed LCG: 200,000 offers over 5,000 pair keys, many repeated with other distances
    let seed = 20261204;
    const rnd = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    for (const k of [1, 7, 500, 6000]) {
      const heap = new CandidateHeap(k);
      const all = new Map<number, [number, number]>();
      for (let o = 0; o < 200_000; o++) {
        const key = Math.floor(rnd() * 5000) * 100_003 + 17;
        const d = Math.round(rnd() * 1e6) / 1e3; // ties happen
        const t = o;
        heap.offer(key, d, t);
        const prev = all.get(key);
        if (!prev || d < prev[0]) all.set(key, [d, t]);
      }
      const want = [...all.entries()].map(([key, [d, t]]) => [key, d, t]).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      const got = heap.sorted();
      expect(got.length).toBe(Math.min(k, all.size));
      // the distances are the K smallest; with ties at the cut the keys may differ, so keys are checked below the cut
      expect(got.map((g) => g[1])).toEqual(want.slice(0, got.length).map((w) => w[1]));
      const cut = got.length ? got[got.length - 1][1] : 0;
      for (const [key, d, t] of got) {
        expect(all.get(key)?.[0]).toBe(d);
        if (d < cut) expect(all.get(key)?.[1]).toBe(t);
      }
    }
  });
});
