/**
 * "Capture" control over the viewer: PNG at 1x, 2x, 4x and a WebM of N seconds with progress and
 * cancel. Used by the planner's view and the embed (when its UI is on), handed to <ConstellationView topRight>
 * so it sits in one row with the status text.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { usePopupFocus } from '../../render/focus';
import type { ViewerHandle } from '../../render';
import { viewerActions } from '../../render';
import { fileSlug } from '../../core/format';
import { dataUrlToBlob, downloadBlob, MAX_RECORD_SECONDS, recordCanvas, SNAPSHOT_SCALES, webmMimeType } from './record';

const CSS = `
.ocv-capture { position: relative; flex: none; display: flex; flex-direction: column; align-items: flex-end;
  color: #dbe3ee; font: 13px/1.35 system-ui, -apple-system, 'Segoe UI', sans-serif; }
.ocv-capture .ocv-btn { margin-left: 0; }
.ocv-capture-panel { position: absolute; right: 0; top: calc(100% + 4px); padding: 8px 10px; width: 230px;
  background: rgba(12, 17, 28, 0.92);
  border: 1px solid rgba(120, 150, 190, 0.35); border-radius: 6px; display: grid; gap: 6px; }
.ocv-capture-panel .ocv-btn { margin-left: 0; }
.ocv-capture-row { display: flex; gap: 4px; align-items: center; flex-wrap: wrap; }
.ocv-capture-row input { width: 52px; background: rgba(20, 28, 42, 0.95); color: #dbe3ee; border: 1px solid rgba(120, 150, 190, 0.35);
  border-radius: 4px; padding: 2px 4px; font: inherit; }
.ocv-capture progress { width: 100%; accent-color: #56B4E9; }
`;

let cssInjected = false;
function injectCss(): void {
  if (cssInjected || typeof document === 'undefined') return;
  cssInjected = true;
  const el = document.createElement('style');
  el.dataset.owner = 'ocv-capture';
  el.textContent = CSS;
  document.head.appendChild(el);
}

/** Record `seconds` of the view while the clock runs (started if paused, restored after). */
export async function recordView(
  handle: ViewerHandle,
  seconds: number,
  opts: { onProgress?: (f: number) => void; signal?: AbortSignal } = {},
): Promise<Blob> {
  const a = viewerActions(handle.store);
  const wasPlaying = handle.store.getState().clock.playing;
  if (!wasPlaying) a.play();
  try {
    return await recordCanvas(handle.canvas, { seconds, onProgress: opts.onProgress, signal: opts.signal, redraw: () => handle.redraw() });
  } finally {
    if (!wasPlaying) a.pause();
  }
}

export function CaptureMenu({ handle, name, initialOpen = false }: { handle: ViewerHandle | null; name: string; initialOpen?: boolean }) {
  injectCss();
  const [open, setOpen] = useState(initialOpen);
  /** Opened by a click (focus moves in), not open from the start (an embed option: focus stays where it is). */
  const userOpened = useRef(false);
  const [seconds, setSeconds] = useState(5);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const canRecord = webmMimeType() !== null;

  const png = (scale: number) => {
    if (!handle) return;
    try {
      const url = handle.snapshot(scale);
      downloadBlob(dataUrlToBlob(url), `${fileSlug(name)}@${scale}x.png`);
      const r = handle.canvas.getBoundingClientRect();
      setMessage(`PNG ${Math.round(r.width * scale)} x ${Math.round(r.height * scale)} px saved.`);
    } catch (e) {
      setMessage(`Could not make the picture: ${(e as Error).message}`);
    }
  };
  const record = async () => {
    if (!handle) return;
    const ac = new AbortController();
    abort.current = ac;
    setProgress(0);
    setMessage('');
    try {
      const blob = await recordView(handle, seconds, { onProgress: setProgress, signal: ac.signal });
      downloadBlob(blob, `${fileSlug(name)}-${seconds}s.webm`);
      setMessage(`WebM of ${seconds} s saved (${(blob.size / 1e6).toFixed(1)} MB).`);
    } catch (e) {
      setMessage((e as Error).name === 'AbortError' ? 'Recording cancelled.' : `Recording failed: ${(e as Error).message}`);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  return (
    <div className="ocv-capture" data-testid="capture">
      <button
        className="ocv-btn"
        aria-expanded={open}
        onClick={() => {
          userOpened.current = true;
          setOpen(!open);
        }}
        data-testid="capture-toggle"
        title="Picture or clip of the view"
      >
        Capture
      </button>
      {open && (
        <CapturePanel onClose={() => setOpen(false)} takeFocus={userOpened.current}>
          <div className="ocv-capture-row">
            <span className="ocv-muted">PNG</span>
            {SNAPSHOT_SCALES.map((s) => (
              <button key={s} className="ocv-btn" disabled={!handle} onClick={() => png(s)} data-testid={`png-${s}x`}>
                {s}x
              </button>
            ))}
          </div>
          {canRecord ? (
            <div className="ocv-capture-row">
              <span className="ocv-muted">WebM</span>
              <input
                type="number"
                min={1}
                max={MAX_RECORD_SECONDS}
                value={seconds}
                aria-label="Clip length, seconds"
                disabled={progress !== null}
                onChange={(e) => setSeconds(Math.max(1, Math.min(MAX_RECORD_SECONDS, Math.round(Number(e.target.value) || 1))))}
              />
              <span className="ocv-muted">s</span>
              {progress === null ? (
                <button className="ocv-btn" disabled={!handle} onClick={() => void record()} data-testid="record">
                  Record
                </button>
              ) : (
                <button className="ocv-btn" onClick={() => abort.current?.abort()} data-testid="record-cancel">
                  Cancel
                </button>
              )}
            </div>
          ) : (
            <div className="ocv-muted">This browser cannot record WebM.</div>
          )}
          {progress !== null && <progress value={progress} max={1} aria-label="Recording progress" />}
          {message && (
            <div className="ocv-muted" role="status">
              {message}
            </div>
          )}
        </CapturePanel>
      )}
    </div>
  );
}

/** The capture pop-up: focus moves in and stays in while it is open, Escape closes it, focus returns to Capture. */
function CapturePanel({ onClose, takeFocus, children }: { onClose: () => void; takeFocus: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  usePopupFocus(ref, { onClose, takeFocus });
  return (
    <div ref={ref} className="ocv-capture-panel" role="group" aria-label="Capture the view">
      {children}
    </div>
  );
}
