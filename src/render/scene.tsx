/**
 * The scene inside the R3F canvas: globe, satellites, orbits, stations, capacity card, picking,
 * camera controls, the engine tick loop and the frame loop. Three.js objects are built
 * imperatively (classes in this folder) and mounted with <primitive>; per-frame work touches only
 * uniforms and a few link end points.
 */
import { useFrame, useThree } from '@react-three/fiber';
import React, { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { globeLatLonAtPixel } from './globePick';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Fleet } from '../core/fleet/fleet';
import type { GroundStation } from '../core/scenario/schema';
import type { PropagationEngine, StateFrame } from '../engine/types';
import { gmstRad, sunDirection } from './astro';
import { CapacityCard, type CapacitySummary } from './capacityCard';
import { Globe } from './globe';
import { IslPath } from './islPath';
import { importedShellNeighbours } from '../core/analysis/isl';
import { fillColours, type ViewerMetrics } from './legend';
import { PlaneRings, SelectedOrbit } from './orbits';
import { Picker } from './picking';
import { fillProvisionalStates, frameToGpu } from './provisional';
import type { ViewerRuntime } from './runtime';
import { SatelliteLayer } from './satelliteLayer';
import { advanceInto, GroundStationLayer } from './stations';
import { simTimeMs, useViewer, type CameraPreset, type ViewerStore } from './store';
import { WGS72 } from '../core/constants';

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

/** Rows converted per provisional chunk (one macrotask each, ~5-10 ms). */
const PROVISIONAL_CHUNK = 100_000;
const FIRST_CHUNK = 20_000;
/** Minimum wall time between engine ticks while playing, ms. */
const TICK_INTERVAL_MS = 400;
/** Minimum wall time between hover picks, ms. */
const HOVER_PICK_MS = 60;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function Scene(props: SceneProps): React.JSX.Element {
  const { fleet, engine, store, runtime, metrics, capacity, groundStations, pointSizePx, onGlobeClick } = props;
  const { gl, camera, size, invalidate, scene } = useThree();
  const cam = camera as THREE.PerspectiveCamera;

  const globe = useMemo(() => new Globe(), []);
  const orbit = useMemo(() => new SelectedOrbit(), []);
  const rings = useMemo(() => new PlaneRings(), []);
  const isl = useMemo(() => new IslPath(), []);
  const card = useMemo(() => new CapacityCard(), []);
  const layerRef = useRef<SatelliteLayer | null>(null);
  const pickerRef = useRef<Picker | null>(null);
  const stationsRef = useRef<GroundStationLayer | null>(null);
  const controlsRef = useRef<OrbitControls | null>(null);
  const satGroup = useMemo(() => new THREE.Group(), []);
  const stationGroup = useMemo(() => new THREE.Group(), []);
  const linkGroup = useMemo(() => new THREE.Group(), []);
  const frameState = useRef({ lastSunMs: Number.NaN, linksChosenAt: Number.NaN, ringsBuiltAt: Number.NaN, selected: -2, marked: false });
  // ISL mesh of the imported shells (found from their elements), built on the first selection in one.
  const importedMesh = useRef<{ fleet: Fleet | null; nb: Int32Array | null }>({ fleet: null, nb: null });

  // Free GPU objects of the long-lived scene parts when the view unmounts.
  useEffect(
    () => () => {
      for (const root of [globe.root, orbit.group, rings.lines, isl.line, card.scene])
        root.traverse((o) => {
          const m = o as THREE.Mesh;
          m.geometry?.dispose();
          const mat = m.material as THREE.Material | THREE.Material[] | undefined;
          if (Array.isArray(mat)) mat.forEach((x) => x.dispose());
          else mat?.dispose();
        });
      card.dispose();
    },
    [globe, orbit, rings, isl, card],
  );

  runtime.camera = cam;
  runtime.canvas = gl.domElement;
  runtime.invalidate = invalidate;

  // Outlines: their own chunk, loaded once the first satellites are drawn (or after 1.5 s), so
  // parsing them does not delay the first picture.
  useEffect(() => {
    let done = false;
    const load = () => {
      if (done) return;
      done = true;
      globe.loadOutlines().then(
        () => invalidate(),
        (e: unknown) => console.warn('coastlines could not be loaded:', e),
      );
    };
    const timer = setTimeout(load, 1500);
    const unsub = store.subscribe(() => {
      if (store.getState().status.shown > 0) setTimeout(load, 100);
    });
    return () => {
      clearTimeout(timer);
      unsub();
    };
  }, [globe, invalidate, store]);

  // Camera + controls (z up: TEME and the Earth-fixed frame both have the pole on +z).
  useEffect(() => {
    cam.up.set(0, 0, 1);
    cam.near = 0.005;
    cam.far = 2000;
    const controls = new OrbitControls(cam, gl.domElement);
    controls.enableDamping = false;
    controls.minDistance = 1.15;
    controls.maxDistance = 80;
    controls.rotateSpeed = 0.6;
    controls.zoomSpeed = 1.2;
    controls.addEventListener('change', () => invalidate());
    controlsRef.current = controls;
    applyCameraPreset('earth');
    return () => controls.dispose();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cam, gl]);

  /** Move the camera to a preset; false when the preset cannot be applied yet (nothing to look at). */
  function applyCameraPreset(preset: CameraPreset): boolean {
    const controls = controlsRef.current;
    if (!controls) return false;
    const st = store.getState();
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
      for (const sh of fleet?.shells ?? []) if (Number.isFinite(sh.altitudeKm)) maxAlt = Math.max(maxAlt, sh.altitudeKm);
      dir.copy(cam.position).normalize();
      dist = 2.9 * (1 + (maxAlt || 1000) / WGS72.radiusKm);
    } else if (preset === 'station') {
      const sl = stationsRef.current;
      if (!sl || sl.stations.length === 0) return false;
      const i = ((st.stationIndex % sl.stations.length) + sl.stations.length) % sl.stations.length;
      sl.stationInertial(i, gmstRad(t), dir).normalize();
      dist = 1.9;
    } else {
      const id = st.selectedId;
      const layer = layerRef.current;
      if (!layer || id < 0 || id >= layer.shown) return false;
      const j = 3 * id;
      dir.set(layer.positions[j], layer.positions[j + 1], layer.positions[j + 2]);
      const r = dir.length();
      if (!(r > 0)) return false;
      dir.normalize();
      // Bring the satellite to the state shown now.
      const p = new THREE.Vector3();
      advanceInto(layer.positions, layer.velocities, id, (t - layer.stateTimeMs) / 1000, p);
      cam.position
        .copy(p)
        .normalize()
        .multiplyScalar(p.length() + 0.9);
      controls.target.set(0, 0, 0);
      controls.update();
      invalidate();
      return true;
    }
    cam.position.copy(dir).multiplyScalar(dist).add(target);
    controls.target.copy(target);
    controls.update();
    invalidate();
    return true;
  }

  // Camera requests from the store. A request made before the scene could honour it (before the
  // canvas existed, or 'station' before the stations) is applied as soon as it can be.
  const appliedNonce = useRef(0);
  const stationsReady = useViewer(store, (s) => s.status.shown > 0);
  useEffect(() => {
    const tryApply = () => {
      const r = store.getState().cameraRequest;
      if (r.nonce > appliedNonce.current && applyCameraPreset(r.preset)) appliedNonce.current = r.nonce;
    };
    tryApply();
    return store.subscribe(tryApply);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, fleet, stationsReady]);

  // Any store change may change the picture (paused views render on demand).
  useEffect(() => store.subscribe(() => invalidate()), [store, invalidate]);

  // Fleet -> satellite layer, provisional fill, engine tick loop.
  useEffect(() => {
    if (!fleet || fleet.count === 0) {
      store.setState({ status: { phase: 'empty', shown: 0, total: 0, message: 'No satellites' } });
      return;
    }
    const layer = new SatelliteLayer(fleet.count);
    layer.material.uniforms.uSize.value = pointSizePx;
    layerRef.current = layer;
    runtime.layer = layer;
    satGroup.add(layer.points);
    const picker = new Picker(layer.pickPoints, globe.pickOccluder.clone());
    pickerRef.current = picker;
    // Colours are filled by the colour effect below (it runs after this one).
    frameState.current.selected = -2;
    frameState.current.ringsBuiltAt = Number.NaN;

    let alive = true;
    const total = fleet.count;
    store.setState({ status: { phase: 'provisional', shown: 0, total, message: 'Placing satellites from their elements…' } });

    // 1. Provisional states, chunk by chunk, so the first satellites show at once.
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
        invalidate();
        start = end;
        await sleep(0);
      }
    })();

    return () => {
      alive = false;
      satGroup.remove(layer.points);
      layer.dispose();
      picker.dispose();
      if (layerRef.current === layer) layerRef.current = null;
      if (runtime.layer === layer) runtime.layer = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fleet]);

  // Engine: hand over the fleet, then tick. Separate from the layer so an engine that arrives
  // later (or is replaced) keeps the satellites already drawn.
  useEffect(() => {
    const layer = layerRef.current;
    if (!fleet || !engine || !layer || layer.count !== fleet.count) return;
    let alive = true;
    const total = fleet.count;
    const applyFrame = (frame: StateFrame) => {
      const t0 = performance.now();
      const n = Math.min(frame.count, layer.count);
      frameToGpu(frame.positionKm, frame.velocityKmS, frame.error, n, layer.positions, layer.velocities);
      layer.stateTimeMs = frame.timeMs;
      layer.live = true;
      layer.markAllStates();
      layer.setShown(layer.count);
      frameState.current.linksChosenAt = Number.NaN;
      frameState.current.selected = -2;
      const sl = stationsRef.current;
      const st = store.getState();
      if (sl && st.layers.links) sl.chooseLinks(layer.positions, layer.count, gmstRad(frame.timeMs));
      if (st.layers.planeRings && !(Math.abs(frame.timeMs - frameState.current.ringsBuiltAt) < 60_000)) {
        layer.pendingUploadBytes += rings.rebuild(fleet, layer.positions, layer.velocities);
        frameState.current.ringsBuiltAt = frame.timeMs;
      }
      runtime.stats.ticks++;
      runtime.stats.totalTickMs += performance.now() - t0;
      if (st.status.phase !== 'ready')
        store.setState({ status: { phase: 'ready', shown: layer.count, total, message: `SGP4 (${engine?.mode ?? ''})` } });
      invalidate();
    };

    (async () => {
      try {
        await engine.setFleet(fleet);
      } catch (e) {
        if (alive)
          store.setState({
            status: { phase: 'error', shown: layer.shown, total, message: `Propagation engine failed: ${(e as Error).message}` },
          });
        return;
      }
      let lastKey = '';
      while (alive) {
        const st = store.getState();
        const t = simTimeMs(st.clock);
        const key = `${st.clock.playing}:${st.clock.baseSimMs}:${st.clock.speed}`;
        if (!st.clock.playing && key === lastKey && layer.live) {
          await sleep(50);
          continue;
        }
        lastKey = key;
        const started = performance.now();
        let frame: StateFrame | null = null;
        try {
          frame = await engine.propagate(t);
        } catch (e) {
          if (alive)
            store.setState({
              status: { phase: 'error', shown: layer.shown, total, message: `Propagation failed: ${(e as Error).message}` },
            });
          await sleep(1000);
          continue;
        }
        if (!alive) break;
        if (frame) applyFrame(frame);
        const spent = performance.now() - started;
        await sleep(Math.max(16, TICK_INTERVAL_MS - spent));
      }
    })();
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fleet, engine]);

  // Colours: on mode or metric change only.
  useEffect(() => {
    const apply = () => {
      const layer = layerRef.current;
      if (!layer || !fleet) return;
      const mode = store.getState().colourMode;
      layer.material.uniforms.uMode.value = mode === 'sunlit' ? 1 : 0;
      fillColours(mode, fleet.shellIndex, metrics, layer.colours);
      layer.markColours();
      invalidate();
    };
    apply();
    let last = store.getState().colourMode;
    return store.subscribe(() => {
      const m = store.getState().colourMode;
      if (m !== last) {
        last = m;
        apply();
      }
    });
  }, [store, fleet, metrics, invalidate]);

  useEffect(() => {
    const layer = layerRef.current;
    if (layer) layer.material.uniforms.uSize.value = pointSizePx;
    invalidate();
  }, [pointSizePx, invalidate]);

  // Ground stations: added once the first satellites are drawn, so their materials do not add
  // shader compilation to the first picture.
  const firstShown = useViewer(store, (s) => s.status.shown > 0 || s.status.phase === 'empty');
  useEffect(() => {
    const list = groundStations ?? [];
    if (list.length === 0 || !firstShown) return;
    const alts = (fleet?.shells ?? [])
      .map((s) => s.altitudeKm)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const refAlt = alts.length ? alts[Math.floor(alts.length / 2)] : 550;
    const sl = new GroundStationLayer(list, refAlt);
    stationsRef.current = sl;
    stationGroup.add(sl.fixed);
    linkGroup.add(sl.links);
    frameState.current.linksChosenAt = Number.NaN;
    invalidate();
    return () => {
      stationGroup.remove(sl.fixed);
      linkGroup.remove(sl.links);
      if (stationsRef.current === sl) stationsRef.current = null;
    };
  }, [groundStations, fleet, stationGroup, linkGroup, invalidate, firstShown]);

  useEffect(() => {
    card.set(capacity ?? null);
    invalidate();
  }, [capacity, card, invalidate]);

  useEffect(() => {
    globe.earthFixed.add(stationGroup);
    return () => void globe.earthFixed.remove(stationGroup);
  }, [globe, stationGroup]);

  const onGlobeClickRef = useRef(onGlobeClick);
  onGlobeClickRef.current = onGlobeClick;
  /** Geodetic-on-a-sphere latitude/longitude (deg) of the Earth surface under CSS pixel (x, y), or null. */
  const globeLatLon = (x: number, y: number, w: number, h: number) => globeLatLonAtPixel(cam, runtime.gmstRad, x, y, w, h);

  // Pointer: hover and click picking.
  useEffect(() => {
    const el = gl.domElement;
    let down: { x: number; y: number } | null = null;
    let pending: { x: number; y: number } | null = null;
    let raf = 0;
    const pickAt = (x: number, y: number): number => {
      const picker = pickerRef.current;
      if (!picker) return -1;
      const rect = el.getBoundingClientRect();
      return picker.pick(gl, cam, x, y, rect.width, rect.height);
    };
    runtime.pick = pickAt;
    let lastHoverAt = -Infinity;
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
          const id = pickAt(pending.x, pending.y);
          if (id !== store.getState().hoverId) store.setState({ hoverId: id });
          el.style.cursor = id >= 0 ? 'pointer' : 'grab';
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
      const id = pickAt(x, y);
      store.setState({ selectedId: id });
      const cb = onGlobeClickRef.current;
      if (id < 0 && cb) {
        const ll = globeLatLon(x, y, rect.width, rect.height);
        if (ll) cb(ll.latDeg, ll.lonDeg);
      }
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
      cancelAnimationFrame(raf);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointerleave', onLeave);
      runtime.pick = () => -1;
    };
  }, [gl, cam, store, runtime]);

  // WebGL context loss: three prevents the default and re-creates its GPU objects on restore;
  // our CPU copies of every buffer stay valid, so a redraw is all that is needed.
  useEffect(() => {
    const el = gl.domElement;
    const lost = () => {
      runtime.stats.contextLosses++;
      store.setState({ contextLost: true });
    };
    const restored = () => {
      runtime.stats.contextRestores++;
      store.setState({ contextLost: false });
      const layer = layerRef.current;
      if (layer) {
        layer.markAllStates();
        layer.markColours();
      }
      invalidate();
    };
    el.addEventListener('webglcontextlost', lost);
    el.addEventListener('webglcontextrestored', restored);
    return () => {
      el.removeEventListener('webglcontextlost', lost);
      el.removeEventListener('webglcontextrestored', restored);
    };
  }, [gl, store, invalidate, runtime]);

  useEffect(() => {
    card.layout(size.width, size.height);
  }, [card, size.width, size.height, capacity]);

  // The frame loop: uniforms, Earth rotation, link end points, then render (priority 1 = we render).
  useFrame(() => {
    const t0 = performance.now();
    const st = store.getState();
    const stats = runtime.stats;
    const t = simTimeMs(st.clock);
    const fs = frameState.current;
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
    stationGroup.visible = L.groundStations;
    let upload = 0;
    let stateBytes = 0;
    const layer = layerRef.current;
    if (layer) {
      const dt = Number.isFinite(layer.stateTimeMs) ? (t - layer.stateTimeMs) / 1000 : 0;
      layer.setFrame(dt, sun[0], sun[1], sun[2]);
      const u = layer.material.uniforms;
      u.uSelected.value = st.selectedId;
      u.uHover.value = st.hoverId;
      if (fs.selected !== st.selectedId) {
        fs.selected = st.selectedId;
        isl.clear();
        if (st.selectedId >= 0 && st.selectedId < layer.shown) {
          orbit.set(layer.positions, layer.velocities, st.selectedId);
          upload += 256 * 12;
          const slc = stationsRef.current;
          if (slc && fleet) {
            const meshOf = (): Int32Array | null => {
              const m = importedMesh.current;
              if (m.fleet !== fleet) {
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
                importedMesh.current = { fleet, nb };
              }
              return importedMesh.current.nb;
            };
            isl.choose(fleet, layer.positions, st.selectedId, slc, gmstRad(layer.stateTimeMs), meshOf);
            const gp = runtime.groundPath;
            gp.id = st.selectedId;
            gp.hops = isl.hopCount;
            gp.station = isl.stationIndex >= 0 ? slc.stations[isl.stationIndex].name : '';
          }
        } else orbit.hide();
      }
      const sl = stationsRef.current;
      linkGroup.visible = L.links && L.groundStations && !!sl;
      if (sl && linkGroup.visible) {
        if (Number.isNaN(fs.linksChosenAt)) {
          sl.chooseLinks(layer.positions, layer.shown, gmstRad(layer.stateTimeMs));
          fs.linksChosenAt = layer.stateTimeMs;
        }
        upload += sl.updateLinks(layer.positions, layer.velocities, dt, gmst);
      }
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
    if (card.visible && L.capacity) {
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
    if (st.clock.playing) invalidate();
  }, 1);

  return (
    <group>
      <primitive object={globe.root} />
      <primitive object={satGroup} />
      <primitive object={orbit.group} />
      <primitive object={rings.lines} />
      <primitive object={linkGroup} />
      <primitive object={isl.line} />
    </group>
  );
}
