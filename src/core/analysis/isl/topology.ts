/**
 * +Grid inter-satellite topology (Hypatia: each satellite links to the 2 neighbours in its plane
 * and 1 in each adjacent plane; PHYSICS.md "Latency").
 *
 * Generated shells: from the generators' plane-major indexing (src/core/fleet/generators.ts):
 * satellite (plane p, slot s) of a shell is fleet id start + p * S + s. In-plane: slots s +- 1,
 * wrapping round the orbit unless the plane is a cluster arc (inPlaneArcDeg < 360). Cross-plane:
 * the same slot in planes p +- 1 (as Hypatia), wrapping from the last plane to the first only for
 * Walker delta shells (a Walker star or SSO family has a seam of counter-rotating or absent
 * planes); across the Walker delta seam the slot advances by the phasing F, since plane P of the
 * pattern is plane 0 shifted by F slots (Hypatia keeps the same slot there; this keeps seam links
 * as long as the others).
 * Imported shells get the same kind of mesh inferred from their elements (./imported.ts).
 * Links only join satellites of the same shell.
 */
import type { Fleet } from '../../fleet/fleet';
import type { Scenario } from '../../scenario/schema';
import { importedShellNeighbours } from './imported';

export interface IslTopology {
  count: number;
  /** 4 neighbour ids per satellite (in-plane next, in-plane previous, next plane, previous plane); -1 = none. */
  neighbours: Int32Array;
  /** Number of undirected links in the topology. */
  links: number;
  /** Reverse of each link (4v + e' with v's e'-th neighbour u, for u's link 4u + e to v), or -1: its weight is the same. */
  reverse: Int32Array;
}

/** +Grid neighbours for every satellite of the fleet. */
export function buildIslTopology(fleet: Fleet, scenario: Scenario): IslTopology {
  const n = fleet.count;
  const nb = new Int32Array(4 * n).fill(-1);
  const byId = new Map(scenario.shells.map((s) => [s.id, s] as const));
  const refMs = Date.parse(scenario.window.start);
  for (const sh of fleet.shells) {
    if (sh.count === 0) continue;
    if (sh.kind === 'imported') {
      importedShellNeighbours(fleet.elements, sh.start, sh.count, Number.isFinite(refMs) ? refMs : Date.parse(scenario.epoch), nb);
      continue;
    }
    const P = sh.planes;
    const S = sh.satellitesPerPlane;
    if (P * S !== sh.count) continue;
    const src = byId.get(sh.id);
    const arc = src && src.kind === 'sso-dawn-dusk' ? src.inPlaneArcDeg : 360;
    const wrapSlots = arc >= 360 && S > 2;
    const wrapPlanes = sh.kind === 'walker-delta' && P > 2;
    // Walker phasing: plane P would be plane 0 advanced by F slots, so across the seam
    // (P-1, s) links to (0, s + F) - the same geometry as every other pair of adjacent planes
    const seamShift = src && src.kind === 'walker-delta' ? ((src.phasing % S) + S) % S : 0;
    for (let p = 0; p < P; p++) {
      for (let s = 0; s < S; s++) {
        const id = sh.start + p * S + s;
        const o = 4 * id;
        if (s + 1 < S) nb[o] = id + 1;
        else if (wrapSlots) nb[o] = sh.start + p * S;
        if (s > 0) nb[o + 1] = id - 1;
        else if (wrapSlots) nb[o + 1] = sh.start + p * S + S - 1;
        if (p + 1 < P) nb[o + 2] = id + S;
        else if (wrapPlanes) nb[o + 2] = sh.start + ((s + seamShift) % S);
        if (p > 0) nb[o + 3] = id - S;
        else if (wrapPlanes) nb[o + 3] = sh.start + (P - 1) * S + ((s - seamShift + S) % S);
      }
    }
  }
  return withReverseLinks(n, nb);
}

/** Topology from neighbours, with each link's reverse (so the routing weighs a link once). */
export function withReverseLinks(n: number, nb: Int32Array): IslTopology {
  // undirected link count (each link appears twice, except degenerate 2-slot/2-plane cases)
  let directed = 0;
  const reverse = new Int32Array(nb.length).fill(-1);
  for (let i = 0; i < nb.length; i++) {
    const v = nb[i];
    if (v < 0) continue;
    directed++;
    const u = i >> 2;
    for (let e = 0; e < 4; e++) {
      if (nb[4 * v + e] === u) {
        reverse[i] = 4 * v + e;
        break;
      }
    }
  }
  return { count: n, neighbours: nb, links: directed / 2, reverse };
}
