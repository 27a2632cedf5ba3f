/**
 * The element-import worker's API (its entry is import.worker.ts; the parsing is src/core/elements). Parses text,
 * or a File/Blob read as a stream with progress, off the main thread; the resulting columns
 * come back as transferred ArrayBuffers (no copy).
 *
 * Main thread:
 *   const api = Comlink.wrap<ImportWorkerApi>(new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' }));
 *   const result = await api.parseBlob(file, {}, Comlink.proxy((read, total) => ...));
 */
import * as Comlink from 'comlink';
import { elementColumnBuffers } from '../src/core/elements/columns';
import { parseElements, parseElementStream } from '../src/core/elements/stream';
import type { ImportResult, ParseOptions } from '../src/core/elements/types';

/** Progress is reported at most once per this many bytes (plus once at the end). */
const PROGRESS_STEP_BYTES = 1 << 20;

export interface ImportWorkerApi {
  /** Parse a whole text. */
  parseText(text: string, opts?: ParseOptions): ImportResult;
  /**
   * Parse a File/Blob as a UTF-8 stream; `onProgress(bytesRead, totalBytes, records)` (wrap it in
   * Comlink.proxy). To cancel, terminate the worker.
   */
  parseBlob(
    blob: Blob,
    opts?: ParseOptions,
    onProgress?: (bytesRead: number, totalBytes: number, records: number) => void,
  ): Promise<ImportResult>;
}

function transferResult(r: ImportResult): ImportResult {
  return Comlink.transfer(r, elementColumnBuffers(r.columns));
}

export const importWorkerApi: ImportWorkerApi = {
  parseText(text, opts) {
    return transferResult(parseElements(text, opts));
  },
  async parseBlob(blob, opts, onProgress) {
    const total = blob.size;
    let reported = 0;
    const progress = onProgress
      ? (read: number, records: number) => {
          if (read - reported >= PROGRESS_STEP_BYTES || read >= total) {
            reported = read;
            void Promise.resolve(onProgress(read, total, records)).catch(() => undefined);
          }
        }
      : undefined;
    const r = await parseElementStream(blob.stream(), { ...opts, onProgress: progress });
    return transferResult(r);
  },
};
