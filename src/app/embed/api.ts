/**
 * The embed's postMessage API (docs/EMBED.md). A host page on a trusted origin (`?origins=`, plus the
 * viewer's own) sends `{ type, requestId?, ... }` to the viewer's window; the viewer answers
 * `{ type: 'ocv:reply', requestId, ok, result | error }` to the sender with the sender's origin as the
 * target, and announces `ocv:ready`, `ocv:selection {id}`, `ocv:globeClick {latDeg, lonDeg}`,
 * `ocv:scenario {name, satellites}` and `ocv:error {error}` to its parent when the parent's origin is
 * trusted. Messages from other origins get nothing. Never '*'.
 *
 * Commands: ocv:play, ocv:pause, ocv:setSpeed {speed}, ocv:setTime {time: ISO (UTC without a zone) |
 * Unix ms}, ocv:jumpToNow, ocv:jumpToEpoch, ocv:setColourMode {mode}, ocv:select {id},
 * ocv:setLayers {layers}, ocv:camera {preset}, ocv:getState (+ satellites drawn, scenarioName),
 * ocv:getStats, ocv:screenPosition {id}, ocv:pick {x, y}, ocv:redraw; handled by the controller
 * (viewerApp.tsx): ocv:loadScenario {scenario}, ocv:snapshot {scale} (PNG data URL), ocv:record
 * {seconds} (WebM Blob).
 *
 * On the wire a satellite id of -1 means "none" (the viewer store holds null for it).
 */
import { COLOUR_MODE_ORDER, type ColourMode } from '../../render/legend';
import { simTimeMs, viewerActions, type CameraPreset, type ViewerLayers } from '../../render/store';
import type { ViewerHandle } from '../../render';
import { timeFromText } from './config';

export type Msg = { type?: unknown; requestId?: unknown; [k: string]: unknown };

export function handleCommand(handle: ViewerHandle, msg: Msg): unknown {
  const store = handle.store;
  const a = viewerActions(store);
  switch (msg.type) {
    case 'ocv:play':
      a.play();
      return true;
    case 'ocv:pause':
      a.pause();
      return true;
    case 'ocv:setSpeed':
      if (typeof msg.speed !== 'number') throw new Error('speed: expected a number');
      a.setSpeed(msg.speed);
      return store.getState().clock.speed;
    case 'ocv:setTime': {
      const t = typeof msg.time === 'number' || typeof msg.time === 'string' ? timeFromText(msg.time) : null;
      if (t === null) throw new Error('time: expected an ISO 8601 time (UTC when it has no zone) or Unix milliseconds');
      a.setTime(t);
      return t;
    }
    case 'ocv:jumpToNow':
      a.jumpToNow();
      return true;
    case 'ocv:jumpToEpoch':
      a.jumpToEpoch();
      return true;
    case 'ocv:setColourMode':
      if (!(COLOUR_MODE_ORDER as unknown[]).includes(msg.mode)) throw new Error(`mode: expected one of ${COLOUR_MODE_ORDER.join(', ')}`);
      a.setColourMode(msg.mode as ColourMode);
      return msg.mode;
    case 'ocv:select':
      if (typeof msg.id !== 'number') throw new Error('id: expected a satellite id (number), -1 to clear');
      a.select(msg.id);
      return store.getState().selectedId ?? -1;
    case 'ocv:setLayers':
      if (typeof msg.layers !== 'object' || msg.layers === null) throw new Error('layers: expected an object of booleans');
      a.setLayers(msg.layers as Partial<ViewerLayers>);
      return store.getState().layers;
    case 'ocv:camera':
      if (!['earth', 'shell', 'station', 'focus'].includes(msg.preset as string))
        throw new Error('preset: expected earth, shell, station or focus');
      a.camera(msg.preset as CameraPreset);
      return true;
    case 'ocv:getState': {
      const s = store.getState();
      return {
        timeMs: simTimeMs(s.clock),
        playing: s.clock.playing,
        speed: s.clock.speed,
        colourMode: s.colourMode,
        selectedId: s.selectedId ?? -1,
        layers: s.layers,
        status: s.status,
        contextLost: s.contextLost,
      };
    }
    case 'ocv:getStats':
      return handle.stats();
    case 'ocv:screenPosition':
      if (typeof msg.id !== 'number') throw new Error('id: expected a number');
      return handle.screenPosition(msg.id);
    case 'ocv:pick':
      if (typeof msg.x !== 'number' || typeof msg.y !== 'number') throw new Error('x, y: expected CSS pixel numbers');
      // The reply is asynchronous anyway: read the id buffer back without a GPU stall.
      return handle.pickAtAsync(msg.x, msg.y);
    case 'ocv:redraw':
      handle.redraw();
      return true;
    default:
      throw new Error(`unknown command ${JSON.stringify(msg.type)}`);
  }
}

/**
 * The origins whose commands the viewer obeys and to which it sends replies and events: the
 * `origins=` list, plus the viewer's own origin. Never '*'. Entries that are not an origin
 * (scheme://host[:port]) are left out with a warning.
 */
export function trustedOrigins(list: string | null, ownOrigin: string): { origins: Set<string>; warnings: string[] } {
  const origins = new Set<string>();
  const warnings: string[] = [];
  if (ownOrigin && ownOrigin !== 'null') origins.add(ownOrigin);
  for (const raw of (list ?? '').split(',')) {
    const o = raw.trim();
    if (!o) continue;
    let parsed: URL | null = null;
    try {
      parsed = new URL(o);
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== o.replace(/\/$/, '')) {
      warnings.push(`origins: "${o.slice(0, 80)}" is not an origin such as https://slides.example.org; ignored`);
      continue;
    }
    origins.add(parsed.origin);
  }
  return { origins, warnings };
}

/** The parent page's origin when the browser tells it (ancestorOrigins, else the referrer). */
export function parentOrigin(): string | null {
  if (window.parent === window) return null;
  const anc = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (anc && anc.length > 0) return anc[0];
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

export interface CommandTarget {
  command(msg: Msg): Promise<unknown>;
  on(fn: (e: { type: string; [k: string]: unknown }) => void): () => void;
}

/**
 * Listen for commands from trusted origins (others are ignored: no reply, no event); reply to the
 * sender with its own origin as the target, and send events to the parent only when its origin is
 * trusted. Returns an unsubscribe function.
 */
export function installMessageApi(target: CommandTarget, trusted: Set<string>): () => void {
  let parentKnown = parentOrigin();
  const post = (w: Window, body: unknown, origin: string) => {
    try {
      w.postMessage(body, { targetOrigin: origin });
    } catch (e) {
      // A result the browser cannot clone: say so to the sender instead.
      w.postMessage(
        { type: 'ocv:reply', requestId: (body as { requestId?: unknown }).requestId ?? null, ok: false, error: (e as Error).message },
        { targetOrigin: origin },
      );
    }
  };
  const onMessage = (e: MessageEvent) => {
    if (!trusted.has(e.origin)) return;
    const msg = e.data as Msg;
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string' || !msg.type.startsWith('ocv:') || msg.type === 'ocv:reply') return;
    if (EVENT_TYPES.includes(msg.type)) return;
    const source = (e.source as Window | null) ?? null;
    if (!source) return;
    if (source === window.parent && window.parent !== window) parentKnown = e.origin;
    const requestId = typeof msg.requestId === 'string' || typeof msg.requestId === 'number' ? msg.requestId : null;
    target.command(msg).then(
      (result) => post(source, { type: 'ocv:reply', requestId, ok: true, result }, e.origin),
      (err: unknown) => post(source, { type: 'ocv:reply', requestId, ok: false, error: (err as Error)?.message ?? String(err) }, e.origin),
    );
  };
  window.addEventListener('message', onMessage);
  const unsub = target.on((ev) => {
    if (window.parent === window || !parentKnown || !trusted.has(parentKnown)) return;
    window.parent.postMessage(ev, { targetOrigin: parentKnown });
  });
  return () => {
    window.removeEventListener('message', onMessage);
    unsub();
  };
}

const EVENT_TYPES = ['ocv:ready', 'ocv:selection', 'ocv:globeClick', 'ocv:scenario', 'ocv:error'];
