/**
 * Mutable per-view objects shared between the scene (inside the R3F canvas) and the DOM overlays
 * (inspector, handle for embedders). Not React state: read on demand or at a few Hz.
 */
import type * as THREE from 'three';
import { WGS72 } from '../core/constants';
import type { SatelliteLayer } from './satelliteLayer';
import { simTimeMs, type ViewerStore } from './store';

export interface ViewerStats {
  /** Frames rendered since the view was created. */
  frames: number;
  /** Main-thread milliseconds of the last frame (frame loop + render submission). */
  lastFrameMs: number;
  /** Sum of main-thread ms over all frames (mean = sum / frames). */
  totalFrameMs: number;
  maxFrameMs: number;
  /** Bytes handed to the GPU in the last frame and in total. */
  lastUploadBytes: number;
  totalUploadBytes: number;
  /** Frames that uploaded anything. */
  uploadFrames: number;
  /** Frames that uploaded satellite states or colours (engine ticks, colour-mode changes), and their main-thread ms. */
  stateUploadFrames: number;
  stateUploadFrameMs: number;
  /** Engine ticks applied, and main-thread ms spent converting them (Float64 km -> Float32 Earth radii). */
  ticks: number;
  totalTickMs: number;
  /** Station-link choices applied: one per tick at most (plus one when the stations or the link layer change). */
  linkChoices: number;
  /** Of those, the workers' choices over every satellite (taken as they are) ... */
  workerLinkChoices: number;
  /** ... and the main-thread fallback scans (strided above 200k satellites). */
  linkFallbacks: number;
  /** Main-thread ms spent on links (merging the workers' candidates in the pool, outside totalTickMs; or the fallback scan). */
  totalLinkMs: number;
  /** Milliseconds the workers spent choosing those links (the slowest shard per tick, summed): not main-thread time. */
  totalWorkerLinkMs: number;
  /** Link segments drawn in the last frame. */
  linksDrawn: number;
  /** performance.now() when the first satellites were drawn (NaN until then). */
  firstSatellitesAtMs: number;
  /** Satellites currently drawn. */
  shown: number;
  /** Sim time (Unix ms) of the satellite states on the GPU (the last tick, or the provisional fill). */
  stateTimeMs: number;
  /** WebGL context losses and restores seen. */
  contextLosses: number;
  contextRestores: number;
}

export const newStats = (): ViewerStats => ({
  frames: 0,
  lastFrameMs: 0,
  totalFrameMs: 0,
  maxFrameMs: 0,
  lastUploadBytes: 0,
  totalUploadBytes: 0,
  uploadFrames: 0,
  stateUploadFrames: 0,
  stateUploadFrameMs: 0,
  ticks: 0,
  totalTickMs: 0,
  linkChoices: 0,
  workerLinkChoices: 0,
  linkFallbacks: 0,
  totalLinkMs: 0,
  totalWorkerLinkMs: 0,
  linksDrawn: 0,
  firstSatellitesAtMs: Number.NaN,
  shown: 0,
  stateTimeMs: Number.NaN,
  contextLosses: 0,
  contextRestores: 0,
});

export interface ViewerRuntime {
  store: ViewerStore;
  stats: ViewerStats;
  layer: SatelliteLayer | null;
  camera: THREE.PerspectiveCamera | null;
  canvas: HTMLCanvasElement | null;
  /** Sun unit vector (inertial) of the last frame. */
  sun: Float64Array;
  gmstRad: number;
  /** Pick at CSS pixel (x, y) of the canvas; -1 when nothing. Set by the scene. Synchronous: waits for the GPU. */
  pick: (x: number, y: number) => number;
  /** The same, read back without stalling on the GPU (a frame or so later). */
  pickAsync: (x: number, y: number) => Promise<number>;
  /** Ask for a new frame (frameloop is on demand while paused). */
  invalidate: () => void;
  /** The next frame draws whatever limits apply (a snapshot renders, then reads the canvas back). */
  drawNextFrame: boolean;
  /** Whether the canvas draws in software (no GPU), read by the view's first frame; null before (viewerController.ts). */
  softwareGl: boolean | null;
  /** The selected satellite's path to the ground: hops and station name (hops -1 = none found). */
  groundPath: { id: number; hops: number; station: string };
}

export function createRuntime(store: ViewerStore): ViewerRuntime {
  return {
    store,
    stats: newStats(),
    layer: null,
    camera: null,
    canvas: null,
    sun: new Float64Array([1, 0, 0]),
    gmstRad: 0,
    pick: () => -1,
    pickAsync: () => Promise.resolve(-1),
    invalidate: () => {},
    drawNextFrame: false,
    softwareGl: null,
    groundPath: { id: -1, hops: -1, station: '' },
  };
}

export interface SatelliteState {
  /** TEME position, km, and velocity, km/s (two-body advanced from the last tick to the view time). */
  positionKm: [number, number, number];
  velocityKmS: [number, number, number];
  timeMs: number;
}

/** Current drawn state of satellite `id` (as the shader places it), or null. */
export function stateOf(rt: ViewerRuntime, id: number): SatelliteState | null {
  const layer = rt.layer;
  if (!layer || id < 0 || id >= layer.shown || !Number.isFinite(layer.stateTimeMs)) return null;
  const p = layer.positions;
  const v = layer.velocities;
  const j = 3 * id;
  if (p[j] === 0 && p[j + 1] === 0 && p[j + 2] === 0) return null;
  const t = simTimeMs(rt.store.getState().clock);
  const dt = (t - layer.stateTimeMs) / 1000;
  // Same rotation as the vertex shader, applied to r and v: angle |h|/|r|^2 * dt about h.
  const rx = p[j],
    ry = p[j + 1],
    rz = p[j + 2];
  const vx = v[j],
    vy = v[j + 1],
    vz = v[j + 2];
  const hx = ry * vz - rz * vy,
    hy = rz * vx - rx * vz,
    hz = rx * vy - ry * vx;
  const hl = Math.hypot(hx, hy, hz);
  const rr = rx * rx + ry * ry + rz * rz;
  const a = hl > 0 ? (hl / rr) * dt : 0;
  const kx = hl > 0 ? hx / hl : 0,
    ky = hl > 0 ? hy / hl : 0,
    kz = hl > 0 ? hz / hl : 0;
  const c = Math.cos(a),
    s = Math.sin(a);
  const rot = (x: number, y: number, z: number): [number, number, number] => {
    // Rodrigues for a vector perpendicular to k (r and v both are, for h = r x v).
    return [x * c + (ky * z - kz * y) * s, y * c + (kz * x - kx * z) * s, z * c + (kx * y - ky * x) * s];
  };
  const R = WGS72.radiusKm;
  const r2 = rot(rx, ry, rz);
  const v2 = rot(vx, vy, vz);
  return { positionKm: [r2[0] * R, r2[1] * R, r2[2] * R], velocityKmS: [v2[0] * R, v2[1] * R, v2[2] * R], timeMs: t };
}
