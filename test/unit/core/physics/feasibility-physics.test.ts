import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  atmosphereDensityKgM3,
  circularSpeedKmS,
  decayYears,
  dragDeltaVMPerSPerYear,
  edgeOnRadiatorDragFactor,
  propellantKg,
  SECONDS_PER_YEAR,
  sunTrackingDragFactor,
} from '../../../../src/core/physics/drag';
import { capacityRamp, launchesFor, satellitesPerLaunch } from '../../../../src/core/physics/launch';
import { radiationDoseKradPerYear } from '../../../../src/core/physics/radiation';

const here = dirname(fileURLToPath(import.meta.url));
const scripts = resolve(here, '../../../../scripts/feasibility');

describe('radiation dose (AP8MIN/AE8MAX + SHIELDOSE-2 table, docs/PHYSICS.md "Feasibility: radiation")', () => {
  it('reproduces every tabulated value of the generator output (scripts/feasibility/dose_table.out) at the grid points', () => {
    const lines = readFileSync(resolve(scripts, 'dose_table.out'), 'utf8').split('\n');
    const thick = lines[0].split(':')[1].trim().split(/\s+/).map(Number);
    let checked = 0;
    for (const line of lines.slice(1)) {
      if (!line.trim() || line.startsWith('P')) continue;
      const f = line.trim().split(/\s+/).map(Number);
      for (let t = 0; t < thick.length; t++) {
        if (thick[t] > 50 || !(f[2 + t] > 1)) continue; // table ends at 50 mm; below 1 rad/yr is noise
        const got = radiationDoseKradPerYear(f[0], f[1], thick[t]) * 1000;
        expect(Math.abs(got / f[2 + t] - 1)).toBeLessThan(0.002);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('agrees with published AP8/AE8 figures behind 4 mm of aluminium (Vette-model station and GEO doses) within a factor 1.5', () => {
    // Space Station Freedom 500 km / 28.5 deg: 170 rad/yr; Mir 400 km / 52 deg: 150 rad/yr; GEO: 27 krad/yr
    expect((radiationDoseKradPerYear(500, 28.5, 4) * 1000) / 170).toBeGreaterThan(1 / 1.5);
    expect((radiationDoseKradPerYear(500, 28.5, 4) * 1000) / 170).toBeLessThan(1.5);
    expect((radiationDoseKradPerYear(400, 52, 4) * 1000) / 150).toBeGreaterThan(1 / 1.5);
    expect((radiationDoseKradPerYear(400, 52, 4) * 1000) / 150).toBeLessThan(1.5);
    expect(radiationDoseKradPerYear(35786, 0, 4) / 27).toBeGreaterThan(1 / 1.5);
    expect(radiationDoseKradPerYear(35786, 0, 4) / 27).toBeLessThan(1.5);
  });

  it('a 650 km dawn-dusk SSO sees about the Suncatcher paper’s 750 rad(Si) over 5 years behind 15-20 mm', () => {
    const fiveYr = (mm: number) => radiationDoseKradPerYear(650, 97.99, mm) * 5 * 1000;
    expect(fiveYr(15)).toBeGreaterThan(700);
    expect(fiveYr(20)).toBeLessThan(800);
  });

  it('rises by orders of magnitude into the inner belt, falls with shielding; 2,000 km behind 10 mm: far over 15 krad in 5 years', () => {
    expect(radiationDoseKradPerYear(2000, 30, 10)).toBeGreaterThan(100 * radiationDoseKradPerYear(500, 30, 10));
    for (const mm of [1, 2, 5, 10, 20])
      expect(radiationDoseKradPerYear(1200, 30, mm)).toBeGreaterThan(radiationDoseKradPerYear(1200, 30, mm * 1.5));
    expect(radiationDoseKradPerYear(2000, 30, 10) * 5).toBeGreaterThan(15 * 5);
    // retrograde orbits fold onto prograde ones; interpolation is between the neighbours
    expect(radiationDoseKradPerYear(800, 98, 5)).toBeCloseTo(radiationDoseKradPerYear(800, 82, 5), 12);
    const mid = radiationDoseKradPerYear(650, 30, 5);
    expect(mid).toBeGreaterThan(Math.min(radiationDoseKradPerYear(600, 30, 5), radiationDoseKradPerYear(700, 30, 5)));
    expect(mid).toBeLessThan(Math.max(radiationDoseKradPerYear(600, 30, 5), radiationDoseKradPerYear(700, 30, 5)));
  });
});

describe('atmosphere and drag (NRLMSISE-00 table, docs/PHYSICS.md "Feasibility: drag")', () => {
  it('moderate activity agrees with the Vallado Table 8-4 exponential model (CIRA-72) within 35 % from 500 to 1,000 km', () => {
    const vallado: Array<[number, number]> = [
      [500, 6.967e-13],
      [600, 1.454e-13],
      [700, 3.614e-14],
      [800, 1.17e-14],
      [900, 5.245e-15],
      [1000, 3.019e-15],
    ];
    for (const [h, rho] of vallado) {
      const r = atmosphereDensityKgM3(h, 'moderate') / rho;
      expect(r, `${h} km`).toBeGreaterThan(1 / 1.35);
      expect(r, `${h} km`).toBeLessThan(1.35);
    }
  });

  it('reproduces the generator output rows and interpolates log-linearly between them', () => {
    const rows = readFileSync(resolve(scripts, 'density_table.out'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    for (const row of rows) {
      const [h, lo, mo, hi] = row.trim().split(/\s+/).map(Number);
      expect(atmosphereDensityKgM3(h, 'low') / lo).toBeCloseTo(1, 3);
      expect(atmosphereDensityKgM3(h, 'moderate') / mo).toBeCloseTo(1, 3);
      expect(atmosphereDensityKgM3(h, 'high') / hi).toBeCloseTo(1, 3);
    }
    const geo = Math.sqrt(atmosphereDensityKgM3(500) * atmosphereDensityKgM3(525));
    expect(atmosphereDensityKgM3(512.5) / geo).toBeCloseTo(1, 9);
    // solar cycle: about an order of magnitude between low and high activity near 500 km
    expect(atmosphereDensityKgM3(500, 'high') / atmosphereDensityKgM3(500, 'low')).toBeGreaterThan(10);
  });

  it('delta-v per year is a = rho v^2 Cd A / (2 m) times a year; propellant by the rocket equation', () => {
    const rho = atmosphereDensityKgM3(550);
    const v = circularSpeedKmS(550) * 1000;
    const a = (0.5 * rho * v * v * 2.2 * 100) / 1000;
    expect(dragDeltaVMPerSPerYear(550, 'moderate', 2.2, 100, 1000)).toBeCloseTo(a * SECONDS_PER_YEAR, 9);
    // 1,000 kg, 100 m/s, Isp 1,500 s: 1000 (exp(100 / (1500 g0)) - 1) = 6.821 kg
    expect(propellantKg(1000, 100, 1500)).toBeCloseTo(6.8213, 3);
  });

  it('decay time equals a direct numerical integration of da/dt = -rho sqrt(mu a) B (10 m steps) within 1 %', () => {
    const mu = 398600.4418e9;
    const B = (2.2 * 20) / 500;
    for (const h0 of [400, 550, 700]) {
      let t = 0;
      for (let h = h0; h > 120; h -= 0.01) {
        const hm = h - 0.005;
        t += 10 / (atmosphereDensityKgM3(hm) * Math.sqrt(mu * (6378137 + hm * 1000)) * B);
      }
      const years = t / (365.24219 * 86400);
      expect(decayYears(h0, 'moderate', 2.2, 20, 500) / years).toBeCloseTo(1, 2);
    }
    expect(decayYears(500, 'high', 2.2, 20, 500)).toBeLessThan(decayYears(500, 'low', 2.2, 20, 500));
  });

  it('projected-area factors: a Sun-tracking array (2/pi) cos beta; an edge-on radiator 1 at beta 90, 0 at beta 0', () => {
    expect(sunTrackingDragFactor(1)).toBeCloseTo(2 / Math.PI, 12);
    expect(edgeOnRadiatorDragFactor(0)).toBeCloseTo(1, 9);
    expect(edgeOnRadiatorDragFactor(1)).toBe(0);
    // brute force over u for beta = 40 deg
    const b = (40 * Math.PI) / 180;
    let s = 0;
    const n = 100000;
    for (let j = 0; j < n; j++) {
      const u = ((j + 0.5) / n) * 2 * Math.PI;
      const nx = Math.sin(b);
      const nz = Math.cos(b) * Math.sin(u);
      s += Math.abs(nx) / Math.hypot(nx, nz);
    }
    expect(edgeOnRadiatorDragFactor(Math.cos(b))).toBeCloseTo(s / n, 4);
  });
});

describe('launches and the capacity ramp (docs/PHYSICS.md "Feasibility: launches")', () => {
  it('satellites per launch by mass and launches per shell', () => {
    expect(satellitesPerLaunch(100_000, 5_000)).toBe(20);
    expect(satellitesPerLaunch(100_000, 5_001)).toBe(19);
    expect(satellitesPerLaunch(1_000, 5_000)).toBe(0);
    expect(launchesFor(1000, 20)).toBe(50);
    expect(launchesFor(1001, 20)).toBe(51);
    expect(launchesFor(10, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('ramps up at the launch cadence, degrades, and replaces satellites at end of life', () => {
    const ramp = capacityRamp([{ satellites: 100, satellitesPerLaunch: 10, computeEolW: 900, computeBolW: 1000, lifeYears: 3 }], 4, 8);
    expect(ramp.map((r) => r.launches)).toEqual([4, 4, 2, 4, 4, 2, 4, 4]);
    expect(ramp[0].satellitesInService).toBe(40);
    expect(ramp[2].satellitesInService).toBe(100);
    // year 4: the first cohort (40) retires and is replaced in the same year
    expect(ramp[3].satellitesInService).toBe(100);
    // a new cohort contributes its BOL-side compute, older ones less
    expect(ramp[0].computeGW * 1e9).toBeCloseTo(40 * 1000 * 0.9 ** (0.5 / 3), 6);
  });
});
