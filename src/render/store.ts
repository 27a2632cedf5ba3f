/**
 * The viewer store: colour mode, selection, layers, camera requests and the simulation clock.
 * A store made by createStore (src/core/store.ts, the page's one store implementation) read through
 * `useViewer` / `useStore` in React and through `getState()` inside the frame loop, so per-frame
 * code never goes through React. The selected satellite lives here only (`selectedId`): the
 * workspace panels, the inspector and the frame loop all read this one field.
 *
 * The clock is not stored as "current time" (that would change every frame). It is a linear map
 * from wall time: simTime(wall) = baseSimMs + (playing ? (wall - baseWallMs) * speed : 0).
 * Play, pause, speed and scrub rebase it; everything else only reads it.
 */
import { useSyncExternalStore } from 'react';
import { createStore, type Store } from '../core/store';
import type { ColourMode } from './legend';

export interface ViewerClock {
  baseSimMs: number;
  /** performance.now() at the rebase. */
  baseWallMs: number;
  /** Simulated seconds per wall second (1 = real time). */
  speed: number;
  playing: boolean;
}

export interface ViewerLayers {
  atmosphere: boolean;
  borders: boolean;
  sunDirection: boolean;
  shadowCone: boolean;
  /** One ring per orbital plane of every generated shell. */
  planeRings: boolean;
  groundStations: boolean;
  /** Station-to-satellite links for satellites in view. */
  links: boolean;
  /** Capacity card (per-shell GW bars and total) drawn in the scene. */
  capacity: boolean;
}

export type CameraPreset = 'earth' | 'shell' | 'station' | 'focus';

export interface ViewerState {
  colourMode: ColourMode;
  /** The selected satellite's id (index in the fleet), or null when none is selected. */
  selectedId: number | null;
  /** The satellite under the pointer, or -1. */
  hoverId: number;
  clock: ViewerClock;
  /** Scrub bounds (analysis window), Unix ms. */
  windowStartMs: number;
  windowEndMs: number;
  /** Scenario epoch, Unix ms ("jump to epoch"). */
  epochMs: number;
  layers: ViewerLayers;
  helpOpen: boolean;
  /** Index of the ground station used by the 'station' preset. */
  stationIndex: number;
  /** A camera move request; `nonce` increases so the same preset can be asked twice. */
  cameraRequest: { preset: CameraPreset; nonce: number };
  /** Loading state shown to the user. */
  status: { phase: 'empty' | 'provisional' | 'ready' | 'error'; shown: number; total: number; message: string };
  contextLost: boolean;
  /** A heavy task runs in the page: the view ticks every BACKGROUND_TICK_INTERVAL_MS (./tickLoop.ts). */
  backgroundTask: boolean;
}

export const MIN_SPEED = 1;
export const MAX_SPEED = 10_000;
export const SPEED_STEPS = [1, 10, 60, 100, 300, 1000, 3000, 10_000];

export type ViewerStore = Store<ViewerState>;

const wallNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function defaultViewerState(timeMs = Date.now()): ViewerState {
  return {
    colourMode: 'shell',
    selectedId: null,
    hoverId: -1,
    clock: { baseSimMs: timeMs, baseWallMs: wallNow(), speed: 60, playing: true },
    windowStartMs: timeMs,
    windowEndMs: timeMs + 100 * 60_000,
    epochMs: timeMs,
    layers: {
      atmosphere: true,
      borders: true,
      sunDirection: false,
      shadowCone: false,
      planeRings: false,
      groundStations: true,
      links: true,
      capacity: true,
    },
    helpOpen: false,
    stationIndex: 0,
    cameraRequest: { preset: 'earth', nonce: 0 },
    status: { phase: 'empty', shown: 0, total: 0, message: '' },
    contextLost: false,
    backgroundTask: false,
  };
}

export function createViewerStore(initial: Partial<ViewerState> = {}): ViewerStore {
  return createStore<ViewerState>({ ...defaultViewerState(), ...initial });
}

/** React hook on any store (src/core/store.ts): re-render when the selected slice changes (compared by Object.is). */
export function useStore<S, T>(store: Store<S>, select: (s: S) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getState()),
    () => select(store.getState()),
  );
}

/** `useStore` on the viewer store. */
export const useViewer: <T>(store: ViewerStore, select: (s: ViewerState) => T) => T = useStore;

/** A satellite id from outside (a click, a message, a key): a non-negative integer, anything else clears. */
export const selectionId = (id: unknown): number | null => (typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null);

/** Simulated time, Unix ms, at wall time `wallMs` (performance.now()). */
export function simTimeMs(clock: ViewerClock, wallMs = wallNow()): number {
  return clock.playing ? clock.baseSimMs + (wallMs - clock.baseWallMs) * clock.speed : clock.baseSimMs;
}

const rebase = (clock: ViewerClock, patch: Partial<ViewerClock>, wall = wallNow()): ViewerClock => ({
  ...clock,
  baseSimMs: simTimeMs(clock, wall),
  baseWallMs: wall,
  ...patch,
});

/** Actions on a store: the only way the UI changes the clock. */
export const viewerActions = (store: ViewerStore) => ({
  play: () => store.setState((s) => ({ clock: rebase(s.clock, { playing: true }) })),
  pause: () => store.setState((s) => ({ clock: rebase(s.clock, { playing: false }) })),
  togglePlay: () => store.setState((s) => ({ clock: rebase(s.clock, { playing: !s.clock.playing }) })),
  setSpeed: (speed: number) =>
    store.setState((s) => ({
      clock: rebase(s.clock, { speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, Number.isFinite(speed) ? speed : 1)) }),
    })),
  faster: () =>
    store.setState((s) => {
      const next = SPEED_STEPS.find((v) => v > s.clock.speed) ?? MAX_SPEED;
      return { clock: rebase(s.clock, { speed: next }) };
    }),
  slower: () =>
    store.setState((s) => {
      const next = [...SPEED_STEPS].reverse().find((v) => v < s.clock.speed) ?? MIN_SPEED;
      return { clock: rebase(s.clock, { speed: next }) };
    }),
  setTime: (ms: number) => store.setState((s) => (Number.isFinite(ms) ? { clock: rebase(s.clock, { baseSimMs: ms }) } : {})),
  jumpToNow: () => store.setState((s) => ({ clock: rebase(s.clock, { baseSimMs: Date.now() }) })),
  jumpToEpoch: () => store.setState((s) => ({ clock: rebase(s.clock, { baseSimMs: s.epochMs }) })),
  select: (id: number | null) => store.setState({ selectedId: selectionId(id) }),
  setColourMode: (colourMode: ColourMode) => store.setState({ colourMode }),
  toggleLayer: (k: keyof ViewerLayers) => store.setState((s) => ({ layers: { ...s.layers, [k]: !s.layers[k] } })),
  setLayers: (p: Partial<ViewerLayers>) => store.setState((s) => ({ layers: { ...s.layers, ...p } })),
  camera: (preset: CameraPreset) => store.setState((s) => ({ cameraRequest: { preset, nonce: s.cameraRequest.nonce + 1 } })),
  toggleHelp: () => store.setState((s) => ({ helpOpen: !s.helpOpen })),
});
export type ViewerActions = ReturnType<typeof viewerActions>;
