/**
 * ========== 3D VIEWER REGION ==========
 * Mounts the constellation viewer (src/render, <ConstellationView>) with the page's own
 * propagation engine, the analysis metrics for the colour maps, the capacity summary drawn in
 * the scene and the ground stations. Selection is shared both ways with the workspace store.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Fleet } from '../core/fleet/fleet';
import type { Scenario } from '../core/scenario/schema';
import type { PerSatelliteMetrics } from '../core/analysis/analytic';
import type { Rollup } from '../core/analysis/rollup';
import { createPropagationEngine } from '../engine';
import type { PropagationEngine } from '../engine/types';
import { ConstellationView, createViewerStore, defaultViewerState, type CapacitySummary, type ViewerHandle } from '../render';
import { useWorkspace } from './context';

export function ViewerRegion({ scenario, fleet, metrics, rollup }: { scenario: Scenario; fleet: Fleet | null; metrics: PerSatelliteMetrics | null; rollup: Rollup | null }) {
  const { store } = useWorkspace();
  const [engine, setEngine] = useState<PropagationEngine | null>(null);
  useEffect(() => {
    let e: PropagationEngine | null = null;
    try {
      e = createPropagationEngine();
      setEngine(e);
    } catch {
      setEngine(null);
    }
    return () => e?.dispose();
  }, []);
  const epochMs = Date.parse(scenario.epoch);
  const startMs = Date.parse(scenario.window.start);
  const endMs = startMs + scenario.window.durationMin * 60_000;
  // The capacity card in the scene repeats the capacity panel next to it: off here (embeds and
  // screenshots of the viewer alone keep it).
  const viewer = useMemo(() => createViewerStore({ epochMs, windowStartMs: startMs, windowEndMs: endMs, layers: { ...defaultViewerState().layers, capacity: false } }), []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    const s = viewer.getState();
    if (s.epochMs !== epochMs || s.windowStartMs !== startMs || s.windowEndMs !== endMs) viewer.setState({ epochMs, windowStartMs: startMs, windowEndMs: endMs });
  }, [viewer, epochMs, startMs, endMs]);

  // selection: viewer -> workspace
  useEffect(
    () =>
      viewer.subscribe(() => {
        const id = viewer.getState().selectedId;
        const ws = store.get();
        const next = id >= 0 ? id : null;
        if (ws.selectedSatelliteId !== next) {
          const shell = fleet && next !== null && next < fleet.count ? fleet.shells[fleet.shellIndex[next]] : null;
          store.set({ selectedSatelliteId: next, ...(shell ? { selectedShellId: shell.id } : {}) });
        }
      }),
    [viewer, store, fleet],
  );
  // selection: workspace -> viewer
  useEffect(
    () =>
      store.subscribe(() => {
        const id = store.get().selectedSatelliteId;
        const v = id ?? -1;
        if (viewer.getState().selectedId !== v) viewer.setState({ selectedId: v });
      }),
    [viewer, store],
  );

  const capacity: CapacitySummary | null = useMemo(
    () =>
      rollup
        ? {
            totalGW: rollup.totals.computeGW,
            mode: rollup.mode,
            shells: rollup.shells.map((s) => ({ name: s.name, usableGW: s.computeGW, binding: s.binding === 'installed' ? 'compute' : s.binding })),
          }
        : null,
    [rollup],
  );
  const [, setHandle] = useState<ViewerHandle | null>(null);
  return (
    <div data-testid="viewer-region" style={{ position: 'absolute', inset: 0 }}>
      <ConstellationView
        fleet={fleet}
        engine={engine}
        store={viewer}
        metrics={metrics ?? undefined}
        capacity={capacity}
        groundStations={scenario.groundStations}
        onReady={setHandle}
      />
    </div>
  );
}
