import { describe, expect, it } from 'vitest';
import { json2satrec, propagate, sunPos } from 'satellite.js';
import { buildFleet, generatedShellCount, walkerArgLatDeg, walkerGeometry } from '../../../../src/core/fleet/generators';
import { shardFleet, shardRanges, satelliteName } from '../../../../src/core/fleet/fleet';
import { defaultScenario, PRESETS, presetScenario } from '../../../../src/core/presets';
import { ScenarioSchema, type Scenario } from '../../../../src/core/scenario/schema';
import { raanForLtanDeg, ssoInclinationDeg } from '../../../../src/core/orbit';
import { msToJd } from '../../../../src/core/units';
import { defaultDesign } from '../../../../src/core/scenario/design';

const angDiff = (a: number, b: number) => {
  const d = ((((a - b) % 360) + 540) % 360) - 180;
  return Math.abs(d);
};

function scenarioWith(shells: unknown[]): Scenario {
  return ScenarioSchema.parse({
    version: 1,
    name: 't',
    epoch: '2025-06-01T00:00:00Z',
    shells,
    designs: [defaultDesign()],
    groundStations: [],
    window: { start: '2025-06-01T00:00:00Z', durationMin: 96, stepS: 30 },
  });
}

/** OMM-style record for satellite.js json2satrec from fleet columns. */
function ommOf(fleet: ReturnType<typeof buildFleet>, i: number) {
  const e = fleet.elements;
  return {
    OBJECT_NAME: 'GEN',
    OBJECT_ID: '2026-001A',
    EPOCH: new Date(e.epochMs[i]).toISOString().replace('Z', ''),
    MEAN_MOTION: e.meanMotionRevPerDay[i],
    ECCENTRICITY: e.eccentricity[i],
    INCLINATION: e.inclinationDeg[i],
    RA_OF_ASC_NODE: e.raanDeg[i],
    ARG_OF_PERICENTER: e.argPerigeeDeg[i],
    MEAN_ANOMALY: e.meanAnomalyDeg[i],
    EPHEMERIS_TYPE: 0 as const,
    CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: 1,
    ELEMENT_SET_NO: 999,
    REV_AT_EPOCH: 0,
    BSTAR: 0,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  };
}

describe('Walker delta spacing and phasing (PHYSICS.md Orbits)', () => {
  const s = scenarioWith([
    {
      id: 'sl',
      name: 'SL',
      designId: 'default',
      kind: 'walker-delta',
      altitudeKm: 550,
      inclinationDeg: 53,
      totalSatellites: 1584,
      planes: 72,
      phasing: 1,
    },
  ]);
  const f = buildFleet(s);
  const e = f.elements;
  it('counts T = P x S satellites, plane-major', () => {
    expect(f.count).toBe(1584);
    expect(f.shells[0]).toMatchObject({ start: 0, count: 1584, planes: 72, satellitesPerPlane: 22 });
  });
  it('spaces planes 360/P = 5 deg in RAAN', () => {
    for (let p = 0; p < 72; p++) {
      for (let k = 0; k < 22; k++) expect(e.raanDeg[p * 22 + k]).toBeCloseTo((p * 5) % 360, 9);
    }
  });
  it('spaces satellites 360/S in argument of latitude and offsets adjacent planes by F*360/T', () => {
    const slot = 360 / 22;
    const phase = 360 / 1584;
    for (let p = 0; p < 72; p++) {
      for (let k = 0; k < 22; k++) {
        const u = e.meanAnomalyDeg[p * 22 + k] + e.argPerigeeDeg[p * 22 + k];
        expect(angDiff(u, k * slot + p * phase)).toBeLessThan(1e-9);
      }
    }
  });
  it('sets the SGP4 mean semi-major axis to R + altitude (checked with satellite.js json2satrec)', () => {
    const rec = json2satrec(ommOf(f, 0) as unknown as Parameters<typeof json2satrec>[0]);
    // satrec.a is in Earth radii (WGS-72) after SGP4's un-Kozai recovery.
    expect(rec.a * 6378.135 - 6378.135).toBeCloseTo(550, 3);
    // and the propagated radius over one orbit stays within the J2 short-period band of the mean
    let sum = 0;
    const n = 96;
    for (let k = 0; k < n; k++) {
      const pv = propagate(rec, new Date(f.elements.epochMs[0] + k * 60_000));
      if (!pv) throw new Error('propagate failed');
      const { x, y, z } = pv.position;
      sum += Math.hypot(x, y, z);
    }
    expect(Math.abs(sum / n - 6378.135 - 550)).toBeLessThan(10);
  });
});

describe('Walker star spreads planes over 180 deg', () => {
  const s = scenarioWith([
    {
      id: 'ts',
      name: 'Telesat',
      designId: 'default',
      kind: 'walker-star',
      altitudeKm: 1015,
      inclinationDeg: 98.98,
      totalSatellites: 351,
      planes: 27,
      phasing: 0,
    },
  ]);
  const f = buildFleet(s);
  it('plane spacing 180/27 deg, 13 per plane', () => {
    expect(f.count).toBe(351);
    expect(f.elements.raanDeg[13] - f.elements.raanDeg[0]).toBeCloseTo(180 / 27, 9);
    expect(f.elements.raanDeg[26 * 13]).toBeCloseTo((26 * 180) / 27, 9);
    const g = walkerGeometry(s.shells[0] as never);
    expect(walkerArgLatDeg(g, 0, 1)).toBeCloseTo(360 / 13, 9);
  });
});

describe('dawn-dusk sun-synchronous shells', () => {
  it('use the J2 sun-synchronous inclination (PHYSICS.md: 550 -> 97.593, 650 -> 97.986, 800 -> 98.603)', () => {
    expect(ssoInclinationDeg(550)).toBeCloseTo(97.593, 3);
    expect(ssoInclinationDeg(650)).toBeCloseTo(97.986, 3);
    expect(ssoInclinationDeg(800)).toBeCloseTo(98.603, 3);
    expect(Number.isNaN(ssoInclinationDeg(7000))).toBe(true);
  });
  it('put the ascending node at LTAN: RAAN = RA(mean Sun) + (LTAN - 12 h) * 15 deg/h', () => {
    const s = scenarioWith([
      {
        id: 'dd',
        name: 'DD',
        designId: 'default',
        kind: 'sso-dawn-dusk',
        altitudeKm: 650,
        ltanHours: 18,
        planes: 1,
        satellitesPerPlane: 10,
      },
      {
        id: 'dn',
        name: 'DN',
        designId: 'default',
        kind: 'sso-dawn-dusk',
        altitudeKm: 650,
        ltanHours: 6,
        planes: 1,
        satellitesPerPlane: 10,
      },
    ]);
    const f = buildFleet(s);
    expect(f.elements.inclinationDeg[0]).toBeCloseTo(97.986, 3);
    const jd = msToJd(Date.parse('2025-06-01T00:00:00Z'));
    // AA mean longitude at 2025-06-01 0h: L = 280.460 + 0.9856474 * 9282.5 d (mod 360) = 69.732 deg
    expect(raanForLtanDeg(jd, 12)).toBeCloseTo(69.732, 2);
    expect(f.elements.raanDeg[0]).toBeCloseTo(69.732 + 90, 2);
    // The true Sun (satellite.js sunPos) differs from the mean Sun by the equation of time (< 4.5 deg).
    const sun = sunPos(jd);
    expect(angDiff(raanForLtanDeg(jd, 12), (sun.rtasc * 180) / Math.PI)).toBeLessThan(4.5);
    expect(angDiff(f.elements.raanDeg[10], f.elements.raanDeg[0])).toBeCloseTo(180, 6);
  });
  it('spread planes symmetrically about the LTAN node and can form a cluster arc', () => {
    const s = presetScenario('suncatcher')!;
    const f = buildFleet(s);
    expect(f.count).toBe(81);
    const r = Array.from(f.elements.raanDeg);
    const centre = raanForLtanDeg(msToJd(Date.parse(s.epoch)), 18);
    const mid = (Math.min(...r) + Math.max(...r)) / 2;
    expect(mid).toBeCloseTo(centre, 6);
    // 81 satellites within ~1 km: max along-track spread 0.008 deg * 7028 km = 0.98 km
    const ma = Array.from(f.elements.meanAnomalyDeg).map((m) => (m > 180 ? m - 360 : m));
    const spreadKm = (((Math.max(...ma) - Math.min(...ma)) * Math.PI) / 180) * (6378.135 + 650);
    expect(spreadKm).toBeLessThan(1.2);
  });
});

describe('default scenario "Orbital compute 1M"', () => {
  it('generates and counts 1,000,000 satellites in shells between 500 and 2,000 km at 30 deg and SSO', () => {
    const s = defaultScenario();
    const f = buildFleet(s);
    expect(f.count).toBe(1_000_000);
    expect(s.shells.reduce((n, sh) => n + generatedShellCount(sh), 0)).toBe(1_000_000);
    expect(f.shells.reduce((n, sh) => n + sh.count, 0)).toBe(1_000_000);
    for (const sh of f.shells) {
      expect(sh.altitudeKm).toBeGreaterThanOrEqual(500);
      expect(sh.altitudeKm).toBeLessThanOrEqual(2000);
      expect(sh.kind === 'sso-dawn-dusk' ? sh.inclinationDeg > 97 : sh.inclinationDeg === 30).toBe(true);
    }
    // Every satellite has valid elements and the right shell index
    const e = f.elements;
    let bad = 0;
    for (let i = 0; i < f.count; i++) {
      const n = e.meanMotionRevPerDay[i];
      if (!(n > 10 && n < 16.5) || e.eccentricity[i] !== 0 || !(e.raanDeg[i] >= 0 && e.raanDeg[i] < 360)) bad++;
      if (!(e.meanAnomalyDeg[i] >= 0 && e.meanAnomalyDeg[i] < 360)) bad++;
    }
    expect(bad).toBe(0);
    expect(f.shellIndex[999_999]).toBe(6);
    expect(satelliteName(f, 0)).toBe('500 km / 30 deg-P1-S1');
    expect(satelliteName(f, 401)).toBe('500 km / 30 deg-P2-S2');
  });
  it('every preset validates and builds', () => {
    const counts = Object.fromEntries(PRESETS.map((p) => [p.key, buildFleet(p.make()).count]));
    expect(counts).toEqual({ 'orbital-compute-1m': 1_000_000, suncatcher: 81, 'starlink-72x22': 1584, 'colossus-300mw': 300 });
  });
});

describe('sharding', () => {
  it('splits into contiguous ranges covering every id once', () => {
    expect(shardRanges(10, 3)).toEqual([
      [0, 3],
      [3, 6],
      [6, 10],
    ]);
    expect(shardRanges(1, 4)).toEqual([[0, 1]]);
    expect(shardRanges(0, 2)).toEqual([[0, 0]]);
  });
  it('shards are views of the fleet buffers, not copies', () => {
    const f = buildFleet(presetScenario('starlink-72x22')!);
    const shards = shardFleet(f, 4);
    expect(shards.reduce((n, s) => n + s.count, 0)).toBe(f.count);
    for (const s of shards) {
      expect(s.elements.raanDeg.buffer).toBe(f.elements.raanDeg.buffer);
      expect(s.elements.raanDeg[0]).toBe(f.elements.raanDeg[s.start]);
      expect(s.shellIndex.buffer).toBe(f.shellIndex.buffer);
    }
  });
});

describe('buildFleet adoptImported (the CLI: one imported element set, no copy)', () => {
  it('gives the same fleet as the copying path and shares the parsed arrays', async () => {
    const { parseElements } = await import('../../../../src/core/elements');
    const { readFileSync } = await import('node:fs');
    const { CATALOG, requireSharedData } = await import('../../cli/shared-data');
    const text = readFileSync(requireSharedData(CATALOG), 'utf8')
      .split('\n')
      .slice(0, 2 * 500)
      .join('\n');
    const parsed = parseElements(text);
    expect(parsed.accepted).toBe(500);
    const scenario = scenarioWith([{ id: 'imp', name: 'cat', designId: defaultDesign().id, kind: 'imported', source: 'cat', text: '' }]);
    const imported = new Map([['imp', parsed.columns]]);
    const copied = buildFleet(scenario, { imported });
    const adopted = buildFleet(scenario, { imported, adoptImported: true });
    expect(adopted.count).toBe(copied.count);
    expect(adopted.shells).toEqual(copied.shells);
    expect(Array.from(adopted.shellIndex)).toEqual(Array.from(copied.shellIndex));
    expect(Array.from(adopted.designIndex)).toEqual(Array.from(copied.designIndex));
    for (const f of ['meanMotionRevPerDay', 'eccentricity', 'inclinationDeg', 'bstar', 'epochMs', 'noradId'] as const) {
      expect(Array.from(adopted.elements[f])).toEqual(Array.from(copied.elements[f]));
    }
    expect(adopted.elements.names).toEqual(copied.elements.names);
    expect(adopted.elements.epochMs.buffer).toBe(parsed.columns.epochMs.buffer);
    expect(copied.elements.epochMs.buffer).not.toBe(parsed.columns.epochMs.buffer);
    // A second shell (or a generated one) falls back to copying.
    const two = scenarioWith([
      { id: 'imp', name: 'cat', designId: defaultDesign().id, kind: 'imported', source: 'cat', text: '' },
      {
        id: 'w',
        name: 'w',
        designId: defaultDesign().id,
        kind: 'walker-delta',
        altitudeKm: 550,
        inclinationDeg: 53,
        totalSatellites: 4,
        planes: 2,
        phasing: 1,
      },
    ]);
    const mixed = buildFleet(two, { imported, adoptImported: true });
    expect(mixed.count).toBe(504);
    expect(mixed.elements.epochMs.buffer).not.toBe(parsed.columns.epochMs.buffer);
  });
});
