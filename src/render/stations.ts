/**
 * Ground stations: markers and visibility cones (Earth-fixed), and links from each station to the
 * satellites in view (inertial). Visibility: elevation above the station's mask on a spherical
 * Earth (PHYSICS.md "Latency": slant range and elevation geometry).
 *
 * Which satellites are linked is decided on engine ticks: the propagation workers choose each
 * station's top-K over all their satellites with every frame (src/core/physics/stationLinks.ts,
 * merged by the pool) and takeLinks() takes that choice as it is. Only a tick without it (an engine
 * without link support, the first tick after the stations changed, the provisional fill) falls
 * back to chooseLinks(): the same test on the main thread over at most LINK_SCAN_ROWS evenly
 * strided satellites. Per frame only the few link end points (at most MAX_LINKS_PER_STATION per
 * station) are moved, with the same rotation the vertex shader applies.
 */
import * as THREE from 'three';
import type { GroundStation } from '../core/scenario/schema';
import { WGS72 } from '../core/constants';
import {
  addStationLinks,
  clearLinkChoice,
  linkStationsOf,
  MAX_LINK_STATIONS,
  MAX_LINKS_PER_STATION,
  newLinkChoice,
  type LinkChoice,
  type LinkStations,
} from '../core/physics/stationLinks';
import type { FrameLinks } from '../engine/types';
import { DEG2RAD } from '../core/units';
import { lonLatToUnit } from './globe';

export { MAX_LINKS_PER_STATION };
export const MAX_STATIONS = MAX_LINK_STATIONS;
/** Satellites scanned by the main-thread fallback choice (strided above this). */
export const LINK_SCAN_ROWS = 200_000;

/** Slant range (Earth radii) from the surface to altitude h (Earth radii) at elevation el (rad). */
export function slantRangeEr(hEr: number, elRad: number): number {
  const s = Math.sin(elRad);
  return -s + Math.sqrt(s * s + 2 * hEr + hEr * hEr);
}

export class GroundStationLayer {
  /** Markers and cones: add to the Earth-fixed group. */
  readonly fixed = new THREE.Group();
  /** Links: add to the inertial scene. */
  readonly links: THREE.LineSegments;
  readonly stations: GroundStation[];
  /** The stations as the link choice needs them (given to the engine, whose workers choose with every frame). */
  readonly linkSpec: LinkStations;
  /** Earth-fixed positions (Earth radii) of the stations. */
  private readonly ecef: Float64Array;
  private readonly sinMask: Float64Array;
  private readonly choice: LinkChoice;
  /** Satellite ids linked per station slot, -1 = none. */
  readonly linkIds: Int32Array;
  private readonly linkPos: Float32Array;
  private readonly linkAttr: THREE.BufferAttribute;
  private readonly cones: THREE.Mesh[] = [];

  constructor(stations: GroundStation[], referenceAltitudeKm: number) {
    this.stations = stations.slice(0, MAX_STATIONS);
    const n = this.stations.length;
    this.linkSpec = linkStationsOf(this.stations, MAX_LINKS_PER_STATION, MAX_STATIONS);
    this.ecef = this.linkSpec.ecefEr;
    this.sinMask = this.linkSpec.sinMask;
    const markerPos = new Float32Array(3 * n);
    const hEr = Math.max(0.01, referenceAltitudeKm / WGS72.radiusKm);
    const coneMat = new THREE.MeshBasicMaterial({
      color: '#E69F00',
      transparent: true,
      opacity: 0.06,
      depthWrite: false,
      side: THREE.DoubleSide,
    });
    const rimMat = new THREE.LineBasicMaterial({ color: '#E69F00', transparent: true, opacity: 0.45 });
    const up = new THREE.Vector3();
    this.stations.forEach((s, i) => {
      lonLatToUnit(s.lonDeg, s.latDeg, markerPos, 3 * i, 1.004);
      const el = (s.minElevationDeg ?? 25) * DEG2RAD;
      // Cone: apex at the station, axis along local vertical, edge at the mask elevation,
      // reaching the reference shell altitude.
      const d = slantRangeEr(hEr, el);
      const height = d * Math.sin(el);
      const radius = d * Math.cos(el);
      const g = new THREE.ConeGeometry(radius, height, 48, 1, true);
      g.rotateX(Math.PI); // apex down (-y)
      g.translate(0, height / 2, 0); // apex at origin, opening along +y
      const m = new THREE.Mesh(g, coneMat);
      // The rim of the cone (where it meets the reference shell) as a line, for a crisp edge.
      const rimPts: THREE.Vector3[] = [];
      for (let k = 0; k <= 64; k++)
        rimPts.push(new THREE.Vector3(radius * Math.cos((k / 64) * 2 * Math.PI), height, radius * Math.sin((k / 64) * 2 * Math.PI)));
      const rim = new THREE.Line(new THREE.BufferGeometry().setFromPoints(rimPts), rimMat);
      m.add(rim);
      up.set(markerPos[3 * i], markerPos[3 * i + 1], markerPos[3 * i + 2]).normalize();
      m.quaternion.setFromUnitVectors(_Y, up);
      m.position.copy(up);
      m.renderOrder = 4;
      this.cones.push(m);
      this.fixed.add(m);
    });
    const mg = new THREE.BufferGeometry();
    mg.setAttribute('position', new THREE.BufferAttribute(markerPos, 3));
    const markers = new THREE.Points(mg, new THREE.PointsMaterial({ color: '#ff8c3a', size: 7, sizeAttenuation: false }));
    markers.renderOrder = 5;
    this.fixed.add(markers);

    this.choice = newLinkChoice(this.linkSpec);
    this.linkIds = this.choice.ids;
    this.linkPos = new Float32Array(n * MAX_LINKS_PER_STATION * 6);
    const lg = new THREE.BufferGeometry();
    this.linkAttr = new THREE.BufferAttribute(this.linkPos, 3).setUsage(THREE.DynamicDrawUsage);
    lg.setAttribute('position', this.linkAttr);
    lg.setDrawRange(0, 0);
    this.links = new THREE.LineSegments(lg, new THREE.LineBasicMaterial({ color: '#7fe0c0', transparent: true, opacity: 0.8 }));
    this.links.frustumCulled = false;
    this.links.renderOrder = 6;
  }

  /** sin of station i's elevation mask. */
  sinMaskOf(i: number): number {
    return this.sinMask[i];
  }

  setConesVisible(v: boolean): void {
    for (const c of this.cones) c.visible = v;
  }

  /** Station i in the inertial frame at Earth rotation `gmst` (rad), Earth radii. */
  stationInertial(i: number, gmst: number, out: THREE.Vector3): THREE.Vector3 {
    const c = Math.cos(gmst);
    const s = Math.sin(gmst);
    const x = this.ecef[3 * i];
    const y = this.ecef[3 * i + 1];
    return out.set(c * x - s * y, s * x + c * y, this.ecef[3 * i + 2]);
  }

  /**
   * Take the links the workers chose for this frame; false (nothing changed) when they were chosen
   * for other stations than this layer's.
   */
  takeLinks(links: FrameLinks): boolean {
    if (links.stations !== this.linkSpec || links.ids.length !== this.linkIds.length) return false;
    this.linkIds.set(links.ids);
    this.choice.sinEl.set(links.sinEl);
    return true;
  }

  /**
   * The main-thread fallback: choose the links from tick states (Earth radii) at Earth rotation
   * `gmst` with the workers' test, over `count` rows, evenly strided above LINK_SCAN_ROWS (so it
   * can miss the best satellite at a million; the workers' choice cannot).
   */
  chooseLinks(pos: Float32Array, count: number, gmst: number): void {
    clearLinkChoice(this.choice);
    const stride = Math.max(1, Math.ceil(count / LINK_SCAN_ROWS));
    addStationLinks(pos, 1, null, 0, count, 0, this.linkSpec, gmst, this.choice, stride);
  }

  /**
   * Per-frame: link end points from the tick states advanced by dt (same rotation as the shader).
   * Returns bytes uploaded.
   */
  updateLinks(pos: Float32Array, vel: Float32Array, dtS: number, gmst: number): number {
    let v = 0;
    const K = MAX_LINKS_PER_STATION;
    for (let i = 0; i < this.stations.length; i++) {
      this.stationInertial(i, gmst, _g);
      for (let q = 0; q < K; q++) {
        const id = this.linkIds[i * K + q];
        if (id < 0) continue;
        advanceInto(pos, vel, id, dtS, _s);
        this.linkPos[3 * v] = _g.x;
        this.linkPos[3 * v + 1] = _g.y;
        this.linkPos[3 * v + 2] = _g.z;
        this.linkPos[3 * v + 3] = _s.x;
        this.linkPos[3 * v + 4] = _s.y;
        this.linkPos[3 * v + 5] = _s.z;
        v += 2;
      }
    }
    this.links.geometry.setDrawRange(0, v);
    if (v > 0) {
      this.linkAttr.clearUpdateRanges();
      this.linkAttr.addUpdateRange(0, 3 * v);
      this.linkAttr.needsUpdate = true;
    }
    return v * 12;
  }
}

/** r of satellite `id` advanced by dt: rotate about h by |h|/|r|^2 * dt (same as the vertex shader). */
export function advanceInto(pos: Float32Array, vel: Float32Array, id: number, dtS: number, out: THREE.Vector3): THREE.Vector3 {
  const j = 3 * id;
  const rx = pos[j],
    ry = pos[j + 1],
    rz = pos[j + 2];
  const vx = vel[j],
    vy = vel[j + 1],
    vz = vel[j + 2];
  const hx = ry * vz - rz * vy,
    hy = rz * vx - rx * vz,
    hz = rx * vy - ry * vx;
  const hl = Math.hypot(hx, hy, hz);
  const rr = rx * rx + ry * ry + rz * rz;
  if (!(hl > 0) || !(rr > 0)) return out.set(rx, ry, rz);
  const kx = hx / hl,
    ky = hy / hl,
    kz = hz / hl;
  const a = (hl / rr) * dtS;
  const c = Math.cos(a),
    s = Math.sin(a);
  return out.set(rx * c + (ky * rz - kz * ry) * s, ry * c + (kz * rx - kx * rz) * s, rz * c + (kx * ry - ky * rx) * s);
}

const _Y = new THREE.Vector3(0, 1, 0);
const _g = new THREE.Vector3();
const _s = new THREE.Vector3();
