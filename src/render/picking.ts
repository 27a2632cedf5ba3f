/**
 * GPU picking: the satellites are drawn with their id + 1 as RGB into a small render target around
 * the cursor (camera view offset), the Earth in black in front of them; the nearest non-zero pixel
 * to the centre is the picked satellite. One 9x9 read per pick, no raycast over a million points.
 */
import * as THREE from 'three';

const SIZE = 9;

export class Picker {
  readonly scene = new THREE.Scene();
  private readonly target = new THREE.WebGLRenderTarget(SIZE, SIZE, {
    depthBuffer: true,
    type: THREE.UnsignedByteType,
    format: THREE.RGBAFormat,
  });
  private readonly pixels = new Uint8Array(SIZE * SIZE * 4);
  private readonly prevClear = new THREE.Color();

  constructor(pickPoints: THREE.Object3D, occluder: THREE.Object3D) {
    this.scene.add(occluder, pickPoints);
  }

  /**
   * Satellite id under CSS pixel (x, y) of a canvas of cssWidth x cssHeight, or -1.
   * `camera` must be the view camera; its projection is restored afterwards.
   */
  pick(renderer: THREE.WebGLRenderer, camera: THREE.PerspectiveCamera, x: number, y: number, cssWidth: number, cssHeight: number): number {
    if (x < 0 || y < 0 || x >= cssWidth || y >= cssHeight) return -1;
    const half = (SIZE - 1) / 2;
    camera.setViewOffset(cssWidth, cssHeight, x - half, y - half, SIZE, SIZE);
    const prevTarget = renderer.getRenderTarget();
    const prevAlpha = renderer.getClearAlpha();
    renderer.getClearColor(this.prevClear);
    renderer.setRenderTarget(this.target);
    renderer.setClearColor(0x000000, 0);
    renderer.clear(true, true, true);
    renderer.render(this.scene, camera);
    renderer.readRenderTargetPixels(this.target, 0, 0, SIZE, SIZE, this.pixels);
    renderer.setRenderTarget(prevTarget);
    renderer.setClearColor(this.prevClear, prevAlpha);
    camera.clearViewOffset();
    let best = -1;
    let bestD = Infinity;
    for (let row = 0; row < SIZE; row++) {
      for (let col = 0; col < SIZE; col++) {
        const k = 4 * (row * SIZE + col);
        const id = this.pixels[k] | (this.pixels[k + 1] << 8) | (this.pixels[k + 2] << 16);
        if (id === 0) continue;
        const d = (row - half) ** 2 + (col - half) ** 2;
        if (d < bestD) {
          bestD = d;
          best = id - 1;
        }
      }
    }
    return best;
  }

  dispose(): void {
    this.target.dispose();
  }
}
