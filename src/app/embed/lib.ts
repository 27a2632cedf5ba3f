/**
 * Library entry (`npm run build` writes dist/lib/constellation-view.js, one ES module with its workers
 * inline): put the viewer into any page without an iframe. docs/EMBED.md has examples.
 *
 *   import { mount } from './constellation-view.js';
 *   const view = mount(document.getElementById('slide'), { scenario, paused: true, ui: false });
 *   await view.command({ type: 'ocv:setTime', time: '2026-03-20T12:00' });   // same commands as postMessage
 *   const png = await view.snapshot(2);
 *
 *   <constellation-view scenario-url="my-constellation.json" paused ui="0" style="height:540px"></constellation-view>
 *
 * The handle is the embed's EmbedController (command, loadScenario, on, destroy, ...) plus shortcuts.
 * The same module boots the standalone file (a `<script type="application/json" id="ocv-standalone">`
 * in the page holds the scenario and options).
 */
import type { ColourMode } from '../../render/legend';
import type { CameraPreset, ViewerLayers } from '../../render/store';
import { strFromU8 } from 'fflate';
import { base64UrlToBytes, decodeShareFragment, inflateWithBudget } from '../../core/report/shareLink';
import { intakeScenario, MAX_SCENARIO_JSON_CHARS } from '../../core/scenario/intake';
import { parseEmbedQuery, timeFromText, type EmbedConfig } from './config';
import { fetchScenarioText, initialScenario } from './sources';
import { mountViewerApp, type EmbedController, type InitialScenario } from './viewerApp';

export interface MountOptions {
  /** A scenario object (or its JSON text). Validated like every outside scenario; version 1 files load. */
  scenario?: unknown;
  /** URL of a scenario JSON (fetched; CORS applies). */
  scenarioUrl?: string;
  /** A planner share link (full URL or just `#s=1....`). */
  shareLink?: string;
  /** A preset key ('orbital-1m' ...) when no scenario is given. */
  preset?: string;
  /** Start time: ISO 8601 (UTC when it has no zone) or Unix ms. */
  time?: string | number;
  paused?: boolean;
  speed?: number;
  colour?: ColourMode;
  view?: CameraPreset;
  layers?: Partial<ViewerLayers>;
  /** DOM overlays (time controls, legend, inspector, capture menu); default true. */
  ui?: boolean;
  analysis?: boolean;
  /** Propagation workers (default true). */
  engine?: boolean;
  /** How many propagation workers (default: one per core, one fewer when the page is not cross-origin isolated). */
  workers?: number;
  antialias?: boolean;
  pointSizePx?: number;
  /** Keyboard shortcuts on the whole window (default false: only when the view has focus). */
  globalKeys?: boolean;
}

export interface ConstellationViewHandle extends EmbedController {
  play(): Promise<unknown>;
  pause(): Promise<unknown>;
  setTime(time: string | number): Promise<unknown>;
  getState(): Promise<Record<string, unknown>>;
  /** PNG data URL at `scale` x the element's CSS size. */
  snapshot(scale?: number): Promise<string>;
  /** WebM of `seconds` of the animation. */
  record(seconds: number): Promise<Blob>;
}

function configOf(o: MountOptions): EmbedConfig {
  const cfg = parseEmbedQuery('');
  cfg.preset = o.preset ?? null;
  if (o.time !== undefined) {
    const t = timeFromText(o.time);
    if (t === null) cfg.warnings.push(`time: ${JSON.stringify(o.time)} is not an ISO 8601 time or Unix ms; ignored`);
    else cfg.timeMs = t;
  }
  cfg.paused = o.paused ?? false;
  cfg.speed = o.speed ?? null;
  cfg.colour = o.colour ?? null;
  cfg.view = o.view ?? null;
  cfg.layers = o.layers ?? {};
  cfg.ui = o.ui ?? true;
  cfg.analysis = o.analysis ?? true;
  cfg.engine = o.engine ?? true;
  cfg.workers = o.workers !== undefined && Number.isInteger(o.workers) && o.workers >= 1 && o.workers <= 16 ? o.workers : null;
  if (o.workers !== undefined && cfg.workers === null) cfg.warnings.push(`workers: expected a whole number from 1 to 16; ignored`);
  cfg.antialias = o.antialias ?? true;
  cfg.pointSizePx = o.pointSizePx ?? null;
  cfg.globalKeys = o.globalKeys ?? false;
  return cfg;
}

/** Mount the viewer in `element` (give it a size). */
export function mount(element: HTMLElement, options: MountOptions = {}): ConstellationViewHandle {
  const cfg = configOf(options);
  let initial: InitialScenario;
  if (options.scenario !== undefined) {
    const r = intakeScenario(options.scenario, 'mount: scenario');
    initial = r.ok ? { scenario: r.scenario, notes: r.notes } : { error: r.error };
  } else if (options.shareLink) {
    const i = options.shareLink.indexOf('#');
    const r = decodeShareFragment(i >= 0 ? options.shareLink.slice(i) : options.shareLink);
    initial = r.ok ? { scenario: r.scenario, notes: r.notes ?? [] } : { error: r.error };
  } else if (options.scenarioUrl) initial = { pending: `Loading the scenario from ${options.scenarioUrl.slice(0, 200)} ...` };
  else initial = initialScenario(cfg, ''); // a preset or the default, as on the embed page
  const c = mountViewerApp(element, cfg, initial);
  if (options.scenarioUrl && options.scenario === undefined && !options.shareLink) {
    fetchScenarioText(options.scenarioUrl, location.href).then(
      (text) => c.loadScenario(text, 'scenario URL').catch(() => {}),
      (e: Error) => c.showMessage(e.message),
    );
  }
  return withShortcuts(c);
}

function withShortcuts(c: EmbedController): ConstellationViewHandle {
  return Object.assign(c, {
    play: () => c.command({ type: 'ocv:play' }),
    pause: () => c.command({ type: 'ocv:pause' }),
    setTime: (time: string | number) => c.command({ type: 'ocv:setTime', time }),
    getState: () => c.command({ type: 'ocv:getState' }) as Promise<Record<string, unknown>>,
    snapshot: (scale = 1) => c.command({ type: 'ocv:snapshot', scale }) as Promise<string>,
    record: (seconds: number) => c.command({ type: 'ocv:record', seconds }) as Promise<Blob>,
  });
}

const BOOL_ATTRS = ['paused', 'ui', 'analysis', 'engine', 'antialias', 'global-keys'] as const;

/**
 * `<constellation-view>`: attributes scenario-url, share-link, preset, time, paused, speed, colour,
 * view, ui="0", analysis="0", engine="0", antialias="0", point-size; property `scenario` (set
 * before or after connecting) and `handle` (the ConstellationViewHandle once connected).
 */
export function defineConstellationView(tag = 'constellation-view'): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  class ConstellationViewElement extends HTMLElement {
    handle: ConstellationViewHandle | null = null;
    private pendingScenario: unknown = undefined;
    get scenario(): unknown {
      return this.handle?.scenario() ?? this.pendingScenario;
    }
    set scenario(s: unknown) {
      if (this.handle) void this.handle.loadScenario(s).catch(() => {});
      else this.pendingScenario = s;
    }
    connectedCallback() {
      if (this.handle) return;
      if (!this.style.display) this.style.display = 'block';
      const attr = (n: string) => this.getAttribute(n);
      const flag = (n: (typeof BOOL_ATTRS)[number]) => {
        const v = attr(n);
        return v === null ? undefined : v !== '0' && v !== 'false';
      };
      const num = (n: string) => (attr(n) === null ? undefined : Number(attr(n)));
      this.handle = mount(this, {
        scenario: this.pendingScenario,
        scenarioUrl: attr('scenario-url') ?? undefined,
        shareLink: attr('share-link') ?? undefined,
        preset: attr('preset') ?? undefined,
        time: attr('time') ?? undefined,
        paused: flag('paused'),
        speed: num('speed'),
        colour: (attr('colour') ?? attr('color') ?? undefined) as ColourMode | undefined,
        view: (attr('view') ?? undefined) as CameraPreset | undefined,
        ui: flag('ui'),
        analysis: flag('analysis'),
        engine: flag('engine'),
        antialias: flag('antialias'),
        pointSizePx: num('point-size'),
        globalKeys: flag('global-keys'),
      });
      this.dispatchEvent(new CustomEvent('ocv:mounted', { detail: this.handle }));
      this.handle.on((e) => this.dispatchEvent(new CustomEvent(e.type, { detail: e })));
    }
    disconnectedCallback() {
      this.handle?.destroy();
      this.handle = null;
    }
  }
  customElements.define(tag, ConstellationViewElement);
}

defineConstellationView();

// The standalone file: the page carries its scenario and options as JSON (not executed).
const standalone = typeof document !== 'undefined' ? document.getElementById('ocv-standalone') : null;
if (standalone?.textContent) {
  const root = document.getElementById('root');
  let doc: { scenario?: unknown; scenarioDeflated?: unknown; options?: MountOptions } = {};
  try {
    doc = JSON.parse(standalone.textContent) as typeof doc;
  } catch {
    /* mount() shows the message below */
  }
  const packed = inflatedScenario(doc);
  if (root) {
    const scenario = doc.scenario ?? (packed && 'json' in packed ? packed.json : undefined) ?? standalone.textContent;
    const view = mount(root, { ...(doc.options ?? {}), globalKeys: true, scenario });
    if (packed && 'error' in packed) view.showMessage(packed.error);
  }
}

/** A large scenario in the standalone file (src/core/standalone.ts): raw DEFLATE, base64url. */
function inflatedScenario(doc: { scenarioDeflated?: unknown }): { json: string } | { error: string } | null {
  if (typeof doc.scenarioDeflated !== 'string') return null;
  const bytes = base64UrlToBytes(doc.scenarioDeflated);
  const out = bytes ? inflateWithBudget(bytes, MAX_SCENARIO_JSON_CHARS) : 'damaged';
  if (out === 'too-large') return { error: `standalone file: its scenario unpacks to more than ${MAX_SCENARIO_JSON_CHARS} bytes; refused` };
  if (out === 'damaged') return { error: 'standalone file: its compressed scenario is damaged (the file was cut or edited)' };
  return { json: strFromU8(out) };
}
