/**
 * Small React hooks that wire the ViewerController (viewerController.ts) to the canvas, the
 * component's props and the viewer store. No viewer logic lives here: each hook calls the
 * controller when its inputs change and undoes it on cleanup.
 */
import { useEffect, useMemo, useRef } from 'react';
import type * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Fleet } from '../core/fleet/fleet';
import type { GroundStation } from '../core/scenario/schema';
import type { PropagationEngine } from '../engine/types';
import type { ViewerMetrics } from './legend';
import type { ViewerRuntime } from './runtime';
import { selectionId, useViewer, type ViewerStore } from './store';
import { ViewerController } from './viewerController';

/** Minimum wall time between hover picks, ms. */
export const HOVER_PICK_MS = 60;

/** One controller per (store, runtime), disposed with the view. */
export function useViewerController(store: ViewerStore, runtime: ViewerRuntime, invalidate: () => void): ViewerController {
  const ctrl = useMemo(() => new ViewerController(store, runtime), [store, runtime]);
  ctrl.setInvalidate(invalidate);
  useEffect(() => () => ctrl.dispose(), [ctrl]);
  useEffect(() => ctrl.loadOutlinesLater(), [ctrl]);
  // Any store change may change the picture (paused views render on demand).
  useEffect(() => store.subscribe(() => ctrl.invalidate()), [store, ctrl]);
  return ctrl;
}

/**
 * Ticks: the fleet's satellite layer (provisional fill), the engine tick loop for (fleet, engine),
 * the point size, and the colours (on fleet, metrics or colour-mode change only).
 */
export function useEngineTicks(
  ctrl: ViewerController,
  fleet: Fleet | null,
  engine: PropagationEngine | null,
  metrics: ViewerMetrics | undefined,
  pointSizePx: number,
): void {
  const sizeRef = useRef(pointSizePx);
  sizeRef.current = pointSizePx;
  useEffect(() => ctrl.setFleet(fleet, sizeRef.current), [ctrl, fleet]);
  useEffect(() => ctrl.startEngine(engine), [ctrl, fleet, engine]);
  useEffect(() => {
    ctrl.applyColours(metrics);
    let last = ctrl.store.getState().colourMode;
    return ctrl.store.subscribe(() => {
      const m = ctrl.store.getState().colourMode;
      if (m !== last) {
        last = m;
        ctrl.applyColours();
      }
    });
  }, [ctrl, fleet, metrics]);
  useEffect(() => ctrl.setPointSize(pointSizePx), [ctrl, pointSizePx]);
}

/** Ground stations, added once the first satellites are drawn (their shaders do not delay the first picture). */
export function useGroundStations(ctrl: ViewerController, fleet: Fleet | null, groundStations: GroundStation[] | undefined): void {
  const firstShown = useViewer(ctrl.store, (s) => s.status.shown > 0 || s.status.phase === 'empty');
  useEffect(() => {
    if (!firstShown) return;
    return ctrl.setStations(groundStations ?? []);
  }, [ctrl, groundStations, fleet, firstShown]);
}

/**
 * Camera: orbit controls (z up: TEME and the Earth-fixed frame both have the pole on +z) and the
 * store's camera requests. A request made before the scene could honour it (before the canvas,
 * or 'station' before the stations) is applied as soon as it can be.
 */
export function useCamera(ctrl: ViewerController, cam: THREE.PerspectiveCamera, canvas: HTMLCanvasElement, fleet: Fleet | null): void {
  useEffect(() => {
    cam.up.set(0, 0, 1);
    cam.near = 0.005;
    cam.far = 2000;
    const controls = new OrbitControls(cam, canvas);
    controls.enableDamping = false;
    controls.minDistance = 1.15;
    controls.maxDistance = 80;
    controls.rotateSpeed = 0.6;
    controls.zoomSpeed = 1.2;
    controls.addEventListener('change', () => ctrl.invalidate());
    ctrl.camera = cam;
    ctrl.controls = controls;
    ctrl.applyCameraPreset('earth');
    return () => {
      controls.dispose();
      if (ctrl.controls === controls) ctrl.controls = null;
    };
  }, [ctrl, cam, canvas]);

  const appliedNonce = useRef(0);
  const stationsReady = useViewer(ctrl.store, (s) => s.status.shown > 0);
  useEffect(() => {
    const store = ctrl.store;
    const tryApply = () => {
      const r = store.getState().cameraRequest;
      if (r.nonce > appliedNonce.current && ctrl.applyCameraPreset(r.preset)) appliedNonce.current = r.nonce;
    };
    tryApply();
    return store.subscribe(tryApply);
  }, [ctrl, fleet, stationsReady]);
}

/**
 * Pointer: hover picking (at most every HOVER_PICK_MS) and click selection, both read back
 * asynchronously (no readPixels stall on the GPU); a click on the bare globe goes to onGlobeClick.
 * The synchronous pick stays for the embedder's handle (ViewerHandle.pickAt, docs/EMBED.md).
 */
export function usePicking(
  ctrl: ViewerController,
  gl: THREE.WebGLRenderer,
  onGlobeClick: ((latDeg: number, lonDeg: number) => void) | undefined,
): void {
  const onGlobeClickRef = useRef(onGlobeClick);
  onGlobeClickRef.current = onGlobeClick;
  useEffect(() => {
    const { store, runtime } = ctrl;
    const el = gl.domElement;
    let down: { x: number; y: number } | null = null;
    let pending: { x: number; y: number } | null = null;
    let raf = 0;
    const pickAt = (x: number, y: number): number => {
      const rect = el.getBoundingClientRect();
      return ctrl.pick(gl, x, y, rect.width, rect.height);
    };
    runtime.pick = pickAt;
    runtime.pickAsync = (x, y) => {
      const rect = el.getBoundingClientRect();
      return ctrl.pickAsync(gl, x, y, rect.width, rect.height);
    };
    let lastHoverAt = -Infinity;
    let alive = true;
    const onMove = (e: PointerEvent) => {
      if (e.buttons !== 0) return;
      const rect = el.getBoundingClientRect();
      pending = { x: e.clientX - rect.left, y: e.clientY - rect.top };
      // Hover picks at most every HOVER_PICK_MS (each one draws the id buffer once).
      if (!raf)
        raf = requestAnimationFrame(() => {
          raf = 0;
          const now = performance.now();
          if (now - lastHoverAt < HOVER_PICK_MS) {
            raf = requestAnimationFrame(() => {
              raf = 0;
              onMove(e);
            });
            return;
          }
          lastHoverAt = now;
          if (!pending) return;
          const at = pending;
          const rect = el.getBoundingClientRect();
          // Read back asynchronously (no GPU stall); a result for a pointer that has left is dropped.
          void ctrl.pickAsync(gl, at.x, at.y, rect.width, rect.height).then((id) => {
            if (!alive || pending !== at) return;
            if (id !== store.getState().hoverId) store.setState({ hoverId: id });
            el.style.cursor = id >= 0 ? 'pointer' : 'grab';
          });
        });
    };
    const onDown = (e: PointerEvent) => {
      down = { x: e.clientX, y: e.clientY };
    };
    const onUp = (e: PointerEvent) => {
      if (!down || Math.hypot(e.clientX - down.x, e.clientY - down.y) > 4) return;
      down = null;
      const rect = el.getBoundingClientRect();
      const x = e.clientX - rect.left;
      const y = e.clientY - rect.top;
      // The ids are drawn now for the camera of this click; the pixels arrive a frame or so later.
      const latLon = ctrl.globeLatLon(x, y, rect.width, rect.height);
      void ctrl.pickAsync(gl, x, y, rect.width, rect.height).then((id) => {
        if (!alive) return;
        store.setState({ selectedId: selectionId(id) });
        const cb = onGlobeClickRef.current;
        if (id < 0 && cb && latLon) cb(latLon.latDeg, latLon.lonDeg);
      });
    };
    const onLeave = () => {
      pending = null;
      if (store.getState().hoverId !== -1) store.setState({ hoverId: -1 });
    };
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointerleave', onLeave);
    return () => {
      alive = false;
      cancelAnimationFrame(raf);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointerleave', onLeave);
      runtime.pick = () => -1;
      runtime.pickAsync = () => Promise.resolve(-1);
    };
  }, [ctrl, gl]);
}

/** WebGL context loss: three prevents the default and rebuilds on restore; the controller re-uploads and redraws. */
export function useContextLoss(ctrl: ViewerController, canvas: HTMLCanvasElement): void {
  useEffect(() => {
    const lost = () => ctrl.contextLost();
    const restored = () => ctrl.contextRestored();
    canvas.addEventListener('webglcontextlost', lost);
    canvas.addEventListener('webglcontextrestored', restored);
    return () => {
      canvas.removeEventListener('webglcontextlost', lost);
      canvas.removeEventListener('webglcontextrestored', restored);
    };
  }, [ctrl, canvas]);
}
