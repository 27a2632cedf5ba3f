import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propagate } from 'satellite.js';
import { buildIslTopology, createIslWorkspace, routeIslStep, startIslRoute, type IslTopology } from '../../../../src/core/analysis/isl';
import { buildFleet } from '../../../../src/core/fleet/generators';
import { islMaxLinkKm } from '../../../../src/core/physics/latency';
import { allocElementColumns, ELEMENT_FLOAT_FIELDS, ELEMENT_INT_FIELDS } from '../../../../src/core/elements/columns';
import { analyzeSampledFleet } from '../../../../src/core/analysis/sampled';
import { kernelStateSource } from '../../../../src/core/report/run';
import { importedFleet, loadCatalogue, scenario, walker } from './fixtures';
import { satrecsFromColumns } from './satjs-source';
import { propertyRuns } from '../../propertyRuns';

/** Routing stores link weights as Float32: each is within 2^-24 (6e-8) relative, so is every path sum. */
const F32_REL = 1e-7;

const C = 299792.458;

describe('+Grid topology from plane-major ids', () => {
  it('Walker delta: 2 in-plane + 2 cross-plane neighbours, wrapping in slots and planes, symmetric', () => {
    const sc = scenario({ shells: [walker('w', 550, 53, 4, 5)] });
    const topo = buildIslTopology(buildFleet(sc), sc);
    // satellite (plane 0, slot 0) = id 0: next slot 1, previous slot 4, next plane id 5,
    // previous plane across the seam: plane 3, slot 0 - F = 4 -> id 19 (F = 1)
    expect(Array.from(topo.neighbours.subarray(0, 4))).toEqual([1, 4, 5, 19]);
    // (plane 3, slot 4) = id 19: next plane across the seam is plane 0, slot 4 + F = 0 -> id 0
    expect(Array.from(topo.neighbours.subarray(76, 80))).toEqual([15, 18, 0, 14]);
    // (plane 3, slot 2) = id 17 -> plane 0 slot 3 = id 3
    expect(topo.neighbours[4 * 17 + 2]).toBe(3);
    expect(topo.links).toBe(2 * 20);
    for (let i = 0; i < 20; i++)
      for (let e = 0; e < 4; e++) {
        const j = topo.neighbours[4 * i + e];
        expect(Array.from(topo.neighbours.subarray(4 * j, 4 * j + 4))).toContain(i);
      }
  });

  it('Walker star and SSO families have no seam links; cluster arcs do not wrap in-plane', () => {
    const sc = scenario({
      shells: [
        walker('star', 1015, 98.98, 3, 4, { kind: 'walker-star' }),
        {
          id: 'c',
          name: 'c',
          designId: 'default',
          kind: 'sso-dawn-dusk',
          altitudeKm: 650,
          ltanHours: 18,
          planes: 2,
          satellitesPerPlane: 3,
          inPlaneArcDeg: 0.01,
        },
      ],
    });
    const fleet = buildFleet(sc);
    const topo = buildIslTopology(fleet, sc);
    expect(topo.neighbours[4 * 0 + 3]).toBe(-1); // star plane 0 has no previous plane
    expect(topo.neighbours[4 * 8 + 2]).toBe(-1); // star plane 2 has no next plane
    expect(topo.neighbours[4 * 0 + 1]).toBe(3); // star slots wrap round the orbit
    const c0 = fleet.shells[1].start;
    expect(topo.neighbours[4 * c0 + 1]).toBe(-1); // cluster arc: first slot has no previous
    expect(topo.neighbours[4 * (c0 + 2)]).toBe(-1);
    expect(topo.neighbours[4 * c0 + 2]).toBe(c0 + 3);
  });
});

describe('+Grid topology of imported element sets (planes found from the elements)', () => {
  // A generated 72x22 Walker delta written out as an element set in a shuffled order: the mesh
  // found from the elements must be the generated one, seam included.
  const sc = scenario({ shells: [walker('s', 550, 53, 72, 22)] });
  const gen = buildFleet(sc);
  const n = gen.count;
  const perm = Array.from({ length: n }, (_, i) => i);
  let seed = 12345;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const j = seed % (i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  // imported row r holds generated satellite perm[r]
  const cols = allocElementColumns(n);
  for (let r = 0; r < n; r++) {
    for (const f of ELEMENT_FLOAT_FIELDS) cols[f][r] = gen.elements[f][perm[r]];
    for (const f of ELEMENT_INT_FIELDS) cols[f][r] = gen.elements[f][perm[r]];
  }
  const imp = importedFleet(cols);

  it('finds the generated Walker mesh (in-plane and cross-plane neighbours, seam with the phasing shift)', () => {
    const g = buildIslTopology(gen, sc);
    const t = buildIslTopology(imp, sc);
    for (let r = 0; r < n; r++) {
      const id = perm[r];
      const mine = Array.from(t.neighbours.subarray(4 * r, 4 * r + 4), (v) => (v < 0 ? -1 : perm[v]));
      expect(mine).toEqual(Array.from(g.neighbours.subarray(4 * id, 4 * id + 4)));
    }
    expect(t.links).toBe(g.links);
  });

  it('gives the same routed latency as the generated shell, satellite by satellite', () => {
    const win = { startMs: Date.parse(sc.window.start), durationMs: 10 * 60_000, stepS: 60 };
    const a = analyzeSampledFleet(gen, sc, kernelStateSource(gen), { window: win, islStride: 2 });
    const b = analyzeSampledFleet(imp, sc, kernelStateSource(imp), { window: win, islStride: 2 });
    expect(a.islLatencyMs).not.toBeNull();
    expect(b.islLatencyMs).not.toBeNull();
    let finite = 0;
    for (let r = 0; r < n; r++) {
      const x = a.islLatencyMs![perm[r]];
      const y = b.islLatencyMs![r];
      if (Number.isFinite(x)) finite++;
      expect(Number.isNaN(y)).toBe(Number.isNaN(x));
      if (Number.isFinite(x)) expect(Math.abs(x - y)).toBeLessThan(1e-9);
    }
    expect(finite).toBeGreaterThan(n / 2);
  }, 60_000);

  it('any element set (NaN, duplicates, e >= 1, odd rates) gives a mesh: ids in range, no self-links, nothing thrown', () => {
    const num = fc.oneof(
      fc.double({ min: -400, max: 400, noNaN: false }),
      fc.constantFrom(0, 53, 97.6, Number.NaN, Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(num, num, num, num, fc.double({ min: -1, max: 20 }), fc.double({ min: -0.5, max: 1.5 })), {
          minLength: 1,
          maxLength: 60,
        }),
        (rows) => {
          const cols = allocElementColumns(rows.length);
          rows.forEach(([inc, raan, argp, ma, n, e], k) => {
            cols.inclinationDeg[k] = inc;
            cols.raanDeg[k] = raan;
            cols.argPerigeeDeg[k] = argp;
            cols.meanAnomalyDeg[k] = ma;
            cols.meanMotionRevPerDay[k] = n;
            cols.eccentricity[k] = e;
            cols.epochMs[k] = Date.UTC(2025, 5, 1);
          });
          const t = buildIslTopology(importedFleet(cols), scenario());
          for (let i = 0; i < rows.length; i++)
            for (let e = 0; e < 4; e++) {
              const j = t.neighbours[4 * i + e];
              expect(j >= -1 && j < rows.length).toBe(true);
              expect(j).not.toBe(i);
            }
        },
      ),
      propertyRuns(200),
    );
  });

  it('meshes the real 2022 catalogue: Starlink 53 deg planes found, eccentric and deep-space objects left out', () => {
    const cat = loadCatalogue();
    const fleet = importedFleet(cat);
    const sc2 = scenario({ epoch: '2022-08-09T00:00:00Z', window: { start: '2022-08-09T00:00:00Z', durationMin: 96, stepS: 30 } });
    const t = buildIslTopology(fleet, sc2);
    const deg = (i: number) =>
      (t.neighbours[4 * i] >= 0 ? 1 : 0) +
      (t.neighbours[4 * i + 1] >= 0 ? 1 : 0) +
      (t.neighbours[4 * i + 2] >= 0 ? 1 : 0) +
      (t.neighbours[4 * i + 3] >= 0 ? 1 : 0);
    // orbit normal at the window start from satellite.js (independent of the mesh's J2 drift)
    const at = new Date(sc2.window.start);
    const normal = (i: number): number[] | null => {
      const pv = propagate(satrecsFromColumns(cat, i, i + 1)[0], at);
      if (!pv) return null;
      const r = pv.position as { x: number; y: number; z: number };
      const v = pv.velocity as { x: number; y: number; z: number };
      const h = [r.y * v.z - r.z * v.y, r.z * v.x - r.x * v.z, r.x * v.y - r.y * v.x];
      const l = Math.hypot(h[0], h[1], h[2]);
      return h.map((x) => x / l);
    };
    const planeAngleDeg = (i: number, j: number): number => {
      const a = normal(i);
      const b = normal(j);
      if (!a || !b) return Number.NaN;
      return (Math.acos(Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2])) * 180) / Math.PI;
    };
    let starlink = 0;
    let full = 0;
    let inPlaneOk = 0;
    let inPlane = 0;
    let crossOk = 0;
    let cross = 0;
    for (let i = 0; i < cat.count; i++) {
      if (cat.eccentricity[i] > 0.02 || cat.meanMotionRevPerDay[i] < 1440 / 225) {
        expect(deg(i)).toBe(0);
        continue;
      }
      // operational Starlink shell 1: 53.05 deg, ~15.06 rev/day (550 km)
      if (Math.abs(cat.inclinationDeg[i] - 53.05) > 0.1 || Math.abs(cat.meanMotionRevPerDay[i] - 15.06) > 0.03) continue;
      starlink++;
      if (deg(i) === 4) full++;
      if (starlink % 5 !== 0) continue; // satellite.js checks on every 5th (speed)
      for (const e of [0, 1, 2, 3]) {
        const j = t.neighbours[4 * i + e];
        if (j < 0) continue;
        const ang = planeAngleDeg(i, j);
        // in-plane: the same orbit plane within 1.5 deg; cross-plane: a neighbouring plane,
        // between 1 and 15 deg away (Starlink shell 1: 72 planes 5 deg apart in RAAN)
        if (e < 2) {
          inPlane++;
          if (ang < 1.5) inPlaneOk++;
        } else {
          cross++;
          if (ang > 0.5 && ang < 15) crossOk++;
        }
      }
    }
    expect(starlink).toBeGreaterThan(1000);
    expect(full / starlink).toBeGreaterThan(0.9);
    expect(inPlaneOk / inPlane).toBeGreaterThan(0.95);
    expect(crossOk / cross).toBeGreaterThan(0.9);
  });
});

/** Brute-force reference: link clearance by sampling each segment, then Bellman-Ford relaxation. */
function reference(topo: IslTopology, pos: Float64Array, direct: Float64Array, clearKm: number, hopMs: number): Float64Array {
  const n = topo.count;
  const w = new Float64Array(4 * n).fill(Infinity);
  for (let u = 0; u < n; u++) {
    for (let e = 0; e < 4; e++) {
      const v = topo.neighbours[4 * u + e];
      if (v < 0) continue;
      const a = [pos[3 * u], pos[3 * u + 1], pos[3 * u + 2]];
      const b = [pos[3 * v], pos[3 * v + 1], pos[3 * v + 2]];
      // minimum distance of the segment from the Earth's centre, sampled finely
      let minR = Infinity;
      for (let s = 0; s <= 2000; s++) {
        const t = s / 2000;
        minR = Math.min(minR, Math.hypot(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])));
      }
      if (minR >= clearKm) w[4 * u + e] = (Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) / C) * 1000 + hopMs;
    }
  }
  const d = Float64Array.from(direct);
  for (let iter = 0; iter < n; iter++) {
    let changed = false;
    for (let u = 0; u < n; u++) {
      if (!(d[u] < Infinity)) continue;
      for (let e = 0; e < 4; e++) {
        const v = topo.neighbours[4 * u + e];
        if (v < 0 || w[4 * u + e] === Infinity) continue;
        const x = d[u] + w[4 * u + e];
        if (x < d[v] - 1e-12) {
          d[v] = x;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return d;
}

describe('Walker delta seam', () => {
  it('seam links are as long as the links between other adjacent planes (72x22, F = 1, 550 km)', () => {
    const sc = scenario({ shells: [walker('s', 550, 53, 72, 22)] });
    const fleet = buildFleet(sc);
    const topo = buildIslTopology(fleet, sc);
    const recs = satrecsFromColumns(fleet.elements, 0, fleet.count);
    const at = new Date(Date.parse(sc.window.start));
    const p = (i: number) => {
      const pv = propagate(recs[i], at);
      if (!pv) throw new Error('propagation failed');
      return [pv.position.x, pv.position.y, pv.position.z];
    };
    const len = (i: number, j: number) => {
      const a = p(i),
        b = p(j);
      return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    };
    for (const s of [0, 5, 11, 17]) {
      const seam = len(71 * 22 + s, topo.neighbours[4 * (71 * 22 + s) + 2]);
      const inner = len(70 * 22 + s, 71 * 22 + s);
      expect(Math.abs(seam - inner)).toBeLessThan(0.02 * inner + 20);
    }
  });
});

describe('routing in slices (a page paints between them)', () => {
  it('a step run in many short slices gives exactly the one-piece result', () => {
    const sc = scenario({ shells: [walker('w', 550, 53, 160, 125)] }); // 20,000 satellites
    const fleet = buildFleet(sc);
    const topo = buildIslTopology(fleet, sc);
    const n = fleet.count;
    const pos = new Float64Array(3 * n);
    const vel = new Float64Array(3 * n);
    const recs = satrecsFromColumns(fleet.elements);
    const at = new Date(Date.parse(sc.window.start) + 600_000);
    for (let i = 0; i < n; i++) {
      const pv = propagate(recs[i], at)!;
      const p = pv.position as { x: number; y: number; z: number };
      pos[3 * i] = p.x;
      pos[3 * i + 1] = p.y;
      pos[3 * i + 2] = p.z;
    }
    void vel;
    const err = new Uint8Array(n);
    const direct = new Float64Array(n).fill(Infinity);
    for (let i = 0; i < n; i += 211) direct[i] = 3 + (i % 7);
    const opts = { grazingAltitudeKm: 80, perHopProcessingMs: 0.5 };
    const one = new Float64Array(n);
    const reachedOne = routeIslStep(topo, pos, err, direct, one, createIslWorkspace(n), opts);
    const sliced = new Float64Array(n).fill(-1);
    const job = startIslRoute(topo, pos, err, direct, sliced, createIslWorkspace(n), opts);
    let slices = 1;
    while (!job.run(0)) slices++;
    expect(slices).toBeGreaterThan(3);
    expect(job.reached).toBe(reachedOne);
    expect(reachedOne).toBeGreaterThan(n / 2);
    expect(Array.from(sliced)).toEqual(Array.from(one));
  });
});

describe('bucket queue (lazy deletion) against the binary heap', () => {
  it('gives bit-identical latencies and reach on a 20,000-satellite mesh at several times, per-hop delays 0.1 and 0 ms', () => {
    const sc = scenario({ shells: [walker('w', 550, 53, 160, 125)] });
    const fleet = buildFleet(sc);
    const topo = buildIslTopology(fleet, sc);
    const n = fleet.count;
    const recs = satrecsFromColumns(fleet.elements);
    const ws = createIslWorkspace(n);
    for (const [minutes, hopMs] of [
      [0, 0.1],
      [17, 0.1],
      [43, 0],
    ] as const) {
      const pos = new Float64Array(3 * n);
      const err = new Uint8Array(n);
      const at = new Date(Date.parse(sc.window.start) + minutes * 60_000);
      for (let i = 0; i < n; i++) {
        const pv = propagate(recs[i], at);
        if (!pv) {
          err[i] = 1;
          continue;
        }
        const p = pv.position as { x: number; y: number; z: number };
        pos[3 * i] = p.x;
        pos[3 * i + 1] = p.y;
        pos[3 * i + 2] = p.z;
      }
      // a few failed states break paths, and sources of uneven direct latency
      for (let i = 5; i < n; i += 997) err[i] = 6;
      const direct = new Float64Array(n).fill(Infinity);
      for (let i = 0; i < n; i += 173) direct[i] = 2 + ((i * 7919) % 1000) / 250;
      const opts = { grazingAltitudeKm: 80, perHopProcessingMs: hopMs };
      const bucket = new Float64Array(n);
      const heap = new Float64Array(n);
      const rb = routeIslStep(topo, pos, err, direct, bucket, ws, opts);
      const rh = routeIslStep(topo, pos, err, direct, heap, ws, { ...opts, forceHeap: true });
      expect(rb).toBe(rh);
      expect(rb).toBeGreaterThan(n / 2);
      expect(Array.from(bucket)).toEqual(Array.from(heap));
    }
  });
});

describe('routing', () => {
  const sc = scenario({ shells: [walker('w', 550, 53, 8, 10)] });
  const fleet = buildFleet(sc);
  const topo = buildIslTopology(fleet, sc);
  const recs = satrecsFromColumns(fleet.elements);
  const pos = new Float64Array(3 * fleet.count);
  const err = new Uint8Array(fleet.count);
  const t = new Date(Date.parse(sc.window.start));
  recs.forEach((r, i) => {
    const pv = propagate(r, t);
    if (!pv) throw new Error('propagation failed');
    pos.set([pv.position.x, pv.position.y, pv.position.z], 3 * i);
  });

  it('multi-source Dijkstra equals a brute-force relaxation (random sources and per-hop delays)', () => {
    const ws = createIslWorkspace(fleet.count);
    const out = new Float64Array(fleet.count);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: fleet.count - 1 }), { minLength: 1, maxLength: 5 }),
        fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })),
        (sources, hopMs) => {
          const direct = new Float64Array(fleet.count).fill(Infinity);
          sources.forEach((s, k) => {
            direct[s] = 2 + k * 0.7;
          });
          const ref = reference(topo, pos, direct, 6378.137 + 80, hopMs);
          // bucket queue (default when the smallest link weight allows) and binary heap
          for (const forceHeap of [false, true]) {
            const reached = routeIslStep(topo, pos, err, direct, out, ws, { grazingAltitudeKm: 80, perHopProcessingMs: hopMs, forceHeap });
            let finite = 0;
            for (let i = 0; i < fleet.count; i++) {
              expect(out[i]).toBeLessThanOrEqual(direct[i]);
              if (ref[i] < Infinity) finite++;
              if (ref[i] === Infinity) expect(out[i]).toBe(Infinity);
              // link weights are stored as Float32 (relative error <= 6e-8 each, so of the sum too)
              else expect(Math.abs(out[i] - ref[i])).toBeLessThanOrEqual(F32_REL * ref[i]);
            }
            expect(reached).toBe(finite);
          }
        },
      ),
      propertyRuns(10),
    );
  });

  it('cuts links longer than the 80 km grazing limit (3 planes 120 deg apart cannot link across)', () => {
    const sc3 = scenario({ shells: [walker('w3', 550, 53, 3, 20)] });
    const f3 = buildFleet(sc3);
    const topo3 = buildIslTopology(f3, sc3);
    const p3 = new Float64Array(3 * f3.count);
    satrecsFromColumns(f3.elements).forEach((r, i) => {
      const pv = propagate(r, new Date(Date.parse(sc3.window.start)));
      if (!pv) throw new Error('propagation failed');
      p3.set([pv.position.x, pv.position.y, pv.position.z], 3 * i);
    });
    // in-plane spacing 18 deg at 550 km is 2,153 km (< 5,016.6 km): the source's plane is reachable;
    // adjacent planes are mostly beyond the cap, so most of the other planes stay unreachable
    expect(islMaxLinkKm(550)).toBeGreaterThan(2153);
    const direct = new Float64Array(f3.count).fill(Infinity);
    direct[0] = 3;
    const out = new Float64Array(f3.count);
    routeIslStep(topo3, p3, new Uint8Array(f3.count), direct, out, createIslWorkspace(f3.count), {
      grazingAltitudeKm: 80,
      perHopProcessingMs: 0,
    });
    for (let s = 0; s < 20; s++) expect(out[s]).toBeLessThan(Infinity);
    let unreachable = 0;
    for (let i = 20; i < 60; i++) if (out[i] === Infinity) unreachable++;
    expect(unreachable).toBeGreaterThan(10);
    const ref = reference(topo3, p3, direct, 6378.137 + 80, 0);
    for (let i = 0; i < f3.count; i++) {
      if (ref[i] === Infinity) expect(out[i]).toBe(Infinity);
      else expect(Math.abs(out[i] - ref[i])).toBeLessThanOrEqual(F32_REL * ref[i]); // Float32 link weights
    }
  });

  it('a chain: latency = direct + sum(lengths)/c + hops x per-hop; failed states break the path', () => {
    const direct = new Float64Array(fleet.count).fill(Infinity);
    direct[0] = 4;
    const out = new Float64Array(fleet.count);
    const ws = createIslWorkspace(fleet.count);
    routeIslStep(topo, pos, err, direct, out, ws, { grazingAltitudeKm: 80, perHopProcessingMs: 1 });
    const len = Math.hypot(pos[3] - pos[0], pos[4] - pos[1], pos[5] - pos[2]);
    const expected = 4 + (len / C) * 1000 + 1;
    expect(Math.abs(out[1] - expected)).toBeLessThanOrEqual(F32_REL * expected); // the weight is stored as Float32
    const bad = new Uint8Array(fleet.count);
    bad[1] = 6;
    routeIslStep(topo, pos, bad, direct, out, ws, { grazingAltitudeKm: 80, perHopProcessingMs: 1 });
    expect(out[1]).toBe(Infinity);
    expect(out[2]).toBeGreaterThan(4 + 1);
  });
});
