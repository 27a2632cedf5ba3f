/**
 * The Earth: ocean sphere with a day/night terminator, coastlines and borders (world-atlas 1:50m,
 * bundled through Vite, loaded after the first frame), an optional atmosphere rim, the Sun
 * direction and the Earth's shadow cone. Units: Earth radii. `earthFixed` is rotated about +z by
 * GMST each frame; everything else stays in the inertial (TEME) frame.
 */
import * as THREE from 'three';
import { mesh } from 'topojson-client';
import type { Topology, GeometryObject } from 'topojson-specification';
import { ATMOSPHERE_FRAGMENT, GLOBE_FRAGMENT, GLOBE_VERTEX, LINE_FRAGMENT, LINE_VERTEX } from './shaders';
import { DEG2RAD } from '../core/units';
import { SUN_RADIUS_KM, AU_KM, WGS72 } from '../core/constants';

/** A colour whose numbers are the sRGB values themselves (our ShaderMaterials write them unconverted). */
export const rawColor = (hex: string): THREE.Color => new THREE.Color().setStyle(hex, THREE.LinearSRGBColorSpace);

/** Earth-fixed unit vector at geodetic lat/lon on the sphere (the ellipsoid is invisible here). */
export function lonLatToUnit(lonDeg: number, latDeg: number, out: Float32Array | Float64Array | number[], at = 0, scale = 1): void {
  const lon = lonDeg * DEG2RAD;
  const lat = latDeg * DEG2RAD;
  const c = Math.cos(lat);
  out[at] = scale * c * Math.cos(lon);
  out[at + 1] = scale * c * Math.sin(lon);
  out[at + 2] = scale * Math.sin(lat);
}

/** Line pairs of a MultiLineString on a sphere of radius `scale`. */
function linesToSegments(lines: number[][][], scale: number): Float32Array {
  let n = 0;
  for (const l of lines) n += Math.max(0, l.length - 1);
  const out = new Float32Array(n * 6);
  let k = 0;
  for (const l of lines) {
    for (let i = 0; i + 1 < l.length; i++) {
      lonLatToUnit(l[i][0], l[i][1], out, k, scale);
      lonLatToUnit(l[i + 1][0], l[i + 1][1], out, k + 3, scale);
      k += 6;
    }
  }
  return out;
}

const lineMaterial = (color: string, opacity: number, sun: { value: THREE.Vector3 }) =>
  new THREE.ShaderMaterial({
    glslVersion: THREE.GLSL3,
    vertexShader: LINE_VERTEX,
    fragmentShader: LINE_FRAGMENT,
    transparent: true,
    depthWrite: false,
    uniforms: { uSunDir: sun, uColor: { value: rawColor(color) }, uOpacity: { value: opacity } },
  });

/** Umbra half-angle: asin((R_sun - R_earth) / 1 AU), about 0.264 deg (docs/PHYSICS.md "Sunlight and eclipse"). */
const UMBRA_HALF_ANGLE = Math.asin((SUN_RADIUS_KM - WGS72.radiusKm) / AU_KM);

export class Globe {
  readonly root = new THREE.Group();
  readonly earthFixed = new THREE.Group();
  readonly sphere: THREE.Mesh;
  readonly atmosphere: THREE.Mesh;
  readonly sunLine: THREE.Line;
  readonly shadowCone: THREE.Mesh;
  readonly coastlines = new THREE.Group();
  readonly borders = new THREE.Group();
  /** Shared with every Earth shader. */
  readonly sunUniform = { value: new THREE.Vector3(1, 0, 0) };
  private readonly sunAxis = new THREE.Vector3(1, 0, 0);
  private readonly occluder: THREE.Mesh;
  private loaded = false;

  constructor() {
    const sphereGeom = new THREE.SphereGeometry(1, 96, 64);
    // SphereGeometry has its poles on +-y; ours are on +-z (TEME / ECEF axes).
    sphereGeom.rotateX(Math.PI / 2);
    this.sphere = new THREE.Mesh(
      sphereGeom,
      new THREE.ShaderMaterial({
        glslVersion: THREE.GLSL3,
        vertexShader: GLOBE_VERTEX,
        fragmentShader: GLOBE_FRAGMENT,
        uniforms: {
          uSunDir: this.sunUniform,
          uDayColor: { value: rawColor('#1d3b5c') },
          uNightColor: { value: rawColor('#070b14') },
        },
      }),
    );
    this.sphere.renderOrder = 0;
    this.earthFixed.add(this.sphere);
    this.earthFixed.add(this.coastlines, this.borders);
    this.root.add(this.earthFixed);

    this.atmosphere = new THREE.Mesh(
      new THREE.SphereGeometry(1.035, 64, 48),
      new THREE.ShaderMaterial({
        glslVersion: THREE.GLSL3,
        vertexShader: GLOBE_VERTEX,
        fragmentShader: ATMOSPHERE_FRAGMENT,
        uniforms: { uSunDir: this.sunUniform },
        transparent: true,
        depthWrite: false,
        side: THREE.BackSide,
        blending: THREE.AdditiveBlending,
      }),
    );
    this.atmosphere.renderOrder = 1;
    this.root.add(this.atmosphere);

    const sunGeom = new THREE.BufferGeometry().setFromPoints([new THREE.Vector3(1.02, 0, 0), new THREE.Vector3(4.5, 0, 0)]);
    this.sunLine = new THREE.Line(sunGeom, new THREE.LineBasicMaterial({ color: '#ffd54a' }));
    const sunDot = new THREE.Points(
      new THREE.BufferGeometry().setFromPoints([new THREE.Vector3(4.5, 0, 0)]),
      new THREE.PointsMaterial({ color: '#ffd54a', size: 14, sizeAttenuation: false }),
    );
    this.sunLine.add(sunDot);
    this.sunLine.visible = false;
    this.root.add(this.sunLine);

    // Shadow cone along -x, rotated onto the anti-Sun direction each frame. 8 Earth radii long.
    const len = 8;
    const cone = new THREE.CylinderGeometry(1 - len * Math.tan(UMBRA_HALF_ANGLE), 1, len, 64, 1, true);
    cone.translate(0, -len / 2, 0); // base at origin, extends along -y
    cone.rotateZ(-Math.PI / 2); // -y -> -x
    this.shadowCone = new THREE.Mesh(
      cone,
      new THREE.MeshBasicMaterial({ color: '#5b6cff', transparent: true, opacity: 0.12, depthWrite: false, side: THREE.DoubleSide }),
    );
    this.shadowCone.visible = false;
    this.shadowCone.renderOrder = 3;
    this.root.add(this.shadowCone);

    // Black occluder for the id buffer: hides satellites behind the Earth when picking.
    this.occluder = new THREE.Mesh(sphereGeom, new THREE.MeshBasicMaterial({ color: 0x000000 }));
  }

  /** A mesh of the Earth drawn in black into the id buffer. */
  get pickOccluder(): THREE.Mesh {
    return this.occluder;
  }

  /** Per-frame update: Earth rotation (rad) and Sun unit vector. No allocation. */
  update(gmstRad: number, sx: number, sy: number, sz: number): void {
    this.earthFixed.rotation.z = gmstRad;
    this.sunUniform.value.set(sx, sy, sz);
    this.sunAxis.set(sx, sy, sz);
    this.sunLine.quaternion.setFromUnitVectors(_X, this.sunAxis);
    this.sunAxis.negate();
    this.shadowCone.quaternion.setFromUnitVectors(_NEGX, this.sunAxis);
  }

  /** Load the coastline/border data (bundled JSON, fetched as a separate chunk after first paint). */
  async loadOutlines(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    const topo = (await import('world-atlas/countries-50m.json')).default as unknown as Topology;
    const countries = topo.objects.countries as GeometryObject;
    const coast = mesh(topo, countries, (a, b) => a === b);
    const border = mesh(topo, countries, (a, b) => a !== b);
    const add = (group: THREE.Group, lines: number[][][], color: string, opacity: number, scale: number) => {
      const g = new THREE.BufferGeometry();
      g.setAttribute('position', new THREE.BufferAttribute(linesToSegments(lines, scale), 3));
      const seg = new THREE.LineSegments(g, lineMaterial(color, opacity, this.sunUniform));
      seg.renderOrder = 1;
      group.add(seg);
    };
    add(this.coastlines, coast.coordinates as number[][][], '#9fc3e6', 0.9, 1.0015);
    add(this.borders, border.coordinates as number[][][], '#6f8fb0', 0.45, 1.0015);
  }
}

const _X = new THREE.Vector3(1, 0, 0);
const _NEGX = new THREE.Vector3(-1, 0, 0);
