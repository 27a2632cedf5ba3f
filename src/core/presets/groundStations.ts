/**
 * Ground station presets: real, publicly known satellite ground-station and teleport sites
 * (coordinates rounded to 0.01 deg). Masks default to 25 deg (Starlink gateways, PHYSICS.md Latency).
 */
import type { GroundStation } from '../scenario/schema';

const site = (name: string, latDeg: number, lonDeg: number, altitudeKm = 0.05, minElevationDeg = 25): GroundStation => ({
  name,
  latDeg,
  lonDeg,
  altitudeKm,
  minElevationDeg,
});

export const GATEWAY_SITES: GroundStation[] = [
  site('Svalbard (SvalSat)', 78.23, 15.39, 0.45),
  site('Fairbanks, Alaska', 64.86, -147.85, 0.2),
  site('Redmond, Washington', 47.69, -122.03, 0.1),
  site('Hawthorne, California', 33.92, -118.33, 0.02),
  site('Wallops Island, Virginia', 37.94, -75.46, 0.01),
  site('Punta Arenas, Chile', -52.94, -70.85, 0.05),
  site('Hartebeesthoek, South Africa', -25.89, 27.69, 1.4),
  site('Goonhilly, UK', 50.05, -5.18, 0.1),
  site('Kiruna, Sweden', 67.86, 20.96, 0.4),
  site('Perth (Mingenew), Australia', -29.01, 115.35, 0.25),
  site('Singapore', 1.35, 103.82, 0.02),
  site('Tokyo (Ibaraki), Japan', 36.2, 140.1, 0.05),
  site('Dubai, UAE', 25.2, 55.27, 0.01),
  site('Sao Paulo, Brazil', -23.55, -46.63, 0.76),
  site('Awarua, New Zealand', -46.53, 168.38, 0.01),
  site('Hawaii (South Point)', 19.01, -155.66, 0.37),
];

/** The default set used for element files without a scenario: a spread of eight sites. */
export function defaultGroundStations(): GroundStation[] {
  const names = new Set([
    'Svalbard (SvalSat)',
    'Redmond, Washington',
    'Wallops Island, Virginia',
    'Punta Arenas, Chile',
    'Hartebeesthoek, South Africa',
    'Goonhilly, UK',
    'Perth (Mingenew), Australia',
    'Tokyo (Ibaraki), Japan',
  ]);
  return GATEWAY_SITES.filter((s) => names.has(s.name)).map((s) => ({ ...s }));
}
