/**
 * Embed entry (embed.html): the viewer alone, configured by the URL query (config.ts) and driven by
 * postMessage (api.ts). Builds the scenario's fleet, starts the propagation pool, shows the fleet
 * at once from its elements, then runs the analytic analysis for the colour maps and the capacity card.
 */
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { PerSatelliteMetrics } from '../../core/analysis/metrics';
import type { Rollup } from '../../core/analysis/rollup';
import { buildFleet } from '../../core/fleet/generators';
import type { Fleet } from '../../core/fleet/fleet';
import { defaultScenario, presetScenario } from '../../core/presets';
import type { Scenario } from '../../core/scenario/schema';
import { createPropagationEngine } from '../../engine';
import type { PropagationEngine } from '../../engine/types';
import { ConstellationView, createViewerStore, viewerActions, type CapacitySummary, type ViewerHandle } from '../../render';
import { installMessageApi } from './api';
import { parseEmbedQuery, walkerScenario, type EmbedConfig } from './config';

function chooseScenario(cfg: EmbedConfig): Scenario {
  const base = defaultScenario();
  if (cfg.sats !== null) {
    try {
      return walkerScenario(cfg.sats, base);
    } catch (e) {
      cfg.warnings.push(`sats=${cfg.sats}: ${(e as Error).message}; showing the default`);
      return base;
    }
  }
  if (cfg.preset) {
    const s = presetScenario(cfg.preset);
    if (s) return s;
    cfg.warnings.push(`preset=${cfg.preset}: unknown preset; showing the default`);
  }
  return base;
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

function EmbedApp({ cfg }: { cfg: EmbedConfig }) {
  const scenario = useMemo(() => chooseScenario(cfg), [cfg]);
  const epochMs = Date.parse(scenario.epoch);
  const winStart = Date.parse(scenario.window.start);
  const winEnd = winStart + scenario.window.durationMin * 60_000;
  const store = useMemo(() => {
    const t = cfg.timeMs ?? epochMs;
    const s = createViewerStore({
      epochMs,
      windowStartMs: Math.min(winStart, t),
      windowEndMs: Math.max(winEnd, t),
    });
    const a = viewerActions(s);
    a.setTime(t);
    if (cfg.paused) a.pause();
    if (cfg.speed !== null) a.setSpeed(cfg.speed);
    if (cfg.colour) a.setColourMode(cfg.colour);
    if (cfg.select !== null) a.select(cfg.select);
    a.setLayers(cfg.layers);
    return s;
  }, [cfg, epochMs, winStart, winEnd]);
  const [fleet, setFleet] = useState<Fleet | null>(null);
  const [engine, setEngine] = useState<PropagationEngine | null>(null);
  const [metrics, setMetrics] = useState<PerSatelliteMetrics | undefined>(undefined);
  const [capacity, setCapacity] = useState<CapacitySummary | null>(null);

  useEffect(() => {
    // Let the globe paint first, then build the fleet.
    const id = setTimeout(() => {
      const f = buildFleet(scenario);
      performance.mark('embed:fleet-built');
      setFleet(f);
    }, 0);
    return () => clearTimeout(id);
  }, [scenario]);

  useEffect(() => {
    if (!cfg.engine) return;
    // Start the workers once the first satellites are drawn (from their elements), so worker start-up
    // does not compete with the first picture for the CPU.
    let e: PropagationEngine | null = null;
    const start = () => {
      if (e) return;
      e = createPropagationEngine();
      setEngine(e);
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
  }, [cfg.engine, store]);

  useEffect(() => {
    if (!fleet || !cfg.analysis) return;
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

  const onReady = (h: ViewerHandle) => {
    installMessageApi(h);
  };

  return (
    <>
      <ConstellationView
        fleet={fleet}
        engine={engine}
        store={store}
        metrics={metrics}
        capacity={capacity}
        groundStations={scenario.groundStations}
        overlays={cfg.ui}
        globalKeys
        antialias={cfg.antialias}
        pointSizePx={cfg.pointSizePx ?? undefined}
        onReady={onReady}
        onGlobeClick={(latDeg, lonDeg) => {
          if (window.parent !== window) window.parent.postMessage({ type: 'ocv:globeClick', latDeg, lonDeg }, '*');
        }}
      />
      {cfg.warnings.length > 0 && (
        <div
          style={{
            position: 'absolute',
            top: 8,
            left: '50%',
            transform: 'translateX(-50%)',
            color: '#ffcf7a',
            font: '12px system-ui',
            background: 'rgba(12,17,28,0.9)',
            padding: '4px 8px',
            borderRadius: 4,
          }}
          data-testid="embed-warnings"
        >
          {cfg.warnings.join(' · ')}
        </div>
      )}
    </>
  );
}

const root = document.getElementById('root');
if (root) {
  const cfg = parseEmbedQuery(window.location.search);
  createRoot(root).render(
    <StrictMode>
      <EmbedApp cfg={cfg} />
    </StrictMode>,
  );
}
