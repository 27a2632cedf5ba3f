import { describe, expect, it } from 'vitest';
import { Vector3 } from 'three';
import { buildFleet } from '../../../src/core/fleet/generators';
import { presetScenario } from '../../../src/core/presets';
import { fillProvisionalStates } from '../../../src/render/provisional';
import { GroundStationLayer } from '../../../src/render/stations';
import { IslPath } from '../../../src/render/islPath';
import { gmstRad } from '../../../src/render/astro';
import { importedShellNeighbours } from '../../../src/core/analysis/isl';
import { allocElementColumns, ELEMENT_FLOAT_FIELDS, ELEMENT_INT_FIELDS } from '../../../src/core/elements/columns';

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
        for (let s = 0; s < scenario.groundStations.length; s++)
          expect(elevationDeg(k, s)).toBeLessThan(scenario.groundStations[s].minElevationDeg + 1e-6);
    }
    expect(routed).toBeGreaterThan(10);
  });

  it('routes an imported element set over the mesh found from its elements (same hops as the generated shell)', () => {
    // The same satellites as one imported shell, rows reversed.
    const n = fleet.count;
    const cols = allocElementColumns(n);
    for (let r = 0; r < n; r++) {
      for (const f of ELEMENT_FLOAT_FIELDS) cols[f][r] = fleet.elements[f][n - 1 - r];
      for (const f of ELEMENT_INT_FIELDS) cols[f][r] = fleet.elements[f][n - 1 - r];
    }
    const imported = {
      count: n,
      elements: cols,
      shellIndex: new Uint16Array(n),
      designIndex: new Uint16Array(n),
      shells: [
        {
          id: 'i',
          name: 'imported',
          kind: 'imported' as const,
          designId: 'default',
          designIndex: 0,
          start: 0,
          count: n,
          altitudeKm: Number.NaN,
          inclinationDeg: Number.NaN,
          planes: 1,
          satellitesPerPlane: n,
        },
      ],
    };
    const ipos = new Float32Array(3 * n);
    for (let r = 0; r < n; r++) for (let k = 0; k < 3; k++) ipos[3 * r + k] = pos[3 * (n - 1 - r) + k];
    const mesh = new Int32Array(4 * n).fill(-1);
    importedShellNeighbours(cols, 0, n, t, mesh);
    const a = new IslPath();
    const b = new IslPath();
    let routed = 0;
    for (let id = 0; id < n; id += 97) {
      a.choose(fleet, pos, id, stations, gmst);
      b.choose(imported, ipos, n - 1 - id, stations, gmst, () => mesh);
      expect(b.hopCount).toBe(a.hopCount);
      if (b.hopCount < 0) continue;
      routed++;
      const path = Array.from(b.path);
      for (let h = 1; h < path.length; h++) expect(Array.from(mesh.subarray(4 * path[h - 1], 4 * path[h - 1] + 4))).toContain(path[h]);
      const mask = scenario.groundStations[b.stationIndex].minElevationDeg;
      expect(elevationDeg(n - 1 - path[path.length - 1], b.stationIndex)).toBeGreaterThanOrEqual(mask - 1e-6);
    }
    expect(routed).toBeGreaterThan(10);
    // Without the mesh an imported shell has no path beyond the selected satellite itself.
    const c = new IslPath();
    let beyond = 0;
    for (let id = 0; id < n; id += 97) {
      c.choose(imported, ipos, id, stations, gmst);
      if (c.hopCount > 0) beyond++;
    }
    expect(beyond).toBe(0);
  });
});
