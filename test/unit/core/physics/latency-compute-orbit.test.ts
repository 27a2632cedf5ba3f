import { describe, expect, it } from 'vitest';
import { allInGpuEquivalents, colossus1Equivalents, DGX_H100_W_PER_GPU, h100Equivalents } from '../../../../src/core/physics/compute';
import {
  coverageCentralAngleRad,
  footprintRadiusKm,
  islMaxLinkKm,
  oneWayLatencyMs,
  segmentClearsSphere,
  slantRangeKm,
} from '../../../../src/core/physics/latency';
import { j2Rates, ssoInclinationDeg } from '../../../../src/core/orbit';
import { WGS84 } from '../../../../src/core/constants';

const D = Math.PI / 180;

describe('latency (PHYSICS.md "Latency" checks at 550 km)', () => {
  it('25 deg -> 1123.4 km, 3.747 ms one way', () => {
    expect(Math.abs(slantRangeKm(550, 25 * D) - 1123.4)).toBeLessThan(0.05);
    expect(Math.abs(oneWayLatencyMs(slantRangeKm(550, 25 * D)) - 3.747)).toBeLessThan(0.0005);
  });
  it('10 deg -> 1815.7 km, 6.056 ms; zenith 1.835 ms', () => {
    expect(Math.abs(slantRangeKm(550, 10 * D) - 1815.7)).toBeLessThan(0.05);
    expect(Math.abs(oneWayLatencyMs(slantRangeKm(550, 10 * D)) - 6.056)).toBeLessThan(0.0005);
    expect(slantRangeKm(550, 90 * D)).toBeCloseTo(550, 9);
    expect(Math.abs(oneWayLatencyMs(slantRangeKm(550, 90 * D)) - 1.835)).toBeLessThan(0.0005);
  });
  it('footprint radius at 25 deg is 940.7 km', () => {
    expect(Math.abs(footprintRadiusKm(550, 25 * D) - 940.7)).toBeLessThan(0.05);
    expect(coverageCentralAngleRad(550, 0)).toBeCloseTo(Math.acos(WGS84.radiusKm / (WGS84.radiusKm + 550)), 12);
  });
  it('longest ISL above 80 km grazing is 5016.6 km at 550 km', () => {
    expect(Math.abs(islMaxLinkKm(550, 80) - 5016.6)).toBeLessThan(0.05);
    expect(islMaxLinkKm(50, 80)).toBe(0);
  });
  it('a link of exactly the maximum length grazes at 80 km; shorter clears, longer does not', () => {
    const r = WGS84.radiusKm + 550;
    const half = (len: number) => Math.asin(len / 2 / r);
    const pts = (len: number) => [r * Math.cos(half(len)), r * Math.sin(half(len)), r * Math.cos(half(len)), -r * Math.sin(half(len))];
    const clear = WGS84.radiusKm + 80;
    const [ax, ay, bx, by] = pts(islMaxLinkKm(550) - 1);
    expect(segmentClearsSphere(ax, ay, 0, bx, by, 0, clear)).toBe(true);
    const [cx, cy, dx, dy] = pts(islMaxLinkKm(550) + 1);
    expect(segmentClearsSphere(cx, cy, 0, dx, dy, 0, clear)).toBe(false);
  });
});

describe('compute equivalence (PHYSICS.md)', () => {
  it('1 GW = 735k GPUs all-in at 1.36 kW and 1.43M H100 at 700 W; Colossus 1 = 300 MW', () => {
    expect(Math.abs(allInGpuEquivalents(1e9) - 735_000) / 735_000).toBeLessThan(0.001);
    expect(Math.abs(h100Equivalents(1e9) - 1_430_000) / 1_430_000).toBeLessThan(0.001);
    expect(colossus1Equivalents(300e6)).toBe(1);
    expect(DGX_H100_W_PER_GPU).toBe(1275);
    // Colossus 1: about 220,000 GPUs at 1.36 kW all-in is about 300 MW
    expect(Math.abs(allInGpuEquivalents(300e6) - 220_000) / 220_000).toBeLessThan(0.005);
  });
});

describe('orbits (src/core/orbit.ts against PHYSICS.md "Orbits")', () => {
  it('SSO inclination: 550 -> 97.593, 650 -> 97.986, 800 -> 98.603 deg (tolerance 0.001)', () => {
    expect(Math.abs(ssoInclinationDeg(550) - 97.593)).toBeLessThan(0.001);
    expect(Math.abs(ssoInclinationDeg(650) - 97.986)).toBeLessThan(0.001);
    expect(Math.abs(ssoInclinationDeg(800) - 98.603)).toBeLessThan(0.001);
    expect(ssoInclinationDeg(7000)).toBeNaN();
  });
  it('J2 rates at 550 km, 53 deg: dOmega/dt -4.489, domega/dt +3.024 deg/day (tolerance 0.001)', () => {
    const r = j2Rates(WGS84.radiusKm + 550, 0, 53 * D);
    expect(Math.abs(r.raanDegPerDay + 4.489)).toBeLessThan(0.001);
    expect(Math.abs(r.argPerigeeDegPerDay - 3.024)).toBeLessThan(0.001);
  });
  it('the SSO inclination gives the sun-synchronous nodal rate 0.985647 deg/day', () => {
    const r = j2Rates(6378.135 + 650, 0, ssoInclinationDeg(650) * D);
    expect(r.raanDegPerDay).toBeCloseTo(0.985647, 6);
  });
});
