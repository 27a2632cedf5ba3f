/**
 * ========== 3D VIEWER REGION ==========
 * Mounts the constellation viewer (src/render, <ConstellationView>) with the page's own
 * propagation engine, the analysis metrics for the colour maps, the capacity summary drawn in
 * the scene and the ground stations. The viewer store (selection, clock) comes from the workspace.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Fleet } from '../core/fleet/fleet';
import type { Scenario } from '../core/scenario/schema';
import type { PerSatelliteMetrics } from '../core/analysis/metrics';
import type { Rollup } from '../core/analysis/rollup';
import { createPropagationEngine } from '../engine';
import type { PropagationEngine } from '../engine/types';
import { COLOUR_MODES, ConstellationView, simTimeMs, type CapacitySummary, type ViewerHandle, viewerActions } from '../render';
import { SatelliteSearch } from '../ui/SatelliteSearch';
import { resolveSatelliteRef } from '../core/fleet/search';
import { onPendingSatellite, peekPendingSatellite, takePendingSatellite } from './deepLink';
import { registerReportView } from './report';
import { registerViewEngine } from './viewPool';
import { CaptureMenu } from './capture/CaptureMenu';
import { useWorkspace, useWs } from '../ui/workspace';
import { addStation, stationAt } from '../core/scenario/operations';

export function ViewerRegion({
  scenario,
  fleet,
  metrics,
  rollup,
  fleetCurrent = true,
}: {
  scenario: Scenario;
  fleet: Fleet | null;
  metrics: PerSatelliteMetrics | null;
  rollup: Rollup | null;
  /** The fleet is the open scenario's, imports parsed (a #sat= link is resolved only then). */
  fleetCurrent?: boolean;
}) {
  const { store, viewer, actions } = useWorkspace();
  const [engine, setEngine] = useState<PropagationEngine | null>(null);
  useEffect(() => {
    let e: PropagationEngine | null = null;
    try {
      e = createPropagationEngine({ drawStates: true });
      // Worker restarts and similar events reach the user as messages, not a frozen view.
      e.onNotice((n) => actions.post(n.level, n.message));
      setEngine(e);
    } catch {
      setEngine(null);
    }
    // a sampled run of the fleet this view propagates runs on these workers (./viewPool.ts)
    const unregister = e ? registerViewEngine(e) : undefined;
    return () => {
      unregister?.();
      e?.dispose();
    };
  }, []);
  // The viewer store is made with the workspace (src/app/store.ts createPageViewer): it holds the
  // one selection the panels read too. Here it follows the scenario's epoch and window.
  const epochMs = Date.parse(scenario.epoch);
  const startMs = Date.parse(scenario.window.start);
  const endMs = startMs + scenario.window.durationMin * 60_000;
  useEffect(() => {
    const s = viewer.getState();
    if (s.epochMs !== epochMs || s.windowStartMs !== startMs || s.windowEndMs !== endMs)
      viewer.setState({ epochMs, windowStartMs: startMs, windowEndMs: endMs });
  }, [viewer, epochMs, startMs, endMs]);

  // Picking a satellite selects its shell in the editor and the charts.
  useEffect(() => {
    let last = viewer.getState().selectedId;
    return viewer.subscribe(() => {
      const id = viewer.getState().selectedId;
      if (id === last) return;
      last = id;
      const shell = fleet && id !== null && id < fleet.count ? fleet.shells[fleet.shellIndex[id]] : null;
      if (shell && store.getState().selectedShellId !== shell.id) store.setState({ selectedShellId: shell.id });
    });
  }, [viewer, store, fleet]);

  // A #sat= link (src/app/deepLink.ts): select and turn to it once the scenario's fleet is there.
  const [linkSeq, setLinkSeq] = useState(0);
  useEffect(() => onPendingSatellite(() => setLinkSeq((n) => n + 1)), []);
  useEffect(() => {
    if (!fleet || !fleetCurrent || peekPendingSatellite() === null) return;
    const ref = takePendingSatellite() ?? '';
    const r = resolveSatelliteRef(fleet, ref);
    if (r.ok) {
      const a = viewerActions(viewer);
      a.select(r.id);
      a.camera('focus');
    } else actions.post('error', `The link's satellite "${ref.slice(0, 60)}" was not found: ${r.error}. Nothing is selected.`);
  }, [fleet, fleetCurrent, linkSeq, viewer, actions]);

  const capacity: CapacitySummary | null = useMemo(
    () =>
      rollup
        ? {
            totalGW: rollup.totals.computeGW,
            mode: rollup.mode,
            shells: rollup.shells.map((s) => ({
              name: s.name,
              usableGW: s.computeGW,
              binding: s.binding === 'installed' ? 'compute' : s.binding,
            })),
          }
        : null,
    [rollup],
  );
  const [handle, setHandle] = useState<ViewerHandle | null>(null);
  // The report's picture: the view rendered now and read back (src/app/report.ts).
  useEffect(() => {
    if (!handle) return;
    return registerReportView(() => {
      const v = viewer.getState();
      const when = new Date(simTimeMs(v.clock)).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return {
        pngDataUrl: handle.snapshot(),
        caption: `The 3D view when the report was made: ${when}, colours: ${COLOUR_MODES[v.colourMode].label}.`,
      };
    });
  }, [handle, viewer]);
  const globePick = useWs((s) => s.globePick);
  // Click-on-globe: while the ground-station editor asks for it, a click (not a drag) on the
  // globe adds a station there; the click does not reach the viewer (no satellite pick).
  useEffect(() => {
    const canvas = handle?.canvas;
    if (!handle || !canvas || globePick !== 'station') return;
    let down: { x: number; y: number } | null = null;
    const onDown = (e: PointerEvent) => {
      down = { x: e.clientX, y: e.clientY };
    };
    const onClick = (e: MouseEvent) => {
      if (!down || Math.hypot(e.clientX - down.x, e.clientY - down.y) > 5) return; // a drag turns the globe
      const rect = canvas.getBoundingClientRect();
      const ll = handle.globeLatLonAt(e.clientX - rect.left, e.clientY - rect.top);
      e.stopPropagation();
      e.preventDefault();
      if (!ll) {
        actions.post('warning', 'That click missed the globe: click on the Earth to place a ground station.');
        return;
      }
      const station = stationAt(ll.latDeg, ll.lonDeg);
      const r = actions.edit((sc) => addStation(sc, station));
      if (!r.ok) actions.post('error', r.errors.join('\n'));
      else actions.post('info', `Added a ground station at ${station.latDeg.toFixed(2)}°, ${station.lonDeg.toFixed(2)}°.`);
      store.setState({ globePick: null });
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && store.setState({ globePick: null });
    canvas.addEventListener('pointerdown', onDown, true);
    canvas.addEventListener('click', onClick, true);
    window.addEventListener('keydown', onKey);
    canvas.style.cursor = 'crosshair';
    return () => {
      canvas.removeEventListener('pointerdown', onDown, true);
      canvas.removeEventListener('click', onClick, true);
      window.removeEventListener('keydown', onKey);
      canvas.style.cursor = '';
    };
  }, [handle, globePick, actions, store]);
  // per-satellite columns for the colour maps and the inspector, with the feasibility checks' columns
  const feas = rollup?.feasibility?.columns;
  const viewerMetrics = useMemo(
    () =>
      metrics
        ? {
            ...metrics,
            radiationDoseKradPerYear: feas?.radiationDoseKradPerYear,
            dragDeltaVMPerSPerYear: feas?.dragDeltaVMPerSPerYear,
            decayYears: feas?.decayYears,
            infeasibleReasons: feas?.reasons,
          }
        : undefined,
    [metrics, feas],
  );
  return (
    <div data-testid="viewer-region" style={{ position: 'absolute', inset: 0 }}>
      <ConstellationView
        fleet={fleet}
        engine={engine}
        store={viewer}
        metrics={viewerMetrics}
        capacity={capacity}
        groundStations={scenario.groundStations}
        onReady={setHandle}
        topRight={<CaptureMenu handle={handle} name={scenario.name} />}
      />
      <SatelliteSearch
        fleet={fleet}
        onPick={(id) => {
          // select (the inspector shows it) and turn the camera to it
          const a = viewerActions(viewer);
          a.select(id);
          a.camera('focus');
        }}
      />
    </div>
  );
}
