/**
 * The embed's postMessage API. A host page sends `{ type, requestId?, ... }` to the viewer's
 * window; the viewer answers `{ type: 'ocv:reply', requestId, ok, result | error }` to the sender,
 * and announces `{ type: 'ocv:ready' }`, `{ type: 'ocv:selection', id }` and
 * `{ type: 'ocv:globeClick', latDeg, lonDeg }` (a click on the Earth away from satellites) to its parent.
 *
 * Commands: ocv:play, ocv:pause, ocv:setSpeed {speed}, ocv:setTime {time: ISO | Unix ms},
 * ocv:jumpToNow, ocv:jumpToEpoch, ocv:setColourMode {mode}, ocv:select {id}, ocv:setLayers {layers},
 * ocv:camera {preset}, ocv:getState, ocv:getStats, ocv:screenPosition {id}, ocv:pick {x, y},
 * ocv:snapshot (PNG data URL), ocv:redraw.
 */
import { COLOUR_MODE_ORDER, type ColourMode } from '../../render/legend';
import { simTimeMs, viewerActions, type CameraPreset, type ViewerLayers } from '../../render/store';
import type { ViewerHandle } from '../../render';

type Msg = { type?: unknown; requestId?: unknown; [k: string]: unknown };

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
      const t = typeof msg.time === 'number' ? msg.time : typeof msg.time === 'string' ? Date.parse(msg.time) : Number.NaN;
      if (!Number.isFinite(t)) throw new Error('time: expected an ISO 8601 time or Unix milliseconds');
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
      return store.getState().selectedId;
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
        selectedId: s.selectedId,
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
      return handle.pickAt(msg.x, msg.y);
    case 'ocv:snapshot':
      return handle.snapshot();
    case 'ocv:redraw':
      handle.redraw();
      return true;
    default:
      throw new Error(`unknown command ${JSON.stringify(msg.type)}`);
  }
}

/** Listen for commands; returns an unsubscribe function. */
export function installMessageApi(handle: ViewerHandle): () => void {
  const onMessage = (e: MessageEvent) => {
    const msg = e.data as Msg;
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string' || !msg.type.startsWith('ocv:') || msg.type === 'ocv:reply') return;
    if (['ocv:ready', 'ocv:selection', 'ocv:globeClick'].includes(msg.type)) return;
    const reply = (body: Record<string, unknown>) => {
      const target = (e.source as Window | null) ?? window.parent;
      target.postMessage({ type: 'ocv:reply', requestId: msg.requestId ?? null, ...body }, { targetOrigin: '*' });
    };
    try {
      reply({ ok: true, result: handleCommand(handle, msg) });
    } catch (err) {
      reply({ ok: false, error: (err as Error).message });
    }
  };
  window.addEventListener('message', onMessage);
  let lastSel = handle.store.getState().selectedId;
  const unsub = handle.store.subscribe(() => {
    const id = handle.store.getState().selectedId;
    if (id !== lastSel) {
      lastSel = id;
      if (window.parent !== window) window.parent.postMessage({ type: 'ocv:selection', id }, '*');
    }
  });
  if (window.parent !== window) window.parent.postMessage({ type: 'ocv:ready' }, '*');
  return () => {
    window.removeEventListener('message', onMessage);
    unsub();
  };
}
