import { describe, expect, it } from 'vitest';
import { ecfToLookAngles, eciToEcf, gstime, propagate } from 'satellite.js';
import { analyzeAnalytic } from '../../../../src/core/analysis/analytic';
import { METRIC_FLAGS } from '../../../../src/core/analysis/types';
import {
  accumulateStep,
  analyzeSampled,
  analyzeSampledFleet,
  createSampledAccumulator,
  oneOrbitWindow,
  prepareStations,
  sampleCount,
} from '../../../../src/core/analysis/sampled';
import { defaultGroundStations } from '../../../../src/core/presets/groundStations';
import { finalizeRollup, rollupMetrics } from '../../../../src/core/analysis/rollup';
import { buildFleet } from '../../../../src/core/fleet/generators';
import { julianDateFromMs } from '../../../../src/core/physics/time';
import { orbitAverageUsablePowerW, pathEfficiencies } from '../../../../src/core/physics/power';
import { scenario, walker } from './fixtures';
import { satjsSource, satrecsFromColumns } from './satjs-source';

const D = Math.PI / 180;

describe('sampled vs analytic eclipse fraction (circular shells)', () => {
  // A Walker shell at 550 km in June (betas up to 76 deg, some planes near beta*), a 1000 km
  // shell, and a dawn-dusk SSO at 650 km in its eclipse season; one orbit at 30 s steps.
  const sc = scenario({
    epoch: '2025-06-21T00:00:00Z',
    window: { start: '2025-06-21T00:00:00Z', durationMin: 95.65, stepS: 30 },
    shells: [
      walker('w550', 550, 53, 12, 3),
      walker('w1000', 1000, 30, 8, 2),
      {
        id: 'sso',
        name: 'sso',
        designId: 'default',
        kind: 'sso-dawn-dusk',
        altitudeKm: 650,
        ltanHours: 18,
        planes: 2,
        satellitesPerPlane: 3,
        raanSpreadDeg: 10,
      },
    ],
    links: { interSatelliteLinks: false },
  });
  const fleet = buildFleet(sc);
  const analytic = analyzeAnalytic(fleet, sc);

  it('agree within 0.01 for every satellite, each over one of its own orbits', () => {
    let eclipsed = 0;
    for (const sh of fleet.shells) {
      const win = oneOrbitWindow({ ...fleet, shells: [sh] }, Date.parse(sc.window.start), 30);
      const src = satjsSource(satrecsFromColumns(fleet.elements, sh.start, sh.start + sh.count));
      const r = analyzeSampled(fleet, sc, src, { start: sh.start, end: sh.start + sh.count, window: win });
      const a = analyzeAnalytic(fleet, sc, { start: sh.start, end: sh.start + sh.count, window: win });
      expect(r.metrics.mode).toBe('sampled');
      for (let k = 0; k < sh.count; k++) {
        expect(Math.abs(r.metrics.eclipseFraction[k] - a.eclipseFraction[k])).toBeLessThan(0.01);
        if (a.eclipseFraction[k] > 0.05) eclipsed++;
      }
    }
    expect(eclipsed).toBeGreaterThan(20);
    expect(analytic.count).toBe(fleet.count);
  });

  it('power and thermal columns run through the same design models with the sampled fraction', () => {
    const src = satjsSource(satrecsFromColumns(fleet.elements));
    const r = analyzeSampled(fleet, sc, src);
    for (let i = 0; i < fleet.count; i++) {
      expect(r.metrics.sunlitFraction[i]).toBeCloseTo(1 - r.metrics.eclipseFraction[i], 12);
      const x = pathEfficiencies(sc.designs[0].power.regulation);
      expect(r.metrics.usablePowerW[i]).toBeCloseTo(
        orbitAverageUsablePowerW(r.metrics.arrayPowerEolW[i], r.metrics.sunlitFraction[i], x),
        6,
      );
      expect(r.metrics.arrayPowerEolW[i]).toBe(analytic.arrayPowerEolW[i]);
    }
    const roll = finalizeRollup(rollupMetrics(fleet, sc, r.metrics), fleet);
    expect(roll.mode).toBe('sampled');
  });
});

describe('ground-station visibility and latency against satellite.js look angles', () => {
  const sc = scenario({
    epoch: '2025-06-01T00:00:00Z',
    window: { start: '2025-06-01T00:00:00Z', durationMin: 600, stepS: 30 },
    shells: [walker('w', 550, 53, 6, 2)],
    groundStations: [
      { name: 'Goonhilly', latDeg: 50.05, lonDeg: -5.18, altitudeKm: 0.1, minElevationDeg: 25 },
      { name: 'Perth', latDeg: -29.01, lonDeg: 115.35, altitudeKm: 0.25, minElevationDeg: 10 },
    ],
    links: { interSatelliteLinks: false },
  });
  const fleet = buildFleet(sc);
  const recs = satrecsFromColumns(fleet.elements);
  const r = analyzeSampled(fleet, sc, satjsSource(recs));

  it('counts the steps with a station above its mask and averages the nearest range / c', () => {
    const steps = sampleCount({ startMs: 0, durationMs: 600 * 60_000, stepS: 30 });
    let anyVisible = 0;
    for (let i = 0; i < fleet.count; i++) {
      let inView = 0,
        latSum = 0,
        borderline = 0;
      for (let j = 0; j < steps; j++) {
        const t = new Date(Date.parse(sc.window.start) + j * 30_000);
        const pv = propagate(recs[i], t);
        if (!pv) throw new Error('propagation failed');
        const ecf = eciToEcf(pv.position, gstime(julianDateFromMs(t.getTime())));
        let best = Infinity;
        for (const g of sc.groundStations) {
          const look = ecfToLookAngles({ latitude: g.latDeg * D, longitude: g.lonDeg * D, height: g.altitudeKm } as never, ecf);
          const el = look.elevation / D;
          if (Math.abs(el - g.minElevationDeg) < 0.01) borderline++;
          if (el >= g.minElevationDeg && look.rangeSat < best) best = look.rangeSat;
        }
        if (best < Infinity) {
          inView++;
          latSum += (best / 299792.458) * 1000;
        }
      }
      // samples within 0.01 deg of a mask may fall either side (float rounding of two methods)
      expect(Math.abs(Math.round(r.stationVisibleFraction[i] * steps) - inView)).toBeLessThanOrEqual(borderline);
      if (inView > 0 && borderline === 0) {
        anyVisible++;
        expect(Math.abs(r.directLatencyMs[i] - latSum / inView)).toBeLessThan(1e-4);
        expect(r.metrics.latencyMs[i]).toBe(r.directLatencyMs[i]);
      } else if (inView === 0 && borderline === 0) {
        expect(r.metrics.latencyMs[i]).toBeNaN();
      }
    }
    expect(anyVisible).toBeGreaterThan(6);
  });

  it('the block pre-test skips no visible station: a dense Walker (blocks) equals its rows shuffled (row by row), and satellite.js', () => {
    // 20 planes x 200 at 550 km: 8 consecutive rows span ~1,500 km, so blocks are tested against
    // each station first; shuffled, no block is compact and every row meets every station.
    const stations = [
      ...defaultGroundStations(),
      { name: 'mask 0', latDeg: 12.5, lonDeg: 40, altitudeKm: 0, minElevationDeg: 0 },
      { name: 'mask 80', latDeg: -5, lonDeg: -60, altitudeKm: 2, minElevationDeg: 80 },
    ];
    const dense = buildFleet(scenario({ shells: [walker('d', 550, 53, 20, 200)] }));
    const n = dense.count;
    const recs = satrecsFromColumns(dense.elements);
    const order = Array.from({ length: n }, (_, i) => i);
    let seed = 12345;
    for (let i = n - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const at = new Int32Array(n); // row of satellite i in the shuffled arrays
    for (let k = 0; k < n; k++) at[order[k]] = k;
    const set = prepareStations(stations);
    const inOrder = createSampledAccumulator(0, n, set);
    const shuffled = createSampledAccumulator(0, n, set);
    const pos = new Float64Array(3 * n);
    const posS = new Float64Array(3 * n);
    const err = new Uint8Array(n);
    const dA = new Float64Array(n);
    const dB = new Float64Array(n);
    const t0 = Date.parse('2025-06-01T00:00:00Z');
    let inView = 0;
    let satjsInView = 0;
    for (let j = 0; j < 12; j++) {
      const t = t0 + j * 480_000;
      for (let i = 0; i < n; i++) {
        const p = propagate(recs[i], new Date(t))!.position as { x: number; y: number; z: number };
        pos.set([p.x, p.y, p.z], 3 * i);
        posS.set([p.x, p.y, p.z], 3 * at[i]);
      }
      accumulateStep(inOrder, t, pos, err, dA);
      accumulateStep(shuffled, t, posS, err, dB);
      expect(inOrder.blocked).toBe(true);
      expect(shuffled.blocked).toBe(false);
      const gmst = gstime(julianDateFromMs(t));
      for (let i = 0; i < n; i++) {
        expect(dB[at[i]]).toBe(dA[i]);
        if (dA[i] < Infinity) inView++;
        if (i % 20 !== 0) continue;
        const ecf = eciToEcf({ x: pos[3 * i], y: pos[3 * i + 1], z: pos[3 * i + 2] }, gmst);
        const seen = stations.some((g) => {
          const el = ecfToLookAngles({ latitude: g.latDeg * D, longitude: g.lonDeg * D, height: g.altitudeKm } as never, ecf).elevation / D;
          return el >= g.minElevationDeg + 0.01;
        });
        if (seen) {
          satjsInView++;
          expect(dA[i]).toBeLessThan(Infinity);
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const k = at[i];
      expect(shuffled.inViewSteps[k]).toBe(inOrder.inViewSteps[i]);
      expect(shuffled.directLatencySumMs[k]).toBe(inOrder.directLatencySumMs[i]);
      expect(shuffled.shadowSum[k]).toBe(inOrder.shadowSum[i]);
    }
    expect(inView).toBeGreaterThan(1000);
    expect(satjsInView).toBeGreaterThan(50);
  });

  it('stations are placed on the WGS-84 ellipsoid', () => {
    const st = prepareStations([{ name: 'pole', latDeg: 90, lonDeg: 0, altitudeKm: 0, minElevationDeg: 10 }]);
    expect(st.ecefKm[2]).toBeCloseTo(6356.752, 3);
  });
});

describe('progress, cancel and shards', () => {
  const sc = scenario({ shells: [walker('w', 550, 53, 4, 3)], links: { interSatelliteLinks: false } });
  const fleet = buildFleet(sc);
  const recs = satrecsFromColumns(fleet.elements);

  it('reports progress up to 1 and stops between steps when cancelled', () => {
    const seen: number[] = [];
    let clock = 0;
    const full = analyzeSampled(fleet, sc, satjsSource(recs), {
      onProgress: (p) => seen.push(p.fraction),
      now: () => (clock += 100),
      progressIntervalMs: 250,
    });
    expect(full.cancelled).toBe(false);
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(10);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1]);
    const signal = { aborted: false };
    const src = satjsSource(recs);
    const partial = analyzeSampled(
      fleet,
      sc,
      {
        propagate: (t, p, v, e) => {
          src.propagate(t, p, v, e);
          if (src.calls === 3) signal.aborted = true;
        },
      },
      { signal, interpolation: false }, // SGP4 at every step, so the 3rd call is the 3rd step
    );
    expect(partial.cancelled).toBe(true);
    expect(partial.stepsDone).toBe(3);
    expect(partial.notes.join(' ')).toMatch(/cancelled after 3 of/);
  });

  it('a shard gives the same rows as the whole fleet', () => {
    const whole = analyzeSampled(fleet, sc, satjsSource(recs));
    const b = analyzeSampled(fleet, sc, satjsSource(recs.slice(5)), { start: 5 });
    expect(Array.from(b.metrics.eclipseFraction)).toEqual(Array.from(whole.metrics.eclipseFraction.subarray(5)));
    expect(Array.from(b.stationVisibleFraction)).toEqual(Array.from(whole.stationVisibleFraction.subarray(5)));
  });

  it('a satellite whose propagation always fails is flagged invalid, not thrown', () => {
    const src = satjsSource(recs);
    const r = analyzeSampled(fleet, sc, {
      propagate: (t, p, v, e) => {
        src.propagate(t, p, v, e);
        e[0] = 6;
      },
    });
    expect(r.metrics.flags[0] & METRIC_FLAGS.invalid).toBeTruthy();
    expect(r.metrics.flags[0] & METRIC_FLAGS.propagationError).toBeTruthy();
    expect(r.metrics.eclipseFraction[0]).toBeNaN();
    expect(r.metrics.computePowerW[0]).toBe(0);
    expect(Number.isFinite(r.metrics.eclipseFraction[1])).toBe(true);
  });
});

describe('sampled whole fleet with inter-satellite links', () => {
  const sc = scenario({
    shells: [walker('w', 550, 53, 12, 11)],
    groundStations: [{ name: 'Goonhilly', latDeg: 50.05, lonDeg: -5.18, altitudeKm: 0.1, minElevationDeg: 25 }],
    links: { interSatelliteLinks: true, perHopProcessingMs: 0.5 },
  });
  const fleet = buildFleet(sc);
  const recs = satrecsFromColumns(fleet.elements);

  it('routing reaches more satellites than direct links, reports its latency, and honours the stride', () => {
    const r = analyzeSampledFleet(fleet, sc, satjsSource(recs), { islStride: 2 });
    expect(r.islStride).toBe(2);
    expect(r.islStepsRouted).toBe(Math.ceil(r.steps / 2));
    expect(r.notes.join(' ')).toMatch(/every 2th step/);
    let reachable = 0,
      direct = 0;
    for (let i = 0; i < fleet.count; i++) {
      if (r.islReachableFraction![i] > 0) reachable++;
      if (r.stationVisibleFraction[i] > 0) direct++;
      expect(r.metrics.latencyMs[i]).toBe(r.islLatencyMs![i]);
    }
    expect(reachable).toBeGreaterThan(direct);
    // a one-station mesh is reachable while any satellite sees the station
    expect(reachable).toBeGreaterThan(fleet.count * 0.5);
  });
});
