/**
 * Element-file parsing for the page. The parser (src/core/elements) is a streaming one, so the
 * text is fed in slices with a yield to the event loop between them: the view stays
 * responsive, progress is reported, and the work can be cancelled.
 * (When workers/import.worker.ts is available this is the place to move it off the thread.)
 */
import { createElementStreamParser, type ImportResult } from '../core/elements';

export const SLICE_CHARS = 512 * 1024;

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

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
