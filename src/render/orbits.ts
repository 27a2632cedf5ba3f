/**
 * Orbit geometry drawn from satellite states: the selected satellite's orbit (two-body conic from
 * its last tick state) with its plane as a translucent disc, and optional rings for every orbital
 * plane of the generated shells (one LineSegments draw call). Units: Earth radii, TEME.
 * Rebuilt on ticks/selection, never per frame.
 */
import * as THREE from 'three';
import { WGS72 } from '../core/constants';
import type { Fleet } from '../core/fleet/fleet';
import { CATEGORICAL } from './colormaps';

/** mu in Earth radii^3 / s^2. */
export const MU_ER = WGS72.muKm3PerS2 / WGS72.radiusKm ** 3;
const ORBIT_POINTS = 256;
const RING_SEGMENTS = 64;
export const MAX_PLANE_RINGS = 4096;

/**
 * Sample the two-body orbit through state (r, v) (Earth radii, Earth radii/s) at `n` points into
 * `out` (xyz interleaved). Returns the semi-major axis, or NaN for an unbound/degenerate state.
 */
export function sampleOrbit(rx: number, ry: number, rz: number, vx: number, vy: number, vz: number, out: Float32Array, n: number): number {
  const r = Math.hypot(rx, ry, rz);
  const v2 = vx * vx + vy * vy + vz * vz;
  const hx = ry * vz - rz * vy;
  const hy = rz * vx - rx * vz;
  const hz = rx * vy - ry * vx;
  const h = Math.hypot(hx, hy, hz);
  const inva = 2 / r - v2 / MU_ER;
  if (!(r > 0) || !(h > 0) || !(inva > 0)) return Number.NaN;
  const a = 1 / inva;
  // Eccentricity vector e = (v x h)/mu - r/|r|.
  const ex = (vy * hz - vz * hy) / MU_ER - rx / r;
  const ey = (vz * hx - vx * hz) / MU_ER - ry / r;
  const ez = (vx * hy - vy * hx) / MU_ER - rz / r;
  let e = Math.hypot(ex, ey, ez);
  let px: number, py: number, pz: number;
  if (e < 1e-9) {
    e = 0;
    px = rx / r;
    py = ry / r;
    pz = rz / r;
  } else {
    px = ex / e;
    py = ey / e;
    pz = ez / e;
  }
  // Q = h_hat x P
  const kx = hx / h;
  const ky = hy / h;
  const kz = hz / h;
  const qx = ky * pz - kz * py;
  const qy = kz * px - kx * pz;
  const qz = kx * py - ky * px;
  const b = a * Math.sqrt(Math.max(0, 1 - e * e));
  for (let i = 0; i < n; i++) {
    const E = (2 * Math.PI * i) / n;
    const c = a * (Math.cos(E) - e);
    const s = b * Math.sin(E);
    out[3 * i] = c * px + s * qx;
    out[3 * i + 1] = c * py + s * qy;
    out[3 * i + 2] = c * pz + s * qz;
  }
  return a;
}

export class SelectedOrbit {
  readonly group = new THREE.Group();
  private readonly line: THREE.LineLoop;
  private readonly disc: THREE.Mesh;
  private readonly buf = new Float32Array(ORBIT_POINTS * 3);
  private readonly attr: THREE.BufferAttribute;
  private readonly _n = new THREE.Vector3();

  constructor() {
    const g = new THREE.BufferGeometry();
    this.attr = new THREE.BufferAttribute(this.buf, 3).setUsage(THREE.DynamicDrawUsage);
    g.setAttribute('position', this.attr);
    this.line = new THREE.LineLoop(g, new THREE.LineBasicMaterial({ color: '#ffffff', transparent: true, opacity: 0.85 }));
    this.line.frustumCulled = false;
    this.disc = new THREE.Mesh(
      new THREE.CircleGeometry(1, 96),
      new THREE.MeshBasicMaterial({ color: '#56B4E9', transparent: true, opacity: 0.08, side: THREE.DoubleSide, depthWrite: false }),
    );
    this.group.add(this.line, this.disc);
    this.group.visible = false;
  }

  /** Rebuild from a state; returns false (and hides) when there is none. */
  set(pos: Float32Array, vel: Float32Array, id: number): boolean {
    const j = 3 * id;
    const a =
      id >= 0 && j + 2 < pos.length
        ? sampleOrbit(pos[j], pos[j + 1], pos[j + 2], vel[j], vel[j + 1], vel[j + 2], this.buf, ORBIT_POINTS)
        : Number.NaN;
    if (!Number.isFinite(a)) {
      this.group.visible = false;
      return false;
    }
    this.attr.needsUpdate = true;
    // Disc: unit circle in xy, scaled to a, normal onto h.
    this._n
      .set(
        pos[j + 1] * vel[j + 2] - pos[j + 2] * vel[j + 1],
        pos[j + 2] * vel[j] - pos[j] * vel[j + 2],
        pos[j] * vel[j + 1] - pos[j + 1] * vel[j],
      )
      .normalize();
    this.disc.quaternion.setFromUnitVectors(_Z, this._n);
    this.disc.scale.setScalar(a);
    this.group.visible = true;
    return true;
  }

  hide(): void {
    this.group.visible = false;
  }
}

/** One ring per orbital plane of the generated shells, coloured by shell. */
export class PlaneRings {
  readonly lines: THREE.LineSegments;
  private readonly pos: Float32Array;
  private readonly col: Float32Array;
  private readonly posAttr: THREE.BufferAttribute;
  private readonly colAttr: THREE.BufferAttribute;

  constructor() {
    const verts = MAX_PLANE_RINGS * RING_SEGMENTS * 2;
    this.pos = new Float32Array(verts * 3);
    this.col = new Float32Array(verts * 3);
    const g = new THREE.BufferGeometry();
    this.posAttr = new THREE.BufferAttribute(this.pos, 3);
    this.colAttr = new THREE.BufferAttribute(this.col, 3);
    g.setAttribute('position', this.posAttr);
    g.setAttribute('color', this.colAttr);
    g.setDrawRange(0, 0);
    this.lines = new THREE.LineSegments(
      g,
      new THREE.LineBasicMaterial({ vertexColors: true, transparent: true, opacity: 0.45, depthWrite: false }),
    );
    this.lines.frustumCulled = false;
    this.lines.visible = false;
  }

  /** Rebuild from the first satellite of each plane (planes sampled evenly when over the cap). Returns bytes written. */
  rebuild(fleet: Fleet, pos: Float32Array, vel: Float32Array): number {
    let rings = 0;
    let total = 0;
    for (const sh of fleet.shells) if (sh.kind !== 'imported' && sh.count > 0) total += sh.planes;
    const stride = Math.max(1, Math.ceil(total / MAX_PLANE_RINGS));
    const _c = new THREE.Color();
    let v = 0;
    fleet.shells.forEach((sh, k) => {
      if (sh.kind === 'imported' || sh.count === 0) return;
      const cc = CATEGORICAL[k % CATEGORICAL.length];
      _c.setRGB(cc[0], cc[1], cc[2], THREE.SRGBColorSpace);
      for (let p = 0; p < sh.planes && rings < MAX_PLANE_RINGS; p += stride) {
        const id = sh.start + p * sh.satellitesPerPlane;
        const j = 3 * id;
        const rx = pos[j],
          ry = pos[j + 1],
          rz = pos[j + 2];
        const r = Math.hypot(rx, ry, rz);
        let hx = ry * vel[j + 2] - rz * vel[j + 1];
        let hy = rz * vel[j] - rx * vel[j + 2];
        let hz = rx * vel[j + 1] - ry * vel[j];
        const h = Math.hypot(hx, hy, hz);
        if (!(r > 0) || !(h > 0)) continue;
        hx /= h;
        hy /= h;
        hz /= h;
        const ux = rx / r,
          uy = ry / r,
          uz = rz / r;
        const wx = hy * uz - hz * uy,
          wy = hz * ux - hx * uz,
          wz = hx * uy - hy * ux;
        for (let s = 0; s < RING_SEGMENTS; s++) {
          for (let e = 0; e < 2; e++) {
            const t = (2 * Math.PI * (s + e)) / RING_SEGMENTS;
            const c = Math.cos(t) * r;
            const si = Math.sin(t) * r;
            this.pos[3 * v] = c * ux + si * wx;
            this.pos[3 * v + 1] = c * uy + si * wy;
            this.pos[3 * v + 2] = c * uz + si * wz;
            this.col[3 * v] = _c.r;
            this.col[3 * v + 1] = _c.g;
            this.col[3 * v + 2] = _c.b;
            v++;
          }
        }
        rings++;
      }
    });
    this.lines.geometry.setDrawRange(0, v);
    this.posAttr.clearUpdateRanges();
    this.colAttr.clearUpdateRanges();
    this.posAttr.addUpdateRange(0, 3 * v);
    this.colAttr.addUpdateRange(0, 3 * v);
    this.posAttr.needsUpdate = true;
    this.colAttr.needsUpdate = true;
    return v * 24;
  }
}

const _Z = new THREE.Vector3(0, 0, 1);
