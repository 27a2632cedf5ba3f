/**
 * The 3D constellation viewer (issue 5). three.js through @react-three/fiber.
 *
 * ## Mounting
 * ```tsx
 * const store = useMemo(() => createViewerStore({ epochMs, windowStartMs, windowEndMs }), []);
 * <ConstellationView
 *   fleet={fleet}                 // Fleet (column arrays) or null
 *   engine={engine}               // PropagationEngine (createPropagationEngine()) or null
 *   store={store}                 // optional; the view makes its own otherwise
 *   metrics={perSatelliteMetrics} // optional ViewerMetrics: usablePowerW, powerMarginW, thermalMarginW,
 *                                 //   radiatorTempC, latencyMs (Float64Array, index = satellite id);
 *                                 //   analyzeAnalytic()'s PerSatelliteMetrics fits as is
 *   capacity={{ totalGW, shells: [{ name, usableGW, binding }] }}  // drawn in the scene
 *   groundStations={scenario.groundStations}
 *   onGlobeClick={(latDeg, lonDeg) => ...}  // optional: click on the Earth (no satellite there)
 *   onReady={(handle) => ...}     // ViewerHandle: stats(), pickAt() / pickAtAsync(), screenPosition(), state(), snapshot()
 *   topRight={<CaptureMenu ... />}  // optional controls in one row with the status text (never over it)
 * />
 * ```
 * The component fills its parent (give the parent a size). It takes the engine as a prop and never
 * creates one: the page owns the worker pool.
 *
 * ## Store (createViewerStore / useViewer / viewerActions)
 * colourMode ('shell' | 'sunlit' | 'power' | 'powerMargin' | 'thermalMargin' | 'radiatorTemp' |
 * 'latency'), selectedId (null = none), hoverId (-1 = none), clock (sim time is a linear function of wall time:
 * read it with `simTimeMs(state.clock)`), windowStartMs / windowEndMs (scrub range), epochMs,
 * layers (atmosphere, borders, sunDirection, shadowCone, planeRings, groundStations, links,
 * capacity), helpOpen, cameraRequest, status. Change it through `viewerActions(store)`
 * (play, pause, setSpeed, setTime, jumpToNow, jumpToEpoch, select, setColourMode, toggleLayer,
 * camera('earth' | 'shell' | 'station' | 'focus'), toggleHelp).
 *
 * ## How it draws a million satellites
 * One THREE.Points draw call; position and velocity from the last engine tick are attributes and
 * the vertex shader moves each point along its orbit (shaders.ts). With a shared-memory engine
 * made with `drawStates` the workers write the Float32 states the attributes point at (no pass over
 * the satellites on the main thread per tick; docs/ENGINE.md "States for the GPU"); otherwise the
 * main thread converts a tick (Float64 km -> Float32 Earth radii). Station links are chosen once
 * per tick, by the workers over every satellite (docs/ENGINE.md "Station links in the workers");
 * hover and click picking read the id buffer back asynchronously. Nothing per satellite per frame. Until the engine's first
 * tick, satellites are placed from their elements in chunks
 * (provisional.ts) so the first ones show at once. Picking renders ids into a 9x9 target (picking.ts).
 * Measured with `npx vite build && npx tsx bench/viewer-browser.ts` (main-thread ms and bytes
 * uploaded per frame at 100k and 1M).
 *
 * ## Files
 * ConstellationView.tsx (component + handle), scene.tsx (mounts the scene, wires the hooks),
 * viewerController.ts (no React: fleet layer and provisional fill, engine ticks, colours, picking,
 * camera presets, context loss, the per-frame work), tickLoop.ts (the engine tick loop, pure),
 * viewerHooks.ts (small hooks: ticks, stations, camera, picking, context loss),
 * satelliteLayer.ts + shaders.ts (the points), globe.ts (Earth, terminator, outlines, Sun, shadow),
 * orbits.ts (selected orbit, plane rings), stations.ts (stations, cones, links), islPath.ts (path
 * to the ground), capacityCard.ts (GW card in the scene), picking.ts, provisional.ts, astro.ts,
 * colormaps.ts + legend.ts (pure: maps, legends, colour fill), store.ts, runtime.ts, overlays.tsx.
 * The embed page (embed.html, src/app/embed) wraps this component with a URL configuration and a
 * postMessage API (src/app/embed/config.ts and api.ts document both).
 */
export { ConstellationView, type ConstellationViewProps, type ViewerHandle } from './ConstellationView';
export {
  createViewerStore,
  defaultViewerState,
  selectionId,
  simTimeMs,
  useStore,
  useViewer,
  viewerActions,
  MAX_SPEED,
  MIN_SPEED,
  SPEED_STEPS,
  type CameraPreset,
  type ViewerActions,
  type ViewerClock,
  type ViewerLayers,
  type ViewerState,
  type ViewerStore,
} from './store';
export {
  COLOUR_MODES,
  COLOUR_MODE_ORDER,
  legendFor,
  valueRange,
  type ColourMode,
  type Legend,
  type ViewerMetrics,
} from './legend';
export { niceTicks } from '../core/ticks';
export { sampleMap, cssGradient, CATEGORICAL, type ContinuousMapName } from './colormaps';
export type { CapacitySummary, CapacityShell } from './capacityCard';
export type { ViewerStats, SatelliteState } from './runtime';
export { SHORTCUTS } from './overlays';
