/**
 * Pictures and clips of the viewer's canvas: PNG at a pixel scale, and a WebM of N seconds of the
 * animation (MediaRecorder on canvas.captureStream) with progress and cancel. Browser-only (DOM).
 */
import { withWebmDuration } from './webm';

export const SNAPSHOT_SCALES = [1, 2, 4] as const;
export const MAX_RECORD_SECONDS = 120;

/** The first WebM type this browser's MediaRecorder can write, or null. */
export function webmMimeType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  for (const t of ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm']) if (MediaRecorder.isTypeSupported(t)) return t;
  return null;
}

export interface RecordOptions {
  seconds: number;
  /** Frames per second captured (default 30). */
  fps?: number;
  /** Called about 10 times a second with the fraction done (0..1). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Asks the view for a frame (the view draws on demand; recording needs frames). */
  redraw?: () => void;
}

/** Record `seconds` of `canvas`; resolves with a WebM blob that carries its duration. Rejects on cancel. */
export function recordCanvas(canvas: HTMLCanvasElement, opts: RecordOptions): Promise<Blob> {
  const mime = webmMimeType();
  if (!mime) return Promise.reject(new Error('this browser cannot record WebM (no MediaRecorder)'));
  if (!(opts.seconds > 0 && opts.seconds <= MAX_RECORD_SECONDS))
    return Promise.reject(new Error(`seconds: expected a number above 0 and at most ${MAX_RECORD_SECONDS}`));
  const fps = opts.fps ?? 30;
  const stream = canvas.captureStream(fps);
  const rec = new MediaRecorder(stream, { mimeType: mime, videoBitsPerSecond: 8_000_000 });
  const chunks: Blob[] = [];
  return new Promise<Blob>((resolve, reject) => {
    let startMs = 0;
    let cancelled = false;
    const tick = setInterval(() => {
      opts.redraw?.();
      if (startMs) opts.onProgress?.(Math.min(1, (performance.now() - startMs) / (opts.seconds * 1000)));
    }, 100);
    const stopTimer = setTimeout(() => rec.state !== 'inactive' && rec.stop(), opts.seconds * 1000 + 50);
    const cleanup = () => {
      clearInterval(tick);
      clearTimeout(stopTimer);
      for (const t of stream.getTracks()) t.stop();
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      cancelled = true;
      if (rec.state !== 'inactive') rec.stop();
      else {
        cleanup();
        reject(new DOMException('recording cancelled', 'AbortError'));
      }
    };
    if (opts.signal?.aborted) {
      cleanup();
      reject(new DOMException('recording cancelled', 'AbortError'));
      return;
    }
    opts.signal?.addEventListener('abort', onAbort);
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    rec.onerror = () => {
      cleanup();
      reject(new Error('the recorder failed'));
    };
    rec.onstop = () => {
      const durationMs = performance.now() - startMs;
      cleanup();
      if (cancelled) {
        reject(new DOMException('recording cancelled', 'AbortError'));
        return;
      }
      opts.onProgress?.(1);
      new Blob(chunks, { type: 'video/webm' })
        .arrayBuffer()
        .then(
          (buf) => resolve(new Blob([withWebmDuration(new Uint8Array(buf), Math.round(durationMs)) as BlobPart], { type: 'video/webm' })),
          reject,
        );
    };
    rec.start(250);
    startMs = performance.now();
    opts.redraw?.();
  });
}

/** Offer `blob` as a download named `name`. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function dataUrlToBlob(dataUrl: string): Blob {
  const [head, b64] = dataUrl.split(',', 2);
  const mime = /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return new Blob([out], { type: mime });
}
