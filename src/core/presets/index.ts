/**
 * Scenario presets shipped with the planner.
 * - "Orbital compute 1M" (default): 1,000,000 satellites between 500 and 2,000 km at 30 deg and
 *   dawn-dusk sun-synchronous, after SpaceX's 2026 FCC filing (PHYSICS.md "Space data-centre anchors").
 * - "Suncatcher cluster": 81 satellites in a ~1 km cluster, 650 km dawn-dusk SSO (Google, 2025).
 * - "Starlink-like 72x22": 550 km / 53 deg Walker delta (Hypatia reference shell).
 * - "Colossus 1 in orbit": 300 MW of compute (Colossus 1 draws about 300 MW) from 1 MW satellites.
 */
import { SCENARIO_VERSION, ScenarioSchema, type Scenario, type ScenarioInput } from '../scenario/schema';
import { design100kW, design1MW, designSuncatcher } from './designs';
import { defaultGroundStations } from './groundStations';

export { DESIGN_PRESETS, design100kW, design1MW, designSuncatcher } from './designs';
export { GATEWAY_SITES, defaultGroundStations } from './groundStations';

const EPOCH = '2026-03-20T12:00:00Z';
const window = (durationMin = 100, stepS = 30) => ({ start: EPOCH, durationMin, stepS });

function orbitalCompute1M(): ScenarioInput {
  // phasing F per shell: the F that maximises the closest approach within the shell, from an
  // exhaustive search of every F on the SGP4 track (scripts/feasibility/best-phasing.ts;
  // docs/FEASIBILITY.md "Default phasing"); F = 1 brought pairs within 31-160 m
  const walker = (id: string, altitudeKm: number, planes: number, perPlane: number, phasing: number) => ({
    id,
    name: `${altitudeKm} km / 30 deg`,
    designId: 'node-100kw',
    kind: 'walker-delta' as const,
    altitudeKm,
    inclinationDeg: 30,
    totalSatellites: planes * perPlane,
    planes,
    phasing,
  });
  return {
    version: SCENARIO_VERSION,
    name: 'Orbital compute 1M',
    description:
      'One million compute satellites in shells between 500 and 2,000 km at 30 deg and dawn-dusk sun-synchronous, after the 2026 FCC ' +
      'filing for up to 1,000,000 orbital data-centre satellites. Shell split and design are planning assumptions.',
    epoch: EPOCH,
    shells: [
      walker('w500', 500, 500, 400, 2),
      walker('w800', 800, 375, 400, 294),
      walker('w1200', 1200, 250, 400, 166),
      walker('w2000', 2000, 125, 400, 40),
      // the dusk shell flies as two layers 30 km apart (the filing's shells span up to 50 km):
      // 250,000 satellites on one altitude cannot stay 200 m apart with any phasing (at most
      // ~175 m, docs/FEASIBILITY.md "Default phasing"); 125,000 per layer can
      {
        id: 'sso600',
        name: '600 km SSO dusk',
        designId: 'node-100kw',
        kind: 'sso-dawn-dusk',
        altitudeKm: 600,
        ltanHours: 18,
        planes: 250,
        satellitesPerPlane: 500,
        phasing: 1,
        raanSpreadDeg: 10,
      },
      {
        id: 'sso630',
        name: '630 km SSO dusk',
        designId: 'node-100kw',
        kind: 'sso-dawn-dusk',
        altitudeKm: 630,
        ltanHours: 18,
        planes: 250,
        satellitesPerPlane: 500,
        phasing: 1,
        raanSpreadDeg: 10,
      },
      {
        id: 'sso1000',
        name: '1000 km SSO dawn',
        designId: 'node-100kw',
        kind: 'sso-dawn-dusk',
        altitudeKm: 1000,
        ltanHours: 6,
        planes: 500,
        satellitesPerPlane: 500,
        phasing: 207,
        raanSpreadDeg: 10,
      },
    ],
    designs: [design100kW()],
    groundStations: defaultGroundStations(),
    window: window(),
    links: {},
    // one operator's satellites with shared GNSS ephemerides: 200 m is where a conjunction reaches
    // SpaceX's 1e-5 manoeuvre threshold at 50 m position uncertainty (docs/FEASIBILITY.md "Keep-out");
    // new scenarios keep the 1 km default
    environment: { keepOutKm: 0.2 },
  };
}

function suncatcher(): ScenarioInput {
  return {
    version: SCENARIO_VERSION,
    name: 'Suncatcher cluster',
    description:
      '81 satellites flying within about 1 km in a 650 km dawn-dusk sun-synchronous orbit (Google Project Suncatcher, 2025): 9 planes ' +
      '0.01 deg apart, 9 satellites each over 0.008 deg of arc.',
    epoch: EPOCH,
    shells: [
      {
        id: 'cluster',
        name: 'Suncatcher cluster',
        designId: 'suncatcher',
        kind: 'sso-dawn-dusk',
        altitudeKm: 650,
        ltanHours: 18,
        planes: 9,
        satellitesPerPlane: 9,
        phasing: 0,
        raanSpreadDeg: 0.01,
        inPlaneArcDeg: 0.008,
      },
    ],
    designs: [designSuncatcher()],
    groundStations: defaultGroundStations(),
    window: window(98, 30),
    links: {},
    // a formation flown by design about 100-200 m apart: keep-out 50 m (*assumption*), not the 1 km default
    environment: { keepOutKm: 0.05 },
  };
}

function starlink72x22(): ScenarioInput {
  return {
    version: SCENARIO_VERSION,
    name: 'Starlink-like 72x22',
    description:
      'Starlink-like first shell: 72 planes of 22 at 550 km, 53 deg (Hypatia reference shell), flying the 100 kW compute design.',
    epoch: EPOCH,
    shells: [
      {
        id: 'starlink',
        name: 'Starlink 550/53',
        designId: 'node-100kw',
        kind: 'walker-delta',
        altitudeKm: 550,
        inclinationDeg: 53,
        totalSatellites: 1584,
        planes: 72,
        phasing: 1,
      },
    ],
    designs: [design100kW()],
    groundStations: defaultGroundStations(),
    window: window(96, 30),
    links: {},
  };
}

function colossusInOrbit(): ScenarioInput {
  return {
    version: SCENARIO_VERSION,
    name: 'Colossus 1 in orbit (300 MW)',
    description:
      'Sizing case: 300 satellites of about 1 MW of compute each (Starcloud-like) in a 650 km dawn-dusk SSO, to compare with Colossus ' +
      '1 (about 300 MW, 220,000 GPUs).',
    epoch: EPOCH,
    shells: [
      {
        id: 'colossus',
        name: '650 km SSO dusk',
        designId: 'starcloud-1mw',
        kind: 'sso-dawn-dusk',
        altitudeKm: 650,
        ltanHours: 18,
        planes: 10,
        satellitesPerPlane: 30,
        phasing: 1,
        raanSpreadDeg: 2,
      },
    ],
    designs: [design1MW()],
    groundStations: defaultGroundStations(),
    window: window(98, 30),
    links: {},
  };
}

export interface PresetEntry {
  key: string;
  label: string;
  make: () => Scenario;
}

const parse = (doc: ScenarioInput): Scenario => ScenarioSchema.parse(doc);

export const PRESETS: ReadonlyArray<PresetEntry> = [
  { key: 'orbital-compute-1m', label: 'Orbital compute 1M', make: () => parse(orbitalCompute1M()) },
  { key: 'suncatcher', label: 'Suncatcher cluster (81)', make: () => parse(suncatcher()) },
  { key: 'starlink-72x22', label: 'Starlink-like 72x22', make: () => parse(starlink72x22()) },
  { key: 'colossus-300mw', label: 'Colossus 1 in orbit (300 MW)', make: () => parse(colossusInOrbit()) },
];

export const DEFAULT_PRESET_KEY = 'orbital-compute-1m';

/** The default scenario: "Orbital compute 1M". */
export function defaultScenario(): Scenario {
  return parse(orbitalCompute1M());
}

export function presetScenario(key: string): Scenario | undefined {
  return PRESETS.find((p) => p.key === key)?.make();
}
