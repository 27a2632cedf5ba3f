/**
 * The scene inside the R3F canvas: mounts the ViewerController's three.js objects with <primitive>
 * and wires it to the canvas through small hooks (viewerHooks.ts). The logic (fleet layer and
 * provisional fill, engine ticks, colours, picking, camera presets, context loss, the frame) lives
 * in viewerController.ts, which has no React in it.
 */
import { useFrame, useThree } from '@react-three/fiber';
import type React from 'react';
import { useEffect } from 'react';
import type * as THREE from 'three';
import type { Fleet } from '../core/fleet/fleet';
import type { GroundStation } from '../core/scenario/schema';
import type { PropagationEngine } from '../engine/types';
import type { CapacitySummary } from './capacityCard';
import type { ViewerMetrics } from './legend';
import type { ViewerRuntime } from './runtime';
import type { ViewerStore } from './store';
import { useCamera, useContextLoss, useEngineTicks, useGroundStations, usePicking, useViewerController } from './viewerHooks';

export interface SceneProps {
  fleet: Fleet | null;
  engine: PropagationEngine | null;
  store: ViewerStore;
  runtime: ViewerRuntime;
  metrics?: ViewerMetrics;
  capacity?: CapacitySummary | null;
  groundStations?: GroundStation[];
  pointSizePx: number;
  onGlobeClick?: (latDeg: number, lonDeg: number) => void;
}

export function Scene(props: SceneProps): React.JSX.Element {
  const { fleet, engine, store, runtime, metrics, capacity, groundStations, pointSizePx, onGlobeClick } = props;
  const { gl, camera, size, invalidate, scene } = useThree();
  const cam = camera as THREE.PerspectiveCamera;
  const ctrl = useViewerController(store, runtime, invalidate);

  runtime.camera = cam;
  runtime.canvas = gl.domElement;
  runtime.invalidate = invalidate;

  useEngineTicks(ctrl, fleet, engine, metrics, pointSizePx);
  useCamera(ctrl, cam, gl.domElement, fleet);
  useGroundStations(ctrl, fleet, groundStations);
  useEffect(() => ctrl.setCapacity(capacity ?? null), [ctrl, capacity]);
  usePicking(ctrl, gl, onGlobeClick);
  useContextLoss(ctrl, gl.domElement);
  useEffect(() => ctrl.layoutCard(size.width, size.height), [ctrl, size.width, size.height, capacity]);

  // The frame loop (priority 1 = we render).
  useFrame(() => ctrl.frame(gl, scene, cam), 1);

  return (
    <group>
      <primitive object={ctrl.globe.root} />
      <primitive object={ctrl.satGroup} />
      <primitive object={ctrl.orbit.group} />
      <primitive object={ctrl.rings.lines} />
      <primitive object={ctrl.linkGroup} />
      <primitive object={ctrl.isl.line} />
    </group>
  );
}
