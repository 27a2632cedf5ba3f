/**
 * The viewer's controller: everything the 3D view does, without React. It owns the three.js
 * objects (globe, satellite layer, orbits, stations, links, capacity card), the satellite buffers,
 * the provisional fill, the engine tick loop (tickLoop.ts), colours, picking, camera presets,
 * context loss and the per-frame work. The React side (viewerHooks.ts, scene.tsx) only wires it
 * to the canvas, the props and the store: each hook calls one or two methods here.
 *
 * Lifetimes: the long-lived scene parts live as long as the controller; the satellite layer
 * lives as long as one fleet (setFleet returns its cleanup); the tick loop as long as one
 * (fleet, engine) pair (startEngine returns its stop).
 */
import * as THREE from 'three';
import type { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { WGS72 } from '../core/constants';
import { importedShellNeighbours } from '../core/analysis/isl';
import type { Fleet } from '../core/fleet/fleet';
import type { GroundStation } from '../core/scenario/schema';
import type { PropagationEngine, StateFrame } from '../engine/types';
import { gmstRad, sunDirection } from './astro';
import { CapacityCard, type CapacitySummary } from './capacityCard';
import { Globe } from './globe';
import { globeLatLonAtPixel } from './globePick';
import { IslPath } from './islPath';
import { fillColours, type ViewerMetrics } from './legend';
import { PlaneRings, SelectedOrbit } from './orbits';
import { Picker } from './picking';
import { fillProvisionalStates, frameToGpu } from './provisional';
import type { ViewerRuntime } from './runtime';
import { SatelliteLayer } from './satelliteLayer';
import { advanceInto, GroundStationLayer } from './stations';
import { simTimeMs, type CameraPreset, type ViewerStore } from './store';
import { BACKGROUND_TICK_INTERVAL_MS, startTickLoop, TICK_INTERVAL_MS } from './tickLoop';

/**
 * While a background task runs (a sampled analysis, a trade study, a report) and the view is drawn
 * in software (no GPU: SwiftShader, llvmpipe), a playing view draws one frame per this many ms.
 * A software frame of 1M points costs about a core-second in the GPU process, out of sight of the
 * page's thread (headless Chromium here: 1.4 frames/s on ~1.45 of the 2 cores, leaving the
 * task's workers ~0.4 core). The states still come every BACKGROUND_TICK_INTERVAL_MS and the
 * camera still answers at once; a GPU-drawn view is not limited.
 */
export const BACKGROUND_SOFTWARE_FRAME_MS = 4000;

/** Whether a WebGL renderer string names a software rasteriser. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

/**
 * When a playing view's next frame is due: 'none' (paused: frames on demand only), 0 (at once: the
 * next animation frame) or a delay in ms (see BACKGROUND_SOFTWARE_FRAME_MS).
 */
export function nextPlayingFrameDelayMs(playing: boolean, backgroundTask: boolean, softwareGl: boolean): number | 'none' {
  if (!playing) return 'none';
  return backgroundTask && softwareGl ? BACKGROUND_SOFTWARE_FRAME_MS : 0;
}

/** Rows converted per provisional chunk (one macrotask each, ~5-10 ms). */
export const PROVISIONAL_CHUNK = 100_000;
export const FIRST_CHUNK = 20_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ViewerController {
  readonly globe = new Globe();
  readonly orbit = new SelectedOrbit();
  readonly rings = new PlaneRings();
  readonly isl = new IslPath();
  /** The GW card drawn over the scene (needs a DOM canvas for its text: null without a document). */
  readonly card: CapacityCard | null = typeof document !== 'undefined' ? new CapacityCard() : null;
  readonly satGroup = new THREE.Group();
  readonly stationGroup = new THREE.Group();
  readonly linkGroup = new THREE.Group();
  layer: SatelliteLayer | null = null;
  stations: GroundStationLayer | null = null;
  /** Set by the camera hook. */
  camera: THREE.PerspectiveCamera | null = null;
  controls: OrbitControls | null = null;
  private picker: Picker | null = null;
  private fleet: Fleet | null = null;
  /** The ticking engine, and the link stations last given to it (undefined: none given yet). */
  private engine: PropagationEngine | null = null;
  private sentLinkSpec: GroundStationLayer['linkSpec'] | null | undefined = undefined;
  private metrics: ViewerMetrics | undefined;
  private readonly fs = { lastSunMs: Number.NaN, linksChosenAt: Number.NaN, ringsBuiltAt: Number.NaN, selected: -2, marked: false };
  // ISL mesh of the imported shells (found from their elements), built on the first selection in one.
  private importedMesh: { fleet: Fleet | null; nb: Int32Array | null } = { fleet: null, nb: null };
  /** A playing frame waiting for its time (nextPlayingFrameDelayMs). */
  private frameTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFrameAtMs = Number.NEGATIVE_INFINITY;
  private urgentFrame = false;

  /** The canvas's own frame request (R3F's invalidate, set by the scene). */
  private requestAnimationFrame: () => void;

  constructor(
    readonly store: ViewerStore,
    readonly runtime: ViewerRuntime,
    /** Ask the canvas for a frame (it renders on demand while paused). Replaced by the scene. */
    invalidate: () => void = () => {},
  ) {
    this.requestAnimationFrame = invalidate;
    this.globe.earthFixed.add(this.stationGroup);
  }

  setInvalidate(invalidate: () => void): void {
    this.requestAnimationFrame = invalidate;
  }

  /** A frame for something the user did or changed: drawn at the next animation frame, limited or not. */
  invalidate(): void {
    this.urgentFrame = true;
    this.requestAnimationFrame();
  }

  /** Free the GPU objects of the long-lived scene parts. */
  dispose(): void {
    if (this.frameTimer !== null) clearTimeout(this.frameTimer);
    this.frameTimer = null;
    for (const root of [this.globe.root, this.orbit.group, this.rings.lines, this.isl.line, this.card?.scene])
      root?.traverse((o) => {
        const m = o as THREE.Mesh;
        m.geometry?.dispose();
        const mat = m.material as THREE.Material | THREE.Material[] | undefined;
        if (Array.isArray(mat)) for (const x of mat) x.dispose();
        else mat?.dispose();
      });
    this.card?.dispose();
  }

  /** Coastlines and borders: their own chunk, loaded once the first satellites are drawn (or after 1.5 s). */
  loadOutlinesLater(): () => void {
    let done = false;
    const load = () => {
      if (done) return;
      done = true;
      this.globe.loadOutlines().then(
        () => this.invalidate(),
        (e: unknown) => console.warn('coastlines could not be loaded:', e),
      );
    };
    const timer = setTimeout(load, 1500);
    const unsub = this.store.subscribe(() => {
      if (this.store.getState().status.shown > 0) setTimeout(load, 100);
    });
    return () => {
      clearTimeout(timer);
      unsub();
    };
  }

  // ---------------------------------------------------------------- fleet, provisional fill

  /**
   * A new fleet: a fresh satellite layer and picker, filled chunk by chunk from the elements so the
   * first satellites show at once. Returns the cleanup (removes and frees the layer).
   */
  setFleet(fleet: Fleet | null, pointSizePx: number): () => void {
    this.fleet = fleet;
    const store = this.store;
    if (!fleet || fleet.count === 0) {
      store.setState({ status: { phase: 'empty', shown: 0, total: 0, message: 'No satellites' } });
      return () => {};
    }
    const layer = new SatelliteLayer(fleet.count);
    layer.material.uniforms.uSize.value = pointSizePx;
    this.layer = layer;
    this.runtime.layer = layer;
    this.satGroup.add(layer.points);
    const picker = new Picker(layer.pickPoints, this.globe.pickOccluder.clone());
    this.picker = picker;
    // Colours are filled by applyColours (called after this).
    this.fs.selected = -2;
    this.fs.ringsBuiltAt = Number.NaN;

    let alive = true;
    const total = fleet.count;
    store.setState({ status: { phase: 'provisional', shown: 0, total, message: 'Placing satellites from their elements…' } });
    (async () => {
      const t0 = simTimeMs(store.getState().clock);
      layer.stateTimeMs = t0;
      for (let start = 0; start < total && alive && !layer.live; ) {
        // A small first chunk so the first picture comes quickly, then larger ones.
        const end = Math.min(total, start + (start === 0 ? FIRST_CHUNK : PROVISIONAL_CHUNK));
        fillProvisionalStates(fleet.elements, start, end, t0, layer.positions, layer.velocities);
        layer.markStates(start, end);
        layer.setShown(end);
        store.setState((s) => (s.status.phase === 'provisional' ? { status: { ...s.status, shown: end } } : {}));
        this.invalidate();
        start = end;
        await sleep(0);
      }
    })();

    return () => {
      alive = false;
      this.satGroup.remove(layer.points);
      layer.dispose();
      picker.dispose();
      if (this.layer === layer) this.layer = null;
      if (this.picker === picker) this.picker = null;
      if (this.runtime.layer === layer) this.runtime.layer = null;
    };
  }

  setPointSize(px: number): void {
    if (this.layer) this.layer.material.uniforms.uSize.value = px;
    this.invalidate();
  }

  // ---------------------------------------------------------------- engine ticks

  /**
   * Hand the current fleet to `engine` and tick it (tickLoop.ts). Separate from setFleet so an
   * engine that arrives later (or is replaced) keeps the satellites already drawn. Returns the stop.
   */
  startEngine(engine: PropagationEngine | null): () => void {
    const fleet = this.fleet;
    const layer = this.layer;
    if (!fleet || !engine || !layer || layer.count !== fleet.count) return () => {};
    this.engine = engine;
    this.sentLinkSpec = undefined;
    this.syncLinkStations();
    const loop = startTickLoop({
      engine,
      fleet,
      clock: () => this.store.getState().clock,
      intervalMs: () => (this.store.getState().backgroundTask ? BACKGROUND_TICK_INTERVAL_MS : TICK_INTERVAL_MS),
      hasFrame: () => layer.live,
      onFrame: (frame) => this.applyFrame(layer, fleet, engine, frame),
      onError: (message) => this.store.setState({ status: { phase: 'error', shown: layer.shown, total: fleet.count, message } }),
    });
    return () => {
      loop.stop();
      if (this.engine === engine) {
        engine.setLinkStations?.(null);
        this.engine = null;
        this.sentLinkSpec = undefined;
      }
    };
  }

  /** Give the engine the stations whose links are drawn (none while links or stations are hidden), when that changed. */
  private syncLinkStations(): void {
    const engine = this.engine;
    if (!engine?.setLinkStations) return;
    const L = this.store.getState().layers;
    const want = this.stations && L.links && L.groundStations ? this.stations.linkSpec : null;
    if (want === this.sentLinkSpec) return;
    engine.setLinkStations(want);
    this.sentLinkSpec = want;
  }

  /** One engine frame into the GPU arrays; links and plane rings follow the new states. */
  private applyFrame(layer: SatelliteLayer, fleet: Fleet, engine: PropagationEngine, frame: StateFrame): void {
    const t0 = performance.now();
    if (frame.positionEr && frame.velocityErS && frame.count === layer.count) {
      // The workers wrote what the GPU reads (shared memory): no pass over the satellites here.
      // biome-ignore lint/correctness/useHookAtTopLevel: SatelliteLayer.useStates is a plain method ("use these arrays"), not a React hook
      layer.useStates(frame.positionEr, frame.velocityErS);
    } else if (frame.positionKm && frame.velocityKmS) {
      const n = Math.min(frame.count, layer.count);
      frameToGpu(frame.positionKm, frame.velocityKmS, frame.error, n, layer.positions, layer.velocities);
      layer.markAllStates();
    } else return; // draw states for another fleet size (a frame in flight across a fleet change): the next tick has them
    layer.stateTimeMs = frame.timeMs;
    layer.live = true;
    layer.setShown(layer.count);
    this.fs.selected = -2;
    const sl = this.stations;
    const st = this.store.getState();
    // Links for the new states, once per tick: the workers' choice (over every satellite) when the
    // frame carries one for these stations, else the bounded main-thread scan. The frame loop only
    // chooses when none were.
    this.fs.linksChosenAt = Number.NaN;
    if (sl && st.layers.links && st.layers.groundStations) {
      const ls = this.runtime.stats;
      if (frame.links && sl.takeLinks(frame.links)) {
        this.fs.linksChosenAt = frame.timeMs;
        ls.linkChoices++;
        ls.workerLinkChoices++;
        ls.totalLinkMs += frame.links.mergeMs;
        ls.totalWorkerLinkMs += frame.links.workerMs;
      } else this.chooseLinks(sl, layer, layer.count, frame.timeMs);
    }
    if (st.layers.planeRings && !(Math.abs(frame.timeMs - this.fs.ringsBuiltAt) < 60_000)) {
      layer.pendingUploadBytes += this.rings.rebuild(fleet, layer.positions, layer.velocities);
      this.fs.ringsBuiltAt = frame.timeMs;
    }
    const stats = this.runtime.stats;
    stats.ticks++;
    stats.totalTickMs += performance.now() - t0;
    if (st.status.phase !== 'ready')
      this.store.setState({ status: { phase: 'ready', shown: layer.count, total: fleet.count, message: engineLabel(engine) } });
    this.requestFrame();
  }

  /** The main-thread fallback choice (strided above LINK_SCAN_ROWS). */
  private chooseLinks(sl: GroundStationLayer, layer: SatelliteLayer, count: number, stateTimeMs: number): void {
    const t0 = performance.now();
    sl.chooseLinks(layer.positions, count, gmstRad(stateTimeMs));
    this.fs.linksChosenAt = stateTimeMs;
    const stats = this.runtime.stats;
    stats.linkChoices++;
    stats.linkFallbacks++;
    stats.totalLinkMs += performance.now() - t0;
  }

  // ---------------------------------------------------------------- colours, stations, card

  /** Fill the colour attribute for the store's colour mode and these metrics. */
  applyColours(metrics: ViewerMetrics | undefined = this.metrics): void {
    this.metrics = metrics;
    const layer = this.layer;
    const fleet = this.fleet;
    if (!layer || !fleet) return;
    const mode = this.store.getState().colourMode;
    layer.material.uniforms.uMode.value = mode === 'sunlit' ? 1 : 0;
    fillColours(mode, fleet.shellIndex, metrics, layer.colours);
    layer.markColours();
    this.invalidate();
  }

  /** Ground stations and their links. Returns the cleanup. */
  setStations(list: GroundStation[]): () => void {
    if (list.length === 0) return () => {};
    const alts = (this.fleet?.shells ?? [])
      .map((s) => s.altitudeKm)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const refAlt = alts.length ? alts[Math.floor(alts.length / 2)] : 550;
    const sl = new GroundStationLayer(list, refAlt);
    this.stations = sl;
    this.stationGroup.add(sl.fixed);
    this.linkGroup.add(sl.links);
    this.fs.linksChosenAt = Number.NaN;
    this.syncLinkStations();
    this.invalidate();
    return () => {
      this.stationGroup.remove(sl.fixed);
      this.linkGroup.remove(sl.links);
      if (this.stations === sl) this.stations = null;
      this.syncLinkStations();
    };
  }

  setCapacity(summary: CapacitySummary | null): void {
    this.card?.set(summary);
    this.invalidate();
  }

  layoutCard(width: number, height: number): void {
    this.card?.layout(width, height);
  }

  // ---------------------------------------------------------------- picking

  /** Satellite id under CSS pixel (x, y) of a cssWidth x cssHeight canvas (GPU id buffer), or -1. */
  pick(renderer: THREE.WebGLRenderer, x: number, y: number, cssWidth: number, cssHeight: number): number {
    const picker = this.picker;
    const cam = this.camera;
    if (!picker || !cam) return -1;
    return picker.pick(renderer, cam, x, y, cssWidth, cssHeight);
  }

  /** As pick(), read back without stalling on the GPU (hover); -1 when nothing or the view changed meanwhile. */
  pickAsync(renderer: THREE.WebGLRenderer, x: number, y: number, cssWidth: number, cssHeight: number): Promise<number> {
    const picker = this.picker;
    const cam = this.camera;
    if (!picker || !cam) return Promise.resolve(-1);
    return picker.pickAsync(renderer, cam, x, y, cssWidth, cssHeight).then(
      (id) => (this.picker === picker ? id : -1),
      () => -1,
    );
  }

  /** Latitude/longitude (deg, spherical Earth) under CSS pixel (x, y), or null off the globe. */
  globeLatLon(x: number, y: number, w: number, h: number): { latDeg: number; lonDeg: number } | null {
    return this.camera ? globeLatLonAtPixel(this.camera, this.runtime.gmstRad, x, y, w, h) : null;
  }

  // ---------------------------------------------------------------- camera

  /** Move the camera to a preset; false when the preset cannot be applied yet (nothing to look at). */
  applyCameraPreset(preset: CameraPreset): boolean {
    const controls = this.controls;
    const cam = this.camera;
    if (!controls || !cam) return false;
    const st = this.store.getState();
    const t = simTimeMs(st.clock);
    const sun = new Float64Array(3);
    sunDirection(t, sun);
    const dir = new THREE.Vector3();
    let dist = 4.2;
    const target = new THREE.Vector3();
    if (preset === 'earth') {
      // Day side, tilted north, turned a little off the sub-solar point so the terminator shows.
      dir
        .set(sun[0], sun[1], sun[2])
        .applyAxisAngle(new THREE.Vector3(0, 0, 1), -0.85)
        .add(new THREE.Vector3(0, 0, 0.45))
        .normalize();
      dist = 4.2;
    } else if (preset === 'shell') {
      let maxAlt = 0;
      for (const sh of this.fleet?.shells ?? []) if (Number.isFinite(sh.altitudeKm)) maxAlt = Math.max(maxAlt, sh.altitudeKm);
      dir.copy(cam.position).normalize();
      dist = 2.9 * (1 + (maxAlt || 1000) / WGS72.radiusKm);
    } else if (preset === 'station') {
      const sl = this.stations;
      if (!sl || sl.stations.length === 0) return false;
      const i = ((st.stationIndex % sl.stations.length) + sl.stations.length) % sl.stations.length;
      sl.stationInertial(i, gmstRad(t), dir).normalize();
      dist = 1.9;
    } else {
      const id = st.selectedId;
      const layer = this.layer;
      if (!layer || id === null || id >= layer.shown) return false;
      const j = 3 * id;
      dir.set(layer.positions[j], layer.positions[j + 1], layer.positions[j + 2]);
      if (!(dir.length() > 0)) return false;
      // Bring the satellite to the state shown now.
      const p = new THREE.Vector3();
      advanceInto(layer.positions, layer.velocities, id, (t - layer.stateTimeMs) / 1000, p);
      cam.position
        .copy(p)
        .normalize()
        .multiplyScalar(p.length() + 0.9);
      controls.target.set(0, 0, 0);
      controls.update();
      this.invalidate();
      return true;
    }
    cam.position.copy(dir).multiplyScalar(dist).add(target);
    controls.target.copy(target);
    controls.update();
    this.invalidate();
    return true;
  }

  // ---------------------------------------------------------------- context loss

  contextLost(): void {
    this.runtime.stats.contextLosses++;
    this.store.setState({ contextLost: true });
  }

  /** three re-creates its GPU objects on restore; our CPU copies of every buffer stay valid. */
  contextRestored(): void {
    this.runtime.stats.contextRestores++;
    this.store.setState({ contextLost: false });
    const layer = this.layer;
    if (layer) {
      layer.markAllStates();
      layer.markColours();
    }
    this.invalidate();
  }

  // ---------------------------------------------------------------- the frame

  /** Uniforms, Earth rotation, link end points, then render: one call per animation frame. */
  frame(gl: THREE.WebGLRenderer, scene: THREE.Scene, cam: THREE.PerspectiveCamera): void {
    const t0 = performance.now();
    const st = this.store.getState();
    // Frames limited (a background task, a software renderer): a frame the canvas asked for by
    // itself (a React update of the page around it) before its time draws nothing, so the last
    // picture stays; the next one comes from requestFrame's timer.
    const limit = nextPlayingFrameDelayMs(st.clock.playing, st.backgroundTask, this.softwareGl(gl));
    const urgent = this.urgentFrame || this.runtime.drawNextFrame;
    this.urgentFrame = false;
    this.runtime.drawNextFrame = false;
    if (limit !== 0 && limit !== 'none' && !urgent && t0 - this.lastFrameAtMs < limit) {
      this.requestFrame();
      return;
    }
    const runtime = this.runtime;
    const stats = runtime.stats;
    const t = simTimeMs(st.clock);
    const fs = this.fs;
    const fleet = this.fleet;
    const { globe, isl, orbit, rings, linkGroup } = this;
    const sun = runtime.sun;
    if (!(Math.abs(t - fs.lastSunMs) < 10_000)) {
      sunDirection(t, sun);
      fs.lastSunMs = t;
    }
    const gmst = gmstRad(t);
    runtime.gmstRad = gmst;
    globe.update(gmst, sun[0], sun[1], sun[2]);
    const L = st.layers;
    globe.atmosphere.visible = L.atmosphere;
    globe.borders.visible = L.borders;
    globe.sunLine.visible = L.sunDirection;
    globe.shadowCone.visible = L.shadowCone;
    this.stationGroup.visible = L.groundStations;
    let upload = 0;
    let stateBytes = 0;
    const layer = this.layer;
    if (layer) {
      const dt = Number.isFinite(layer.stateTimeMs) ? (t - layer.stateTimeMs) / 1000 : 0;
      layer.setFrame(dt, sun[0], sun[1], sun[2]);
      const u = layer.material.uniforms;
      // The shader and the frame state take -1 for "no selection".
      const sel = st.selectedId ?? -1;
      u.uSelected.value = sel;
      u.uHover.value = st.hoverId;
      if (fs.selected !== sel) {
        fs.selected = sel;
        isl.clear();
        if (sel >= 0 && sel < layer.shown) {
          orbit.set(layer.positions, layer.velocities, sel);
          upload += 256 * 12;
          const slc = this.stations;
          if (slc && fleet) {
            const meshOf = (): Int32Array | null => {
              if (this.importedMesh.fleet !== fleet) {
                const nb = new Int32Array(4 * fleet.count).fill(-1);
                for (const sh of fleet.shells)
                  if (sh.kind === 'imported' && sh.count > 0)
                    importedShellNeighbours(
                      fleet.elements,
                      sh.start,
                      sh.count,
                      Number.isFinite(layer.stateTimeMs) ? layer.stateTimeMs : t,
                      nb,
                    );
                this.importedMesh = { fleet, nb };
              }
              return this.importedMesh.nb;
            };
            isl.choose(fleet, layer.positions, sel, slc, gmstRad(layer.stateTimeMs), meshOf);
            const gp = runtime.groundPath;
            gp.id = sel;
            gp.hops = isl.hopCount;
            gp.station = isl.stationIndex >= 0 ? slc.stations[isl.stationIndex].name : '';
          }
        } else orbit.hide();
      }
      const sl = this.stations;
      this.syncLinkStations();
      linkGroup.visible = L.links && L.groundStations && !!sl;
      if (sl && linkGroup.visible) {
        if (Number.isNaN(fs.linksChosenAt)) this.chooseLinks(sl, layer, layer.shown, layer.stateTimeMs);
        const linkBytes = sl.updateLinks(layer.positions, layer.velocities, dt, gmst);
        upload += linkBytes;
        stats.linksDrawn = linkBytes / 24; // two 12-byte end points per link
      } else stats.linksDrawn = 0;
      isl.line.visible = linkGroup.visible && isl.hopCount >= 0;
      if (isl.line.visible) upload += isl.update(layer.positions, layer.velocities, dt, sl, gmst);
      rings.lines.visible = L.planeRings;
      if (L.planeRings && fleet && Number.isNaN(fs.ringsBuiltAt) && layer.shown === layer.count) {
        upload += rings.rebuild(fleet, layer.positions, layer.velocities);
        fs.ringsBuiltAt = layer.stateTimeMs;
      }
      stateBytes = layer.pendingUploadBytes;
      upload += stateBytes;
      layer.pendingUploadBytes = 0;
    }
    gl.autoClear = false;
    gl.clear(true, true, true);
    gl.render(scene, cam);
    const card = this.card;
    if (card?.visible && L.capacity) {
      gl.clearDepth();
      gl.render(card.scene, card.camera);
    }
    const ms = performance.now() - t0;
    stats.frames++;
    stats.lastFrameMs = ms;
    stats.totalFrameMs += ms;
    if (ms > stats.maxFrameMs) stats.maxFrameMs = ms;
    stats.lastUploadBytes = upload;
    stats.totalUploadBytes += upload;
    if (upload > 0) stats.uploadFrames++;
    if (stateBytes > 0) {
      stats.stateUploadFrames++;
      stats.stateUploadFrameMs += ms;
    }
    stats.shown = layer?.shown ?? 0;
    stats.stateTimeMs = layer?.stateTimeMs ?? Number.NaN;
    if (layer && layer.shown > 0 && !fs.marked) {
      fs.marked = true;
      stats.firstSatellitesAtMs = performance.now();
      performance.mark('viewer:first-satellites');
    }
    this.lastFrameAtMs = t0;
    if (limit !== 'none') this.requestFrame();
  }

  /**
   * A frame for new states or the running clock: at once, or while frames are limited
   * (nextPlayingFrameDelayMs) BACKGROUND_SOFTWARE_FRAME_MS after the last frame began.
   */
  private requestFrame(): void {
    const st = this.store.getState();
    const software = this.runtime.softwareGl;
    const delay = software === null ? 0 : nextPlayingFrameDelayMs(st.clock.playing, st.backgroundTask, software);
    if (delay === 0 || delay === 'none') {
      this.requestAnimationFrame();
      return;
    }
    if (this.frameTimer !== null) return;
    const wait = Math.max(0, this.lastFrameAtMs + delay - performance.now());
    this.frameTimer = setTimeout(() => {
      this.frameTimer = null;
      this.requestAnimationFrame();
    }, wait);
  }

  /** Whether `gl` draws in software (read from the first frame's renderer into runtime.softwareGl). */
  private softwareGl(gl: THREE.WebGLRenderer): boolean {
    if (this.runtime.softwareGl === null) {
      let name = '';
      try {
        const ctx = gl.getContext();
        const ext = ctx.getExtension('WEBGL_debug_renderer_info');
        name = String(ctx.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : ctx.RENDERER) ?? '');
      } catch {
        // a lost context: take it as a GPU (no limit)
      }
      this.runtime.softwareGl = isSoftwareRenderer(name);
    }
    return this.runtime.softwareGl;
  }
}

/** "SGP4 (shared, 2 workers)": how the states are made, for the status text. */
export function engineLabel(engine: Pick<PropagationEngine, 'mode' | 'workers'>): string {
  const w = engine.workers ?? 0;
  return `SGP4 (${engine.mode}${w > 0 ? `, ${w} worker${w === 1 ? '' : 's'}` : ''})`;
}
