import { describe, expect, it } from 'vitest';
import { propagate } from 'satellite.js';
import { analyzeAnalytic } from '../../../../src/core/analysis/analytic';
import { BINDING, METRIC_FLAGS } from '../../../../src/core/analysis/types';
import { windowFromScenario, windowSolarFluxWm2 } from '../../../../src/core/analysis/window';
import { buildFleet } from '../../../../src/core/fleet/generators';
import { betaAngleFromStateRad, betaAngleRad, eclipseFractionCylindrical } from '../../../../src/core/physics/eclipse';
import { arrayModelFromDesign, arrayOutputW, orbitAverageUsablePowerW, PEAK_POWER_TRACKING } from '../../../../src/core/physics/power';
import { oneWayLatencyMs, slantRangeKm } from '../../../../src/core/physics/latency';
import { solarFluxWm2, sunEphemeris, sunPositionKm } from '../../../../src/core/physics/sun';
import { julianDateFromMs } from '../../../../src/core/physics/time';
import { j2Rates } from '../../../../src/core/orbit';
import { WGS72 } from '../../../../src/core/constants';
import { designWith, importedFleet, loadCatalogue, scenario, walker } from './fixtures';
import { satrecsFromColumns } from './satjs-source';

const D = Math.PI / 180;

describe('analytic metrics on a Walker shell', () => {
  const sc = scenario({ shells: [walker('w', 550, 53, 6, 4)] });
  const fleet = buildFleet(sc);
  const m = analyzeAnalytic(fleet, sc);

  it('beta at the window start follows the J2-drifted node and the Sun (independent evaluation, 1e-9 deg)', () => {
    const win = windowFromScenario(sc);
    const e = sunEphemeris(julianDateFromMs(win.startMs));
    const rate = j2Rates(WGS72.radiusKm + 550, 0, 53 * D).raanDegPerDay;
    for (let i = 0; i < fleet.count; i++) {
      const days = (win.startMs - fleet.elements.epochMs[i]) / 86_400_000;
      const b = betaAngleRad(53 * D, (fleet.elements.raanDeg[i] + rate * days) * D, e.rightAscensionRad, e.declinationRad) / D;
      expect(Math.abs(m.betaDeg[i] - b)).toBeLessThan(1e-6);
    }
  });

  it('beta agrees with asin(n . s) from satellite.js states within 0.3 deg (SGP4 osculating vs mean plane)', () => {
    const recs = satrecsFromColumns(fleet.elements);
    const win = windowFromScenario(sc);
    const sun = sunPositionKm(julianDateFromMs(win.startMs));
    for (let i = 0; i < fleet.count; i++) {
      const pv = propagate(recs[i], new Date(win.startMs));
      if (!pv) throw new Error('propagation failed');
      const p = pv.position,
        v = pv.velocity;
      const b = betaAngleFromStateRad(p.x, p.y, p.z, v.x, v.y, v.z, sun[0], sun[1], sun[2]) / D;
      expect(Math.abs(m.betaDeg[i] - b)).toBeLessThan(0.3);
    }
  });

  it('eclipse fraction: cylindrical f at the start beta over one orbit (equinox, |beta| < 53 deg; 2e-3: beta drifts 0.3 deg/orbit)', () => {
    const eq = scenario({
      epoch: '2025-03-20T00:00:00Z',
      window: { start: '2025-03-20T00:00:00Z', durationMin: 96, stepS: 30 },
      shells: [walker('w', 550, 53, 6, 4)],
    });
    const me = analyzeAnalytic(buildFleet(eq), eq);
    for (let i = 0; i < me.count; i++) {
      expect(Math.abs(me.eclipseFraction[i] - eclipseFractionCylindrical(me.betaDeg[i] * D, 550))).toBeLessThan(2e-3);
      expect(me.sunlitFraction[i]).toBeCloseTo(1 - me.eclipseFraction[i], 12);
    }
  });

  it('array power, usable power, latency and battery follow the physics functions', () => {
    const d = sc.designs[0];
    const flux = solarFluxWm2(sunEphemeris(julianDateFromMs(windowFromScenario(sc).startMs + 48 * 60_000)).distanceAu);
    const bol = arrayOutputW(flux, arrayModelFromDesign(d, 0));
    const eol = arrayOutputW(flux, arrayModelFromDesign(d, d.solarArray.lifeYears));
    const lat = oneWayLatencyMs(slantRangeKm(550 + WGS72.radiusKm - 6378.137, 25 * D));
    for (let i = 0; i < fleet.count; i++) {
      expect(m.arrayPowerBolW[i]).toBeCloseTo(bol, 6);
      expect(m.arrayPowerEolW[i]).toBeCloseTo(eol, 6);
      expect(m.usablePowerW[i]).toBeCloseTo(orbitAverageUsablePowerW(eol, m.sunlitFraction[i], PEAK_POWER_TRACKING), 6);
      expect(m.latencyMs[i]).toBeCloseTo(lat, 9);
      const load = m.computePowerW[i] + d.compute.busPowerW;
      const eclipseS = m.eclipseFraction[i] * m.periodS[i];
      expect(m.batteryEnergyWh[i]).toBeCloseTo((load * eclipseS) / 3600 / (d.power.batteryDod * d.power.batteryEfficiency), 6);
    }
    expect(Math.abs(m.periodS[0] / 60 - 95.6)).toBeLessThan(0.2);
  });

  it('runs on shards with results identical to the whole-fleet run', () => {
    const a = analyzeAnalytic(fleet, sc, { start: 0, end: 7 });
    const b = analyzeAnalytic(fleet, sc, { start: 7, end: fleet.count });
    expect(a.start).toBe(0);
    expect(b.start).toBe(7);
    for (const k of ['betaDeg', 'eclipseFraction', 'usablePowerW', 'radiatorTempC', 'computePowerW', 'latencyMs'] as const) {
      const joined = Array.from(a[k]).concat(Array.from(b[k]));
      expect(joined).toEqual(Array.from(m[k]));
    }
  });
});

describe('compute power = min(deliverable, rejectable, installed) and which binds', () => {
  const shells = [walker('w', 550, 53, 2, 2)];
  const run = (patch: Parameters<typeof designWith>[0]) => {
    const sc = scenario({ shells, designs: [designWith(patch)] });
    return { sc, m: analyzeAnalytic(buildFleet(sc), sc) };
  };

  it('a small array binds on power', () => {
    const { sc, m } = run({ solarArray: { areaM2: 100 }, radiator: { areaM2: 2000 } });
    expect(m.bindingLimit[0]).toBe(BINDING.power);
    expect(m.computePowerW[0]).toBeCloseTo(m.usablePowerW[0] - sc.designs[0].compute.busPowerW, 6);
    expect(m.powerMarginW[0]).toBeLessThan(0);
  });

  it('a small radiator binds on heat and runs hotter than its operating temperature', () => {
    const { sc, m } = run({ solarArray: { areaM2: 5000 }, radiator: { areaM2: 20 } });
    expect(m.bindingLimit[0]).toBe(BINDING.thermal);
    expect(m.computePowerW[0]).toBeCloseTo(m.radiatorRejectW[0] - sc.designs[0].compute.busPowerW, 6);
    expect(m.thermalMarginW[0]).toBeLessThan(0);
    expect(m.radiatorTempC[0]).toBeGreaterThan(sc.designs[0].radiator.operatingTempC);
  });

  it('ample power and radiator: installed compute binds; temperature below operating', () => {
    const { sc, m } = run({ solarArray: { areaM2: 5000 }, radiator: { areaM2: 2000 } });
    const c = sc.designs[0].compute;
    expect(m.bindingLimit[0]).toBe(BINDING.installed);
    expect(m.computePowerW[0]).toBe(c.acceleratorCount * (c.powerPerAcceleratorW + c.overheadPerAcceleratorW));
    expect(m.thermalMarginW[0]).toBeGreaterThan(0);
    expect(m.radiatorTempC[0]).toBeLessThan(sc.designs[0].radiator.operatingTempC);
  });

  it('radiator temperature bounds: eclipse (Earth IR only) <= orbit average <= orbit noon, each the closed-form balance', () => {
    const { sc, m } = run({ solarArray: { areaM2: 5000 }, radiator: { areaM2: 300 } });
    const d = sc.designs[0];
    const c = d.compute;
    const load = c.acceleratorCount * (c.powerPerAcceleratorW + c.overheadPerAcceleratorW) + c.busPowerW;
    // PHYSICS.md: edge-on plate F = (1/pi)[asin(1/H) - sqrt(H^2-1)/H^2], H = (R+h)/R; IR 237 W/m^2, albedo 0.3
    const H = (6378.137 + m.altitudeKm[0]) / 6378.137;
    const F = (Math.asin(1 / H) - Math.sqrt(H * H - 1) / (H * H)) / Math.PI;
    const eps = d.radiator.emissivity;
    const faces = 2;
    const qEcl = eps * 237 * faces * F;
    const S = windowSolarFluxWm2(windowFromScenario(sc));
    const qNoon = qEcl + d.radiator.absorptivity * 0.3 * S * faces * F * m.meanCosBeta[0];
    const tC = (q: number) => ((load / d.radiator.areaM2 + q) / (faces * eps * 5.670374419e-8) + 3 ** 4) ** 0.25 - 273.15;
    expect(m.eclipseFraction[0]).toBeGreaterThan(0);
    expect(Math.abs(m.radiatorTempEclipseC[0] - tC(qEcl))).toBeLessThan(1e-9);
    expect(Math.abs(m.radiatorTempSunC[0] - tC(qNoon))).toBeLessThan(1e-9);
    expect(m.radiatorTempEclipseC[0]).toBeLessThan(m.radiatorTempC[0]);
    expect(m.radiatorTempC[0]).toBeLessThan(m.radiatorTempSunC[0]);
    // a dawn-dusk orbit that never enters the shadow has no eclipse temperature
    const sso = scenario({
      epoch: '2025-03-20T00:00:00Z',
      window: { start: '2025-03-20T00:00:00Z', durationMin: 105, stepS: 30 }, // equinox: no eclipse season
      shells: [
        {
          id: 's',
          name: 's',
          designId: 'default',
          kind: 'sso-dawn-dusk',
          altitudeKm: 1000,
          ltanHours: 18,
          planes: 1,
          satellitesPerPlane: 2,
        },
      ],
    });
    const ms = analyzeAnalytic(buildFleet(sso), sso);
    expect(ms.eclipseFraction[0]).toBe(0);
    expect(Number.isNaN(ms.radiatorTempEclipseC[0])).toBe(true);
    expect(Number.isFinite(ms.radiatorTempSunC[0])).toBe(true);
  });

  it('an installed battery caps the orbit-average power at C DOD n / T_e', () => {
    const { sc, m } = run({ solarArray: { areaM2: 5000 }, power: { batteryCapacityWh: 10_000 } });
    const p = sc.designs[0].power;
    const cap = (10_000 * p.batteryDod * p.batteryEfficiency * 3600) / (m.eclipseFraction[0] * m.periodS[0]);
    expect(m.usablePowerW[0]).toBeCloseTo(cap, 6);
    expect(m.batteryEnergyWh[0]).toBe(10_000);
  });
});

describe('dawn-dusk SSO 650 km (generator + analytic, PHYSICS.md season)', () => {
  const sso = {
    id: 's',
    name: 's',
    designId: 'default',
    kind: 'sso-dawn-dusk',
    altitudeKm: 650,
    ltanHours: 18,
    planes: 1,
    satellitesPerPlane: 4,
  };
  it('no eclipse in January; near-longest eclipse (19.7 min) at the June solstice', () => {
    const jan = scenario({
      epoch: '2025-01-15T00:00:00Z',
      window: { start: '2025-01-15T00:00:00Z', durationMin: 98, stepS: 30 },
      shells: [sso],
    });
    const mJan = analyzeAnalytic(buildFleet(jan), jan);
    expect(mJan.eclipseFraction[0]).toBe(0);
    expect(mJan.sunlitFraction[0]).toBe(1);
    const jun = scenario({
      epoch: '2025-06-21T00:00:00Z',
      window: { start: '2025-06-21T00:00:00Z', durationMin: 98, stepS: 30 },
      shells: [sso],
    });
    const mJun = analyzeAnalytic(buildFleet(jun), jun);
    expect(Math.abs((mJun.eclipseFraction[0] * mJun.periodS[0]) / 60 - 19.7)).toBeLessThan(0.5);
    expect(Math.abs(mJun.betaDeg[0])).toBeGreaterThan(58);
  });

  it('a year-long window averages beta samples: mean f close to 0.040 (tolerance 0.003)', () => {
    const y = scenario({
      epoch: '2025-01-01T00:00:00Z',
      window: { start: '2025-01-01T00:00:00Z', durationMin: 365 * 1440, stepS: 30 },
      shells: [sso],
    });
    const m = analyzeAnalytic(buildFleet(y), y, { betaSamples: 365 });
    expect(Math.abs(m.eclipseFraction[0] - 0.04)).toBeLessThan(0.003);
  });
});

describe('imported satellites: the real catalogue (../shared/data)', () => {
  const cols = loadCatalogue();
  const fleet = importedFleet(cols);
  const sc = scenario({ window: { start: '2022-08-09T00:00:00Z', durationMin: 100, stepS: 30 } });

  it('analyses all 25,975 records without throwing; altitude from mean motion; flags eccentric orbits', () => {
    expect(cols.count).toBe(25975);
    const m = analyzeAnalytic(fleet, sc);
    let valid = 0,
      ecc = 0;
    for (let i = 0; i < m.count; i++) {
      if (!(m.flags[i] & METRIC_FLAGS.invalid)) {
        valid++;
        expect(m.eclipseFraction[i]).toBeGreaterThanOrEqual(0);
        expect(m.eclipseFraction[i]).toBeLessThan(0.5);
        expect(Number.isFinite(m.usablePowerW[i])).toBe(true);
      }
      if (m.flags[i] & METRIC_FLAGS.eccentric) ecc++;
    }
    expect(valid).toBeGreaterThan(25_000);
    expect(ecc).toBeGreaterThan(100);
    // ISS (25544): about 415-425 km in August 2022
    const iss = Array.from(cols.noradId).indexOf(25544);
    expect(iss).toBeGreaterThanOrEqual(0);
    expect(m.altitudeKm[iss]).toBeGreaterThan(400);
    expect(m.altitudeKm[iss]).toBeLessThan(430);
    // GEO objects: period near one sidereal day
    const geo = Array.from(cols.meanMotionRevPerDay).findIndex((n, i) => Math.abs(n - 1.0027) < 0.001 && cols.eccentricity[i] < 0.001);
    expect(Math.abs(m.periodS[geo] - 86164)).toBeLessThan(150);
  });

  // Analytic beta drifts the node with J2 only; SGP4 also decays the orbit by drag, so compare
  // satellites whose elements are fresh (epoch within 3 days of the window start).
  it('beta of fresh catalogue LEO satellites agrees with satellite.js states at the window start within 0.5 deg', () => {
    const m = analyzeAnalytic(fleet, sc);
    const t = Date.parse('2022-08-09T00:00:00Z');
    const sun = sunPositionKm(julianDateFromMs(t));
    let checked = 0;
    for (let i = 0; i < cols.count && checked < 200; i += 29) {
      if (cols.meanMotionRevPerDay[i] < 11 || cols.eccentricity[i] > 0.01 || m.flags[i]) continue;
      if (Math.abs(t - cols.epochMs[i]) > 3 * 86_400_000) continue;
      const [rec] = satrecsFromColumns(cols, i, i + 1);
      const pv = propagate(rec, new Date(t));
      if (!pv) continue;
      const p = pv.position,
        v = pv.velocity;
      const b = betaAngleFromStateRad(p.x, p.y, p.z, v.x, v.y, v.z, sun[0], sun[1], sun[2]) / D;
      expect(Math.abs(m.betaDeg[i] - b)).toBeLessThan(0.5);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('marks bad element rows invalid instead of throwing', () => {
    const bad = importedFleet(cols);
    const saved = [bad.elements.meanMotionRevPerDay[0], bad.elements.eccentricity[1]];
    bad.elements.meanMotionRevPerDay[0] = 0;
    bad.elements.eccentricity[1] = Number.NaN;
    const m = analyzeAnalytic(bad, sc, { end: 3 });
    expect(m.flags[0] & METRIC_FLAGS.invalid).toBeTruthy();
    expect(m.flags[1] & METRIC_FLAGS.invalid).toBeTruthy();
    expect(m.computePowerW[0]).toBe(0);
    expect(m.usablePowerW[1]).toBeNaN();
    bad.elements.meanMotionRevPerDay[0] = saved[0];
    bad.elements.eccentricity[1] = saved[1];
  });
});

describe('bad window overrides', () => {
  it('name the field instead of producing silent NaNs', () => {
    const sc = scenario({ shells: [walker('w', 550, 53, 2, 2)] });
    const fleet = buildFleet(sc);
    expect(() => analyzeAnalytic(fleet, sc, { window: { startMs: NaN, durationMs: 60_000, stepS: 30 } })).toThrow(
      /^window\.start: not a valid time/,
    );
    expect(() => analyzeAnalytic(fleet, sc, { window: { startMs: 0, durationMs: -1, stepS: 30 } })).toThrow(/window\.durationMin/);
    expect(() => analyzeAnalytic(fleet, sc, { window: { startMs: 0, durationMs: 60_000, stepS: 0 } })).toThrow(/window\.stepS/);
  });
});
