/**
 * The capacity figure drawn inside the WebGL canvas (so screenshots and embeds carry it): a card
 * with one bar per shell sized by usable GW, the binding limit per shell, and the constellation
 * total. Drawn with Canvas 2D into a texture, shown on a screen-space quad of a HUD scene; redrawn
 * only when the numbers change.
 */
import * as THREE from 'three';
import { CATEGORICAL, rgbCss } from './colormaps';

export interface CapacityShell {
  name: string;
  /** Usable compute power, GW. */
  usableGW: number;
  /** What caps this shell: power, thermal (radiators) or compute (installed). */
  binding?: 'power' | 'thermal' | 'compute';
}

export interface CapacitySummary {
  totalGW: number;
  shells: CapacityShell[];
  /** e.g. 'analytic' or 'sampled'. */
  mode?: string;
}

const W = 340;
const ROW = 24;
const MAX_ROWS = 10;

export function formatGW(gw: number): string {
  if (!Number.isFinite(gw)) return '–';
  if (gw >= 100) return `${gw.toFixed(0)} GW`;
  if (gw >= 1) return `${gw.toFixed(2)} GW`;
  return `${(gw * 1000).toFixed(gw * 1000 >= 100 ? 0 : 1)} MW`;
}

export class CapacityCard {
  readonly scene = new THREE.Scene();
  readonly camera = new THREE.OrthographicCamera(0, 1, 0, -1, -1, 1);
  private readonly canvas: HTMLCanvasElement;
  private readonly texture: THREE.CanvasTexture;
  private readonly mesh: THREE.Mesh;
  private heightPx = 0;
  visible = false;

  constructor() {
    this.canvas = document.createElement('canvas');
    this.texture = new THREE.CanvasTexture(this.canvas);
    this.texture.colorSpace = THREE.SRGBColorSpace;
    this.texture.minFilter = THREE.LinearFilter;
    this.texture.generateMipmaps = false;
    this.mesh = new THREE.Mesh(
      new THREE.PlaneGeometry(1, 1),
      new THREE.MeshBasicMaterial({ map: this.texture, transparent: true, depthTest: false, depthWrite: false }),
    );
    this.scene.add(this.mesh);
  }

  /** Redraw the card; null hides it. */
  set(summary: CapacitySummary | null): void {
    this.visible = !!summary && summary.shells.length > 0;
    if (!summary || !this.visible) return;
    const rows = summary.shells.slice(0, MAX_ROWS);
    const dpr = 2;
    const h = 62 + rows.length * ROW + (summary.shells.length > MAX_ROWS ? 18 : 0) + 10;
    this.heightPx = h;
    this.canvas.width = W * dpr;
    this.canvas.height = h * dpr;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(dpr, dpr);
    ctx.fillStyle = 'rgba(12, 17, 28, 0.82)';
    ctx.strokeStyle = 'rgba(120, 150, 190, 0.35)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.roundRect(0.5, 0.5, W - 1, h - 1, 6);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = '#8fa3bf';
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.fillText(`USABLE COMPUTE POWER${summary.mode ? ` (${summary.mode})` : ''}`, 12, 18);
    ctx.fillStyle = '#f2f5fa';
    ctx.font = '700 24px system-ui, sans-serif';
    ctx.fillText(formatGW(summary.totalGW), 12, 46);
    const maxGW = Math.max(1e-9, ...rows.map((r) => (Number.isFinite(r.usableGW) ? r.usableGW : 0)));
    const barX = 132;
    const barW = W - barX - 78;
    rows.forEach((r, k) => {
      const y = 62 + k * ROW;
      ctx.fillStyle = '#c9d3e0';
      ctx.font = '12px system-ui, sans-serif';
      const label = r.name.length > 18 ? `${r.name.slice(0, 17)}…` : r.name;
      ctx.fillText(label, 12, y + 15);
      ctx.fillStyle = 'rgba(255,255,255,0.07)';
      ctx.fillRect(barX, y + 5, barW, 12);
      ctx.fillStyle = rgbCss(CATEGORICAL[k % CATEGORICAL.length]);
      const f = Number.isFinite(r.usableGW) ? Math.max(0, r.usableGW) / maxGW : 0;
      ctx.fillRect(barX, y + 5, Math.max(1, barW * f), 12);
      ctx.fillStyle = '#e8edf4';
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillText(formatGW(r.usableGW), barX + barW + 6, y + 15);
      if (r.binding) {
        // The binding limit, small and dim at the right end of the bar track.
        ctx.fillStyle = f > 0.75 ? 'rgba(10, 14, 22, 0.85)' : '#8fa3bf';
        ctx.font = '10px system-ui, sans-serif';
        const tw = ctx.measureText(r.binding).width;
        ctx.fillText(r.binding, barX + barW - tw - 4, y + 15);
      }
    });
    if (summary.shells.length > MAX_ROWS) {
      ctx.fillStyle = '#8fa3bf';
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(`+ ${summary.shells.length - MAX_ROWS} more shells`, 12, 62 + rows.length * ROW + 14);
    }
    this.texture.needsUpdate = true;
  }

  /** Place the card at the top-left corner of a viewport of `width` x `height` CSS pixels. */
  layout(width: number, height: number): void {
    this.camera.left = 0;
    this.camera.right = width;
    this.camera.top = 0;
    this.camera.bottom = -height;
    this.camera.updateProjectionMatrix();
    this.mesh.scale.set(W, this.heightPx, 1);
    this.mesh.position.set(12 + W / 2, -12 - this.heightPx / 2, 0);
  }

  dispose(): void {
    this.texture.dispose();
    this.mesh.geometry.dispose();
    (this.mesh.material as THREE.Material).dispose();
  }
}
