/**
 * DOM overlays of the viewer: time controls, legend with colour-mode picker, inspector, help,
 * loading status and context-loss notice. They read the store through `useViewer` and the
 * satellite state through the runtime at 4 Hz; nothing here runs per frame.
 */
import type React from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { WGS72 } from '../core/constants';
import type { Fleet } from '../core/fleet/fleet';
import { satelliteName } from '../core/fleet/fleet';
import { sgp4SemiMajorAxisKm } from '../core/orbit';
import { betaAngleFromStateRad, conicalShadowFraction } from '../core/physics/eclipse';
import { DEG2RAD, RAD2DEG } from '../core/units';
import { cssGradient, rgbCss } from './colormaps';
import { COLOUR_MODE_ORDER, COLOUR_MODES, formatValue, legendFor, type ColourMode, type ViewerMetrics } from './legend';
import { stateOf, type ViewerRuntime } from './runtime';
import { SUN_ANGULAR_RADIUS_RAD } from './satelliteLayer';
import { BACKGROUND_SOFTWARE_FRAME_MS } from './viewerController';
import { usePopupFocus } from './focus';
import { SPEED_STEPS, simTimeMs, useViewer, viewerActions, type ViewerLayers, type ViewerStore } from './store';

/** Re-render every `ms` (for the clock and the inspector). */
function useTick(ms: number): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setN((k) => k + 1), ms);
    return () => clearInterval(id);
  }, [ms]);
  return n;
}

export function formatUtc(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const speedLabel = (s: number) => (s === 1 ? 'real time' : `${s.toLocaleString('en-US')}×`);

export function TimeControls({ store }: { store: ViewerStore }): React.JSX.Element {
  useTick(250);
  const clock = useViewer(store, (s) => s.clock);
  const ws = useViewer(store, (s) => s.windowStartMs);
  const we = useViewer(store, (s) => s.windowEndMs);
  const a = useMemo(() => viewerActions(store), [store]);
  const t = simTimeMs(clock);
  // The slider covers the analysis window, stretched to take in the clock when it runs outside it
  // (the part outside is marked, and the clock says so), so the thumb never sticks at an end.
  const lo = Math.min(ws, t);
  const hi = Math.max(we, t);
  const span = Math.max(1, hi - lo);
  const frac = Math.min(1, Math.max(0, (t - lo) / span));
  const outside = t < ws ? 'before' : t > we ? 'after' : null;
  const winA = ((ws - lo) / span) * 100;
  const winB = ((we - lo) / span) * 100;
  return (
    <div className="ocv-time" data-testid="time-controls">
      <button
        type="button"
        className="ocv-btn ocv-play"
        data-testid="play-pause"
        onClick={a.togglePlay}
        aria-label={clock.playing ? 'Pause' : 'Play'}
        title={`${clock.playing ? 'Pause' : 'Play'} (Space)`}
      >
        <span aria-hidden="true">{clock.playing ? '❚❚' : '▶'}</span>
      </button>
      <select
        className="ocv-select"
        data-testid="speed"
        value={clock.speed}
        onChange={(e) => a.setSpeed(Number(e.target.value))}
        title="Speed (+ / -)"
      >
        {[...new Set([...SPEED_STEPS, clock.speed])]
          .sort((x, y) => x - y)
          .map((s) => (
            <option key={s} value={s}>
              {speedLabel(s)}
            </option>
          ))}
      </select>
      <input
        className="ocv-scrub"
        data-testid="scrub"
        type="range"
        min={0}
        max={1000}
        value={Math.round(frac * 1000)}
        onChange={(e) => a.setTime(lo + (Number(e.target.value) / 1000) * span)}
        aria-label="Time"
        aria-valuetext={`${formatUtc(t)}${outside ? `, ${outside} the analysis window` : ''}`}
        title={outside ? `The clock is ${outside} the analysis window (shaded part of the bar)` : 'Scrub within the analysis window'}
        style={
          outside
            ? {
                background:
                  `linear-gradient(to right, rgba(255,180,80,0.35) ${winA}%, rgba(86,180,233,0.35) ${winA}%, ` +
                  `rgba(86,180,233,0.35) ${winB}%, rgba(255,180,80,0.35) ${winB}%)`,
              }
            : undefined
        }
      />
      <button type="button" className="ocv-btn" onClick={a.jumpToEpoch} title="Jump to epoch (E)">
        Epoch
      </button>
      <button type="button" className="ocv-btn" onClick={a.jumpToNow} title="Jump to now (N)">
        Now
      </button>
      <span className="ocv-clock" data-testid="utc-clock">
        {formatUtc(t)}
        {outside ? (
          <span className="ocv-outside" data-testid="outside-window">
            {' '}
            {outside} window
          </span>
        ) : null}
      </span>
    </div>
  );
}

export function LegendPanel({
  store,
  fleet,
  metrics,
}: {
  store: ViewerStore;
  fleet: Fleet | null;
  metrics?: ViewerMetrics;
}): React.JSX.Element {
  const mode = useViewer(store, (s) => s.colourMode);
  const a = useMemo(() => viewerActions(store), [store]);
  const legend = useMemo(
    () => legendFor(mode, { shellNames: fleet?.shells.map((s) => s.name) ?? [], count: fleet?.count ?? 0, metrics }),
    [mode, fleet, metrics],
  );
  return (
    <div className="ocv-legend" data-testid="legend">
      <select
        className="ocv-select"
        data-testid="colour-mode"
        value={mode}
        onChange={(e) => a.setColourMode(e.target.value as ColourMode)}
        title="Colour by (1-7)"
      >
        {COLOUR_MODE_ORDER.map((m) => (
          <option key={m} value={m}>
            {COLOUR_MODES[m].key}. {COLOUR_MODES[m].label}
          </option>
        ))}
      </select>
      {legend.kind === 'categorical' ? (
        <ul className="ocv-cats" tabIndex={legend.items.length > 6 ? 0 : undefined} aria-label={`${legend.title} legend`}>
          {legend.items.map((it, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: legend rows are positional (one per shell, in fleet order; names may repeat)
            <li key={`${k}-${it.label}`} title={it.label}>
              <span className="ocv-swatch" style={{ background: rgbCss(it.colour) }} />
              <span className="ocv-cat-label">{it.label}</span>
            </li>
          ))}
        </ul>
      ) : Number.isFinite(legend.min) ? (
        <div data-testid="legend-range">
          <div className="ocv-bar" style={{ background: cssGradient(legend.map) }}>
            {legend.centredOnZero ? <span className="ocv-zero" data-testid="legend-zero" /> : null}
          </div>
          <div className="ocv-range">
            <span>
              {formatValue(legend.min)} {legend.unit}
            </span>
            {legend.centredOnZero ? <span>0</span> : null}
            <span>
              {formatValue(legend.max)} {legend.unit}
            </span>
          </div>
          {legend.centredOnZero ? (
            <div className="ocv-muted" data-testid="legend-below-zero">
              {legend.belowZero > 0
                ? `${legend.belowZero.toLocaleString('en-US')} below zero (red): short ` +
                  `of ${legend.title === 'Power margin' ? 'power' : 'heat rejection'}`
                : 'none below zero (red would mark a shortfall)'}
            </div>
          ) : null}
          {legend.missing > 0 && <div className="ocv-muted">{legend.missing.toLocaleString('en-US')} without data (grey)</div>}
        </div>
      ) : (
        <div className="ocv-muted" data-testid="legend-nodata">
          No {legend.title.toLowerCase()} yet: run the analysis.
        </div>
      )}
    </div>
  );
}

interface Row {
  k: string;
  v: string;
}

/** Inspector rows for satellite `id` (pure apart from reading the runtime state). */
export function inspectorRows(rt: ViewerRuntime, fleet: Fleet, id: number, metrics?: ViewerMetrics): Row[] {
  const els = fleet.elements;
  const shell = fleet.shells[fleet.shellIndex[id]];
  const rows: Row[] = [];
  rows.push({ k: 'Shell', v: shell ? shell.name : '–' });
  const e = els.eccentricity[id];
  const incRad = els.inclinationDeg[id] * DEG2RAD;
  const aKm = sgp4SemiMajorAxisKm(els.meanMotionRevPerDay[id], e, incRad);
  rows.push({ k: 'a / e / i', v: `${aKm.toFixed(1)} km / ${e.toFixed(5)} / ${els.inclinationDeg[id].toFixed(3)}°` });
  rows.push({
    k: 'RAAN / ω / M (epoch)',
    v: `${els.raanDeg[id].toFixed(2)}° / ${els.argPerigeeDeg[id].toFixed(2)}° / ${els.meanAnomalyDeg[id].toFixed(2)}°`,
  });
  const st = stateOf(rt, id);
  if (st) {
    const [x, y, z] = st.positionKm;
    const [vx, vy, vz] = st.velocityKmS;
    const r = Math.hypot(x, y, z);
    rows.push({ k: 'Altitude', v: `${(r - WGS72.radiusKm).toFixed(1)} km` });
    // Beta angle of the osculating orbit plane now (docs/PHYSICS.md, Sunlight and eclipse).
    const s = rt.sun;
    const beta = betaAngleFromStateRad(x, y, z, vx, vy, vz, s[0], s[1], s[2]) * RAD2DEG;
    rows.push({ k: 'Beta angle', v: `${beta.toFixed(1)}°` });
    // Conical shadow, as the sunlit colour mode and the sampled analysis use.
    const hidden = conicalShadowFraction(x, y, z, s[0], s[1], s[2], SUN_ANGULAR_RADIUS_RAD);
    rows.push({
      k: 'Now',
      v: hidden >= 1 ? 'in Earth shadow' : hidden <= 0 ? 'sunlit' : `penumbra (${Math.round(100 * hidden)} % of the Sun hidden)`,
    });
  }
  const gp = rt.groundPath;
  if (gp.id === id && rt.store.getState().layers.links)
    rows.push({
      k: 'Path to ground',
      v: gp.hops < 0 ? 'no +Grid route found' : gp.hops === 0 ? `direct to ${gp.station}` : `${gp.hops} ISL hops to ${gp.station}`,
    });
  const m = metrics;
  const fmt = (col: Float64Array | undefined, f: (v: number) => string) => (col && Number.isFinite(col[id]) ? f(col[id]) : '–');
  rows.push({ k: 'Orbit-avg power', v: fmt(m?.usablePowerW, (v) => `${formatValue(v / 1000)} kW`) });
  rows.push({ k: 'Power margin', v: fmt(m?.powerMarginW, (v) => `${formatValue(v / 1000)} kW`) });
  // orbit average, with the steady-state range from eclipse to orbit noon when known
  const lo = m?.radiatorTempEclipseC?.[id];
  const hi = m?.radiatorTempSunC?.[id];
  const range =
    hi !== undefined && Number.isFinite(hi)
      ? ` (${lo !== undefined && Number.isFinite(lo) ? formatValue(lo) : '–'} to ${formatValue(hi)})`
      : '';
  rows.push({ k: 'Radiator temp.', v: fmt(m?.radiatorTempC, (v) => `${formatValue(v)} °C${range}`) });
  rows.push({ k: 'Thermal margin', v: fmt(m?.thermalMarginW, (v) => `${formatValue(v / 1000)} kW`) });
  rows.push({ k: 'Latency to ground', v: fmt(m?.latencyMs, (v) => `${formatValue(v)} ms`) });
  rows.push({
    k: 'Dose / drag Δv',
    v:
      `${fmt(m?.radiationDoseKradPerYear, (v) => `${formatValue(v)} krad/yr`)} ` +
      `/ ${fmt(m?.dragDeltaVMPerSPerYear, (v) => `${formatValue(v)} m/s/yr`)}`,
  });
  const bits = m?.infeasibleReasons?.[id];
  if (bits !== undefined) {
    const names = (['power', 'heat', 'radiation', 'closest approach'] as const).filter((_, b) => bits & (1 << b));
    rows.push({ k: 'Feasible', v: names.length ? `no: ${names.join(', ')}` : 'yes' });
  }
  return rows;
}

export function Inspector({
  store,
  runtime,
  fleet,
  metrics,
}: {
  store: ViewerStore;
  runtime: ViewerRuntime;
  fleet: Fleet | null;
  metrics?: ViewerMetrics;
}): React.JSX.Element | null {
  useTick(250);
  const selectedId = useViewer(store, (s) => s.selectedId);
  const selected = selectedId !== null;
  const hover = useViewer(store, (s) => s.hoverId);
  const a = useMemo(() => viewerActions(store), [store]);
  const id = selectedId ?? hover;
  if (!fleet || id < 0 || id >= fleet.count) return null;
  const rows = inspectorRows(runtime, fleet, id, metrics);
  return (
    <div className={`ocv-inspector${selected ? '' : ' ocv-hover'}`} data-testid="inspector" data-sat-id={id}>
      <div className="ocv-inspector-head">
        <div>
          <div className="ocv-title">{satelliteName(fleet, id)}</div>
          <div className="ocv-muted">
            id <span data-testid="inspector-id">{id}</span>
            {fleet.elements.noradId[id] >= 0 ? ` · NORAD ${fleet.elements.noradId[id]}` : ''}
            {selected ? '' : ' · hover'}
          </div>
        </div>
        {selected && (
          <div>
            <button type="button" className="ocv-btn" onClick={() => a.camera('focus')} title="Focus (F)">
              Focus
            </button>
            <button type="button" className="ocv-btn" onClick={() => a.select(-1)} title="Clear selection (Esc)">
              ✕
            </button>
          </div>
        )}
      </div>
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={r.k}>
              <th>{r.k}</th>
              <td>{r.v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const SHORTCUTS: Array<[string, string]> = [
  ['Space', 'Play / pause'],
  ['+ / -', 'Faster / slower'],
  ['N / E', 'Jump to now / epoch'],
  ['1 – 7', 'Colour: shell, sunlit, power, power margin, thermal margin, radiator temp., latency'],
  ['Click', 'Select a satellite (Esc clears)'],
  ['[ / ]', 'Previous / next satellite'],
  ['F', 'Focus on the selection'],
  ['H / S / G', 'View: Earth, whole shell, next ground station'],
  ['O', 'Orbital plane rings'],
  ['L', 'Ground links'],
  ['A / B', 'Atmosphere / borders'],
  ['U / K', 'Sun direction / Earth shadow cone'],
  ['C', 'Capacity card'],
  ['?', 'This help'],
];

export function HelpOverlay({ store }: { store: ViewerStore }): React.JSX.Element | null {
  const open = useViewer(store, (s) => s.helpOpen);
  const a = useMemo(() => viewerActions(store), [store]);
  if (!open) return null;
  return <HelpCard onClose={a.toggleHelp} />;
}

/** The shortcuts card: a dialog that takes focus while open and gives it back (src/render/focus.ts). */
function HelpCard({ onClose }: { onClose: () => void }): React.JSX.Element {
  const card = useRef<HTMLDivElement>(null);
  usePopupFocus(card, { onClose });
  return (
    <div className="ocv-help" data-testid="help" onClick={onClose}>
      <div
        className="ocv-help-card"
        ref={card}
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="ocv-title">Keyboard shortcuts</div>
        <table>
          <tbody>
            {SHORTCUTS.map(([k, v]) => (
              <tr key={k}>
                <th>
                  <kbd>{k}</kbd>
                </th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="ocv-muted">Drag to rotate, wheel to zoom, right-drag to pan.</div>
        <button type="button" className="ocv-btn" onClick={onClose} data-testid="help-close">
          Close (Esc)
        </button>
      </div>
    </div>
  );
}

const LAYER_LABELS: Array<[keyof ViewerLayers, string, string]> = [
  ['atmosphere', 'Atmosphere', 'A'],
  ['borders', 'Borders', 'B'],
  ['sunDirection', 'Sun direction', 'U'],
  ['shadowCone', 'Earth shadow', 'K'],
  ['planeRings', 'Orbital planes', 'O'],
  ['groundStations', 'Ground stations', ''],
  ['links', 'Links', 'L'],
  ['capacity', 'Capacity card', 'C'],
];

/** The layer toggles, a pop-up of the Layers button: focus moves in, stays in, and goes back on close. */
function LayersPanel({
  layers,
  toggle,
  onClose,
}: {
  layers: ViewerLayers;
  toggle: (k: keyof ViewerLayers) => void;
  onClose: () => void;
}): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  usePopupFocus(box, { onClose, arrows: true });
  return (
    <div className="ocv-layers" data-testid="layers" ref={box} role="group" aria-label="Layers">
      {LAYER_LABELS.map(([k, label, key]) => (
        <label key={k}>
          <input type="checkbox" checked={layers[k]} onChange={() => toggle(k)} data-layer={k} />
          {label}
          {key && <kbd>{key}</kbd>}
        </label>
      ))}
    </div>
  );
}

/** View presets, layer toggles and help, bottom right. */
export function Toolbar({ store, stationNames = [] }: { store: ViewerStore; stationNames?: string[] }): React.JSX.Element {
  const layers = useViewer(store, (s) => s.layers);
  const stationIndex = useViewer(store, (s) => s.stationIndex);
  const onStation = useViewer(store, (s) => s.cameraRequest.preset === 'station');
  const n = stationNames.length;
  const station = n > 0 ? stationNames[((stationIndex % n) + n) % n] : '';
  const a = useMemo(() => viewerActions(store), [store]);
  const [open, setOpen] = useState(false);
  return (
    <div className="ocv-toolbar" data-testid="toolbar">
      {open && <LayersPanel layers={layers} toggle={a.toggleLayer} onClose={() => setOpen(false)} />}
      <button type="button" className="ocv-btn" onClick={() => a.camera('earth')} title="Earth view (H)">
        Earth
      </button>
      <button type="button" className="ocv-btn" onClick={() => a.camera('shell')} title="Whole shell (S)">
        Shell
      </button>
      <button
        type="button"
        className="ocv-btn"
        onClick={() => {
          store.setState((s) => ({ stationIndex: s.stationIndex + 1 }));
          a.camera('station');
        }}
        title={n > 0 ? `Next ground station (G): ${n} stations` : 'No ground stations in the scenario'}
        aria-label={onStation && station ? `Station view: ${station}. Next ground station` : 'Station view: next ground station'}
        disabled={n === 0}
        data-testid="station-button"
      >
        {onStation && station ? `Station: ${station}` : 'Station'}
      </button>
      <button
        type="button"
        className={`ocv-btn${open ? ' ocv-on' : ''}`}
        onClick={() => setOpen((o) => !o)}
        title="Layers"
        aria-expanded={open}
        data-testid="layers-button"
      >
        Layers
      </button>
      <button
        type="button"
        className="ocv-btn"
        onClick={a.toggleHelp}
        title="Keyboard shortcuts (?)"
        aria-haspopup="dialog"
        data-testid="help-button"
      >
        ?
      </button>
    </div>
  );
}

/** A lost graphics context not back after this long is reported as gone, not "restoring". */
export const CONTEXT_RESTORE_WAIT_MS = 8000;

/** True once the graphics context has been lost for CONTEXT_RESTORE_WAIT_MS without coming back. */
function useLostLong(store: ViewerStore): boolean {
  const lost = useViewer(store, (s) => s.contextLost);
  const [lostLong, setLostLong] = useState(false);
  useEffect(() => {
    setLostLong(false);
    if (!lost) return;
    const t = setTimeout(() => setLostLong(true), CONTEXT_RESTORE_WAIT_MS);
    return () => clearTimeout(t);
  }, [lost]);
  return lost && lostLong;
}

/** Over the whole view: the graphics context is gone for good (the status badge says "restoring" before that). */
export function ContextLostCard({ store, runtime }: { store: ViewerStore; runtime?: ViewerRuntime }): React.JSX.Element | null {
  const lostLong = useLostLong(store);
  if (!lostLong) return null;
  const times = runtime?.stats.contextLosses ?? 1;
  const again = times > 1 ? ` (lost ${times} times so far)` : '';
  return (
    <div className="ocv-nogl" data-testid="context-lost" role="alert">
      <div className="ocv-nogl-card">
        <div className="ocv-title">3D view stopped</div>
        <p>
          The graphics context was lost and has not come back{again}. The panels, charts and reports keep working; reload the page to try
          the 3D view again.
        </p>
      </div>
    </div>
  );
}

/** The status text (top right): loading, SGP4 mode and workers, errors, a lost context being restored. */
export function StatusBadge({ store, runtime }: { store: ViewerStore; runtime?: ViewerRuntime }): React.JSX.Element | null {
  const status = useViewer(store, (s) => s.status);
  const lost = useViewer(store, (s) => s.contextLost);
  const lostLong = useLostLong(store);
  // frames limited while a task runs on a software renderer (viewerController.ts, BACKGROUND_SOFTWARE_FRAME_MS)
  const limited = useViewer(store, (s) => s.backgroundTask && s.clock.playing) && runtime?.softwareGl === true;
  if (lost) {
    if (lostLong) return null; // ContextLostCard covers the view
    const times = runtime?.stats.contextLosses ?? 1;
    const again = times > 1 ? ` (lost ${times} times so far)` : '';
    return (
      <div className="ocv-status ocv-warn" data-testid="context-lost" role="status">
        Graphics context lost{again}: restoring…
      </div>
    );
  }
  if (status.phase === 'ready' || status.phase === 'empty') {
    return status.total > 0 ? (
      <div className="ocv-status" data-testid="status" data-phase={status.phase}>
        {status.total.toLocaleString('en-US')} satellites · {status.message}
        {limited ? (
          <span
            data-testid="frames-limited"
            title={
              `Drawn in software (no GPU): while a task runs the view draws one frame every ` +
              `${BACKGROUND_SOFTWARE_FRAME_MS / 1000} s, so the task gets the CPU. The camera still answers at once.`
            }
          >
            {` · 1 frame / ${BACKGROUND_SOFTWARE_FRAME_MS / 1000} s`}
          </span>
        ) : null}
      </div>
    ) : null;
  }
  return (
    <div className={`ocv-status${status.phase === 'error' ? ' ocv-warn' : ''}`} data-testid="status" data-phase={status.phase}>
      {status.phase === 'error'
        ? status.message
        : `${status.shown.toLocaleString('en-US')} of ${status.total.toLocaleString('en-US')} satellites ` +
          `· ${status.shown < status.total ? 'placing from elements' : 'waiting for SGP4'}`}
    </div>
  );
}

/**
 * Keyboard shortcuts on `target` (ignored while typing in form fields). `count` gives the number of satellites ([ and ] step
 * through them).
 */
export function useViewerKeys(store: ViewerStore, target: HTMLElement | Window | null, count: () => number = () => 0): void {
  const countRef = useRef(count);
  countRef.current = count;
  useEffect(() => {
    if (!target) return;
    const a = viewerActions(store);
    const onKey = (ev: Event) => {
      const e = ev as KeyboardEvent;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) && e.key !== 'Escape') return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const mode = COLOUR_MODE_ORDER.find((m) => COLOUR_MODES[m].key === e.key);
      let handled = true;
      if (mode) a.setColourMode(mode);
      else
        switch (e.key) {
          case ' ':
            a.togglePlay();
            break;
          case '+':
          case '=':
            a.faster();
            break;
          case '-':
          case '_':
            a.slower();
            break;
          case 'n':
          case 'N':
            a.jumpToNow();
            break;
          case 'e':
          case 'E':
            a.jumpToEpoch();
            break;
          case 'f':
          case 'F':
            a.camera('focus');
            break;
          case 'h':
          case 'H':
            a.camera('earth');
            break;
          case 's':
          case 'S':
            a.camera('shell');
            break;
          case 'g':
          case 'G':
            store.setState((s) => ({ stationIndex: s.stationIndex + 1 }));
            a.camera('station');
            break;
          case 'o':
          case 'O':
            a.toggleLayer('planeRings');
            break;
          case 'l':
          case 'L':
            a.toggleLayer('links');
            break;
          case 'a':
          case 'A':
            a.toggleLayer('atmosphere');
            break;
          case 'b':
          case 'B':
            a.toggleLayer('borders');
            break;
          case 'u':
          case 'U':
            a.toggleLayer('sunDirection');
            break;
          case 'k':
          case 'K':
            a.toggleLayer('shadowCone');
            break;
          case 'c':
          case 'C':
            a.toggleLayer('capacity');
            break;
          case '?':
            a.toggleHelp();
            break;
          case ']':
          case '[': {
            // step through the satellites (wrapping); from no selection, ] starts at the first
            const n = countRef.current();
            if (n > 0) {
              const cur = store.getState().selectedId;
              const step = e.key === ']' ? 1 : -1;
              a.select(cur === null ? (step > 0 ? 0 : n - 1) : (((cur + step) % n) + n) % n);
            }
            break;
          }
          case 'Escape':
            if (store.getState().helpOpen) a.toggleHelp();
            else a.select(null);
            break;
          default:
            handled = false;
        }
      if (handled) e.preventDefault();
    };
    target.addEventListener('keydown', onKey);
    return () => target.removeEventListener('keydown', onKey);
  }, [store, target]);
}

export const VIEWER_CSS =
  `
.ocv-root { container-type: size; container-name: ocv; position: relative; width: 100%; height: 100%; overflow: hidden; background: ` +
  `radial-gradient(ellipse at 50% 40%, #0b1322 0%, #04060b 70%); color: #dbe3ee; font: 13px/1.35 system-ui, -apple-system, 'Segoe ` +
  `UI', sans-serif; outline: none; }
.ocv-root canvas { display: block; cursor: grab; }
.ocv-root:focus-visible { outline: 2px solid #56B4E9; outline-offset: -3px; }
.ocv-btn:focus-visible, .ocv-select:focus-visible, .ocv-scrub:focus-visible { outline: 2px solid #56B4E9; outline-offset: 1px; }
.ocv-btn:disabled { opacity: 0.5; cursor: default; }
.ocv-outside { color: #ffcf7a; }
.ocv-btn { background: rgba(30, 40, 58, 0.9); color: #dbe3ee; border: 1px solid rgba(120, 150, 190, 0.35); border-radius: 4px;
  padding: 3px 8px; font: inherit; cursor: pointer; margin-left: 4px; }
.ocv-btn:hover { background: rgba(48, 64, 92, 0.95); }
.ocv-select { background: rgba(20, 28, 42, 0.95); color: #dbe3ee; border: 1px solid rgba(120, 150, 190, 0.35); border-radius: 4px;
  padding: 3px 4px; font: inherit; }
.ocv-time { position: absolute; left: 50%; bottom: 12px; transform: translateX(-50%); display: flex; align-items: center; gap: 6px;
  padding: 6px 10px; background: rgba(12, 17, 28, 0.82); border: 1px solid rgba(120, 150, 190, 0.3); border-radius: 6px; }
.ocv-play { width: 34px; margin-left: 0; }
.ocv-scrub { width: 220px; accent-color: #56B4E9; }
.ocv-clock { font-variant-numeric: tabular-nums; min-width: 170px; text-align: right; color: #f2f5fa; }
.ocv-legend { position: absolute; left: 12px; bottom: 12px; width: 240px; padding: 8px 10px; background: rgba(12, 17, 28, 0.82);
  border: 1px solid rgba(120, 150, 190, 0.3); border-radius: 6px; }
.ocv-legend .ocv-select { width: 100%; margin-bottom: 6px; }
.ocv-cats { list-style: none; margin: 0; padding: 0; max-height: min(36cqh, 260px); overflow-y: auto; }
.ocv-cats li { display: flex; align-items: flex-start; gap: 6px; padding: 1px 0; }
.ocv-cats .ocv-swatch { flex: none; margin-top: 3px; }
.ocv-cat-label { overflow-wrap: anywhere; }
.ocv-swatch { width: 10px; height: 10px; border-radius: 2px; display: inline-block; }
.ocv-bar { position: relative; height: 10px; border-radius: 2px; }
.ocv-zero { position: absolute; left: 50%; top: -3px; bottom: -3px; width: 2px; margin-left: -1px; background: #f2f5fa;
  box-shadow: 0 0 0 1px #04060b; }
.ocv-range { display: flex; justify-content: space-between; margin-top: 3px; font-variant-numeric: tabular-nums; }
.ocv-muted { color: #8fa3bf; font-size: 12px; }
.ocv-inspector { width: 300px; max-width: 100%; box-sizing: border-box; max-height: calc(100cqh - 150px); overflow-y: auto;
  pointer-events: auto; padding: 10px 12px; background: rgba(12, 17, 28, 0.88); border: 1px solid rgba(120, 150, 190, 0.35);
  border-radius: 6px; }
.ocv-inspector.ocv-hover { opacity: 0.85; }
.ocv-inspector-head { display: flex; justify-content: space-between; align-items: flex-start; margin-bottom: 6px; }
.ocv-title { font-weight: 600; color: #f2f5fa; font-size: 14px; }
.ocv-inspector table, .ocv-help table { border-collapse: collapse; width: 100%; }
.ocv-inspector th, .ocv-help th { text-align: left; font-weight: 400; color: #8fa3bf; padding: 2px 8px 2px 0; white-space: nowrap;
  vertical-align: top; }
.ocv-inspector td { text-align: right; font-variant-numeric: tabular-nums; padding: 2px 0; }
/* top right, in flow: the status text and the embedder's controls (Capture) in one row, the inspector under them */
.ocv-topright { position: absolute; right: 12px; top: 8px; max-width: calc(100% - 24px); display: flex; flex-direction: column;
  align-items: flex-end; gap: 6px; z-index: 2; pointer-events: none; }
.ocv-topright-row { display: flex; gap: 6px; align-items: flex-start; justify-content: flex-end; max-width: 100%;
  pointer-events: auto; }
.ocv-root[data-card='on'] .ocv-topright-row { max-width: calc(100cqw - 376px); }
.ocv-status { min-width: 0; text-align: right; padding: 3px 8px; background: rgba(12, 17, 28, 0.75); border-radius: 4px;
  color: #8fa3bf; font-size: 12px; overflow-wrap: anywhere; }
.ocv-warn { color: #ffcf7a; border: 1px solid rgba(255, 180, 80, 0.5); }
.ocv-nogl { position: absolute; inset: 0; z-index: 3; display: flex; align-items: center; justify-content: center; padding: 16px; }
.ocv-nogl-card { max-width: 460px; padding: 14px 18px; background: rgba(14, 20, 32, 0.95);
  border: 1px solid rgba(255, 180, 80, 0.5); border-radius: 8px; color: #c9d3e0; line-height: 1.45; }
.ocv-nogl-card p { margin: 6px 0 0; }
.ocv-help { position: absolute; inset: 0; z-index: 4; background: rgba(3, 5, 10, 0.6); display: flex; align-items: center;
  justify-content: center; }
@container ocv (max-width: 1180px) {
  .ocv-time { left: 8px; right: 8px; bottom: 8px; transform: none; padding: 4px 6px; gap: 4px; flex-wrap: nowrap; }
  .ocv-scrub { flex: 1; width: auto; min-width: 40px; }
  .ocv-clock { min-width: 0; font-size: 12px; white-space: nowrap; }
  .ocv-legend { left: 8px; bottom: 50px; width: 200px; padding: 6px 8px; font-size: 12px; }
  .ocv-cats { max-height: min(30cqh, 180px); overflow-y: auto; }
  .ocv-toolbar { right: 8px; bottom: 50px; }
  .ocv-toolbar .ocv-btn { padding: 2px 6px; font-size: 12px; margin-left: 2px; }
  .ocv-topright { right: 8px; top: 6px; }
  .ocv-inspector { width: 290px; max-height: calc(100cqh - 128px); padding: 6px 8px; font-size: 12px; }
  .ocv-inspector th { white-space: normal; width: 38%; }
}
@container ocv (max-width: 640px) {
  .ocv-time .ocv-btn:not(.ocv-play) { padding: 2px 4px; margin-left: 0; font-size: 11px; }
  .ocv-time .ocv-select { max-width: 64px; }
  .ocv-clock { font-size: 11px; }
  .ocv-legend { width: 170px; }
  .ocv-inspector { width: 250px; }
}
.ocv-help-card { background: rgba(14, 20, 32, 0.97); border: 1px solid rgba(120, 150, 190, 0.4); border-radius: 8px;
  padding: 16px 20px; width: 520px; }
.ocv-help td { padding: 3px 0; }
.ocv-help kbd { background: #1e2a3e; border: 1px solid #3a4a66; border-radius: 3px; padding: 0 5px;
  font: 12px ui-monospace, monospace; color: #f2f5fa; }
.ocv-toolbar { position: absolute; right: 12px; bottom: 44px; display: flex; gap: 0; align-items: flex-end; }
.ocv-on { background: rgba(60, 90, 130, 0.95); }
.ocv-layers { position: absolute; right: 0; bottom: 34px; background: rgba(12, 17, 28, 0.92);
  border: 1px solid rgba(120, 150, 190, 0.35); border-radius: 6px; padding: 6px 10px; min-width: 180px; }
.ocv-layers label { display: flex; align-items: center; gap: 6px; padding: 2px 0; cursor: pointer; }
.ocv-layers kbd { margin-left: auto; background: #1e2a3e; border: 1px solid #3a4a66; border-radius: 3px; padding: 0 4px;
  font: 11px ui-monospace, monospace; color: #c9d3e0; }
`;
