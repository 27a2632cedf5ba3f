/**
 * `plan export --format czml|geojson`: CZML packet structure and counts, positions equal to the
 * Earth-fixed ephemeris; GeoJSON checked against RFC 7946 (lon,lat order and ranges, closed
 * counter-clockwise exterior rings, cuts at the antimeridian, no crs), circles containing their
 * station and with the radius of the elevation-mask geometry.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { presetScenario } from '../../../src/core/presets';
import { serializeScenario } from '../../../src/core/scenario/load';

const tmp = mkdtempSync(join(tmpdir(), 'plan-scene-'));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** The Starlink-like preset with stations at the antimeridian, near the north pole and in the south. */
function scenarioFile(): string {
  const s = presetScenario('starlink-72x22');
  if (!s) throw new Error('preset missing');
  s.groundStations = [
    { name: 'Dateline', latDeg: -17, lonDeg: 179.5, altitudeKm: 0, minElevationDeg: 25 },
    { name: 'Near pole', latDeg: 86, lonDeg: 20, altitudeKm: 0, minElevationDeg: 10 },
    { name: 'Hobart', latDeg: -42.9, lonDeg: 147.3, altitudeKm: 0, minElevationDeg: 25 },
    { name: 'West', latDeg: 10, lonDeg: -179.8, altitudeKm: 0, minElevationDeg: 25 },
  ];
  const path = join(tmp, 'stations.json');
  writeFileSync(path, serializeScenario(s));
  return path;
}

type Pos = [number, number];
const area2 = (r: Pos[]) => r.slice(0, -1).reduce((a, p, k) => a + p[0] * r[k + 1][1] - r[k + 1][0] * p[1], 0);
function inside(p: Pos, ring: Pos[]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    if (
      ring[i][1] > p[1] !== ring[j][1] > p[1] &&
      p[0] < ((ring[j][0] - ring[i][0]) * (p[1] - ring[i][1])) / (ring[j][1] - ring[i][1]) + ring[i][0]
    )
      c = !c;
  return c;
}
/** Great-circle angle between two lon/lat points, deg. */
function angleDeg(a: Pos, b: Pos): number {
  const r = Math.PI / 180;
  const c = Math.sin(a[1] * r) * Math.sin(b[1] * r) + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.cos((a[0] - b[0]) * r);
  return Math.acos(Math.min(1, c)) / r;
}

describe('plan export --format czml', () => {
  it('a document packet with the window clock, then per satellite Earth-fixed samples equal to plan ephemeris', async () => {
    const r = await run([
      'export',
      'preset:starlink-72x22',
      '--format',
      'czml',
      '--every',
      '10',
      '--step-s',
      '300',
      '--duration-min',
      '60',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Array<Record<string, any>>;
    expect(doc.length).toBe(1 + 159); // 1584 satellites, every 10th
    expect(doc[0]).toMatchObject({ id: 'document', version: '1.0' });
    expect(doc[0].clock.interval).toBe('2026-03-20T12:00:00.000Z/2026-03-20T13:00:00.000Z');
    const ids = new Set(doc.slice(1).map((p) => p.id));
    expect(ids.size).toBe(159);
    for (const p of doc.slice(1)) {
      expect(p.position.referenceFrame).toBe('FIXED');
      expect(p.position.epoch).toBe('2026-03-20T12:00:00.000Z');
      expect(p.position.cartesian.length).toBe(4 * 13);
      const [t, x, y, z] = p.position.cartesian.slice(-4);
      expect(t).toBe(3600);
      expect(Math.hypot(x, y, z)).toBeGreaterThan(6.9e6); // metres
      expect(Math.hypot(x, y, z)).toBeLessThan(6.95e6);
    }
    // Satellite 10's samples are the ITRF ephemeris (km -> m).
    const e = await run([
      'ephemeris',
      'preset:starlink-72x22',
      '--ids',
      '10',
      '--format',
      'csv',
      '--frame',
      'itrf',
      '--step-s',
      '300',
      '--duration-min',
      '60',
    ]);
    const rows = e.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const c = doc[2].position.cartesian as number[];
    expect(doc[2].id).toBe('sat-10');
    for (let k = 0; k < 13; k++)
      for (let j = 0; j < 3; j++) expect(Math.abs(c[4 * k + 1 + j] - Number(rows[k][5 + j]) * 1000)).toBeLessThan(0.002);
  });

  it('asks for thinning instead of writing gigabytes', async () => {
    const r = await run(['export', 'preset:orbital-compute-1m', '--format', 'czml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/thin it with --every N/);
  }, 60_000);
});

describe('plan export --format geojson (RFC 7946)', () => {
  it('tracks cut at the antimeridian, stations, and counter-clockwise visibility circles (cut or round the pole)', async () => {
    const r = await run([
      'export',
      scenarioFile(),
      '--format',
      'geojson',
      '--every',
      '200',
      '--step-s',
      '60',
      '--circle-altitude-km',
      '550',
    ]);
    expect(r.code).toBe(0);
    const fc = JSON.parse(r.stdout);
    expect(fc.type).toBe('FeatureCollection');
    expect('crs' in fc).toBe(false);
    const kinds = (k: string) => fc.features.filter((f: any) => f.properties.kind === k);
    expect(kinds('station').length).toBe(4);
    expect(kinds('visibility').length).toBe(4);
    expect(kinds('track').length).toBe(8); // 1584 / 200
    const all: Pos[] = [];
    const collect = (c: any): void => (typeof c[0] === 'number' ? void all.push(c as Pos) : c.forEach(collect));
    for (const f of fc.features) collect(f.geometry.coordinates);
    for (const [lon, lat] of all) {
      expect(lon).toBeGreaterThanOrEqual(-180);
      expect(lon).toBeLessThanOrEqual(180);
      expect(Math.abs(lat)).toBeLessThanOrEqual(90);
    }
    // Tracks: no segment jumps across the map; cut pieces meet at +-180 at the same latitude.
    let cuts = 0;
    for (const t of kinds('track')) {
      const lines: Pos[][] = t.geometry.type === 'LineString' ? [t.geometry.coordinates] : t.geometry.coordinates;
      for (const l of lines) for (let k = 1; k < l.length; k++) expect(Math.abs(l[k][0] - l[k - 1][0])).toBeLessThan(180);
      for (let k = 1; k < lines.length; k++) {
        const end = lines[k - 1].at(-1) as Pos;
        const start = lines[k][0];
        expect(Math.abs(end[0])).toBe(180);
        expect(start[0]).toBe(-end[0]);
        expect(start[1]).toBe(end[1]);
        cuts++;
      }
    }
    expect(cuts).toBeGreaterThan(0); // 96 min of LEO crosses the antimeridian
    // Circles: closed CCW rings of >= 4 positions; the station inside, the edge at the mask radius.
    const radius = (Math.acos((6378.137 * Math.cos((25 * Math.PI) / 180)) / (6378.137 + 550)) * 180) / Math.PI - 25;
    for (const v of kinds('visibility')) {
      const polys: Pos[][][] = v.geometry.type === 'Polygon' ? [v.geometry.coordinates] : v.geometry.coordinates;
      for (const [ring] of polys) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring.at(-1));
        expect(area2(ring)).toBeGreaterThan(0);
      }
      const st = kinds('station').find((s: any) => s.properties.name === v.properties.name).geometry.coordinates as Pos;
      expect(polys.some(([ring]) => inside(st, ring))).toBe(true);
      if (v.properties.minElevationDeg === 25) {
        expect(v.properties.radiusDeg).toBeCloseTo(radius, 5);
        for (const [ring] of polys)
          for (const p of ring) if (Math.abs(p[0]) < 179.999) expect(Math.abs(angleDeg(p, st) - radius)).toBeLessThan(1e-3);
      }
    }
    const dateline = kinds('visibility').find((v: any) => v.properties.name === 'Dateline');
    expect(dateline.geometry.type).toBe('MultiPolygon');
    const west = kinds('visibility').find((v: any) => v.properties.name === 'West');
    expect(west.geometry.type).toBe('MultiPolygon');
    const pole = kinds('visibility').find((v: any) => v.properties.name === 'Near pole');
    expect(pole.geometry.type).toBe('Polygon');
    expect(inside([0, 89.9], pole.geometry.coordinates[0])).toBe(true);
    expect(inside([-170, 89.9], pole.geometry.coordinates[0])).toBe(true);
    expect(inside([-160, 60], pole.geometry.coordinates[0])).toBe(false);
  });
});
