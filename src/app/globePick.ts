/**
 * Where on the Earth a click on the viewer's canvas lands. The viewer (src/render) does not
 * report globe clicks, so this reads its three.js camera and scene through react-three-fiber's
 * root for the canvas, casts a ray, and intersects the Earth sphere (the radius-1 sphere mesh in
 * the Earth-fixed group, units Earth radii). The hit, in that mesh's own frame, is the
 * Earth-fixed unit vector lonLatToUnit (src/render/globe.ts) produces; inverting it gives the
 * latitude and longitude (spherical Earth, as the viewer draws it).
 */
import { _roots } from '@react-three/fiber';
import * as THREE from 'three';
import { RAD2DEG } from '../core/units';

const _ray = new THREE.Raycaster();
const _ndc = new THREE.Vector2();

function findEarthSphere(scene: THREE.Object3D): THREE.Mesh | null {
  let found: THREE.Mesh | null = null;
  scene.traverse((o) => {
    if (found || !(o as THREE.Mesh).isMesh) return;
    const g = (o as THREE.Mesh).geometry as THREE.BufferGeometry & { type?: string; parameters?: { radius?: number } };
    if (g?.type === 'SphereGeometry' && g.parameters?.radius === 1) found = o as THREE.Mesh;
  });
  return found;
}

/** Inverse of lonLatToUnit: Earth-fixed vector -> degrees. */
export function unitToLonLat(x: number, y: number, z: number): { latDeg: number; lonDeg: number } {
  const r = Math.hypot(x, y, z);
  return { latDeg: Math.asin(Math.max(-1, Math.min(1, z / r))) * RAD2DEG, lonDeg: Math.atan2(y, x) * RAD2DEG };
}

/** Latitude/longitude under CSS pixel (clientX, clientY), or null (off the globe, or viewer not ready). */
export function globeLatLonAt(canvas: HTMLCanvasElement, clientX: number, clientY: number): { latDeg: number; lonDeg: number } | null {
  const root = _roots.get(canvas);
  if (!root) return null;
  const { camera, scene } = root.store.getState();
  const sphere = findEarthSphere(scene);
  if (!sphere) return null;
  const rect = canvas.getBoundingClientRect();
  _ndc.set(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
  _ray.setFromCamera(_ndc, camera);
  const hit = _ray.intersectObject(sphere, false)[0];
  if (!hit) return null;
  const local = sphere.worldToLocal(hit.point.clone());
  return unitToLonLat(local.x, local.y, local.z);
}
