/**
 * Embed configuration from the URL query. Pure: parses a query string into a config and a scenario
 * choice; bad values become messages, never exceptions.
 *
 *   #s=1.<data>           the scenario itself, as in the planner's share link (fragment: never sent to a server)
 *   scenario=<URL>        a scenario JSON file to fetch (CORS applies to other origins)
 *   origins=<a,b>         origins trusted to send commands and get replies and events (the viewer's own always is)
 *   preset=<key>          scenario preset (default: the 1M default scenario)
 *   sats=<N>              instead of a preset: one Walker delta shell of about N satellites (550 km, 53 deg)
 *   t=<ISO | Unix ms>     start time, UTC when it has no zone (default: the scenario epoch); with paused=1 the picture is fixed
 *   paused=1              start paused
 *   speed=<x>             sim seconds per wall second (1 .. 10000, default 60)
 *   colour=<mode>         shell | sunlit | power | powerMargin | thermalMargin | radiatorTemp | latency
 *   select=<id>           selected satellite
 *   view=<preset>         earth | shell | station
 *   show=a,b / hide=a,b   layers: atmosphere, borders, sunDirection, shadowCone, planeRings,
 *                         groundStations, links, capacity
 *   ui=0                  no overlays (picture only)
 *   analysis=0            skip the analytic metrics (colour maps other than shell/sunlit show "no data")
 *   engine=0              no propagation workers (satellites stay at element positions)
 *   workers=<N>           propagation workers (1 .. 16; default: one per core, one fewer without cross-origin isolation)
 *   aa=0                  no antialiasing; size=<px> point size
 */
import { ScenarioSchema, type Scenario } from '../../core/scenario/schema';
import { parseUtcTime } from '../../core/time';
import { COLOUR_MODE_ORDER, type ColourMode } from '../../render/legend';
import type { CameraPreset, ViewerLayers } from '../../render/store';

export interface EmbedConfig {
  preset: string | null;
  sats: number | null;
  timeMs: number | null;
  paused: boolean;
  speed: number | null;
  colour: ColourMode | null;
  select: number | null;
  view: CameraPreset | null;
  layers: Partial<ViewerLayers>;
  ui: boolean;
  analysis: boolean;
  engine: boolean;
  /** Propagation workers asked for (`workers=`), or null for the engine's default. */
  workers: number | null;
  antialias: boolean;
  pointSizePx: number | null;
  /** URL of a scenario JSON (`scenario=`), or null. */
  scenarioUrl: string | null;
  /** The raw `origins=` list (api.ts trustedOrigins parses it). */
  origins: string | null;
  /** Keyboard shortcuts on the whole window (the embed page) or only when the view has focus (a host page's element). */
  globalKeys: boolean;
  warnings: string[];
}

const LAYER_KEYS: Array<keyof ViewerLayers> = [
  'atmosphere',
  'borders',
  'sunDirection',
  'shadowCone',
  'planeRings',
  'groundStations',
  'links',
  'capacity',
];

/** Unix milliseconds, or an ISO 8601 time read as UTC when it has no zone (src/core/time.ts); null otherwise. */
export function timeFromText(t: string | number): number | null {
  if (typeof t === 'number') return Number.isFinite(t) ? t : null;
  const n = /^\s*-?\d+(\.\d+)?\s*$/.test(t) ? Number(t) : parseUtcTime(t);
  return Number.isFinite(n) ? n : null;
}

export function parseEmbedQuery(query: string): EmbedConfig {
  const q = new URLSearchParams(query);
  const warnings: string[] = [];
  const num = (k: string, min: number, max: number): number | null => {
    const v = q.get(k);
    if (v === null || v === '') return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) {
      warnings.push(`${k}=${v}: expected a number from ${min} to ${max}; ignored`);
      return null;
    }
    return n;
  };
  let timeMs: number | null = null;
  const t = q.get('t');
  if (t) {
    const n = timeFromText(t);
    if (n !== null) timeMs = n;
    else warnings.push(`t=${t}: expected an ISO 8601 UTC time or Unix milliseconds; ignored`);
  }
  let colour: ColourMode | null = null;
  const c = q.get('colour') ?? q.get('color');
  if (c) {
    if ((COLOUR_MODE_ORDER as string[]).includes(c)) colour = c as ColourMode;
    else warnings.push(`colour=${c}: expected one of ${COLOUR_MODE_ORDER.join(', ')}; ignored`);
  }
  let view: CameraPreset | null = null;
  const v = q.get('view');
  if (v) {
    if (['earth', 'shell', 'station'].includes(v)) view = v as CameraPreset;
    else warnings.push(`view=${v}: expected earth, shell or station; ignored`);
  }
  const layers: Partial<ViewerLayers> = {};
  for (const [param, on] of [
    ['show', true],
    ['hide', false],
  ] as const) {
    for (const name of (q.get(param) ?? '').split(',').filter(Boolean)) {
      if ((LAYER_KEYS as string[]).includes(name)) layers[name as keyof ViewerLayers] = on;
      else warnings.push(`${param}: unknown layer "${name}" (known: ${LAYER_KEYS.join(', ')})`);
    }
  }
  const sats = num('sats', 1, 4_000_000);
  const select = num('select', 0, 4_000_000);
  const workers = num('workers', 1, 16);
  return {
    preset: q.get('preset'),
    sats: sats === null ? null : Math.round(sats),
    timeMs,
    paused: q.get('paused') === '1' || q.get('paused') === 'true',
    speed: num('speed', 1, 10_000),
    colour,
    select: select === null ? null : Math.round(select),
    view,
    layers,
    ui: q.get('ui') !== '0',
    analysis: q.get('analysis') !== '0',
    engine: q.get('engine') !== '0',
    workers: workers === null ? null : Math.round(workers),
    antialias: q.get('aa') !== '0',
    pointSizePx: num('size', 0.5, 20),
    scenarioUrl: q.get('scenario') || null,
    origins: q.get('origins'),
    globalKeys: true,
    warnings,
  };
}

/** One Walker delta shell of about n satellites at 550 km / 53 deg (for quick embeds and tests). */
export function walkerScenario(n: number, base: Scenario): Scenario {
  const planes = Math.max(1, Math.round(Math.sqrt(n / 2)));
  const perPlane = Math.max(1, Math.ceil(n / planes));
  return ScenarioSchema.parse({
    ...base,
    name: `Walker ${planes * perPlane}`,
    shells: [
      {
        id: 'walker',
        name: '550 km / 53 deg',
        designId: base.designs[0].id,
        kind: 'walker-delta',
        altitudeKm: 550,
        inclinationDeg: 53,
        totalSatellites: planes * perPlane,
        planes,
        phasing: planes > 1 ? 1 : 0,
      },
    ],
  });
}
