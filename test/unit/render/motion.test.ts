/**
 * The GPU motion model (vertex shader; the same formula as advanceInto / stateOf on the CPU) and
 * the provisional element positions, checked against satellite.js SGP4.
 */
import { describe, expect, it } from 'vitest';
import { json2satrec, propagate } from 'satellite.js';
import { buildFleet } from '../../../src/core/fleet/generators';
import { presetScenario } from '../../../src/core/presets';
import { WGS72 } from '../../../src/core/constants';
import { fillProvisionalStates, frameToGpu } from '../../../src/render/provisional';
import { advanceInto } from '../../../src/render/stations';
import { sampleOrbit, MU_ER } from '../../../src/render/orbits';
import { Vector3 } from 'three';

const RE = WGS72.radiusKm;

function satrecOf(fleet: ReturnType<typeof buildFleet>, i: number) {
  const e = fleet.elements;
  return json2satrec({
    OBJECT_NAME: 'T',
    OBJECT_ID: '2026-001A',
    EPOCH: new Date(e.epochMs[i]).toISOString().replace('Z', ''),
    MEAN_MOTION: e.meanMotionRevPerDay[i],
    ECCENTRICITY: e.eccentricity[i],
    INCLINATION: e.inclinationDeg[i],
    RA_OF_ASC_NODE: e.raanDeg[i],
    ARG_OF_PERICENTER: e.argPerigeeDeg[i],
    MEAN_ANOMALY: e.meanAnomalyDeg[i],
    EPHEMERIS_TYPE: 0,
    CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: 1,
    ELEMENT_SET_NO: 999,
    REV_AT_EPOCH: 0,
    BSTAR: 0,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  });
}

const scenario = presetScenario('starlink-72x22')!;
const fleet = buildFleet(scenario);
const epochMs = Date.parse(scenario.epoch);

function sgp4Er(i: number, tMs: number): { r: Vector3; v: Vector3 } {
  const pv = propagate(satrecOf(fleet, i), new Date(tMs));
  if (!pv || typeof pv.position === 'boolean' || !pv.position || !pv.velocity) throw new Error('propagation failed');
  return {
    r: new Vector3(pv.position.x / RE, pv.position.y / RE, pv.position.z / RE),
    v: new Vector3(pv.velocity.x / RE, pv.velocity.y / RE, pv.velocity.z / RE),
  };
}

describe('GPU motion model between ticks', () => {
  it('rotating r about h by |h|/|r|^2 dt stays within 2 km of SGP4 over 10 s and 30 km over 400 s (J2 short-period terms)', () => {
    const pos = new Float32Array(3);
    const vel = new Float32Array(3);
    const out = new Vector3();
    for (const i of [0, 17, 500, 1500]) {
      const t0 = epochMs + 3_600_000;
      const s0 = sgp4Er(i, t0);
      pos.set([s0.r.x, s0.r.y, s0.r.z]);
      vel.set([s0.v.x, s0.v.y, s0.v.z]);
      for (const [dtS, tolKm] of [
        [10, 2],
        [400, 30],
      ] as const) {
        advanceInto(pos, vel, 0, dtS, out);
        const ref = sgp4Er(i, t0 + dtS * 1000).r;
        const errKm = out.distanceTo(ref) * RE;
        expect(errKm).toBeLessThan(tolKm);
      }
      // Without the rotation the error after 10 s would be about 75 km (7.6 km/s): the model matters.
      expect(s0.r.distanceTo(sgp4Er(i, t0 + 10_000).r) * RE).toBeGreaterThan(70);
    }
  });
});

describe('provisional states from elements', () => {
  it('are within 25 km of SGP4 at epoch + 1 h for a 550 km circular shell', () => {
    const pos = new Float32Array(3 * fleet.count);
    const vel = new Float32Array(3 * fleet.count);
    const t = epochMs + 3_600_000;
    fillProvisionalStates(fleet.elements, 0, fleet.count, t, pos, vel);
    for (const i of [0, 1, 333, 1583]) {
      const ref = sgp4Er(i, t);
      const p = new Vector3(pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]);
      const v = new Vector3(vel[3 * i], vel[3 * i + 1], vel[3 * i + 2]);
      expect(p.distanceTo(ref.r) * RE).toBeLessThan(25);
      expect(v.distanceTo(ref.v) * RE).toBeLessThan(0.05); // km/s
    }
  });

  it('frameToGpu converts km to Earth radii, zeroes failed rows and keeps "not yet computed" rows', () => {
    const posKm = new Float64Array([RE, 0, 0, 1, 2, 3, 7000, 0, 0]);
    const velKmS = new Float64Array([0, 7.5, 0, 1, 1, 1, 0, 7, 0]);
    const err = new Uint8Array([0, 1, 7]);
    const pos = new Float32Array(9).fill(5);
    const vel = new Float32Array(9).fill(5);
    expect(frameToGpu(posKm, velKmS, err, 3, pos, vel)).toBe(2);
    expect(pos[0]).toBe(1);
    expect(vel[1]).toBeCloseTo(7.5 / RE, 9);
    expect([...pos.subarray(3, 6)]).toEqual([0, 0, 0]);
    expect([...pos.subarray(6, 9)]).toEqual([5, 5, 5]);
  });
});

describe('orbit sampling', () => {
  it('a circular state gives a circle of radius |r| in the plane normal to h', () => {
    const r = 1 + 550 / RE;
    const v = Math.sqrt(MU_ER / r);
    const out = new Float32Array(3 * 64);
    const a = sampleOrbit(r, 0, 0, 0, v * Math.cos(0.9), v * Math.sin(0.9), out, 64);
    expect(a).toBeCloseTo(r, 6);
    for (let k = 0; k < 64; k++) {
      const x = out[3 * k],
        y = out[3 * k + 1],
        z = out[3 * k + 2];
      expect(Math.hypot(x, y, z)).toBeCloseTo(r, 5);
      // h = r x v is along (0, -sin, cos): points satisfy h . p = 0
      expect(-Math.sin(0.9) * y + Math.cos(0.9) * z).toBeCloseTo(0, 5);
    }
  });

  it('an elliptical state gives perigee a(1-e) and apogee a(1+e)', () => {
    const rp = 1.1;
    const e = 0.2;
    const a = rp / (1 - e);
    const vp = Math.sqrt((MU_ER * (1 + e)) / rp);
    const out = new Float32Array(3 * 360);
    expect(sampleOrbit(rp, 0, 0, 0, vp, 0, out, 360)).toBeCloseTo(a, 6);
    let min = Infinity,
      max = 0;
    for (let k = 0; k < 360; k++) {
      const d = Math.hypot(out[3 * k], out[3 * k + 1], out[3 * k + 2]);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    expect(min).toBeCloseTo(a * (1 - e), 4);
    expect(max).toBeCloseTo(a * (1 + e), 4);
  });

  it('returns NaN for an unbound state', () => {
    expect(Number.isNaN(sampleOrbit(1.1, 0, 0, 0, 10, 0, new Float32Array(3), 1))).toBe(true);
  });
});
