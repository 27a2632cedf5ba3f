/**
 * All satellites as ONE THREE.Points draw call (plus the same geometry in the id-buffer scene).
 * Attributes: position and velocity (Float32, Earth radii and Earth radii/s, TEME) from the last
 * engine tick, aColor (RGB bytes) from the active colour mode. The vertex shader advances each point
 * by uDt seconds (see shaders.ts), so nothing per satellite happens on the main thread per frame.
 * Uploads happen only on ticks (positions/velocities) and on colour-mode changes; partial ranges
 * use addUpdateRange while the fleet is being filled in progressively.
 */
import * as THREE from 'three';
// Colours in ShaderMaterial uniforms are passed raw (sRGB numbers): our shaders write them unconverted.
import { AU_KM, SUN_RADIUS_KM, WGS72 } from '../core/constants';
import { releaseNow } from '../core/platform';
import { ECLIPSE_EARTH_RADIUS_KM } from '../core/physics/eclipse';
import { ECLIPSE_RGB, SUNLIT_RGB } from './colormaps';

/** Mean angular radius of the Sun seen from the Earth, rad (the viewer's shadow model). */
export const SUN_ANGULAR_RADIUS_RAD = Math.asin(SUN_RADIUS_KM / AU_KM);
import { PICK_FRAGMENT, PICK_VERTEX, SATELLITE_FRAGMENT, SATELLITE_VERTEX } from './shaders';

export class SatelliteLayer {
  readonly count: number;
  /** The arrays the GPU reads: the layer's own, or (shared-memory pools) the workers' frame views. */
  positions: Float32Array;
  velocities: Float32Array;
  readonly colours: Uint8Array;
  readonly geometry: THREE.BufferGeometry;
  readonly material: THREE.ShaderMaterial;
  readonly pickMaterial: THREE.ShaderMaterial;
  readonly points: THREE.Points;
  readonly pickPoints: THREE.Points;
  /** Sim time (Unix ms) of the states in the position/velocity attributes. */
  stateTimeMs = Number.NaN;
  /** True once engine (SGP4) states have replaced the provisional ones. */
  live = false;
  /** Bytes handed to the GPU since the counter was last reset (for the stats). */
  pendingUploadBytes = 0;
  private readonly posAttr: THREE.BufferAttribute;
  private readonly velAttr: THREE.BufferAttribute;
  private readonly colAttr: THREE.BufferAttribute;

  constructor(count: number) {
    this.count = count;
    this.positions = new Float32Array(3 * count);
    this.velocities = new Float32Array(3 * count);
    this.colours = new Uint8Array(3 * count);
    const g = new THREE.BufferGeometry();
    this.posAttr = new THREE.BufferAttribute(this.positions, 3).setUsage(THREE.DynamicDrawUsage);
    this.velAttr = new THREE.BufferAttribute(this.velocities, 3).setUsage(THREE.DynamicDrawUsage);
    this.colAttr = new THREE.BufferAttribute(this.colours, 3, true);
    g.setAttribute('position', this.posAttr);
    g.setAttribute('velocity', this.velAttr);
    g.setAttribute('aColor', this.colAttr);
    // The points move on the GPU, so a CPU bounding volume would be wrong: never cull.
    g.boundingSphere = new THREE.Sphere(new THREE.Vector3(), 1e6);
    g.setDrawRange(0, 0);
    this.geometry = g;
    this.material = new THREE.ShaderMaterial({
      glslVersion: THREE.GLSL3,
      vertexShader: SATELLITE_VERTEX,
      fragmentShader: SATELLITE_FRAGMENT,
      uniforms: {
        uDt: { value: 0 },
        uSize: { value: 2 },
        uMode: { value: 0 },
        uSunDir: { value: new THREE.Vector3(1, 0, 0) },
        uShadowR: { value: ECLIPSE_EARTH_RADIUS_KM / WGS72.radiusKm },
        // mean angular radius of the Sun (its +-1.7 % yearly change moves the penumbra edge by metres)
        uSunAng: { value: SUN_ANGULAR_RADIUS_RAD },
        uSunCos: { value: Math.cos(SUN_ANGULAR_RADIUS_RAD) },
        uSunSin: { value: Math.sin(SUN_ANGULAR_RADIUS_RAD) },
        uSunlitColor: { value: new THREE.Color().setRGB(SUNLIT_RGB[0], SUNLIT_RGB[1], SUNLIT_RGB[2], THREE.LinearSRGBColorSpace) },
        uEclipseColor: { value: new THREE.Color().setRGB(ECLIPSE_RGB[0], ECLIPSE_RGB[1], ECLIPSE_RGB[2], THREE.LinearSRGBColorSpace) },
        uSelected: { value: -1 },
        uHover: { value: -1 },
      },
    });
    this.pickMaterial = new THREE.ShaderMaterial({
      glslVersion: THREE.GLSL3,
      vertexShader: PICK_VERTEX,
      fragmentShader: PICK_FRAGMENT,
      uniforms: { uDt: { value: 0 }, uSize: { value: 5 } },
    });
    this.points = new THREE.Points(g, this.material);
    this.points.frustumCulled = false;
    this.points.renderOrder = 2;
    this.pickPoints = new THREE.Points(g, this.pickMaterial);
    this.pickPoints.frustumCulled = false;
  }

  /** Number of satellites drawn (grows while the fleet is filled in). */
  get shown(): number {
    return this.geometry.drawRange.count;
  }

  setShown(n: number): void {
    this.geometry.setDrawRange(0, Math.min(this.count, Math.max(0, n)));
  }

  /** Flag rows [start, end) of position and velocity for upload. */
  markStates(start: number, end: number): void {
    if (end <= start) return;
    this.posAttr.addUpdateRange(3 * start, 3 * (end - start));
    this.velAttr.addUpdateRange(3 * start, 3 * (end - start));
    this.posAttr.needsUpdate = true;
    this.velAttr.needsUpdate = true;
    this.pendingUploadBytes += 2 * 12 * (end - start);
  }

  /**
   * Draw from `pos` / `vel` (3 * count floats each, e.g. the workers' Float32 frame in shared
   * memory) instead of copying them: the attributes point at them and are flagged for upload.
   */
  useStates(pos: Float32Array, vel: Float32Array): void {
    if (pos.length !== 3 * this.count || vel.length !== 3 * this.count) throw new RangeError('state arrays of the wrong length');
    // the layer's own arrays (the provisional states before the first frame) are not used again: 24 MB at 1M
    if (this.positions !== pos && this.velocities !== vel) releaseNow(this.positions, this.velocities);
    this.positions = pos;
    this.velocities = vel;
    this.posAttr.array = pos;
    this.velAttr.array = vel;
    this.markAllStates();
  }

  /** Flag all states for upload (one range each). */
  markAllStates(): void {
    this.posAttr.clearUpdateRanges();
    this.velAttr.clearUpdateRanges();
    this.markStates(0, this.count);
  }

  markColours(): void {
    this.colAttr.clearUpdateRanges();
    this.colAttr.needsUpdate = true;
    this.pendingUploadBytes += this.colours.byteLength;
  }

  /** Per-frame uniforms (no allocation). */
  setFrame(dtS: number, sunX: number, sunY: number, sunZ: number): void {
    const u = this.material.uniforms;
    u.uDt.value = dtS;
    (u.uSunDir.value as THREE.Vector3).set(sunX, sunY, sunZ);
    this.pickMaterial.uniforms.uDt.value = dtS;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
    this.pickMaterial.dispose();
  }
}
