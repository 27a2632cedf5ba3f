/**
 * The embeddable viewer as one mountable app: used by embed.html (URL configuration, postMessage API),
 * the library entry (`mount`, `<constellation-view>`) and the standalone file. Holds the scenario,
 * builds its fleet, starts the propagation pool (fewer workers and transferred buffers when the page
 * is not cross-origin isolated: src/engine), runs the analytic metrics for the colour maps, and
 * exposes an EmbedController whose `command` is the postMessage API (api.ts documents the messages).
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { PerSatelliteMetrics } from '../../core/analysis/metrics';
import type { Rollup } from '../../core/analysis/rollup';
import type { ElementColumns } from '../../core/elements/columns';
import { buildFleet, generatedShellCount, type ImportedElementsById } from '../../core/fleet/generators';
import { parseElementText } from '../../engine/elementsClient';
import type { Fleet } from '../../core/fleet/fleet';
import type { ImportedShell, Scenario } from '../../core/scenario/schema';
import { createStore, type Store } from '../../core/store';
import { createPropagationEngine } from '../../engine';
import type { PropagationEngine } from '../../engine/types';
import {
  ConstellationView,
  createViewerStore,
  useStore,
  viewerActions,
  type CapacitySummary,
  type ViewerHandle,
  type ViewerStore,
} from '../../render';
import { CaptureMenu, recordView } from '../capture/CaptureMenu';
import { intakeScenario } from '../../core/scenario/intake';
import { handleCommand, type Msg } from './api';
import type { EmbedConfig } from './config';

export type EmbedEvent =
  | { type: 'ocv:ready' }
  | { type: 'ocv:selection'; id: number }
  | { type: 'ocv:globeClick'; latDeg: number; lonDeg: number }
  | { type: 'ocv:scenario'; name: string; satellites: number }
  | { type: 'ocv:error'; error: string };

/** What `mount`, the custom element and the postMessage API share. */
export interface EmbedController {
  /** Run one command (the postMessage API: `{ type: 'ocv:...', ... }`); resolves with its result, rejects with a message. */
  command(msg: Msg): Promise<unknown>;
  /** Replace the scenario; an invalid one rejects with a message naming the field and changes nothing. */
  loadScenario(scenario: unknown, source?: string): Promise<{ name: string; satellites: number }>;
  /** Show an error message in the view (null clears it). */
  showMessage(error: string | null): void;
  /** The scenario shown now (null when none could be loaded). */
  scenario(): Scenario | null;
  /** The viewer's handle once its canvas exists. */
  viewer(): ViewerHandle | null;
  /** Listen for ready, selection, globeClick, scenario and error events; returns an unsubscribe function. */
  on(fn: (e: EmbedEvent) => void): () => void;
  destroy(): void;
}

/** The scenario the page starts with: a valid one, or a message about why none is shown. */
export type InitialScenario = { scenario: Scenario; notes: string[] } | { error: string } | { pending: string };

function windowOf(s: Scenario) {
  const epochMs = Date.parse(s.epoch);
  const start = Date.parse(s.window.start);
  return { epochMs, windowStartMs: start, windowEndMs: start + s.window.durationMin * 60_000 };
}

/**
 * The imported shells' element texts (carried in the scenario) parsed into columns for buildFleet,
 * and a note per shell that lost records or could not be read (that shell then draws nothing).
 */
async function parseImportedShells(
  shells: ImportedShell[],
  signal: AbortSignal,
): Promise<{ imported: ImportedElementsById; notes: string[] }> {
  const imported = new Map<string, ElementColumns>();
  const notes: string[] = [];
  for (const sh of shells) {
    try {
      const r = await parseElementText(sh.text, { acceptBadChecksums: sh.acceptBadChecksums }, signal);
      imported.set(sh.id, r.columns);
      if (r.accepted === 0) notes.push(`shell "${sh.name}": no usable element records`);
      else if (r.rejected.length > 0)
        notes.push(
          `shell "${sh.name}": ${r.rejected.length.toLocaleString('en-US')} element records rejected ` +
            `(first: line ${r.rejected[0].line}, ${r.rejected[0].reason})`,
        );
    } catch (e) {
      if (signal.aborted) break;
      notes.push(`shell "${sh.name}": its elements could not be read (${(e as Error).message})`);
    }
  }
  return { imported, notes };
}

/** Analytic metrics and the capacity summary; the analysis code is its own chunk, loaded after the first picture. */
async function analyse(fleet: Fleet, scenario: Scenario): Promise<{ metrics: PerSatelliteMetrics; capacity: CapacitySummary }> {
  const [{ analyzeAnalytic }, { finalizeRollup, rollupMetrics }] = await Promise.all([
    import('../../core/analysis/analytic'),
    import('../../core/analysis/rollup'),
  ]);
  const m = analyzeAnalytic(fleet, scenario);
  const r = finalizeRollup(rollupMetrics(fleet, scenario, m), fleet);
  return { metrics: m, capacity: capacityOf(r) };
}

function capacityOf(r: Rollup): CapacitySummary {
  return {
    totalGW: r.totals.computeGW,
    mode: r.mode,
    shells: r.shells.map((s) => ({ name: s.name, usableGW: s.computeGW, binding: s.binding === 'installed' ? 'compute' : s.binding })),
  };
}

interface AppState {
  scenario: Scenario | null;
  notes: string[];
  error: string | null;
  pending: string | null;
}

/** What the React tree reports back to the controller. */
interface Bridge {
  fleet: Fleet | null;
  handle: ViewerHandle | null;
  engine: PropagationEngine | null;
}

function EmbedApp({
  cfg,
  app,
  store,
  bridge,
  emit,
}: {
  cfg: EmbedConfig;
  /** The app's scenario and messages, outside React (commands may arrive before the first render). */
  app: Store<AppState>;
  store: ViewerStore;
  bridge: Bridge;
  emit: (e: EmbedEvent) => void;
}) {
  const { scenario, notes, error, pending } = useStore(app, (s) => s);
  const setError = (e: string | null) => app.setState({ error: e });
  const [fleet, setFleet] = useState<Fleet | null>(null);
  const [engine, setEngine] = useState<PropagationEngine | null>(null);
  const [metrics, setMetrics] = useState<PerSatelliteMetrics | undefined>(undefined);
  const [capacity, setCapacity] = useState<CapacitySummary | null>(null);
  const [handle, setHandle] = useState<ViewerHandle | null>(null);
  bridge.fleet = fleet;
  bridge.engine = engine;

  useEffect(() => {
    if (!scenario) return;
    setMetrics(undefined);
    setCapacity(null);
    let cancelled = false;
    const ac = new AbortController();
    const build = (imported?: ImportedElementsById) => {
      try {
        const f = buildFleet(scenario, { imported });
        performance.mark('embed:fleet-built');
        setFleet(f);
        emit({ type: 'ocv:scenario', name: scenario.name, satellites: f.count });
      } catch (e) {
        setError(`scenario "${scenario.name}": ${(e as Error).message}`);
      }
    };
    // Let the globe paint first, then build the fleet; imported element shells are parsed first
    // (off the main thread: the import worker), then the whole fleet is built once.
    const id = setTimeout(() => {
      const shells = scenario.shells.filter((sh): sh is ImportedShell => sh.kind === 'imported' && sh.enabled);
      if (shells.length === 0) return build();
      app.setState({
        pending: `Reading the elements of ${shells.length === 1 ? `"${shells[0].name}"` : `${shells.length} imported shells`} ...`,
      });
      parseImportedShells(shells, ac.signal).then(({ imported, notes: parseNotes }) => {
        if (cancelled) return;
        app.setState((st) => ({ pending: null, notes: [...st.notes, ...parseNotes] }));
        build(imported);
      });
    }, 0);
    return () => {
      cancelled = true;
      ac.abort();
      clearTimeout(id);
    };
  }, [scenario, emit, app]);

  useEffect(() => {
    if (!cfg.engine) return;
    // Start the workers once the first satellites are drawn (from their elements), so worker start-up
    // does not compete with the first picture for the CPU.
    let e: PropagationEngine | null = null;
    const start = () => {
      if (e) return;
      try {
        e = createPropagationEngine({ drawStates: true, ...(cfg.workers !== null ? { workers: cfg.workers } : {}) });
        setEngine(e);
      } catch (err) {
        setError(`propagation workers could not start (${(err as Error).message}); satellites stay at their element positions`);
      }
    };
    const timer = setTimeout(start, 3000);
    const unsub = store.subscribe(() => {
      if (store.getState().status.shown > 0) start();
    });
    return () => {
      clearTimeout(timer);
      unsub();
      e?.dispose();
    };
  }, [cfg.engine, cfg.workers, store]);

  useEffect(() => {
    if (!fleet || !scenario || !cfg.analysis) return;
    // Once the first satellites are on screen: the analytic pass blocks the main thread briefly.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const run = () => {
      timer = setTimeout(() => {
        analyse(fleet, scenario).then(
          (r) => {
            if (cancelled) return;
            setMetrics(r.metrics);
            setCapacity(r.capacity);
          },
          (e: unknown) => console.warn('analysis failed:', e),
        );
      }, 200);
    };
    let unsub: (() => void) | null = null;
    if (store.getState().status.shown > 0) run();
    else
      unsub = store.subscribe(() => {
        if (store.getState().status.shown > 0 && unsub) {
          unsub();
          unsub = null;
          run();
        }
      });
    return () => {
      cancelled = true;
      unsub?.();
      clearTimeout(timer);
    };
  }, [fleet, scenario, cfg.analysis, store]);

  useEffect(() => {
    if (cfg.view) {
      const id = setTimeout(() => viewerActions(store).camera(cfg.view!), 0);
      return () => clearTimeout(id);
    }
  }, [cfg.view, store, fleet]);

  const messages = [...cfg.warnings, ...notes];
  return (
    <>
      <ConstellationView
        fleet={fleet}
        engine={engine}
        store={store}
        metrics={metrics}
        capacity={capacity}
        groundStations={scenario?.groundStations ?? []}
        overlays={cfg.ui}
        globalKeys={cfg.globalKeys}
        antialias={cfg.antialias}
        pointSizePx={cfg.pointSizePx ?? undefined}
        onReady={(h) => {
          setHandle(h);
          bridge.handle = h;
          emit({ type: 'ocv:ready' });
        }}
        onGlobeClick={(latDeg, lonDeg) => emit({ type: 'ocv:globeClick', latDeg, lonDeg })}
        topRight={cfg.ui ? <CaptureMenu handle={handle} name={scenario?.name ?? 'constellation'} /> : undefined}
      />
      {(error || pending || messages.length > 0) && (
        <div className="ocv-embed-messages" data-testid="embed-messages">
          {pending && !error && (
            <div className="ocv-embed-msg" data-testid="embed-pending">
              {pending}
            </div>
          )}
          {error && (
            <div className="ocv-embed-msg ocv-embed-error" role="alert" data-testid="embed-error">
              <span>{error}</span>
              {scenario && (
                <button className="ocv-btn" onClick={() => setError(null)} aria-label="Dismiss">
                  ×
                </button>
              )}
            </div>
          )}
          {messages.length > 0 && (
            <div className="ocv-embed-msg" data-testid="embed-warnings">
              {messages.join(' · ')}
            </div>
          )}
        </div>
      )}
    </>
  );
}

const EMBED_CSS =
  `
.ocv-embed-host { position: relative; width: 100%; height: 100%; }
.ocv-embed-messages { position: absolute; top: 8px; left: 50%; transform: translateX(-50%); max-width: min(720px, 90%); display: ` +
  `grid; gap: 4px;
  font: 12px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; z-index: 3; }
.ocv-embed-msg { color: #ffcf7a; background: rgba(12, 17, 28, 0.92); padding: 4px 8px; border-radius: 4px; overflow-wrap: anywhere; }
.ocv-embed-error { color: #ffb4a8; border: 1px solid rgba(255, 120, 100, 0.55); display: flex; gap: 8px; align-items: flex-start; }
.ocv-embed-error .ocv-btn { margin-left: auto; padding: 0 6px; }
`;
let cssInjected = false;

/**
 * Mount the viewer app in `element`. The scenario may be given at once, later (`initial` pending,
 * then `controller.loadScenario`), or not at all (an error message in the view).
 */
export function mountViewerApp(element: HTMLElement, cfg: EmbedConfig, initial: InitialScenario): EmbedController {
  if (!cssInjected) {
    cssInjected = true;
    const el = document.createElement('style');
    el.dataset.owner = 'ocv-embed';
    el.textContent = EMBED_CSS;
    document.head.appendChild(el);
  }
  element.classList.add('ocv-embed-host');
  const first = 'scenario' in initial ? initial.scenario : null;
  const w = first
    ? windowOf(first)
    : { epochMs: cfg.timeMs ?? Date.now(), windowStartMs: cfg.timeMs ?? Date.now(), windowEndMs: (cfg.timeMs ?? Date.now()) + 6e6 };
  const t = cfg.timeMs ?? w.epochMs;
  const store = createViewerStore({
    epochMs: w.epochMs,
    windowStartMs: Math.min(w.windowStartMs, t),
    windowEndMs: Math.max(w.windowEndMs, t),
  });
  const a = viewerActions(store);
  a.setTime(t);
  if (cfg.paused) a.pause();
  if (cfg.speed !== null) a.setSpeed(cfg.speed);
  if (cfg.colour) a.setColourMode(cfg.colour);
  if (cfg.select !== null) a.select(cfg.select);
  a.setLayers(cfg.layers);

  const listeners = new Set<(e: EmbedEvent) => void>();
  let ready = false;
  const emit = (e: EmbedEvent) => {
    if (e.type === 'ocv:ready') {
      if (ready) return; // StrictMode mounts twice in development
      ready = true;
    }
    for (const l of listeners) l(e);
  };
  const bridge: Bridge = { fleet: null, handle: null, engine: null };
  const app = createStore<AppState>({
    scenario: first,
    notes: 'notes' in initial ? initial.notes : [],
    error: 'error' in initial ? initial.error : null,
    pending: 'pending' in initial ? initial.pending : null,
  });
  let lastSel = store.getState().selectedId;
  const unsubSel = store.subscribe(() => {
    const id = store.getState().selectedId;
    if (id !== lastSel) {
      lastSel = id;
      emit({ type: 'ocv:selection', id: id ?? -1 });
    }
  });

  const waitForHandle = async (): Promise<ViewerHandle> => {
    for (let i = 0; i < 200 && !bridge.handle; i++) await new Promise((r) => setTimeout(r, 50));
    if (!bridge.handle) throw new Error('the view is not ready (no WebGL canvas yet)');
    return bridge.handle;
  };

  const loadScenario = async (doc: unknown, source = 'ocv:loadScenario') => {
    const r = intakeScenario(doc, source);
    if (!r.ok) {
      app.setState({ error: r.error, pending: null });
      emit({ type: 'ocv:error', error: r.error });
      throw new Error(r.error);
    }
    const nw = windowOf(r.scenario);
    store.setState({ ...nw, selectedId: null });
    viewerActions(store).setTime(nw.epochMs);
    app.setState({ scenario: r.scenario, notes: r.notes, error: null, pending: null });
    let total = 0;
    for (const sh of r.scenario.shells) if (sh.enabled) total += generatedShellCount(sh);
    return { name: r.scenario.name, satellites: total };
  };

  const controller: EmbedController = {
    async command(msg) {
      switch (msg.type) {
        case 'ocv:loadScenario':
          if (msg.scenario === undefined) throw new Error('scenario: expected a scenario object or JSON text');
          return loadScenario(msg.scenario);
        case 'ocv:getState': {
          const base = bridge.handle ? (handleCommand(bridge.handle, msg) as Record<string, unknown>) : {};
          return {
            ...base,
            status: store.getState().status,
            satellites: store.getState().status.shown,
            fleetSatellites: bridge.fleet?.count ?? 0,
            scenarioName: app.getState().scenario?.name ?? null,
            // how the states are made: 'shared' / 'transfer' / 'in-thread' and the worker threads in use (null: no engine)
            engine: bridge.engine ? { mode: bridge.engine.mode, workers: bridge.engine.workers ?? 0 } : null,
            crossOriginIsolated: globalThis.crossOriginIsolated === true,
          };
        }
        case 'ocv:snapshot': {
          const h = await waitForHandle();
          const scale = msg.scale === undefined ? 1 : msg.scale;
          if (typeof scale !== 'number' || !(scale >= 0.25 && scale <= 8))
            throw new Error('scale: expected a number from 0.25 to 8 (1, 2 or 4 for slides)');
          return h.snapshot(scale);
        }
        case 'ocv:record': {
          const h = await waitForHandle();
          const seconds = msg.seconds;
          if (typeof seconds !== 'number' || !(seconds > 0 && seconds <= 120))
            throw new Error('seconds: expected a number above 0 and at most 120');
          const blob = await recordView(h, seconds);
          return blob;
        }
        default: {
          const h = await waitForHandle();
          return handleCommand(h, msg);
        }
      }
    },
    loadScenario: (doc, source) => loadScenario(doc, source),
    showMessage(error) {
      app.setState({ error, pending: null });
      if (error) emit({ type: 'ocv:error', error });
    },
    scenario: () => app.getState().scenario,
    viewer: () => bridge.handle,
    on(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    destroy() {
      unsubSel();
      listeners.clear();
      root.unmount();
    },
  };

  const root = createRoot(element);
  root.render(
    <StrictMode>
      <EmbedApp cfg={cfg} app={app} store={store} bridge={bridge} emit={emit} />
    </StrictMode>,
  );
  return controller;
}
