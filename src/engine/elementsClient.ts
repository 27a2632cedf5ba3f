/**
 * Element-file parsing for the page, off the main thread: workers/import.worker.ts (comlink)
 * parses a File as a stream with progress, or a text; Cancel terminates the worker. Where
 * Workers are unavailable (or the worker fails to start) the streaming parser runs here in
 * slices with a yield between them, so the view still stays responsive.
 */
import * as Comlink from 'comlink';
import { createElementStreamParser, type ImportResult, type ParseOptions } from '../core/elements';
import type { ImportWorkerApi } from '../../workers/import.api';

export const SLICE_CHARS = 512 * 1024;

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

/** In-thread fallback: the streaming parser fed in slices. */
export async function parseElementsSliced(
  text: string,
  opts: { acceptBadChecksums: boolean },
  onProgress?: (fraction: number, records: number) => void,
  signal?: AbortSignal,
): Promise<ImportResult> {
  const p = createElementStreamParser({ acceptBadChecksums: opts.acceptBadChecksums });
  for (let at = 0; at < text.length; at += SLICE_CHARS) {
    if (signal?.aborted) throw new Cancelled();
    p.push(text.slice(at, at + SLICE_CHARS));
    onProgress?.(Math.min(1, (at + SLICE_CHARS) / Math.max(1, text.length)), p.records);
    await yieldToEventLoop();
  }
  if (signal?.aborted) throw new Cancelled();
  return p.finish();
}

function startWorker(): { api: Comlink.Remote<ImportWorkerApi>; worker: Worker } | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const worker = new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'element-import' });
    return { api: Comlink.wrap<ImportWorkerApi>(worker), worker };
  } catch {
    return null;
  }
}

/** Run `fn` on a fresh import worker; aborting the signal terminates it. */
async function onWorker<T>(signal: AbortSignal | undefined, fn: (api: Comlink.Remote<ImportWorkerApi>) => Promise<T>): Promise<T | null> {
  const w = startWorker();
  if (!w) return null;
  let onAbort: (() => void) | null = null;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      w.worker.terminate();
      reject(new Cancelled());
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  const failed = new Promise<never>((_, reject) => {
    w.worker.addEventListener('error', (e) => reject(new Error(`import worker failed: ${e.message || 'could not start'}`)), { once: true });
  });
  try {
    return await Promise.race([fn(w.api), aborted, failed]);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    w.worker.terminate();
  }
}

/** Parse a picked or dropped file off the main thread, with progress (fraction of bytes read). */
export async function parseElementFile(
  file: Blob,
  text: string,
  opts: ParseOptions,
  onProgress?: (fraction: number, records: number) => void,
  signal?: AbortSignal,
): Promise<ImportResult> {
  try {
    const r = await onWorker(signal, (api) =>
      api.parseBlob(
        file,
        opts,
        onProgress
          ? Comlink.proxy((read: number, total: number, records: number) => onProgress(total > 0 ? read / total : 1, records))
          : undefined,
      ),
    );
    if (r) return r;
  } catch (e) {
    if (e instanceof Cancelled) throw e;
    // worker unusable here: fall through to the in-thread parser
  }
  return parseElementsSliced(text, { acceptBadChecksums: opts.acceptBadChecksums === true }, onProgress, signal);
}

/** Parse element text (a scenario's imported shell) off the main thread. */
export async function parseElementText(text: string, opts: ParseOptions, signal?: AbortSignal): Promise<ImportResult> {
  try {
    const r = await onWorker(signal, (api) => api.parseText(text, opts));
    if (r) return r;
  } catch (e) {
    if (e instanceof Cancelled) throw e;
  }
  return parseElementsSliced(text, { acceptBadChecksums: opts.acceptBadChecksums === true }, undefined, signal);
}
