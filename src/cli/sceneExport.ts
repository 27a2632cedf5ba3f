/**
 * `plan export --format czml|geojson`: the fleet over the analysis window as a Cesium scene (CZML)
 * or a map (GeoJSON: sub-satellite tracks, ground stations, visibility circles); src/core/ephemeris.
 * Satellites are propagated in blocks and written one packet / feature at a time (segments.ts).
 */
import { WGS84 } from '../core/constants';
import { czmlDocumentPacket, czmlSatellitePacket } from '../core/ephemeris/czml';
import { stationFeature, trackFeature, visibilityFeature } from '../core/ephemeris/geojson';
import type { CommandContext } from './command';
import { numberOption } from './command';
import { UsageError } from './common';
import type { LoadedInput } from './input';
import type { Output } from './output';
import { forEachSegment } from './segments';

/** Samples (satellites x points) above which the command asks for thinning instead of writing gigabytes. */
export const MAX_SCENE_SAMPLES = 20_000_000;

const PALETTE: Array<[number, number, number, number]> = [
  [102, 194, 255, 255],
  [255, 170, 80, 255],
  [140, 230, 140, 255],
  [240, 120, 200, 255],
  [230, 230, 110, 255],
  [170, 150, 255, 255],
];

/** Median altitude (km) of the chosen satellites from their mean motion (Kepler's third law, WGS-84 mu). */
function medianAltitudeKm(input: LoadedInput, ids: readonly number[]): number {
  const n = input.fleet.elements.meanMotionRevPerDay;
  const alts = ids.map((i) => {
    const w = (n[i] * 2 * Math.PI) / 86400;
    return Math.cbrt(WGS84.muKm3PerS2 / (w * w)) - WGS84.radiusKm;
  });
  alts.sort((a, b) => a - b);
  const m = alts[Math.floor(alts.length / 2)];
  return Number.isFinite(m) && m > 0 ? m : 550;
}

export async function runSceneExport(ctx: CommandContext, input: LoadedInput, format: 'czml' | 'geojson', out: Output): Promise<void> {
  const { values, io } = ctx;
  const { fleet, scenario } = input;
  const every = numberOption(values, 'every', 1, 1e9, true) ?? 1;
  const circleAltKm = numberOption(values, 'circle-altitude-km', 1, 100_000);
  const ids: number[] = [];
  for (let i = 0; i < fleet.count; i += every) ids.push(i);
  const startMs = Date.parse(scenario.window.start);
  const stepS = scenario.window.stepS;
  const steps = Math.floor((scenario.window.durationMin * 60) / stepS + 1e-9) + 1;
  if (ids.length * steps > MAX_SCENE_SAMPLES)
    throw new UsageError(
      `${ids.length.toLocaleString('en-US')} satellites x ${steps} samples is more than ${MAX_SCENE_SAMPLES.toLocaleString('en-US')} ` +
        `samples: ` +
        'thin it with --every N (every Nth satellite) or a larger --step-s, or a shorter --duration-min',
    );
  const stopMs = startMs + (steps - 1) * stepS * 1000;
  const progress = ctx.progress('export');
  let written = 0;
  let first = true;
  const item = async (obj: unknown) => {
    await out.put(`${first ? '' : ',\n'}${JSON.stringify(obj)}`);
    first = false;
  };
  if (format === 'czml') {
    out.write('[\n');
    await item(czmlDocumentPacket({ name: scenario.name, startMs, stopMs }));
  } else {
    out.write('{"type":"FeatureCollection","features":[\n');
    const alt = circleAltKm ?? medianAltitudeKm(input, ids);
    for (const s of scenario.groundStations) {
      await item(stationFeature(s));
      await item(visibilityFeature(s, alt));
    }
  }
  await forEachSegment(
    fleet,
    ids,
    { startMs, stepS, steps, frame: 'itrf' },
    async (seg) => {
      const shell = fleet.shellIndex[seg.id];
      const obj = format === 'czml' ? czmlSatellitePacket(seg, PALETTE[shell % PALETTE.length]) : trackFeature(seg);
      if (obj) {
        if (format === 'geojson') (obj as { properties: Record<string, unknown> }).properties.shell = fleet.shells[shell]?.name ?? '';
        await item(obj);
        written++;
      }
    },
    (n) => progress.update(`${n.toLocaleString('en-US')}/${ids.length.toLocaleString('en-US')} satellites`),
  );
  out.write(format === 'czml' ? '\n]\n' : '\n]}\n');
  await out.finish();
  io.stderr(
    `export: ${written} of ${fleet.count} satellites written as ${format}${every > 1 ? ` (every ${every}th)` : ''}, ` +
      `${steps} samples each from ${new Date(startMs).toISOString()} every ${stepS} s, Earth-fixed` +
      `${format === 'geojson' ? `; ${scenario.groundStations.length} ground stations with visibility circles` : ''}` +
      `${out.toFile ? ` to ${out.name}` : ''}\n`,
  );
}
