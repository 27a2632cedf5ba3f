/**
 * The selected satellite's path to the ground over inter-satellite links, drawn when links are on.
 * Topology: the +Grid mesh of a Walker shell (each satellite linked to the next and previous slot in
 * its plane and to the same slot in the two adjacent planes; Hypatia, Kassing et al. 2020, as
 * PHYSICS.md "Latency" uses); for an imported shell, the mesh the analysis finds from its elements
 * (src/core/analysis/isl/imported.ts importedShellNeighbours), passed in by the caller. Route: fewest hops (breadth-first)
 * to a satellite that sees a ground
 * station above its elevation mask. A picture of a plausible route, not the latency-weighted
 * shortest path the sampled analysis computes.
 * Chosen on selection and on ticks; per frame only the hop end points are moved (<= MAX_HOPS + 2).
 */
import * as THREE from 'three';
import type { Fleet } from '../core/fleet/fleet';
import { advanceInto, type GroundStationLayer } from './stations';

export const MAX_HOPS = 64;
/** Satellites visited by the breadth-first search at most. */
export const MAX_VISITS = 40_000;
const MAX_STATIONS_ROUTED = 64;

export class IslPath {
  readonly line: THREE.Line;
  /** Satellite ids along the path (first = selected), and the station index at the end. */
  private readonly ids = new Int32Array(MAX_HOPS + 1);
  private hops = 0;
  private station = -1;
  private readonly buf = new Float32Array((MAX_HOPS + 2) * 3);
  private readonly attr: THREE.BufferAttribute;

  constructor() {
    const g = new THREE.BufferGeometry();
    this.attr = new THREE.BufferAttribute(this.buf, 3).setUsage(THREE.DynamicDrawUsage);
    g.setAttribute('position', this.attr);
    g.setDrawRange(0, 0);
    this.line = new THREE.Line(g, new THREE.LineBasicMaterial({ color: '#CC79A7', transparent: true, opacity: 0.95 }));
    this.line.frustumCulled = false;
    this.line.renderOrder = 7;
  }

  clear(): void {
    this.hops = 0;
    this.station = -1;
    this.line.geometry.setDrawRange(0, 0);
  }

  /**
   * Route from satellite `id` with tick states `pos` (Earth radii) at Earth rotation `gmst`:
   * breadth-first over the +Grid of its shell (fewest hops) to the first satellite that sees a
   * ground station above its mask. Visits at most MAX_VISITS satellites; no path is drawn beyond.
   */
  choose(
    fleet: Fleet,
    pos: Float32Array,
    id: number,
    stations: GroundStationLayer,
    gmst: number,
    importedMesh?: () => Int32Array | null,
  ): void {
    this.clear();
    const shell = fleet.shells[fleet.shellIndex[id]];
    const n = Math.min(stations.stations.length, MAX_STATIONS_ROUTED);
    if (!shell || n === 0) return;
    for (let s = 0; s < n; s++) stations.stationInertial(s, gmst, _st[s]);
    const sees = (sat: number): number => {
      for (let s = 0; s < n; s++) if (seen(pos, sat, _st[s], stations.sinMaskOf(s))) return s;
      return -1;
    };
    let found = sees(id);
    let end = id;
    const parent = new Map<number, number>([[id, -1]]);
    // Imported shells: the mesh the analysis finds from their elements (4 neighbours per id).
    const mesh = shell.kind === 'imported' ? (importedMesh?.() ?? null) : null;
    const gridable = mesh !== null || (shell.kind !== 'imported' && shell.planes > 1 && shell.satellitesPerPlane > 1);
    if (found < 0 && gridable) {
      const P = shell.planes;
      const S = shell.satellitesPerPlane;
      const queue = new Int32Array(MAX_VISITS);
      let head = 0;
      let tail = 0;
      queue[tail++] = id;
      search: while (head < tail) {
        const cur = queue[head++];
        if (mesh) {
          for (let c = 0; c < 4; c++) _cand[c] = mesh[4 * cur + c];
        } else {
          const local = cur - shell.start;
          const p = Math.floor(local / S);
          const k = local % S;
          _cand[0] = shell.start + p * S + ((k + 1) % S);
          _cand[1] = shell.start + p * S + ((k + S - 1) % S);
          _cand[2] = shell.start + ((p + 1) % P) * S + k;
          _cand[3] = shell.start + ((p + P - 1) % P) * S + k;
        }
        for (let c = 0; c < 4; c++) {
          const nb = _cand[c];
          if (nb < 0 || parent.has(nb) || (pos[3 * nb] === 0 && pos[3 * nb + 1] === 0 && pos[3 * nb + 2] === 0)) continue;
          parent.set(nb, cur);
          const s = sees(nb);
          if (s >= 0) {
            found = s;
            end = nb;
            break search;
          }
          if (tail < MAX_VISITS) queue[tail++] = nb;
        }
      }
    }
    if (found < 0) return;
    // Walk back from the end to the selected satellite.
    let hops = 0;
    for (let c = end; c !== -1 && hops <= MAX_HOPS; c = parent.get(c) ?? -1) hops++;
    if (hops > MAX_HOPS + 1) return;
    let h = hops - 1;
    for (let c = end; c !== -1; c = parent.get(c) ?? -1) this.ids[h--] = c;
    this.hops = hops - 1;
    this.station = found;
  }

  /** Per frame: hop end points advanced by dt, then the station. Returns bytes uploaded. */
  update(pos: Float32Array, vel: Float32Array, dtS: number, stations: GroundStationLayer | null, gmst: number): number {
    if (this.station < 0 || !stations) return 0;
    let v = 0;
    for (let h = 0; h <= this.hops; h++) {
      advanceInto(pos, vel, this.ids[h], dtS, _s);
      this.buf[3 * v] = _s.x;
      this.buf[3 * v + 1] = _s.y;
      this.buf[3 * v + 2] = _s.z;
      v++;
    }
    stations.stationInertial(this.station, gmst, _s);
    this.buf[3 * v] = _s.x;
    this.buf[3 * v + 1] = _s.y;
    this.buf[3 * v + 2] = _s.z;
    v++;
    this.line.geometry.setDrawRange(0, v);
    this.attr.clearUpdateRanges();
    this.attr.addUpdateRange(0, 3 * v);
    this.attr.needsUpdate = true;
    return v * 12;
  }

  /** Satellite ids along the current path, selected first (empty when there is none). */
  get path(): Int32Array {
    return this.station < 0 ? this.ids.subarray(0, 0) : this.ids.subarray(0, this.hops + 1);
  }

  /** Ground station index at the end of the path (-1 when there is none). */
  get stationIndex(): number {
    return this.station;
  }

  /** Number of inter-satellite hops of the current path (-1 when there is none). */
  get hopCount(): number {
    return this.station < 0 ? -1 : this.hops;
  }
}

/** Satellite `id` above the elevation mask of a station at `g` (Earth radii, inertial). */
function seen(pos: Float32Array, id: number, g: THREE.Vector3, sinMask: number): boolean {
  const j = 3 * id;
  const dx = pos[j] - g.x,
    dy = pos[j + 1] - g.y,
    dz = pos[j + 2] - g.z;
  const gl = g.length();
  const up = (dx * g.x + dy * g.y + dz * g.z) / gl;
  return up > 0 && up / Math.sqrt(dx * dx + dy * dy + dz * dz) >= sinMask;
}

const _st = Array.from({ length: MAX_STATIONS_ROUTED }, () => new THREE.Vector3());
const _cand = new Int32Array(4);
const _s = new THREE.Vector3();
