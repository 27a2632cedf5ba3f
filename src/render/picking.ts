/**
 * GPU picking: the satellites are drawn with their id + 1 as RGB into a small render target around
 * the cursor (camera view offset), the Earth in black in front of them; the nearest non-zero pixel
 * to the centre is the picked satellite. One 9x9 read per pick, no raycast over a million points.
 * pick() reads back synchronously (readPixels waits for the GPU: for the embedder's handle);
 * pickAsync() reads through a pixel-pack buffer and a fence (three's readRenderTargetPixelsAsync,
 * WebGL2), so hover picking never stalls the main thread on the GPU.
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
    if (!this.renderIds(renderer, camera, x, y, cssWidth, cssHeight)) return -1;
    renderer.readRenderTargetPixels(this.target, 0, 0, SIZE, SIZE, this.pixels);
    return nearestId(this.pixels);
  }

  /**
   * As pick(), without waiting for the GPU: the ids are drawn now, the 9x9 pixels arrive a few
   * frames later. One read at a time: a call made while one is in flight waits for it.
   */
  async pickAsync(
    renderer: THREE.WebGLRenderer,
    camera: THREE.PerspectiveCamera,
    x: number,
    y: number,
    cssWidth: number,
    cssHeight: number,
  ): Promise<number> {
    while (this.reading) await this.reading.catch(() => undefined);
    if (!this.renderIds(renderer, camera, x, y, cssWidth, cssHeight)) return -1;
    const pixels = this.asyncPixels;
    this.reading = renderer.readRenderTargetPixelsAsync(this.target, 0, 0, SIZE, SIZE, pixels);
    try {
      await this.reading;
    } finally {
      this.reading = null;
    }
    return nearestId(pixels);
  }

  private reading: Promise<unknown> | null = null;
  private readonly asyncPixels = new Uint8Array(SIZE * SIZE * 4);

  /** Draw the ids around CSS pixel (x, y) into the target; false when (x, y) is off the canvas. */
  private renderIds(
    renderer: THREE.WebGLRenderer,
    camera: THREE.PerspectiveCamera,
    x: number,
    y: number,
    cssWidth: number,
    cssHeight: number,
  ): boolean {
    if (x < 0 || y < 0 || x >= cssWidth || y >= cssHeight) return false;
    const half = (SIZE - 1) / 2;
    camera.setViewOffset(cssWidth, cssHeight, x - half, y - half, SIZE, SIZE);
    const prevTarget = renderer.getRenderTarget();
    const prevAlpha = renderer.getClearAlpha();
    renderer.getClearColor(this.prevClear);
    renderer.setRenderTarget(this.target);
    renderer.setClearColor(0x000000, 0);
    renderer.clear(true, true, true);
    renderer.render(this.scene, camera);
    renderer.setRenderTarget(prevTarget);
    renderer.setClearColor(this.prevClear, prevAlpha);
    camera.clearViewOffset();
    return true;
  }

  dispose(): void {
    this.target.dispose();
  }
}

/** The id (drawn as id + 1 in RGB) nearest the centre of a SIZE x SIZE RGBA block, or -1. */
export function nearestId(pixels: Uint8Array): number {
  const half = (SIZE - 1) / 2;
  let best = -1;
  let bestD = Infinity;
  for (let row = 0; row < SIZE; row++) {
    for (let col = 0; col < SIZE; col++) {
      const k = 4 * (row * SIZE + col);
      const id = pixels[k] | (pixels[k + 1] << 8) | (pixels[k + 2] << 16);
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
