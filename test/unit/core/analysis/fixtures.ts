/** Test fixtures: small scenarios and a catalogue loader that fails loudly without ../shared/data. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { twoline2satrec } from 'satellite.js';
import { allocElementColumns, type ElementColumns } from '../../../../src/core/elements/columns';
import { defaultDesign, type Design } from '../../../../src/core/scenario/design';
import { ScenarioSchema, type Scenario } from '../../../../src/core/scenario/schema';
import type { Fleet } from '../../../../src/core/fleet/fleet';

export function scenario(over: Record<string, unknown> = {}): Scenario {
  return ScenarioSchema.parse({
    version: 1,
    name: 'test',
    epoch: '2025-06-01T00:00:00Z',
    shells: [],
    designs: [defaultDesign()],
    groundStations: [{ name: 'Goonhilly', latDeg: 50.05, lonDeg: -5.18, altitudeKm: 0.1, minElevationDeg: 25 }],
    window: { start: '2025-06-01T00:00:00Z', durationMin: 96, stepS: 30 },
    ...over,
  });
}

export const walker = (
  id: string,
  altitudeKm: number,
  inclinationDeg: number,
  planes: number,
  perPlane: number,
  extra: Record<string, unknown> = {},
) => ({
  id,
  name: id,
  designId: 'default',
  kind: 'walker-delta',
  altitudeKm,
  inclinationDeg,
  totalSatellites: planes * perPlane,
  planes,
  phasing: 1,
  ...extra,
});

export function designWith(patch: Partial<{ [K in keyof Design]: Partial<Design[K]> }>, id = 'default'): Design {
  const d = defaultDesign(id);
  return {
    ...d,
    solarArray: { ...d.solarArray, ...patch.solarArray },
    power: { ...d.power, ...patch.power },
    compute: { ...d.compute, ...patch.compute },
    radiator: { ...d.radiator, ...patch.radiator },
    mass: { ...d.mass, ...patch.mass },
  };
}

const here = dirname(fileURLToPath(import.meta.url));
/** ../shared/data relative to the repository root. */
export const SHARED_DATA = resolve(here, '../../../../../shared/data');

/** The real catalogue as element columns, decoded by satellite.js (independent of our parser). */
export function loadCatalogue(): ElementColumns {
  const path = resolve(SHARED_DATA, 'catalog-2022-08-09.tle');
  if (!existsSync(path)) throw new Error(`real data missing: ${path} not found (tests need ../shared/data next to the repository)`);
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i].startsWith('1 ') && lines[i + 1].startsWith('2 ')) {
      pairs.push([lines[i], lines[i + 1]]);
      i++;
    }
  }
  const cols = allocElementColumns(pairs.length);
  const R2D = 180 / Math.PI;
  pairs.forEach(([l1, l2], i) => {
    const s = twoline2satrec(l1, l2);
    cols.epochMs[i] = (s.jdsatepoch - 2440587.5) * 86_400_000;
    cols.meanMotionRevPerDay[i] = Number(l2.slice(52, 63));
    cols.eccentricity[i] = s.ecco;
    cols.inclinationDeg[i] = s.inclo * R2D;
    cols.raanDeg[i] = s.nodeo * R2D;
    cols.argPerigeeDeg[i] = s.argpo * R2D;
    cols.meanAnomalyDeg[i] = s.mo * R2D;
    cols.bstar[i] = s.bstar;
    cols.noradId[i] = Number(s.satnum);
  });
  return cols;
}

/** A fleet of one imported shell holding `cols`. */
export function importedFleet(cols: ElementColumns): Fleet {
  return {
    count: cols.count,
    elements: cols,
    shellIndex: new Uint16Array(cols.count),
    designIndex: new Uint16Array(cols.count),
    shells: [
      {
        id: 'cat',
        name: 'catalogue',
        kind: 'imported',
        designId: 'default',
        designIndex: 0,
        start: 0,
        count: cols.count,
        altitudeKm: NaN,
        inclinationDeg: NaN,
        planes: 1,
        satellitesPerPlane: cols.count,
      },
    ],
  };
}
