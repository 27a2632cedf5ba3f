import { describe, expect, it } from 'vitest';
import { Vector3 } from 'three';
import { buildFleet } from '../../../src/core/fleet/generators';
import { presetScenario } from '../../../src/core/presets';
import { fillProvisionalStates } from '../../../src/render/provisional';
import { GroundStationLayer } from '../../../src/render/stations';
import { IslPath } from '../../../src/render/islPath';
import { gmstRad } from '../../../src/render/astro';

const scenario = presetScenario('starlink-72x22')!;
const fleet = buildFleet(scenario);
const t = Date.parse(scenario.epoch) + 1_800_000;
const pos = new Float32Array(3 * fleet.count);
const vel = new Float32Array(3 * fleet.count);
fillProvisionalStates(fleet.elements, 0, fleet.count, t, pos, vel);
const stations = new GroundStationLayer(scenario.groundStations, 550);
const gmst = gmstRad(t);

/** Elevation (deg) of satellite id from station s, computed independently of the module. */
function elevationDeg(id: number, s: number): number {
  const g = stations.stationInertial(s, gmst, new Vector3());
  const d = new Vector3(pos[3 * id], pos[3 * id + 1], pos[3 * id + 2]).sub(g);
  return 90 - (d.angleTo(g) * 180) / Math.PI;
}

describe('inter-satellite path to the ground', () => {
  it('follows +Grid neighbours from the selected satellite to one that sees a station above its mask', () => {
    const isl = new IslPath();
    let routed = 0;
    for (let id = 0; id < fleet.count; id += 97) {
      isl.choose(fleet, pos, id, stations, gmst);
      if (isl.hopCount < 0) continue;
      routed++;
      const path = Array.from(isl.path);
      expect(path[0]).toBe(id);
      expect(path.length).toBe(isl.hopCount + 1);
      for (let h = 1; h < path.length; h++) {
        const a = path[h - 1];
        const b = path[h];
        const [pa, sa] = [Math.floor(a / 22), a % 22];
        const [pb, sb] = [Math.floor(b / 22), b % 22];
        const samePlane = pa === pb && ((sa + 1) % 22 === sb || (sb + 1) % 22 === sa);
        const adjacentPlane = sa === sb && ((pa + 1) % 72 === pb || (pb + 1) % 72 === pa);
        expect(samePlane || adjacentPlane).toBe(true);
      }
      const last = path[path.length - 1];
      const mask = scenario.groundStations[isl.stationIndex].minElevationDeg;
      expect(elevationDeg(last, isl.stationIndex)).toBeGreaterThanOrEqual(mask - 1e-6);
      // Fewest hops: no satellite before the last one on the path sees any station.
      for (const k of path.slice(0, -1))
        for (let s = 0; s < scenario.groundStations.length; s++) expect(elevationDeg(k, s)).toBeLessThan(scenario.groundStations[s].minElevationDeg + 1e-6);
    }
    expect(routed).toBeGreaterThan(10);
  });
});
