/**
 * The viewer controller and its tick loop in Node (no React, no WebGL): a fleet placed from its
 * elements, then SGP4 frames from the real in-thread propagation pool, compared with satellite.js.
 */
import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { json2satrec, propagate } from 'satellite.js';
import { buildFleet } from '../../../src/core/fleet/generators';
import { presetScenario } from '../../../src/core/presets';
import { WGS72 } from '../../../src/core/constants';
import { PropagationPool } from '../../../src/engine/propagationPool';
import { createRuntime } from '../../../src/render/runtime';
import { createViewerStore, viewerActions } from '../../../src/render/store';
import { ViewerController } from '../../../src/render/viewerController';
import { gmstRad } from '../../../src/render/astro';
import { MAX_LINKS_PER_STATION } from '../../../src/render/stations';

const until = async (cond: () => boolean, what: string, maxIterations = 2000): Promise<void> => {
  for (let i = 0; i < maxIterations; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never happened: ${what}`);
};

const scenario = presetScenario('starlink-72x22')!;
const fleet = buildFleet(scenario);

describe('ViewerController (Node, in-thread engine)', () => {
  it('places the fleet from its elements, then shows SGP4 states at the clock time (as satellite.js)', async () => {
    const t = Date.parse(scenario.window.start);
    const store = createViewerStore({ epochMs: t });
    viewerActions(store).pause();
    viewerActions(store).setTime(t);
    const ctrl = new ViewerController(store, createRuntime(store));
    const cleanup = ctrl.setFleet(fleet, 2);
    ctrl.applyColours(undefined);
    expect(store.getState().status.phase).toBe('provisional');
    const layer = ctrl.layer!;
    expect(layer.count).toBe(fleet.count);
    // shell colours: the first shell is the palette's first colour, #E69F00 (Okabe-Ito orange)
    expect(fleet.shellIndex[100]).toBe(0);
    expect(Array.from(layer.colours.subarray(300, 303))).toEqual([0xe6, 0x9f, 0x00]);
    const engine = new PropagationPool({ host: null, workers: 1 });
    const stop = ctrl.startEngine(engine);
    await until(() => store.getState().status.phase === 'ready', 'status ready');
    expect(store.getState().status).toMatchObject({ shown: fleet.count, total: fleet.count, message: 'SGP4 (in-thread)' });
    expect(layer.live).toBe(true);
    expect(layer.stateTimeMs).toBe(t);
    const e = fleet.elements;
    for (const i of [0, 777, fleet.count - 1]) {
      const rec = json2satrec({
        OBJECT_NAME: 'T',
        OBJECT_ID: '2026-001A',
        EPOCH: new Date(e.epochMs[i]).toISOString().replace('Z', ''),
        MEAN_MOTION: e.meanMotionRevPerDay[i],
        ECCENTRICITY: e.eccentricity[i],
        INCLINATION: e.inclinationDeg[i],
        RA_OF_ASC_NODE: e.raanDeg[i],
        ARG_OF_PERICENTER: e.argPerigeeDeg[i],
        MEAN_ANOMALY: e.meanAnomalyDeg[i],
        EPHEMERIS_TYPE: 0,
        CLASSIFICATION_TYPE: 'U',
        NORAD_CAT_ID: 1,
        ELEMENT_SET_NO: 999,
        REV_AT_EPOCH: 0,
        BSTAR: e.bstar[i],
        MEAN_MOTION_DOT: 0,
        MEAN_MOTION_DDOT: 0,
      });
      const pv = propagate(rec, new Date(t));
      if (!pv || typeof pv.position === 'boolean') throw new Error('satellite.js failed');
      const p = pv.position;
      // Float32 Earth radii: 1e-7 relative, well under a metre
      expect(Math.abs(layer.positions[3 * i] * WGS72.radiusKm - p.x)).toBeLessThan(0.01);
      expect(Math.abs(layer.positions[3 * i + 1] * WGS72.radiusKm - p.y)).toBeLessThan(0.01);
      expect(Math.abs(layer.positions[3 * i + 2] * WGS72.radiusKm - p.z)).toBeLessThan(0.01);
    }
    stop();
    cleanup();
    expect(ctrl.layer).toBeNull();
    engine.dispose();
  });

  it('chooses station links once per tick, above each station mask', async () => {
    const t = Date.parse(scenario.window.start);
    const store = createViewerStore({ epochMs: t });
    viewerActions(store).pause();
    viewerActions(store).setTime(t);
    const ctrl = new ViewerController(store, createRuntime(store));
    const cleanup = ctrl.setFleet(fleet, 2);
    const dropStations = ctrl.setStations(scenario.groundStations);
    // A renderer stand-in: the frame's own work (uniforms, links) runs, drawing is a no-op here.
    const gl = { autoClear: true, clear() {}, render() {}, clearDepth() {} } as unknown as THREE.WebGLRenderer;
    const scene = new THREE.Scene();
    const cam = new THREE.PerspectiveCamera();
    const engine = new PropagationPool({ host: null, workers: 1 });
    const stop = ctrl.startEngine(engine);
    const stats = ctrl.runtime.stats;
    await until(() => stats.ticks >= 1, 'first tick');
    for (let k = 0; k < 3; k++) {
      const ticks = stats.ticks;
      viewerActions(store).setTime(t + (k + 1) * 60_000); // a new time: one more tick
      await until(() => stats.ticks > ticks, `tick ${k + 2}`);
      for (let f = 0; f < 4; f++) ctrl.frame(gl, scene, cam);
    }
    stop();
    // one choice per tick (none in the frames that followed), none left to the frame loop; all of
    // them made by the engine's shards over every satellite, none by the main-thread fallback
    expect(stats.linkChoices).toBe(stats.ticks);
    expect(stats.workerLinkChoices).toBe(stats.ticks);
    expect(stats.linkFallbacks).toBe(0);
    expect(stats.linksDrawn).toBeGreaterThan(0);
    // every linked satellite is above its station's elevation mask (geometry recomputed here)
    const sl = ctrl.stations!;
    const layer = ctrl.layer!;
    const gmst = gmstRad(layer.stateTimeMs);
    const g = new THREE.Vector3();
    let links = 0;
    for (let i = 0; i < sl.stations.length; i++)
      for (let q = 0; q < MAX_LINKS_PER_STATION; q++) {
        const id = sl.linkIds[i * MAX_LINKS_PER_STATION + q];
        if (id < 0) continue;
        links++;
        sl.stationInertial(i, gmst, g);
        const d = new THREE.Vector3(layer.positions[3 * id], layer.positions[3 * id + 1], layer.positions[3 * id + 2]).sub(g);
        const elevDeg = 90 - (d.angleTo(g) * 180) / Math.PI;
        expect(elevDeg).toBeGreaterThanOrEqual(sl.stations[i].minElevationDeg ?? 25);
      }
    expect(links).toBeGreaterThan(0);
    dropStations();
    cleanup();
    engine.dispose();
  });

  it('new stations reach the engine: the next ticks carry their links; hidden links ask for none', async () => {
    const t = Date.parse(scenario.window.start);
    const store = createViewerStore({ epochMs: t });
    viewerActions(store).pause();
    viewerActions(store).setTime(t);
    const ctrl = new ViewerController(store, createRuntime(store));
    const cleanup = ctrl.setFleet(fleet, 2);
    const gl = { autoClear: true, clear() {}, render() {}, clearDepth() {} } as unknown as THREE.WebGLRenderer;
    const scene = new THREE.Scene();
    const cam = new THREE.PerspectiveCamera();
    const engine = new PropagationPool({ host: null, workers: 1 });
    const given: Array<unknown> = [];
    const setLinkStations = engine.setLinkStations.bind(engine);
    engine.setLinkStations = (st) => {
      given.push(st);
      setLinkStations(st);
    };
    let drop = ctrl.setStations(scenario.groundStations);
    const stop = ctrl.startEngine(engine);
    const stats = ctrl.runtime.stats;
    const tick = async (k: number) => {
      const ticks = stats.ticks;
      viewerActions(store).setTime(t + k * 60_000);
      await until(() => stats.ticks > ticks, `tick at +${k} min`);
      ctrl.frame(gl, scene, cam);
    };
    await tick(1);
    expect(given).toEqual([ctrl.stations!.linkSpec]);
    // the scenario's stations change (what useGroundStations does: drop the old layer, add the new)
    drop();
    const other = [{ name: 'Quito', latDeg: -0.18, lonDeg: -78.47, altitudeKm: 2.8, minElevationDeg: 10 }];
    drop = ctrl.setStations(other);
    const spec = ctrl.stations!.linkSpec;
    expect(given.at(-1)).toBe(spec);
    const before = stats.workerLinkChoices;
    await tick(2);
    await tick(3);
    expect(stats.workerLinkChoices).toBeGreaterThan(before);
    // the linked satellites are the new station's: above its 10 deg mask
    const layer = ctrl.layer!;
    const g = ctrl.stations!.stationInertial(0, gmstRad(layer.stateTimeMs), new THREE.Vector3());
    const ids = Array.from(ctrl.stations!.linkIds).filter((id) => id >= 0);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const d = new THREE.Vector3(layer.positions[3 * id], layer.positions[3 * id + 1], layer.positions[3 * id + 2]).sub(g);
      expect(90 - (d.angleTo(g) * 180) / Math.PI).toBeGreaterThanOrEqual(10);
    }
    // links hidden: the engine is told to choose none
    viewerActions(store).setLayers({ links: false });
    ctrl.frame(gl, scene, cam);
    expect(given.at(-1)).toBeNull();
    viewerActions(store).setLayers({ links: true });
    ctrl.frame(gl, scene, cam);
    expect(given.at(-1)).toBe(spec);
    stop();
    expect(given.at(-1)).toBeNull();
    drop();
    cleanup();
    engine.dispose();
  });

  it('an empty fleet says so and starts no engine', () => {
    const store = createViewerStore();
    const ctrl = new ViewerController(store, createRuntime(store));
    ctrl.setFleet(null, 2);
    expect(store.getState().status).toMatchObject({ phase: 'empty', shown: 0, message: 'No satellites' });
    ctrl.startEngine(new PropagationPool({ host: null, workers: 1 }))();
    expect(ctrl.layer).toBeNull();
  });
});
