/**
 * <ConstellationView>: the 3D viewer as one embeddable React component (canvas + overlays).
 * See src/render/index.ts for the API summary.
 */
import { Canvas } from '@react-three/fiber';
import React, { useEffect, useMemo, useRef, useState } from 'react';
import * as THREE from 'three';
import { globeLatLonAtPixel } from './globePick';
import type { Fleet } from '../core/fleet/fleet';
import type { GroundStation } from '../core/scenario/schema';
import type { PropagationEngine } from '../engine/types';
import type { CapacitySummary } from './capacityCard';
import type { ViewerMetrics } from './legend';
import {
  ContextLostCard,
  HelpOverlay,
  Inspector,
  LegendPanel,
  StatusBadge,
  TimeControls,
  Toolbar,
  useViewerKeys,
  VIEWER_CSS,
} from './overlays';
import { createRuntime, stateOf, type SatelliteState, type ViewerRuntime, type ViewerStats } from './runtime';
import { Scene } from './scene';
import { createViewerStore, useViewer, type ViewerStore } from './store';
import { noWebglMessage, webglUnavailableReason } from './webglSupport';

/** Catches a failure to create the renderer (a WebGL context refused after the probe) and reports it instead. */
class CanvasBoundary extends React.Component<{ onError: (message: string) => void; children: React.ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(e: unknown): void {
    this.props.onError(`the 3D renderer could not start (${(e as Error)?.message ?? e})`);
  }
  override render(): React.ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

/** In place of the canvas when WebGL is missing: what is wrong and what still works. */
function NoWebgl({ reason }: { reason: string }): React.JSX.Element {
  return (
    <div className="ocv-nogl" role="alert" data-testid="webgl-missing">
      <div className="ocv-nogl-card">
        <div className="ocv-title">3D view unavailable</div>
        <p>{noWebglMessage(reason).replace(/^3D view unavailable: /, '')}</p>
      </div>
    </div>
  );
}

export interface ConstellationViewProps {
  /** The satellites (column arrays). null shows the Earth alone. */
  fleet: Fleet | null;
  /** Propagation engine (worker pool). Without one, satellites stay at their provisional element positions. */
  engine: PropagationEngine | null;
  /** Viewer store (time, selection, colour mode, layers). Created internally when absent. */
  store?: ViewerStore;
  /** Per-satellite metric columns for the colour maps and the inspector. */
  metrics?: ViewerMetrics;
  /** Capacity rollup drawn in the scene (per-shell GW bars and total). */
  capacity?: CapacitySummary | null;
  groundStations?: GroundStation[];
  /** Satellite point size, px (default: 2, or 1 from 300,000 satellites up so dense fleets stay readable). */
  pointSizePx?: number;
  /** Show the DOM overlays (time controls, legend, inspector, status). Default true. */
  overlays?: boolean;
  /** Listen for keyboard shortcuts on the window (true) or only when the viewer has focus (false, default). */
  globalKeys?: boolean;
  /** A click on the Earth where no satellite is: latitude and longitude (deg, spherical Earth) of the point clicked. */
  onGlobeClick?: (latDeg: number, lonDeg: number) => void;
  /** Called once the canvas exists, with a handle for embedders and tests. */
  onReady?: (handle: ViewerHandle) => void;
  /** WebGL context attributes worth changing (tests use antialias false). */
  antialias?: boolean;
  /** Device pixel ratio cap (default 2). */
  maxDpr?: number;
  /**
   * Controls the embedder adds at the top right (the Capture menu): laid out in one row with the
   * status text, so the two never overlap (the status wraps to the left of them).
   */
  topRight?: React.ReactNode;
  className?: string;
  style?: React.CSSProperties;
}

/** Imperative handle: stats, picking and projection, for embedders (postMessage API) and benchmarks. */
export interface ViewerHandle {
  store: ViewerStore;
  canvas: HTMLCanvasElement;
  stats(): ViewerStats;
  /**
   * Satellite id under CSS pixel (x, y) of the canvas (GPU id buffer), or -1. Synchronous, so it
   * waits for the GPU to finish drawing (a readPixels stall); pickAtAsync does not.
   */
  pickAt(x: number, y: number): number;
  /** As pickAt, read back through a pixel-pack buffer and a fence: resolves a frame or so later, no stall. */
  pickAtAsync(x: number, y: number): Promise<number>;
  /** Where satellite `id` is drawn now: CSS pixels in the canvas, and whether the Earth hides it. */
  screenPosition(id: number): { x: number; y: number; visible: boolean } | null;
  /** Drawn state of satellite `id` now (km, km/s, TEME). */
  state(id: number): SatelliteState | null;
  /**
   * PNG data URL of the current picture, `scale` times the canvas's CSS size in pixels (1, 2 or 4 for
   * slides and print; default: the device pixel ratio the view draws at). Points are scaled too.
   */
  snapshot(scale?: number): string;
  /** Ask for a new frame (the frame loop runs on demand while paused). */
  redraw(): void;
  /** Latitude and longitude (deg, spherical Earth) under CSS pixel (x, y) of the canvas, or null off the globe. */
  globeLatLonAt(x: number, y: number): { latDeg: number; lonDeg: number } | null;
}

let cssInjected = false;
function injectCss(): void {
  if (cssInjected || typeof document === 'undefined') return;
  cssInjected = true;
  const el = document.createElement('style');
  el.dataset.owner = 'constellation-view';
  el.textContent = VIEWER_CSS;
  document.head.appendChild(el);
}

function makeHandle(rt: ViewerRuntime, canvas: HTMLCanvasElement, renderNow: () => void, gl: THREE.WebGLRenderer): ViewerHandle {
  const v = new THREE.Vector3();
  return {
    store: rt.store,
    canvas,
    stats: () => ({ ...rt.stats }),
    pickAt: (x, y) => rt.pick(x, y),
    pickAtAsync: (x, y) => rt.pickAsync(x, y),
    screenPosition(id) {
      const s = stateOf(rt, id);
      const cam = rt.camera;
      if (!s || !cam) return null;
      const R = 6378.135;
      v.set(s.positionKm[0] / R, s.positionKm[1] / R, s.positionKm[2] / R);
      // Hidden if the segment camera -> satellite passes through the unit sphere.
      const c = cam.position;
      const dx = v.x - c.x,
        dy = v.y - c.y,
        dz = v.z - c.z;
      const len = Math.hypot(dx, dy, dz);
      const ux = dx / len,
        uy = dy / len,
        uz = dz / len;
      const b = c.x * ux + c.y * uy + c.z * uz;
      const disc = b * b - (c.x * c.x + c.y * c.y + c.z * c.z - 1);
      const hidden = disc > 0 && -b - Math.sqrt(disc) > 0 && -b - Math.sqrt(disc) < len;
      v.project(cam);
      const rect = canvas.getBoundingClientRect();
      const x = ((v.x + 1) / 2) * rect.width;
      const y = ((1 - v.y) / 2) * rect.height;
      const inView = v.z < 1 && x >= 0 && y >= 0 && x < rect.width && y < rect.height;
      return { x, y, visible: inView && !hidden };
    },
    state: (id) => stateOf(rt, id),
    redraw: () => rt.invalidate(),
    globeLatLonAt(x, y) {
      if (!rt.camera) return null;
      const rect = canvas.getBoundingClientRect();
      return globeLatLonAtPixel(rt.camera, rt.gmstRad, x, y, rect.width, rect.height);
    },
    snapshot(scale) {
      const prevRatio = gl.getPixelRatio();
      if (scale === undefined || !Number.isFinite(scale) || scale <= 0 || scale === prevRatio) {
        renderNow();
        return canvas.toDataURL('image/png');
      }
      // Draw once at the requested pixel ratio (the CSS size and the camera stay), read it, restore.
      const size = rt.layer?.material.uniforms.uSize;
      const prevSize = size ? (size.value as number) : 0;
      try {
        gl.setPixelRatio(scale);
        if (size) size.value = (prevSize / prevRatio) * scale;
        renderNow();
        return canvas.toDataURL('image/png');
      } finally {
        gl.setPixelRatio(prevRatio);
        if (size) size.value = prevSize;
        renderNow();
      }
    },
  };
}

export function ConstellationView(props: ConstellationViewProps): React.JSX.Element {
  const {
    fleet,
    engine,
    metrics,
    capacity,
    groundStations,
    overlays = true,
    globalKeys = false,
    onReady,
    antialias = true,
    maxDpr = 2,
  } = props;
  const pointSizePx = props.pointSizePx ?? ((fleet?.count ?? 0) >= 300_000 ? 1 : 2);
  const ownStore = useMemo(() => props.store ?? createViewerStore(), [props.store]);
  const store = props.store ?? ownStore;
  const runtime = useMemo(() => createRuntime(store), [store]);
  const rootRef = useRef<HTMLDivElement | null>(null);
  // the status text keeps clear of the in-scene capacity card (top left) while the card is shown
  const cardOn = useViewer(store, (s) => s.layers.capacity && !!capacity);
  const [keyTarget, setKeyTarget] = useState<HTMLElement | Window | null>(null);
  const [glProblem, setGlProblem] = useState<string | null>(() => webglUnavailableReason());
  injectCss();

  useEffect(() => {
    setKeyTarget(globalKeys ? window : rootRef.current);
  }, [globalKeys]);
  useViewerKeys(store, keyTarget, () => fleet?.count ?? 0);

  return (
    <div
      ref={rootRef}
      className={`ocv-root ${props.className ?? ''}`}
      style={props.style}
      data-card={cardOn ? 'on' : 'off'}
      tabIndex={0}
      data-testid="constellation-view"
      role="region"
      aria-label="3D view of the constellation (keys: ? for shortcuts)"
    >
      {glProblem ? (
        <NoWebgl reason={glProblem} />
      ) : (
        <CanvasBoundary onError={setGlProblem}>
          <Canvas
            flat
            frameloop="demand"
            dpr={[1, maxDpr]}
            gl={{ antialias, powerPreference: 'high-performance', preserveDrawingBuffer: false }}
            camera={{ fov: 40, near: 0.005, far: 2000, position: [4, 0, 1.5], up: [0, 0, 1] }}
            onCreated={(state) => {
              performance.mark('viewer:canvas-created');
              state.gl.setClearColor(0x000000, 0);
              if (onReady) {
                const renderNow = () => {
                  runtime.drawNextFrame = true; // drawn even while frames are limited (a background task)
                  state.advance(performance.now());
                };
                onReady(makeHandle(runtime, state.gl.domElement, renderNow, state.gl));
              }
            }}
          >
            <Scene
              fleet={fleet}
              engine={engine}
              store={store}
              runtime={runtime}
              metrics={metrics}
              capacity={capacity}
              groundStations={groundStations}
              pointSizePx={pointSizePx}
              onGlobeClick={props.onGlobeClick}
            />
          </Canvas>
        </CanvasBoundary>
      )}
      {overlays && !glProblem && (
        <>
          <TimeControls store={store} />
          <LegendPanel store={store} fleet={fleet} metrics={metrics} />
          <div className="ocv-topright">
            <div className="ocv-topright-row" data-testid="viewer-top-right">
              <StatusBadge store={store} runtime={runtime} />
              {props.topRight}
            </div>
            <Inspector store={store} runtime={runtime} fleet={fleet} metrics={metrics} />
          </div>
          <Toolbar store={store} stationNames={groundStations?.map((g) => g.name)} />
          <ContextLostCard store={store} runtime={runtime} />
          <HelpOverlay store={store} />
        </>
      )}
      {(!overlays || glProblem) && props.topRight ? (
        <div className="ocv-topright">
          <div className="ocv-topright-row">{props.topRight}</div>
        </div>
      ) : null}
    </div>
  );
}
