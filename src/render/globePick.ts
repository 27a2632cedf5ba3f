/**
 * Where on the Earth a pixel of the view lands: a ray from the camera through CSS pixel (x, y)
 * hits the unit sphere (the globe is drawn in Earth radii, spherical); the inertial hit point is
 * rotated by -GMST into the Earth-fixed frame and read as latitude and longitude.
 */
import * as THREE from 'three';
import { RAD2DEG } from '../core/units';

const _ray = new THREE.Raycaster();
const _ndc = new THREE.Vector2();
const _sphere = new THREE.Sphere(new THREE.Vector3(), 1);
const _hit = new THREE.Vector3();

export function globeLatLonAtPixel(
  camera: THREE.Camera,
  gmstRad: number,
  x: number,
  y: number,
  widthPx: number,
  heightPx: number,
): { latDeg: number; lonDeg: number } | null {
  _ndc.set((x / widthPx) * 2 - 1, 1 - (y / heightPx) * 2);
  _ray.setFromCamera(_ndc, camera);
  const hit = _ray.ray.intersectSphere(_sphere, _hit);
  if (!hit) return null;
  const xe = Math.cos(gmstRad) * hit.x + Math.sin(gmstRad) * hit.y;
  const ye = -Math.sin(gmstRad) * hit.x + Math.cos(gmstRad) * hit.y;
  return { latDeg: Math.asin(Math.max(-1, Math.min(1, hit.z))) * RAD2DEG, lonDeg: Math.atan2(ye, xe) * RAD2DEG };
}
